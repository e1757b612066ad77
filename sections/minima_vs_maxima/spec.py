"""Section 2 `minima_vs_maxima`: the sign of f' on each side tells a minimum from a maximum; a flat minimum
(f′ − then 0 then +) is a minimum as a whole; and on the closed interval, which value is the lowest and
which the highest (an end point may beat every local extremum)."""

from __future__ import annotations

from lessons.demos import target_minimum
from lessons.ends import extreme_statements
from lessons.params import SectionParams
from lessons.runs import kind_claim, point_claims, point_field
from lessons.scale import zooms
from lessons.section_plan import SectionPlan, Zoomed
from lessons.terms import DEFAULT_TERMS, Terms
from lessons.text import Exact, Num, Points
from lessons.variation import table_claims
from mathcore import claims

from ..planning import LessonContext, SectionSpec
from .text import TEXT

say = TEXT.say

RULES = {("-", "+"): "mm.rule_min", ("+", "-"): "mm.rule_max", ("-", "0"): "mm.rule_min_flat_after",
         ("0", "+"): "mm.rule_min_flat_before", ("+", "0"): "mm.rule_max_flat_after",
         ("0", "-"): "mm.rule_max_flat_before"}


def rule_key(left: str, right: str, terms: Terms = DEFAULT_TERMS) -> str:
    """The sign test's rule for the signs of f′ either side (a flat side: a non-strict extremum, or with
    strict extrema none)."""
    key = RULES.get((left, right), "mm.rule_neither")
    return terms.strict_key(key) if "0" in (left, right) and key != "mm.rule_neither" else key


def flat_rule_key(analysis, flat, terms: Terms = DEFAULT_TERMS) -> str:
    """− then 0 then + (or, at a domain end, the one side there is) ⇒ a flat minimum; mirrored for a maximum."""
    a, b = analysis.domain
    side = "both" if a < flat.start and flat.end < b else "left_end" if flat.start == a else "right_end"
    return terms.strict_key(f"mm.rule_flat_{flat.kind}_{side}")


class Params(SectionParams):
    pass


class Extra(Zoomed, frozen=True, kw_only=True):
    """Section 2's own data: the zoomed views of its points."""


def monotone(analysis):
    """f has no critical point: increasing (or decreasing) on all of [a; b], so no extremum; or, where f is
    undefined somewhere, f′ can change sign only there, where no extremum can be."""
    subject = (analysis.function.text, analysis.domain)
    a, b = analysis.domain
    none = (claims.NoExtremum(*subject, kind="min"), claims.NoExtremum(*subject, kind="max"))
    excluded = analysis.function.excluded
    if excluded:
        forms = Points(tuple(Exact(e.x, e.exact, relation=True) for e in excluded), conjunction=True)
        return say("mm.none_undefined", x=forms,
                   claims=(*none, *(claims.Undefined(*subject, x=e.x, exact=e.exact) for e in excluded)))
    sign = analysis.sign_chart[0].sign
    return say(f"mm.monotone_{'up' if sign == '+' else 'down'}", a=Num(a), b=Num(b),
               claims=(claims.SignOn(*subject, lo=a, hi=b, sign=sign), *none))


def plan(context: LessonContext, params: Params) -> SectionPlan:
    analysis = context.points(params)
    terms = context.lesson.terms
    points = analysis.critical_points
    subject = (analysis.function.text, analysis.domain)
    kinked = any(not p.differentiable for p in points)
    flat_chart = any(s.sign == "0" for s in analysis.sign_chart)
    ends = {x for flat in analysis.flat_extrema for x in (flat.start, flat.end)}
    chart = tuple(claims.SignOn(*subject, lo=s.start, hi=s.end, sign=s.sign) for s in analysis.sign_chart)
    has_minimum = target_minimum(analysis) is not None
    intro = say("mm.intro_kink" if kinked else "mm.intro") if points or flat_chart else monotone(analysis)
    statements = [("intro", intro),
                  ("table", say("mm.table_excluded" if analysis.function.excluded else "mm.table")),
                  ("chart", say("mm.chart_flat" if flat_chart else "mm.chart",
                                claims=(*chart, *table_claims(analysis)))),
                  ("goal", say("mm.goal" if has_minimum else "mm.goal_none",
                               claims=() if has_minimum else (claims.NoExtremum(*subject, kind="min"),)))]

    def sides(x: float) -> tuple:
        """The sign chart's intervals either side of x: what the sign test reads."""
        return tuple(c for c in chart if x in (c.lo, c.hi))
    for i, point in enumerate(points):
        if point.x in ends:
            continue  # examined with its flat minimum or maximum, as a whole
        statements += [(f"verdict.{i}", say("mm.verdict", x=point_field(point, relation=True),
                                            kind=TEXT.ref(terms.kind_key(point)),
                                            claims=point_claims(analysis, point))),
                       (f"rule.{i}", say(rule_key(point.left_sign, point.right_sign, terms), claims=sides(point.x)))]
    for j, flat in enumerate(analysis.flat_extrema):
        middle = 0.5 * (flat.start + flat.end)
        forms = {p.x: p.x_expr for p in points}
        whole = (claims.SignOn(*subject, lo=flat.start, hi=flat.end, sign="0"),
                 *(kind_claim(analysis, x, flat.kind, forms.get(x)) for x in (flat.start, middle, flat.end)))
        statements += [(f"verdict_flat.{j}", say(terms.strict_key(f"mm.verdict_flat_{flat.kind}"), lo=Num(flat.start),
                                                 hi=Num(flat.end), claims=whole)),
                       (f"rule_flat.{j}", say(flat_rule_key(analysis, flat, terms),
                                              claims=sides(flat.start) + sides(flat.end)))]
    statements += extreme_statements(analysis)
    return context.base("minima_vs_maxima", analysis, statements=tuple(statements), extra=Extra(zooms=zooms(analysis)))


SECTION = SectionSpec(slug="minima_vs_maxima", params=Params, plan=plan, text=TEXT, extra=Extra, lists_points=True,
                      shows_table=True)
