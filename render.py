#!/usr/bin/env python3
"""The lesson video generator's command line.

    python render.py                     render the default lesson, one MP4 per section, into out/<lesson>/
    python render.py analyze EXPR --domain A B [--json]   check a function before rendering it
    python render.py publish --docs DOCS_ROOT [--page P]  embed the clips in the course's docs page
    python render.py script [--lang vi] [--out DIR]       the narration script to record (markdown, CSV)

A thin shell: it parses arguments and hands the work to `mathcore` and `pipeline`. Every user mistake
ends as one line `error: …` on stderr with exit status 2.
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

import argparse  # noqa: E402 - after the handler above
import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from lessons.config import argument_text  # noqa: E402
from mathcore import DescentRequest, LessonInputError, analyze_bounded  # noqa: E402
from mathcore.descent import OPTIMIZERS  # noqa: E402

EXIT_USAGE = 2
# argparse takes '-1e-12' for an option (its own pattern knows only -1 and -1.5); any number is a value
NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|infinity|nan)$", re.IGNORECASE)


class UsageError(Exception):
    """An argparse complaint, reported on one line like every other user error."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(message)


def _analyze_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="render.py analyze", description="Analyse f on [A, B]: critical points, sign chart, "
                "plateaus and (with --start) a descent run.")
    p.add_argument("expr", metavar="EXPR", help="the function of x, e.g. 'x^4 - 2x^2'")
    p.add_argument("--domain", nargs=2, type=float, metavar=("A", "B"), required=True)
    p.add_argument("--start", type=float, help="start point of a descent run (omit for no run)")
    p.add_argument("--lr", type=float, default=0.01, help="learning rate η (default 0.01)")
    p.add_argument("--steps", type=int, default=1000, help="at most this many steps (default 1000)")
    p.add_argument("--optimizer", choices=OPTIMIZERS, default="gd")
    p.add_argument("--momentum", type=float, default=0.9, help="μ for momentum/nesterov (default 0.9)")
    p.add_argument("--json", action="store_true", help="print the JSON contract instead of the report")
    return p


def _protect_leading_minus(argv: list[str]) -> list[str]:
    """`analyze -x^2 ...`: a function that starts with '-' is not an option."""
    if len(argv) > 1 and argv[1].startswith("-") and not argv[1].startswith("--") and argv[1] != "-h":
        return [argv[0], " " + argv[1], *argv[2:]]
    return argv


def cmd_analyze(argv: list[str]) -> int:
    from pipeline.report import render_report

    args = _analyze_parser().parse_args(_protect_leading_minus(argv)[1:])
    args.expr = argument_text(args.expr)
    request = None
    if args.start is not None:
        request = DescentRequest(start=args.start, optimizer=args.optimizer, lr=args.lr, steps=args.steps,
                                 momentum=args.momentum)
    analysis = analyze_bounded(args.expr, args.domain[0], args.domain[1], request)
    if args.json:
        print(json.dumps(analysis.to_json(), ensure_ascii=False))
    else:
        print(render_report(analysis))
    return 0


def cmd_publish(argv: list[str]) -> int:
    from lessons.config import load_lesson, with_overrides
    from pipeline.publish import publish

    p = _Parser(prog="render.py publish", description="Copy the rendered clips beside a docs page and embed "
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
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="print the page diff; copy and write nothing")
    mode.add_argument("--check", action="store_true", help="exit 1, with one line per section, when the page "
                      "or its media differ from what publish would write (0 when up to date); write nothing")
    args = p.parse_args(argv[1:])
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
                     directory_urls=not args.no_directory_urls, check=args.check)
    if args.check:
        print("\n".join(result.stale) or f"{result.page}: up to date")
        return 1 if result.stale else 0
    if args.dry_run:
        print(result.diff or f"{result.page}: up to date")
        return 0
    for target in result.kept:
        print(f"warning: kept {target}: publish wrote it once, but it was changed since and the manifest no "
              "longer lists it", file=sys.stderr)
    removed = f"; {len(result.removed)} no longer listed, removed" if result.removed else ""
    print(f"{result.page}: {'updated' if result.page_changed else 'up to date'}; "
          f"{len(result.copied)} media file(s) copied{removed}")
    return 0


def cmd_script(argv: list[str]) -> int:
    from lessons.sections import SLUGS
    from pipeline.cli_render import plan_within_budget
    from pipeline.plan import RenderRequest
    from pipeline.script import check_script_folder, write_script

    p = _Parser(prog="render.py script", description="Write the narration script (per section and cue: its "
                "stable id, the text to say, the synthetic voice's length) as markdown and CSV, with one "
                "<stem>/<cue id>.txt per cue: record <stem>/<cue id>.wav beside it and render with "
                "--voice recorded:DIR.")
    p.add_argument("--lang", choices=["vi", "en"], help="language of the narration (default: the lesson's)")
    p.add_argument("--out", metavar="DIR", help="the recording folder, one per language (default: "
                   "recordings/<lesson>/<lang>/)")
    p.add_argument("--config", metavar="FILE", help="a lesson TOML file (default: the embedded lesson)")
    p.add_argument("--function", metavar="EXPR", help="the lesson's function")
    p.add_argument("--domain", nargs=2, type=float, metavar=("A", "B"), help="the lesson's domain")
    p.add_argument("--section", action="append", choices=SLUGS, metavar="SLUG", default=[],
                   help="only this section (repeatable)")
    args = p.parse_args(argv[1:])
    if args.out is not None and not args.out.strip():
        raise UsageError("--out must name a folder (it is empty)")
    plan = plan_within_budget(RenderRequest(config=args.config, function=args.function,
                                            domain=tuple(args.domain) if args.domain else None,
                                            language=args.lang, sections=tuple(dict.fromkeys(args.section))))
    language = plan.lesson.language
    out = Path(args.out) if args.out else Path("recordings") / plan.lesson.slug / language
    check_script_folder(out, language, default=args.out is None)
    markdown, table, warnings = write_script([job.plan for job in plan.jobs], plan.lesson.slug, language, out)
    for warning in warnings:
        _error_line(f"warning: {warning}")
    print(f"narration script: {markdown} and {table}; record <stem>/<cue id>.wav in {out}/, then "
          f"render.py --voice recorded:{out}")
    return 0


def cmd_render(argv: list[str]) -> int:
    from pipeline.cli_render import run_render

    return run_render(argv, _Parser)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _catch_interrupts()
        if argv and argv[0] == "analyze":
            return cmd_analyze(argv)
        if argv and argv[0] == "publish":
            return cmd_publish(argv)
        if argv and argv[0] == "script":
            return cmd_script(argv)
        return cmd_render(argv)
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
