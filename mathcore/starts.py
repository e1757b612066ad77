"""Where a descent demo should start when the lesson file does not say: read off the analysis.

Used when a teacher swaps in another function (or domain) and the configured start no longer fits.
"""

from __future__ import annotations

import numpy as np

from .analysis import Analysis


def _in_domain(analysis: Analysis, x: float | None) -> bool:
    a, b = analysis.domain
    return x is not None and a <= x <= b


def main_minimum(analysis: Analysis) -> float | None:
    """The lowest local minimum (the one a descent demo should reach), None when there is none."""
    minima = [p for p in analysis.critical_points if p.kind == "min"]
    return min(minima, key=lambda p: p.y).x if minima else None


def starts_around_minimum(analysis: Analysis, left: float | None = None,
                          right: float | None = None) -> tuple[float, float]:
    """A start left of the main minimum (f' < 0: steps go right) and one right of it (f' > 0).

    Configured starts are kept when they lie in the domain with f' of the right sign (a teacher may swap the
    function and keep the old starts); otherwise each is the middle of the sign-chart interval next to the
    minimum on that side.
    """
    a, b = analysis.domain
    target = main_minimum(analysis)
    if target is None:
        target = min(analysis.domain, key=analysis.function.value)
    before = [s for s in analysis.sign_chart if s.end <= target]
    after = [s for s in analysis.sign_chart if s.start >= target]
    auto_left = (before[-1].start + before[-1].end) / 2 if before else a + 0.1 * (b - a)
    auto_right = (after[0].start + after[0].end) / 2 if after else b - 0.1 * (b - a)
    slope = analysis.function.slope
    keep_left = _in_domain(analysis, left) and slope(left) < 0
    keep_right = _in_domain(analysis, right) and slope(right) > 0
    return (float(left) if keep_left else auto_left, float(right) if keep_right else auto_right)


def plateau_start(analysis: Analysis, start: float | None = None) -> float:
    """The configured start if in the domain, else the far end of the widest plateau (or the left end)."""
    if _in_domain(analysis, start):
        return float(start)
    a, b = analysis.domain
    if not analysis.plateaus:
        return a + 0.05 * (b - a)
    widest = max(analysis.plateaus, key=lambda p: p.end - p.start)
    inset = 0.1 * (widest.end - widest.start)
    return widest.start + inset if widest.start - a < b - widest.end else widest.end - inset


def steep_start(analysis: Analysis, start: float | None = None) -> float:
    """The configured start if in the domain, else where |f'| is largest: a run that visibly moves."""
    if _in_domain(analysis, start):
        return float(start)
    fn = analysis.function
    xs = fn.grid()
    slopes = np.abs(fn.df(xs))
    slopes[~np.isfinite(slopes)] = -1
    return float(xs[int(np.argmax(slopes))])
