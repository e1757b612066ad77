"""Fitting a mobject to the frame: shrink to a panel's width, shift back inside the safe area."""

from __future__ import annotations

from manim import RIGHT, UP

from . import theme
from .layout import box_of, safe_area
from .text import em_height, least_em

__all__ = ["fit_width", "keep_in_frame", "shrink_legibly"]


def fit_width(mobject, width: float = theme.PANEL_WIDTH):
    """Shrink a mobject to `width` if it is wider (formulas of long functions)."""
    if mobject.width > width:
        mobject.scale_to_fit_width(width)
    return mobject


def shrink_legibly(text, width: float) -> bool:
    """Shrink `text` (one Typst text) to `width` if it is wider, unless that would draw it under its least
    legible size (theme.BODY_EM / SMALL_EM); False, and `text` untouched, when it cannot fit legibly."""
    if text.width <= width:
        return True
    if em_height(text) * width / text.width < least_em(text):
        return False
    text.scale_to_fit_width(width)
    return True


def keep_in_frame(mobject):
    """Shift (never scale) a mobject back inside the safe area."""
    safe, box = safe_area(), box_of(mobject)
    dx = max(0, box.right - safe.right) - max(0, safe.left - box.left)
    dy = max(0, box.top - safe.top) - max(0, safe.bottom - box.bottom)
    mobject.shift(-dx * RIGHT - dy * UP)
    return mobject
