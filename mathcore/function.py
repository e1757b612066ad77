"""A parsed function on a checked domain, with its derivatives and fast numeric evaluators.

`prepare` is the gate every analysis goes through: it refuses a domain that makes no sense and a function
that is undefined, complex or infinite on a stretch of the domain or at one of its ends, saying where. A few
isolated points inside the domain where f is undefined are accepted when they can be taught: a hole (sin(x)/x
at 0) or a pole (x + 1/x at 0), mathcore.excluded. They are not points of the domain: the evaluators give NaN
there, as f does.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import sympy as sp
from sympy.calculus.util import continuous_domain

from .errors import DomainError, TooComplexError, UndefinedError
from .exact import function_depth, is_small, tree_size
from .excluded import MAX_EXCLUDED, POLE_MARGIN, Excluded, excluded_points, near_pole
from .parse import X, parse_function
from .precise import without_delta

MAX_ABS_BOUND = 1e6
MIN_WIDTH = 1e-6
GRID_POINTS = 4001
MAX_FUNCTION_DEPTH = 8  # functions applied inside functions: sigmoid(sigmoid(x)) is 2 (sigmoid is 1/(1 + e^-u))
MAX_DERIVATIVE_NODES = 12_000  # nodes of f'' (and of f'): every later step's work grows with it

Vectorised = Callable[[np.ndarray], np.ndarray]


def fmt(value: float) -> str:
    """A float as a person writes it: -1 not -1.0, 0.3333 not 0.33333333333."""
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    return text.replace("e-0", "e-").replace("e+0", "e")


def _sech_squared(node: sp.Expr) -> sp.Expr:
    """c − c·tanh²(u) (among a sum's terms) as c/cosh²(u)."""
    terms = list(node.args)
    for term in node.args:
        c, rest = term.as_coeff_Mul()
        if isinstance(rest, sp.Pow) and rest.exp == 2 and isinstance(rest.base, sp.tanh) and -c in terms \
                and term in terms:
            terms.remove(term)
            terms.remove(-c)
            terms.append(-c / sp.cosh(rest.base.args[0]) ** 2)
    return sp.Add(*terms) if len(terms) != len(node.args) else node


def stable(expr: sp.Expr) -> sp.Expr:
    """`expr` written for floats: sympy's tanh′ = 1 − tanh²(u) is 1 − 1.0 = 0 in floats once tanh(u) rounds to
    1 (u > 19), which turned all of tanh(3x² − 0.8)'s tails into a flat f′ = 0 with a critical point in it;
    1/cosh²(u) is the same function and keeps its (tiny) size. The formula shown stays sympy's."""
    return expr.replace(lambda e: e.is_Add, _sech_squared)


def _vectorise(expr: sp.Expr) -> Vectorised:
    raw = sp.lambdify(X, stable(without_delta(expr)), modules="numpy")

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


def differentiate(expr: sp.Expr) -> sp.Expr:
    """d/dx as a teacher writes it: the real root sign(u)·|u|^(p/q) differentiates into DiracDelta terms and
    powers of sign(u), which only matter where u = 0 — a point the kink scan examines on its own (f′ does
    not exist there) — so they are dropped: (x^(1/3))′ reads 1/(3|x|^(2/3)), not 2|x|^(1/3)δ(x) + …."""
    derivative = without_delta(sp.diff(expr, X))
    return derivative.replace(
        lambda e: isinstance(e, sp.Pow) and isinstance(e.base, sp.sign) and e.exp.is_Integer and e.exp > 1,
        lambda e: sp.S.One if e.exp % 2 == 0 else e.base)


@dataclass(frozen=True)
class Function:
    """f on [a, b] with f', f'' (sympy) and vectorised numpy evaluators that fill removable points."""

    text: str
    expr: sp.Expr
    derivative: sp.Expr
    second: sp.Expr
    domain: tuple[float, float]
    excluded: tuple[Excluded, ...] = ()  # holes and poles inside the domain, sorted by x
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

    @property
    def holes(self) -> tuple[float, ...]:
        return tuple(e.x for e in self.excluded if e.kind == "hole")

    @property
    def poles(self) -> tuple[float, ...]:
        return tuple(e.x for e in self.excluded if e.kind == "pole")

    def away_from_poles(self, xs: np.ndarray) -> np.ndarray:
        """The points of xs away from the poles, where f and f′ are unbounded: not within POLE_MARGIN of the
        width of one, nor where |f| or |f′| exceeds five times its largest value a tenth of the width or more
        from any pole (where a graph of f is clipped anyway: 1/x² blows up long before 2.5 % of the width, and
        the slope of x + 1/x at 0.15, −43, is no scale for its minimum at 1)."""
        if not self.poles:
            return xs
        far = np.array([not near_pole(float(x), self.poles, 4 * self.width) for x in self.grid(801)])

        def bound(values: np.ndarray) -> float:
            return 5 * float(np.nanmax(values)) if values.size and np.isfinite(values).any() else math.inf
        with np.errstate(all="ignore"):
            grid = self.grid(801)[far] if far.any() else np.array([])
            size, steep = bound(np.abs(self.f(grid))), bound(np.abs(self.df(grid)))
            keep = np.array([not near_pole(float(x), self.poles, self.width) for x in xs]) & \
                (np.nan_to_num(np.abs(self.f(xs)), nan=math.inf) <= size) & \
                (np.nan_to_num(np.abs(self.df(xs)), nan=math.inf) <= steep)
        return xs[keep]


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
    if isinstance(gen, sp.Abs):  # |u| vanishes where u does
        return _decidable(gen.args[0])
    if not (isinstance(gen, (sp.sin, sp.cos, sp.exp, sp.log)) and poly.total_degree() <= 2):
        return False
    try:
        return sp.Poly(gen.args[0], X).degree() == 1
    except sp.PolynomialError:
        return False


def _periods(u: sp.Expr, width: float) -> int:
    """How many half periods of the sines and cosines in u the domain spans (each may hold a zero of u)."""
    count = 0
    for node in u.atoms(sp.sin, sp.cos):
        try:
            k = abs(float(sp.Poly(node.args[0], X).coeff_monomial(X)))
        except sp.PolynomialError:
            continue
        count += math.ceil(k * width / math.pi) + 1
    return count


def _undefined_exactly(expr: sp.Expr, a: float, b: float) -> sp.Set | None:
    """The part of [a, b] where sympy says f is not continuous; None where that is not attempted (a static
    rule: small expressions whose singular arguments are decidable, see `_decidable`)."""
    arguments = _singular_arguments(expr)
    if not (is_small(expr, 60) and all(_decidable(u) for u in arguments)):
        return None
    if sum(_periods(u, b - a) for u in arguments) > MAX_EXCLUDED:
        return None  # sympy would list every zero of a sine over many periods, at length: prepare refuses
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

    excluded: tuple[Excluded, ...] = ()
    periods = sum(_periods(u, b - a) for u in _singular_arguments(expr))
    if periods > MAX_EXCLUDED:
        raise UndefinedError(f"{_short(shown)} is undefined wherever the sine or cosine in a denominator (or in tan, "
                             f"cot, sec, csc) is 0: up to {periods} times {where}, too many to show (at most "
                             f"{MAX_EXCLUDED}); narrow the domain")
    bad = _undefined_exactly(expr, a, b)
    if bad is not None and bad != sp.S.EmptySet:
        inside = isinstance(bad, sp.FiniteSet) and all(p.is_real and a < float(p) < b for p in bad)
        if not inside:  # a stretch where f is undefined, or an end of the domain
            raise UndefinedError(f"{shown} is undefined {_describe_set(bad)}, {where}; {_defined_hint(bad, a, b)}")
        excluded = excluded_points(expr, sorted(bad, key=float), b - a, _short(shown), where)

    derivative = _bounded(differentiate(expr), shown, "f'")
    second = _bounded(differentiate(derivative), shown, "f''")
    function = with_evaluators(shown, expr, derivative, second, (a, b), excluded)
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
                    excluded: tuple[Excluded, ...]) -> Function:
    """The Function of checked expressions, with its numeric evaluators."""
    return Function(text=text, expr=expr, derivative=derivative, second=second, domain=domain, excluded=excluded,
                    f=_vectorise(expr), df=_vectorise(derivative), d2f=_vectorise(second))


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
    for point in function.excluded:  # undefined there, as it should be, and beyond floats beside a pole
        margin = POLE_MARGIN if point.kind == "pole" else 1e-9
        bad &= np.abs(xs - point.x) > margin * function.width
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
    raise UndefinedError(f"{shown} is undefined or not real {_span(first, last)}, {where}; choose a domain where "
                         "it is defined")


def _defined_hint(bad: sp.Set, a: float, b: float) -> str:
    """What to do: the widest closed stretch of [a, b] where f is defined, when sympy's set says it."""
    try:
        good = sp.Interval(sp.Rational(repr(a)), sp.Rational(repr(b))) - bad
        pieces = good.args if isinstance(good, sp.Union) else (good,)
        spans = [(float(p.start), float(p.end)) for p in pieces if isinstance(p, sp.Interval)]
    except (TypeError, ValueError, AttributeError):
        spans = []
    spans = [(lo, hi) for lo, hi in spans if hi - lo >= MIN_WIDTH]
    if not spans:
        return "choose a domain where it is defined"
    lo, hi = max(spans, key=lambda span: span[1] - span[0])
    inner = 0.01 * (hi - lo)  # an open end is left a little inside: f must be defined at both ends

    def kept(x: float) -> bool:
        return bool(good.contains(sp.Rational(repr(x))))
    lo = lo if kept(lo) else math.ceil((lo + inner) * 100) / 100
    hi = hi if kept(hi) else math.floor((hi - inner) * 100) / 100
    return f"choose a domain where it is defined, such as [{fmt(lo)}, {fmt(hi)}]"


def _span(first: float, last: float) -> str:
    return f"at x = {fmt(first)}" if first == last else f"for x between {fmt(first)} and {fmt(last)}"
