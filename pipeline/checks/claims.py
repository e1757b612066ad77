"""The claims check over many functions: plan every section of a lesson on each (no drawing), and check
every claim its sentences make by the second method (sections.planning.false_claims, mathcore.verify).
A surface f(x, y) is checked the same way through the one section that draws it, `saddle_points`, planned
as a render plans it: the default lesson given that surface.

Functions are checked in worker processes (one per core by default), each function alone, so one slow or
failing function neither stalls nor stops the others; what comes back is plain data. The order of the
results is the order of the functions, whatever the schedule.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lessons.config import with_overrides, with_surface
from mathcore import LessonInputError
from mathcore.generate import Generated, GeneratedSurface
from mathcore.verify import check
from sections import SECTIONS, LessonContext, load_lesson
from sections.planning import claims_of

EXPLORE_SAMPLE = 12  # runs of each explorable tab's grid whose sentences are checked, spread over the grid


@dataclass(frozen=True)
class FalseClaimLine:
    section: str
    statement: str
    claim: str
    found: str


@dataclass(frozen=True)
class Checked:
    """One function or surface: how many claims were checked, the false ones, or why planning refused it."""

    case: Generated | GeneratedSurface
    claims: int = 0
    false: tuple[FalseClaimLine, ...] = ()
    refused: str | None = None


def check_case(case: Generated) -> Checked:
    """Plan every section of the default lesson on `case` (in Vietnamese) and check every claim."""
    lesson = with_overrides(load_lesson(), case.function, case.domain, None)
    planning = LessonContext(lesson, SECTIONS, strict=False)
    return _checked(case, planning, planning.slugs)


SURFACE_SECTIONS = ("saddle_points",)  # the sections that draw the lesson's surface (the others draw its f(x))


def check_surface_case(case: GeneratedSurface) -> Checked:
    """Plan the sections that draw a surface, for the default lesson given `case` as its [surface] (in
    Vietnamese), and check every claim they make."""
    (a, b), (c, d) = case.box
    lesson = with_surface(load_lesson(), case.function, (a, b, c, d))
    planning = LessonContext(lesson, SECTIONS, strict=False)
    return _checked(case, planning, tuple(slug for slug in planning.slugs if slug in SURFACE_SECTIONS))


def _checked(case: Generated | GeneratedSurface, planning: LessonContext, slugs: tuple[str, ...]) -> Checked:
    """Plan `slugs` (or the first refusal), then every claim of their plans and of a sample of their explorable
    tabs' runs, checked by the second method."""
    try:
        for slug in slugs:
            planning.plan(slug)
    except LessonInputError as problem:
        return Checked(case, refused=str(problem).splitlines()[0])
    count = sum(len(claims_of(planning.plan(slug))) for slug in slugs)
    false = [FalseClaimLine(f.slug, f.statement, f.claim.describe(), f.found)
             for slug in slugs for f in planning.findings[slug]]
    for slug in slugs:
        for tab in planning.plan(slug).explore:
            made = tab.sample_claims(EXPLORE_SAMPLE)
            count += len(made)
            false += [FalseClaimLine(slug, f"explore.{tab.kind}", claim.describe(), found)
                      for claim in made if (found := check(claim)) is not None]
    return Checked(case, count, tuple(false))


def _safe(case: Generated | GeneratedSurface) -> Checked:
    """check_case, with a failure of the code itself reported as a finding (never a lost function)."""
    try:
        return check_surface_case(case) if isinstance(case, GeneratedSurface) else check_case(case)
    except Exception as failure:  # noqa: BLE001 - a crash on one function is a result to report, not a stop
        return Checked(case, false=(FalseClaimLine("-", "-", "the check itself", f"{type(failure).__name__}: "
                                                                                f"{failure}"),))


def check_all(cases: list[Generated | GeneratedSurface], jobs: int,
              progress: Callable[[int, Checked], None]) -> Iterator[Checked]:
    """Every case checked, in order, `jobs` at a time (1: in this process)."""
    if jobs <= 1:
        for i, case in enumerate(cases):
            result = _safe(case)
            progress(i, result)
            yield result
        return
    with multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn").Pool(jobs) as pool:
        for i, result in enumerate(pool.imap(_safe, cases, chunksize=1)):
            progress(i, result)
            yield result
