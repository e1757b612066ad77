"""Plateaus: wide stretches where f' is tiny although no extremum is there (the vanishing gradient).

The rule, so a teacher can predict it:
- scale S = max |f'| over the domain (sampled on a 4001-point grid);
- a stretch is *flat* where |f'| <= PLATEAU_SLOPE * S (1 % of the steepest slope);
- a plateau is a maximal flat stretch at least PLATEAU_WIDTH of the domain wide (5 %) that has no strict
  minimum or maximum inside it: the flat bottom of a valley (x⁴ at 0) is where descent *should* stop, so it
  is not a plateau; the shoulders of 1 − exp(−x²) and both tails of a sigmoid are.
- a segment where f' is identically 0 (abs(x−1) + abs(x+1) on [−1, 1]) is always a plateau.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .critical import CriticalAnalysis
from .function import Function
from .roots import true_runs

PLATEAU_SLOPE = 0.01
PLATEAU_WIDTH = 0.05


@dataclass(frozen=True)
class Plateau:
    start: float
    end: float
    max_slope: float  # the largest |f'| on the plateau: how small "vanishing" is here

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "max_slope": self.max_slope}

    def contains(self, x: float) -> bool:
        return self.start <= x <= self.end


def slope_threshold(critical: CriticalAnalysis) -> float:
    return PLATEAU_SLOPE * critical.slope_scale


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


def plateaus(fn: Function, critical: CriticalAnalysis) -> tuple[Plateau, ...]:
    threshold = slope_threshold(critical)
    strict = [p.x for p in critical.points if p.kind in ("min", "max")
              and not any(abs(p.x - e) <= 1e-9 * fn.width for seg in critical.flat_segments for e in seg)]
    found = []
    for lo, hi in flat_stretches(fn, threshold):
        segment = next(((s_lo, s_hi) for s_lo, s_hi in critical.flat_segments
                        if s_lo <= lo + 1e-9 * fn.width and hi - 1e-9 * fn.width <= s_hi), None)
        if segment is not None:
            lo, hi = segment  # exact ends (snapped to the kinks), not the bisection's last float
        wide = hi - lo >= PLATEAU_WIDTH * fn.width
        has_extremum = any(lo < x < hi for x in strict)
        if segment is not None or (wide and not has_extremum):
            inside = np.linspace(lo, hi, 201)
            found.append(Plateau(lo, hi, float(np.nanmax(np.abs(fn.df(inside))))))
    return tuple(found)
