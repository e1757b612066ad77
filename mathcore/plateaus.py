"""Plateaus: wide stretches where f' is tiny although no extremum is there (the vanishing gradient).

The rule, so a teacher can predict it:
- scale S = max |f'| over the domain (sampled on a 4001-point grid), leaving out the 2.5 % of the width
  around each point where f' is unbounded (a cusp or vertical tangent, inside or at an end: x^(1/3) and
  x^(2/3) at 0): there max |f'| is infinite, and 1 % of it would call every stretch flat;
- a stretch is *flat* where |f'| <= PLATEAU_SLOPE * S (1 % of the steepest slope);
- a plateau is a maximal flat stretch at least PLATEAU_WIDTH of the domain wide (5 %) that has no strict
  minimum or maximum inside it: the flat bottom of a valley (x⁴ at 0) is where descent *should* stop, so it
  is not a plateau; the shoulders of 1 − exp(−x²) and both tails of a sigmoid are.
- a segment where f' is identically 0 is a plateau when f keeps falling (or rising) on both sides of it (a
  shelf); one where f falls before it and rises after it (relu(x − 2) + relu(−x) on [−2, 4], flat on
  [0, 2]) is a *flat minimum* — every point of it is a (non-strict) minimum, descent that reaches it has
  arrived — and one where f rises before and falls after is a *flat maximum*: `flat_extrema`, not plateaus.
  At a domain end the one side there is decides (flat on [a, c], rising after: a flat minimum).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .critical import CriticalAnalysis
from .function import Function
from .precise import one_sided
from .roots import true_runs

PLATEAU_SLOPE = 0.01
PLATEAU_WIDTH = 0.05
SINGULAR_MARGIN = PLATEAU_WIDTH / 2  # left out around a point where f' is unbounded, as a fraction of the width


@dataclass(frozen=True)
class FlatExtremum:
    """An interval on which f is constant at a local minimum or maximum level (f' = 0 inside it)."""

    start: float
    end: float
    kind: str  # "min" | "max"
    y: float  # the constant value of f there

    def to_json(self) -> dict:
        """A flat extremum of the contract's `flat_extrema` (see Analysis.to_json for why by hand)."""
        return {"start": self.start, "end": self.end, "kind": self.kind, "y": self.y}

    def contains(self, x: float) -> bool:
        return self.start <= x <= self.end


def flat_extrema(fn: Function, critical: CriticalAnalysis) -> tuple[FlatExtremum, ...]:
    """The flat segments that are a minimum or maximum as a whole, by the signs of f' just outside them."""
    a, b = fn.domain
    found = []
    for lo, hi in critical.flat_segments:
        left = next((iv.sign for iv in critical.sign_chart if iv.end == lo and lo > a), None)
        right = next((iv.sign for iv in critical.sign_chart if iv.start == hi and hi < b), None)
        sides = {s for s in (left, right) if s is not None}
        if left in ("-", None) and right in ("+", None) and sides:
            kind = "min"
        elif left in ("+", None) and right in ("-", None) and sides:
            kind = "max"
        else:
            continue
        found.append(FlatExtremum(lo, hi, kind, fn.value(0.5 * (lo + hi)) + 0.0))  # + 0.0: never −0
    return tuple(found)


@dataclass(frozen=True)
class Plateau:
    start: float
    end: float
    max_slope: float  # the largest |f'| on the plateau: how small "vanishing" is here

    def to_json(self) -> dict:
        """A plateau of the contract's `plateaus` (see Analysis.to_json for why by hand)."""
        return {"start": self.start, "end": self.end, "max_slope": self.max_slope}

    def contains(self, x: float) -> bool:
        return self.start <= x <= self.end


def _blows_up(fn: Function, x: float, side: int) -> bool:
    """f' grows without bound approaching x from `side` (the same test the kink scan uses)."""
    near, nearer = (one_sided(fn.derivative, x, side, h * fn.width) for h in (1e-8, 1e-14))
    return not (math.isfinite(near) and math.isfinite(nearer)) or abs(nearer) > 3 * abs(near) + 1e-3


def unbounded_points(fn: Function, critical: CriticalAnalysis) -> tuple[float, ...]:
    """Where |f'| is unbounded: cusps and vertical tangents among the critical points, domain ends, poles."""
    a, b = fn.domain
    inside = [p.x for p in critical.points
              if not p.differentiable and (_blows_up(fn, p.x, -1) or _blows_up(fn, p.x, +1))]
    ends = [x for x, side in ((a, +1), (b, -1)) if _blows_up(fn, x, side)]
    return tuple(sorted(inside + ends + list(fn.poles)))


def bounded_slope_scale(fn: Function, critical: CriticalAnalysis) -> float:
    """max |f'| away from the points where f' is unbounded (the plain maximum when there are none)."""
    singular = unbounded_points(fn, critical)
    if not singular:
        return critical.slope_scale
    xs = fn.away_from_poles(fn.grid())
    keep = np.all([np.abs(xs - x) >= SINGULAR_MARGIN * fn.width for x in singular], axis=0)
    values = np.abs(fn.df(xs[keep]))
    finite = values[np.isfinite(values)]
    return float(finite.max()) if finite.size and finite.max() > 0 else critical.slope_scale


def slope_threshold(fn: Function, critical: CriticalAnalysis) -> float:
    return PLATEAU_SLOPE * bounded_slope_scale(fn, critical)


def flat_stretches(fn: Function, threshold: float) -> list[tuple[float, float]]:
    """Maximal intervals where |f'| <= threshold, edges refined by bisection."""
    xs = fn.grid()
    small = np.abs(fn.df(xs)) <= threshold
    stretches = []
    for start, stop in true_runs(small):
        lo = _crossing(fn, threshold, xs[start - 1], xs[start]) if start > 0 else xs[0]
        hi = _crossing(fn, threshold, xs[stop], xs[stop - 1]) if stop < len(xs) else xs[-1]
        stretches.append((float(lo), float(hi)))
    return stretches


def _crossing(fn: Function, threshold: float, steep: float, flat: float) -> float:
    for _ in range(60):
        mid = 0.5 * (steep + flat)
        if abs(fn.slope(mid)) <= threshold:
            flat = mid
        else:
            steep = mid
    return flat


def plateaus(fn: Function, critical: CriticalAnalysis, threshold: float | None = None) -> tuple[Plateau, ...]:
    threshold = slope_threshold(fn, critical) if threshold is None else threshold
    strict = [p.x for p in critical.points if p.kind in ("min", "max")
              and not any(abs(p.x - e) <= 1e-9 * fn.width for seg in critical.flat_segments for e in seg)]
    extrema = {(e.start, e.end) for e in flat_extrema(fn, critical)}
    found = []
    for lo, hi in flat_stretches(fn, threshold):
        segment = next(((s_lo, s_hi) for s_lo, s_hi in critical.flat_segments
                        if s_lo <= lo + 1e-9 * fn.width and hi - 1e-9 * fn.width <= s_hi), None)
        if segment is not None:
            lo, hi = segment  # exact ends (snapped to the kinks), not the bisection's last float
            if segment in extrema:
                continue  # a flat minimum or maximum, reported on its own
        wide = hi - lo >= PLATEAU_WIDTH * fn.width
        slack = 1e-9 * fn.width
        has_extremum = any(lo < x < hi for x in strict) or any(lo - slack <= e_lo and e_hi <= hi + slack
                                                              for e_lo, e_hi in extrema)
        if segment is not None or (wide and not has_extremum):
            inside = np.linspace(lo, hi, 201)
            found.append(Plateau(lo, hi, float(np.nanmax(np.abs(fn.df(inside))))))
    return tuple(found)
