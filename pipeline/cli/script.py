"""`render.py script [--lang vi|en] [--out DIR] [lesson options]`: the narration script to record, as
markdown and CSV, with one `<stem>/<cue id>.txt` per cue (record `<cue id>.wav` beside it and render with
`--voice recorded:DIR`)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..render.plan import RenderRequest, guarded_plan
from ..voice.script import check_script_folder, write_script
from .options import Parser, UsageError, add_lesson_options, domain_of, sections_of


def parser() -> Parser:
    p = Parser(prog="render.py script", description="Write the narration script (per section and cue: its "
               "stable id, the text to say, the synthetic voice's length) as markdown and CSV, with one "
               "<stem>/<cue id>.txt per cue: record <stem>/<cue id>.wav beside it and render with "
               "--voice recorded:DIR.")
    add_lesson_options(p, language="language of the narration (default: the lesson's)",
                       sections="only this section (repeatable)", function="the lesson's function")
    p.add_argument("--out", metavar="DIR", help="the recording folder, one per language (default: "
                   "recordings/<lesson>/<lang>/)")
    return p


def main(argv: list[str], warn=lambda line: print(line, file=sys.stderr)) -> int:
    args = parser().parse_args(argv)
    if args.out is not None and not args.out.strip():
        raise UsageError("--out must name a folder (it is empty)")
    plan = guarded_plan(RenderRequest(config=args.config, function=args.function, domain=domain_of(args),
                                            language=args.lang, sections=sections_of(args)))
    language = plan.lesson.language
    out = Path(args.out) if args.out else Path("recordings") / plan.lesson.slug / language
    check_script_folder(out, language, default=args.out is None)
    markdown, table, warnings = write_script([job.plan for job in plan.jobs], plan.lesson.slug, language, out)
    for warning in warnings:
        warn(f"warning: {warning}")
    print(f"narration script: {markdown} and {table}; record <stem>/<cue id>.wav in {out}/, then "
          f"render.py --voice recorded:{out}")
    return 0
