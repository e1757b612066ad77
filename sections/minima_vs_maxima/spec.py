"""Section 2 `minima_vs_maxima`: the sign of f' on each side tells a minimum from a maximum; a flat minimum
(f′ − then 0 then +) is a minimum as a whole; and on the closed interval, which value is the lowest and
which the highest (an end point may beat every local extremum)."""

from __future__ import annotations

from dataclasses import dataclass

from lessons.demos import target_minimum
from lessons.ends import extreme_statements
from lessons.params import SectionParams
from lessons.runs import point_field
from lessons.scale import zooms
from lessons.section_plan import SectionPlan
from lessons.text import Num

from ..planning import LessonContext, SectionSpec
from .text import TEXT

say = TEXT.say

RULES = {("-", "+"): "mm.rule_min", ("+", "-"): "mm.rule_max", ("-", "0"): "mm.rule_min_flat_after",
         ("0", "+"): "mm.rule_min_flat_before", ("+", "0"): "mm.rule_max_flat_after",
         ("0", "-"): "mm.rule_max_flat_before"}


def rule_key(left: str, right: str) -> str:
    """The sign test's rule for the signs of f′ either side (a flat side counts as non-strict)."""
    return RULES.get((left, right), "mm.rule_neither")


def flat_rule_key(analysis, flat) -> str:
    """− then 0 then + (or, at a domain end, the one side there is) ⇒ a flat minimum; mirrored for a maximum."""
    a, b = analysis.domain
    side = "both" if a < flat.start and flat.end < b else "left_end" if flat.start == a else "right_end"
    return f"mm.rule_flat_{flat.kind}_{side}"


@dataclass(frozen=True)
class Params(SectionParams):
    pass


def plan(context: LessonContext, params: Params) -> SectionPlan:
    analysis = context.points(params)
    points = analysis.critical_points
    kinked = any(not p.differentiable for p in points)
    flat_chart = any(s.sign == "0" for s in analysis.sign_chart)
    ends = {x for flat in analysis.flat_extrema for x in (flat.start, flat.end)}
    statements = [("intro", say("mm.intro_kink" if kinked else "mm.intro")),
                  ("chart", say("mm.chart_flat" if flat_chart else "mm.chart")),
                  ("goal", say("mm.goal" if target_minimum(analysis) is not None else "mm.goal_none"))]
    for i, point in enumerate(points):
        if point.x in ends:
            continue  # examined with its flat minimum or maximum, as a whole
        statements += [(f"verdict.{i}", say("mm.verdict", x=point_field(point, relation=True),
                                            kind=TEXT.ref(f"kind.{point.kind}"))),
                       (f"rule.{i}", say(rule_key(point.left_sign, point.right_sign)))]
    for j, flat in enumerate(analysis.flat_extrema):
        statements += [(f"verdict_flat.{j}", say(f"mm.verdict_flat_{flat.kind}", lo=Num(flat.start),
                                                 hi=Num(flat.end))),
                       (f"rule_flat.{j}", say(flat_rule_key(analysis, flat)))]
    statements += extreme_statements(analysis)
    return context.base("minima_vs_maxima", analysis, statements=tuple(statements), zooms=zooms(analysis))


SECTION = SectionSpec(slug="minima_vs_maxima", params=Params, plan=plan, text=TEXT)
