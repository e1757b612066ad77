"""Fades that change only colours when the faded object does not move.

Manim's FadeIn and FadeOut are Transforms: every frame they recompute each point as `(1 - a)·p + a·p`,
which is `p` only up to rounding, so a paragraph being faded gets new points on every frame and the lesson
camera rebuilds its cairo paths (scenes.camera), glyph by glyph, 60 times a second. A fade without shift or
scale moves nothing: here it interpolates the colours alone and leaves the points as they are. Same
opacities frame by frame, same end states (a FadeOut still restores and removes), same keyword arguments;
a fade with a shift or a scale is manim's, unchanged. `Dim` is `.animate.fade(d)` without the copies.
"""

from __future__ import annotations

import numpy as np
from manim import Animation, Mobject
from manim import FadeIn as ManimFadeIn
from manim import FadeOut as ManimFadeOut
from manim.mobject.types.vectorized_mobject import VMobject


class _StillFade:
    def interpolate_submobject(self, submobject, starting_submobject, target_copy, alpha):
        if isinstance(submobject, VMobject) and self.scale_factor == 1 and not np.any(self.shift_vector):
            submobject.interpolate_color(starting_submobject, target_copy, alpha)
            return self
        return super().interpolate_submobject(submobject, starting_submobject, target_copy, alpha)


class FadeIn(_StillFade, ManimFadeIn):
    """manim.FadeIn; colours only when nothing moves."""


class FadeOut(_StillFade, ManimFadeOut):
    """manim.FadeOut; colours only when nothing moves."""


class Dim(Animation):
    """`mobject.animate.fade(darkness)` without copying the mobject: the same end state (every part's fill,
    stroke and background stroke at `1 - darkness` of its opacity), reached by interpolating the opacities
    alone. manim's `.animate` copies the whole family twice (its target and its starting state) and
    interpolates every point: for the conclusion's recap of a function with many critical points, copies of
    hundreds of thousands of mobjects, most of the section's drawing time."""

    def __init__(self, mobject: Mobject, darkness: float = 0.5, **kwargs) -> None:
        super().__init__(mobject, **kwargs)
        self.darkness = darkness
        self.faded: list = []

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # interpolate_mobject reads the opacities kept in begin(), not a copy

    def begin(self) -> None:
        factor = 1.0 - self.darkness
        self.faded = []
        for part in self.mobject.get_family():
            if not isinstance(part, VMobject):
                continue
            arrays = []
            for name, opacity in (("fill_rgbas", part.get_fill_opacity()),
                                  ("stroke_rgbas", part.get_stroke_opacity()),
                                  ("background_stroke_rgbas", part.get_stroke_opacity(background=True))):
                start = np.array(getattr(part, name), dtype=float)
                arrays.append((name, start, factor * opacity))
            self.faded.append((part, arrays))
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        a = self.rate_func(alpha)
        for part, arrays in self.faded:
            for name, start, target in arrays:
                now = start.copy()
                now[:, 3] = (1 - a) * start[:, 3] + a * target
                setattr(part, name, now)
