"""Exact solving of g(x) = 0 on (a, b), the way a teacher solves it by hand, in bounded work.

sympy's `solveset` may run for minutes on a sum of sines of different frequencies, and how far it gets in a
given time depends on the machine's load; a lesson must not. So this module solves by hand-sized steps,
each a polynomial-time operation whose cost is bounded by the size of the input (checked first):
- write g as one fraction; its zeros are the numerator's where the denominator does not vanish;
- sines and cosines of whole multiples of x become sines and cosines of x (cos 2x = 2cos²x − 1);
- factor the numerator, then solve each factor:
  - a polynomial in x: by radicals up to degree 2 (−√3, not a RootOf), exact real roots beyond;
  - a factor that never vanishes (e^u, 1 + x²): no root;
  - a polynomial in one function of x, h(u): solve for h(u) = c, then invert h (u = ln c, u = arcsin c +
    k·2π or π − arcsin c + k·2π, …), then solve u = value for x;
  - a·sin u + b·cos u = 0: tan u = −b/a.
A factor of another shape is left to the numeric scan, which always runs as the second method
(`roots.derivative_roots`): the exact answer lists only the roots it is sure of, `complete` says whether
it found them all. No clock decides anything here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from .exact import is_small
from .parse import X

MAX_DEGREE = 12  # in x or in any one function of x
MAX_GENERATORS = 3
MAX_PERIODIC = 200  # solutions of a periodic family inside the domain, at most
MAX_TRIG_MULTIPLE = 6  # sin(kx), cos(kx) with |k| up to this are expanded into sin x, cos x


@dataclass(frozen=True)
class Solution:
    roots: tuple[sp.Expr, ...]  # exact real roots strictly inside (a, b), sorted
    complete: bool  # every factor was solved exactly (else some roots are left to the numeric scan)


MAX_PIECES = 12  # an equation with sign(u), H(u) or |u| is solved piece by piece, on at most this many


def solve_on(expr: sp.Expr, a: float, b: float) -> Solution | None:
    """The exact zeros of `expr` in (a, b); None when the equation is too large to attempt."""
    if not is_small(expr):
        return None
    lo, hi = sp.Rational(repr(a)), sp.Rational(repr(b))
    roots, complete = _solve(expr, lo, hi)
    unique: list[sp.Expr] = []
    for r in sorted(roots, key=lambda r: float(sp.N(r, 30))):
        if not unique or abs(float(sp.N(r - unique[-1], 30))) > 1e-20:
            unique.append(r)
    return Solution(tuple(unique), complete)


_SWITCHES = (sp.sign, sp.Heaviside, sp.Abs, sp.Max, sp.Min)


def _switch_argument(node: sp.Expr) -> sp.Expr:
    """The u whose sign fixes the node: sign(u), H(u), |u|, and max(p, q) or min(p, q) by u = p − q."""
    return node.args[0] - node.args[1] if isinstance(node, (sp.Max, sp.Min)) else node.args[0]


def _switches(expr: sp.Expr) -> list[sp.Expr]:
    nodes = [node for node in expr.atoms(*_SWITCHES)
             if not isinstance(node, (sp.Max, sp.Min)) or len(node.args) == 2]  # H(u) is H(u, 1/2) in sympy
    return sorted({_switch_argument(n) for n in nodes if _switch_argument(n).has(X)}, key=sp.default_sort_key)


def _solve(expr: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> tuple[list[sp.Expr], bool]:
    """(roots strictly inside (lo, hi), whether they are all of them)."""
    switches = _switches(expr)
    if switches:
        return _piecewise(expr, switches, lo, hi)
    try:
        numerator, denominator = sp.fraction(sp.together(expr))
        numerator = _single_angle(numerator)
    except (sp.PolynomialError, NotImplementedError, ValueError, TypeError):
        return [], False
    found: list[sp.Expr] = []
    complete = True
    for term in sp.Mul.make_args(numerator):
        base = term.base if term.is_Pow and term.exp.is_positive else term
        if not base.has(X) or isinstance(base, sp.exp):
            continue  # a constant, or e^u: never 0
        try:
            _, factors = sp.factor_list(base)
        except (sp.PolynomialError, sp.polys.polyerrors.PolificationFailed, NotImplementedError, ValueError,
                TypeError):
            factors = [(base, 1)]
        for factor, _ in factors:
            roots = _factor_roots(factor, lo, hi)
            if roots is None:
                complete = False
                continue
            found.extend(_tidy(r) for r in roots)
    return [r for r in found if _inside(r, lo, hi) and not _vanishes(denominator, r)], complete


def _piecewise(expr: sp.Expr, switches: list[sp.Expr], lo: sp.Expr, hi: sp.Expr) -> tuple[list[sp.Expr], bool]:
    """Between the zeros of the switches' arguments each sign(u), H(u), |u| is fixed: ±1, 1 or 0, ±u."""
    breaks: list[sp.Expr] = []
    for u in switches:
        zeros, complete = _solve(u, lo, hi)
        if not complete:
            return [], False
        breaks.extend(zeros)
    edges = [lo, *sorted(set(breaks), key=lambda r: float(sp.N(r, 30))), hi]
    if len(edges) - 1 > MAX_PIECES:
        return [], False
    found: list[sp.Expr] = []
    complete = True
    for left, right in zip(edges, edges[1:]):
        middle = (left + right) / 2
        signs = {u: (1 if sp.N(u.xreplace({X: middle}), 30) > 0 else -1) for u in switches}
        piece = expr.replace(lambda e, fixed=signs: isinstance(e, _SWITCHES) and _switch_argument(e) in fixed,
                             lambda e, fixed=signs: _fixed(e, fixed[_switch_argument(e)]))
        roots, whole = _solve(piece, left, right)
        found.extend(roots)
        complete = complete and whole
    return found, complete


def _fixed(switch: sp.Expr, sign: int) -> sp.Expr:
    if isinstance(switch, sp.sign):
        return sp.Integer(sign)
    if isinstance(switch, sp.Heaviside):
        return sp.Integer(1 if sign > 0 else 0)
    if isinstance(switch, sp.Max):
        return switch.args[0] if sign > 0 else switch.args[1]
    if isinstance(switch, sp.Min):
        return switch.args[1] if sign > 0 else switch.args[0]
    return sign * switch.args[0]


def _tidy(root: sp.Expr) -> sp.Expr:
    """A root as a teacher writes it: −2 + 3π/2 rather than (−4 + 3π)/2."""
    return root if root.has(sp.CRootOf) else sp.expand(root)


def _inside(r: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> bool:
    value = sp.N(r, 30)
    return bool(value.is_real) and float(lo) <= float(value) <= float(hi) and \
        bool(sp.N(r - lo, 30) > 0) and bool(sp.N(hi - r, 30) > 0)


def _vanishes(expr: sp.Expr, r: sp.Expr) -> bool:
    if not expr.has(X):
        return expr == 0
    value = sp.N(expr.xreplace({X: r}), 30)
    return not value.is_number or value == 0 or abs(complex(value)) < 1e-25


def _single_angle(expr: sp.Expr) -> sp.Expr:
    """sin(kx), cos(kx) for whole k (2 ≤ |k| ≤ MAX_TRIG_MULTIPLE) beside another multiple of x are written in
    sin x and cos x, so that 2cos 2x − sin x becomes a polynomial in sin x and cos x."""
    multiples = {node.args[0] / X for node in expr.atoms(sp.sin, sp.cos)}
    if len(multiples) < 2 or not all(m.is_Integer and abs(m) <= MAX_TRIG_MULTIPLE for m in multiples):
        return expr
    return sp.expand(sp.expand_trig(expr))


def _factor_roots(factor: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> list[sp.Expr] | None:
    if not factor.has(X):
        return []
    try:
        poly = sp.Poly(factor)
        poly = sp.Poly(factor, *[g for g in poly.gens if g.has(X)])  # e, π, √2: coefficients, not unknowns
    except (sp.PolynomialError, sp.polys.polyerrors.GeneratorsNeeded):
        return None
    gens = poly.gens
    if len(gens) > MAX_GENERATORS or any(not g.has(X) for g in gens) or poly.total_degree() > MAX_DEGREE:
        return None
    if gens == (X,):
        return polynomial_roots(poly)
    if factor.is_positive or factor.is_negative:
        return []
    if len(gens) == 1:
        return _one_function(poly, gens[0], lo, hi)
    trig = _sine_cosine(poly)
    if trig is not None:
        return _one_function(*trig, lo, hi)
    return None


def polynomial_roots(poly: sp.Poly) -> list[sp.Expr] | None:
    """Radicals for factors of degree ≤ 2 (so -sqrt(3), not a RootOf), exact real roots beyond."""
    if poly.is_zero or poly.degree() > MAX_DEGREE:
        return None
    roots: list[sp.Expr] = []
    try:
        for factor, _ in poly.factor_list()[1]:
            if factor.degree() <= 2:
                roots.extend(r for r in sp.roots(factor, filter="R"))
            else:
                roots.extend(factor.real_roots())
    except (sp.PolynomialError, NotImplementedError, sp.polys.polyerrors.DomainError):
        return None
    return roots


def _sine_cosine(poly: sp.Poly) -> tuple[sp.Poly, sp.Expr] | None:
    """A polynomial in sin u and cos u as a polynomial in one of them: a·sin u + b·cos u as one in tan u,
    one where cos u comes in even powers only as one in sin u (cos² = 1 − sin²), and the other way round."""
    gens = poly.gens
    if len(gens) != 2 or {type(g) for g in gens} != {sp.sin, sp.cos} or gens[0].args != gens[1].args:
        return None
    (u,) = gens[0].args
    sin, cos = sp.sin(u), sp.cos(u)
    expr = poly.as_expr()
    linear = sp.Poly(expr, sin, cos)
    if linear.total_degree() == 1 and linear.coeff_monomial(1) == 0:
        a, b = linear.coeff_monomial(sin), linear.coeff_monomial(cos)
        t = sp.Dummy("t")
        return sp.Poly(a * t + b, t), sp.tan(u)  # a sin + b cos = 0 ⇔ a tan + b = 0 (cos u = 0 is no root)
    for even, other in ((cos, sin), (sin, cos)):
        if all(monomial[linear.gens.index(even)] % 2 == 0 for monomial in linear.monoms()):
            rewritten = sp.expand(expr.subs(even ** 2, 1 - other ** 2))
            if not rewritten.has(even):
                return sp.Poly(rewritten, other), other
    return None


def _one_function(poly: sp.Poly, gen: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> list[sp.Expr] | None:
    """Roots of a polynomial in gen = h(u): h(u) = c for each real root c, then u = h⁻¹(c), then x."""
    if not isinstance(gen, sp.Function) or len(gen.args) != 1:
        return None
    (u,) = gen.args
    try:
        inner = sp.Poly(u, X)
    except sp.PolynomialError:
        return None
    if inner.degree() < 1 or inner.degree() > 2 or (isinstance(gen, _PERIODIC) and inner.degree() != 1):
        return None
    single = sp.Poly(poly.as_expr(), poly.gens[0])
    values = polynomial_roots(single)
    if values is None:
        return None
    found: list[sp.Expr] = []
    for c in values:
        if not c.is_real:
            continue
        for target in _inverse(type(gen), c, inner, lo, hi) or []:
            found.extend(r for r in (polynomial_roots(sp.Poly(u - target, X)) or []) if r.is_real)
    return found


_PERIODIC = (sp.sin, sp.cos, sp.tan)


def _inverse(h: type, c: sp.Expr, inner: sp.Poly, lo: sp.Expr, hi: sp.Expr) -> list[sp.Expr] | None:
    """The values of u with h(u) = c; for a periodic h, those u reaches while x runs over [lo, hi]."""
    value = float(sp.N(c, 30))
    if h is sp.exp:
        return [sp.log(c)] if value > 0 else []
    if h is sp.log:
        return [sp.exp(c)]
    if h is sp.tanh:
        return [sp.atanh(c)] if abs(value) < 1 else []
    if h is sp.sinh:
        return [sp.asinh(c)]
    if h is sp.cosh:
        return [sp.acosh(c), -sp.acosh(c)] if value >= 1 else []
    if h is sp.atan:
        return [sp.tan(c)] if abs(value) < math.pi / 2 else []
    if h not in _PERIODIC:
        return None
    if h is not sp.tan and abs(value) > 1:
        return []
    ends = sorted(float(inner.as_expr().subs(X, v)) for v in (lo, hi))
    if h is sp.sin:
        bases, period = [sp.asin(c), sp.pi - sp.asin(c)], 2 * sp.pi
    elif h is sp.cos:
        bases, period = [sp.acos(c), -sp.acos(c)], 2 * sp.pi
    else:
        bases, period = [sp.atan(c)], sp.pi
    values: list[sp.Expr] = []
    for base in bases:
        start = math.ceil((ends[0] - float(base)) / float(period)) - 1
        stop = math.floor((ends[1] - float(base)) / float(period)) + 1
        if stop - start > MAX_PERIODIC:
            return None
        values.extend(base + k * period for k in range(start, stop + 1))
    return values
