"""What a graph's scale shows, and what it cannot: the y range a graph of a function is fitted to, and the
critical points too small to see on it, each with the window of a zoomed view that shows it.

Decided once, while the lesson is planned (the plan carries the windows, `SectionPlan.zooms`), so a scene
draws a zoomed view where the plan has one and decides nothing. No manim here.

A critical point is too small to see when its height differs from the nearest feature beside it (the next
critical point or domain end on either side) by less than 2 % of the y range drawn: the maximum of
x⁵ − 5x⁴ + 5x³ at f = 1 on [−1, 4] (drawn from −27 to 64) sits 1 above the flat point x = 0 beside it,
so on that scale it looks like the end of a shelf, not a peak; a maximum 0.004 above the domain's end value
looks like a curve rising to its end. A stretch where f is constant between two features (a flat minimum)
is no difference at all: the flat piece is drawn as such, and the other side decides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore import Analysis

__all__ = ["SPIKE_RATIO", "SMALL_SHARE", "Zoom", "fit_y_range", "zooms"]

SPIKE_RATIO = 20  # a full range this many times the 5-95 % band is a spike, not the shape of f
SMALL_SHARE = 0.02  # a height difference below this share of the y range drawn cannot be seen
FLAT_SHARE = 1e-9  # a difference below this share of the range is no difference: f is constant there
SIDE_MARGIN = 0.5  # the window reaches this share of the point-to-neighbour distance beyond each of them
HEIGHT_MARGIN = 0.5  # and this many height differences above and below them


def fit_y_range(analysis: Analysis, extra: tuple[float, ...] = ()) -> tuple[float, float]:
    """A y range that shows the interesting part of f: all of it, unless a spike (a near-pole) would
    squash the rest, then its 5–95 % band; always holding every critical value. Every graph of the
    analysis is fitted to it (scenes.graphing.LessonGraph pads it with room for labels)."""
    fn = analysis.function
    values = fn.f(fn.grid(2001))
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    band_lo, band_hi = np.percentile(finite, [5, 95])
    if hi - lo > SPIKE_RATIO * (band_hi - band_lo + 1e-12):
        lo, hi = float(band_lo), float(band_hi)
    anchors = [p.y for p in analysis.critical_points] + list(extra)
    lo, hi = min([lo, *anchors]), max([hi, *anchors])
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    return lo, hi


@dataclass(frozen=True)
class Zoom:
    """A critical point too small for the graph's scale and the window that shows it: `x`, the point;
    `neighbour`, the x of the feature beside it its height is compared with (a critical point or a domain
    end); `height`, that difference; `x_range` and `y_range`, the window (both of them inside, the
    difference about half its height)."""

    x: float
    neighbour: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def to_record(self) -> list:
        return [self.x, self.neighbour, self.height, list(self.x_range), list(self.y_range)]

    @staticmethod
    def from_record(data: list) -> Zoom:
        x, neighbour, height, x_range, y_range = data
        return Zoom(x, neighbour, height, (x_range[0], x_range[1]), (y_range[0], y_range[1]))

    def holds(self, x: float) -> bool:
        return self.x_range[0] <= x <= self.x_range[1]


def _features(analysis: Analysis) -> list[tuple[float, float]]:
    """(x, f(x)) of the domain's ends and every critical point, left to right, each x once."""
    a, b = analysis.domain
    fn = analysis.function
    found = {p.x: p.y for p in analysis.critical_points}
    for end in (a, b):
        if end not in found:
            value = fn.value(end)
            if np.isfinite(value):
                found[end] = float(value)
    return sorted(found.items())


def zooms(analysis: Analysis, y_range: tuple[float, float] | None = None) -> tuple[Zoom, ...]:
    """The minima and maxima of `analysis` too small to see on a graph drawn over `y_range` (by default the
    range its graphs are fitted to, `fit_y_range`), each with its window, left to right."""
    lo, hi = y_range or fit_y_range(analysis)
    span = hi - lo
    features = _features(analysis)
    found = []
    for point in analysis.critical_points:
        if point.kind not in ("min", "max"):
            continue
        i = next(k for k, (x, _) in enumerate(features) if x == point.x)
        beside = [features[k] for k in (i - 1, i + 1) if 0 <= k < len(features)]
        differences = [(abs(point.y - y), abs(point.x - x), x, y) for x, y in beside
                       if abs(point.y - y) > FLAT_SHARE * span]
        if not differences:
            continue
        height, _, x, y = min(differences)
        if height >= SMALL_SHARE * span:
            continue
        found.append(_window(analysis, point.x, point.y, x, y, height))
    return tuple(found)


def _window(analysis: Analysis, x: float, y: float, neighbour: float, other: float, height: float) -> Zoom:
    a, b = analysis.domain
    left, right = min(x, neighbour), max(x, neighbour)
    margin = SIDE_MARGIN * (right - left)
    x_range = (max(a, left - margin), min(b, right + margin))
    low, high = min(y, other), max(y, other)
    y_range = (low - HEIGHT_MARGIN * height, high + HEIGHT_MARGIN * height)
    return Zoom(x, neighbour, height, x_range, y_range)

