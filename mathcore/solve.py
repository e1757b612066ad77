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

Beside the roots it returns the lines it wrote on the way (`Step`: the move and the equations after it, joined by
"or"), so that section 1 shows how f′(x) = 0 is solved, not only its solutions; tracing adds no solving.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import sympy as sp

from .exact import is_small
from .parse import X

MAX_DEGREE = 12  # in x or in any one function of x
MAX_GENERATORS = 3
MAX_PERIODIC = 200  # solutions of a periodic family inside the domain, at most
MAX_TRIG_MULTIPLE = 6  # sin(kx), cos(kx) with |k| up to this are expanded into sin x, cos x


K = sp.Symbol("k", integer=True)  # the whole number of periods in a family of solutions (x = π/6 + k·2π)
Equation = tuple[sp.Expr, sp.Expr]  # lhs = rhs


class Move(StrEnum):
    """What a line of the worked solving did to the line before it (the lesson names each move)."""

    START = "start"  # g(x) = 0 as given
    FRACTION = "fraction"  # N/D = 0 ⇔ N = 0 (where D ≠ 0)
    SINGLE_ANGLE = "single_angle"  # sin 2x, cos 2x written in sin x and cos x
    FACTOR = "factor"  # the left side as a product
    SPLIT = "split"  # a product is 0 ⇔ one of its factors is (those that never vanish dropped)
    ROOTS = "roots"  # a polynomial in x solved: x = r₁ or x = r₂
    ONE_FUNCTION = "one_function"  # the equation written in one function h of x: h = c₁ or h = c₂
    TANGENT = "tangent"  # a·sin u + b·cos u = 0 ⇔ tan u = −b/a
    SQUARE = "square"  # cos²u = 1 − sin²u (or the other way round): a polynomial in one of them
    INVERT = "invert"  # h(u) = c ⇔ u = h⁻¹(c) (+ k·period for a periodic h)
    INNER = "inner"  # u(x) = value solved for x
    IN_DOMAIN = "in_domain"  # the solutions inside (a, b)


@dataclass(frozen=True)
class Step:
    """One line of the worked solving: its equations, joined by "or" (none: no solution), after `move`; the
    factors the move dropped because they never vanish (e^u, 1 + x²)."""

    move: Move
    equations: tuple[Equation, ...]
    never: tuple[sp.Expr, ...] = ()


@dataclass(frozen=True)
class Solution:
    roots: tuple[sp.Expr, ...]  # exact real roots strictly inside (a, b), sorted
    complete: bool  # every factor was solved exactly (else some roots are left to the numeric scan)
    steps: tuple[Step, ...] = ()  # how a teacher writes it, g = 0 down to the roots in (a, b); () where not traced


MAX_PIECES = 12  # an equation with sign(u), H(u) or |u| is solved piece by piece, on at most this many


def solve_on(expr: sp.Expr, a: float, b: float) -> Solution | None:
    """The exact zeros of `expr` in (a, b); None when the equation is too large to attempt."""
    if not is_small(expr):
        return None
    lo, hi = sp.Rational(repr(a)), sp.Rational(repr(b))
    trace: list[Step] = []
    roots, complete = _solve(expr, lo, hi, trace)
    unique: list[sp.Expr] = []
    for r in sorted(roots, key=lambda r: float(sp.N(r, 30))):
        if not unique or abs(float(sp.N(r - unique[-1], 30))) > 1e-20:
            unique.append(r)
    return Solution(tuple(unique), complete, _finished(trace, unique) if complete and trace else ())


def _finished(trace: list[Step], roots: list[sp.Expr]) -> tuple[Step, ...]:
    """The traced lines, closed by the roots inside (a, b) where the last line does not already list exactly them."""
    last = trace[-1].equations
    final = tuple((X, r) for r in roots)
    if last != final:
        trace.append(Step(Move.IN_DOMAIN, final))
    return tuple(trace)


_SWITCHES = (sp.sign, sp.Heaviside, sp.Abs, sp.Max, sp.Min)


def _switch_argument(node: sp.Expr) -> sp.Expr:
    """The u whose sign fixes the node: sign(u), H(u), |u|, and max(p, q) or min(p, q) by u = p − q."""
    return node.args[0] - node.args[1] if isinstance(node, (sp.Max, sp.Min)) else node.args[0]


def _switches(expr: sp.Expr) -> list[sp.Expr]:
    nodes = [node for node in expr.atoms(*_SWITCHES)
             if not isinstance(node, (sp.Max, sp.Min)) or len(node.args) == 2]  # H(u) is H(u, 1/2) in sympy
    return sorted({_switch_argument(n) for n in nodes if _switch_argument(n).has(X)}, key=sp.default_sort_key)


def _solve(expr: sp.Expr, lo: sp.Expr, hi: sp.Expr, trace: list[Step] | None = None) -> tuple[list[sp.Expr], bool]:
    """(roots strictly inside (lo, hi), whether they are all of them). `trace` receives the lines a teacher
    writes on the way (left empty where the equation is solved piece by piece)."""
    switches = _switches(expr)
    if switches:
        return _piecewise(expr, switches, lo, hi)
    try:
        numerator, denominator = sp.fraction(sp.together(expr))
        one_fraction = numerator
        numerator = _single_angle(numerator)
    except (sp.PolynomialError, NotImplementedError, ValueError, TypeError):
        return [], False
    found: list[sp.Expr] = []
    complete = True
    chains: list[list[Step]] = []
    never: list[sp.Expr] = []
    product: list[sp.Expr] = []
    for term in sp.Mul.make_args(numerator):
        base = term.base if term.is_Pow and term.exp.is_positive else term
        if not base.has(X) or isinstance(base, sp.exp):
            product.append(term)
            if base.has(X):
                never.append(base)
            continue  # a constant, or e^u: never 0
        try:
            coefficient, factors = sp.factor_list(base)
        except (sp.PolynomialError, sp.polys.polyerrors.PolificationFailed, NotImplementedError, ValueError,
                TypeError):
            coefficient, factors = 1, [(base, 1)]
        written = sp.Mul(coefficient, *[f ** m for f, m in factors])
        product.append(written ** term.exp if term.is_Pow and term.exp.is_positive else written)
        for factor, _ in factors:
            chain: list[Step] = []
            roots = _factor_roots(factor, lo, hi, chain)
            if roots is None:
                complete = False
                continue
            if not chain and factor.has(X):
                never.append(factor)  # solved with no line: it never vanishes
            elif chain:
                chains.append(chain)
            found.extend(_tidy(r) for r in roots)
    if trace is not None and complete:
        _trace_lines(trace, expr, one_fraction if denominator.has(X) else expr,
                     numerator if numerator != one_fraction else None, sp.Mul(*product), chains, never)
    return [r for r in found if _inside(r, lo, hi) and not _vanishes(denominator, r)], complete


def _trace_lines(trace: list[Step], expr: sp.Expr, one_fraction: sp.Expr, single: sp.Expr | None, product: sp.Expr,
                 chains: list[list[Step]], never: list[sp.Expr]) -> None:
    """The lines of the solving, from g = 0: its numerator (as one fraction), in one angle (`single`, where
    sin 2x was rewritten), the product and its factors, then every factor's own lines side by side (a factor
    solved sooner keeps its last line)."""
    trace.append(Step(Move.START, ((expr, sp.Integer(0)),)))
    for move, side in ((Move.FRACTION, one_fraction), (Move.SINGLE_ANGLE, single)):
        if side is not None and side != trace[-1].equations[0][0]:
            trace.append(Step(move, ((side, sp.Integer(0)),)))
    heads = [chain[0].equations[0][0] for chain in chains]
    if len(chains) > 1 or never:
        if product != trace[-1].equations[0][0] and len(chains) + len(never) > 1:
            trace.append(Step(Move.FACTOR, ((product, sp.Integer(0)),)))
        linear = all(chain[-1].move is Move.ROOTS and sp.Poly(chain[0].equations[0][0], X).degree() == 1
                     for chain in chains)
        if never or not linear:  # x − 2 = 0 is not worth a line of its own before x = 2
            trace.append(Step(Move.SPLIT, tuple((h, sp.Integer(0)) for h in heads), tuple(never)))
    for depth in range(1, max((len(chain) for chain in chains), default=1)):
        moves = [chain[depth].move for chain in chains if len(chain) > depth]
        line = [e for chain in chains for e in chain[min(depth, len(chain) - 1)].equations]
        if all(lhs == X and not rhs.has(X, K) for lhs, rhs in line):
            line = [(X, r) for r in _by_value([rhs for _, rhs in line])]
        trace.append(Step(moves[0], tuple(line)))


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


def _factor_roots(factor: sp.Expr, lo: sp.Expr, hi: sp.Expr, chain: list[Step] | None = None) \
        -> list[sp.Expr] | None:
    """The roots of one factor; `chain` receives its lines (factor = 0 first), none when it never vanishes."""
    chain = [] if chain is None else chain
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
        roots = polynomial_roots(poly)
        if roots is not None:
            chain += [Step(Move.START, ((factor, sp.Integer(0)),)),
                      Step(Move.ROOTS, tuple((X, _tidy(r)) for r in _by_value(roots)))]
        return roots
    if factor.is_positive or factor.is_negative:
        return []
    chain.append(Step(Move.START, ((factor, sp.Integer(0)),)))
    if len(gens) == 1:
        return _one_function(poly, gens[0], lo, hi, chain)
    trig = _sine_cosine(poly)
    if trig is not None:
        single, gen = trig
        if gen.func is sp.tan:
            ratio = -single.coeff_monomial(1) / single.coeff_monomial(single.gen)  # a·t + b = 0: t = −b/a
            chain.append(Step(Move.TANGENT, ((gen, ratio),)))
            return _one_function(*trig, lo, hi, chain, said=True)
        chain.append(Step(Move.SQUARE, ((single.as_expr().xreplace({single.gen: gen}), sp.Integer(0)),)))
        return _one_function(*trig, lo, hi, chain)
    return None


def _by_value(values: list[sp.Expr]) -> list[sp.Expr]:
    """Real values, smallest first, each once."""
    real = [v for v in values if v.is_real]
    out: list[sp.Expr] = []
    for v in sorted(real, key=lambda v: float(sp.N(v, 30))):
        if not out or abs(float(sp.N(v - out[-1], 30))) > 1e-20:
            out.append(v)
    return out


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


def _one_function(poly: sp.Poly, gen: sp.Expr, lo: sp.Expr, hi: sp.Expr, chain: list[Step] | None = None,
                  said: bool = False) -> list[sp.Expr] | None:
    """Roots of a polynomial in gen = h(u): h(u) = c for each real root c, then u = h⁻¹(c), then x. `chain`
    receives those three lines (h(u) = c already `said` by the line before: tan u = −b/a)."""
    chain = [] if chain is None else chain
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
    _trace_inverse(chain, gen, u, _by_value(values), said)
    return found


def _trace_inverse(chain: list[Step], gen: sp.Expr, u: sp.Expr, values: list[sp.Expr], said: bool) -> None:
    """The lines h(u) = c, u = h⁻¹(c) (+ k·period), x = … of one factor, written the way a class writes them."""
    line = tuple((gen, c) for c in values)
    if not said and not (chain and chain[-1].equations == line):  # cos x = 0 is not written twice
        chain.append(Step(Move.ONE_FUNCTION, line))
    families = [(f, c) for c in values for f in _families(type(gen), c)]
    chain.append(Step(Move.INVERT, tuple((u, f) for f, _ in families)))
    if u != X:
        inner = tuple((X, _tidy(r)) for f, _ in families
                      for r in _by_value(polynomial_roots(sp.Poly(u - f, X)) or []) if not f.has(K)) if \
            not any(f.has(K) for f, _ in families) else \
            tuple((X, sp.expand((f - sp.Poly(u, X).coeff_monomial(1)) / sp.Poly(u, X).coeff_monomial(X)))
                  for f, _ in families)  # a periodic h has u = αx + β
        chain.append(Step(Move.INNER, inner))


def _families(h: type, c: sp.Expr) -> list[sp.Expr]:
    """Every u with h(u) = c, as the textbook writes them: arcsin c + k·2π and π − arcsin c + k·2π, ±arccos c +
    k·2π, arctan c + kπ; ln c, … for the others (none where c is out of h's range)."""
    value = float(sp.N(c, 30))
    if h in _PERIODIC:
        if h is sp.tan:
            return [sp.atan(c) + K * sp.pi]
        if abs(value) > 1:
            return []
        bases = [sp.asin(c), sp.pi - sp.asin(c)] if h is sp.sin else [sp.acos(c), -sp.acos(c)]
        if abs(value) == 1:  # both bases are one family
            bases = bases[:1]
        return [base + 2 * K * sp.pi for base in bases]
    return [v for v in _inverse(h, c, sp.Poly(X, X), sp.Integer(0), sp.Integer(1)) or []]


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
