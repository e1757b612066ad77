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

A smooth (differentiable) minimum or maximum whose bottom is too sharply rounded for the graph's scale looks
like a kink (a corner where f′ does not exist), which the lesson would then contradict on screen ("the tangent
is horizontal here"). Measured in screen proportions, the x range (the domain, width X) and the y range drawn
(height Y) each counted as 1: the curve's visual slope is f′·X/Y, and its *turn* is the stretch [x₀ − d,
x₀ + d] over which that slope changes by 2 (rises for a minimum, falls for a maximum: from −1 to +1 where f
is symmetric). A turn narrower than 2 % of X (`TURN_SHARE`) is a corner to the eye. Where f″ is constant near
the point the turn is 2·(Y/X)/|f″(x₀)|, so the rule reads |f″(x₀)| > 100·Y/X²: sqrt(x² + 0.0001) on [−2, 2]
(f″(0) = 100, Y ≈ 2: a turn of 0.0115, 0.29 % of X) looks like |x|, while x² (a turn of 1) and x⁴ − 2x² on
[−2, 2] (0.56 and more) do not. A change of 2 rather than "from −1 to +1" also catches a corner whose sides
are not alike: sqrt((x − 1)² + 0.0001) + 0.5x on [−1, 3] goes from −2/3 to +2 within 0.027 (0.7 % of X).
The turn is measured with f′ itself, not read from f″(x₀) alone, which misjudges both ways:
(x⁴ + 10⁻⁸)^(1/4) on [−2, 2] has f″(0) = 0 and looks like |x|; x² + 0.001·sqrt(x² + 10⁻¹⁰) has f″(0) = 102
and looks like the parabola it nearly is (its slope jumps by 0.002 at 0, nowhere near 2). A real kink
(abs(x − 1) + 0.5x at 1: not differentiable) is what it looks like and gets no view; nor does a point the
first rule already zooms into (one view a point). The window of a rounded bottom: `ROUND_WIDTHS` turns either
side of the point (inside the domain), its y range f's over it, so that the rounding fills much of the view
and the nearly straight sides leaving it still show.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from mathcore import Analysis, CriticalPoint

__all__ = ["SPIKE_RATIO", "SMALL_SHARE", "TURN_SHARE", "Zoom", "ZoomKind", "fit_y_range", "turn_width", "zooms"]

SPIKE_RATIO = 20  # a full range this many times the 5-95 % band is a spike, not the shape of f
SMALL_SHARE = 0.02  # a height difference below this share of the y range drawn cannot be seen
FLAT_SHARE = 1e-9  # a difference below this share of the range is no difference: f is constant there
SIDE_MARGIN = 0.5  # the window reaches this share of the point-to-neighbour distance beyond each of them
HEIGHT_MARGIN = 0.5  # and this many height differences above and below them
TURN_SHARE = 0.02  # a smooth bottom turning from slope −1 to +1 (screen proportions) within this share of the
#                    x range looks like a kink
ROUND_WIDTHS = 2.0  # the window of a rounded bottom reaches this many turns either side of the point
TURN_SAMPLES = 240  # distances tried on each side, spaced geometrically, before bisecting to the crossing


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


class ZoomKind(StrEnum):
    """Why a point gets a zoomed view: too small for the graph's scale (`SMALL`), or a smooth bottom so sharply
    rounded at that scale that it looks like a kink (`ROUNDED`)."""

    SMALL = "small"
    ROUNDED = "rounded"


@dataclass(frozen=True)
class Zoom:
    """A critical point the graph's scale cannot show as it is, and the window that shows it: `x`, the point;
    `x_range` and `y_range`, the window; `kind`, why. A point too small to see (`ZoomKind.SMALL`) has
    `neighbour`, the x of the feature beside it its height is compared with (a critical point or a domain
    end), and `height`, that difference (both of them inside the window, the difference about half its
    height); a rounded bottom (`ZoomKind.ROUNDED`) has neither (None)."""

    x: float
    neighbour: float | None
    height: float | None
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    kind: ZoomKind = ZoomKind.SMALL

    def to_record(self) -> list:
        return [self.x, self.neighbour, self.height, list(self.x_range), list(self.y_range), self.kind.value]

    @staticmethod
    def from_record(data: list) -> Zoom:
        """Also a record written before zooms had a kind (five fields: a point too small to see)."""
        x, neighbour, height, x_range, y_range, *kind = data
        return Zoom(x, neighbour, height, (x_range[0], x_range[1]), (y_range[0], y_range[1]),
                    ZoomKind(kind[0]) if kind else ZoomKind.SMALL)

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
    """The minima and maxima of `analysis` that a graph drawn over `y_range` (by default the range its graphs
    are fitted to, `fit_y_range`) cannot show as they are, each with its window, left to right: those too small
    to see (`ZoomKind.SMALL`), and the smooth ones whose rounded bottom looks like a kink there
    (`ZoomKind.ROUNDED`)."""
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
    small = {zoom.x for zoom in found}
    for point in analysis.critical_points:
        if point.kind in ("min", "max") and point.differentiable and point.x not in small:
            width = turn_width(analysis, point, (lo, hi))
            if width is not None and width < TURN_SHARE * (analysis.domain[1] - analysis.domain[0]):
                found.append(_rounded_window(analysis, point.x, point.y, width))
    return tuple(sorted(found, key=lambda zoom: zoom.x))


def turn_width(analysis: Analysis, point: CriticalPoint, y_range: tuple[float, float]) -> float | None:
    """The width in x of the turn of the minimum or maximum `point` on a graph of the domain drawn over
    `y_range`: 2d for the smallest d at which the visual slope f′·X/Y at x₀ + d and at x₀ − d differ by 2 (a
    minimum: rises by 2, a maximum: falls by 2; −1 to +1 where f is symmetric). None when it does not within
    TURN_SHARE of the domain's width (or the domain ends first): no corner to the eye there."""
    a, b = analysis.domain
    X, Y = b - a, y_range[1] - y_range[0]
    limit = min(0.5 * TURN_SHARE * X, point.x - a, b - point.x)
    if limit <= 0 or Y <= 0:
        return None
    rising = 1.0 if point.kind == "min" else -1.0
    df = analysis.function.df

    def turned(d):
        d = np.atleast_1d(np.asarray(d, dtype=float))
        change = rising * (np.asarray(df(point.x + d), dtype=float) - np.asarray(df(point.x - d), dtype=float))
        return change * X / Y >= 2.0
    distances = np.geomspace(1e-9 * X, limit, TURN_SAMPLES)
    reached = np.flatnonzero(turned(distances))
    if reached.size == 0:
        return None
    k = int(reached[0])
    inner, outer = (distances[k - 1] if k > 0 else 0.0), distances[k]
    for _ in range(40):  # bisect between the last distance short of the turn and the first past it
        middle = 0.5 * (inner + outer)
        inner, outer = (inner, middle) if turned(middle)[0] else (middle, outer)
    return float(2 * outer)


def _window(analysis: Analysis, x: float, y: float, neighbour: float, other: float, height: float) -> Zoom:
    a, b = analysis.domain
    left, right = min(x, neighbour), max(x, neighbour)
    margin = SIDE_MARGIN * (right - left)
    x_range = (max(a, left - margin), min(b, right + margin))
    low, high = min(y, other), max(y, other)
    y_range = (low - HEIGHT_MARGIN * height, high + HEIGHT_MARGIN * height)
    return Zoom(x, neighbour, height, x_range, y_range)



def _rounded_window(analysis: Analysis, x: float, y: float, width: float) -> Zoom:
    """ROUND_WIDTHS turns either side of a rounded bottom (inside the domain), and f's range over them."""
    a, b = analysis.domain
    x_range = (max(a, x - ROUND_WIDTHS * width), min(b, x + ROUND_WIDTHS * width))
    values = analysis.function.f(np.linspace(*x_range, 401))
    finite = values[np.isfinite(values)]
    y_range = (float(min(finite.min(), y)), float(max(finite.max(), y)))
    return Zoom(x, None, None, x_range, y_range, ZoomKind.ROUNDED)
