"""The checks of claims about f(x, y) (mathcore.claims.SurfaceClaim), by a second method.

mathcore.surface finds critical points by Newton's method on sympy's ∇f from a grid of starts and decides
kinds by the Hessian's eigenvalues (a ring of 72 directions where it is singular). Here f alone is parsed
again: ∇f is a central difference quotient of f at 40 digits, critical points are found by scipy's hybrid
Powell root finder on that difference gradient from the local minima of |∇f| on a grid of another size (each
root polished by Newton's method at 80 digits), a kind comes from f's lowest and highest values on small rings at
three radii (60 directions, each local extreme refined over the angle; never the Hessian), and a run is stepped
again with an optimizer written anew.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp
from scipy.optimize import root

from .. import claims as c
from ..parse import X, Y, parse_function
from .model import BAND, DPS

GRID = 47  # difference gradients sampled per side of the box (mathcore.surface starts Newton on 13)
DIRECTIONS = 60
RADII = (3e-5, 1e-5, 3e-6)  # of the box's diagonal: where f's lowest-order terms decide, even beside a saddle
RING_DIGITS = 60  # a sextic's rise (3e-5·diagonal)⁶ stands well above the rounding of f at these radii
FLAT = 1e-10  # |∇f| this small, relative to the gradient's scale, is zero
SAME = 1e-5  # points this close (relative to the diagonal) are the same point
REPLAYED = 400


@dataclass(frozen=True)
class Plane:
    """f(x, y) of one claim, evaluated at 40 digits (mpmath) and in floats (numpy); never its derivatives."""

    box: tuple[tuple[float, float], tuple[float, float]]
    f_mp: object
    f_np: object

    @property
    def size(self) -> float:
        (a, b), (cc, d) = self.box
        return math.hypot(b - a, d - cc)

    def value(self, x, y, digits: int = DPS) -> mpmath.mpf:
        with mpmath.workdps(digits):
            v = self.f_mp(mpmath.mpf(x), mpmath.mpf(y))
            return mpmath.re(v) if isinstance(v, mpmath.mpc) else mpmath.mpf(v)

    def gradient(self, x, y) -> tuple[float, float]:
        """∇f by central differences of f at 40 digits (a step of 1e-15 of the diagonal: error ~h²)."""
        with mpmath.workdps(DPS):
            h = mpmath.mpf(1e-15) * self.size
            x, y = mpmath.mpf(x), mpmath.mpf(y)
            gx = (self.value(x + h, y) - self.value(x - h, y)) / (2 * h)
            gy = (self.value(x, y + h) - self.value(x, y - h)) / (2 * h)
            return float(gx), float(gy)

    def float_gradient(self, x: float, y: float) -> np.ndarray:
        h = 1e-6 * self.size
        with np.errstate(all="ignore"):
            return np.array([(self.f_np(x + h, y) - self.f_np(x - h, y)) / (2 * h),
                             (self.f_np(x, y + h) - self.f_np(x, y - h)) / (2 * h)], dtype=float)

    @property
    def scale(self) -> float:
        return _scale(self)

    def inside(self, x, y) -> bool:
        (a, b), (cc, d) = self.box
        return a <= x <= b and cc <= y <= d


@lru_cache(maxsize=32)
def plane(function: str, box: tuple[tuple[float, float], tuple[float, float]]) -> Plane:
    expr = parse_function(function, two_variables=True)
    return Plane(box, sp.lambdify((X, Y), expr, modules="mpmath"), sp.lambdify((X, Y), expr, modules="numpy"))


def of(claim: c.SurfaceClaim) -> Plane:
    return plane(claim.function, (tuple(claim.domain), tuple(claim.ydomain)))


@lru_cache(maxsize=32)
def _grid(p: Plane) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    (a, b), (cc, d) = p.box
    xs, ys = np.meshgrid(np.linspace(a, b, GRID), np.linspace(cc, d, GRID))
    gx, gy = p.float_gradient(xs, ys)
    return xs, ys, np.hypot(gx * np.ones_like(xs), gy * np.ones_like(xs))


@lru_cache(maxsize=32)
def _scale(p: Plane) -> float:
    sizes = _grid(p)[2]
    finite = sizes[np.isfinite(sizes)]
    return float(np.percentile(finite, 90)) if finite.size and finite.max() > 0 else 1.0


def kind_by_rings(p: Plane, x: float, y: float) -> str:
    """f on rings at three radii against f at the point: above and below at every radius is a saddle, never
    below a minimum, never above a maximum (60 digits). The radii are small (3·10⁻⁵ to 3·10⁻⁶ of the diagonal):
    a maximum whose curvature is 0.004 beside a degenerate saddle (−2x³y + y⁴ + xy² − 2y³ at (0.047, 0.013)) is a
    maximum only where the quadratic terms outweigh the cubic ones, within 10⁻³ of it. The rings shrink to a
    third of the distance to the nearest other critical point the root finder sees (−3y³ + 3x² + 0.3xy has a
    minimum 0.0017 from its saddle). On each ring, f's lowest and highest values are found by sampling
    DIRECTIONS directions and refining the lowest (highest) local extremes of the samples by golden-section
    search over the angle: where f dips below f(p) only in a wedge narrower than the samples' spacing
    (y² − 0.6x⁴ near the x axis, Peano's (y − x²)(y − 2x²) between its parabolas), the refinement finds the dip."""
    others = [math.hypot(x - u, y - v) for u, v in critical_points(p) if math.hypot(x - u, y - v) > SAME * p.size]
    shrink = min(1.0, min(others, default=math.inf) / (3 * RADII[0] * p.size))  # no other critical point inside
    with mpmath.workdps(RING_DIGITS):
        here = p.value(x, y, RING_DIGITS)
        tolerance = mpmath.mpf(10) ** -(RING_DIGITS - 12) * (1 + abs(here))
        found = set()
        for radius in RADII:
            low, high = _ring_extremes(p, mpmath.mpf(x), mpmath.mpf(y), shrink * radius * p.size)
            above, below = high > here + tolerance, low < here - tolerance
            found.add("saddle" if above and below else "min" if above else "max" if below else "flat")
    return found.pop() if len(found) == 1 else "unclear"


GOLDEN_STEPS = 60  # golden-section steps per local extreme of a ring (its bracket shrinks to 0.618⁶⁰ ≈ 3e-13,
# below the width 2r² of the cusp where 2x³y + y² dips below 0)
REFINED = 4  # the lowest (highest) local extremes of a ring's samples refined: a narrow dip is beside the lowest


def _ring_extremes(p: Plane, x, y, radius) -> tuple[mpmath.mpf, mpmath.mpf]:
    """The lowest and highest values of f on the circle of `radius` around (x, y)."""
    spacing = 2 * mpmath.pi / DIRECTIONS

    def at(angle):
        return p.value(x + radius * mpmath.cos(angle), y + radius * mpmath.sin(angle), RING_DIGITS)

    angles = [spacing * (k + mpmath.mpf(0.5)) for k in range(DIRECTIONS)]
    values = [at(angle) for angle in angles]
    low, high = min(values), max(values)
    for sign in (1, -1):  # 1: the lowest local minima of the samples, -1: the highest local maxima
        extremes = sorted((k for k in range(DIRECTIONS) if sign * values[k] <= sign * values[k - 1]
                           and sign * values[k] <= sign * values[(k + 1) % DIRECTIONS]), key=lambda k: sign * values[k])
        for k in extremes[:REFINED]:
            best = _golden(lambda t, s=sign: s * at(t), angles[k] - spacing, angles[k] + spacing)
            low, high = (min(low, best), high) if sign == 1 else (low, max(high, -best))
    return low, high


def _golden(g, left, right) -> mpmath.mpf:
    """The least value golden-section search finds of g on [left, right] (g sampled at both probes each step)."""
    ratio = (mpmath.sqrt(5) - 1) / 2
    c, d = right - ratio * (right - left), left + ratio * (right - left)
    gc, gd = g(c), g(d)
    best = min(gc, gd)
    for _ in range(GOLDEN_STEPS):
        if gc <= gd:
            right, d, gd = d, c, gc
            c = right - ratio * (right - left)
            gc = g(c)
        else:
            left, c, gc = c, d, gd
            d = left + ratio * (right - left)
            gd = g(d)
        best = min(best, gc, gd)
    return best


def _flat(p: Plane, x: float, y: float) -> bool:
    return math.hypot(*p.gradient(x, y)) <= FLAT * p.scale


def check_surface_kind(claim: c.SurfaceKind) -> str | None:
    p = of(claim)
    if not _flat(p, claim.x, claim.y):
        return f"∇f ≈ {p.gradient(claim.x, claim.y)} at ({claim.x:.10g}, {claim.y:.10g}): not a critical point"
    kind = kind_by_rings(p, claim.x, claim.y)
    if kind != claim.kind:
        return f"f around ({claim.x:.10g}, {claim.y:.10g}) makes it {kind}, not {claim.kind}"
    value = float(p.value(claim.x, claim.y))
    if abs(value - claim.value) > 1e-9 * (1 + abs(value)):
        return f"f({claim.x:.10g}, {claim.y:.10g}) = {value:.12g}, not {claim.value:.12g}"
    return None


@lru_cache(maxsize=32)
def critical_points(p: Plane) -> tuple[tuple[float, float], ...]:
    """Where the difference gradient vanishes inside the box: scipy's hybrid Powell method from every local
    minimum of |∇f| on the grid, kept where |∇f| is zero at 40 digits, then polished by Newton's method at 80
    digits and deduplicated. The root finder stops early near a degenerate point, where |∇f| ~ distance³ is
    "zero" in a whole neighbourhood (Peano's (y − x²)(y − 2x²) at 0): the polish says which point it is. Near an
    astronomically small slope (σ(3x² + 4x)'s e⁻⁶⁴ at x = 4) it walks away: no critical point there."""
    xs, ys, sizes = _grid(p)
    (a, b), (cc, d) = p.box
    candidates: list[tuple[float, float]] = []
    for i in range(GRID):
        for j in range(GRID):
            around = sizes[max(i - 1, 0):i + 2, max(j - 1, 0):j + 2]
            if not (np.isfinite(sizes[i, j]) and sizes[i, j] <= np.nanmin(around)):
                continue
            solved = root(lambda q: p.float_gradient(q[0], q[1]), [xs[i, j], ys[i, j]], method="hybr")
            for _ in range(3):  # a few Newton-free polishing steps at 40 digits: the root finder again
                again = root(lambda q: np.array(p.gradient(q[0], q[1])), solved.x, method="hybr")
                if not np.all(np.isfinite(again.x)):
                    break
                solved = again
            x, y = (float(v) for v in solved.x)
            if not (a < x < b and cc < y < d) or not _flat(p, x, y):
                continue
            if all(math.hypot(x - u, y - v) > SAME * p.size for u, v in candidates):
                candidates.append((x, y))
    found: list[tuple[float, float]] = []
    for x, y in candidates:
        polished = _polished(p, x, y)
        if polished is None or not (a < polished[0] < b and cc < polished[1] < d):
            continue
        if all(math.hypot(polished[0] - u, polished[1] - v) > SAME * p.size for u, v in found):
            found.append(polished)
    return tuple(found)


def check_surface_critical_set(claim: c.SurfaceCriticalSet) -> str | None:
    p = of(claim)
    for x, y in claim.points:
        if not _flat(p, x, y):
            return f"∇f ≈ {p.gradient(x, y)} at ({x:.10g}, {y:.10g}): not a critical point"
    for x, y in critical_points(p):
        if all(math.hypot(x - u, y - v) > SAME * p.size for u, v in claim.points):
            return f"∇f = 0 at ({x:.10g}, {y:.10g}) too, a critical point the claim leaves out"
    return None


POLISH_STEPS = 300
POLISH_DIGITS = 2 * DPS  # a gradient of 10⁻²⁸ next to f ≈ 1 (σ(3x² + 4x) at x = 4) is below 40 digits' step h's reach


def _polished(p: Plane, x: float, y: float) -> tuple[float, float] | None:
    """Newton's method on the difference gradient at 80 digits (its Jacobian by differences too) from (x, y),
    until its step is below 10⁻²⁵ of the diagonal, the Jacobian is singular at 80 digits, or POLISH_STEPS: the
    root it reaches inside the box (|∇f| ≤ 10⁻²⁵ of the gradient's scale), else None."""
    with mpmath.workdps(POLISH_DIGITS):
        k = mpmath.mpf(1e-12) * p.size
        q = mpmath.matrix([mpmath.mpf(x), mpmath.mpf(y)])
        for _ in range(POLISH_STEPS):
            g = mpmath.matrix(_gradient_mp(p, q[0], q[1]))
            columns = [(mpmath.matrix(_gradient_mp(p, q[0] + k * ex, q[1] + k * ey))
                        - mpmath.matrix(_gradient_mp(p, q[0] - k * ex, q[1] - k * ey))) / (2 * k)
                       for ex, ey in ((1, 0), (0, 1))]
            jacobian = mpmath.matrix([[columns[0][0], columns[1][0]], [columns[0][1], columns[1][1]]])
            singular = mpmath.mpf(10) ** -(POLISH_DIGITS - 5) * (1 + mpmath.mnorm(jacobian, 1) ** 2)
            if abs(mpmath.det(jacobian)) <= singular:
                break
            step = mpmath.lu_solve(jacobian, g)
            q = q - step
            if mpmath.norm(step) <= mpmath.mpf(10) ** -25 * p.size or not p.inside(q[0], q[1]):
                break
        if not p.inside(q[0], q[1]) or mpmath.norm(mpmath.matrix(_gradient_mp(p, q[0], q[1]))) > \
                mpmath.mpf(10) ** -25 * p.scale:
            return None
        return float(q[0]), float(q[1])


def _gradient_mp(p: Plane, x, y) -> tuple[mpmath.mpf, mpmath.mpf]:
    """∇f by central differences at POLISH_DIGITS, kept at that precision."""
    h = mpmath.mpf(1e-15) * p.size
    return ((p.value(x + h, y, POLISH_DIGITS) - p.value(x - h, y, POLISH_DIGITS)) / (2 * h),
            (p.value(x, y + h, POLISH_DIGITS) - p.value(x, y - h, POLISH_DIGITS)) / (2 * h))


class _PlaneStepper:
    """Two parameters stepped by torch.optim's rules, written anew (SGD with momentum or Nesterov,
    dampening 0; Adam with betas (0.9, 0.999), eps 1e-8)."""

    def __init__(self, claim: c.PlaneRun) -> None:
        self.kind, self.lr, self.mu = claim.optimizer, claim.lr, claim.momentum
        self.buf = None
        self.mean, self.var, self.t = np.zeros(2), np.zeros(2), 0

    def step(self, q: np.ndarray, g: np.ndarray) -> np.ndarray:
        if self.kind == "gd":
            return q - self.lr * g
        if self.kind in ("momentum", "nesterov"):
            self.buf = g.copy() if self.buf is None else self.mu * self.buf + g
            return q - self.lr * (g + self.mu * self.buf if self.kind == "nesterov" else self.buf)
        self.t += 1
        self.mean = 0.9 * self.mean + 0.1 * g
        self.var = 0.999 * self.var + 0.001 * g * g
        return q - self.lr / (1 - 0.9 ** self.t) * self.mean / (np.sqrt(self.var) / math.sqrt(1 - 0.999 ** self.t)
                                                                   + 1e-8)


def check_plane_run(claim: c.PlaneRun) -> str | None:
    """Each of the first REPLAYED steps against the update rule (∇f from f at 40 digits), then where the run
    ends against what its sentence says of it."""
    p, xs = of(claim), [np.array(q, dtype=float) for q in claim.xs]
    if not xs or tuple(xs[0]) != tuple(claim.start):
        return "the run does not start where the claim says"
    stepper = _PlaneStepper(claim)
    for k in range(min(len(xs) - 1, REPLAYED)):
        following = stepper.step(xs[k], np.array(p.gradient(*xs[k])))
        noise = 1e-6 * float(np.hypot(*(xs[k + 1] - xs[k]))) + 1e-9 * claim.lr * (1 + p.scale) + 1e-12 * p.size
        if claim.optimizer == "adam":
            noise += 2e-7 * claim.lr
        if float(np.hypot(*(following - xs[k + 1]))) > noise:
            return f"step {k + 1} should reach {tuple(following)}, not {tuple(xs[k + 1])}"
    end = xs[-1]
    vanished = math.hypot(*p.gradient(*end)) <= claim.threshold * (1 + BAND)
    if claim.outcome == "converged":
        if claim.target is None or kind_by_rings(p, *claim.target) != "min" or not _flat(p, *claim.target):
            return f"{claim.target} is not a minimum of f"
        if not vanished or not _joined(p, end, np.array(claim.target), claim.threshold * (1 + BAND)):
            return f"the run ends at {tuple(end)}, not at the minimum {claim.target}"
        if not 1 <= claim.count <= len(xs) - 1:
            return f"{claim.count} steps is not a step count of this run"
        return None
    if claim.outcome in ("oscillating", "diverged") and len(xs) - 1 > REPLAYED:
        return f"a run of {len(xs) - 1} steps is longer than the {REPLAYED} this check continues from"
    if claim.exit_step is not None and claim.outcome != "diverged":
        (a, b), (cc, d) = p.box
        first = next((j for j, q in enumerate(xs) if not (a <= q[0] <= b and cc <= q[1] <= d)), None)
        if first != claim.exit_step:
            return f"the run first leaves the box at step {first}, not {claim.exit_step}"
    if claim.outcome == "oscillating":
        return _check_swing(claim, p, xs, stepper)
    if claim.outcome == "diverged":
        return _check_leaves(claim, p, xs, stepper)
    if claim.count != len(xs) - 1:
        return f"the run takes {len(xs) - 1} steps, not {claim.count}"
    if claim.outcome == "stalled" and not vanished:
        return f"|∇f| at the end is {math.hypot(*p.gradient(*end)):.6g}, above the threshold {claim.threshold:.6g}"
    if claim.outcome == "max_steps" and len(xs) > 1 and not np.any(xs[-1] != xs[-2]):
        return "the run has stopped, it is not still moving"
    if claim.near is not None and math.hypot(*(end - np.array(claim.near))) > claim.radius:
        return f"the run ends at {tuple(end)}, farther than {claim.radius:.6g} from {claim.near}"
    return None


SWING_LONGER = 20  # an oscillation is continued this many times the run's steps (at most MAX_SWING)
MAX_SWING = 4000


def _reverses(xs: list[np.ndarray], k: int) -> bool:
    return float(np.dot(xs[k + 1] - xs[k], xs[k] - xs[k - 1])) < 0


def _joined(p: Plane, end: np.ndarray, target: np.ndarray, threshold: float) -> bool:
    """The end lies in the minimum's flat bottom: |∇f| (differences at 40 digits) stays within the threshold at 41
    points of the segment from the end to the minimum, as "converged" means in the plane (mathcore.surface_descent;
    a long flat valley, as (xy − 1)² + 0.1(x² + y²)'s, holds a converged run 0.43 from its lowest point)."""
    return all(math.hypot(*p.gradient(*(end + t * (target - end)))) <= threshold for t in np.linspace(0.0, 1.0, 41))


def _check_swing(claim: c.PlaneRun, p: Plane, xs: list[np.ndarray], stepper: _PlaneStepper) -> str | None:
    """From step `count` on every move reverses the one before (and not from the step before it), and the run,
    continued SWING_LONGER times as long, still swings at least half as wide: for ever, not dying out."""
    k = claim.count
    if not 1 <= k <= len(xs) - 2 or not all(_reverses(xs, j) for j in range(k, len(xs) - 1)):
        return f"the moves do not all reverse from step {k} on"
    if k > 1 and _reverses(xs, k - 1):
        return f"the moves reverse from step {k - 1} already, not from step {k}"
    widest = max(float(np.hypot(*(b - a))) for a, b in zip(xs[-21:], xs[-20:]))
    tail, q = list(xs[-3:]), xs[-1]
    for _ in range(min(SWING_LONGER * len(xs), MAX_SWING)):
        g = p.float_gradient(*q)
        q = stepper.step(q, g)
        if not np.all(np.isfinite(q)):
            return "continued, the run overflows instead of swinging"
        tail = (tail + [q])[-3:]
        if not _reverses(tail, 1):
            return "continued, the run stops swinging back and forth"
    if float(np.hypot(*(tail[-1] - tail[-2]))) < 0.5 * widest:
        return "continued, the swing dies out: it does not go on for ever"
    return None


def _check_leaves(claim: c.PlaneRun, p: Plane, xs: list[np.ndarray], stepper: _PlaneStepper) -> str | None:
    """Step `exit_step` is the first outside the box, and the step after the last leaves the box widened by ten
    times its size (or overflows, or lands where f is undefined)."""
    (a, b), (cc, d) = p.box

    def inside(q, wide: float = 0.0) -> bool:
        return bool(np.all(np.isfinite(q))) and a - wide <= q[0] <= b + wide and cc - wide <= q[1] <= d + wide

    k = claim.exit_step
    first = next((j for j, q in enumerate(xs) if not inside(q)), len(xs))
    if k != first or claim.count != k:
        return f"the run first leaves the box at step {first}, not {k}"
    following = stepper.step(xs[-1], p.float_gradient(*xs[-1]))
    if inside(following, 10 * p.size) and np.all(np.isfinite(p.float_gradient(*following))):
        return f"the step after the last, to {tuple(following)}, stays near the box: the run does not diverge"
    return None


CHECKS = {c.SurfaceKind: check_surface_kind, c.SurfaceCriticalSet: check_surface_critical_set,
          c.PlaneRun: check_plane_run}
