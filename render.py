#!/usr/bin/env python3
"""The lesson video generator's command line.

    python render.py                     render the default lesson, one MP4 per section, into out/<lesson>/
    python render.py analyze EXPR --domain A B [--json]   check a function before rendering it
    python render.py publish --docs DOCS_ROOT [--page P]  embed the clips in the course's docs page
    python render.py script [--lang vi] [--out DIR]       the narration script to record (markdown, CSV)
    python render.py layout [--function F --domain A B]   the layout check of every section, without video

A thin shell: each verb is a module of `pipeline` (cli_render, cli_analyze, cli_script, cli_layout) with its
own `main(argv)`, the lesson options declared once (pipeline.cli_options). Every user mistake ends as one
line `error: …` on stderr with exit status 2.
"""

from __future__ import annotations

import os
import signal
import sys


def _interrupted_early(signum, frame) -> None:  # noqa: ARG001
    """Ctrl-C while the modules below load (sympy, numpy: the first few tenths of a second): the same one
    line and status as later, instead of a KeyboardInterrupt traceback out of an import."""
    try:
        os.write(2, b"error: interrupted\n")
    finally:
        os._exit(130)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, _interrupted_early)
    from pipeline.faults import fault_point

    fault_point("starting")

import re  # noqa: E402 - after the handler above
from pathlib import Path  # noqa: E402

from mathcore import LessonInputError  # noqa: E402
from pipeline.cli_options import UsageError  # noqa: E402

EXIT_USAGE = 2


# render.py's verbs: the first argument names one (none: render); each is the `main` of its module, imported
# only when chosen (the layout check draws scenes; nothing else may import manim in this process)
VERBS = {"analyze": "pipeline.cli_analyze", "script": "pipeline.cli_script", "layout": "pipeline.cli_layout",
         None: "pipeline.cli_render"}


def verb(name: str | None):
    import importlib

    return cmd_publish if name == "publish" else importlib.import_module(VERBS[name]).main


def cmd_publish(argv: list[str]) -> int:
    from lessons.config import with_overrides
    from pipeline.cli_options import Parser, UsageError
    from pipeline.publish import publish
    from sections import load_lesson

    p = Parser(prog="render.py publish", description="Copy the rendered clips beside a docs page and embed "
                "them in it, between markers (idempotent; everything outside the markers is kept).")
    p.add_argument("--docs", required=True, metavar="DOCS_ROOT", help="root folder of the markdown docs")
    p.add_argument("--page", metavar="RELATIVE_PAGE", help="the lesson page, relative to DOCS_ROOT "
                   "(default: 27_math_deep_learning/<lesson>.md)")
    p.add_argument("--out", default="out", metavar="DIR", help="where render.py wrote the clips (default out/)")
    p.add_argument("--config", metavar="FILE", help="the lesson TOML that was rendered (default: embedded)")
    p.add_argument("--function", metavar="EXPR", help="publish the render made with this --function")
    p.add_argument("--domain", nargs=2, type=float, metavar=("A", "B"), help="... and this --domain")
    p.add_argument("--lesson", metavar="NAME", help="publish the lesson folder out/NAME (as `render.py --list` "
                   "shows it)")
    p.add_argument("--no-directory-urls", action="store_true",
                   help="the MkDocs site uses use_directory_urls: false (page a/b.md served at a/b.html)")
    p.add_argument("--dry-run", action="store_true", help="print the page diff; copy and write nothing")
    args = p.parse_args(argv)
    if not args.out.strip() or not args.docs.strip():
        raise UsageError("--docs and --out must name folders (they are empty)")
    lesson = with_overrides(load_lesson(args.config), args.function, tuple(args.domain) if args.domain else None)
    name = lesson.slug
    if args.lesson is not None:
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,200}", args.lesson):
            raise UsageError(f"--lesson {args.lesson!r}: a lesson folder name has only letters, digits, '_' and '-'")
        name = args.lesson
    page = args.page if args.page is not None else f"27_math_deep_learning/{name}.md"
    result = publish(Path(args.docs), page, Path(args.out) / name, dry_run=args.dry_run,
                     directory_urls=not args.no_directory_urls)
    if args.dry_run:
        print(result.diff or f"{result.page}: up to date")
        return 0
    print(f"{result.page}: {'updated' if result.page_changed else 'up to date'}; "
          f"{len(result.copied)} media file(s) copied")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _catch_interrupts()
        if argv and (argv[0] in VERBS or argv[0] == "publish"):
            return verb(argv[0])(argv[1:])
        return verb(None)(argv)
    except (UsageError, LessonInputError) as problem:
        _error_line(f"error: {problem}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error_line("error: interrupted")
        return 130
    except RecursionError:
        _error_line("error: the input is nested too deeply")
        return EXIT_USAGE
    except BrokenPipeError:
        return _closed_output()


def _catch_interrupts() -> None:
    """From here on Ctrl-C is a KeyboardInterrupt again, which the run turns into a clean stop."""
    if signal.getsignal(signal.SIGINT) is _interrupted_early:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _error_line(text: str) -> None:
    """One line on stderr that cannot itself fail on an encoding (a POSIX locale, a surrogate-escaped
    argument echoed back in a message)."""
    stream = sys.stderr
    encoding = getattr(stream, "encoding", None) or "utf-8"
    print(text.encode(encoding, "backslashreplace").decode(encoding, "replace"), file=stream)


def _tolerant_streams() -> None:
    """stdout and stderr never raise UnicodeEncodeError: ASCII (LC_ALL=POSIX with PYTHONUTF8=0) becomes
    UTF-8, as Python's own UTF-8 mode would make it; another encoding keeps itself and escapes what it
    cannot write."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        if codecs.lookup(encoding).name == "ascii":
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        else:
            stream.reconfigure(errors="backslashreplace")


def _closed_output() -> int:
    """The reader of our output went away (`analyze … | head`): say so once, without a traceback, and keep
    Python from failing again when it flushes stdout at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print("error: the output was closed before everything was written (broken pipe)", file=sys.stderr)
    except OSError:
        pass
    return EXIT_USAGE


if __name__ == "__main__":
    _tolerant_streams()
    sys.exit(main())
