"""Fitting a mobject to the frame: shrink to a panel's width, shift back inside the safe area."""

from __future__ import annotations

from manim import RIGHT, UP

from . import theme
from .layout import box_of, safe_area

__all__ = ["fit_width", "keep_in_frame"]


def fit_width(mobject, width: float = theme.PANEL_WIDTH):
    """Shrink a mobject to `width` if it is wider (formulas of long functions)."""
    if mobject.width > width:
        mobject.scale_to_fit_width(width)
    return mobject


def keep_in_frame(mobject):
    """Shift (never scale) a mobject back inside the safe area."""
    safe, box = safe_area(), box_of(mobject)
    dx = max(0, box.right - safe.right) - max(0, safe.left - box.left)
    dy = max(0, box.top - safe.top) - max(0, safe.bottom - box.bottom)
    mobject.shift(-dx * RIGHT - dy * UP)
    return mobject
