"""Label placement on a graph: candidate spots around an anchor, the first one free of what is drawn.

Free means inside the label area (the axes box, never the panel or the frame's safe margin), off the curve and
the axis lines, off every marker dot and off every label placed before. Callers try a short form of a label
when the long one finds no spot, and fall back to a numbered marker with a legend when nothing fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from manim import DOWN, Mobject

from . import theme
from .layout import Box, box_of, polyline_samples, safe_area

GAP = 0.06  # scene units kept between a label and any obstacle
DISTANCES = (0.16, 0.42)


@dataclass
class Obstacles:
    """What labels on one graph must avoid; grows as labels are placed (state, hence a class)."""

    area: Box
    points: np.ndarray
    boxes: list[Box] = field(default_factory=list)
    anchors: list[np.ndarray] = field(default_factory=list)  # the points labels belong to

    def free(self, box: Box, anchor: np.ndarray | None = None) -> bool:
        if not box.within(self.area, tolerance=0.0):
            return False
        if anchor is not None and not self._nearest(box, anchor):
            return False
        if box.grown(GAP).contains_any(self.points):
            return False
        return all(box.overlap(other) <= -GAP for other in self.boxes)

    def _nearest(self, box: Box, anchor: np.ndarray) -> bool:
        """A label reads as belonging to the point it is nearest: never nearer another labelled point."""
        centre = np.array([(box.left + box.right) / 2, (box.bottom + box.top) / 2])
        own = np.linalg.norm(centre - anchor[:2])
        return all(np.linalg.norm(centre - other[:2]) >= own for other in self.anchors
                   if np.linalg.norm(other[:2] - anchor[:2]) > 1e-9)

    def take(self, mobject: Mobject) -> None:
        self.boxes.append(box_of(mobject))


def graph_obstacles(graph, *mobjects: Mobject, right_limit: float | None = None) -> Obstacles:
    """The curve and axis lines of `graph` (a FunctionGraph) and the boxes of `mobjects` (dots, charts;
    their centres are the anchors a label must not sit nearer to than to its own).

    Labels may use the axes box and the free margin round it up to the safe area, but never pass
    `right_limit` (where the panel begins) ."""
    left, right, bottom, top = graph.box()
    safe = safe_area()
    limit = theme.PANEL_LEFT - 0.15 if right_limit is None else right_limit
    area = Box(max(left - 0.35, safe.left), max(bottom - 0.1, safe.bottom), min(right + 0.35, safe.right, limit),
               min(top + 0.1, safe.top - theme.TITLE_BAND))
    points = np.concatenate([polyline_samples(graph.curve), polyline_samples(graph.axes.x_axis),
                             polyline_samples(graph.axes.y_axis)])
    return Obstacles(area, points, [box_of(m) for m in mobjects], [m.get_center() for m in mobjects])


def candidates(preferred: np.ndarray) -> list[np.ndarray]:
    """The preferred side (above or below) first, then its diagonals, the sides, and the opposite side."""
    v = 1.0 if preferred[1] > 0 else -1.0
    return [np.array(d, dtype=float) for d in
            ((0, v, 0), (1, v, 0), (-1, v, 0), (1, 0, 0), (-1, 0, 0), (0, -v, 0), (1, -v, 0), (-1, -v, 0))]


def place_near(mobject: Mobject, anchor: Mobject, obstacles: Obstacles, preferred: np.ndarray = DOWN,
               arrange=None) -> bool:
    """Move `mobject` to the first free spot around `anchor`, claim it and say True; False if none is free
    (the mobject is then left at the preferred spot). `arrange(direction)` re-stacks a compound label for
    the side it goes to."""
    for distance in DISTANCES:
        for direction in candidates(preferred):
            if arrange is not None:
                arrange(direction)
            mobject.next_to(anchor, direction, distance)
            if obstacles.free(box_of(mobject), anchor.get_center()):
                obstacles.take(mobject)
                return True
    if arrange is not None:
        arrange(preferred)
    mobject.next_to(anchor, preferred, DISTANCES[0])
    return False

