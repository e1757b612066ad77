"""A parsed function on a checked domain, with its derivatives and fast numeric evaluators.

`prepare` is the gate every analysis goes through: it refuses a domain that makes no sense and a function
that is undefined, complex or infinite anywhere inside the domain, saying where. A removable singularity
(sin(x)/x at 0) is accepted and filled with its limit, as a teacher means it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp
from sympy.calculus.util import continuous_domain

from .errors import DomainError, TooComplexError, UndefinedError
from .exact import function_depth, is_small, tree_size
from .parse import X, parse_function

MAX_ABS_BOUND = 1e6
MIN_WIDTH = 1e-6
GRID_POINTS = 4001
EXACT_DIGITS = 40
MAX_FUNCTION_DEPTH = 8  # functions applied inside functions: sigmoid(sigmoid(x)) is 2 (sigmoid is 1/(1 + e^-u))
MAX_DERIVATIVE_NODES = 12_000  # nodes of f'' (and of f'): every later step's work grows with it

Vectorised = Callable[[np.ndarray], np.ndarray]


def fmt(value: float) -> str:
    """A float as a person writes it: -1 not -1.0, 0.3333 not 0.33333333333."""
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    return text.replace("e-0", "e-").replace("e+0", "e")


def _vectorise(expr: sp.Expr) -> Vectorised:
    raw = sp.lambdify(X, _without_delta(expr), modules="numpy")

    def evaluate(xs: np.ndarray) -> np.ndarray:
        xs = np.asarray(xs, dtype=float)
        with np.errstate(all="ignore"):
            try:
                values = raw(xs)
            except (ZeroDivisionError, OverflowError, ValueError, TypeError, NameError):
                values = np.vectorize(lambda v: _safe_scalar(raw, v))(xs)
        values = np.asarray(values)
        if np.iscomplexobj(values):
            values = np.where(np.abs(values.imag) > 0, np.nan, values.real)
        if values.shape == xs.shape:  # a fresh array already (descent asks one point at a time, 10⁵ times)
            return values.astype(float)
        return np.broadcast_to(values.astype(float), xs.shape).copy()

    return evaluate


def _safe_scalar(raw: Callable, value: float) -> float:
    """One value; an integer too large for a float (10^400·x) is infinite, so it reads as overflow."""
    try:
        return float(raw(value))
    except OverflowError:
        return math.inf
    except (ZeroDivisionError, ValueError, TypeError, NameError):
        return math.nan


def _without_delta(expr: sp.Expr) -> sp.Expr:
    """DiracDelta (from differentiating sign or Heaviside) is 0 wherever a float can land."""
    return expr.replace(lambda e: isinstance(e, sp.DiracDelta), lambda e: sp.S.Zero)


def differentiate(expr: sp.Expr) -> sp.Expr:
    """d/dx as a teacher writes it: the real root sign(u)·|u|^(p/q) differentiates into DiracDelta terms and
    powers of sign(u), which only matter where u = 0 — a point the kink scan examines on its own (f′ does
    not exist there) — so they are dropped: (x^(1/3))′ reads 1/(3|x|^(2/3)), not 2|x|^(1/3)δ(x) + …."""
    derivative = _without_delta(sp.diff(expr, X))
    return derivative.replace(
        lambda e: isinstance(e, sp.Pow) and isinstance(e.base, sp.sign) and e.exp.is_Integer and e.exp > 1,
        lambda e: sp.S.One if e.exp % 2 == 0 else e.base)


@lru_cache(maxsize=512)
def _mp_compiled(expr: sp.Expr) -> Callable:
    return sp.lambdify(X, _without_delta(expr), modules="mpmath")


def _mp_point(at: float | sp.Expr, digits: int) -> mpmath.mpf:
    if isinstance(at, sp.Basic):
        return mpmath.mpf(str(sp.N(at, digits + 10)))
    return mpmath.mpf(repr(float(at)))


def _mp_value(expr: sp.Expr, point: mpmath.mpf) -> float:
    try:
        value = _mp_compiled(expr)(point)
    except (ZeroDivisionError, ValueError, OverflowError, TypeError, NameError, MemoryError):
        return math.nan  # MemoryError: a value beyond any float (exp(exp(tan x)) by its pole), like OverflowError
    if isinstance(value, mpmath.mpc):
        if value.imag != 0:
            return math.nan
        value = value.real
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def precise(expr: sp.Expr, at: float | sp.Expr, digits: int = EXACT_DIGITS) -> float:
    """expr at a point, evaluated with `digits` significant digits (NaN where undefined or complex).

    Used where float64 loses the answer: the sign of f' far out on a sigmoid tail, a one-sided limit.
    """
    with mpmath.workdps(digits):
        return _mp_value(expr, _mp_point(at, digits))


def one_sided(expr: sp.Expr, at: float | sp.Expr, side: int, h: float) -> float:
    """expr at `at` ± h, the offset added in high precision so that h = 1e-14 is not lost to rounding."""
    with mpmath.workdps(EXACT_DIGITS):
        return _mp_value(expr, _mp_point(at, EXACT_DIGITS) + side * mpmath.mpf(repr(h)))


@dataclass(frozen=True)
class Function:
    """f on [a, b] with f', f'' (sympy) and vectorised numpy evaluators that fill removable points."""

    text: str
    expr: sp.Expr
    derivative: sp.Expr
    second: sp.Expr
    domain: tuple[float, float]
    removable: tuple[float, ...] = ()
    f: Vectorised = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    df: Vectorised = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    d2f: Vectorised = field(repr=False, compare=False, default=None)  # type: ignore[assignment]

    @property
    def width(self) -> float:
        return self.domain[1] - self.domain[0]

    def grid(self, n: int = GRID_POINTS) -> np.ndarray:
        return np.linspace(self.domain[0], self.domain[1], n)

    def value(self, x: float) -> float:
        return float(self.f(np.array([x]))[0])

    def slope(self, x: float) -> float:
        return float(self.df(np.array([x]))[0])


def _filled(evaluate: Vectorised, expr: sp.Expr, points: tuple[float, ...]) -> Vectorised:
    """Wrap `evaluate` so that at each removable point it returns the two-sided limit."""
    if not points:
        return evaluate
    limits = {p: two_sided_limit(expr, p) for p in points}

    def filled(xs: np.ndarray) -> np.ndarray:
        values = evaluate(xs)
        for p, limit in limits.items():
            values[np.asarray(xs) == p] = limit
        return values

    return filled


def two_sided_limit(expr: sp.Expr, at: float, scale: float = 1.0) -> float:
    """The limit of expr at `at` from numeric one-sided values, or NaN when the sides disagree or blow up."""
    values = []
    for h in (1e-12 * scale, 1e-15 * scale):
        left, right = one_sided(expr, at, -1, h), one_sided(expr, at, +1, h)
        if not (math.isfinite(left) and math.isfinite(right)):
            return math.nan
        if abs(left - right) > 1e-6 * (1 + abs(left) + abs(right)):
            return math.nan
        values.append((left + right) / 2)
    if abs(values[0] - values[1]) > 1e-6 * (1 + abs(values[0])):
        return math.nan
    return values[1]


def _end(value: float) -> str:
    """A domain end as typed (all its digits: 1000000.000002, not 1e6), for messages about the domain."""
    return f"{value:.15g}"


def check_domain(a: float, b: float) -> tuple[float, float]:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        raise DomainError("the domain ends must be numbers") from None
    shown = f"[{_end(a)}, {_end(b)}]"
    if not (math.isfinite(a) and math.isfinite(b)):
        raise DomainError(f"the domain {shown} must have finite ends")
    if a >= b:
        raise DomainError(f"the domain {shown} is empty: the left end must be smaller than the right")
    if max(abs(a), abs(b)) > MAX_ABS_BOUND:
        raise DomainError(f"the domain {shown} reaches beyond ±{MAX_ABS_BOUND:,.0f}: keep both ends within "
                          f"[-{MAX_ABS_BOUND:,.0f}, {MAX_ABS_BOUND:,.0f}]")
    if b - a < MIN_WIDTH:
        raise DomainError(f"the domain {shown} is too narrow (at least {MIN_WIDTH:g} wide)")
    return a, b


def _describe_set(bad: sp.Set) -> str:
    if isinstance(bad, sp.FiniteSet):
        points = ", ".join(_exact_text(p) for p in sorted(bad, key=float))
        return f"at x = {points}"
    parts = bad.args if isinstance(bad, sp.Union) else (bad,)
    pieces = []
    for part in parts:
        if isinstance(part, sp.Interval):
            left = "(" if part.left_open else "["
            right = ")" if part.right_open else "]"
            pieces.append(f"{left}{_exact_text(part.start)}, {_exact_text(part.end)}{right}")
        elif isinstance(part, sp.FiniteSet):
            pieces.extend(f"x = {_exact_text(p)}" for p in part)
        else:
            pieces.append(str(part))
    return "for x in " + " ∪ ".join(pieces)


def _exact_text(value: sp.Expr) -> str:
    text = str(value)
    return text if len(text) <= 12 else fmt(float(value))


MAX_SINGULAR_DEGREE = 4  # a denominator or a log's argument up to this degree is solved exactly


def _singular_arguments(expr: sp.Expr) -> list[sp.Expr]:
    """The sub-expressions whose zeros or signs decide where f is defined: denominators, arguments of
    logarithms and roots, and of tan-like functions (their cosines or sines)."""
    found: list[sp.Expr] = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow) and not (node.exp.is_Integer and node.exp > 0):
            found.append(node.base)
        elif isinstance(node, (sp.log, sp.asin, sp.acos)):
            found.append(node.args[0])
        elif isinstance(node, (sp.tan, sp.sec)):
            found.append(sp.cos(node.args[0]))
        elif isinstance(node, (sp.cot, sp.csc)):
            found.append(sp.sin(node.args[0]))
    return [u for u in found if u.has(X)]


def _decidable(u: sp.Expr) -> bool:
    """A polynomial of low degree, or a low-degree polynomial in one sine, cosine, exponential or logarithm
    of a linear argument: sympy decides where such a u vanishes or is negative in bounded work."""
    try:
        poly = sp.Poly(u)
    except sp.PolynomialError:
        return False
    if poly.total_degree() > MAX_SINGULAR_DEGREE or len(poly.gens) != 1:
        return False
    (gen,) = poly.gens
    if gen == X:
        return True
    if not (isinstance(gen, (sp.sin, sp.cos, sp.exp, sp.log)) and poly.total_degree() <= 2):
        return False
    try:
        return sp.Poly(gen.args[0], X).degree() == 1
    except sp.PolynomialError:
        return False


def _undefined_exactly(expr: sp.Expr, a: float, b: float) -> sp.Set | None:
    """The part of [a, b] where sympy says f is not continuous; None where that is not attempted (a static
    rule: small expressions whose singular arguments are decidable, see `_decidable`)."""
    if not (is_small(expr, 60) and all(_decidable(u) for u in _singular_arguments(expr))):
        return None
    interval = sp.Interval(sp.Rational(repr(a)), sp.Rational(repr(b)))
    try:
        return interval - continuous_domain(expr, X, interval)
    except (NotImplementedError, ValueError, TypeError):
        return None


def prepare(text: str, a: float, b: float) -> Function:
    """Parse `text`, check it on [a, b], differentiate, build evaluators; raise a LessonInputError if unusable."""
    a, b = check_domain(a, b)
    expr = parse_function(text)
    shown = text.strip()
    depth = function_depth(expr)
    if depth > MAX_FUNCTION_DEPTH:
        raise TooComplexError(f"{_short(shown)} nests {depth} functions inside each other (at most "
                              f"{MAX_FUNCTION_DEPTH}); simplify it")
    where = f"inside the domain [{fmt(a)}, {fmt(b)}]"

    removable: list[float] = []
    bad = _undefined_exactly(expr, a, b)
    if bad is not None and bad != sp.S.EmptySet:
        if isinstance(bad, sp.FiniteSet) and all(p.is_real for p in bad):
            for p in bad:
                point = float(p)
                if math.isnan(two_sided_limit(expr, point, max(1.0, abs(point)))):
                    raise UndefinedError(f"{shown} is undefined {_describe_set(bad)}, {where}")
                removable.append(point)
        else:
            raise UndefinedError(f"{shown} is undefined {_describe_set(bad)}, {where}")

    derivative = _bounded(differentiate(expr), shown, "f'")
    second = _bounded(differentiate(derivative), shown, "f''")
    function = with_evaluators(shown, expr, derivative, second, (a, b), tuple(sorted(removable)))
    _check_numerically(function, shown, where)
    return function


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _bounded(expr: sp.Expr, shown: str, name: str) -> sp.Expr:
    """A derivative small enough to work with: a static limit on its size, the same at any load."""
    size = tree_size(expr)
    if size > MAX_DERIVATIVE_NODES:
        raise TooComplexError(f"{_short(shown)} has a derivative too large to analyse ({name} has {size:,} "
                              f"terms and operations, at most {MAX_DERIVATIVE_NODES:,}); simplify it")
    return expr


def with_evaluators(text: str, expr: sp.Expr, derivative: sp.Expr, second: sp.Expr, domain: tuple[float, float],
                    removable: tuple[float, ...]) -> Function:
    """The Function of checked expressions, with its numeric evaluators (filled at the removable points)."""
    return Function(text=text, expr=expr, derivative=derivative, second=second, domain=domain, removable=removable,
                    f=_filled(_vectorise(expr), expr, removable),
                    df=_filled(_vectorise(derivative), derivative, removable),
                    d2f=_filled(_vectorise(second), second, removable))


def _is_huge(expr: sp.Expr, x: float) -> bool:
    """A real value too large for a float (overflow), as opposed to a pole or an undefined value."""
    try:
        value = sp.N(expr.xreplace({X: sp.Rational(repr(x))}), 15)
        return bool(value.is_real and value.is_finite and abs(value) > 1e300)
    except (TypeError, ValueError, OverflowError):
        return False


def _check_numerically(function: Function, shown: str, where: str) -> None:
    """A second, numeric look: catches what sympy's continuity check did not decide, and overflow.

    Overflow is told apart from a pole by evaluating the first infinite point exactly: 10^100·10^100·…·x²
    is a real number too large for a float, 1/x at 0 is not a number at all."""
    xs = function.grid()
    values = function.f(xs)
    bad = ~np.isfinite(values)
    if not bad.any():
        return
    infinite = np.isinf(values)
    if infinite.any():
        at = xs[infinite]
        if all(_is_huge(function.expr, float(x)) for x in (at[0], at[-1])):
            span = _span(float(at[0]), float(at[-1]))
            raise UndefinedError(f"{shown} is too large to compute (overflow) {span}, {where}")
    first = float(xs[np.argmax(bad)])
    last = float(xs[len(xs) - 1 - np.argmax(bad[::-1])])
    raise UndefinedError(f"{shown} is undefined or not real {_span(first, last)}, {where}")


def _span(first: float, last: float) -> str:
    return f"at x = {fmt(first)}" if first == last else f"for x between {fmt(first)} and {fmt(last)}"
