"""The lowest and highest values of f on the closed interval [a, b], and where they are attained.

A continuous f on [a, b] takes its extreme values at critical points, on flat extrema or at the ends; the
lesson's point is which of them wins: the local minimum f(2) = −16 of x³ − 12x is not the lowest value on
[−5, 3], the end value f(−5) = −65 is. Values are compared within 1e-9 of the function's scale (two minima
of x⁴ − 2x² at the same level are both the lowest).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import sympy as sp

from .analysis import Analysis
from .exact import value_at
from .precise import precise


@dataclass(frozen=True)
class Level:
    """A value of f and where f takes it among the candidates: local extrema, flat extrema, domain ends."""

    y: float
    y_expr: sp.Expr | None = field(default=None, compare=False)
    points: tuple[float, ...] = ()  # critical points of the kind asked (local minima or maxima)
    flats: tuple[tuple[float, float], ...] = ()  # flat extrema of that kind
    ends: tuple[float, ...] = ()  # domain ends


@dataclass(frozen=True)
class GlobalExtreme:
    """`best` is the lowest (kind "min") or highest ("max") value f takes on [a, b]; `local` the best of the
    local extrema of that kind (None when f has none): `best` lies at an end alone when the ends beat
    `local`. `missing` is set when f has no lowest (highest) value at all: near a hole, where f is undefined,
    it comes closer to a value (`missing.y`, the limit at `missing.points`) than any value it takes."""

    kind: str
    best: Level
    local: Level | None
    missing: Level | None = None
    unbounded: tuple[float, ...] = ()  # poles beside which f takes values as low (high) as one likes: no best


def end_value(analysis: Analysis, x: float) -> tuple[float, sp.Expr | None]:
    """f at a domain end, and its exact form where there is one (f(−5) = −65)."""
    fn = analysis.function
    exact = value_at(fn.expr, sp.Rational(repr(x)))
    value = fn.value(x)
    if exact is not None and not (exact.is_real and exact.is_finite and math.isclose(float(exact), value,
                                                                                  rel_tol=1e-9, abs_tol=1e-12)):
        exact = None
    return value, exact


def global_extreme(analysis: Analysis, kind: str) -> GlobalExtreme:
    """The lowest (kind "min") or highest ("max") value of f on [a, b] and where it is attained."""
    sign = 1 if kind == "min" else -1
    points = [p for p in analysis.critical_points if p.kind == kind]
    flats = [e for e in analysis.flat_extrema if e.kind == kind]
    ends = [(x, *end_value(analysis, x)) for x in analysis.domain]
    values = [p.y for p in points] + [e.y for e in flats] + [y for _, y, _ in ends]
    scale = max([abs(v) for v in values if math.isfinite(v)] + [1.0])
    tolerance = 1e-9 * scale

    fn = analysis.function

    def value_40(x: float, exact: sp.Expr | None) -> float:
        return precise(fn.expr, exact if exact is not None else x)

    def level(y: float, candidates_points, candidates_flats, candidates_ends) -> Level:
        """The candidates at the level y: within float rounding of it, then confirmed at 40 digits (cos x at
        6.2832 is 1 − 3.5·10⁻¹¹, no tie with cos 0 = 1)."""
        near = [("point", p, value_40(p.x, p.x_expr)) for p in candidates_points if abs(p.y - y) <= tolerance] + \
            [("flat", e, value_40(0.5 * (e.start + e.end), None)) for e in candidates_flats
             if abs(e.y - y) <= tolerance] + \
            [("end", (x, e), value_40(x, sp.Rational(repr(x)))) for x, v, e in candidates_ends
             if abs(v - y) <= tolerance]
        best = min((v for _, _, v in near), key=lambda v: sign * v)
        kept = [(tag, item) for tag, item, v in near if abs(v - best) <= 1e-25 * scale]
        at = [item for tag, item in kept if tag == "point"]
        on = [item for tag, item in kept if tag == "flat"]
        by = [item for tag, item in kept if tag == "end"]
        exact = next((p.y_expr for p in at if p.y_expr is not None), None)
        exact = exact if exact is not None else next((e for _, e in by if e is not None), None)
        return Level(y=y, y_expr=exact, points=tuple(p.x for p in at), flats=tuple((e.start, e.end) for e in on),
                     ends=tuple(x for x, _ in by))

    local = None
    if points or flats:
        best_local = min([p.y for p in points] + [e.y for e in flats], key=lambda v: sign * v)
        local = level(best_local, points, flats, [])
    best = min(values, key=lambda v: sign * v)
    a, b = analysis.domain
    holes = [(e.x, e.left) for e in analysis.function.excluded if e.kind == "hole"]
    beyond = [(x, y) for x, y in holes if math.isfinite(y) and sign * (best - y) > tolerance]
    missing = None
    if beyond:
        y = min((y for _, y in beyond), key=lambda v: sign * v)
        missing = Level(y=y, points=tuple(x for x, v in beyond if abs(v - y) <= tolerance))
    endless = -math.inf if kind == "min" else math.inf
    unbounded = tuple(e.x for e in analysis.function.excluded if endless in (e.left, e.right))
    return GlobalExtreme(kind=kind, best=level(best, points, flats, ends), local=local, missing=missing,
                         unbounded=unbounded)
