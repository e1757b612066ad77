"""What a render run will do: the lesson (with command-line overrides) and one job per chosen section.

Planning builds every chosen section's data through mathcore, so a bad function, domain or parameter is
reported before any rendering starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lessons.config import ConfigError, LessonConfig, SectionConfig, load_lesson, with_overrides
from lessons.data import section_data
from scenes.registry import SCENES


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


@dataclass(frozen=True)
class SectionJob:
    section: SectionConfig
    lesson: str

    @property
    def slug(self) -> str:
        return self.section.slug


@dataclass(frozen=True)
class Plan:
    request: RenderRequest
    lesson: LessonConfig
    jobs: tuple[SectionJob, ...]

    @property
    def out_dir(self) -> Path:
        return Path(self.request.out) / self.lesson.slug


def load_request_lesson(request: RenderRequest) -> LessonConfig:
    lesson = load_lesson(request.config)
    return with_overrides(lesson, request.function, request.domain, request.language)


def make_plan(request: RenderRequest) -> Plan:
    lesson = load_request_lesson(request)
    chosen = request.sections or tuple(s.slug for s in lesson.sections if s.slug in SCENES)
    for slug in chosen:
        lesson.section(slug)  # unknown slugs fail here
        if slug not in SCENES:
            raise ConfigError(f"section {slug} has no scene yet; available: {', '.join(SCENES)}")
    ordered = [s for s in lesson.sections if s.slug in set(chosen)]
    for section in ordered:
        section_data(lesson, section.slug)  # validates the function, domain and parameters of the section
    return Plan(request=request, lesson=lesson, jobs=tuple(SectionJob(s, lesson.slug) for s in ordered))
