"""Section 2 `minima_vs_maxima`: the sign of f' on each side tells a minimum from a maximum."""

from __future__ import annotations

from dataclasses import dataclass

from mathcore.demos import target_minimum

from ..catalog import Ref
from ..params import SectionParams
from ..section_plan import SectionPlan, point_field, say
from .critical_points import points_analysis
from .spec import LessonContext, SectionSpec

RULES = {"min": "mm.rule_min", "max": "mm.rule_max", "neither": "mm.rule_neither"}


@dataclass(frozen=True)
class Params(SectionParams):
    pass


def plan(context: LessonContext, params: Params) -> SectionPlan:
    analysis = points_analysis(context, params)
    points = analysis.critical_points
    kinked = any(not p.differentiable for p in points)
    statements = [("intro", say("mm.intro_kink" if kinked else "mm.intro")), ("chart", say("mm.chart")),
                  ("goal", say("mm.goal" if target_minimum(analysis) is not None else "mm.goal_none"))]
    for i, point in enumerate(points):
        statements += [(f"verdict.{i}", say("mm.verdict", x=point_field(point, relation=True), kind=Ref(f"kind.{point.kind}"))),
                       (f"rule.{i}", say(RULES[point.kind]))]
    return context.base("minima_vs_maxima", analysis, statements=tuple(statements))


SPEC = SectionSpec(slug="minima_vs_maxima", params=Params, plan=plan,
                   scene="scenes.minima_vs_maxima:MinimaVsMaximaScene")
