"""Rendering a planned lesson: its sections drawn in worker processes (pipeline.render.worker), each with a
private work folder, up to `--jobs` at once; each finished section lands in out/<lesson>/ as soon as it is
done (pipeline.render.landing), then the whole lesson's file. A failing section does not stop the others:
its outcome says why. Ctrl-C stops the workers and leaves out/ as it was.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from mathcore.errors import LessonInputError
from sections import dependencies

from ..faults import fault_point
from ..keys import VERSIONED, package_versions, section_key
from ..lock import WORK_PREFIX, work_folder_problem
from ..manifest import SectionEntry, read_manifest
from ..voice import voice_identity
from .landing import ManifestWriter, land_section, staging_dir, up_to_date
from .plan import Plan, SectionJob, describe
from .pool import WorkerPool
from .resources import DrawingBudget, Machine, machine
from .section import RunWorker, SectionFailed, draw, finish, section_details, subprocess_runner


class WorkFolderError(LessonInputError):
    """$TMPDIR cannot hold a section's work folder (full, read-only, missing): found before rendering."""


@dataclass(frozen=True)
class Outcome:
    job: SectionJob
    ok: bool
    seconds: float
    message: str = ""
    entry: SectionEntry | None = None
    skipped: bool = False


@dataclass
class RunState:
    """What the section threads share: the worker processes (to stop them), the manifest writer (one
    section lands at a time) and whether the run is stopping (nothing lands after Ctrl-C)."""

    writer: ManifestWriter
    budget: DrawingBudget  # the drawing processes the cores and the memory hold (pipeline.render.resources)
    pool: WorkerPool | None = None  # workers forked from a warm process, else started as subprocesses
    processes: list = field(default_factory=list)
    landing: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)

    def runner(self) -> RunWorker:
        """How this run starts a section's worker: forked from the warm pool, else a new interpreter."""
        if self.pool is not None:
            return self.pool.runner()
        return subprocess_runner(started=self.processes.append)


def work_folder(slug: str) -> tempfile.TemporaryDirectory:
    """A section's private folder `$TMPDIR/lesson-video-<pid>-<slug>-…` (the pid lets the next run clean
    it when this one is killed)."""
    fault_point("workdir")
    return tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-{slug}-")


def check_work_folder() -> None:
    """Before anything renders: a section's work folder can be made and written in $TMPDIR, so a full or
    unwritable one is one line instead of every section failing after the planning."""
    try:
        with work_folder("check") as folder:
            (Path(folder) / "job.json").write_bytes(b"{}")
    except OSError as problem:
        raise WorkFolderError(work_folder_problem(problem)) from None


def render_one(plan: Plan, job: SectionJob, state: RunState, report=lambda text: None, key: str = "") -> Outcome:
    started = time.monotonic()
    report(f"  rendering {job.stem} ...")
    try:
        work = work_folder(job.slug)
    except OSError as problem:
        return Outcome(job, False, time.monotonic() - started, work_folder_problem(problem))
    request = plan.request
    with work as workdir:
        processes = state.budget.take(request.quality)
        try:
            result = draw(job.plan, Path(workdir), request.quality, plan.voice, processes, state.runner())
        except SectionFailed as failed:
            return Outcome(job, False, time.monotonic() - started, str(failed))
        finally:
            state.budget.give_back(processes, request.quality)
        for warning in result.voice_warnings:
            print(f"warning: section {job.slug}: {warning}", file=sys.stderr, flush=True)
        details = section_details(job.plan, request.quality, plan.lesson.language, plan.voice, key)
        try:
            with staging_dir(plan.out_dir, job.stem) as stage:
                output = finish(job.plan, result, stage, details)
                fault_point("staged")
                with state.landing:
                    if state.stopping.is_set():
                        return Outcome(job, False, time.monotonic() - started, "interrupted")
                    land_section(output, state.writer)
                    fault_point("landed")
        except Exception as problem:  # noqa: BLE001 - one section's failure is reported, not fatal
            return Outcome(job, False, time.monotonic() - started, f"post-processing: {problem}")
        return Outcome(job, True, time.monotonic() - started, entry=output.entry)


def render_all(plan: Plan, force: bool = False, stream=None, pool: WorkerPool | None = None,
               found: Machine | None = None) -> tuple[list[Outcome], str | None]:
    """Render what changed; each finished section lands (files, manifest, embed.md, index.html) at once, then
    the whole lesson's file is made when the folder holds every section. The caller holds the lesson folder's
    lock; `pool` forks the workers (else each is a new interpreter); `found` is the machine whose cores and
    memory the drawing processes share (else probed now). The outcomes, and what went wrong making the whole
    lesson's file (None: nothing)."""
    stream = stream or sys.stdout
    outcomes: list[Outcome] = []
    total = len(plan.jobs)
    print(describe(plan), file=stream)
    manifest = read_manifest(plan.out_dir)
    for warning in plan.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    keys = {job.slug: section_key(job.plan, dependencies(job.slug), plan.request.quality,
                                  voice_identity(plan.voice, job.stem)) for job in plan.jobs}
    todo = []
    for job in plan.jobs:
        entry = None if force else up_to_date(plan.out_dir, job.slug, keys[job.slug], manifest)
        if entry is None:
            todo.append(job)
        else:
            outcomes.append(Outcome(job, True, 0.0, entry=entry, skipped=True))
            print(f"  [{len(outcomes)}/{total}] {job.stem}: unchanged, skipped", file=stream, flush=True)
    jobs = min(plan.request.jobs, max(len(todo), 1))
    budget = DrawingBudget(found or machine(), jobs, waiting=len(todo))
    state = RunState(ManifestWriter(plan.out_dir, plan.lesson.slug, plan.lesson.language,
                                    package_versions(VERSIONED)), budget, pool=pool)
    fault_point("planned")
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        futures = {}

        def report(text: str) -> None:
            print(text, file=stream, flush=True)
        for job in todo:
            futures[pool.submit(render_one, plan, job, state, report, keys[job.slug])] = job
        for future in as_completed(futures):
            outcome = section_outcome(future, futures[future])
            outcomes.append(outcome)
            state_text = "done" if outcome.ok else "FAILED"
            extra = (f"{outcome.entry.duration:.1f} s of video" if outcome.ok else outcome.message)
            print(f"  [{len(outcomes)}/{total}] {outcome.job.stem}: {state_text} in {outcome.seconds:.1f} s "
                  f"({extra})", file=stream, flush=True)
    except KeyboardInterrupt:
        state.stopping.set()
        if state.pool is not None:
            state.pool.stop()
        for process in state.processes:
            if process.poll() is None:
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    problem = state.writer.finish()  # also when nothing landed: the page code may have changed (or a page is gone)
    return sorted(outcomes, key=lambda o: o.job.number), problem


def section_outcome(future, job: SectionJob) -> Outcome:
    """A section thread's outcome; a system error it did not expect (a full disk writing its job file, no
    process left to start its worker) fails that section with the reason, not the whole run."""
    try:
        return future.result()
    except OSError as problem:
        where = f": {problem.filename}" if problem.filename else ""
        return Outcome(job, False, 0.0, f"{problem.strerror or type(problem).__name__}{where}")


