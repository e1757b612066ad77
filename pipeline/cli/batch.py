"""`render.py batch FILE`: many lessons at once, on the local pool or a Dask cluster (pipeline.batch.run).

Exit status: 0 when every lesson is ready, 1 when a variant was refused by the analysis or a section failed
(the others still render; batch.json says which), 2 for a batch file, option or scheduler that is wrong
(nothing renders).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..batch.executors import check_local_cluster, check_scheduler, executor_for
from ..batch.file import read_batch
from ..batch.index import write_index
from ..batch.run import Overrides, lesson_reason, plan_lessons, request_for, run_batch
from ..batch.store import SectionStore
from ..qualities import QUALITIES
from ..render.landing import check_output_folder, check_output_root
from ..render.pool import WorkerPool
from ..render.resources import capped_jobs, heaviest, machine
from ..render.run import check_work_folder
from .options import Parser, positive_count

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
STORE_FOLDER = ".store"  # the default store, inside --out


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="render.py batch", description="Render every variant of a batch file, each as its own lesson "
               "folder, with an index (batch.json, batch.html).")
    p.add_argument("file", metavar="FILE", help="the batch: TOML ([[variant]] tables) or CSV (function,start,end,…)")
    p.add_argument("--quality", choices=list(QUALITIES), help="every variant at this quality (overrides the file)")
    p.add_argument("--voice", metavar="VOICE", help="every variant with this voice (overrides the file; see "
                   "`render.py --help`)")
    p.add_argument("--lang", choices=["vi", "en"], help="every variant in this language (overrides the file)")
    p.add_argument("--out", default="out", metavar="DIR", help="output root: one folder per lesson, and the index "
                   "(default: out/)")
    p.add_argument("--store", metavar="URL", help="finished sections by content key: a folder or an fsspec URL "
                   f"(file://, memory://, s3://…; default: DIR/{STORE_FOLDER})")
    p.add_argument("--scheduler", metavar="ADDRESS", default=os.environ.get(SCHEDULER_ENV) or None,
                   help="run the section jobs on this Dask scheduler (tcp://host:8786), or local:N for a "
                   f"LocalCluster of N worker processes (default: ${SCHEDULER_ENV}, else the local pool)")
    p.add_argument("--jobs", type=positive_count, help="local pool: sections rendered at once (default: the "
                   "machine's cores, as many as its memory holds at the batch's highest quality)")
    p.add_argument("--force", action="store_true", help="render every section again (the store's too)")
    p.add_argument("--trust-voice-command", metavar="PROGRAM", help="let the batch file choose a command: voice "
                   "that runs PROGRAM (a batch file is data: without this, command: voices come only from --voice)")
    p.add_argument("--dry-run", action="store_true", help="plan every variant and say what would render; "
                   "render and write nothing")
    return p


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    check_scheduler(args.scheduler)
    check_output_root(args.out)
    store = SectionStore(args.store or str(Path(args.out) / STORE_FOLDER))
    batch = read_batch(args.file, trusted_engine=args.trust_voice_command)
    overrides = Overrides(quality=args.quality, voice=args.voice, language=args.lang)
    found = machine()
    quality = heaviest(request_for(variant, overrides, args.out, 1).quality for variant in batch.variants)
    check_local_cluster(args.scheduler, quality, found)  # before anything starts or is written
    jobs, warning = capped_jobs(args.jobs, found, quality)
    if warning and args.scheduler is None:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.dry_run:
        check_output_folder(args.out, Path(args.out))
    local = args.scheduler is None and not args.dry_run
    if local:
        check_work_folder()
    pool = WorkerPool.start() if local else None  # warms up while the variants are planned
    try:
        lessons = plan_lessons(batch, overrides, args.out, jobs)
        if args.dry_run:
            return dry_run(lessons, store, args.force)
        for lesson in lessons:
            for warning in lesson.plan.warnings if lesson.plan is not None else ():
                print(f"warning: entry {lesson.variant.number}: {warning}", file=sys.stderr)
        store.prepare()
        executor = executor_for(args.scheduler, jobs, pool)
        pool = None  # the executor owns it now
        result = run_batch(batch, lessons, store, executor, force=args.force)
    finally:
        if pool is not None:
            pool.stop()
    data, page = write_index(result, Path(args.out))
    failed = [lesson for lesson in result.lessons if not lesson.ok]
    sections = f"{result.rendered} section{'' if result.rendered == 1 else 's'}"
    print(f"{len(result.lessons) - len(failed)} of {len(result.lessons)} lessons ready, {sections} rendered in "
          f"{result.seconds:.0f} s on the {result.where}; index: {page} ({data.name})")
    for lesson in failed:
        print(f"error: entry {lesson.variant.number} ({lesson.variant.label}): {lesson_reason(lesson)}",
              file=sys.stderr)
    return 1 if failed else 0


def dry_run(lessons, store: SectionStore, force: bool) -> int:
    from ..batch.run import damage_line, tasks_to_render

    work = tasks_to_render(lessons, store, force)
    tasks, ready = work.tasks, work.ready
    for key, why in work.damaged.items():
        print(damage_line(key, why, tasks[key].label, "it would be rendered again"), file=sys.stderr)
    total = sum(len(lesson.keys) for lesson in lessons)
    for lesson in lessons:
        v = lesson.variant
        where = lesson.plan.out_dir if lesson.plan is not None else "refused: " + lesson.error
        print(f"  {v.number}. {v.label}: {where}")
        for slug, state in lesson.states.items():
            print(f"       {slug:18} {'to render' if state == 'rendered' else state.replace('_', ' ')}")
    print(f"{total} sections: {len(tasks)} to render, {total - len(tasks) - ready} shared, {ready} up to date or "
          "in the store")
    print("dry run: nothing rendered, nothing written")
    return 1 if any(lesson.plan is None for lesson in lessons) else 0

