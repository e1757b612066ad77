"""A function of two variables on a box [a, b] × [c, d]: its gradient and Hessian, its critical points and
their kinds. The lesson's "neither" point and its plateau, in the plane: most critical points of a loss with
many variables are saddles.

Critical points (∇f = 0) are found twice: exactly where a bounded rule applies (f = g(x) + h(y), each
solved by mathcore.solve; a polynomial system of low degree), and always by Newton's method on ∇f from a
grid of starts, deduplicated and confirmed at 40 digits. A numeric point no exact one accounts for is kept.
Kinds come from the Hessian's eigenvalues (both positive: a minimum, both negative: a maximum, opposite
signs: a saddle); where the Hessian is singular (x⁴ + y⁴, the monkey saddle x³ − 3xy² at 0), from f itself
on a ring of directions around the point at two radii: never below f(p) is a minimum, never above a
maximum, both a saddle; `degenerate` only when neither method decides. No clock decides anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import mpmath
import numpy as np
import sympy as sp

from .errors import NotIsolatedError, TooComplexError, UndefinedError
from .exact import function_depth, is_small, tree_size, value_at
from .function import MAX_DERIVATIVE_NODES, MAX_FUNCTION_DEPTH, check_domain, fmt
from .parse import X, Y, parse_function
from .solve import solve_on

Box = tuple[tuple[float, float], tuple[float, float]]
STARTS = 13  # Newton starts per side of the box
NEWTON_STEPS = 100
MAX_POINTS = 9  # more critical points than this do not fit legibly on one contour map
RING_DIRECTIONS = 72
MAX_SYSTEM_DEGREE = 3  # a polynomial gradient up to this total degree is solved exactly
SINGULAR = 1e-9  # an eigenvalue this small, relative to the Hessian's scale, makes the Hessian singular
DIGITS = 40
_NOT_SMOOTH = (sp.Abs, sp.sign, sp.Max, sp.Min, sp.Heaviside)


@dataclass(frozen=True)
class Surface:
    """f(x, y) on a box, with its gradient and Hessian (sympy) and numpy evaluators of each."""

    text: str
    expr: sp.Expr
    box: Box
    gradient: tuple[sp.Expr, sp.Expr]
    hessian: tuple[tuple[sp.Expr, sp.Expr], tuple[sp.Expr, sp.Expr]]
    f: object = field(repr=False, compare=False, default=None)
    g: object = field(repr=False, compare=False, default=None)  # (x, y) -> (fx, fy)
    h: object = field(repr=False, compare=False, default=None)  # (x, y) -> ((fxx, fxy), (fxy, fyy))

    @property
    def size(self) -> float:
        """The box's diagonal: the yardstick for "close"."""
        (a, b), (c, d) = self.box
        return math.hypot(b - a, d - c)

    def value(self, x: float, y: float) -> float:
        with np.errstate(all="ignore"):
            return float(self.f(x, y))

    def grad(self, x: float, y: float) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.array(self.g(x, y), dtype=float)

    def hess(self, x: float, y: float) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.array(self.h(x, y), dtype=float)

    def grid(self, n: int = 201) -> tuple[np.ndarray, np.ndarray]:
        (a, b), (c, d) = self.box
        return np.meshgrid(np.linspace(a, b, n), np.linspace(c, d, n))

    def inside(self, x: float, y: float, slack: float = 0.0) -> bool:
        (a, b), (c, d) = self.box
        return a - slack <= x <= b + slack and c - slack <= y <= d + slack

    def precise_value(self, x, y) -> mpmath.mpf:
        with mpmath.workdps(DIGITS):
            return _mp(self.expr)(mpmath.mpf(x), mpmath.mpf(y))

    def precise_gradient_size(self, x, y) -> float:
        with mpmath.workdps(DIGITS):
            parts = [_mp(part)(mpmath.mpf(x), mpmath.mpf(y)) for part in self.gradient]
            return float(mpmath.sqrt(sum(p * p for p in parts)))


_COMPILED: dict[sp.Expr, object] = {}


def _mp(expr: sp.Expr):
    if expr not in _COMPILED:
        _COMPILED[expr] = sp.lambdify((X, Y), expr, modules="mpmath")
    return _COMPILED[expr]


def _numpy(expr) -> object:
    return sp.lambdify((X, Y), expr, modules="numpy")


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def check_box(box) -> Box:
    (a, b), (c, d) = box
    return check_domain(a, b), check_domain(c, d)


def prepare_surface(text: str, box) -> Surface:
    """Parse f(x, y), check it on the box, differentiate: a Surface, or a LessonInputError saying why not."""
    box = check_box(box)
    expr = parse_function(text, two_variables=True)
    shown = _short(text.strip())
    if not expr.has(Y) and not expr.has(X):
        raise UndefinedError(f"{shown} is a constant: a surface needs x and y")
    depth = function_depth(expr)
    if depth > MAX_FUNCTION_DEPTH:
        raise TooComplexError(f"{shown} nests {depth} functions inside each other (at most {MAX_FUNCTION_DEPTH}); "
                              "simplify it")
    if expr.has(*_NOT_SMOOTH) or any(not (p.exp.is_Integer or p.base.is_positive) for p in expr.atoms(sp.Pow)
                                     if p.base.has(X, Y) and not p.exp.is_Integer):
        _check_roots_positive(expr, box, shown)
    gradient = tuple(sp.diff(expr, v) for v in (X, Y))
    hessian = tuple(tuple(sp.diff(part, v) for v in (X, Y)) for part in gradient)
    if any(tree_size(e) > MAX_DERIVATIVE_NODES for row in hessian for e in row):
        raise TooComplexError(f"{shown} has derivatives too large to analyse; simplify it")
    g_np, h_np = [_numpy(e) for e in gradient], [[_numpy(e) for e in row] for row in hessian]
    surface = Surface(text.strip(), expr, box, gradient, hessian, f=_numpy(expr),
                      g=lambda x, y: (g_np[0](x, y), g_np[1](x, y)),
                      h=lambda x, y: ((h_np[0][0](x, y), h_np[0][1](x, y)), (h_np[1][0](x, y), h_np[1][1](x, y))))
    _check_numerically(surface, shown)
    return surface


def _check_roots_positive(expr: sp.Expr, box: Box, shown: str) -> None:
    """|…|, relu, sgn, max/min or a root of something that reaches 0 in the box make f not smooth there:
    its Hessian, which decides a point's kind, would not exist. Refused, saying so."""
    if expr.has(*_NOT_SMOOTH):
        raise UndefinedError(f"{shown}: |…|, relu, max, min and sgn are not taught on surfaces yet (the Hessian, "
                             "which tells a minimum from a saddle, needs a smooth f); use a smooth function")
    (a, b), (c, d) = box
    xs, ys = np.meshgrid(np.linspace(a, b, 101), np.linspace(c, d, 101))
    for p in expr.atoms(sp.Pow):
        if p.base.has(X, Y) and not p.exp.is_Integer:
            with np.errstate(all="ignore"):
                base = np.asarray(_numpy(p.base)(xs, ys), dtype=float) * np.ones_like(xs)
            if not np.all(base > 0):
                raise UndefinedError(f"{shown}: the root {p} reaches 0 or below in the box, where f is not smooth "
                                     "or not defined; choose a box where it stays positive")


def _check_numerically(surface: Surface, shown: str) -> None:
    xs, ys = surface.grid(201)
    with np.errstate(all="ignore"):
        values = np.asarray(surface.f(xs, ys), dtype=complex) * np.ones_like(xs)
    bad = ~np.isfinite(values) | (np.abs(values.imag) > 0)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        (a, b), (c, d) = surface.box
        raise UndefinedError(f"{shown} is undefined or not real near (x, y) = ({fmt(xs[i, j])}, {fmt(ys[i, j])}), "
                             f"inside the box [{fmt(a)}, {fmt(b)}] × [{fmt(c)}, {fmt(d)}]; choose another box")


@dataclass(frozen=True)
class SurfacePoint:
    """A critical point: where, its kind, f there, the Hessian's eigenvalues, how the kind was decided."""

    x: float
    y: float
    kind: str  # "min" | "max" | "saddle" | "degenerate"
    value: float
    eigenvalues: tuple[float, float]
    method: str  # "hessian" | "ring"
    x_exact: sp.Expr | None = field(default=None, compare=False)
    y_exact: sp.Expr | None = field(default=None, compare=False)
    value_exact: sp.Expr | None = field(default=None, compare=False)

    def to_json(self) -> dict:
        """A point of the surface contract's `critical_points`, exact forms as text (see Analysis.to_json for why)."""
        def text(e):
            return None if e is None else str(e)
        return {"x": self.x, "y": self.y, "kind": self.kind, "value": self.value,
                "exact": {"x": text(self.x_exact), "y": text(self.y_exact), "value": text(self.value_exact)},
                "eigenvalues": list(self.eigenvalues), "method": self.method}


def gradient_scale(surface: Surface) -> float:
    """max |∇f| over a 101 × 101 grid of the box (1.0 where ∇f vanishes everywhere)."""
    xs, ys = surface.grid(101)
    with np.errstate(all="ignore"):
        gx, gy = (np.asarray(v, dtype=float) * np.ones_like(xs) for v in surface.g(xs, ys))
    sizes = np.hypot(gx, gy)
    finite = sizes[np.isfinite(sizes)]
    return float(finite.max()) if finite.size and finite.max() > 0 else 1.0


def exact_points(surface: Surface) -> list[tuple[sp.Expr, sp.Expr]] | None:
    """The exact solutions of ∇f = 0 inside the box where a bounded rule applies, else None: f = g(x) + h(y)
    (each equation alone, by mathcore.solve), or a polynomial gradient of total degree ≤ 3."""
    fx, fy = surface.gradient
    (a, b), (c, d) = surface.box
    if not fx.has(Y) and not fy.has(X):
        xs, ys = solve_on(fx, a, b), solve_on(fy.xreplace({Y: X}), c, d)  # the 1-D solver works in x
        if xs is None or ys is None or not (xs.complete and ys.complete):
            return None
        return [(x, y) for x in xs.roots for y in ys.roots]
    if not (is_small(fx, 60) and is_small(fy, 60)):
        return None
    try:
        polys = [sp.Poly(e, X, Y) for e in (fx, fy)]
    except sp.PolynomialError:
        return None
    if max(p.total_degree() for p in polys) > MAX_SYSTEM_DEGREE or \
            not all(c.is_Rational for p in polys for c in p.coeffs()):
        return None
    found = _polynomial_roots(polys)
    if found is None:
        return None
    inside = []
    for x, y in found:
        if not (x.is_real and y.is_real):
            continue
        fx_, fy_ = float(sp.N(x, 30)), float(sp.N(y, 30))
        if a < fx_ < b and c < fy_ < d:
            inside.append((sp.nsimplify(x) if x.is_Rational else x, y))
    return inside


def _polynomial_roots(polys: list[sp.Poly]) -> list[tuple[sp.Expr, sp.Expr]] | None:
    """The real solutions of a polynomial system in x and y with rational coefficients, each coordinate a root
    of a factor of degree ≤ 2 of its eliminant (the lex Groebner basis's polynomial in that variable alone),
    checked exactly; None when a factor of higher degree has a real root (a cubic's roots in radicals: sympy's
    solve_poly_system spent minutes expanding them for 2x⁴ + x³y + 2y⁴ + 3x²y) or when the solutions are not
    isolated points (no eliminant: ∇f of (xy − 1)² vanishes on a curve). Bounded: two Groebner bases of two
    polynomials of degree ≤ 3, at most 9 × 9 candidate pairs."""
    exprs = [p.as_expr() for p in polys]
    coordinates = []
    for variable, other in ((X, Y), (Y, X)):
        basis = sp.groebner(exprs, other, variable, order="lex")
        if list(basis.exprs) == [1]:
            return []  # no solution, not even a complex one
        alone = [g for g in basis.exprs if not g.has(other)]
        if not alone:
            return None
        roots = []
        for factor, _ in sp.factor_list(alone[0], variable)[1]:
            factor = sp.Poly(factor, variable)
            if factor.degree() > 2 and factor.count_roots() > 0:  # real roots not in square roots: numeric only
                return None
            roots += list(sp.roots(factor, filter="R")) if factor.degree() <= 2 else []
        coordinates.append(sorted(set(roots), key=lambda r: float(sp.N(r, 30))))
    found = []
    for x in coordinates[0]:
        for y in coordinates[1]:
            at = {X: x, Y: y}
            if all(abs(sp.N(e.xreplace(at), 50)) < sp.Float(10) ** -40 for e in exprs) and \
                    all(sp.expand(e.xreplace(at)) == 0 for e in exprs):
                found.append((x, y))
    return found


def newton_points(surface: Surface, scale: float) -> list[tuple[float, float]]:
    """Newton's method on ∇f from a grid of starts inside the box: the points it reaches where |∇f| is 0 to
    40 digits (relative to the gradient's scale), deduplicated."""
    (a, b), (c, d) = surface.box
    found: list[tuple[float, float]] = []
    for x0 in np.linspace(a, b, STARTS + 2)[1:-1]:
        for y0 in np.linspace(c, d, STARTS + 2)[1:-1]:
            p = _newton(surface, scale, np.array([x0, y0]))
            if p is not None and all(math.hypot(p[0] - q[0], p[1] - q[1]) > 1e-6 * surface.size for q in found):
                found.append(p)
    return found


def _newton(surface: Surface, scale: float, p: np.ndarray) -> tuple[float, float] | None:
    """Where Newton's method on ∇f from p ends, when that is a critical point inside the box."""
    for _ in range(NEWTON_STEPS):
        g, h = surface.grad(*p), surface.hess(*p)
        if not (np.all(np.isfinite(g)) and np.all(np.isfinite(h))):
            break
        try:
            move = np.linalg.solve(h, g)
        except np.linalg.LinAlgError:
            move = np.linalg.lstsq(h, g, rcond=None)[0]
        p = p - move
        if not surface.inside(*p, slack=0.1 * surface.size) or np.hypot(*move) < 1e-15 * surface.size:
            break
    if surface.inside(*p) and np.all(np.isfinite(p)) and surface.precise_gradient_size(*p) <= 1e-12 * scale:
        return float(p[0]), float(p[1])
    return None


CURVE_PROBES = (1e-3, 3e-3)  # of the diagonal: how far along the Hessian's null direction the curve is sought
CURVE_GOLDEN = 90  # golden-section steps across: the curve found within 10⁻¹⁹ of the probe's reach (sin(xy)'s
# hyperbolas xy = π/2 + kπ, where |∇f| grows as fast as (x² + y²) × the distance)


def on_a_curve(surface: Surface, scale: float, hessian_scale: float, x: float, y: float) -> bool:
    """Whether ∇f vanishes along a whole curve through the critical point (x, y), not at it alone: a little way
    along a null direction of its Hessian, on each side, there is another critical point (on the curve). (x²y²
    on its axes, (xy − 1)² on xy = 1, −x²((y − 1)² + 1) on x = 0: every point of the curve a critical point, so
    "the" critical points cannot be named and counted.) Where the Hessian is 0 (x²(3y² + 3x + y − 1.7) at the
    roots of 3y² + y − 1.7 on its line x = 0) every direction is null: both eigenvectors are tried, one of them
    at most 45° from the curve."""
    h = surface.hess(x, y)
    if not np.all(np.isfinite(h)):
        return False
    values, vectors = np.linalg.eigh(h)
    nulls = [vectors[:, i] for i in range(2) if abs(values[i]) <= SINGULAR * hessian_scale] or \
        [vectors[:, int(np.argmin(np.abs(values)))]]
    return any(_curve_along(surface, scale, x, y, null) for null in nulls)


def _curve_along(surface: Surface, scale: float, x: float, y: float, direction: np.ndarray) -> bool:
    """A critical point beside each of p ± reach·direction, on the line through it across `direction` (within
    reach of it), at both probe distances: the curve of critical points passes there. Found as the least |∇f|
    (40 digits) on that line by golden-section search; an isolated point leaves |∇f| ≥ about its curvature ×
    reach there (x⁴ + y⁴: 4·reach³), far above zero."""
    across = np.array([-direction[1], direction[0]])
    for fraction in CURVE_PROBES:
        reach = fraction * surface.size
        for side in (1, -1):
            q = np.array([x, y]) + side * reach * direction

            def size(t, q=q):
                return surface.precise_gradient_size(q[0] + t * across[0], q[1] + t * across[1])
            if _golden_low(size, -reach, reach, CURVE_GOLDEN) > 1e-12 * scale:
                return False
    return True


def _eigenvalues(surface: Surface, x, y) -> tuple[float, float]:
    """The symmetric 2 × 2 Hessian's eigenvalues in closed form, (a + d)/2 ∓ √(((a − d)/2)² + b²), at 40 digits
    (mpmath.eig's QR iteration fails to converge on some, as x·y + (x² + y²)²/4's at the origin)."""
    with mpmath.workdps(DIGITS):
        (a, b), (_, d) = [[mpmath.re(_mp(e)(mpmath.mpf(x), mpmath.mpf(y))) for e in row] for row in surface.hessian]
        mean, spread = (a + d) / 2, mpmath.sqrt(((a - d) / 2) ** 2 + b * b)
        return float(mean - spread), float(mean + spread)


def kind_of(surface: Surface, x, y, hessian_scale: float) -> tuple[str, str, tuple[float, float]]:
    """(kind, method, eigenvalues): by the Hessian where it is not singular, else by f on a ring."""
    low, high = _eigenvalues(surface, x, y)
    if min(abs(low), abs(high)) > SINGULAR * hessian_scale:
        kind = "min" if low > 0 else "max" if high < 0 else "saddle"
        return kind, "hessian", (low, high)
    return _ring(surface, x, y), "ring", (low, high)


def _ring(surface: Surface, x, y) -> str:
    """f on RING_DIRECTIONS directions around the point at two radii, against f there (40 digits); on each ring
    the lowest and highest samples that are local extremes are refined over the angle (golden sections), so a
    wedge narrower than the directions' spacing where f passes f(p) is found: (x − 2y)² − x⁴ dips below only
    close to the line x = 2y, Peano's (y − x²)(y − 2x²) only between its two parabolas (both saddles, whose
    every line through 0 shows a minimum)."""
    with mpmath.workdps(DIGITS):
        here = surface.precise_value(x, y)
        tolerance = mpmath.mpf(10) ** -30 * (1 + abs(here))
        above = below = False
        x, y = mpmath.mpf(x), mpmath.mpf(y)
        for radius in (1e-2 * surface.size, 1e-3 * surface.size):
            def at(angle, radius=radius):
                return surface.precise_value(x + radius * mpmath.cos(angle), y + radius * mpmath.sin(angle))
            low, high = _ring_range(at)
            above |= high > here + tolerance
            below |= low < here - tolerance
    if above and below:
        return "saddle"
    if above:
        return "min"
    if below:
        return "max"
    return "degenerate"


RING_REFINED = 3  # local extremes refined per ring and side
RING_GOLDEN = 45


def _ring_range(at) -> tuple[mpmath.mpf, mpmath.mpf]:
    """The lowest and highest values of `at(angle)` over a full turn: RING_DIRECTIONS samples from angle 0, then
    golden-section search from the RING_REFINED lowest local minima and highest local maxima of the samples."""
    step = 2 * mpmath.pi / RING_DIRECTIONS
    samples = [at(step * k) for k in range(RING_DIRECTIONS)]
    low, high = min(samples), max(samples)
    n = RING_DIRECTIONS
    minima = sorted((k for k in range(n) if samples[k] <= min(samples[k - 1], samples[(k + 1) % n])),
                    key=lambda k: samples[k])[:RING_REFINED]
    maxima = sorted((k for k in range(n) if samples[k] >= max(samples[k - 1], samples[(k + 1) % n])),
                    key=lambda k: -samples[k])[:RING_REFINED]
    for k in minima:
        low = min(low, _golden_low(at, step * (k - 1), step * (k + 1)))
    for k in maxima:
        high = max(high, -_golden_low(lambda t: -at(t), step * (k - 1), step * (k + 1)))
    return low, high


def _golden_low(g, left, right, steps: int = RING_GOLDEN) -> mpmath.mpf:
    """The lowest value of g met by a golden-section search of [left, right] in `steps` steps."""
    inverse = (mpmath.sqrt(5) - 1) / 2
    c, d = right - inverse * (right - left), left + inverse * (right - left)
    gc, gd = g(c), g(d)
    lowest = min(gc, gd)
    for _ in range(steps):
        if gc < gd:
            right, d, gd = d, c, gc
            c = right - inverse * (right - left)
            gc = g(c)
            lowest = min(lowest, gc)
        else:
            left, c, gc = c, d, gd
            d = left + inverse * (right - left)
            gd = g(d)
            lowest = min(lowest, gd)
    return lowest


def _hessian_scale(surface: Surface) -> float:
    xs, ys = surface.grid(41)
    with np.errstate(all="ignore"):
        entries = [np.abs(np.asarray(v, dtype=float) * np.ones_like(xs)) for row in surface.h(xs, ys) for v in row]
    finite = np.concatenate([e[np.isfinite(e)] for e in entries])
    return float(finite.max()) if finite.size and finite.max() > 0 else 1.0


def surface_points(surface: Surface) -> tuple[SurfacePoint, ...]:
    """Every critical point inside the box, exact forms attached where found, each classified."""
    scale = gradient_scale(surface)
    exact = exact_points(surface) or []
    located = [(float(sp.N(x, 30)), float(sp.N(y, 30)), x, y) for x, y in exact
               if surface.precise_gradient_size(sp.N(x, 50), sp.N(y, 50)) <= 1e-20 * scale]
    for x, y in newton_points(surface, scale):
        if all(math.hypot(x - p[0], y - p[1]) > 1e-6 * surface.size for p in located):
            located.append((x, y, None, None))
    hessian_scale = _hessian_scale(surface)
    singular = [(x, y) for x, y, x_exact, y_exact in located
                if min(map(abs, _eigenvalues(surface, x, y))) <= SINGULAR * hessian_scale]
    for x, y in singular[:MAX_POINTS + 1]:
        if on_a_curve(surface, scale, hessian_scale, x, y):
            near = 1e-9 * surface.size  # a coordinate Newton left at 10⁻¹⁵ is said as 0
            shown = ", ".join(fmt(0.0 if abs(v) < near else v) for v in (x, y))
            raise NotIsolatedError(f"{_short(surface.text)}: ∇f = 0 along a whole curve through ({shown}), "
                                   "not at separate points, so its critical points cannot be named one by one; "
                                   "choose a function whose critical points are separate points")
    if len(located) > MAX_POINTS:
        raise TooComplexError(f"{_short(surface.text)} has {len(located)} critical points in the box, too many to "
                              f"show legibly (at most {MAX_POINTS}); choose a smaller box")
    points = []
    for x, y, x_exact, y_exact in sorted(located, key=lambda p: (p[0], p[1])):
        at_x = x_exact if x_exact is not None else x
        at_y = y_exact if y_exact is not None else y
        kind, method, eigen = kind_of(surface, sp.N(at_x, 50) if x_exact is not None else x,
                                      sp.N(at_y, 50) if y_exact is not None else y, hessian_scale)
        value_exact = None
        if x_exact is not None and y_exact is not None and is_small(surface.expr):
            value_exact = value_at(surface.expr.xreplace({Y: y_exact}), x_exact)
        points.append(SurfacePoint(x, y, kind, float(surface.precise_value(x, y)) if value_exact is None
                                   else float(sp.N(value_exact, 30)), eigen, method, x_exact, y_exact, value_exact))
    return tuple(points)
