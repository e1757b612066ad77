"""What the lesson says about the closed interval: which local minimum is the lowest value of f on [a; b]
(or that an end point is lower than every one of them), and which maximum the highest — sections 2 and 5
say it, from mathcore.extremes."""

from __future__ import annotations

from mathcore import Analysis
from mathcore.extremes import GlobalExtreme, Level, global_extreme

from .catalog import SHARED
from .text import Exact, Num, Points, Statement, Value


def _value(analysis: Analysis, level: Level, xs: tuple[float, ...]) -> Value:
    """f at the points (a critical point's x in its exact form, a domain end as the domain is written) and
    the level: 'f(2) = −16', 'f(±1) = −1', 'f(−2) = f(4) = 2'."""
    forms = {p.x: p.x_expr for p in analysis.critical_points}
    points = tuple(Exact(x, forms.get(x)) for x in sorted(xs))
    return Value(points, Exact(level.y, level.y_expr, relation=True, beside=True))


def _level(level: Level) -> Exact:
    return Exact(level.y, level.y_expr, relation=True, beside=True)


def extreme_statement(analysis: Analysis, extreme: GlobalExtreme) -> Statement:
    """One sentence: the best local extremum is the global one, or an end point beats it, or f has no local
    extremum of that kind and the end point is the global one."""
    kind = extreme.kind
    a, b = (Num(v) for v in analysis.domain)
    best, local = extreme.best, extreme.local
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
