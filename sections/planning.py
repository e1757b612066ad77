"""What a section is (a spec) and what its plan can read (the lesson context, shared by all sections).

No manim here: the process that plans the lesson never imports it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Generic, TypeVar

from lessons.params import SectionParams, explicit
from lessons.section_plan import SectionExtra, SectionPlan
from lessons.text import Texts
from mathcore import Analysis, LessonInputError, analyze_bounded
from mathcore.claims import Claim, SurfaceClaim
from mathcore.errors import ParameterError
from mathcore.verify import check

if TYPE_CHECKING:
    from lessons.config import LessonConfig

MAX_SHOWN_POINTS = 9  # more critical points than this do not fit legibly on one graph
ANALYSES_KEPT = 256  # analyses kept for other lessons in the same process (a batch, the tests)
Found = TypeVar("Found")


class SectionError(LessonInputError):
    """The function is valid but cannot show what the section is about."""


@dataclass(frozen=True)
class Finding:
    """A claim a plan makes that the second method finds false: the statement, the claim, what was found."""

    slug: str
    statement: str
    claim: Claim
    found: str


class FalseClaim(SectionError):
    """A section's plan would say something its second check finds false: the lesson is refused, never drawn."""

    def __init__(self, message: str, findings: tuple[Finding, ...]) -> None:
        super().__init__(message)
        self.findings = findings


def claims_of(plan: SectionPlan) -> list[tuple[str, Claim]]:
    """Every claim a plan makes, by the statement that makes it: its statements, and its runs' results (the
    sentences the scene and the explorable say of them), each claim once."""
    found: dict[Claim, str] = {}
    for name, statement in plan.statements:
        for claim in statement.claims:
            found.setdefault(claim, name)
    for run in plan.runs:
        for claim in run.result().claims:
            found.setdefault(claim, f"outcome.{run.role}")
    return [(name, claim) for claim, name in found.items()]


def false_claims(plan: SectionPlan) -> tuple[Finding, ...]:
    """The claims of `plan` the second method (mathcore.verify) does not confirm."""
    return tuple(Finding(plan.slug, name, claim, found) for name, claim in claims_of(plan)
                 if (found := check(claim)) is not None)


@dataclass(frozen=True)
class SectionSpec:
    """One section: its slug (its identity), its typed parameters, its plan, its words, the sections whose
    plans its plan reads, the type of its own plan data (`extra`, a SectionExtra its folder declares; None when
    it needs none) and whether its transcript lists the function's critical points. Its scene is
    `sections.<slug>.scene`, imported only where it is drawn."""

    slug: str
    params: type[SectionParams]
    plan: Callable[[LessonContext, SectionParams], SectionPlan]
    text: Texts
    depends: tuple[str, ...] = ()
    extra: type[SectionExtra] | None = None
    lists_points: bool = False  # the transcript says the critical points and flat pieces the section shows
    shows_table: bool = False  # it draws the variation table: the manifest and the transcript carry it too
    shown: Callable[[LessonConfig], bool] | None = None  # whether a lesson shows it (None: every lesson does)
    shown_when: str = ""  # when it is shown, in words (the error for a section asked for and not shown)


def sentence(plan: SectionPlan, name: str) -> str:
    """A statement of `plan` as the lesson would say it in English (a run's outcome by its role)."""
    if name.startswith("outcome."):
        return plan.result(name.removeprefix("outcome.")).text("en")
    return plan.say(name).text("en") if plan.has(name) else name


def where(function: str, domain: tuple[float, float]) -> str:
    return f"{function} on [{domain[0]:g}, {domain[1]:g}]"


def subject_of(claim: Claim, lesson: LessonConfig) -> str:
    """What a false claim is about, as its refusal names it: the surface f(x, y) on its box for a claim about a
    surface (a lesson has two functions), else the lesson's f on its domain."""
    if isinstance(claim, SurfaceClaim):
        (a, b), (c, d) = claim.domain, claim.ydomain
        return f"the surface f(x, y) = {claim.function} on [{a:g}, {b:g}] × [{c:g}, {d:g}]"
    return where(lesson.function, lesson.domain)


@lru_cache(maxsize=ANALYSES_KEPT)
def analysis_of(function: str, domain: tuple[float, float]) -> Analysis:
    """An analysis is a pure function of its input (and immutable): lessons planned in one process share
    them (every lesson whose section 3 draws the sigmoid loss analyses it once)."""
    return analyze_bounded(function, domain[0], domain[1])


@dataclass(frozen=True)
class Choice(Generic[Found]):
    """The function a section draws, what it found there, and why it draws its own function (None when it
    draws the lesson's or the teacher's explicit one)."""

    analysis: Analysis
    found: Found
    substitute: str | None = None
    material: bool = False  # the section's own function, drawn as the lesson's material (no note, no warning)


class LessonContext:
    """The lesson being planned: its main function's analysis and every section's plan, each built once."""

    def __init__(self, lesson: LessonConfig, contents: tuple[SectionSpec, ...], strict: bool = True) -> None:
        """`strict`: a plan with a false claim raises FalseClaim (a lesson never says it); otherwise its
        findings are kept in `findings` (the claims check lists them all)."""
        self.lesson = lesson
        self.contents = tuple(spec for spec in contents if spec.shown is None or spec.shown(lesson))
        self.strict = strict
        self.findings: dict[str, tuple[Finding, ...]] = {}
        self.numbers = {spec.slug: number for number, spec in enumerate(self.contents, start=1)}
        self._analyses: dict[tuple[str, tuple[float, float]], Analysis] = {}
        self._plans: dict[str, SectionPlan] = {}
        self.warnings: dict[str, str] = {}

    def analysis(self, function: str, domain: tuple[float, float]) -> Analysis:
        key = (function, tuple(domain))
        if key not in self._analyses:
            self._analyses[key] = analysis_of(*key)
        return self._analyses[key]

    def main(self) -> Analysis:
        """The lesson's function. It may have no critical point (tanh: f′ never vanishes, which is a lesson
        too), not more than a graph shows legibly."""
        lesson = self.lesson
        analysis = self.analysis(lesson.function, lesson.domain)
        count = len(analysis.critical_points)
        if count > MAX_SHOWN_POINTS:
            raise SectionError(f"{where(lesson.function, lesson.domain)} has {count} critical points, too many "
                               f"to show legibly (at most {MAX_SHOWN_POINTS}); narrow the domain")
        return analysis

    def points(self, params: SectionParams) -> Analysis:
        """The function a section about critical points draws (sections 1, 2 and 5): the lesson's, or the
        section's explicit one."""
        own = explicit(params, (self.lesson.function, self.lesson.domain))
        if own is None:
            return self.main()
        return self.analysis(*own)

    @property
    def slugs(self) -> tuple[str, ...]:
        """The sections this lesson shows, in order (a section beyond one variable needs a surface)."""
        return tuple(spec.slug for spec in self.contents)

    def spec(self, slug: str) -> SectionSpec:
        for spec in self.contents:
            if spec.slug == slug:
                return spec
        raise KeyError(slug)

    def plan(self, slug: str) -> SectionPlan:
        if slug not in self._plans:
            spec = self.spec(slug)
            try:
                plan = spec.plan(self, self.lesson.params_of(slug))
            except ParameterError as problem:  # a rate or start the lesson file gives the section: say where
                raise ParameterError(f"[sections.{slug}]: {problem}; change it in the lesson file") from None
            self.findings[slug] = false_claims(plan)
            if self.strict and self.findings[slug]:
                first = self.findings[slug][0]
                raise FalseClaim(f"{subject_of(first.claim, self.lesson)}: the lesson would say something "
                                 f"false: \"{sentence(plan, first.statement)}\" ({first.found}); choose another "
                                 "function or domain", self.findings[slug])
            self._plans[slug] = plan
        return self._plans[slug]

    def warn(self, slug: str, statement) -> None:
        """The substitution warning of `slug` in the very words the section says it (in English)."""
        lesson = self.lesson
        self.warnings[slug] = f"section {slug}: {where(lesson.function, lesson.domain)}: {statement.text('en')}"

    def is_main(self, analysis: Analysis) -> bool:
        """Whether `analysis` is of the lesson's own function (named f; a section's own is L or g)."""
        lesson = self.lesson
        return (analysis.function.text, analysis.domain) == (lesson.function.strip(), tuple(lesson.domain))

    def base(self, slug: str, analysis: Analysis, **fields) -> SectionPlan:
        """The plan of section `slug`; its own data (`extra`) is of the type its spec declares."""
        declared = self.spec(slug).extra
        extra = fields.get("extra")
        if (type(extra) is not declared) if declared is not None else extra is not None:
            raise TypeError(f"section {slug}'s plan data must be its spec's {getattr(declared, '__name__', None)}, "
                            f"not {type(extra).__name__}")
        return SectionPlan(slug=slug, number=self.numbers[slug], lesson=self.lesson.slug,
                           language=self.lesson.language, analysis=analysis, terms=self.lesson.terms, **fields)

    def choose(self, slug: str, params, show: Callable[[Analysis, object], Found | str], reasons: dict[str, str],
               idea: str) -> Choice[Found]:
        """The function section `slug` draws: the teacher's explicit one (refused when it cannot show the
        section's idea), else the section's `fallback` when the lesson file names it the lesson's material
        (`lesson_material`, and the lesson's function is the file's own), else the lesson's, else the
        section's `fallback` with a warning saying why (a spec that says why in a sentence of its own makes
        the warning that sentence: `warn`).
        `show(analysis, given)` gives what the section needs of a function or the reason it cannot (a key
        of `reasons`, whose values say it in words), `given` being the parameters that apply (the section's,
        or its fallback's); `idea` names the idea in messages ("show a plateau")."""
        lesson = self.lesson
        own = explicit(params, (lesson.function, lesson.domain))
        if own is not None:
            analysis = self.analysis(*own)
            found = show(analysis, params)
            if isinstance(found, str):
                raise SectionError(f"{where(*own)} cannot {idea}: {reasons[found]}; choose another function in "
                                   f"[sections.{slug}], or remove it to draw the lesson's")
            return Choice(analysis, found)
        material = getattr(params, "fallback", None)
        if material is not None and material.lesson_material and not lesson.function_given:
            analysis = self.analysis(material.function, material.domain)
            found = show(analysis, material)
            if isinstance(found, str):
                raise SectionError(f"the lesson's material {where(material.function, material.domain)} cannot "
                                   f"{idea}: {reasons[found]}; choose another function in "
                                   f"[sections.{slug}.fallback]")
            return Choice(analysis, found, material=True)
        analysis = self.main()
        found = show(analysis, params)
        if not isinstance(found, str):
            return Choice(analysis, found)
        if params.fallback is None:
            raise SectionError(f"{where(lesson.function, lesson.domain)} cannot {idea} ({reasons[found]}) and the "
                               f"section has no fallback function; choose another function or domain, or give "
                               f"[sections.{slug}.fallback] a function")
        fallback = params.fallback
        analysis = self.analysis(fallback.function, fallback.domain)
        substitute, found = found, show(analysis, fallback)
        if isinstance(found, str):
            raise SectionError(f"the fallback {where(fallback.function, fallback.domain)} cannot {idea}: "
                               f"{reasons[found]}; choose another function in [sections.{slug}.fallback]")
        self.warnings[slug] = (f"section {slug}: {where(lesson.function, lesson.domain)}: {reasons[substitute]}; "
                               f"the section draws its own function {fallback.function} instead")
        return Choice(analysis, found, substitute)
