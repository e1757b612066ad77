"""Critical points on [a, b] and their verdict by the first-derivative sign test (the lesson's own method).

A critical point is an interior point of the domain where f' = 0 or where f' does not exist: a kink (|x| at
0: two finite one-sided slopes), a cusp (x^(2/3) at 0: f' → −∞ on one side, +∞ on the other) or a vertical
tangent (x^(1/3) at 0: f' → +∞ on both sides; the tangent exists, it is the vertical line). A point where f
itself is undefined (the hole of sin(x)/x at 0) is not a point of the domain, so never a critical point; it
still splits the sign chart. The verdict looks at the sign of f' on the intervals just left and right: − then + is a
minimum, + then − a maximum, anything else is neither. This also decides x⁴ (f'' = 0 there, so the
second-derivative test says nothing) and |x| (no f'' at all). A side where f' is identically 0 (a flat
segment) counts as "not rising / not falling": − then 0 is a (non-strict) minimum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import sympy as sp

from .exact import value_at
from .function import Function
from .parse import X
from .precise import one_sided, precise, two_sided_limit
from .roots import MERGE_TOLERANCE, ROOT_TOLERANCE, Root, bisect, derivative_roots, sign_changes, slope_scale
from .signs import SignInterval, sign_chart
from .solve import solve_on


@dataclass(frozen=True)
class CriticalPoint:
    x: float
    y: float
    kind: str  # "min" | "max" | "neither"
    differentiable: bool
    exact: str | None = None  # sympy form of x when known: "-sqrt(3)", "pi/2"
    y_exact: str | None = None
    second_derivative: float | None = None  # f''(x) where it exists; None at kinks
    left_sign: str = ""
    right_sign: str = ""
    tangent: str = "horizontal"  # "horizontal" (f' = 0) | "kink" | "cusp" | "vertical" (f' does not exist)
    left_slope: float | None = None  # where f' does not exist: the one-sided limits of f' (±inf when unbounded)
    right_slope: float | None = None
    x_expr: sp.Expr | None = field(default=None, compare=False, repr=False)  # exact sympy forms, for typesetting
    y_expr: sp.Expr | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict:
        """A point of the contract's `critical_points` (sympy forms as text; see Analysis.to_json for why by hand)."""
        return {"x": self.x, "y": self.y, "kind": self.kind, "differentiable": self.differentiable,
                "exact": self.exact, "y_exact": self.y_exact, "second_derivative": self.second_derivative,
                "left_sign": self.left_sign, "right_sign": self.right_sign, "tangent": self.tangent,
                "left_slope": _slope_json(self.left_slope), "right_slope": _slope_json(self.right_slope)}


def _slope_json(value: float | None) -> float | str | None:
    """A one-sided slope for JSON: a number, or "+inf"/"-inf" where f' is unbounded on that side."""
    if value is None or math.isfinite(value):
        return value
    return "+inf" if value > 0 else "-inf"


def tangent_kind(differentiable: bool, left: float | None, right: float | None) -> str:
    """How the graph meets a critical point: a horizontal tangent, a kink (one-sided slopes that differ, at
    least one finite), a cusp (unbounded one-sided slopes of opposite signs) or a vertical tangent
    (unbounded one-sided slopes of the same sign)."""
    if differentiable or left is None or right is None:
        return "horizontal"
    if math.isinf(left) and math.isinf(right):
        return "vertical" if (left > 0) == (right > 0) else "cusp"
    return "kink"


@dataclass(frozen=True)
class CriticalAnalysis:
    points: tuple[CriticalPoint, ...]
    sign_chart: tuple[SignInterval, ...]
    flat_segments: tuple[tuple[float, float], ...]
    slope_scale: float


def _kink_arguments(expr: sp.Expr) -> list[sp.Expr]:
    """Sub-expressions whose zeros may be points where f' does not exist."""
    found: list[sp.Expr] = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Abs, sp.sign, sp.Heaviside)):
            found.append(node.args[0])
        elif isinstance(node, (sp.Max, sp.Min)):
            found.extend(p - q for p, q in combinations(node.args, 2))
        elif isinstance(node, sp.Pow) and node.exp.is_number and not node.exp.is_integer:
            found.append(node.base)
    return [u for u in found if u.has(X)]


def _zeros(fn: Function, u: sp.Expr) -> list[tuple[float, sp.Expr | None]]:
    """Zeros of u inside (a, b): exact where the bounded solver finds them, plus a numeric sign-change scan."""
    a, b = fn.domain
    exact = solve_on(u, a, b)
    zeros: list[tuple[float, sp.Expr | None]] = []
    if exact is not None:
        zeros.extend((float(sp.N(z, 30)), z) for z in exact.roots)
    evaluate = sp.lambdify(X, u, modules="numpy")
    xs = fn.grid()
    with np.errstate(all="ignore"):
        values = np.broadcast_to(np.asarray(evaluate(xs), dtype=float), xs.shape)

        def scalar(t: float) -> float:
            return float(evaluate(t))

        zeros.extend((float(xs[i]), None) for i in np.flatnonzero(values == 0))
        zeros.extend((bisect(scalar, float(xs[i]), float(xs[i + 1]), float(values[i])), None)
                     for i in sign_changes(values))
    return [(x, e) for x, e in zeros if a < x < b]


def zeros_of(fn: Function, u: sp.Expr) -> list[float]:
    """Where u = 0 inside (a, b): exact where the bounded solver answers, else by a sign-change scan."""
    return sorted({x for x, _ in _zeros(fn, u)})


def _one_side(fn: Function, x: float, side: int) -> float:
    """The limit of f' at x from `side`: its value at x ± 1e-14·width, or ±inf where it grows without bound
    (much larger there than at 1e-8·width, or not finite)."""
    near = one_sided(fn.derivative, x, side, 1e-8 * fn.width)
    nearer = one_sided(fn.derivative, x, side, 1e-14 * fn.width)
    if math.isfinite(near) and math.isfinite(nearer) and abs(nearer) <= 3 * abs(near) + 1e-3:
        return nearer
    sign = nearer if math.isfinite(nearer) and nearer != 0 else near
    return math.copysign(math.inf, sign) if math.isfinite(sign) and sign != 0 else math.nan


def _one_sided_slopes(fn: Function, x: float) -> tuple[float, float, bool]:
    """(left, right) limits of f' at x, and whether one blows up (a cusp or vertical tangent)."""
    left, right = _one_side(fn, x, -1), _one_side(fn, x, +1)
    return left, right, not (math.isfinite(left) and math.isfinite(right))


@dataclass(frozen=True)
class _Candidate:
    x: float
    exact: sp.Expr | None
    differentiable: bool
    slopes: tuple[float, float] | None = None  # one-sided limits of f' where it does not exist


def _candidates(fn: Function, roots: list[Root], flats, scale: float) -> list[_Candidate]:
    a, b = fn.domain
    found = [_Candidate(r.x, r.exact, True) for r in roots]
    kink_points: list[tuple[float, sp.Expr | None]] = []
    for u in _kink_arguments(fn.expr):
        kink_points.extend(_zeros(fn, u))
    kink_points.extend((edge, None) for lo, hi in flats for edge in (lo, hi))
    end_margin = MERGE_TOLERANCE * fn.width * 10
    for x, exact in kink_points:
        if any(lo < x < hi for lo, hi in flats) or not a + end_margin < x < b - end_margin:
            continue
        left, right, blows_up = _one_sided_slopes(fn, x)
        if blows_up or abs(left - right) > 1e-6 * (scale + abs(left) + abs(right)):
            found.append(_Candidate(x, exact, False, (left, right)))
        elif abs(0.5 * (left + right)) <= ROOT_TOLERANCE * scale:
            found.append(_Candidate(x, exact, True))
    return _merge(found, MERGE_TOLERANCE * fn.width * 10)


def _merge(candidates: list[_Candidate], tolerance: float) -> list[_Candidate]:
    """One candidate per location; an exact form wins over a float, a kink over a smooth reading."""
    merged: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: c.x):
        if merged and c.x - merged[-1].x <= tolerance:
            prev = merged[-1]
            exact = prev.exact if prev.exact is not None else c.exact
            x = float(sp.N(exact, 30)) if exact is not None else prev.x
            merged[-1] = _Candidate(x, exact, prev.differentiable and c.differentiable, prev.slopes or c.slopes)
        else:
            merged.append(c)
    return merged


def verdict(left: str, right: str) -> str:
    """The first-derivative sign test on the signs of f' just left and right of a critical point."""
    if (left, right) in (("-", "+"), ("-", "0"), ("0", "+")):
        return "min"
    if (left, right) in (("+", "-"), ("+", "0"), ("0", "-")):
        return "max"
    return "neither"


def _exact_text(value: sp.Expr | None) -> str | None:
    if value is None or value.has(sp.CRootOf) or len(str(value)) > 40:
        return None
    return str(value)


def _describe_point(fn: Function, c: _Candidate, chart: tuple[SignInterval, ...]) -> CriticalPoint:
    left = next(iv.sign for iv in chart if iv.end == c.x)
    right = next(iv.sign for iv in chart if iv.start == c.x)
    y_exact = None
    if _exact_text(c.exact) is not None:  # a RootOf's f(x) would not print exactly anyway
        y_exact = value_at(fn.expr, c.exact)
    y = float(sp.N(y_exact, 30)) if y_exact is not None and y_exact.is_real else fn.value(c.x)
    if not math.isfinite(y):
        y = precise(fn.expr, c.x)
    second = None
    if c.differentiable:
        value = two_sided_limit(fn.second, c.x, fn.width)
        second = value if math.isfinite(value) else None
        if second is not None and abs(second) < 1e-9 * max(1.0, abs(fn.slope(c.x + 1e-3 * fn.width))):
            second = 0.0
    slopes = (None, None)
    if not c.differentiable:
        slopes = c.slopes if c.slopes is not None else _one_sided_slopes(fn, c.x)[:2]
    return CriticalPoint(x=c.x, y=y, kind=verdict(left, right), differentiable=c.differentiable,
                         exact=_exact_text(c.exact), y_exact=_exact_text(y_exact), second_derivative=second,
                         left_sign=left, right_sign=right, tangent=tangent_kind(c.differentiable, *slopes),
                         left_slope=slopes[0], right_slope=slopes[1],
                         x_expr=c.exact if _exact_text(c.exact) else None,
                         y_expr=y_exact if _exact_text(y_exact) else None)


def _snap(fn: Function, flats: tuple[tuple[float, float], ...], candidates: list[_Candidate],
          tolerance: float) -> tuple[tuple[float, float], ...]:
    """Flat-segment ends found by bisection take the exact position of the critical point or domain end there."""
    def snapped(edge: float) -> float:
        near = [x for x in (*fn.domain, *(c.x for c in candidates)) if abs(x - edge) <= tolerance]
        return near[0] if near else edge
    return tuple((snapped(lo), snapped(hi)) for lo, hi in flats)


def critical_points(fn: Function) -> CriticalAnalysis:
    """Every critical point inside (a, b), classified, with the sign chart of f' it was decided from."""
    scale = slope_scale(fn)
    roots, flats = derivative_roots(fn)
    candidates = _candidates(fn, roots, flats, scale)
    flats = _snap(fn, flats, candidates, MERGE_TOLERANCE * fn.width * 10)
    edges = {e for segment in flats for e in segment if fn.domain[0] < e < fn.domain[1]}
    holes = {e.x for e in fn.excluded}
    breakpoints = sorted({c.x for c in candidates} | edges | {h for h in holes if fn.domain[0] < h < fn.domain[1]})
    chart = sign_chart(fn, breakpoints, flats)
    near = MERGE_TOLERANCE * fn.width * 10
    points = tuple(_describe_point(fn, c, chart) for c in candidates
                   if not any(abs(c.x - h) <= near for h in holes))
    return CriticalAnalysis(points=points, sign_chart=chart, flat_segments=flats, slope_scale=scale)
