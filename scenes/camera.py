"""The lessons' camera: manim's Cairo camera, remembering each VMobject's path while its points stay put.

Manim rebuilds every drawn VMobject's cairo path each frame in Python (splitting it into subpaths, one
`curve_to` call per curve). A frame redraws everything above the first moving object, so text beside a
moving ball (a paragraph is a hundred glyphs) was rebuilt 60 times a second: that was the largest part of
drawing a frame at 1080p. Here the path is built once and replayed while the points are equal; cairo's
path round trip (copy_path, append_path) is exact, so the pixels are the same.
"""

from __future__ import annotations

import weakref

import numpy as np
from manim.camera.camera import Camera

PRUNE_AT = 4096  # remembered paths before the ones of deleted objects are dropped


class LessonCamera(Camera):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._paths: dict[int, tuple[weakref.ref, np.ndarray, object]] = {}

    def set_cairo_context_path(self, ctx, vmobject):
        points = vmobject.points
        if len(points) == 0:
            return super().set_cairo_context_path(ctx, vmobject)  # manim leaves the context's path as it was
        known = self._paths.get(id(vmobject))
        if known is not None and known[0]() is vmobject and known[1].shape == points.shape \
                and np.array_equal(known[1], points):
            ctx.new_path()
            ctx.append_path(known[2])
            return self
        super().set_cairo_context_path(ctx, vmobject)
        if len(self._paths) >= PRUNE_AT:
            self._paths = {key: value for key, value in self._paths.items() if value[0]() is not None}
        self._paths[id(vmobject)] = (weakref.ref(vmobject), points.copy(), ctx.copy_path())
        return self
