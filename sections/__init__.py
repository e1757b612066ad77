"""The lesson's table of contents: its sections in order, one folder each.

Everything else is derived from this list: numbers (for display), file stems, the lesson file's section
tables, the scene of each section, and which sections' plans each plan reads. Identity is the slug.
Adding a section is one folder (`spec.py`, `text.py`, `scene.py`, `__init__.py` exporting `SECTION`) and
one line here. A section whose spec says when it is `shown` (saddle_points: when the lesson has a surface) is in
ALL_SLUGS but not in SLUGS (the sections every lesson shows); a lesson's own are `context(lesson).slugs`.
Importing this package never imports manim: a section's scene is imported by `scene_class`,
in the process that draws it.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from lessons import config
from lessons.config import LessonConfig
from lessons.section_plan import SectionPlan

from . import conclusion, critical_points, gradient_descent, minima_vs_maxima, plateaus, saddle_points
from .planning import LessonContext, SectionError, SectionSpec

SECTIONS: tuple[SectionSpec, ...] = (critical_points.SECTION, minima_vs_maxima.SECTION, plateaus.SECTION,
                                     gradient_descent.SECTION, saddle_points.SECTION, conclusion.SECTION)
ALL_SLUGS = tuple(spec.slug for spec in SECTIONS)  # every section any lesson may show (the CLI, the manifest)
SLUGS = tuple(spec.slug for spec in SECTIONS if spec.shown is None)  # the sections every lesson shows, in order
NUMBERS = {slug: number for number, slug in enumerate(SLUGS, start=1)}  # their numbers in such a lesson
STEMS = {slug: f"{number:02d}_{slug}" for slug, number in NUMBERS.items()}

__all__ = ["ALL_SLUGS", "NUMBERS", "SECTIONS", "SLUGS", "STEMS", "LessonContext", "SectionError", "SectionSpec",
           "context", "dependencies", "load_lesson", "parse_lesson", "plan_from_record", "plan_section", "scene_class",
           "spec_of", "title"]


def spec_of(slug: str) -> SectionSpec:
    for spec in SECTIONS:
        if spec.slug == slug:
            return spec
    raise KeyError(slug)


def dependencies(slug: str) -> tuple[str, ...]:
    """Every section whose plan this section's plan reads, directly or not."""
    found: list[str] = []
    for other in spec_of(slug).depends:
        for dep in (*dependencies(other), other):
            if dep not in found:
                found.append(dep)
    return tuple(found)


def title(slug: str, language: str, number: int | None = None) -> str:
    """The section's heading; `number` is its number in its lesson (a title may say it, `{number}`: the
    conclusion's is 6 in a lesson with a surface). Without it, its number among the sections every lesson shows."""
    number = number if number is not None else NUMBERS.get(slug, ALL_SLUGS.index(slug) + 1)
    return spec_of(slug).text.text(f"title.{slug}", language, number=number)


def load_lesson(path: str | Path | None = None) -> LessonConfig:
    """The lesson in `path` (or the embedded default lesson), its section tables typed by this list."""
    return config.load_lesson(path, tuple((spec.slug, spec.params) for spec in SECTIONS))


def parse_lesson(data: dict, source: str) -> LessonConfig:
    """A lesson from a parsed TOML table (as `load_lesson` reads it from a file)."""
    return config.parse_lesson(data, source, tuple((spec.slug, spec.params) for spec in SECTIONS))


@lru_cache(maxsize=32)
def context(lesson: LessonConfig) -> LessonContext:
    """The planning context of `lesson`: each section's plan is made once per process and lesson (plans and
    analyses are immutable, so `--list`, the keys, the manifest and the tests share them)."""
    return LessonContext(lesson, SECTIONS)


def plan_section(lesson: LessonConfig, slug: str) -> SectionPlan:
    """The plan of one section of `lesson` (builds the plans it depends on too)."""
    return context(lesson).plan(slug)


def plan_from_record(record: dict) -> SectionPlan:
    """A plan from its record (SectionPlan.to_record), its section's own data typed by the section's spec."""
    return SectionPlan.from_record(record, spec_of(record["slug"]).extra)


def scene_class(slug: str):
    """The Scene class that draws section `slug` (imports manim: only where the section is drawn)."""
    module = importlib.import_module(f"sections.{slug}.scene")
    found = [value for value in vars(module).values() if isinstance(value, type)
             and value.__module__ == module.__name__ and getattr(value, "slug", None) == slug]
    if len(found) != 1:
        raise LookupError(f"sections/{slug}/scene.py must define exactly one scene with slug {slug!r}, "
                          f"found {len(found)}")
    return found[0]
