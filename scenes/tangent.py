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
    """The tangent line to f at x = tracker value: a fixed-length segment coloured by the sign of f', clipped
    to the axes box. Where f' does not exist it is drawn as the point is (CriticalPoint.tangent): the vertical
    line at a vertical tangent, the vertical ray the two branches share at a cusp, and at a kink the two
    one-sided tangents, each on its own side. Where f is undefined or off the plot (beside a pole, at a hole)
    nothing is drawn: the tangent reappears where the curve does."""

    def __init__(self, graph: LessonGraph, tracker: ValueTracker, length: float = theme.TANGENT_LENGTH,
                 with_dot: bool = True) -> None:
        super().__init__()
        self.graph, self.tracker, self.length = graph, tracker, length
        self.slope_scale = graph.analysis.landscape.slope_scale
        self.kinks = [p for p in graph.analysis.critical_points if not p.differentiable]
        self.line = Line(LEFT, RIGHT, stroke_width=theme.TANGENT_WIDTH)
        self.other = Line(LEFT, RIGHT, stroke_width=theme.TANGENT_WIDTH)  # a kink's right-hand tangent
        self.dot = Dot(radius=theme.DOT_RADIUS * 0.8, color=theme.TEXT)
        self.add(self.line, self.other)
        if with_dot:
            self.add(self.dot)
        self.update_to(tracker.get_value())
        self.add_updater(lambda mob: mob.update_to(tracker.get_value()))

    def slope_at(self, x: float) -> float:
        return self.graph.fn.slope(x)

    def update_to(self, x: float) -> None:
        near = 1e-9 * (self.graph.x_range[1] - self.graph.x_range[0])
        kink = next((p for p in self.kinks if abs(x - p.x) <= near), None)
        slope = self.slope_at(x)
        self.other.set_stroke(opacity=0)
        value = self.graph.fn.value(x)
        low, high = self.graph.y_range
        if not (math.isfinite(value) and low <= value <= high):  # beside a pole, at a hole: f is off the plot
            self.line.set_stroke(opacity=0)
            self.dot.set_opacity(0)
            return
        centre = self.graph.point(x)
        self.dot.move_to(centre).set_opacity(1)
        if kink is not None:
            self._draw_singular(kink, centre)
            return
        if not math.isfinite(slope):
            self.line.set_stroke(opacity=0)
            return
        self._segment(self.line, centre, self._direction(slope), -0.5, 0.5, slope_color(slope, self.slope_scale))

    def _direction(self, slope: float) -> np.ndarray:
        if math.isinf(slope):  # the direction of increasing x along an unbounded slope
            return np.array([0.0, 1.0 if slope > 0 else -1.0, 0.0])
        direction = np.array([1.0, self.graph.scene_slope(slope), 0.0])
        return direction / np.linalg.norm(direction)

    def _segment(self, line: Line, centre, direction, lo: float, hi: float, colour: str) -> None:
        """`line` from centre + lo·length·direction to centre + hi·length·direction, clipped to the axes box."""
        start, end = clip_segment(centre + direction * self.length * lo, centre + direction * self.length * hi,
                                  self.graph.box())
        if np.allclose(start, end):
            line.set_stroke(opacity=0)
            return
        line.put_start_and_end_on(start, end)
        line.set_stroke(color=colour, opacity=1)

    def _draw_singular(self, point, centre) -> None:
        """A point where f′ does not exist, drawn by how the graph meets it (theme.FLAT, as its marker)."""
        up = np.array([0.0, 1.0, 0.0])
        if point.tangent == "vertical":
            self._segment(self.line, centre, up, -0.5, 0.5, theme.FLAT)
        elif point.tangent == "cusp":  # both branches leave the point on the same side: up at a minimum
            self._segment(self.line, centre, up if point.kind == "min" else -up, 0.0, 0.6, theme.FLAT)
        else:
            left, right = point.left_slope, point.right_slope
            self._segment(self.line, centre, -self._direction(left), 0.0, 0.5, theme.FLAT)
            self._segment(self.other, centre, self._direction(right), 0.0, 0.5, theme.FLAT)
