"""`render.py batch`: plan every variant, render each distinct section once, assemble the lesson folders.

1. Every variant is planned here, as `render.py --function …` would plan it (a function the analysis refuses
   is that variant's failure; the others go on). Each section gets its content key (pipeline.keys).
2. A section whose lesson folder already holds it (same key, files intact) is up to date; one whose key the
   store holds (every file checked against its commit record) is taken from there; the others are section
   jobs, one per distinct key — the plateau section that every function without a plateau draws with the
   same sigmoid loss renders once. A damaged store entry is one of those, said in one line, and replaced.
3. The jobs run on the local pool or a Dask cluster (pipeline.batch.executors); each finished section goes
   into the store (pipeline.batch.store) at once, so a killed client loses nothing finished and the same command
   resumes; a lesson folder is assembled from the store as soon as all its sections are there, under its
   lock, section by section as `render.py` lands them (pipeline.render.landing).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from concurrent.futures import Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from mathcore.errors import LessonInputError
from sections import dependencies

from ..faults import fault_point
from ..keys import VERSIONED, package_versions, section_key
from ..lock import clean_leftovers, lesson_lock
from ..manifest import read_manifest
from ..render.landing import ManifestWriter, check_output_folder, land_section, staging_dir, up_to_date
from ..render.plan import Plan, RenderRequest, guarded_plan
from ..render.section import SectionOutput, manifest_voice, section_details
from ..voice import check_available, voice_identity
from .code_version import code_version
from .executors import DaskExecutor, LocalExecutor
from .file import Batch, BatchFileError, Variant
from .progress import BatchProgress
from .store import DamagedEntry, SectionStore, StoredSection, StoreError
from .task import SectionTask, client_faults

# a section's state in the batch's index
RENDERED, SHARED, FROM_STORE, UP_TO_DATE, FAILED = "rendered", "shared", "from_store", "up_to_date", "failed"


@dataclass(frozen=True)
class Overrides:
    """Options given on the command line, which override every variant's (and the batch file's defaults)."""

    quality: str | None = None
    voice: str | None = None
    language: str | None = None


@dataclass
class Lesson:
    """A variant as the batch handles it: its plan (None when planning refused it) and its sections' keys."""

    variant: Variant
    plan: Plan | None = None
    error: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)  # slug -> RENDERED, SHARED, …
    reasons: dict[str, str] = field(default_factory=dict)  # slug -> why it failed
    entries: dict[str, object] = field(default_factory=dict)  # slug -> SectionEntry in the lesson folder
    assembled: bool = False

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.error and all(s != FAILED for s in self.states.values())


@dataclass(frozen=True)
class BatchResult:
    batch: Batch
    lessons: tuple[Lesson, ...]
    where: str
    version: str
    rendered: int  # section jobs rendered by this run
    seconds: float


def request_for(variant: Variant, overrides: Overrides, out: str, jobs: int) -> RenderRequest:
    return RenderRequest(config=variant.config, function=variant.function, domain=variant.domain,
                         language=overrides.language or variant.language, sections=variant.sections,
                         quality=overrides.quality or variant.quality or "high", out=out, jobs=jobs,
                         voice=overrides.voice or variant.voice, name=variant.name,
                         surface=(None, None) if variant.surface is None else
                         (variant.surface.function, (*variant.surface.box[0], *variant.surface.box[1])))


def plan_lessons(batch: Batch, overrides: Overrides, out: str, jobs: int) -> list[Lesson]:
    """Every variant planned and keyed; two variants that would write one lesson folder refuse the batch."""
    lessons = []
    folders: dict[Path, int] = {}
    for variant in batch.variants:
        lesson = Lesson(variant)
        try:
            plan = guarded_plan(request_for(variant, overrides, out, jobs))
            check_available(plan.voice, plan.lesson.language)
        except LessonInputError as problem:
            lesson.error = str(problem)
            lessons.append(lesson)
            continue
        other = folders.setdefault(plan.out_dir, variant.number)
        if other != variant.number:
            raise BatchFileError(f"{batch.source}: entries {other} and {variant.number} would both render into "
                                 f"{plan.out_dir}/; give one of them its own name = \"…\"")
        lesson.plan = plan
        lesson.keys = {job.slug: section_key(job.plan, dependencies(job.slug), plan.request.quality,
                                             voice_identity(plan.voice, job.stem)) for job in plan.jobs}
        lessons.append(lesson)
    return lessons


@dataclass(frozen=True)
class Work:
    """What a run must do: the section jobs (one per distinct key), how many sections need nothing, and the
    store's damaged entries among the keys (key -> why), rendered again."""

    tasks: dict[str, SectionTask]
    ready: int
    damaged: dict[str, str]


def in_store(store: SectionStore, key: str, damaged: dict[str, str]) -> bool:
    """Whether the store holds the key intact; a damaged entry is noted in `damaged` (and counts as absent)."""
    try:
        return store.read(key) is not None
    except DamagedEntry as problem:
        damaged[key] = str(problem)
        return False


def tasks_to_render(lessons: list[Lesson], store: SectionStore, force: bool) -> Work:
    """The section jobs this run renders, one per distinct key, and how many sections need nothing."""
    version, faults = code_version(), client_faults()
    tasks: dict[str, SectionTask] = {}
    damaged: dict[str, str] = {}
    ready = 0
    for lesson in lessons:
        if lesson.plan is None:
            continue
        plan = lesson.plan
        manifest = _manifest(lesson)
        if lesson.error:
            continue
        for job in plan.jobs:
            key = lesson.keys[job.slug]
            if not force and manifest is not None and up_to_date(plan.out_dir, job.slug, key, manifest):
                lesson.states[job.slug] = UP_TO_DATE
                ready += 1
            elif key in tasks:
                lesson.states[job.slug] = SHARED
            elif not force and in_store(store, key, damaged):
                lesson.states[job.slug] = FROM_STORE
                ready += 1
            else:
                lesson.states[job.slug] = RENDERED
                details = section_details(job.plan, plan.request.quality, plan.lesson.language, plan.voice, key)
                tasks[key] = SectionTask(plan=job.plan.to_record(), quality=plan.request.quality,
                                         voice=str(plan.voice), details=details, key=key, code_version=version,
                                         label=job.stem, faults=faults)
    return Work(tasks, ready, damaged)


def _manifest(lesson: Lesson):
    try:
        return read_manifest(lesson.plan.out_dir)
    except LessonInputError as problem:
        lesson.error = str(problem)
        return None


def assemble(lesson: Lesson, store: SectionStore, versions: dict, failures: dict[str, str],
             unstored: dict[str, StoredSection] | None = None) -> None:
    """The lesson folder from the store (or, for a section the store could not take, from `unstored`): each
    section not up to date lands as `render.py` lands it; a section the store no longer has fails alone."""
    plan = lesson.plan
    lesson.assembled = True
    try:
        check_output_folder(plan.request.out, plan.out_dir)
        with lesson_lock(plan.out_dir):
            clean_leftovers(plan.out_dir)
            manifest = read_manifest(plan.out_dir)
            writer = ManifestWriter(plan.out_dir, plan.lesson.slug, plan.lesson.language, versions)
            for job in plan.jobs:
                key = lesson.keys[job.slug]
                entry = up_to_date(plan.out_dir, job.slug, key, manifest)
                if entry is not None:
                    lesson.entries[job.slug] = entry
                    continue
                if key in failures:
                    lesson.states[job.slug], lesson.reasons[job.slug] = FAILED, failures[key]
                    continue
                stored = (unstored or {}).get(key) or _stored(store, key)
                if isinstance(stored, str):
                    lesson.states[job.slug], lesson.reasons[job.slug] = FAILED, stored
                    continue
                entry = msgspec.structs.replace(stored.entry, voice=manifest_voice(plan.voice))
                with staging_dir(plan.out_dir, job.stem) as stage:
                    paths = []
                    for name, data in stored.files:
                        path = stage / name
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_bytes(data)
                        paths.append(path)
                    names = tuple(name for name, _ in stored.files)
                    land_section(SectionOutput(job.stem, tuple(paths), entry, names), writer)
                lesson.entries[job.slug] = entry
            writer.finish()  # the whole lesson's file once every section is there, and the pages
    except (LessonInputError, OSError) as problem:
        lesson.error = str(problem) if isinstance(problem, LessonInputError) else \
            f"cannot write the lesson folder ({problem.strerror or type(problem).__name__})"


def _stored(store: SectionStore, key: str) -> StoredSection | str:
    """The stored section, or why it cannot be had (damaged or gone since the run began: run it again)."""
    try:
        stored = store.read(key)
    except DamagedEntry as problem:
        return f"its store entry was damaged during the run ({problem}); run the batch again"
    return stored if stored is not None else "not in the store (removed during the run?); run the batch again"


def damage_line(key: str, why: str, stem: str, then: str = "rendering it again") -> str:
    return f"warning: the store's entry {key[:12]} ({stem}) is damaged: {why}; {then}"


def run_batch(batch: Batch, lessons: list[Lesson], store: SectionStore, executor: LocalExecutor | DaskExecutor,
              force: bool = False, progress: BatchProgress | None = None) -> BatchResult:
    started = time.monotonic()
    work = tasks_to_render(lessons, store, force)
    tasks, ready = work.tasks, work.ready
    for key, why in work.damaged.items():
        print(damage_line(key, why, tasks[key].label), file=sys.stderr, flush=True)
    slots: dict[str, list[tuple[Lesson, str]]] = defaultdict(list)
    planned = [lesson for lesson in lessons if lesson.plan is not None and not lesson.error]
    for lesson in planned:
        for slug, key in lesson.keys.items():
            slots[key].append((lesson, slug))
    total = sum(len(lesson.keys) for lesson in planned)
    progress = progress or BatchProgress(len(lessons), total, len(tasks))
    versions = package_versions(VERSIONED)
    for lesson in lessons:
        if lesson.plan is None or lesson.error:
            progress.lesson(lesson.variant.label, False, lesson.error, refused=True)
    progress.skipped(ready)
    failures: dict[str, str] = {}
    unstored: dict[str, StoredSection] = {}  # rendered, but the store could not take them: landed from here
    waiting = set(tasks)

    def assemble_ready() -> None:
        for lesson in lessons:
            if lesson.plan is not None and not lesson.error and not lesson.assembled \
                    and not (set(lesson.keys.values()) & waiting):
                assemble(lesson, store, versions, failures, unstored)
                progress.lesson(lesson.variant.label, lesson.ok, lesson_reason(lesson))

    submitted: dict[Future, str] = {}
    try:
        fault_point("batch-cluster")
        assemble_ready()
        for key, task in tasks.items():
            submitted[executor.submit(task)] = key
        for future in as_completed(submitted):
            key = submitted[future]
            label = f"{tasks[key].label} ({_users(slots[key])})"
            try:
                done = future.result()
            except Exception as problem:  # noqa: BLE001 - one section's failure is reported, not fatal
                failures[key] = _one_line(problem)
                progress.section(label, len(slots[key]), False, 0.0, failures[key])
            else:
                try:
                    store.put(key, done.section)
                except StoreError as problem:  # this entry's: its lessons still get the section
                    unstored[key] = done.section
                    print(f"warning: {tasks[key].label}: {problem}; its lessons get it from this run, the store "
                          "does not keep it", file=sys.stderr, flush=True)
                fault_point("batch-stored")
                progress.section(label, len(slots[key]), True, done.seconds)
            waiting.discard(key)
            assemble_ready()
    except BaseException:
        executor.close(cancel=True)
        raise
    executor.close()
    progress.finish()
    rendered = sum(1 for key in tasks if key not in failures)
    return BatchResult(batch, tuple(lessons), executor.where, code_version(), rendered, time.monotonic() - started)


def _users(pairs: list[tuple[Lesson, str]]) -> str:
    labels = list(dict.fromkeys(lesson.variant.label for lesson, _ in pairs))
    return labels[0] if len(labels) == 1 else f"{labels[0]} and {len(labels) - 1} more"


def lesson_reason(lesson: Lesson) -> str:
    if lesson.error:
        return lesson.error
    failed = [f"{slug}: {lesson.reasons.get(slug, '')}" for slug, state in lesson.states.items() if state == FAILED]
    return "; ".join(failed)


def _one_line(problem: BaseException) -> str:
    text = str(problem).strip().splitlines()
    name = type(problem).__name__
    if name == "KilledWorker":
        return "its Dask worker died every time it ran it (distributed.scheduler.allowed-failures)"
    return text[0] if text else name

