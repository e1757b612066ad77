"""Descent on a graph: the ball that sits on the curve at step k of a trajectory (an arrowhead on the
plot's edge where a run leaves it), and step arrows drawn to scale."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, Line, Polygon, ValueTracker, VGroup, VMobject

from . import theme
from .graphing import LessonGraph
from .layout import MARKER, tag

__all__ = ["Ball", "arrow_head", "run_time_for", "TrajectoryBall", "step_arrow"]


class Ball(Circle):
    """The ball of the descent sections."""

    def __init__(self, radius: float = 0.13) -> None:
        super().__init__(radius=radius, stroke_width=2, stroke_color=theme.TEXT, fill_color=theme.BALL,
                         fill_opacity=1)


def arrow_head(tip: np.ndarray, direction: np.ndarray, color: str, size: float = 0.14) -> Polygon:
    direction = direction / (np.linalg.norm(direction) or 1)
    normal = np.array([-direction[1], direction[0], 0])
    return Polygon(tip, tip - direction * size + normal * size * 0.55, tip - direction * size - normal * size * 0.55,
                   stroke_width=0, fill_color=color, fill_opacity=1)


def run_time_for(steps: int) -> float:
    """A run of `steps` steps plays at ~60 steps a second, between 1 and 6 seconds (short runs at 3 a second)."""
    return min(6.0, max(min(3.0, steps / 3), steps / 60))


def _triangle(tip: np.ndarray, direction: np.ndarray, size: float) -> np.ndarray:
    normal = np.array([-direction[1], direction[0], 0.0])
    base = tip - direction * size
    return np.array([tip, base + normal * size * 0.6, base - normal * size * 0.6, tip])


class TrajectoryBall(VGroup):
    """A ball that sits on the curve at step `tracker` of a mathcore trajectory.

    At a whole-number tracker value k the ball is exactly at (xs[k], f(xs[k])); between steps it moves
    along the curve. A run that leaves the plot (off the domain, or off the y range: a diverging run) is
    never drawn outside the axes: the ball is replaced by an arrowhead on the plot's edge where it left,
    pointing the way it went.
    """

    def __init__(self, graph: LessonGraph, xs: tuple[float, ...], tracker: ValueTracker, radius: float = 0.13,
                 color: str = theme.BALL) -> None:
        super().__init__()
        self.graph, self.xs, self.tracker, self.radius = graph, xs, tracker, radius
        self.body = tag(Ball(radius=radius).set_fill(color), MARKER, graph)
        self.body.sits_on_curve = True
        self.exit = tag(VMobject(stroke_width=1.5, stroke_color=theme.TEXT, fill_color=color, fill_opacity=1),
                        MARKER, graph)
        self.add(self.body, self.exit)
        self.update_position()
        self.add_updater(lambda mob: mob.update_position())

    def step_index(self) -> int:
        return int(min(max(math.floor(self.tracker.get_value() + 1e-9), 0), len(self.xs) - 1))

    def x_now(self) -> float:
        k = min(max(self.tracker.get_value(), 0.0), len(self.xs) - 1.0)
        i = min(int(math.floor(k + 1e-9)), len(self.xs) - 1)
        if i == len(self.xs) - 1:
            return self.xs[i]
        return self.xs[i] + (k - i) * (self.xs[i + 1] - self.xs[i])

    def update_position(self) -> None:
        a, b = self.graph.x_range
        lo, hi = self.graph.y_range
        x = self.x_now()
        y = self.graph.fn.value(x) if a <= x <= b else math.nan
        inside = math.isfinite(y) and lo <= y <= hi
        self.body.set_fill(opacity=1 if inside else 0).set_stroke(opacity=1 if inside else 0)
        self.exit.set_fill(opacity=0 if inside else 1).set_stroke(opacity=0 if inside else 1)
        if inside:
            self.body.move_to(self.graph.c2p(x, y) + UP * self.radius)
            self.exit.set_points_as_corners(_triangle(self.body.get_center(), RIGHT, 1e-3))
            return
        edge_x = min(max(x, a), b) if math.isfinite(x) else b
        edge_y = self.graph.fn.value(edge_x)
        edge_y = min(max(edge_y, lo), hi) if math.isfinite(edge_y) else hi
        if x > b or x < a or not math.isfinite(x):
            direction = RIGHT if not x < a else LEFT
        else:
            direction = UP if not math.isfinite(y) or y > hi else DOWN
        self.exit.set_points_as_corners(_triangle(self.graph.c2p(edge_x, edge_y), direction, 2.4 * self.radius))


def step_arrow(graph: LessonGraph, x: float, x_next: float, color: str, drop: float = 0.42) -> VGroup:
    """The step x → x_next drawn to scale (x axis units), `drop` scene units under (x, f(x)) so the ball
    does not hide it."""
    start = graph.point(x) + DOWN * drop
    left, right, _, _ = graph.box()
    end = start + RIGHT * (graph.c2p(x_next, 0)[0] - graph.c2p(x, 0)[0])
    end[0] = min(max(end[0], left), right)  # a step that leaves the plot ends at its edge
    shaft = Line(start, end, stroke_width=5, color=color)
    head = arrow_head(end, end - start, color, size=min(0.2, max(abs(end[0] - start[0]), 0.02)))
    return VGroup(shaft, head)
