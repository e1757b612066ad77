"""What a render run will do: the lesson (with command-line overrides) and one job per chosen section.

Planning builds every chosen section's plan through mathcore (and the plans they read), so a bad
function, domain or parameter is reported before any rendering starts, and a section that must draw its
own function instead of the lesson's is known (and warned about) before anything renders.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from lessons.config import ConfigError, LessonConfig, with_name, with_overrides
from lessons.section_plan import SectionPlan
from mathcore.budget import BudgetExceeded, time_limit
from mathcore.errors import LessonInputError
from sections import SLUGS, context, load_lesson

from .voice import VoiceSpec, lesson_voice, parse_voice

PLAN_BUDGET_S = 60.0  # every analysis has its own 2 s watchdog; this bounds the runs the plans check too
PLAN_BUDGET_ENV = "LESSON_VIDEO_PLAN_BUDGET"  # seconds, instead of PLAN_BUDGET_S (tests set a tiny one)


class PlanTooSlow(LessonInputError):
    """Planning (analyses and the descent runs each section checks) exceeded its time budget."""


@dataclass(frozen=True)
class RenderRequest:
    config: str | None = None
    function: str | None = None
    domain: tuple[float, float] | None = None
    language: str | None = None
    sections: tuple[str, ...] = ()
    quality: str = "high"
    out: str = "out"
    jobs: int = 1
    voice: str | None = None  # --voice; None: the lesson file's voice, else espeak
    name: str | None = None  # --name: the lesson folder's name instead of the lesson's (or its function's)


@dataclass(frozen=True)
class SectionJob:
    plan: SectionPlan

    @property
    def slug(self) -> str:
        return self.plan.slug

    @property
    def stem(self) -> str:
        return self.plan.stem

    @property
    def number(self) -> int:
        return self.plan.number


@dataclass(frozen=True)
class Plan:
    request: RenderRequest
    lesson: LessonConfig
    jobs: tuple[SectionJob, ...]
    warnings: tuple[str, ...] = ()
    voice: VoiceSpec = VoiceSpec("espeak")

    @property
    def out_dir(self) -> Path:
        return Path(self.request.out) / self.lesson.slug


def load_request_lesson(request: RenderRequest) -> LessonConfig:
    lesson = load_lesson(request.config)
    return with_name(with_overrides(lesson, request.function, request.domain, request.language), request.name)


def make_plan(request: RenderRequest) -> Plan:
    lesson = load_request_lesson(request)
    chosen = request.sections or SLUGS
    for slug in chosen:
        if slug not in SLUGS:
            raise ConfigError(f"unknown section '{slug}': choose from {', '.join(SLUGS)}")
    planning = context(lesson)
    plans = [planning.plan(slug) for slug in SLUGS if slug in set(chosen)]
    warnings = tuple(text for slug, text in planning.warnings.items() if slug in set(chosen))
    voice = parse_voice(request.voice) if request.voice is not None else lesson_voice(lesson)
    return Plan(request=request, lesson=lesson, jobs=tuple(SectionJob(p) for p in plans), warnings=warnings,
                voice=voice)


def plan_budget() -> float:
    text = os.environ.get(PLAN_BUDGET_ENV, "").strip()
    if not text:
        return PLAN_BUDGET_S
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise LessonInputError(f"{PLAN_BUDGET_ENV}={text!r}: the planning budget must be a number of seconds above 0")
    return seconds


def plan_within_budget(request: RenderRequest) -> Plan:
    """The plan, or PlanTooSlow once planning took longer than its budget (render and script alike)."""
    budget = plan_budget()
    ours: list[object] = []
    try:
        with time_limit(budget) as token:
            ours.append(token)
            return make_plan(request)
    except BudgetExceeded as exceeded:
        if ours and not (exceeded.args and exceeded.args[0] is ours[0]):
            raise  # an outer budget's (a tiny budget may fire before its block is entered: then it is ours)
        raise PlanTooSlow(f"planning the lesson took more than {budget:g} s; use fewer steps or simpler "
                          "functions") from None
