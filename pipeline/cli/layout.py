"""`render.py layout`: the layout check (scenes.layout_check) over every section of a lesson, without video,
with the beat check and the subtitle rules in the same pass, timed by espeak-ng's real speech.

Prints each problem as `section [lang] animation N: kind: object / object` (layout) or `section [lang] cue ID
at t s: kind: …` (a statement not on screen while said, a caption rule), then their count; exit 1 when there
are any. `--snapshots DIR` saves the frame of every layout problem as a PNG.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace

from lessons.config import with_overrides, with_surface
from scenes.layout_check import ALL_SNAPSHOTS
from sections import load_lesson

from ..checks.layout import check_lesson
from .options import Parser, add_lesson_options, add_surface_options, domain_of, surface_of


def main(argv: list[str] | None = None) -> int:
    parser = add_lesson_options(Parser(prog="render.py layout", description=__doc__.splitlines()[0]), language=None,
                                sections="a section (repeatable; default: all)")
    add_surface_options(parser)
    parser.add_argument("--lang", choices=("vi", "en"), action="append", help="a language (default: both)")
    parser.add_argument("--snapshots", metavar="DIR", help="save the frame of every problem as a PNG in DIR")
    parser.add_argument("--all-snapshots", action="store_true", help="with --snapshots: after every animation")
    parser.add_argument("--voice", choices=("espeak", "none"), default="espeak",
                        help="time the beats by espeak-ng's speech (default) or by their scripted lengths")
    args = parser.parse_args(argv)
    ALL_SNAPSHOTS["on"] = args.all_snapshots
    lesson = with_surface(with_overrides(load_lesson(args.config), args.function, domain_of(args)), *surface_of(args))
    total = 0
    with tempfile.TemporaryDirectory() as media:
        for language in args.lang or ("vi", "en"):
            for problem in check_lesson(replace(lesson, language=language), media, tuple(args.section or ()),
                                        args.snapshots, args.voice):
                print(problem)
                total += 1
    print(f"{total} problem(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
