"""Fades that change only colours when the faded object does not move.

Manim's FadeIn and FadeOut are Transforms: every frame they recompute each point as `(1 - a)·p + a·p`,
which is `p` only up to rounding, so a paragraph being faded gets new points on every frame and the lesson
camera rebuilds its cairo paths (scenes.camera), glyph by glyph, 60 times a second. A fade without shift or
scale moves nothing: here it interpolates the colours alone and leaves the points as they are. Same
opacities frame by frame, same end states (a FadeOut still restores and removes), same keyword arguments;
a fade with a shift or a scale is manim's, unchanged.
"""

from __future__ import annotations

import numpy as np
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
