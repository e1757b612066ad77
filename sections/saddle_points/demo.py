"""What section `saddle_points` draws of f(x, y), all computed by mathcore: the contour bands, the gradient
arrows, the two slices through a saddle, and the runs that start beside it.

The runs: plain descent from a start just off the saddle (along its rising direction, a little way out along
its falling one) must crawl (mathcore says `stalled`: |∇f| vanished with no minimum there), and momentum or
Adam from the same start must reach a minimum; the first rate, step budget and start (from the Hessian's scale
and the box) for which both hold is shown. None when no such pair exists.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.parse import X, Y
from mathcore.surface import Surface, SurfacePoint
from mathcore.surface_descent import PlaneLandscape, PlaneTrajectory, descend_plane

BANDS = 10  # contour bands, one digit each in a row of `levels`
PIXELS = 200  # band samples along the box's longer side
ARROWS = (7, 5)  # gradient arrows along the longer and the shorter side
STEP_BUDGETS = (100, 150, 200)
RATE_FRACTIONS = (0.02, 0.05)  # η·(largest |eigenvalue| at the saddle)
OFF_SADDLE = (1e-6, 1e-5, 1e-4)  # the start's distance along the falling direction, as a fraction of the diagonal
OUT_ALONG = (0.25, 0.15)  # ... and along the rising one, as a fraction of the box's shorter half-side
ADAM_RATES = (0.05, 0.1)  # Adam's η, as a fraction of the box's shorter side
MAX_RATE = 1e3  # the largest η descent accepts (mathcore.descent.check_optimizer)


@dataclass(frozen=True)
class Bands:
    """The contour map: f on a grid, cut into BANDS bands of equal height between its lowest value and its
    95th percentile (a steep corner does not wash the rest out), one string of digits per row, bottom row first."""

    rows: tuple[str, ...]
    low: float
    high: float


def bands(surface: Surface) -> Bands:
    (a, b), (c, d) = surface.box
    wide = b - a >= d - c
    nx = PIXELS if wide else max(8, round(PIXELS * (b - a) / (d - c)))
    ny = PIXELS if not wide else max(8, round(PIXELS * (d - c) / (b - a)))
    xs, ys = np.meshgrid(np.linspace(a, b, nx), np.linspace(c, d, ny))
    with np.errstate(all="ignore"):
        values = np.asarray(surface.f(xs, ys), dtype=float) * np.ones_like(xs)
    low, high = float(np.nanmin(values)), float(np.nanpercentile(values, 95))
    high = high if high > low else low + 1.0
    index = np.clip(((values - low) / (high - low) * BANDS).astype(int), 0, BANDS - 1)
    return Bands(tuple("".join(str(v) for v in row) for row in index), low, high)


@dataclass(frozen=True)
class Arrow:
    """∇f at (x, y)."""

    x: float
    y: float
    gx: float
    gy: float


def arrows(surface: Surface) -> tuple[Arrow, ...]:
    """∇f on a coarse grid inside the box (cell centres), where it is defined."""
    (a, b), (c, d) = surface.box
    nx, ny = ARROWS if b - a >= d - c else ARROWS[::-1]
    found = []
    for x in (a + (i + 0.5) * (b - a) / nx for i in range(nx)):
        for y in (c + (j + 0.5) * (d - c) / ny for j in range(ny)):
            gx, gy = surface.grad(x, y)
            if math.isfinite(gx) and math.isfinite(gy):
                found.append(Arrow(float(x), float(y), float(gx), float(gy)))
    return tuple(found)


def slice_texts(surface: Surface, point: SurfacePoint) -> tuple[str, str]:
    """f along the line y = y₀ (a function of x) and along x = x₀ (written in x, drawn as y) through `point`,
    as text the one-variable parser reads."""
    x0 = point.x_exact if point.x_exact is not None else sp.Float(point.x, 17)
    y0 = point.y_exact if point.y_exact is not None else sp.Float(point.y, 17)
    along_x = surface.expr.xreplace({Y: y0})
    along_y = surface.expr.xreplace({X: x0}).xreplace({Y: X})
    return str(along_x), str(along_y)


@dataclass(frozen=True)
class SaddleRuns:
    gd: PlaneTrajectory
    fast: PlaneTrajectory


def saddle_runs(surface: Surface, saddle: SurfacePoint, landscape: PlaneLandscape) -> SaddleRuns | None:
    if not landscape.minima:
        return None
    hessian = surface.hess(saddle.x, saddle.y)
    if not np.all(np.isfinite(hessian)):
        return None
    values, vectors = np.linalg.eigh(hessian)
    falling, rising = vectors[:, 0], vectors[:, 1]
    scale = float(max(abs(values)))
    if not (math.isfinite(scale) and scale * MAX_RATE >= 2 * max(RATE_FRACTIONS)):  # a degenerate saddle
        return None  # (Hessian ≈ 0, as x³ − 3xy²'s): no learning rate comes from its scale
    (a, b), (c, d) = surface.box
    half = min(b - a, d - c) / 2
    for steps in STEP_BUDGETS:
        for fraction in RATE_FRACTIONS:
            lr = _round(fraction / scale)
            for off in OFF_SADDLE:
                for out in OUT_ALONG:
                    start = _start(surface, saddle, falling, rising, off, out * half)
                    if start is None:
                        continue
                    gd = descend_plane(surface, start, landscape, "gd", lr, steps)
                    if gd.outcome != "stalled":
                        continue
                    for optimizer, rate in [("momentum", lr), ("momentum", _round(2 * lr)),
                                            *[("adam", _round(f * 2 * half)) for f in ADAM_RATES]]:
                        fast = descend_plane(surface, start, landscape, optimizer, rate, steps)
                        if fast.outcome == "converged":
                            return SaddleRuns(gd, fast)
    return None


def above(distance: float) -> float:
    """A round number (two significant digits) just above `distance`: a sentence says "less than" it."""
    if distance <= 0:
        return 0.0
    unit = 10 ** (math.floor(math.log10(distance)) - 1)
    return (math.floor(distance / unit) + 1) * unit


def _round(value: float) -> float:
    """Two significant digits: a rate or a start a student can type and read back (0.15, not 0.15000000000000002)."""
    return float(f"{value:.2g}") + 0.0


def _start(surface: Surface, saddle: SurfacePoint, falling, rising, off: float, out: float):
    """Beside the saddle: `off` along its falling direction, `out` along its rising one, each offset's
    coordinates to two significant digits (a start that reads back in a few digits)."""
    aside = [_round(float(v)) for v in off * surface.size * falling]
    for sign in (1, -1):
        away = [_round(float(v)) for v in sign * out * rising]
        start = (saddle.x + aside[0] + away[0], saddle.y + aside[1] + away[1])
        if surface.inside(*start):
            return float(start[0]), float(start[1])
    return None
