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
(height Y) each counted as 1, the curve's visual slope is f′·X/Y. A corner is two nearly straight sides
meeting: the point's *sides* are its steepest visual slopes on the left and on the right, up to the feature
beside it (a critical point or a domain end, as above), and its *turn* is the stretch around it over which
the slope goes from half the left side's to half the right side's (`Turn`). It looks like a kink when the
sides make a corner, their slopes differing by 2 or more (`CORNER`: −1 and +1, a right angle, where f is
symmetric), and the turn is narrower than 2 % of X (`TURN_SHARE`). sqrt(x² + 0.0001) on [−2, 2] (drawn from
0.01 to 2; sides ±2, f″(0) = 100) turns within 0.0115, 0.29 % of X: it looks like |x|. Where f″ is nearly
constant over the turn, it is 2·(Y/X)/|f″(x₀)| wide when the sides are ±2: the rule first sketched for this,
|f″(x₀)| > 100·Y/X², which is not the rule here: every peak of sin(4x) on [−3, 3] turns from −1 to +1 within
0.042 (0.7 % of X) and still looks round, because its sides keep bending up to their steepest, ±12, and
halves of those (±6) are 0.26 apart (4.4 %); likewise exp(−x²) on [−3.5, 3.5] (sides ±6, a turn of 6.5 %),
x² (a turn of 2) and x⁴ − 2x² on [−2, 2] (0.40 and more). Measured on f′ itself, not read from f″(x₀), which
also misjudges both ways: (x⁴ + 10⁻⁸)^(1/4) has f″(0) = 0 and looks like |x| (a turn of 0.45 %);
x² + 0.001·sqrt(x² + 10⁻¹⁰) has f″(0) = 102 and is the parabola it looks like. A corner whose sides are not
alike counts too: sqrt((x − 1)² + 0.0001) + 0.5x on [−1, 3], sides −2/3 and +2, turns within 0.35 % of X.
A real kink (abs(x − 1) + 0.5x at 1: not differentiable) is what it looks like and gets no view; nor does a
point the first rule already zooms into (one view a point). The window of a rounded bottom: `ROUND_WIDTHS`
turns either side of the point (inside the domain), its y range f's over it, so that the rounding fills much
of the view and the nearly straight sides leaving it still show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from mathcore import Analysis, CriticalPoint

__all__ = ["SPIKE_RATIO", "SMALL_SHARE", "TURN_SHARE", "CORNER", "Turn", "Zoom", "ZoomKind", "fit_y_range", "turn",
           "zooms"]

SPIKE_RATIO = 20  # a full range this many times the 5-95 % band is a spike, not the shape of f
SMALL_SHARE = 0.02  # a height difference below this share of the y range drawn cannot be seen
FLAT_SHARE = 1e-9  # a difference below this share of the range is no difference: f is constant there
SIDE_MARGIN = 0.5  # the window reaches this share of the point-to-neighbour distance beyond each of them
HEIGHT_MARGIN = 0.5  # and this many height differences above and below them
TURN_SHARE = 0.02  # a smooth bottom turning between its sides within this share of the x range looks like a kink
CORNER = 2.0  # when its sides' visual slopes differ by this much or more (−1 and +1: a right angle)
ROUND_WIDTHS = 2.0  # the window of a rounded bottom reaches this many turns either side of the point
TURN_SAMPLES = 240  # distances tried on each side, spaced geometrically, before bisecting to the crossing
SIDE_SAMPLES = 801  # where a side's steepest slope is looked for, from the point to the feature beside it


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
            bend = turn(analysis, point, (lo, hi), features)
            if bend is not None and bend.looks_like_a_kink(analysis.domain):
                found.append(_rounded_window(analysis, point.x, point.y, bend.width))
    return tuple(sorted(found, key=lambda zoom: zoom.x))


@dataclass(frozen=True)
class Turn:
    """How a smooth minimum or maximum turns on the graph: `left` and `right`, its sides (the steepest visual
    slope f′·X/Y, of the side's sign, between it and the feature beside it on each side); `width`, the x
    stretch around it over which the visual slope goes from half of `left` to half of `right`."""

    left: float
    right: float
    width: float

    def looks_like_a_kink(self, domain: tuple[float, float]) -> bool:
        """Sides that make a corner, met within TURN_SHARE of the domain's width."""
        return abs(self.right - self.left) >= CORNER and self.width < TURN_SHARE * (domain[1] - domain[0])


def turn(analysis: Analysis, point: CriticalPoint, y_range: tuple[float, float],
         features: list[tuple[float, float]] | None = None) -> Turn | None:
    """The turn of the minimum or maximum `point` on a graph of the domain drawn over `y_range` (`features`:
    `_features(analysis)`, when the caller has them); None where f′ cannot say (not differentiable there, or
    a side with no slope: the point at a domain end)."""
    if point.kind not in ("min", "max") or not point.differentiable:
        return None
    xs = [x for x, _ in (features if features is not None else _features(analysis))]
    before, after = [x for x in xs if x < point.x], [x for x in xs if x > point.x]
    if not before or not after:
        return None
    a, b = analysis.domain
    scale = (b - a) / (y_range[1] - y_range[0])  # f′ to a visual slope
    df = analysis.function.df

    def visual(x) -> np.ndarray:
        return scale * np.asarray(df(np.atleast_1d(np.asarray(x, dtype=float))), dtype=float)
    down = -1.0 if point.kind == "min" else 1.0  # the sign of the left side's slope (the right's is the other)
    reach = (point.x - before[-1], after[0] - point.x)

    def steepest(side: float, sign: float) -> float:
        """The side's steepest visual slope of `sign` (0 where it has none); inf where f′ is not finite."""
        values = sign * visual(point.x + side * np.linspace(0, reach[side > 0], SIDE_SAMPLES)[1:])
        if not np.all(np.isfinite(values)):
            return math.inf
        return sign * max(0.0, float(values.max()))
    left, right = steepest(-1.0, down), steepest(1.0, -down)
    if not (math.isfinite(left) and math.isfinite(right)):
        return None
    return Turn(left, right, _reached(visual, point.x, -1.0, reach[0], left / 2) +
                _reached(visual, point.x, 1.0, reach[1], right / 2))


def _reached(visual, x: float, side: float, reach: float, target: float) -> float:
    """The nearest distance d ≤ reach from x on `side` (−1 left, +1 right) where the visual slope gets as steep as
    `target` (towards its sign): scanned on distances spaced geometrically, then bisected."""
    sign = 1.0 if target >= 0 else -1.0

    def steep(d) -> np.ndarray:
        return sign * visual(x + side * np.atleast_1d(d)) >= abs(target)
    distances = np.geomspace(1e-9 * reach, reach, TURN_SAMPLES)
    hits = np.flatnonzero(steep(distances))
    if hits.size == 0:
        return reach
    k = int(hits[0])
    inner, outer = (distances[k - 1] if k > 0 else 0.0), distances[k]
    for _ in range(40):  # between the last distance short of it and the first past it
        middle = 0.5 * (inner + outer)
        inner, outer = (inner, middle) if steep(middle)[0] else (middle, outer)
    return float(outer)


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
