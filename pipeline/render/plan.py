"""What a render run will do: the lesson (with command-line overrides) and one job per chosen section.

Planning builds every chosen section's plan through mathcore (and the plans they read), so a bad
function, domain or parameter is reported before any rendering starts, and a section that must draw its
own function instead of the lesson's is known (and warned about) before anything renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lessons.config import ConfigError, LessonConfig, with_name, with_overrides, with_surface
from lessons.section_plan import SectionPlan
from mathcore.budget import guarded
from sections import ALL_SLUGS, context, load_lesson, spec_of

from ..voice import VoiceSpec, lesson_voice, parse_voice


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
    surface: tuple[str | None, tuple[float, float, float, float] | None] = (None, None)  # --surface, its box


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
    lesson = with_surface(with_overrides(lesson, request.function, request.domain, request.language), *request.surface)
    return with_name(lesson, request.name)


def make_plan(request: RenderRequest) -> Plan:
    lesson = load_request_lesson(request)
    planning = context(lesson)
    chosen = request.sections or planning.slugs
    for slug in chosen:
        if slug not in ALL_SLUGS:
            raise ConfigError(f"unknown section '{slug}': choose from {', '.join(ALL_SLUGS)}")
        missing = spec_of(slug).shown_when
        if slug not in planning.slugs:
            raise ConfigError(f"section {slug} is shown only when {missing}")
    plans = [planning.plan(slug) for slug in planning.slugs if slug in set(chosen)]
    warnings = tuple(text for slug, text in planning.warnings.items() if slug in set(chosen))
    voice = parse_voice(request.voice) if request.voice is not None else lesson_voice(lesson)
    return Plan(request=request, lesson=lesson, jobs=tuple(SectionJob(p) for p in plans), warnings=warnings,
                voice=voice)


def guarded_plan(request: RenderRequest) -> Plan:
    """The plan, under the guard against hangs (render, script and batch alike): it says the machine is too
    busy or the input too hard, never that the lesson is different."""
    with guarded("planning the lesson", "simplify the function or use fewer steps"):
        return make_plan(request)


def describe(plan: Plan) -> str:
    rows = [f"lesson {plan.lesson.slug} ({plan.lesson.language}), quality {plan.request.quality}, "
            f"voice {plan.voice}, output {plan.out_dir}/"]
    for job in plan.jobs:
        p = job.plan
        a, b = p.analysis.domain
        own = f"  (its own function: {p.substitute.replace('_', ' ')})" if p.substitute else ""
        drawn = (p.extra.described("en") if p.extra is not None else None) or \
            f"f(x) = {p.analysis.function.text}  on [{a:g}, {b:g}]"  # else what its data says it draws
        rows.append(f"  {p.number}. {p.slug:18} {drawn}  -> {p.stem}.mp4{own}")
    return "\n".join(rows)
