"""The descent runs a lesson shows: rates and starts a teacher would type, chosen from the function's own
scale and checked by running them (the policy every descent section shares; mathcore only says what a run
does).

A teacher may type any function, so nothing here is a fixed number: learning rates come from f'' at the
minimum (gradient descent is stable below 2/f''(x*)) or, where f'' is 0 or undefined (x⁴, a kink), from
the slope near the minimum; starts come from the sign chart and are rounded to numbers a teacher can type.
"""

from __future__ import annotations

import math

import numpy as np

from mathcore import Analysis, CriticalPoint, DescentRequest, Trajectory

GOOD_RATE = 0.5  # of the stability limit's half: η = 0.5 / f''(x*), a brisk but gradual approach

SLOPE_STEP = 0.02  # without f'': the first step moves this fraction of the domain width

MAX_RATE = 1000.0  # what `descend` accepts


def nice_rate(value: float, digits: int = 1) -> float:
    """One significant digit (0.08, 0.3, 2), or `digits`: a rate a teacher would type, and short on screen."""
    return float(f"{value:.{digits}g}")

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


def moves(analysis: Analysis, x: float) -> bool:
    """Descent from x takes a step: f′(x) is a number other than 0 (a start on a critical point never moves)."""
    slope = analysis.function.slope(x)
    return math.isfinite(slope) and slope != 0 and all(x != p.x for p in analysis.critical_points)


def nice_starts(starts: list[float], width: float, keep) -> list[float]:
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


def bottom(analysis: Analysis, minimum: CriticalPoint) -> tuple[float, float]:
    """Where the minimum lies: the flat minimum it is an end of (relu(x − 2) + relu(−x): [0, 2]), else the
    point itself."""
    for flat in analysis.flat_extrema:
        if flat.kind == "min" and minimum.x in (flat.start, flat.end):
            return flat.start, flat.end
    return minimum.x, minimum.x


def basin(analysis: Analysis, minimum: CriticalPoint) -> tuple[float, float]:
    """The stretch around the minimum (a flat one as a whole) up to the neighbouring critical points, points
    where f is undefined (descent never crosses a pole) or the domain ends."""
    a, b = analysis.domain
    lo, hi = bottom(analysis, minimum)
    xs = [p.x for p in analysis.critical_points] + [e.x for e in analysis.function.excluded]
    return max([a, *[x for x in xs if x < lo]]), min([b, *[x for x in xs if x > hi]])


def base_rate(analysis: Analysis, minimum: CriticalPoint) -> float:
    """η from the curvature at the minimum, or from the slope around it where f'' says nothing."""
    curvature = minimum.second_derivative
    if curvature is not None and curvature > 1e-9 * max(analysis.landscape.slope_scale, 1e-300):
        return nice_rate(GOOD_RATE / curvature)
    lo, hi = basin(analysis, minimum)
    xs = np.linspace(lo, hi, 401)[1:-1]
    slopes = np.abs(analysis.function.df(xs))
    slope = float(np.nanmax(slopes[np.isfinite(slopes)])) if np.isfinite(slopes).any() else 1.0
    return nice_rate(SLOPE_STEP * analysis.function.width / max(slope, 1e-300))


def converges_to(run: Trajectory, minimum: CriticalPoint, width: float,
                 extent: tuple[float, float] | None = None) -> bool:
    """The run converged at the minimum (or into the flat minimum `extent` it belongs to)."""
    lo, hi = extent or (minimum.x, minimum.x)
    return run.outcome == "converged" and lo - 0.05 * width <= run.final_x <= hi + 0.05 * width


SLIDE_STEP = 0.04  # a slide's first step moves this fraction of the width
SLIDE_MIN = 0.2  # … and the whole run at least this fraction: a slide the viewer sees
SLIDE_SLOWS = 5  # its last step is at most a fifth of its first: the slope flattened under the ball
SLIDE_ROLE = "slide"


def slides(analysis: Analysis) -> bool:
    """f has no critical point and is defined all over [a; b]: f′ keeps one sign, and descent can only slide
    downhill, slowing where the slope flattens (tanh, sigmoid: the vanishing gradient)."""
    return not analysis.critical_points and not analysis.function.excluded


def slide_rate(analysis: Analysis) -> float:
    """η whose first step from the steepest point moves SLIDE_STEP of the width."""
    slopes = np.abs(analysis.function.df(analysis.function.grid(401)))
    finite = slopes[np.isfinite(slopes)]
    steepest = float(finite.max()) if finite.size else 0.0
    return nice_rate(SLIDE_STEP * analysis.function.width / steepest) if steepest > 0 else math.nan


def slide_run(analysis: Analysis, steps: int, lr: float | None = None, start: float | None = None) -> Trajectory | None:
    """Descent on a function that `slides`: from where f′ is steepest, the ball moves fast, then ever more
    slowly as the slope flattens; kept when it stays on the plot, goes a visible way and ends with steps at
    most a fifth of its first (None otherwise: f does not show a slope that flattens)."""
    if not slides(analysis):
        return None
    fn, (a, b) = analysis.function, analysis.domain
    rate = lr if lr is not None else slide_rate(analysis)
    if not 0 < rate <= MAX_RATE:
        return None
    if start is None:
        xs = fn.grid(401)
        slopes = np.abs(fn.df(xs))
        slopes[~np.isfinite(slopes)] = -1
        start = nice_point(float(xs[int(np.argmax(slopes))]), fn.width, lambda v: a <= v <= b and moves(analysis, v))
    run = analysis.run(DescentRequest(start=start, lr=rate, steps=steps))
    shown = run.outcome in ("stalled", "max_steps") and a <= run.final_x <= b
    moved = abs(run.final_x - run.start) >= SLIDE_MIN * fn.width
    slowed = len(run.xs) > 2 and abs(run.xs[-1] - run.xs[-2]) * SLIDE_SLOWS <= abs(run.xs[1] - run.xs[0])
    return run if shown and moved and slowed else None
