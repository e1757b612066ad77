"""Section 5 `conclusion`: the four ideas replayed small, from the very runs sections 3 and 4 drew (section
4's slide where f has no critical point: the recap shows descent slowing, not arriving)."""

from __future__ import annotations

from lessons.demos import SLIDE_ROLE
from lessons.ends import extreme_statements
from lessons.params import SectionParams
from lessons.runs import Run
from lessons.section_plan import SectionExtra, SectionPlan
from mathcore import Analysis

from ..planning import LessonContext, SectionSpec
from .text import TEXT

say = TEXT.say


class Params(SectionParams):
    pass


class Extra(SectionExtra, frozen=True, kw_only=True):
    """Section 5's own data: the functions sections 3 and 4 drew (it replays their runs small) and the names
    those sections gave them."""

    plateau: Analysis
    descent: Analysis
    plateau_name: str = "f"
    descent_name: str = "f"


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
    return context.base("conclusion", analysis, statements=statements, runs=runs,
                        extra=Extra(plateau=plateau.analysis, descent=descent.analysis, plateau_name=plateau.name,
                                    descent_name=descent.name))


SECTION = SectionSpec(slug="conclusion", params=Params, plan=plan, text=TEXT, depends=("plateaus", "gradient_descent"),
                      extra=Extra)
