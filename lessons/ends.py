"""What the lesson says about the closed interval: which local minimum is the lowest value of f on [a; b]
(or that an end point is lower than every one of them), and which maximum the highest — sections 2 and 5
say it, from mathcore.extremes."""

from __future__ import annotations

import sympy as sp

from mathcore import Analysis, claims
from mathcore.extremes import GlobalExtreme, Level, global_extreme

from .catalog import SHARED
from .runs import kind_claim
from .text import Exact, Num, Points, Statement, Value


def _value(analysis: Analysis, level: Level, xs: tuple[float, ...]) -> Value:
    """f at the points (a critical point's x in its exact form, a domain end as the domain is written) and
    the level: 'f(2) = −16', 'f(±1) = −1', 'f(−2) = f(4) = 2'."""
    forms = {p.x: p.x_expr for p in analysis.critical_points}
    points = tuple(Exact(x, forms.get(x)) for x in sorted(xs))
    y = level.y_expr
    if y is not None and y.is_Rational and _terminates(y) and any(e.expr is None and e.value != int(e.value)
                                                                   for e in points):
        y = None  # f(0,25) = f(4) = 4,25: one kind of number in one statement, not 0,25 beside 17/4
    return Value(points, Exact(level.y, y, relation=True, beside=True))


def _terminates(value: sp.Rational) -> bool:
    """A fraction whose decimal ends (17/4 = 4,25), within the digits a statement writes."""
    q = value.q
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    return q == 1 and len(str(abs(float(value))).replace(".", "").strip("0")) <= 4


def _level(level: Level) -> Exact:
    return Exact(level.y, level.y_expr, relation=True, beside=True)


def extreme_claims(analysis: Analysis, extreme: GlobalExtreme) -> tuple[claims.Claim, ...]:
    """What a sentence about the lowest (highest) value asserts: that value and every point reaching it, or
    that there is none (beside a pole, near a hole); that the local extremum it names is one; that f has no
    local extremum of that kind when it says so."""
    subject = (analysis.function.text, analysis.domain)
    if extreme.unbounded:
        forms = {e.x: e.exact for e in analysis.function.excluded}
        return tuple(claims.Unbounded(*subject, kind=extreme.kind, x=x, exact=forms.get(x)) for x in extreme.unbounded)
    if extreme.missing is not None:
        hole = extreme.missing
        return (claims.Extreme(*subject, kind=extreme.kind, y=hole.y, points=hole.points, missing=True),)
    best, local = extreme.best, extreme.local
    forms = {p.x: p.x_expr for p in analysis.critical_points}
    forms.update({end: sp.Rational(repr(end)) for end in analysis.domain})
    where = tuple(sorted(best.points + best.ends))
    made: list[claims.Claim] = [claims.Extreme(*subject, kind=extreme.kind, y=best.y, y_exact=best.y_expr,
                                               points=where, flats=best.flats,
                                               exact_points=tuple(forms.get(x) for x in where))]
    if local is None:
        made.append(claims.NoExtremum(*subject, kind=extreme.kind))
    else:
        made += [kind_claim(analysis, x, extreme.kind, forms.get(x)) for x in local.points]
        made += [claims.ValueAt(*subject, x=x, x_exact=forms.get(x), y=local.y, y_exact=local.y_expr)
                 for x in local.points]
    return tuple(made)


def extreme_statement(analysis: Analysis, extreme: GlobalExtreme) -> Statement:
    """One sentence: the best local extremum is the global one, or an end point beats it, or f has no local
    extremum of that kind and the end point is the global one; with the claims it makes."""
    return _extreme_statement(analysis, extreme).with_claims(*extreme_claims(analysis, extreme))


def _extreme_statement(analysis: Analysis, extreme: GlobalExtreme) -> Statement:
    kind = extreme.kind
    a, b = (Num(v) for v in analysis.domain)
    best, local = extreme.best, extreme.local
    if extreme.unbounded:  # beside a pole f goes below (above) any value: no lowest (highest) one
        forms = {e.x: e.exact for e in analysis.function.excluded}
        poles = tuple(Exact(x, forms.get(x), relation=True) for x in extreme.unbounded)
        return SHARED.say(f"ext.{kind}_unbounded", a=a, b=b, x0=Points(poles, conjunction=True))
    if extreme.missing is not None:  # near a hole f comes closer than any value it takes
        hole = extreme.missing
        return SHARED.say(f"ext.{kind}_missing", a=a, b=b, y=Num(hole.y), x0=Num(hole.points[0]))
    at = SHARED.ref("ext.at_ends" if len(best.ends) == 2 else "ext.at_end")
    if best.ends and (best.points or best.flats) and not best.flats:  # an end ties with an interior point
        places = _value(analysis, best, tuple(sorted(best.points + best.ends))).points
        return SHARED.say(f"ext.{kind}_tie", a=a, b=b, y=Exact(best.y, best.y_expr, beside=True),
                          where=Points(tuple(Exact(e.value, e.expr, relation=True) for e in places), conjunction=True),
                          fx=_value(analysis, best, best.points), fe=_value(analysis, best, best.ends))
    if local is None:
        return SHARED.say(f"ext.{kind}_none", a=a, b=b, fe=_value(analysis, best, best.ends), at=at)
    flat = local.flats[0] if local.flats else None  # a flat bottom (or top) at that level: said as a whole
    at_local = bool(best.points or best.flats)
    if flat is not None:
        key = f"ext.{kind}_flat" if at_local else f"ext.{kind}_flat_end"
        return SHARED.say(key, a=a, b=b, lo=Num(flat[0]), hi=Num(flat[1]), y=_level(local),
                          fe=_value(analysis, best, best.ends) if not at_local else "", at=at)
    if at_local:  # three or more points of that level: their list is a clause of its own (one cue ≤ 7 s)
        many = "_many" if len(local.points) > 2 else ""
        return SHARED.say(f"ext.{kind}_local{many}", a=a, b=b, fx=_value(analysis, local, local.points))
    return SHARED.say(f"ext.{kind}_end", a=a, b=b, fx=_value(analysis, local, local.points),
                      fe=_value(analysis, best, best.ends), at=at)


def extreme_statements(analysis: Analysis) -> list[tuple[str, Statement]]:
    """("lowest", …) and ("highest", …): the closed interval's global minimum and maximum, said."""
    return [("lowest", extreme_statement(analysis, global_extreme(analysis, "min"))),
            ("highest", extreme_statement(analysis, global_extreme(analysis, "max")))]
