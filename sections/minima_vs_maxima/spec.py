"""Section 2 `minima_vs_maxima`: the sign of f' on each side tells a minimum from a maximum."""

from __future__ import annotations

from dataclasses import dataclass

from lessons.demos import target_minimum
from lessons.params import SectionParams
from lessons.section_plan import SectionPlan, point_field

from ..planning import LessonContext, SectionSpec
from .text import TEXT

say = TEXT.say

RULES = {"min": "mm.rule_min", "max": "mm.rule_max", "neither": "mm.rule_neither"}


@dataclass(frozen=True)
class Params(SectionParams):
    pass


def plan(context: LessonContext, params: Params) -> SectionPlan:
    analysis = context.points(params)
    points = analysis.critical_points
    kinked = any(not p.differentiable for p in points)
    statements = [("intro", say("mm.intro_kink" if kinked else "mm.intro")), ("chart", say("mm.chart")),
                  ("goal", say("mm.goal" if target_minimum(analysis) is not None else "mm.goal_none"))]
    for i, point in enumerate(points):
        statements += [(f"verdict.{i}", say("mm.verdict", x=point_field(point, relation=True),
                                            kind=TEXT.ref(f"kind.{point.kind}"))),
                       (f"rule.{i}", say(RULES[point.kind]))]
    return context.base("minima_vs_maxima", analysis, statements=tuple(statements))


SECTION = SectionSpec(slug="minima_vs_maxima", params=Params, plan=plan, text=TEXT)
