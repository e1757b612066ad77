"""`render.py publish --docs DOCS_ROOT [--page P] [--check | --dry-run] [lesson options]`: copy a lesson's
clips beside its docs page and embed them between markers (idempotent; everything outside the markers is
kept); `--check` tells a docs repository's CI whether the page is stale."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lessons.config import with_overrides
from sections import load_lesson

from ..publish.run import publish
from .options import Parser, UsageError, add_lesson_options, domain_of


def main(argv: list[str]) -> int:
    p = Parser(prog="render.py publish", description="Copy the rendered clips beside a docs page and embed "
                "them in it, between markers (idempotent; everything outside the markers is kept).")
    p.add_argument("--docs", required=True, metavar="DOCS_ROOT", help="root folder of the markdown docs")
    p.add_argument("--page", metavar="RELATIVE_PAGE", help="the lesson page, relative to DOCS_ROOT "
                   "(default: 27_math_deep_learning/<lesson>.md)")
    p.add_argument("--out", default="out", metavar="DIR", help="where render.py wrote the clips (default out/)")
    add_lesson_options(p, language=None, sections=None, function="publish the render made with this --function")
    p.add_argument("--lesson", metavar="NAME", help="publish the lesson folder out/NAME (as `render.py --list` "
                   "shows it)")
    p.add_argument("--no-directory-urls", action="store_true",
                   help="the MkDocs site uses use_directory_urls: false (page a/b.md served at a/b.html)")
    p.add_argument("--drop-missing", action="store_true",
                   help="publish a lesson folder that lacks sections the page shows (rendered with --section "
                   "into a fresh --out), taking those sections off the page")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="print the page diff; copy and write nothing")
    mode.add_argument("--check", action="store_true", help="exit 1, with one line per section, when the page "
                      "or its media differ from what publish would write (0 when up to date); write nothing")
    args = p.parse_args(argv)
    if not args.out.strip() or not args.docs.strip():
        raise UsageError("--docs and --out must name folders (they are empty)")
    lesson = with_overrides(load_lesson(args.config), args.function, domain_of(args))
    name = lesson.slug
    if args.lesson is not None:
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,200}", args.lesson):
            raise UsageError(f"--lesson {args.lesson!r}: a lesson folder name has only letters, digits, '_' and '-'")
        name = args.lesson
    page = args.page if args.page is not None else f"27_math_deep_learning/{name}.md"
    result = publish(Path(args.docs), page, Path(args.out) / name, dry_run=args.dry_run,
                     directory_urls=not args.no_directory_urls, check=args.check,
                     drop_missing=args.drop_missing)
    if args.check:
        print("\n".join(result.stale) or f"{result.page}: up to date")
        return 1 if result.stale else 0
    if args.dry_run:
        print(result.diff or f"{result.page}: up to date")
        return 0
    for line in result.orphans:
        print(f"warning: {line}", file=sys.stderr)
    for target in result.kept:
        print(f"warning: kept {target}: publish wrote it once, but it was changed since and the manifest no "
              "longer lists it", file=sys.stderr)
    removed = f"; {len(result.removed)} no longer listed, removed" if result.removed else ""
    print(f"{result.page}: {'updated' if result.page_changed else 'up to date'}; "
          f"{len(result.copied)} media file(s) copied{removed}")
    return 0
