"""`render.py layout`: the layout check (scenes.layout_check) over every section of a lesson, without video.

Prints each problem as `section [lang] animation N: kind: object / object`, then their count; exit 1 when
there are any. `--snapshots DIR` saves the frame of every problem as a PNG.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace

from lessons.config import with_overrides
from pipeline.cli_options import Parser, add_lesson_options, domain_of
from scenes.layout_check import ALL_SNAPSHOTS, Problem, check_plan
from sections import SLUGS, context, load_lesson, scene_class


def check_lesson(lesson, media_dir: str, sections: tuple[str, ...] = (), snapshots: str | None = None) -> list[Problem]:
    planning = context(lesson)
    return [p for slug in SLUGS if not sections or slug in sections
            for p in check_plan(scene_class(slug), planning.plan(slug), media_dir, snapshots)]


def main(argv: list[str] | None = None) -> int:
    parser = add_lesson_options(Parser(prog="render.py layout", description=__doc__.splitlines()[0]), language=None,
                                sections="a section (repeatable; default: all)")
    parser.add_argument("--lang", choices=("vi", "en"), action="append", help="a language (default: both)")
    parser.add_argument("--snapshots", metavar="DIR", help="save the frame of every problem as a PNG in DIR")
    parser.add_argument("--all-snapshots", action="store_true", help="with --snapshots: after every animation")
    args = parser.parse_args(argv)
    ALL_SNAPSHOTS["on"] = args.all_snapshots
    lesson = with_overrides(load_lesson(args.config), args.function, domain_of(args))
    total = 0
    with tempfile.TemporaryDirectory() as media:
        for language in args.lang or ("vi", "en"):
            for problem in check_lesson(replace(lesson, language=language), media, tuple(args.section or ()),
                                        args.snapshots):
                print(problem)
                total += 1
    print(f"{total} layout problem(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
