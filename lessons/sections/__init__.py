"""The lesson's table of contents: one spec per section, in order. Numbers, file stems, the scene registry
and the dependencies between sections are all derived from this list."""

from __future__ import annotations

from . import conclusion, critical_points, gradient_descent, minima_vs_maxima, plateaus
from .spec import LessonContext, SectionError, SectionSpec

SECTIONS: tuple[SectionSpec, ...] = (critical_points.SPEC, minima_vs_maxima.SPEC, plateaus.SPEC,
                                     gradient_descent.SPEC, conclusion.SPEC)
SLUGS = tuple(spec.slug for spec in SECTIONS)
NUMBERS = {spec.slug: number for number, spec in enumerate(SECTIONS, start=1)}
SCENES = {spec.slug: spec.scene for spec in SECTIONS}


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


__all__ = ["LessonContext", "NUMBERS", "plan_section", "SCENES", "SECTIONS", "SLUGS", "SectionError", "SectionSpec",
           "dependencies", "spec_of"]


def plan_section(lesson, slug: str):
    """The plan of one section of `lesson` (builds the plans it depends on too)."""
    return LessonContext(lesson).plan(slug)
