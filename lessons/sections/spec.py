"""What a section is (a spec) and what its plan can read (the lesson context, shared by all sections)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from mathcore import Analysis, LessonInputError, analyze_bounded

from ..params import SectionParams
from ..section_plan import SectionPlan

if TYPE_CHECKING:
    from ..config import LessonConfig

MAX_SHOWN_POINTS = 9  # more critical points than this do not fit legibly on one graph


class SectionError(LessonInputError):
    """The function is valid but cannot show what the section is about."""


@dataclass(frozen=True)
class SectionSpec:
    slug: str
    params: type[SectionParams]
    plan: Callable[["LessonContext", SectionParams], SectionPlan]
    scene: str  # "module:Class", named as a string so the orchestrator need not import manim
    depends: tuple[str, ...] = ()  # sections whose plans this one reads


def where(function: str, domain: tuple[float, float]) -> str:
    return f"{function} on [{domain[0]:g}, {domain[1]:g}]"


class LessonContext:
    """The lesson being planned: its main function's analysis and every section's plan, each built once."""

    def __init__(self, lesson: "LessonConfig") -> None:
        self.lesson = lesson
        self._analyses: dict[tuple[str, tuple[float, float]], Analysis] = {}
        self._plans: dict[str, SectionPlan] = {}
        self.warnings: dict[str, str] = {}

    def analysis(self, function: str, domain: tuple[float, float]) -> Analysis:
        key = (function, tuple(domain))
        if key not in self._analyses:
            self._analyses[key] = analyze_bounded(function, domain[0], domain[1])
        return self._analyses[key]

    def main(self) -> Analysis:
        """The lesson's function; sections 1 and 2 are about its critical points, so it must have some."""
        lesson = self.lesson
        analysis = self.analysis(lesson.function, lesson.domain)
        count = len(analysis.critical_points)
        if count == 0:
            raise SectionError(f"{where(lesson.function, lesson.domain)} has no critical point: the lesson is "
                               "about critical points; choose another function or domain")
        if count > MAX_SHOWN_POINTS:
            raise SectionError(f"{where(lesson.function, lesson.domain)} has {count} critical points, too many "
                               f"to show legibly (at most {MAX_SHOWN_POINTS}); narrow the domain")
        return analysis

    def plan(self, slug: str) -> SectionPlan:
        from . import NUMBERS, spec_of

        if slug not in self._plans:
            spec = spec_of(slug)
            try:
                self._plans[slug] = spec.plan(self, self.lesson.params_of(slug))
            except LessonInputError as problem:
                raise type(problem)(f"section {slug}: {problem}") from None
            assert self._plans[slug].number == NUMBERS[slug]
        return self._plans[slug]

    def base(self, slug: str, analysis: Analysis, **fields) -> SectionPlan:
        from . import NUMBERS

        return SectionPlan(slug=slug, number=NUMBERS[slug], lesson=self.lesson.slug,
                           language=self.lesson.language, analysis=analysis, **fields)

    def substitute(self, slug: str, reason: str, material: str) -> None:
        lesson = self.lesson
        self.warnings[slug] = (f"section {slug}: {where(lesson.function, lesson.domain)}: {reason}; the section "
                               f"draws {material} instead")
