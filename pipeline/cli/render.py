"""`render.py` without a sub-command: render lesson sections to web-ready MP4s in out/<lesson>/ (the work:
pipeline.render.run). Exit status 1 when a section failed (the summary says which and why)."""

from __future__ import annotations

import argparse
import sys

from sections import ALL_SLUGS as SECTION_SLUGS

from ..lock import clean_leftovers, lesson_lock
from ..qualities import QUALITIES
from ..render.landing import check_output_folder
from ..render.plan import RenderRequest, describe, guarded_plan
from ..render.pool import WorkerPool
from ..render.resources import capped_jobs, machine
from ..render.run import check_work_folder, render_all
from ..voice import check_available
from .options import Parser, add_lesson_options, add_surface_options, domain_of, positive_count, sections_of, surface_of


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="render.py", description="Render the lesson's sections to MP4 (one per section).")
    p.add_argument("--quality", choices=list(QUALITIES), default="high",
                   help="low 480p15, medium 720p30, high 1080p60 (default), 4k 2160p60; tiny 256x144 for tests")
    add_lesson_options(p, sections="render only this section (repeatable): " + ", ".join(SECTION_SLUGS))
    add_surface_options(p)
    p.add_argument("--voice", metavar="VOICE", help="narration: espeak (default: espeak-ng, offline), none "
                   "(silent clips), recorded:DIR (the teacher's recordings DIR/<stem>/<cue id>.wav, see `render.py "
                   "script`), piper:MODEL (a Piper neural voice, MODEL.onnx with MODEL.onnx.json beside it; needs "
                   "piper-tts), or 'command:TEMPLATE' (any local engine: text on stdin, writes the WAV {out}; "
                   "placeholders {out} {lang} {id} {text})")
    p.add_argument("--out", default="out", metavar="DIR", help="output root (default: out/)")
    p.add_argument("--name", metavar="NAME", help="the lesson folder's name, out/NAME/ (default: the lesson's, "
                   "or out/<lesson>--<function>-<hash>/ with --function)")
    p.add_argument("--jobs", type=positive_count, help="sections rendered at once (1 or more; default: the "
                   "machine's cores, as many as its memory holds at the quality)")
    p.add_argument("--force", action="store_true", help="re-render sections even when nothing changed")
    p.add_argument("--list", action="store_true", help="list the sections and what they would render")
    p.add_argument("--dry-run", action="store_true", help="show the plan; render and write nothing")
    return p


def request_from(args: argparse.Namespace, jobs: int) -> RenderRequest:
    return RenderRequest(config=args.config, function=args.function, domain=domain_of(args), language=args.lang,
                         sections=sections_of(args), quality=args.quality, out=args.out, jobs=jobs,
                         voice=args.voice, name=args.name, surface=surface_of(args))


def main(argv: list[str]) -> int:
    """`render.py [options]`: render the lesson's sections."""
    args = build_parser().parse_args(argv)
    if not (args.list or args.dry_run):
        check_work_folder()
    pool = None if args.list or args.dry_run else WorkerPool.start()  # warms up while the lesson is planned
    try:
        return render_planned(args, pool)
    finally:
        if pool is not None:
            pool.stop()


def render_planned(args: argparse.Namespace, pool: WorkerPool | None) -> int:
    found = machine()
    jobs, warning = capped_jobs(args.jobs, found, args.quality)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    plan = guarded_plan(request_from(args, jobs))
    if args.list or args.dry_run:
        print(describe(plan))
        for warning in plan.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if args.dry_run:
            print("dry run: nothing rendered, nothing written")
        return 0
    check_available(plan.voice, plan.lesson.language)
    check_output_folder(plan.request.out, plan.out_dir)
    with lesson_lock(plan.out_dir):
        clean_leftovers(plan.out_dir)
        outcomes, problem = render_all(plan, force=args.force, pool=pool, found=found)
    failed = [o for o in outcomes if not o.ok]
    skipped = [o for o in outcomes if o.skipped]
    rendered = len(outcomes) - len(failed) - len(skipped)
    if rendered == 0 and not failed:
        print(f"nothing to render: all {len(skipped)} sections are up to date (use --force to re-render)")
    else:
        print(f"{rendered} rendered, {len(skipped)} unchanged, {len(failed)} failed; "
              f"manifest: {plan.out_dir / 'manifest.json'}")
    for outcome in failed:
        print(f"error: section {outcome.job.slug} failed: {outcome.message}", file=sys.stderr)
    return 1 if failed or problem else 0
