"""Section 3 `plateaus`: descent stalls where the gradient vanishes, and converges from a slope.

Drawn on the lesson's function when it can show both runs (a plateau where descent stalls inside the
domain, and a slope from which it converges); otherwise on the section's own `fallback` function, with the
reason on screen. The default lesson names its fallback, the loss of a saturated sigmoid neuron, the
lesson's own material (`lesson_material`): drawn as the lesson's example of a plateau, without a note.
"""

from __future__ import annotations

from lessons import numbers
from lessons.demos import SLIDE_ROLE
from lessons.params import ConfigError, Finite, Material, SectionParams, WholeNumbers
from lessons.runs import Run
from lessons.section_plan import SectionExtra, SectionPlan
from lessons.terms import DEFAULT_TERMS, Terms
from lessons.text import Num, Steps
from mathcore import Analysis, claims
from mathcore.sigmoid import ChainFactor, chain_bounds

from ..planning import LessonContext, SectionSpec
from .demo import PlateauDemo, plateau_demo
from .text import TEXT

say = TEXT.say

MAX_SIGMOID_DEPTH = 50  # (1/4)^50 ≈ 8×10⁻³¹: deeper chains show nothing new
FAR = 0.1  # "the minimum is still far": at least this fraction of the width away
BARELY = 0.1  # "barely moved": less than this fraction of the width
THRESHOLD_DIGITS = 2  # "|f′| ≤ 1 % of the largest slope ≈ 0,005": the threshold's size, not its digits


class Fallback(Material):
    start: Finite | None = None  # on the plateau (omit: chosen on the widest plateau)
    contrast_start: Finite | None = None  # on the slope (omit: where |f'| is largest)
    lr: Finite | None = None


class Params(SectionParams):
    start: Finite | None = None
    contrast_start: Finite | None = None
    lr: Finite | None = None  # omit: from the function's scale (lessons.demos)
    steps: int = 300
    sigmoid_depths: WholeNumbers = (1, 2, 5, 10)
    fallback: Fallback | None = None

    def __post_init__(self) -> None:
        """A depth is a number of layers: 1 or more, and few enough that (1/4)^n is still worth a frame."""
        if not all(1 <= n <= MAX_SIGMOID_DEPTH for n in self.sigmoid_depths):
            raise ConfigError(f"sigmoid_depths must be whole numbers from 1 to {MAX_SIGMOID_DEPTH}")


class Extra(SectionExtra, frozen=True, kw_only=True):
    """Section 3's own data: the bound on the derivative of a chain of sigmoid layers, per depth."""

    chain: tuple[ChainFactor, ...] = ()


REASONS = {"no_plateau": "it has no plateau", "no_minimum": "it has no minimum for descent to reach",
           "no_slope": "descent from its slope does not converge",
           "no_stall": "descent does not get stuck on any of its plateaus inside the domain"}


def is_sigmoid_loss(text: str) -> bool:
    return "sigmoid" in text.replace(" ", "").lower()


def plan(context: LessonContext, params: Params) -> SectionPlan:
    def show(analysis: Analysis, given: Params | Fallback) -> PlateauDemo | str:
        return plateau_demo(analysis, params.steps, lr=given.lr, start=given.start, contrast_start=given.contrast_start)
    choice = context.choose("plateaus", params, show, REASONS, "show a plateau")
    analysis, demo, substitute = choice.analysis, choice.found, choice.substitute
    name = "f" if context.is_main(analysis) else "L"  # the lesson's f, or the section's own loss L
    found = statements(analysis, demo, name, material=choice.material)
    if substitute is not None:
        note = substitution(context.main(), substitute, is_sigmoid_loss(analysis.function.text), context.lesson.terms)
        found.append(("substitute", note))
        context.warn("plateaus", note)
    return context.base("plateaus", analysis, statements=tuple(found),
                        runs=(Run(SLIDE_ROLE if demo.slide else "slope", demo.slope, analysis),
                              Run("plateau", demo.stall, analysis)),
                        substitute=substitute, name=name, extra=Extra(chain=chain_bounds(params.sigmoid_depths)))


def substitution(main: Analysis, reason: str, sigmoid: bool, terms: Terms = DEFAULT_TERMS):
    """Why the section draws its own function, in one sentence (the warning says the same): its own sentence
    per reason; a flat piece of f that is a flat minimum is named as such, not called a plateau."""
    what = TEXT.ref("pl.what_sigmoid" if sigmoid else "pl.what_other")
    flat = next((e for e in main.flat_extrema if e.kind == "min"), None)
    subject = (main.function.text, main.domain)
    if reason == "no_plateau" and flat is not None:
        return say(terms.strict_key("pl.sub.flat_minimum"), lo=Num(flat.start), hi=Num(flat.end), what=what,
                   claims=(claims.SignOn(*subject, lo=flat.start, hi=flat.end, sign="0"),
                           claims.PointKind(*subject, x=0.5 * (flat.start + flat.end), kind="min")))
    made = (claims.NoExtremum(*subject, kind="min"),) if reason == "no_minimum" else ()
    return say(f"pl.sub.{reason}", what=what, claims=made)


def statements(analysis: Analysis, demo: PlateauDemo, name: str, material: bool = False) -> list:
    sigmoid = is_sigmoid_loss(analysis.function.text)
    width = analysis.function.width
    threshold = analysis.landscape.slope_threshold  # said with its meaning and few digits; compared exactly
    subject = (analysis.function.text, analysis.domain)
    shaded = tuple(claims.Plateau(*subject, lo=p.start, hi=p.end, threshold=threshold) for p in analysis.plateaus)
    # the lesson's own f is "the function", whatever it is (sigmoid(x) is an activation, not a loss)
    found = [("heading", say("pl.function" if name == "f" else "pl.loss" if sigmoid else "pl.loss_other")),
             ("shaded", say("pl.shaded", threshold=Num(threshold, THRESHOLD_DIGITS), name=name, claims=shaded)),
             ("steep", say("pl.steep_slide" if demo.slide else "pl.steep")),
             ("chain", say("pl.chain" if sigmoid else "pl.chain_general"))]
    if material:
        found.append(("intro", say("pl.material" if sigmoid else "pl.material_other")))
    stall = demo.stall
    start_slope = abs(stall.slopes[0])
    found.append(("saturated", say("pl.saturated" if sigmoid else "pl.on_plateau", g=Num(start_slope),
                                   threshold=Num(threshold, numbers.bound_digits(start_slope, threshold)),
                                   name=name, claims=(claims.SlopeAt(*subject, x=stall.start, size=start_slope,
                                                                     bound=threshold),))))
    minima = analysis.landscape.minima
    nearest = min((abs(stall.final_x - m) for m in minima), default=None)
    steps = Steps(stall.nit)
    run = Run("plateau", stall, analysis).claim(stall.nit)
    barely = abs(stall.final_x - stall.start) < BARELY * width
    if barely and nearest is None:  # no minimum anywhere: the ball simply makes no progress
        found.append(("stalled", say("pl.stalled_none", n=steps, name=name,
                                     claims=(run, claims.NoExtremum(*subject, kind="min")))))
    elif barely and nearest >= FAR * width:
        found.append(("stalled", say("pl.stalled_far", n=steps, claims=(run,))))
    else:
        final = claims.SlopeAt(*subject, x=stall.final_x, size=abs(stall.slopes[-1]), bound=threshold)
        found.append(("stalled", say("pl.stalled", n=steps, g=Num(abs(stall.slopes[-1])), name=name,
                                     claims=(run, final))))
    return found


SECTION = SectionSpec(slug="plateaus", params=Params, plan=plan, text=TEXT, extra=Extra)
