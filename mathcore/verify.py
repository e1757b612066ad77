"""Every claim checked by a second method, independent of the analysis that made it (mathcore.claims).

The analysis works with sympy's f′ and f″, a float64 scan, bisection and the descent module. The checks here
use f alone, parsed again and evaluated with mpmath at 40 digits: slopes are difference quotients of f, a
point's kind comes from the values of f on both sides at several scales, an extreme from a dense sample
refined by golden-section search, a run is run again with its own stepping and 20 times longer, and a
count is recomputed from the iterates with a tolerance band around the threshold. `check(claim)` returns
None when the claim holds, else one line saying what the second method found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp

from . import claims as c
from .parse import X, parse_function

DPS = 40
SAMPLES = 600  # slopes sampled across the domain for the critical set
DENSE = 3000  # values sampled for extremes
LONGER = 20  # a run's outcome is confirmed by the same run this many times longer
LONGEST = 100  # ... an oscillation by a run this many times longer: a slowly shrinking swing has settled by then
BAND = 1e-6  # a count may hinge on |f′| this close (relatively) to the threshold: both readings are accepted
MAX_RERUN = 100_000


@dataclass(frozen=True)
class _Model:
    """f of one claim's subject: mpmath and numpy evaluators of f (never f′), its width and slope scale."""

    a: float
    b: float
    expr: sp.Expr
    f_mp: object
    f_np: object
    scale: float  # a typical |f′| (90th percentile of the sampled slopes): the yardstick for "small"

    @property
    def width(self) -> float:
        return self.b - self.a

    def value(self, x) -> mpmath.mpf | None:
        """f(x) at 40 digits, None where f is undefined, not real or not finite."""
        with mpmath.workdps(DPS):
            try:
                v = self.f_mp(mpmath.mpf(x) if not isinstance(x, mpmath.mpf) else x)
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                return None
            if isinstance(v, mpmath.mpc):
                if abs(v.imag) > mpmath.mpf(10) ** (-DPS + 5) * (1 + abs(v.real)):
                    return None
                v = v.real
            try:
                v = mpmath.mpf(v)
            except (TypeError, ValueError):
                return None
            return v if mpmath.isfinite(v) else None

    def slope(self, x, h_fraction: float = 1e-20) -> mpmath.mpf | None:
        """f′(x) by a central difference quotient of f: a step of 1e-20 of the width (error ~h²), so a float
        next to a kink (1.9999999999999993 beside relu's 2) reads its own side. At 40 digits, or more where
        the difference is lost in f's own digits (far out on tanh, f′ ≈ 10⁻²³ beside f ≈ 1; far out on
        softplus, f ≈ 10⁻²⁴ is 1 + 10⁻²⁴ under a log)."""
        for digits in (DPS, 2 * DPS, 4 * DPS):
            with mpmath.workdps(digits):
                at = mpmath.mpf(x)
                h = mpmath.mpf(h_fraction) * self.width
                left, right = self._value(at - h, digits), self._value(at + h, digits)
                if left is None or right is None:
                    return None
                # the digits f is good to: relative to its size, or to 1 where f is computed as 1 + tiny
                # (softplus far out: log(1 + e⁻⁵⁵) carries 10⁻⁴⁰ of 1, not of its 10⁻²⁴)
                if abs(right - left) > mpmath.mpf(10) ** (10 - digits) * max(abs(left) + abs(right), 1) or \
                        digits == 4 * DPS:
                    return (right - left) / (2 * h)
        return None

    def _value(self, x, digits: int) -> mpmath.mpf | None:
        with mpmath.workdps(digits):
            try:
                v = self.f_mp(x)
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                return None
            if isinstance(v, mpmath.mpc):
                if abs(v.imag) > mpmath.mpf(10) ** (5 - digits) * (1 + abs(v.real)):
                    return None
                v = v.real
            return mpmath.mpf(v) if mpmath.isfinite(v) else None

    def quotient(self, x, side: int, h_fraction: float) -> mpmath.mpf | None:
        """The one-sided difference quotient (f(x ± h) − f(x)) / (±h)."""
        with mpmath.workdps(DPS):
            x = mpmath.mpf(x)
            h = mpmath.mpf(h_fraction) * self.width
            here, there = self.value(x), self.value(x + side * h)
            return None if here is None or there is None else (there - here) / (side * h)


@lru_cache(maxsize=64)
def model(function: str, domain: tuple[float, float]) -> _Model:
    expr = parse_function(function)
    a, b = domain
    f_mp = sp.lambdify(X, expr, modules="mpmath")
    f_np = sp.lambdify(X, expr, modules="numpy")
    probe = _Model(a, b, expr, f_mp, f_np, 1.0)
    xs = np.linspace(a, b, 203)[1:-1]
    slopes = [probe.slope(x) for x in xs]
    sizes = sorted(float(abs(s)) for s in slopes if s is not None)
    scale = sizes[int(0.9 * (len(sizes) - 1))] if sizes else 1.0
    return _Model(a, b, expr, f_mp, f_np, scale if scale > 0 else 1.0)


def _of(claim: c.Claim) -> _Model:
    return model(claim.function, tuple(claim.domain))


def _number(expr: sp.Expr | None, fallback: float) -> mpmath.mpf:
    with mpmath.workdps(DPS):
        if expr is None:
            return mpmath.mpf(repr(float(fallback)))
        return mpmath.mpf(str(sp.N(expr, DPS + 5)))


def _sign(value, noise: float) -> int:
    return 0 if value is None or abs(value) <= noise else (1 if value > 0 else -1)


def check_critical_set(claim: c.CriticalSet) -> str | None:
    """No sign change of f′ and no zero of it between the named points (samples of difference quotients,
    bisected where the sign changes), except where f itself is undefined (a hole or a pole)."""
    m = _of(claim)
    breaks = sorted([*claim.xs, *(e for flat in claim.flats for e in flat)])
    near = 1e-9 * m.width
    xs = [x for x in np.linspace(m.a, m.b, SAMPLES + 2)[1:-1] if all(abs(x - p) > near for p in breaks)]
    noise = 1e-25 * m.scale

    def region(x: float) -> int:
        return sum(1 for p in breaks if p < x)

    def in_flat(x: float) -> bool:
        return any(lo <= x <= hi for lo, hi in claim.flats)

    slopes = [(x, m.slope(x)) for x in xs]
    for (x0, s0), (x1, s1) in zip(slopes, slopes[1:]):
        if region(x0) != region(x1) or in_flat(x0) or in_flat(x1):
            continue
        if s0 is None or s1 is None or _sign(s0, noise) * _sign(s1, noise) >= 0:
            continue
        root = _bisect_sign(m, x0, x1)
        if _undefined_near(m, root):
            continue
        return f"f′ changes sign at x ≈ {root:.10g}, which is not among the critical points named"
    for (x0, s0), (x1, s1), (x2, s2) in zip(slopes, slopes[1:], slopes[2:]):
        if None in (s0, s1, s2) or not (region(x0) == region(x2)) or in_flat(x1):
            continue
        if abs(s1) <= abs(s0) and abs(s1) <= abs(s2) and (abs(s1) < abs(s0) or abs(s1) < abs(s2)) and \
                abs(s1) < 1e-3 * m.scale:
            def size_at(t: float):
                slope = m.slope(t)
                return mpmath.inf if slope is None else abs(slope)
            x, size = _golden(size_at, x0, x2)
            if size < 1e-15 * m.scale and all(abs(x - p) > 1e-6 * m.width for p in breaks):
                return f"f′ vanishes at x ≈ {x:.10g} (|f′| ≈ {float(size):.3g}) without changing sign, " \
                       "and that point is not named"
    return None


def _bisect_sign(m: _Model, lo: float, hi: float) -> float:
    s_lo = m.slope(lo)
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        s_mid = m.slope(mid)
        if s_mid is None or s_lo is None:
            break
        if (s_mid > 0) == (s_lo > 0):
            lo, s_lo = mid, s_mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _undefined_near(m: _Model, x: float) -> bool:
    """f is undefined at x or at a simple number next to it (the hole of sin(x)/x at 0 found by bisection)."""
    x = float(x)
    candidates = {x, round(x, 9), float(sp.nsimplify(round(x, 9), rational=True))}
    return any(m.value(v) is None or _undefined_exactly(m.expr, v) for v in candidates if m.a < v < m.b)


def _undefined_exactly(expr: sp.Expr, x: float) -> bool:
    value = expr.xreplace({X: sp.Rational(repr(float(x)))})
    return bool(value.has(sp.zoo, sp.nan) or value is sp.nan or (value.is_number and value.is_finite is False))


def _golden(g, lo: float, hi: float, iterations: int = 80) -> tuple[float, mpmath.mpf]:
    """(x, g(x)) at the minimum of g on [lo, hi] by golden-section search."""
    ratio = (math.sqrt(5) - 1) / 2
    x1, x2 = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    g1, g2 = g(x1), g(x2)
    for _ in range(iterations):
        if g1 <= g2:
            hi, x2, g2 = x2, x1, g1
            x1 = hi - ratio * (hi - lo)
            g1 = g(x1)
        else:
            lo, x1, g1 = x1, x2, g2
            x2 = lo + ratio * (hi - lo)
            g2 = g(x2)
    return (x1, g1) if g1 <= g2 else (x2, g2)


HS = (1e-4, 1e-7, 1e-10, 1e-13)  # one-sided steps, as fractions of the width


def check_tangent(claim: c.Tangent) -> str | None:
    """One-sided difference quotients of f at shrinking steps: both tend to 0 (horizontal), to different
    finite values (kink), or grow without bound with the same sign (vertical) or opposite signs (cusp)."""
    m = _of(claim)
    at = _number(claim.exact, claim.x)
    sides = {side: [m.quotient(at, side, h) for h in HS] for side in (-1, 1)}
    if any(q is None for qs in sides.values() for q in qs):
        return f"f is undefined next to x = {claim.x:.10g}"
    unbounded = {side: abs(qs[-1]) > 10 * abs(qs[0]) + 1e-3 * m.scale and abs(qs[-1]) > 10 * m.scale
                 for side, qs in sides.items()}
    left, right = sides[-1][-1], sides[1][-1]
    if unbounded[-1] and unbounded[1]:
        found = "vertical" if (left > 0) == (right > 0) else "cusp"
    elif unbounded[-1] or unbounded[1] or abs(left - right) > 1e-6 * (m.scale + abs(left) + abs(right)):
        found = "kink"
    elif abs(left) <= 1e-6 * m.scale and abs(right) <= 1e-6 * m.scale:
        found = "horizontal"
    else:
        return f"at x = {claim.x:.10g} the slope is {float(right):.6g} on both sides: not a critical point"
    if found != claim.tangent:
        return f"at x = {claim.x:.10g} the graph has a {found} (one-sided quotients {float(left):.4g}, " \
               f"{float(right):.4g})"
    for side, said in ((-1, claim.left), (1, claim.right)):
        if found != "kink" or said is None or not math.isfinite(said) or unbounded[side]:
            continue
        # a step of 1e-10 of the width: its error (~f″·h) is far below the tolerance, and a float x next to
        # the kink (no exact form) moves f(x) by ~1e-16, a 1e-6 error in the quotient at most
        quotient = m.quotient(at, side, 1e-10 if claim.exact is None else 1e-13)
        if abs(quotient - said) > 1e-5 * (1 + abs(said)):
            return f"the slope {'left' if side < 0 else 'right'} of x = {claim.x:.10g} is " \
                   f"{float(quotient):.6g}, not {said:.6g}"
    return None


def check_kind(claim: c.PointKind) -> str | None:
    """The values of f on both sides at several scales, against f(x): never below it (minimum), never above
    (maximum), or below on one side and above on the other (neither)."""
    m = _of(claim)
    at = _number(claim.exact, claim.x)
    here = m.value(at)
    if here is None:
        return f"f is undefined at x = {claim.x:.10g}"
    # a float x (no exact form) is off the point by up to an ulp: f(x) by about |f′|·ulp, more for a root
    local = m.slope(at)
    rounding = 0 if claim.exact is not None else \
        1e-14 * (abs(claim.x) + m.width) * (abs(local) if local is not None else m.scale) + 1e-30
    tolerance = mpmath.mpf(10) ** -30 * (1 + abs(here) + m.scale * m.width) + rounding
    reach = min(1e-2 * m.width, 0.25 * claim.gap) if claim.gap else 1e-4 * m.width
    differences = []
    for h in (reach, reach / 10, reach / 100, reach / 1000):
        for side in (-1, 1):
            there = m.value(at + side * mpmath.mpf(h))
            if there is None:
                return f"f is undefined next to x = {claim.x:.10g}"
            differences.append((side, there - here))
    above = any(d > tolerance for _, d in differences)
    below = any(d < -tolerance for _, d in differences)
    left = {_sign(d, float(tolerance)) for side, d in differences if side < 0} - {0}
    right = {_sign(d, float(tolerance)) for side, d in differences if side > 0} - {0}
    if not above and not below:
        found = "flat"
    elif not below:
        found = "min"
    elif not above:
        found = "max"
    else:  # x⁵ at 0: below on one side, above on the other (at the scales where the difference shows)
        found = "neither" if len(left) == 1 and len(right) == 1 and left != right else "unclear"
    if found == claim.kind or (found == "flat" and claim.kind in ("min", "max")):
        return None
    return f"at x = {claim.x:.10g} f is a {found} by its values either side, not a {claim.kind}"


def _undefined_at(m: _Model, x: float, exact: sp.Expr | None) -> bool:
    """f has no value at x: its exact form (where given) makes f undefined, or f cannot be evaluated there."""
    if exact is not None:
        value = m.expr.xreplace({X: exact})
        if value.has(sp.zoo, sp.nan) or value is sp.nan or (value.is_number and value.is_finite is False):
            return True
    return m.value(_number(exact, x)) is None


def check_in_domain(claim: c.InDomain) -> str | None:
    m = _of(claim)
    if _undefined_at(m, claim.x, claim.exact):
        return f"f is undefined at x = {claim.exact if claim.exact is not None else f'{claim.x:.10g}'}"
    return None


def check_undefined(claim: c.Undefined) -> str | None:
    m = _of(claim)
    if _undefined_at(m, claim.x, claim.exact) or _undefined_exactly(m.expr, claim.x):
        return None
    return f"f is defined at x = {claim.x:.10g}"


def check_value(claim: c.ValueAt) -> str | None:
    m = _of(claim)
    with mpmath.workdps(DPS):
        got = m.value(_number(claim.x_exact, claim.x))
        if got is None:
            return f"f is undefined at x = {claim.x:.10g}"
        said = _number(claim.y_exact, claim.y)
        if abs(got - said) > mpmath.mpf(10) ** -25 * (1 + abs(got)) and claim.y_exact is not None:
            return f"f({claim.x:.10g}) = {mpmath.nstr(got, 15)}, not {claim.y_exact}"
        if abs(float(got) - claim.y) > 1e-9 * (1 + abs(float(got))):
            return f"f({claim.x:.10g}) = {mpmath.nstr(got, 15)}, not {claim.y:.10g}"
    return None


def _sample(m: _Model, count: int = DENSE) -> tuple[np.ndarray, np.ndarray]:
    xs = np.linspace(m.a, m.b, count)
    with np.errstate(all="ignore"):
        ys = np.asarray(m.f_np(xs), dtype=complex) * np.ones_like(xs)
    ys = np.where(np.abs(ys.imag) > 1e-12 * (1 + np.abs(ys.real)), np.nan, ys.real)
    return xs, ys


def _extremum_finely(m: _Model, x: float, sign: int) -> bool:
    """Whether x is still a local minimum (sign 1) or maximum (-1) of f read at 120 digits: on a saturating
    tail (tanh(−4x² − 3) near −1, within 10⁻⁴² of it) 40 digits see a flat stretch, and any point of it looks
    like an extremum that ties with the end's value; 120 digits see f still falling."""
    with mpmath.workdps(120):
        h = mpmath.mpf(1e-6) * m.width
        try:
            here, left, right = (mpmath.re(m.f_mp(mpmath.mpf(x) + d)) for d in (0, -h, h))
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return True
        inside = [side for side, ok in ((left, x > m.a), (right, x < m.b)) if ok]  # an end has one neighbour
        return all(sign * (side - here) >= 0 for side in inside)


def _local_extrema(m: _Model, sign: int) -> list[tuple[float, mpmath.mpf]]:
    """Every local minimum of sign·f the dense sample brackets (ends included), refined at 40 digits by
    golden-section search over its bracket. A run of equal samples (x⁶'s bottom reads −5.0 in floats over
    a stretch) is one candidate, bracketed whole."""
    xs, ys = _sample(m)
    values = np.where(np.isfinite(ys), sign * ys, np.inf)
    found: list[tuple[float, mpmath.mpf]] = []
    for end in (m.a, m.b):
        v = m.value(end)
        if v is not None:
            found.append((end, v))

    def signed(t: float):
        v = m.value(t)
        return sign * v if v is not None else mpmath.inf

    i, n = 1, len(xs)
    while i < n - 1:
        j = i
        while j + 1 < n - 1 and values[j + 1] == values[i]:
            j += 1
        if np.isfinite(values[i]) and values[i] <= values[i - 1] and values[j] <= values[j + 1] and \
                (values[i] < values[i - 1] or values[j] < values[j + 1]):
            x, v = _golden(signed, float(xs[i - 1]), float(xs[j + 1]))
            found.append((x, sign * v))
        i = j + 1
    return found


def check_extreme(claim: c.Extreme) -> str | None:
    """The lowest (highest) value: every named point takes it exactly; the dense sample, refined at each of
    its local minima (maxima) and at the ends, never goes below (above) it, nor reaches it elsewhere; with
    `missing`, f is undefined at the hole, tends to y there, and never takes y."""
    m = _of(claim)
    sign = 1 if claim.kind == "min" else -1
    exact = claim.y_exact is not None or claim.missing  # a decimal value is compared as the float it is
    tolerance = (mpmath.mpf(10) ** -20 if exact else mpmath.mpf(1e-9)) * (1 + abs(claim.y) + m.scale * m.width)
    with mpmath.workdps(DPS):
        y = _number(claim.y_exact, claim.y)
        if claim.missing:
            hole = claim.points[0]
            if m.value(hole) is not None and not _undefined_exactly(m.expr, hole):
                return f"f is defined at x = {hole:.10g}: the value there is taken"
            near = [m.value(mpmath.mpf(hole) + s * mpmath.mpf(1e-15) * m.width) for s in (-1, 1)]
            if None in near or any(abs(v - y) > 1e-9 * (1 + abs(y)) for v in near):
                return f"f does not tend to {claim.y:.10g} at x = {hole:.10g}"
        else:
            forms = claim.exact_points or (None,) * len(claim.points)
            for p, form in zip(claim.points, forms):
                v = m.value(_number(form, p))
                rounding = 0 if form is not None else 1e-13 * (abs(p) + m.width) * (m.scale + 1)
                if v is None or abs(v - y) > tolerance + rounding:
                    return f"f({p:.10g}) = {'undefined' if v is None else mpmath.nstr(v, 12)}, not {claim.y:.10g}"
        for x, v in _local_extrema(m, sign):
            if claim.missing and abs(x - claim.points[0]) <= 1e-6 * m.width:
                continue  # beside the hole f comes as close to y as it likes, without taking it
            if sign * (v - y) < -tolerance:
                return f"f({x:.10g}) = {mpmath.nstr(v, 12)} is {'lower' if sign > 0 else 'higher'} than {claim.y:.10g}"
            if claim.missing and abs(v - y) <= tolerance:
                return f"f takes the value {claim.y:.10g} at x = {x:.10g}"
            named = any(abs(x - p) <= 1e-6 * m.width for p in claim.points) or \
                any(lo - 1e-6 * m.width <= x <= hi + 1e-6 * m.width for lo, hi in claim.flats)
            tie = (mpmath.mpf(10) ** -25 if exact else mpmath.mpf(1e-9)) * (1 + abs(claim.y))
            if not claim.missing and abs(v - y) <= tie and not named and _extremum_finely(m, x, sign):
                return f"f({x:.10g}) = {mpmath.nstr(v, 12)} reaches the value too, and x = {x:.10g} is not named"
    return None


def check_unbounded(claim: c.Unbounded) -> str | None:
    """f is undefined at the pole, and on one side of it sign·f falls ever lower as x closes in (at
    10⁻³ … 10⁻¹⁵ of the width), past 10⁸ times the function's size."""
    m = _of(claim)
    sign = 1 if claim.kind == "min" else -1
    with mpmath.workdps(DPS):
        pole = _number(claim.exact, claim.x)
        if not (_undefined_at(m, claim.x, claim.exact) or _undefined_exactly(m.expr, claim.x)):
            return f"f is defined at x = {claim.x:.10g}"
        size = _size(m)
        for side in (-1, 1):
            values = [m.value(pole + side * mpmath.mpf(10) ** -k * m.width) for k in range(3, 16)]
            if None in values:
                continue
            signed = [sign * v for v in values]
            if all(later < earlier for earlier, later in zip(signed, signed[1:])) and signed[-1] < -1e8 * size:
                return None
    low = "low" if claim.kind == "min" else "high"
    return f"f does not take values as {low} as one likes beside x = {claim.x:.10g}"


def _size(m: _Model) -> float:
    """The size of f's values and changes on [a, b]: what a value beside a pole dwarfs."""
    return 1 + m.scale * m.width + sum(abs(v) for v in (m.value(m.a), m.value(m.b)) if v is not None)


def check_no_extremum(claim: c.NoExtremum) -> str | None:
    """No interior local minimum (maximum) in the dense sample, refined: a point lower (higher) than f a
    hundredth of the width away on both sides."""
    m = _of(claim)
    sign = 1 if claim.kind == "min" else -1
    for x, v in _local_extrema(m, sign):
        if not m.a + 1e-3 * m.width < x < m.b - 1e-3 * m.width or _undefined_near(m, x) or abs(v) > 1e8 * _size(m):
            continue  # an end, or a pole or hole (no point of the domain, no extremum)
        sides = [m.value(x + s * 1e-2 * m.width) for s in (-1, 1)]
        if None not in sides and all(sign * (w - v) > 1e-20 * (1 + abs(v)) for w in sides):
            return f"f has a local {claim.kind} at x ≈ {x:.10g} (f ≈ {mpmath.nstr(v, 10)})"
    return None


def check_sign(claim: c.SignOn) -> str | None:
    m = _of(claim)
    expected = {"+": 1, "-": -1, "0": 0}[claim.sign]
    for t in np.linspace(0.05, 0.95, 9):
        x = claim.lo + t * (claim.hi - claim.lo)
        s = m.slope(x)
        if s is None:
            continue
        # a + or − claim reads any sign the slope has (computed to as many digits as it takes); 0 means ≡ 0
        got = _sign(s, 1e-25 * m.scale if expected == 0 else 0)
        if got != expected:
            return f"f′({x:.10g}) ≈ {mpmath.nstr(s, 6)}: not of sign {claim.sign} on ({claim.lo:.6g}, {claim.hi:.6g})"
    return None


def check_plateau(claim: c.Plateau) -> str | None:
    m = _of(claim)
    signs = set()
    for x in np.linspace(claim.lo, claim.hi, 41)[1:-1]:
        s = m.slope(x)
        if s is None:
            return f"f is undefined at x = {x:.10g} on the plateau"
        if abs(s) > claim.threshold * (1 + 1e-6):
            return f"|f′({x:.10g})| ≈ {mpmath.nstr(abs(s), 6)} exceeds {claim.threshold:.6g}"
        signs.add(_sign(s, 1e-25 * m.scale))
    if {-1, 1} <= signs:
        return f"f′ changes sign on [{claim.lo:.6g}, {claim.hi:.6g}]: an extremum lies on the plateau"
    return None


def check_slope_at(claim: c.SlopeAt) -> str | None:
    m = _of(claim)
    s = m.slope(claim.x)
    if s is None:
        return f"f′ is undefined at x = {claim.x:.10g}"
    if abs(float(abs(s)) - claim.size) > 1e-6 * (abs(claim.size) + 1e-300) + 1e-12 * m.scale:
        return f"|f′({claim.x:.10g})| ≈ {mpmath.nstr(abs(s), 8)}, not {claim.size:.8g}"
    if claim.size > claim.bound:
        return f"|f′| = {claim.size:.6g} is not at most {claim.bound:.6g}"
    return None


# --- runs ---------------------------------------------------------------------------------------------


class _Stepper:
    """One parameter stepped by torch.optim's rules, written anew here (SGD with momentum or Nesterov,
    dampening 0; Adam with betas (0.9, 0.999), eps 1e-8)."""

    def __init__(self, claim: c.Run) -> None:
        self.kind, self.lr, self.mu = claim.optimizer, claim.lr, claim.momentum
        self.buf: float | None = None
        self.mean = self.var = 0.0
        self.t = 0

    def step(self, x: float, g: float) -> float:
        if self.kind == "gd":
            return x - self.lr * g
        if self.kind in ("momentum", "nesterov"):
            self.buf = g if self.buf is None else self.mu * self.buf + g
            return x - self.lr * (g + self.mu * self.buf if self.kind == "nesterov" else self.buf)
        self.t += 1
        self.mean = 0.9 * self.mean + 0.1 * g
        self.var = 0.999 * self.var + 0.001 * g * g
        corrected = math.sqrt(self.var) / math.sqrt(1 - 0.999 ** self.t) + 1e-8
        return x - self.lr / (1 - 0.9 ** self.t) * self.mean / corrected


REPLAYED = 400  # steps of a run checked one by one against the update rule (the rest only carry its state)


def _replay(m: _Model, claim: c.Run) -> tuple[str | None, _Stepper]:
    """Each step of the run's iterates against the update rule with f′ from f at 40 digits: x_{k+1} is what
    the rule makes of x_k (up to the rounding of a float run). Returns the first disagreement, and the
    optimizer's state after the last step (to go on from there)."""
    stepper, xs = _Stepper(claim), claim.xs
    for k in range(len(xs) - 1):
        slope = _gradient(m, xs[k]) if k < REPLAYED else _float_slope(m, xs[k])
        if not math.isfinite(slope):
            return f"f′ is undefined at step {k}, x = {xs[k]:.10g}, yet the run goes on", stepper
        following = stepper.step(xs[k], slope)
        # a float run's f′ is off by its rounding (about 10⁻¹⁶ of its terms, which cancel where f is flat, as
        # 1 − tanh² does); Adam divides a tiny f′ by its ε = 10⁻⁸, so that error moves it by up to η·10⁻⁷
        rounding = 2e-7 if claim.optimizer == "adam" else 1e-9
        noise = 1e-6 * abs(xs[k + 1] - xs[k]) + rounding * claim.lr * (1 + m.scale) + 1e-12 * m.width
        if k < REPLAYED and abs(following - xs[k + 1]) > noise:
            return f"step {k + 1} should reach x = {following:.12g}, not {xs[k + 1]:.12g}", stepper
    return None, stepper


def _gradient(m: _Model, x: float) -> float:
    """f′(x) at 40 digits for a step; one below 10⁻¹² of the slope scale is the subgradient 0 a run at rest on
    a kinked minimum reads (sign(0) = 0), from which Adam's normalised step would otherwise make a full step."""
    slope = m.slope(x)
    if slope is None:
        return math.nan
    return 0.0 if abs(slope) <= 1e-12 * m.scale else float(slope)


def _float_slope(m: _Model, x: float) -> float:
    """f′(x) as a float difference quotient of f; at 40 digits where floats overflow (softplus(x²) at 37)."""
    h = 1e-7 * m.width
    with np.errstate(all="ignore"):
        slope = float((m.f_np(x + h) - m.f_np(x - h)) / (2 * h))
    if math.isfinite(slope):
        return slope
    precise = m.slope(x)
    return float(precise) if precise is not None else math.nan


def _go_on(m: _Model, stepper: _Stepper, x: float, steps: int) -> list[float]:
    """The run continued from x for `steps` more steps (f′ as a float difference quotient of f); stops when x
    leaves the domain widened by ten widths, or f′ is undefined."""
    low, high = m.a - 10 * m.width, m.b + 10 * m.width
    xs = [x]
    for _ in range(steps):
        g = _float_slope(m, x)
        if abs(g) <= 1e-4 * m.scale:  # at rest on a kink or a flat bottom: the float quotient's noise would
            g = _gradient(m, x)  # push it off, as exact arithmetic does not
        if not math.isfinite(g):
            break
        x = stepper.step(x, g)
        xs.append(x)
        if not (math.isfinite(x) and low <= x <= high):
            break
    return xs


def _stretch(m: _Model, x: float, threshold: float) -> tuple[float, float]:
    """The stretch around x where |f′| stays at most the threshold (1.01 of it, so rounding does not cut it),
    found on a grid of 4000 steps across the domain and its edges bisected: where a run arrived."""
    xs = np.linspace(m.a, m.b, 4001)
    h = 1e-7 * m.width
    with np.errstate(all="ignore"):
        slopes = np.abs((np.asarray(m.f_np(xs + h), dtype=float) - np.asarray(m.f_np(xs - h), dtype=float)) / (2 * h))
    small = np.where(np.isfinite(slopes), slopes <= 1.01 * threshold, False)
    i = int(np.clip(np.searchsorted(xs, x), 0, len(xs) - 1))
    lo_i = hi_i = i
    while lo_i > 0 and small[lo_i - 1]:
        lo_i -= 1
    while hi_i < len(xs) - 1 and small[hi_i + 1]:
        hi_i += 1
    return float(xs[max(lo_i - 1, 0)]), float(xs[min(hi_i + 1, len(xs) - 1)])


def _first_from(count: int, holds) -> int:
    k = count
    while k > 0 and holds(k - 1):
        k -= 1
    return k


def _at_minimum(m: _Model, x: float) -> bool:
    """f is no higher at x than a thousandth and a hundredth of the width away on both sides (at 40 digits)."""
    here = m.value(x)
    if here is None:
        return False
    for h in (1e-3, 1e-2):
        for side in (-1, 1):
            there = m.value(x + side * h * m.width)
            if there is not None and there < here - 1e-30 * (1 + abs(here)):
                return False
    return True


def check_run(claim: c.Run) -> str | None:
    m = _of(claim)
    xs = list(claim.xs)
    a, b = m.a, m.b
    exit_step = next((k for k, x in enumerate(xs) if not a <= x <= b), None)
    last = len(xs) - 1
    outcome = claim.outcome
    left = outcome in ("stalled", "max_steps") and claim.exit_step is not None  # it left the plot
    # the count the sentence says, recomputed from the iterates
    if claim.exit_step is not None and claim.exit_step != exit_step:
        return f"the run leaves [{a:g}, {b:g}] at step {exit_step}, not {claim.exit_step}"
    if outcome == "pole":
        if claim.count != len(xs) - 1:
            return f"the step that reaches a pole is step {len(xs) - 1}, not {claim.count}"
    elif outcome == "diverged":
        if claim.count != (exit_step if exit_step is not None else len(xs)):
            return f"the run leaves at step {exit_step if exit_step is not None else len(xs)}, not {claim.count}"
    elif outcome == "converged" and claim.rule != "kink":
        slopes = [m.slope(x) for x in xs]

        lo, hi = _stretch(m, xs[-1], claim.threshold)

        def within(factor: float):
            return lambda j: slopes[j] is not None and abs(slopes[j]) <= claim.threshold * factor and \
                lo - 1e-9 * m.width <= xs[j] <= hi + 1e-9 * m.width
        strict, loose = _first_from(len(xs), within(1 - BAND)), _first_from(len(xs), within(1 + BAND))
        if not max(loose, 1) <= claim.count <= max(strict, 1):
            span = f"{max(loose, 1)}" + (f"–{max(strict, 1)}" if strict != loose else "")
            return f"|f′| stays at most the threshold from step {span}, not from step {claim.count}"
    elif claim.rule == "kink":
        found = max(_first_from(len(xs), lambda j: abs(xs[j] - claim.kink) <= claim.band), 1)
        if found != claim.count:
            return f"the run stays within {claim.band:.4g} of the kink from step {found}, not {claim.count}"
    elif outcome == "oscillating":
        moves = np.diff(xs)
        found = max(_first_from(len(moves), lambda j: j > 0 and moves[j] * moves[j - 1] < 0), 1)
        if found != claim.count:
            return f"the steps reverse every time from step {found}, not {claim.count}"
    elif outcome in ("stalled", "max_steps") and claim.count != last:
        return f"the run took {last} steps, not {claim.count}"
    # the counter the scene shows ends on that count
    if outcome == "pole":
        expected_drawn = len(xs) - 2  # the ball stops before the step that would cross
    elif outcome == "diverged" or left:
        expected_drawn = exit_step
    else:
        expected_drawn = claim.count if outcome == "converged" and claim.rule != "kink" else last
    if claim.drawn != expected_drawn:
        return f"the step counter ends at {claim.drawn}, the sentence says {expected_drawn}"
    # the iterates follow the update rule, and the outcome holds the same run continued 20 times longer
    wrong, stepper = _replay(m, claim)
    if wrong is not None:
        return wrong
    if outcome == "pole":
        return _crosses_a_pole(m, xs[-2], xs[-1])
    if outcome == "diverged":
        final = xs[-1]
        if math.isfinite(final) and a - 10 * m.width <= final <= b + 10 * m.width and m.slope(final) is not None:
            # stopped where a float overflowed, say: it must still leave when it goes on
            gone = _go_on(m, stepper, final, min(claim.steps * LONGER, MAX_RERUN))
            if math.isfinite(gone[-1]) and a - 10 * m.width <= gone[-1] <= b + 10 * m.width:
                return f"run on from x = {final:.10g}, it stays within the widened domain: not diverged"
        return None
    longer = _go_on(m, stepper, xs[-1], min(claim.steps * (LONGER - 1), MAX_RERUN))
    if claim.rule == "kink":
        return _check_kink_run(m, claim, longer)
    if outcome == "oscillating":
        if _exact_cycle(m, claim):
            return None
        longest = longer + _go_on(m, stepper, longer[-1], min(claim.steps * (LONGEST - LONGER), MAX_RERUN))[1:]
        if not (math.isfinite(longest[-1]) and a - 10 * m.width <= longest[-1] <= b + 10 * m.width):
            return None  # it never converges: it flies off in the end
        moves = np.diff(longest[-41:])
        swing = float(np.max(np.abs(np.diff(xs[-21:]))))  # the widest step of the last 20: robust when chaotic
        if len(moves) < 40 or np.count_nonzero(moves[1:] * moves[:-1] < 0) < 0.75 * (len(moves) - 1):
            return f"run {LONGEST}× longer, the run stops jumping back and forth"
        # a rerun of a chaotic swing differs from the run step by step, so what is checked is only that the
        # swing does not die away: a shrinking one has all but settled after a hundred times the steps
        at_20 = float(np.max(np.abs(np.diff(longer[-41:]))))
        at_100 = float(np.max(np.abs(moves)))
        if at_100 < 0.5 * swing and at_100 < 0.9 * at_20:  # still shrinking, and by half already: it settles
            return f"run {LONGEST}× longer, its swing shrinks from {swing:.4g} to {at_100:.4g}: it converges"
        return None
    final = xs[-1]
    slope = m.slope(final)
    if slope is None:
        return f"f′ is undefined where the run ends, x = {final:.10g}"
    if left:
        return None if not a <= final <= b else f"the run ends at x = {final:.10g}, inside the plot"
    if outcome == "converged":
        if abs(slope) > claim.threshold * (1 + BAND):
            return f"|f′| = {float(abs(slope)):.4g} where the run ends, more than the threshold {claim.threshold:.4g}"
        return _arrives(m, claim, final, longer)
    if outcome == "stalled":
        if abs(slope) > claim.threshold * (1 + BAND):
            return f"|f′| = {float(abs(slope)):.4g} where the run ends: more than the threshold, not stalled"
        if _at_minimum(m, final) and not _lower_within(m, final, 0.1):
            return f"the run ends at a minimum, x = {final:.10g}: it converged, it did not stall"
        return None
    if outcome == "max_steps" and abs(slope) <= claim.threshold * (1 - BAND) and _at_minimum(m, final):
        if all(abs(_float_slope(m, x)) <= claim.threshold for x in longer):  # it stays: it had arrived
            return f"the run is at a minimum when its steps run out (x = {final:.10g}), and stays: it has arrived"
    return None


def _crosses_a_pole(m: _Model, x0: float, x1: float) -> str | None:
    """Between x0 and x1 lies a point where f is undefined and grows without bound: |f| at 400 points between
    them reaches a million times its size at both ends, or f cannot be evaluated there."""
    ends = [m.value(x0), m.value(x1)]
    size = 1 + sum(abs(v) for v in ends if v is not None)
    xs = np.linspace(min(x0, x1), max(x0, x1), 402)
    values = [m.value(float(x)) for x in xs]
    if any(v is None for v in values[1:-1]):
        return None
    i = max(range(1, len(xs) - 1), key=lambda k: abs(values[k]))

    def minus_size(t: float):
        v = m.value(t)
        return -mpmath.inf if v is None else -abs(v)
    _, peak = _golden(minus_size, float(xs[i - 1]), float(xs[i + 1]), iterations=120)
    if peak == -mpmath.inf or -peak > 1e8 * size:  # it grows without bound as the search closes in
        return None
    return f"f stays bounded between x = {x0:.10g} and x = {x1:.10g}: no pole is crossed"


def _exact_cycle(m: _Model, claim: c.Run) -> bool:
    """A plain descent run that ends in a 2-cycle (x_{k+2} = x_k) which is one at 40 digits too: it jumps
    between those two points for ever, whatever rounding would do to a longer float run."""
    xs = claim.xs
    if claim.optimizer != "gd" or len(xs) < 4 or abs(xs[-1] - xs[-3]) > 1e-9 * m.width:
        return False
    with mpmath.workdps(DPS):
        p, q = mpmath.mpf(xs[-2]), mpmath.mpf(xs[-1])
        sp_, sq = m.slope(p), m.slope(q)
        if sp_ is None or sq is None:
            return False
        there, back = p - claim.lr * sp_, q - claim.lr * sq
        return abs(there - q) <= 1e-12 * m.width and abs(back - p) <= 1e-12 * m.width


def _arrives(m: _Model, claim: c.Run, final: float, longer: list[float]) -> str | None:
    """Converged: ended where |f′| is small around a minimum (the named one, `target`, or a flat one), and,
    run 20 times longer, it stays in that flat stretch and never moves away from the minimum (a slow
    approach such as |x|³'s goes on getting closer)."""
    end = longer[-1]
    if not all(abs(_float_slope(m, x)) <= claim.threshold * (1 + BAND) for x in longer[-10:]):
        return f"run {LONGER}× longer, it leaves the flat stretch it was said to have arrived in"
    if claim.target is not None and abs(end - claim.target) > abs(final - claim.target) + 0.02 * m.width:
        return f"run {LONGER}× longer, it moves away from the minimum x = {claim.target:.10g} (to x = {end:.10g})"
    slope = m.slope(end)
    if slope is None or abs(slope) > claim.threshold * (1 + BAND):
        return f"run {LONGER}× longer, it leaves the flat stretch (x = {end:.10g})"
    if claim.target is not None and not _at_minimum(m, claim.target):
        return f"x = {claim.target:.10g}, where it is said to converge, is not a minimum"
    if claim.target is None and not (_at_minimum(m, end) or m.slope(end) == 0):
        return f"run {LONGER}× longer, it ends at x = {end:.10g}, not at a minimum"
    return None


def _check_kink_run(m: _Model, claim: c.Run, longer: list[float]) -> str | None:
    """Near a kinked minimum a fixed rate can only bounce around it: run 20× longer, the run stays within the
    band of the kink and crosses it; converged when that band is at most 2 % of the width, oscillating (and
    not shrinking below half of it) when wider."""
    if not _at_minimum(m, claim.kink):
        return f"x = {claim.kink:.10g} is not a minimum by the values of f around it"
    tail = np.array(longer[-50:]) - claim.kink
    step = float(np.max(np.abs(np.diff(longer[-50:])))) if len(longer) > 1 else 0.0
    if claim.outcome == "converged":
        if np.max(np.abs(tail)) > 0.02 * m.width * (1 + 1e-9):
            return f"run {LONGER}× longer, it goes {float(np.max(np.abs(tail))):.4g} from the kink, more than 2 % " \
                   "of the width"
        if claim.band > 0.02 * m.width * (1 + 1e-9):
            return f"it bounces {claim.band:.4g} around the kink, more than 2 % of the width: not converged"
        return None
    if claim.band <= 0.02 * m.width or step <= 0.02 * m.width:
        return f"run {LONGER}× longer, its steps shrink to {step:.4g} around the kink: it converges"
    if not (np.any(tail < 0) and np.any(tail > 0)):
        return f"run {LONGER}× longer, it stays on one side of the kink: it no longer jumps across it"
    return None


def _lower_within(m: _Model, x: float, fraction: float) -> bool:
    here = m.value(x)
    for t in np.linspace(0.001, fraction, 40):
        for side in (-1, 1):
            there = m.value(x + side * t * m.width)
            if here is not None and there is not None and there < here - 1e-30 * (1 + abs(here)):
                return True
    return False


CHECKS = {c.CriticalSet: check_critical_set, c.Tangent: check_tangent, c.PointKind: check_kind,
          c.InDomain: check_in_domain, c.Undefined: check_undefined, c.ValueAt: check_value, c.Extreme: check_extreme,
          c.Unbounded: check_unbounded,
          c.NoExtremum: check_no_extremum, c.SignOn: check_sign, c.Plateau: check_plateau,
          c.SlopeAt: check_slope_at, c.Run: check_run}


def check(claim: c.Claim) -> str | None:
    """None when the claim holds by the second method, else what that method found (one line). All of it
    at 40 digits: mpmath rounds every operation to the working precision, comparisons included."""
    with mpmath.workdps(DPS):
        return CHECKS[type(claim)](claim)
