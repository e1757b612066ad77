"""Section 4 `gradient_descent`: x ← x − η·f'(x), from both sides, three learning rates, and an escape.

Drawn on the lesson's function when it has a local minimum to reach, else on the section's own `fallback`;
a function with no critical point at all (tanh, sigmoid) is drawn itself: descent slides down its slope
and slows where the slope flattens (the vanishing gradient), with no rates to compare.
Rates and starts come from the function's scale (`demo`, lessons.demos) unless the lesson file sets them; every
run is checked to end the way its role says. The escape from a plateau is shown only when the plateau
section's descent stalls and another optimizer converges from the same start.
"""

from __future__ import annotations

from lessons.demos import SLIDE_ROLE, slide_run, slides
from lessons.explore import explore_tab
from lessons.params import ConfigError, Finite, Material, Numbers, SectionParams
from lessons.runs import Run
from lessons.section_plan import Explorable, SectionPlan
from lessons.text import Fn
from mathcore import Analysis, Trajectory, claims
from mathcore.descent import MAX_STEPS

from ..planning import LessonContext, SectionError, SectionSpec
from .demo import descent_pairs, escape_run, rate_comparison
from .text import TEXT

say = TEXT.say

STEP_TRIES = (1, 2, 4)  # more steps when a slow function needs them for the comparison
MAX_SECTION_STEPS = MAX_STEPS // STEP_TRIES[-1]


class Params(SectionParams):
    start_left: Finite | None = None  # f' < 0 there: the step goes right (omit: from the sign chart)
    start_right: Finite | None = None  # f' > 0 there: the step goes left
    lr: Finite | None = None  # omit: from f'' at the minimum, or the slope near it
    steps: int = 60
    learning_rates: Numbers | None = None  # too small, good, too large (omit: derived)
    escape_optimizer: str | None = None  # adam | momentum (omit: whichever escapes)
    escape_lr: Finite | None = None
    fallback: Material | None = None

    def __post_init__(self) -> None:
        """Checked here, against the teacher's own number: a slow function's runs take up to 4× as many."""
        if not 1 <= self.steps <= MAX_SECTION_STEPS:
            raise ConfigError(f"steps = {self.steps} is out of range: from 1 to {MAX_SECTION_STEPS} (a slow "
                              f"function's runs take up to {STEP_TRIES[-1]}× as many, at most {MAX_STEPS})")


class Extra(Explorable, frozen=True, kw_only=True):
    """Section 4's own data: its explorable's tabs, and the plateau section's function (the escape is drawn on
    it) with the name section 3 gave it."""

    plateau: Analysis
    plateau_name: str = "f"


def _runs(analysis, params: Params):
    """(pair, comparison, steps), or a slide (a run) on a function with no critical point, or the reason this
    function cannot show the section."""
    if params.learning_rates is not None and len(params.learning_rates) != 3:
        raise SectionError("learning_rates must be three numbers: too small, good, too large")
    if slides(analysis):
        start = params.start_right if params.start_right is not None else params.start_left
        run = slide_run(analysis, params.steps, params.lr, start)
        return run if run is not None else "no_slide"
    if not any(p.kind == "min" for p in analysis.critical_points):
        return "no_minimum"
    for factor in STEP_TRIES:
        steps = params.steps * factor
        for pair in descent_pairs(analysis, steps, params.lr, params.start_left, params.start_right):
            comparison = rate_comparison(analysis, pair, steps, params.learning_rates)
            if comparison is not None:
                return pair, comparison, steps
    return "no_runs"


REASONS = {"no_minimum": "it has no local minimum to reach",
           "no_slide": "it has no critical point, and descent on it does not slow down where the slope flattens",
           "no_runs": "no learning rate and starts give converging runs from both sides and a too small, "
                      "good and too large rate"}


def plan(context: LessonContext, params: Params) -> SectionPlan:
    choice = context.choose("gradient_descent", params, lambda analysis, given: _runs(analysis, params), REASONS,
                            "show gradient descent")
    analysis, substitute = choice.analysis, choice.substitute
    name = "f" if context.is_main(analysis) else "g"  # one name across sections: section 5 calls it g too
    subject = (analysis.function.text, analysis.domain)
    if isinstance(choice.found, Trajectory):  # no critical point: descent slides, slowing as f′ vanishes
        runs = [Run(SLIDE_ROLE, choice.found, analysis)]
        statements = [("descent", say("gd.slide", name=name,
                                      claims=(claims.CriticalSet(*subject, xs=()),
                                              claims.NoExtremum(*subject, kind="min")))),
                      ("result", runs[0].result()), ("arrow", say("gd.arrow", name=name))]
        directions = (SLIDE_ROLE,)
    else:
        pair, comparison, steps = choice.found
        runs = [Run("from_left", pair.from_left, analysis), Run("from_right", pair.from_right, analysis),
                Run("lr_small", comparison.small, analysis), Run("lr_good", comparison.good, analysis),
                Run("lr_large", comparison.large, analysis)]
        statements = [("descent", say("gd.descent")), ("result", runs[1].result()),
                      ("rates", say("gd.rates_caption", wild=TEXT.ref(f"gd.wild.{comparison.large.outcome}"),
                                    claims=tuple(c for run in runs[2:5] for c in run.result().claims))),
                      ("arrow", say("gd.arrow", name=name))]
        directions = ("from_left", "from_right")
    shown = len(runs)
    for role in directions:
        run = next(r.trajectory for r in runs if r.role == role)
        sign = "-" if run.slopes[0] < 0 else "+"
        statements.append((role, say("gd.neg" if sign == "-" else "gd.pos", name=name,
                                     claims=(claims.SignOn(*subject, lo=run.start, hi=run.start, sign=sign),))))
    if substitute is not None:
        main = context.analysis(context.lesson.function, context.lesson.domain)
        made = {"no_minimum": (claims.NoExtremum(main.function.text, main.domain, kind="min"),),
                "no_slide": (claims.CriticalSet(main.function.text, main.domain, xs=()),)}.get(substitute, ())
        note = say(f"gd.sub.{substitute}", g=Fn(analysis.function.text), claims=made)
        statements.append(("substitute", note))
        context.warn("gradient_descent", note)
    plateau_plan = context.plan("plateaus")
    stall = plateau_plan.run("plateau")
    escape = escape_run(plateau_plan.analysis, stall, stall.steps, params.escape_optimizer, params.escape_lr)
    if escape is None and (params.escape_optimizer is not None or params.escape_lr is not None):
        raise SectionError(f"{params.escape_optimizer or 'the escape optimizer'} does not escape the plateau of "
                           "section plateaus; remove escape_optimizer/escape_lr to let the lesson choose")
    if escape is not None and stall.outcome == "stalled":
        runs += [Run("escape_gd", stall, plateau_plan.analysis), Run("escape", escape, plateau_plan.analysis)]
        optimizer = TEXT.ref("gd.momentum") if escape.optimizer == "momentum" else escape.optimizer.capitalize()
        statements.append(("escape", say("gd.escape", optimizer=optimizer,
                                         claims=tuple(c for run in runs[shown:] for c in run.result().claims))))
    explore = (explore_tab("descent", analysis, name, tuple(runs[:shown])),
               explore_tab("plateau", plateau_plan.analysis, plateau_plan.name,
                           plateau_plan.runs + tuple(runs[shown:])))
    return context.base("gradient_descent", analysis, statements=tuple(statements), runs=tuple(runs),
                        substitute=substitute, name=name,
                        extra=Extra(plateau=plateau_plan.analysis, plateau_name=plateau_plan.name, explore=explore))


SECTION = SectionSpec(slug="gradient_descent", params=Params, plan=plan, text=TEXT, depends=("plateaus",), extra=Extra)
