"""Section 5 `conclusion`: the four ideas replayed small, from the very runs sections 3 and 4 drew (section
4's slide where f has no critical point: the recap shows descent slowing, not arriving)."""

from __future__ import annotations

from dataclasses import dataclass

from lessons.demos import SLIDE_ROLE
from lessons.ends import extreme_statements
from lessons.params import SectionParams
from lessons.runs import Run
from lessons.section_plan import SectionPlan

from ..planning import LessonContext, SectionSpec
from .text import TEXT

say = TEXT.say


@dataclass(frozen=True)
class Params(SectionParams):
    pass


def plan(context: LessonContext, params: Params) -> SectionPlan:
    analysis = context.points(params)
    plateau = context.plan("plateaus")
    descent = context.plan("gradient_descent")
    kinked = any(not p.differentiable for p in analysis.critical_points)
    statements = (("points", say("cc.points_kink" if kinked else "cc.points")), ("signs", say("cc.signs")),
                  ("plateau", say("cc.plateau")), ("descent", say("cc.descent")), *extreme_statements(analysis),
                  ("closing", say("cc.closing")))
    runs = (Run("plateau", plateau.run("plateau"), plateau.analysis),
            descent.run_entry(SLIDE_ROLE if descent.has_run(SLIDE_ROLE) else "from_right"))
    return context.base("conclusion", analysis, statements=statements, runs=runs, plateau=plateau.analysis,
                        descent=descent.analysis, plateau_name=plateau.name, descent_name=descent.name)


SECTION = SectionSpec(slug="conclusion", params=Params, plan=plan, text=TEXT, depends=("plateaus", "gradient_descent"))
