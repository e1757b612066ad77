"""Where things are on screen: boxes, the safe area, and the roles the layout check and label placement read.

A mobject's role is a tag set by the component that draws it (`tag`), so the check needs no knowledge of
any scene: `text` is everything made of glyphs, `tick` a tick label or axis name (it sits by its axis by
design), `line` a curve that no text may cross, `axis` an axis line
that no text but its ticks may cross, `region` an area text must stay out of
unless it belongs to the region's owner (the sign chart's cells), `marker` a dot or ball that must stay
inside its axes, `highlight` a tinted band (a plateau) no text of its own colour may sit on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import Mobject, config

from . import theme

TEXT, TICK, LINE, AXIS, REGION, MARKER, HIGHLIGHT = "text", "tick", "line", "axis", "region", "marker", "highlight"


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def overlap(self, other: Box) -> float:
        """The smaller of the overlaps along x and y (≤ 0 when the boxes are apart)."""
        return min(min(self.right, other.right) - max(self.left, other.left),
                   min(self.top, other.top) - max(self.bottom, other.bottom))

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.bottom - by, self.right + by, self.top + by)

    def contains_any(self, points: np.ndarray) -> bool:
        if points.size == 0:
            return False
        inside = ((points[:, 0] > self.left) & (points[:, 0] < self.right) &
                  (points[:, 1] > self.bottom) & (points[:, 1] < self.top))
        return bool(inside.any())

    def within(self, outer: Box, tolerance: float = 1e-3) -> bool:
        return (self.left >= outer.left - tolerance and self.right <= outer.right + tolerance and
                self.bottom >= outer.bottom - tolerance and self.top <= outer.top + tolerance)


def box_of(mobject: Mobject) -> Box:
    """The box manim's `get_corner` gives (the anchors of the whole family; control points ignored), computed
    in one pass: the layout check asks for some 50 000 boxes a lesson, and manim builds each corner from a
    Python list of anchors."""
    points = _boundary(mobject)
    if len(points) == 0:
        return Box(0.0, 0.0, 0.0, 0.0)
    low, high = points[:, :2].min(axis=0), points[:, :2].max(axis=0)
    return Box(float(low[0]), float(low[1]), float(high[0]), float(high[1]))


def _boundary(mobject: Mobject) -> np.ndarray:
    """`mobject.get_points_defining_boundary()` without the per-anchor Python list (same points, as rows)."""
    from manim import VMobject

    if not isinstance(mobject, VMobject):
        return np.asarray(mobject.get_points_defining_boundary())
    chunks = []
    for part in mobject.get_family():
        points = part.points
        if len(points) == 0:
            continue
        if not isinstance(part, VMobject):
            chunks.append(np.asarray(part.get_anchors()).reshape(-1, points.shape[1]))
        elif points.shape[0] == 1:
            chunks.append(points)
        else:
            n = part.n_points_per_cubic_curve
            chunks += [points[0::n], points[n - 1::n]]
    return np.concatenate(chunks) if chunks else np.zeros((0, 3))


def safe_area() -> Box:
    """The frame less the action-safe margin (EBU R95): nothing is drawn outside it."""
    half_w = config.frame_width / 2 - theme.FRAME_MARGIN
    half_h = config.frame_height / 2 - theme.FRAME_MARGIN
    return Box(-half_w, -half_h, half_w, half_h)


def tag(mobject: Mobject, role: str, owner: object = None) -> Mobject:
    """Give `mobject` a layout role; `owner` is the group a region belongs to, or the axes a marker must
    stay inside (a `FunctionGraph`)."""
    mobject.layout_role = role
    mobject.layout_owner = owner
    return mobject


def role_of(mobject: Mobject) -> str | None:
    return getattr(mobject, "layout_role", None)


def opacity(part: Mobject) -> float:
    """How opaque one drawn part is (its fill or its stroke, whichever shows more); 0 for a ValueTracker."""
    from manim import VMobject

    if not isinstance(part, VMobject):
        return 0.0  # a ValueTracker holds a number, not a drawing
    fills = part.get_fill_opacities()
    fill = float(fills.max()) if len(fills) else 0.0
    stroke = float(part.get_stroke_opacities().max()) if part.get_stroke_width() > 0 else 0.0
    return max(fill, stroke)


def drawn_opacity(mobject: Mobject) -> float:
    """The largest opacity of the parts of `mobject` that are drawn (0 when nothing of it is)."""
    return max((opacity(part) for part in mobject.family_members_with_points()), default=0.0)


def on_screen(mobject: Mobject, scene_family: list[Mobject]) -> bool:
    """Whether every drawn part of `mobject` is among `scene_family` (what a scene shows)."""
    parts = mobject.family_members_with_points()
    present = {id(m) for m in scene_family}
    return bool(parts) and all(id(part) in present for part in parts)


def polyline_samples(mobject: Mobject, spacing: float = 0.03) -> np.ndarray:
    """Points at most `spacing` scene units apart along the straight pieces of a polyline (curves are drawn
    as dense polylines, axes as single lines), as an (n, 2) array."""
    pieces = []
    for part in mobject.family_members_with_points():
        points = part.points
        starts, ends = points[0::4, :2], points[3::4, :2]
        count = np.maximum(1, (np.linalg.norm(ends - starts, axis=1) / spacing).astype(int))
        index = np.repeat(np.arange(len(starts)), count + 1)
        first = np.repeat(np.cumsum(count + 1) - (count + 1), count + 1)
        t = ((np.arange(index.size) - first) / np.repeat(count, count + 1))[:, None]
        pieces.append(starts[index] + t * (ends[index] - starts[index]))
    return np.concatenate(pieces) if pieces else np.zeros((0, 2))
