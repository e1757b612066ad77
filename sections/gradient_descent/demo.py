"""Section 4's runs: two converging runs from either side of the lowest minimum, three learning rates
compared (too small, good, too large), and an optimizer that escapes section 3's plateau. Every candidate is
run and kept only when its outcome is the one the section will claim for it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from lessons.demos import MAX_RATE, base_rate, basin, bottom, converges_to, nice_rate, nice_starts, target_minimum
from mathcore import Analysis, CriticalPoint, DescentRequest, Trajectory

RATE_TRIES = (1, 0.5, 2, 0.25, 4, 0.1, 10)

SMALL_FACTORS = (20, 50, 100, 200, 500)

LARGE_FACTORS = (4, 4.5, 5, 6, 7, 8, 10, 12, 16, 20)  # never more than 20× the good rate: not what a teacher shows

START_FRACTIONS = (0.5, 0.3, 0.7, 0.15, 0.85)

MIN_STEPS_SHOWN = 4  # a converging run shorter than this shows no descent

MOVED = 0.01  # a "slow" run still moves this fraction of the width


def _side_starts(analysis: Analysis, minimum: CriticalPoint, side: int) -> list[float]:
    """Candidate starts on one side of the minimum (of a flat minimum: beyond its end on that side), where f'
    has the sign that steps toward it."""
    lo, hi = basin(analysis, minimum)
    near = bottom(analysis, minimum)[0 if side < 0 else 1]
    far = lo if side < 0 else hi
    slope = analysis.function.slope
    wanted = (lambda s: s < 0) if side < 0 else (lambda s: s > 0)

    def usable(x: float) -> bool:
        return lo < x < hi and x != near and math.isfinite(slope(x)) and wanted(slope(x))

    starts = [near + f * (far - near) for f in START_FRACTIONS]
    return [x for x in nice_starts(starts, analysis.function.width, usable) if usable(x)]


@dataclass(frozen=True)
class DescentPair:
    """Two converging runs to one minimum, one from each side, with the same learning rate."""

    minimum: CriticalPoint
    lr: float
    from_left: Trajectory
    from_right: Trajectory


def descent_pairs(analysis: Analysis, steps: int, lr: float | None = None, left: float | None = None,
                  right: float | None = None):
    """Runs from left (f' < 0: steps go right) and right (f' > 0: steps go left) that both converge to the
    lowest minimum, one pair per rate that gives them, the preferred rate first; given values are tried
    alone (a teacher's choice is kept or refused, never replaced)."""
    minimum = target_minimum(analysis)
    if minimum is None:
        return
    base = base_rate(analysis, minimum)
    rates = [lr] if lr is not None else [nice_rate(base * k) for k in RATE_TRIES if base * k <= MAX_RATE]
    lefts = [left] if left is not None else _side_starts(analysis, minimum, -1)
    rights = [right] if right is not None else _side_starts(analysis, minimum, +1)
    width, extent = analysis.function.width, bottom(analysis, minimum)
    for rate in dict.fromkeys(rates):
        runs = []
        for starts in (lefts, rights):
            found = None
            for start in starts:
                run = analysis.run(DescentRequest(start=start, lr=rate, steps=steps))
                if converges_to(run, minimum, width, extent) and (run.nit >= MIN_STEPS_SHOWN or lr is not None):
                    found = run
                    break
            runs.append(found)
        if all(runs):
            yield DescentPair(minimum, rate, runs[0], runs[1])


def descent_pair(analysis: Analysis, steps: int, lr: float | None = None, left: float | None = None,
                 right: float | None = None) -> DescentPair | None:
    """The preferred pair of `descent_pairs` (None when no rate gives one)."""
    return next(descent_pairs(analysis, steps, lr, left, right), None)


@dataclass(frozen=True)
class RateComparison:
    """The same start with three learning rates: too small (slow), good (converges), too large."""

    small: Trajectory
    good: Trajectory
    large: Trajectory

VISIBLE_STEPS = 10  # an oscillation shown as "too large" lasts more steps than this …

VISIBLE_SWING = 0.05  # … and still swings by this fraction of the width at its end

VISIBLE_LEAVE = 4  # a run that flies off is followed for this many steps inside the plot, when a rate allows

BORDER_BELOW, BORDER_ABOVE = 1.25, 1.05  # "too large" keeps this far from 2/f''(x*): below it the back-and-forth
#                                         shrinks (slowly), just above it the swing that stays is too small to see

def borderline(analysis: Analysis, minimum: CriticalPoint, lr: float) -> bool:
    """η near 2/f''(x*), the edge of stability at the minimum: below it a run's swing shrinks slowly (e^x − 2x
    with η = 1 = 2/f''(ln 2) converges in 1053 steps), just above it the swing it keeps is tiny."""
    curvature = minimum.second_derivative
    if curvature is None or curvature <= 0:
        return False
    edge = 2 / curvature
    return edge / BORDER_BELOW < lr < edge * BORDER_ABOVE


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
        # a step that would jump past a pole is too large as well (the run stops before it: x + 1/x)
        return r.outcome in ("oscillating", "diverged", "pole") and not borderline(analysis, pair.minimum, r.lr)

    extent = bottom(analysis, pair.minimum)
    if rates is not None:
        small, good, large = (run(r) for r in rates)
        ok = slow(small) and converges_to(good, pair.minimum, width, extent) and wild(large)
        return RateComparison(small, good, large) if ok else None
    small = next((r for r in (run(nice_rate(pair.lr / k)) for k in SMALL_FACTORS) if slow(r)), None)
    rates_tried = dict.fromkeys(nice_rate(pair.lr * k, 2) for k in LARGE_FACTORS if pair.lr * k <= MAX_RATE)
    wilds = [r for r in (run(rate) for rate in rates_tried) if wild(r)]
    # a bounded oscillation that keeps bouncing visibly shows "too large" better than a ball that leaves at
    # once (an oscillation that jumps off the drawn domain is not one the viewer can follow); of the runs that
    # fly off, the one followed longest inside the plot; a borderline rate (η = 2/f″: an exact 2-cycle that
    # stops at once, or one that slowly settles) shows nothing going wrong
    a, b = analysis.domain
    visible = [r for r in wilds if r.outcome == "oscillating" and len(r.xs) > VISIBLE_STEPS
               and abs(r.xs[-1] - r.xs[-2]) >= VISIBLE_SWING * width and all(a <= x <= b for x in r.xs)]

    def inside(r: Trajectory) -> int:
        """The steps whose iterate is still inside the drawn domain before the run first leaves it."""
        return next((k for k, x in enumerate((*r.xs, r.exit_x if r.exit_x is not None else math.inf))
                     if not a <= x <= b), len(r.xs)) - 1
    diverged = sorted((r for r in wilds if r.outcome == "diverged"), key=lambda r: (-min(inside(r), VISIBLE_LEAVE),
                                                                                   r.lr))
    large = (visible or diverged or wilds or [None])[0]
    if small is None or large is None:
        return None
    return RateComparison(small, pair.from_right, large)

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
