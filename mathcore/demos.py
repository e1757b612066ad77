"""The descent runs a lesson shows, chosen from the function's own scale and checked by running them.

A teacher may type any function, so nothing here is a fixed number: learning rates come from f'' at the
minimum (gradient descent is stable below 2/f''(x*)) or, where f'' is 0 or undefined (x⁴, a kink), from
the slope near the minimum; starts come from the sign chart. Every candidate is run with `descend` and
kept only when its outcome is the one the lesson will claim for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .analysis import Analysis, DescentRequest
from .critical import CriticalPoint
from .descent import Trajectory
from .plateaus import Plateau

GOOD_RATE = 0.5  # of the stability limit's half: η = 0.5 / f''(x*), a brisk but gradual approach
SLOPE_STEP = 0.02  # without f'': the first step moves this fraction of the domain width
RATE_TRIES = (1, 0.5, 2, 0.25, 4, 0.1, 10)
SMALL_FACTORS = (20, 50, 100, 200, 500)
LARGE_FACTORS = (4, 5, 6, 8, 12, 20, 40, 80, 160)
START_FRACTIONS = (0.5, 0.3, 0.7, 0.15, 0.85)
PLATEAU_FRACTIONS = (0.5, 0.8, 0.2, 0.95, 0.05)
MIN_STEPS_SHOWN = 4  # a converging run shorter than this shows no descent
MAX_RATE = 1000.0  # what `descend` accepts
MOVED = 0.01  # a "slow" run still moves this fraction of the width


def nice_rate(value: float) -> float:
    """One significant digit (0.08, 0.3, 2): a rate a teacher would type, and short on screen."""
    return float(f"{value:.1g}")


NICE_GRIDS = (1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001)  # × the width's power of ten
NICE_MOVE = 0.03  # a start moves at most this fraction of the width to become round


def nice_point(x: float, width: float, keep) -> float:
    """The roundest number near x (on the coarsest grid of NICE_GRIDS that moves it by at most NICE_MOVE of
    the width) for which `keep` still holds, else x: a start a teacher can type and check by hand."""
    unit = 10.0 ** math.floor(math.log10(width))
    for grid in NICE_GRIDS:
        step = grid * unit
        value = float(f"{round(x / step) * step:.12g}") + 0.0  # no float noise, no −0
        if abs(value - x) <= NICE_MOVE * width and keep(value):
            return value
    return x


def _moves(analysis: Analysis, x: float) -> bool:
    """Descent from x takes a step: f′(x) is a number other than 0 (a start on a critical point never moves)."""
    slope = analysis.function.slope(x)
    return math.isfinite(slope) and slope != 0 and all(x != p.x for p in analysis.critical_points)


def _nice_starts(starts: list[float], width: float, keep) -> list[float]:
    return list(dict.fromkeys(nice_point(x, width, keep) for x in starts))


def target_minimum(analysis: Analysis) -> CriticalPoint | None:
    """The lowest local minimum: the one a descent demo should reach (None when f has none)."""
    minima = [p for p in analysis.critical_points if p.kind == "min"]
    return min(minima, key=lambda p: (p.y, p.x)) if minima else None


def lowest_minima(analysis: Analysis) -> tuple[CriticalPoint, ...]:
    """Every local minimum as low as the lowest (cos x on [−6, 6]: −π and π), equal within float rounding
    of the function's scale: the goal "where the error is smallest" points at all of them."""
    low = target_minimum(analysis)
    if low is None:
        return ()
    scale = max([abs(p.y) for p in analysis.critical_points] + [1.0])
    return tuple(p for p in analysis.critical_points if p.kind == "min" and abs(p.y - low.y) <= 1e-9 * scale)


def _basin(analysis: Analysis, minimum: CriticalPoint) -> tuple[float, float]:
    """The stretch around the minimum up to the neighbouring critical points (or the domain ends)."""
    a, b = analysis.domain
    xs = [p.x for p in analysis.critical_points]
    return max([a, *[x for x in xs if x < minimum.x]]), min([b, *[x for x in xs if x > minimum.x]])


def base_rate(analysis: Analysis, minimum: CriticalPoint) -> float:
    """η from the curvature at the minimum, or from the slope around it where f'' says nothing."""
    curvature = minimum.second_derivative
    if curvature is not None and curvature > 1e-9 * max(analysis.landscape.slope_scale, 1e-300):
        return nice_rate(GOOD_RATE / curvature)
    lo, hi = _basin(analysis, minimum)
    xs = np.linspace(lo, hi, 401)[1:-1]
    slopes = np.abs(analysis.function.df(xs))
    slope = float(np.nanmax(slopes[np.isfinite(slopes)])) if np.isfinite(slopes).any() else 1.0
    return nice_rate(SLOPE_STEP * analysis.function.width / max(slope, 1e-300))


def _side_starts(analysis: Analysis, minimum: CriticalPoint, side: int) -> list[float]:
    """Candidate starts on one side of the minimum, where f' has the sign that steps toward it."""
    lo, hi = _basin(analysis, minimum)
    far = lo if side < 0 else hi
    slope = analysis.function.slope
    wanted = (lambda s: s < 0) if side < 0 else (lambda s: s > 0)

    def usable(x: float) -> bool:
        return lo < x < hi and x != minimum.x and math.isfinite(slope(x)) and wanted(slope(x))

    starts = [minimum.x + f * (far - minimum.x) for f in START_FRACTIONS]
    return [x for x in _nice_starts(starts, analysis.function.width, usable) if usable(x)]


def _converges_to(run: Trajectory, minimum: CriticalPoint, width: float) -> bool:
    return run.outcome == "converged" and abs(run.final_x - minimum.x) <= 0.05 * width


@dataclass(frozen=True)
class DescentPair:
    """Two converging runs to one minimum, one from each side, with the same learning rate."""

    minimum: CriticalPoint
    lr: float
    from_left: Trajectory
    from_right: Trajectory


def descent_pair(analysis: Analysis, steps: int, lr: float | None = None, left: float | None = None,
                 right: float | None = None) -> DescentPair | None:
    """Runs from left (f' < 0: steps go right) and right (f' > 0: steps go left) that both converge to the
    lowest minimum; given values are tried alone (a teacher's choice is kept or refused, never replaced)."""
    minimum = target_minimum(analysis)
    if minimum is None:
        return None
    base = base_rate(analysis, minimum)
    rates = [lr] if lr is not None else [nice_rate(base * k) for k in RATE_TRIES if base * k <= MAX_RATE]
    lefts = [left] if left is not None else _side_starts(analysis, minimum, -1)
    rights = [right] if right is not None else _side_starts(analysis, minimum, +1)
    width = analysis.function.width
    for rate in dict.fromkeys(rates):
        runs = []
        for starts in (lefts, rights):
            found = None
            for start in starts:
                run = analysis.run(DescentRequest(start=start, lr=rate, steps=steps))
                if _converges_to(run, minimum, width) and (len(run.xs) - 1 >= MIN_STEPS_SHOWN or lr is not None):
                    found = run
                    break
            runs.append(found)
        if all(runs):
            return DescentPair(minimum, rate, runs[0], runs[1])
    return None


@dataclass(frozen=True)
class RateComparison:
    """The same start with three learning rates: too small (slow), good (converges), too large."""

    small: Trajectory
    good: Trajectory
    large: Trajectory


VISIBLE_STEPS = 10  # an oscillation shown as "too large" lasts more steps than this …
VISIBLE_SWING = 0.05  # … and still swings by this fraction of the width at its end


def rate_comparison(analysis: Analysis, pair: DescentPair, steps: int,
                    rates: tuple[float, float, float] | None = None) -> RateComparison | None:
    """Rates around the pair's rate whose runs end `max_steps` (moving), `converged`, and `oscillating` or
    `diverged`; given rates are checked as they are."""
    start = pair.from_right.start
    width = analysis.function.width

    def run(rate: float) -> Trajectory:
        return analysis.run(DescentRequest(start=start, lr=rate, steps=steps))

    def slow(r: Trajectory) -> bool:
        return r.outcome == "max_steps" and abs(r.final_x - r.start) >= MOVED * width

    def wild(r: Trajectory) -> bool:
        return r.outcome in ("oscillating", "diverged")

    if rates is not None:
        small, good, large = (run(r) for r in rates)
        ok = slow(small) and _converges_to(good, pair.minimum, width) and wild(large)
        return RateComparison(small, good, large) if ok else None
    small = next((r for r in (run(nice_rate(pair.lr / k)) for k in SMALL_FACTORS) if slow(r)), None)
    wilds = [r for r in (run(nice_rate(pair.lr * k)) for k in LARGE_FACTORS if pair.lr * k <= MAX_RATE)
             if wild(r)]
    # a bounded oscillation that keeps bouncing visibly shows "too large" better than a ball that leaves at
    # once (an oscillation that jumps off the drawn domain is not one the viewer can follow); a borderline rate (η = 2/f″: an exact 2-cycle that stops at once, or one that slowly settles)
    # shows nothing going wrong
    a, b = analysis.domain
    visible = [r for r in wilds if r.outcome == "oscillating" and len(r.xs) > VISIBLE_STEPS
               and abs(r.xs[-1] - r.xs[-2]) >= VISIBLE_SWING * width and all(a <= x <= b for x in r.xs)]
    diverged = [r for r in wilds if r.outcome == "diverged"]
    large = (visible or diverged or wilds or [None])[0]
    if small is None or large is None:
        return None
    return RateComparison(small, pair.from_right, large)


@dataclass(frozen=True)
class PlateauDemo:
    """Descent on one function twice with one rate: from a plateau it stalls, from a slope it converges."""

    plateau: Plateau
    stall: Trajectory
    slope: Trajectory


def _stalls_inside(analysis: Analysis, run: Trajectory) -> bool:
    a, b = analysis.domain
    return run.outcome == "stalled" and a <= run.final_x <= b


def _steepest_starts(analysis: Analysis, minimum: CriticalPoint) -> list[float]:
    """Where |f'| is largest on each side of the minimum, steepest first: a run that visibly moves."""
    fn = analysis.function
    lo, hi = _basin(analysis, minimum)
    found = []
    for left, right in ((lo, minimum.x), (minimum.x, hi)):
        xs = np.linspace(left, right, 401)[1:-1]
        slopes = np.abs(fn.df(xs))
        slopes[~np.isfinite(slopes)] = -1
        i = int(np.argmax(slopes))
        x = nice_point(float(xs[i]), fn.width, lambda v, a=left, b=right: a < v < b and _moves(analysis, v))
        found.append((float(slopes[i]), x))
    return [x for _, x in sorted(found, reverse=True)]


def plateau_demo(analysis: Analysis, steps: int, lr: float | None = None, start: float | None = None,
                 contrast_start: float | None = None) -> PlateauDemo | str:
    """The two runs of the plateau section, or the reason this function cannot show them:
    "no_plateau", "no_minimum", "no_slope" (no run from a slope converges) or "no_stall" (no start on a
    plateau stalls inside the domain, away from the minimum)."""
    if not analysis.plateaus:
        return "no_plateau"
    minimum = target_minimum(analysis)
    if minimum is None:
        return "no_minimum"
    rate = lr if lr is not None else base_rate(analysis, minimum)
    width = analysis.function.width
    slope_starts = [contrast_start] if contrast_start is not None else _steepest_starts(analysis, minimum)
    slope_run = None
    for x0 in slope_starts:
        run = analysis.run(DescentRequest(start=x0, lr=rate, steps=steps))
        if run.outcome == "converged":
            slope_run = run
            break
    if slope_run is None:
        return "no_slope"
    widest_first = sorted(analysis.plateaus, key=lambda p: p.start - p.end)
    for plateau in widest_first:
        if start is not None and not plateau.contains(start):
            continue
        candidates = [start] if start is not None else _nice_starts(
            [plateau.start + f * (plateau.end - plateau.start) for f in PLATEAU_FRACTIONS], width,
            lambda v, p=plateau: p.contains(v) and _moves(analysis, v))
        for x0 in candidates:
            run = analysis.run(DescentRequest(start=x0, lr=rate, steps=steps))
            if _stalls_inside(analysis, run) and abs(run.final_x - minimum.x) > 0.05 * width:
                return PlateauDemo(plateau, run, slope_run)
    return "no_stall"


ESCAPES = (("adam", (0.01, 0.02, 0.04)), ("momentum", (1, 3, 10)))  # Adam: width fractions; momentum: × η


def escape_run(analysis: Analysis, stall: Trajectory, steps: int,
               optimizer: str | None = None, lr: float | None = None) -> Trajectory | None:
    """An optimizer that, from the stalled run's start, converges where plain descent stalled; None when
    none of the tried ones does (the lesson then shows no escape)."""
    width = analysis.function.width
    tries = []
    for name, factors in ESCAPES:
        if optimizer is not None and name != optimizer:
            continue
        rates = [lr] if lr is not None else \
            [nice_rate(f * width) if name == "adam" else nice_rate(f * stall.lr) for f in factors]
        tries += [(name, rate) for rate in rates]
    if optimizer is not None and not tries:
        tries = [(optimizer, lr if lr is not None else stall.lr)]
    runs = [analysis.run(DescentRequest(start=stall.start, optimizer=name, lr=rate, steps=steps))
            for name, rate in tries]
    converged = [run for run in runs if run.outcome == "converged"]
    return min(converged, key=lambda run: len(run.xs)) if converged else None
