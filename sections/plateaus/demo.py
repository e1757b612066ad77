"""Section 3's runs: on one function with one rate, descent from a plateau stalls and descent from a slope
converges (or the reason this function cannot show it)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lessons.demos import (
    base_rate,
    basin,
    bottom,
    moves,
    nice_point,
    nice_starts,
    slide_rate,
    slide_run,
    slides,
    target_minimum,
)
from mathcore import Analysis, CriticalPoint, DescentRequest, Plateau, Trajectory

PLATEAU_FRACTIONS = (0.5, 0.8, 0.2, 0.95, 0.05)


@dataclass(frozen=True)
class PlateauDemo:
    """Descent on one function twice with one rate: from a plateau it stalls, from a slope it converges (or,
    on a function with no critical point, slides and slows where the slope flattens: `slide`)."""

    plateau: Plateau
    stall: Trajectory
    slope: Trajectory
    slide: bool = False


def _stalls_inside(analysis: Analysis, run: Trajectory) -> bool:
    a, b = analysis.domain
    return run.outcome == "stalled" and a <= run.final_x <= b


def _steepest_starts(analysis: Analysis, minimum: CriticalPoint) -> list[float]:
    """Where |f'| is largest on each side of the minimum, steepest first: a run that visibly moves."""
    fn = analysis.function
    lo, hi = basin(analysis, minimum)
    near_lo, near_hi = bottom(analysis, minimum)
    found = []
    for left, right in ((lo, near_lo), (near_hi, hi)):
        if right <= left:
            continue  # a flat minimum at the domain's end: no slope on that side
        xs = np.linspace(left, right, 401)[1:-1]
        slopes = np.abs(fn.df(xs))
        slopes[~np.isfinite(slopes)] = -1
        i = int(np.argmax(slopes))
        x = nice_point(float(xs[i]), fn.width, lambda v, a=left, b=right: a < v < b and moves(analysis, v))
        found.append((float(slopes[i]), x))
    return [x for _, x in sorted(found, reverse=True)]


def plateau_demo(analysis: Analysis, steps: int, lr: float | None = None, start: float | None = None,
                 contrast_start: float | None = None) -> PlateauDemo | str:
    """The two runs of the plateau section, or the reason this function cannot show them:
    "no_plateau", "no_minimum" (no minimum, and critical points or poles: no slide either), "no_slope" (no run
    from a slope converges, or slides) or "no_stall" (no start on a plateau stalls inside the domain, away from
    the minimum)."""
    if not analysis.plateaus:
        return "no_plateau"
    minimum = target_minimum(analysis)
    if minimum is None and not slides(analysis):
        return "no_minimum"
    width = analysis.function.width
    if minimum is None:  # no critical point: from the steep slope the ball slides, slowing as it flattens
        rate = lr if lr is not None else slide_rate(analysis)
        slope_run = slide_run(analysis, steps, rate, contrast_start)
    else:
        rate = lr if lr is not None else base_rate(analysis, minimum)
        slope_starts = [contrast_start] if contrast_start is not None else _steepest_starts(analysis, minimum)
        runs = (analysis.run(DescentRequest(start=x0, lr=rate, steps=steps)) for x0 in slope_starts)
        slope_run = next((run for run in runs if run.outcome == "converged"), None)
    if slope_run is None:
        return "no_slope"
    widest_first = sorted(analysis.plateaus, key=lambda p: p.start - p.end)
    for plateau in widest_first:
        if start is not None and not plateau.contains(start):
            continue
        candidates = [start] if start is not None else nice_starts(
            [plateau.start + f * (plateau.end - plateau.start) for f in PLATEAU_FRACTIONS], width,
            lambda v, p=plateau: p.contains(v) and moves(analysis, v))
        for x0 in candidates:
            run = analysis.run(DescentRequest(start=x0, lr=rate, steps=steps))
            if minimum is None and _stalls_inside(analysis, run):
                return PlateauDemo(plateau, run, slope_run, slide=True)
            low, high = bottom(analysis, minimum) if minimum is not None else (0.0, 0.0)
            if _stalls_inside(analysis, run) and not low - 0.05 * width <= run.final_x <= high + 0.05 * width:
                return PlateauDemo(plateau, run, slope_run)
    return "no_stall"
