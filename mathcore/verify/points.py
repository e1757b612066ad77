"""The checks of what is said about points and stretches of f: its critical set, tangents, kinds, values,
extremes, signs and plateaus."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import sympy as sp

from .. import claims as c
from ..parse import X
from .model import DENSE, DPS, SAMPLES, Model, number, of, sign_of


def check_critical_set(claim: c.CriticalSet) -> str | None:
    """No sign change of f′ and no zero of it between the named points (samples of difference quotients,
    bisected where the sign changes), except where f itself is undefined (a hole or a pole)."""
    m = of(claim)
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
        if s0 is None or s1 is None or sign_of(s0, noise) * sign_of(s1, noise) >= 0:
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
            x, size = golden(size_at, x0, x2)
            if size < 1e-15 * m.scale and all(abs(x - p) > 1e-6 * m.width for p in breaks):
                return f"f′ vanishes at x ≈ {x:.10g} (|f′| ≈ {float(size):.3g}) without changing sign, " \
                       "and that point is not named"
    return None


def _bisect_sign(m: Model, lo: float, hi: float) -> float:
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


def _undefined_near(m: Model, x: float) -> bool:
    """f is undefined at x or at a simple number next to it (the hole of sin(x)/x at 0 found by bisection)."""
    x = float(x)
    candidates = {x, round(x, 9), float(sp.nsimplify(round(x, 9), rational=True))}
    return any(m.value(v) is None or _undefined_exactly(m.expr, v) for v in candidates if m.a < v < m.b)


def _undefined_exactly(expr: sp.Expr, x: float) -> bool:
    value = expr.xreplace({X: sp.Rational(repr(float(x)))})
    return bool(value.has(sp.zoo, sp.nan) or value is sp.nan or (value.is_number and value.is_finite is False))


def golden(g, lo: float, hi: float, iterations: int = 80) -> tuple[float, mpmath.mpf]:
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
    m = of(claim)
    at = number(claim.exact, claim.x)
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
    m = of(claim)
    at = number(claim.exact, claim.x)
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
    left = {sign_of(d, float(tolerance)) for side, d in differences if side < 0} - {0}
    right = {sign_of(d, float(tolerance)) for side, d in differences if side > 0} - {0}
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


def _undefined_at(m: Model, x: float, exact: sp.Expr | None) -> bool:
    """f has no value at x: its exact form (where given) makes f undefined, or f cannot be evaluated there."""
    if exact is not None:
        value = m.expr.xreplace({X: exact})
        if value.has(sp.zoo, sp.nan) or value is sp.nan or (value.is_number and value.is_finite is False):
            return True
    return m.value(number(exact, x)) is None


def check_in_domain(claim: c.InDomain) -> str | None:
    m = of(claim)
    if _undefined_at(m, claim.x, claim.exact):
        return f"f is undefined at x = {claim.exact if claim.exact is not None else f'{claim.x:.10g}'}"
    return None


def check_undefined(claim: c.Undefined) -> str | None:
    m = of(claim)
    if _undefined_at(m, claim.x, claim.exact) or _undefined_exactly(m.expr, claim.x):
        return None
    return f"f is defined at x = {claim.x:.10g}"


def check_value(claim: c.ValueAt) -> str | None:
    m = of(claim)
    with mpmath.workdps(DPS):
        got = m.value(number(claim.x_exact, claim.x))
        if got is None:
            return f"f is undefined at x = {claim.x:.10g}"
        said = number(claim.y_exact, claim.y)
        if abs(got - said) > mpmath.mpf(10) ** -25 * (1 + abs(got)) and claim.y_exact is not None:
            return f"f({claim.x:.10g}) = {mpmath.nstr(got, 15)}, not {claim.y_exact}"
        if abs(float(got) - claim.y) > 1e-9 * (1 + abs(float(got))):
            return f"f({claim.x:.10g}) = {mpmath.nstr(got, 15)}, not {claim.y:.10g}"
    return None


def _sample(m: Model, count: int = DENSE) -> tuple[np.ndarray, np.ndarray]:
    xs = np.linspace(m.a, m.b, count)
    with np.errstate(all="ignore"):
        ys = np.asarray(m.f_np(xs), dtype=complex) * np.ones_like(xs)
    ys = np.where(np.abs(ys.imag) > 1e-12 * (1 + np.abs(ys.real)), np.nan, ys.real)
    return xs, ys


def _extremum_finely(m: Model, x: float, sign: int) -> bool:
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


def _local_extrema(m: Model, sign: int) -> list[tuple[float, mpmath.mpf]]:
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
            x, v = golden(signed, float(xs[i - 1]), float(xs[j + 1]))
            found.append((x, sign * v))
        i = j + 1
    return found


def check_extreme(claim: c.Extreme) -> str | None:
    """The lowest (highest) value: every named point takes it exactly; the dense sample, refined at each of
    its local minima (maxima) and at the ends, never goes below (above) it, nor reaches it elsewhere; with
    `missing`, f is undefined at the hole, tends to y there, and never takes y."""
    m = of(claim)
    sign = 1 if claim.kind == "min" else -1
    exact = claim.y_exact is not None or claim.missing  # a decimal value is compared as the float it is
    tolerance = (mpmath.mpf(10) ** -20 if exact else mpmath.mpf(1e-9)) * (1 + abs(claim.y) + m.scale * m.width)
    with mpmath.workdps(DPS):
        y = number(claim.y_exact, claim.y)
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
                v = m.value(number(form, p))
                rounding = 0 if form is not None else 1e-13 * (abs(p) + m.width) * (m.scale + 1)
                if v is None or abs(v - y) > tolerance + rounding:
                    return f"f({p:.10g}) = {'undefined' if v is None else mpmath.nstr(v, 12)}, not {claim.y:.10g}"
        for x, v in _local_extrema(m, sign):
            if claim.missing and abs(x - claim.points[0]) <= 1e-6 * m.width:
                continue  # beside the hole f comes as close to y as it likes, without taking it
            # an end is the float the domain was typed as, its exact form the decimal typed (2π as 6.283185307179586)
            end = 1e-15 * (abs(x) + m.width) * (m.scale + 1) if x in (m.a, m.b) else 0
            if sign * (v - y) < -(tolerance + end):
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
    m = of(claim)
    sign = 1 if claim.kind == "min" else -1
    with mpmath.workdps(DPS):
        pole = number(claim.exact, claim.x)
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


def _size(m: Model) -> float:
    """The size of f's values and changes on [a, b]: what a value beside a pole dwarfs."""
    return 1 + m.scale * m.width + sum(abs(v) for v in (m.value(m.a), m.value(m.b)) if v is not None)


def check_no_extremum(claim: c.NoExtremum) -> str | None:
    """No interior local minimum (maximum) in the dense sample, refined: a point lower (higher) than f a
    hundredth of the width away on both sides."""
    m = of(claim)
    sign = 1 if claim.kind == "min" else -1
    for x, v in _local_extrema(m, sign):
        if not m.a + 1e-3 * m.width < x < m.b - 1e-3 * m.width or _undefined_near(m, x) or abs(v) > 1e8 * _size(m):
            continue  # an end, or a pole or hole (no point of the domain, no extremum)
        sides = [m.value(x + s * 1e-2 * m.width) for s in (-1, 1)]
        if None not in sides and all(sign * (w - v) > 1e-20 * (1 + abs(v)) for w in sides):
            return f"f has a local {claim.kind} at x ≈ {x:.10g} (f ≈ {mpmath.nstr(v, 10)})"
    return None


def check_sign(claim: c.SignOn) -> str | None:
    m = of(claim)
    expected = {"+": 1, "-": -1, "0": 0}[claim.sign]
    for t in np.linspace(0.05, 0.95, 9):
        x = claim.lo + t * (claim.hi - claim.lo)
        s = m.slope(x)
        if s is None:
            continue
        # a + or − claim reads any sign the slope has (computed to as many digits as it takes); 0 means ≡ 0
        got = sign_of(s, 1e-25 * m.scale if expected == 0 else 0)
        if got != expected:
            return f"f′({x:.10g}) ≈ {mpmath.nstr(s, 6)}: not of sign {claim.sign} on ({claim.lo:.6g}, {claim.hi:.6g})"
    return None


def check_plateau(claim: c.Plateau) -> str | None:
    m = of(claim)
    signs = set()
    for x in np.linspace(claim.lo, claim.hi, 41)[1:-1]:
        s = m.slope(x)
        if s is None:
            return f"f is undefined at x = {x:.10g} on the plateau"
        if abs(s) > claim.threshold * (1 + 1e-6):
            return f"|f′({x:.10g})| ≈ {mpmath.nstr(abs(s), 6)} exceeds {claim.threshold:.6g}"
        signs.add(sign_of(s, 1e-25 * m.scale))
    if {-1, 1} <= signs:
        return f"f′ changes sign on [{claim.lo:.6g}, {claim.hi:.6g}]: an extremum lies on the plateau"
    return None


def check_slope_at(claim: c.SlopeAt) -> str | None:
    m = of(claim)
    s = m.slope(claim.x)
    if s is None:
        return f"f′ is undefined at x = {claim.x:.10g}"
    if abs(float(abs(s)) - claim.size) > 1e-6 * (abs(claim.size) + 1e-300) + 1e-12 * m.scale:
        return f"|f′({claim.x:.10g})| ≈ {mpmath.nstr(abs(s), 8)}, not {claim.size:.8g}"
    if claim.size > claim.bound:
        return f"|f′| = {claim.size:.6g} is not at most {claim.bound:.6g}"
    return None


# --- runs ---------------------------------------------------------------------------------------------
