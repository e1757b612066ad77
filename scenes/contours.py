"""A contour map of f(x, y): the bands mathcore's values fall in, drawn as one image (fast at any quality),
framed, with ticks on its left and bottom edges, and the few handles a scene needs (`c2p`, `box`).

The bands are computed in the plan (one digit per sample, rows bottom first); here they only get colours,
from the lowest band (theme.CONTOUR_LOW) to the highest (theme.CONTOUR_HIGH). Equal scales on both axes
where the frame allows, so a gradient arrow is drawn in its true direction.
"""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Group, ImageMobject, Line, Rectangle, VGroup
from manim.constants import RESAMPLING_ALGORITHMS
from manim.utils.color import ManimColor

from lessons import numbers

from . import theme
from .graphing import nice_step
from .layout import MARKER, TICK, tag
from .text import formula

MAP_WIDTH, MAP_HEIGHT = 7.0, 4.6  # the largest map, in scene units
LEAST_SIDE = 0.45  # a side is at least this fraction of its largest length (a very flat box is not a line)


class ContourMap(Group):
    """The map of f on the box (a, b) × (c, d): `image` (the bands), `frame`, `ticks`, axis names."""

    def __init__(self, box, rows: tuple[str, ...], bands: int, language: str = "vi",
                 width: float = MAP_WIDTH, height: float = MAP_HEIGHT) -> None:
        super().__init__()
        (a, b), (c, d) = self.box_range = box
        unit = min(width / (b - a), height / (d - c))
        self.size = (max((b - a) * unit, LEAST_SIDE * width), max((d - c) * unit, LEAST_SIDE * height))
        colours = [np.array(ManimColor(colour).to_int_rgba(), dtype=np.uint8) for colour in theme.band_colours(bands)]
        pixels = np.array([[colours[int(ch)] for ch in row] for row in reversed(rows)], dtype=np.uint8)
        self.image = ImageMobject(pixels)
        self.image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
        self.image.stretch_to_fit_width(self.size[0]).stretch_to_fit_height(self.size[1])
        self.frame = Rectangle(width=self.size[0], height=self.size[1], stroke_color=theme.AXES, stroke_width=2)
        self.ticks = self._ticks(language)
        self.add(self.image, self.frame, self.ticks)

    def c2p(self, x: float, y: float) -> np.ndarray:
        (a, b), (c, d) = self.box_range
        corner = self.frame.get_corner(DOWN + LEFT)
        return corner + np.array([(x - a) / (b - a) * self.frame.width, (y - c) / (d - c) * self.frame.height, 0])

    def box(self) -> tuple[float, float, float, float]:
        """left, right, bottom, top (as LessonGraph.box: markers must stay inside)."""
        left, bottom = self.frame.get_corner(DOWN + LEFT)[:2]
        right, top = self.frame.get_corner(UP + RIGHT)[:2]
        return left, right, bottom, top

    def _ticks(self, language: str) -> VGroup:
        group = VGroup()
        (a, b), (c, d) = self.box_range
        corner = self.frame.get_corner(DOWN + LEFT)
        for (lo, hi), along, across, direction, name in (((a, b), RIGHT * self.size[0], 0, DOWN, "x"),
                                                         ((c, d), UP * self.size[1], 1, LEFT, "y")):
            step = nice_step(hi - lo)
            start = math.ceil(lo / step - 1e-9) * step
            for k in range(int((hi - start) / step + 1e-9) + 1):
                value = start + k * step
                point = corner + along * (value - lo) / (hi - lo)
                mark = Line(point, point + direction * 0.08, stroke_width=2, color=theme.AXES)
                text = tag(formula(numbers.typst(round(value, 12), language), theme.TICK_SIZE, theme.MUTED)
                           .next_to(point, direction, 0.14), TICK)
                group.add(mark, text)
            end = corner + along
            group.add(tag(formula(name, theme.TICK_SIZE + 4, theme.MUTED).next_to(
                end, RIGHT if across == 0 else UP, 0.15), TICK))
        return group

    def arrows(self, arrows, length: float) -> VGroup:
        """∇f at each point, all to one scale: the longest `length` scene units long (none drawn shorter
        than a tip: there |∇f| is too small to show at this scale)."""
        (a, b), (c, d) = self.box_range
        sx, sy = self.frame.width / (b - a), self.frame.height / (d - c)
        largest = max((math.hypot(p.gx * sx, p.gy * sy) for p in arrows), default=0.0)
        group = VGroup()
        if largest <= 0:
            return group
        k = length / largest
        for p in arrows:
            start = self.c2p(p.x, p.y)
            vector = np.array([p.gx * sx * k, p.gy * sy * k, 0])
            if np.linalg.norm(vector) < 0.08:
                continue
            group.add(Arrow(start - vector / 2, start + vector / 2, buff=0, stroke_width=3,
                            color=theme.GRADIENT_ARROW, max_tip_length_to_length_ratio=0.3, tip_length=0.14))
        return group


def map_dot(contour_map: ContourMap, x: float, y: float, colour: str, radius: float = theme.DOT_RADIUS):
    """A critical point's dot on the map, outlined so it reads on every band; a marker that stays inside."""
    from manim import Dot

    dot = Dot(contour_map.c2p(x, y), radius=radius, color=colour, stroke_color=theme.BACKGROUND, stroke_width=2)
    dot.set_stroke(theme.BACKGROUND, 2, background=True)
    return tag(dot, MARKER, contour_map)
