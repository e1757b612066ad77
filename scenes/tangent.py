"""The tangent line that slides along a graph, coloured by the sign of f′."""

from __future__ import annotations

import math

import numpy as np
from manim import LEFT, RIGHT, Dot, Line, ValueTracker, VGroup

from . import theme
from .graphing import LessonGraph, clip_segment

__all__ = ["slope_color", "Tangent"]


def slope_color(slope: float, scale: float) -> str:
    if abs(slope) <= 1e-9 * max(scale, 1e-300):
        return theme.FLAT
    return theme.POSITIVE if slope > 0 else theme.NEGATIVE


class Tangent(VGroup):
    """The tangent line to f at x = tracker value: a fixed-length segment coloured by the sign of f'.

    Hidden at points where f' does not exist (a kink has no tangent), and clipped to the axes box.
    """

    def __init__(self, graph: LessonGraph, tracker: ValueTracker, length: float = theme.TANGENT_LENGTH,
                 with_dot: bool = True) -> None:
        super().__init__()
        self.graph, self.tracker, self.length = graph, tracker, length
        self.slope_scale = graph.analysis.landscape.slope_scale
        self.kinks = [p.x for p in graph.analysis.critical_points if not p.differentiable]
        self.line = Line(LEFT, RIGHT, stroke_width=theme.TANGENT_WIDTH)
        self.dot = Dot(radius=theme.DOT_RADIUS * 0.8, color=theme.TEXT)
        self.add(self.line)
        if with_dot:
            self.add(self.dot)
        self.update_to(tracker.get_value())
        self.add_updater(lambda mob: mob.update_to(tracker.get_value()))

    def slope_at(self, x: float) -> float:
        return self.graph.fn.slope(x)

    def update_to(self, x: float) -> None:
        at_kink = any(abs(x - k) <= 1e-9 * (self.graph.x_range[1] - self.graph.x_range[0]) for k in self.kinks)
        slope = self.slope_at(x)
        centre = self.graph.point(x)
        if at_kink or not math.isfinite(slope):
            self.line.set_stroke(opacity=0)
            self.dot.move_to(centre)
            return
        direction = np.array([1.0, self.graph.scene_slope(slope), 0.0])
        direction /= np.linalg.norm(direction)
        start, end = clip_segment(centre - direction * self.length / 2, centre + direction * self.length / 2,
                                  self.graph.box())
        self.line.put_start_and_end_on(start, end)
        self.line.set_stroke(color=slope_color(slope, self.slope_scale), opacity=1)
        self.dot.move_to(centre)
