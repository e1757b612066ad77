"""The lessons' camera: manim's Cairo camera, drawing less of what does not change.

Paths: manim rebuilds every drawn VMobject's cairo path each frame in Python (splitting it into subpaths,
one `curve_to` call per curve). Here a path is built once and replayed while the points stay equal; cairo's
path round trip (copy_path, append_path) is exact.

Layers (`capture_layered`, used by the render pipeline): manim redraws every frame everything above the
first moving object, so a paragraph beside a rolling ball (a hundred glyphs) was drawn 60 times a second.
Here such objects are drawn once into a cached background when they cannot change (no animation and no
updater on them or above them, and their drawing state checked every frame) and no object drawn before
them that is not cached touches their pixels in this frame: pixels where draws do not overlap do not depend
on the order of the draws, so the frame is exactly the one manim draws.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np
from manim.camera.camera import Camera
from manim.mobject.mobject import Mobject
from manim.mobject.types.vectorized_mobject import VMobject
from manim.mobject.value_tracker import ValueTracker

PRUNE_AT = 4096  # remembered paths before the ones of deleted objects are dropped
MITER_REACH = 5.0  # a miter join reaches at most miter limit (cairo's 10) × half the line width
EDGE_PX = 2.0  # antialiasing touches pixels beside the shape's box
NOWHERE = np.array([np.inf, np.inf, -np.inf, -np.inf])
EVERYWHERE = np.array([-np.inf, -np.inf, np.inf, np.inf])


@dataclass(frozen=True)
class Snapshot:
    """The drawing state of cached VMobjects (one fill, one stroke, one background stroke colour each:
    everything Camera.display_vectorized reads), as a few arrays compared in one go each frame."""

    lengths: tuple[int, ...]
    points: np.ndarray
    colours: np.ndarray
    strokes: tuple

    @staticmethod
    def of(vmobjects: list[VMobject]) -> Snapshot:
        if not vmobjects:
            return Snapshot((), np.zeros((0, 3)), np.zeros((0, 12)), ())
        return Snapshot(tuple(len(m.points) for m in vmobjects), np.concatenate([m.points for m in vmobjects]),
                        np.concatenate([np.concatenate([m.get_fill_rgbas(), m.get_stroke_rgbas(),
                                                        m.get_stroke_rgbas(background=True)], axis=1)
                                        for m in vmobjects]),
                        tuple((m.get_stroke_width(), m.get_stroke_width(background=True), m.joint_type, m.cap_style)
                              for m in vmobjects))

    def changed(self, vmobjects: list[VMobject]) -> list[int]:
        """Indices of the vmobjects whose drawing state is no longer the one recorded."""
        now = Snapshot.of(vmobjects)
        if now.lengths == self.lengths and np.array_equal(now.points, self.points) \
                and np.array_equal(now.colours, self.colours) and now.strokes == self.strokes:
            return []
        ends = np.cumsum((0, *self.lengths))
        return [i for i, m in enumerate(vmobjects)
                if len(m.points) != self.lengths[i] or not np.array_equal(m.points, self.points[ends[i]:ends[i + 1]])
                or not np.array_equal(now.colours[i], self.colours[i]) or now.strokes[i] != self.strokes[i]]


@dataclass
class Layer:
    """The cached background of one animation: what it was built for and what it holds."""

    order: tuple[int, ...]  # ids of the drawn mobjects, in drawing order
    background: np.ndarray | None  # manim's static image it starts from
    refused: set[int]  # positions never cached here (changing, or changed once)
    cached: list[int] = field(default_factory=list)  # positions in `order` drawn into `image`
    snapshot: Snapshot | None = None  # their drawing state when cached
    boxes: np.ndarray | None = None  # their pixel boxes
    image: np.ndarray | None = None


class LessonCamera(Camera):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._paths: dict[int, tuple[weakref.ref, np.ndarray, object]] = {}
        self._layer: Layer | None = None

    def display_vectorized(self, vmobject, ctx):
        points = vmobject.points
        if len(points) == 4 and (points == points[0]).all() and not vmobject.get_stroke_width() \
                and not vmobject.get_stroke_width(background=True):
            return self  # a filled point (a read-out's unused glyph) covers no pixel
        return super().display_vectorized(vmobject, ctx)

    def display_image_mobject(self, image_mobject, pixel_array):
        """An unrotated image (a contour map), resized to its box on the frame and laid over it. manim 0.22's
        own drawing fails under Pillow 11 (it makes an RGBA image of a float array) and warps every image in
        perspective, which an image the lessons draw never needs."""
        from PIL import Image

        corners = self.points_to_pixel_coords(image_mobject, image_mobject.points)  # ul, ur, dl, (dr)
        left, top = corners[0]
        right, bottom = corners[1][0], corners[2][1]
        width, height = int(round(right - left)), int(round(bottom - top))
        if width < 1 or height < 1:
            return
        source = Image.fromarray(np.ascontiguousarray(image_mobject.get_pixel_array(), dtype=np.uint8), "RGBA")
        drawn = np.asarray(source.resize((width, height), resample=image_mobject.resampling_algorithm), float)
        x0, y0 = int(round(left)), int(round(top))
        xa, ya = max(x0, 0), max(y0, 0)
        xb, yb = min(x0 + width, pixel_array.shape[1]), min(y0 + height, pixel_array.shape[0])
        if xa >= xb or ya >= yb:
            return
        part = drawn[ya - y0:yb - y0, xa - x0:xb - x0]
        alpha = part[:, :, 3:4] / 255.0
        below = pixel_array[ya:yb, xa:xb].astype(float)
        pixel_array[ya:yb, xa:xb, :3] = np.round(part[:, :, :3] * alpha + below[:, :, :3] * (1 - alpha))
        pixel_array[ya:yb, xa:xb, 3] = np.round(255 * alpha[:, :, 0] + below[:, :, 3] * (1 - alpha[:, :, 0]))

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

    # Layers

    def pixel_boxes(self, mobjects: list[Mobject]) -> np.ndarray:
        """[x0, y0, x1, y1] in pixels per mobject, holding every pixel drawing it can touch (its control
        points' box, widened by its strokes' reach and antialiasing); nowhere for a transparent draw."""
        boxes = np.empty((len(mobjects), 4))
        vector = [i for i, m in enumerate(mobjects) if isinstance(m, VMobject) and not invisible(m)]
        for i, m in enumerate(mobjects):
            if not isinstance(m, VMobject):  # manim draws no plain Mobject (a ValueTracker); others: anywhere
                boxes[i] = NOWHERE if type(m) is Mobject or isinstance(m, ValueTracker) else EVERYWHERE
            elif i not in vector:
                boxes[i] = NOWHERE  # a fully transparent draw changes no pixel
        if vector:
            lengths = [len(mobjects[i].points) for i in vector]
            starts = np.cumsum([0, *lengths[:-1]])
            points = np.concatenate([mobjects[i].points[:, :2] for i in vector])
            low, high = np.minimum.reduceat(points, starts), np.maximum.reduceat(points, starts)
            widths = np.array([max(mobjects[i].get_stroke_width(), mobjects[i].get_stroke_width(background=True))
                               for i in vector])
            scale_x, scale_y = self.pixel_width / self.frame_width, self.pixel_height / self.frame_height
            reach = MITER_REACH * widths * self.cairo_line_width_multiple * scale_x + EDGE_PX
            centre_x, centre_y = self.frame_center[0], self.frame_center[1]
            boxes[vector, 0] = (low[:, 0] - centre_x) * scale_x + self.pixel_width / 2 - reach
            boxes[vector, 2] = (high[:, 0] - centre_x) * scale_x + self.pixel_width / 2 + reach
            boxes[vector, 1] = (centre_y - high[:, 1]) * scale_y + self.pixel_height / 2 - reach
            boxes[vector, 3] = (centre_y - low[:, 1]) * scale_y + self.pixel_height / 2 + reach
        return boxes

    def capture_layered(self, background: np.ndarray | None, mobjects, changing: set[int]) -> None:
        """What `set_frame_to_background(background)` (or `reset()`) and `capture_mobjects(mobjects)` draw,
        with the drawn objects that cannot change (not in `changing`, ids) and touch no uncached object
        drawn before them taken from a cached background."""
        drawn = self.get_mobjects_to_display(mobjects)
        order = tuple(id(m) for m in drawn)
        layer = self._layer
        if layer is None or layer.order != order or layer.background is not background:
            layer = self._layer = Layer(order, background,
                                        {i for i, m in enumerate(drawn) if id(m) in changing or not cacheable(m)})
        elif layer.cached:
            changed = layer.snapshot.changed([drawn[i] for i in layer.cached])
            if changed:
                layer.refused.update(layer.cached[k] for k in changed)
                keep = [k for k in range(len(layer.cached)) if k not in set(changed)]
                layer.cached = [layer.cached[k] for k in keep]
                layer.boxes = layer.boxes[keep]
                layer.image = None
        keep = self._untouched(layer, drawn)
        if layer.image is None or keep != layer.cached:
            self._cache(layer, drawn, keep)
        self.set_frame_to_background(layer.image)
        cached = set(layer.cached)
        self.capture_mobjects([m for i, m in enumerate(drawn) if i not in cached], include_submobjects=False)

    def _untouched(self, layer: Layer, drawn: list) -> list[int]:
        """The cacheable positions no uncached object drawn before them may touch in this frame (one left
        out is uncached too, so it may push out later ones: repeated until nothing changes)."""
        candidates = [i for i in range(len(drawn)) if i not in layer.refused]
        if not candidates:
            return []
        boxes = np.empty((len(drawn), 4))
        known = set(layer.cached)
        if layer.cached:
            boxes[layer.cached] = layer.boxes
        others = [i for i in range(len(drawn)) if i not in known]
        if others:
            boxes[others] = self.pixel_boxes([drawn[i] for i in others])
        kept = np.zeros(len(drawn), dtype=bool)
        kept[candidates] = True
        while True:
            live, cached = np.flatnonzero(~kept), np.flatnonzero(kept)
            if not len(live) or not len(cached):
                break
            a, b = boxes[cached][:, None, :], boxes[live][None, :, :]
            overlap = ((b[..., 0] < a[..., 2]) & (a[..., 0] < b[..., 2]) & (b[..., 1] < a[..., 3])
                       & (a[..., 1] < b[..., 3]) & (live[None, :] < cached[:, None]))
            touched = cached[overlap.any(axis=1)]
            if not len(touched):
                break
            kept[touched] = False
        return [int(i) for i in np.flatnonzero(kept)]

    def _cache(self, layer: Layer, drawn: list, positions: list[int]) -> None:
        """Redraw the cached background with the objects at `positions` (in drawing order)."""
        if layer.background is not None:
            self.set_frame_to_background(layer.background)
        else:
            self.reset()
        cached = [drawn[i] for i in positions]
        self.capture_mobjects(cached, include_submobjects=False)
        layer.image = self.pixel_array.copy()
        layer.cached = positions
        layer.snapshot = Snapshot.of(cached)
        layer.boxes = self.pixel_boxes(cached)


def invisible(vmobject: VMobject) -> bool:
    """Drawn with alpha 0 everywhere (cairo's OVER with a transparent source leaves every pixel as it was)."""
    return not (vmobject.get_fill_rgbas()[:, 3].any()
                or (vmobject.get_stroke_width() and vmobject.get_stroke_rgbas()[:, 3].any())
                or (vmobject.get_stroke_width(background=True)
                    and vmobject.get_stroke_rgbas(background=True)[:, 3].any()))


def cacheable(mobject) -> bool:
    """A VMobject drawn with one fill and one stroke colour (a gradient's ends depend on its whole family),
    flat, without a background image."""
    return (isinstance(mobject, VMobject) and not mobject.get_background_image() and not mobject.shade_in_3d
            and len(mobject.get_fill_rgbas()) == 1 and len(mobject.get_stroke_rgbas()) == 1
            and len(mobject.get_stroke_rgbas(background=True)) == 1)
def changing_ids(scene) -> set[int]:
    """Ids of what may change during the scene's current animations: the animated mobjects, and every
    mobject with an updater, each with its family (an updater may move its children)."""
    from manim.animation.composition import AnimationGroup

    hot: set[int] = set()

    def animated(animations) -> None:
        for animation in animations:
            hot.update(id(m) for m in animation.mobject.get_family())
            if isinstance(animation, AnimationGroup):
                animated(animation.animations)
    animated(scene.animations or [])

    def walk(mobject, inherited: bool) -> None:
        changing = inherited or id(mobject) in hot or bool(mobject.updaters)
        if changing:
            hot.add(id(mobject))
        for part in mobject.submobjects:
            walk(part, changing)
    for mobject in [*scene.mobjects, *scene.foreground_mobjects]:
        walk(mobject, mobject in scene.foreground_mobjects)
    return hot
