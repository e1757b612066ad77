#!/usr/bin/env python3
"""The lesson video generator's command line.

    python render.py                     render the default lesson, one MP4 per section, into out/<lesson>/
    python render.py analyze EXPR --domain A B [--json]   check a function before rendering it
    python render.py publish --docs DOCS_ROOT [--page P]  embed the clips in the course's docs page
    python render.py script [--lang vi] [--out DIR]       the narration script to record (markdown, CSV)
    python render.py layout [--function F --domain A B]   the layout check of every section, without video
    python render.py batch FILE [--scheduler ADDRESS|local:N]  many lessons at once (examples/exercises.toml)
    python render.py serve [DIR] [--port N]              serve a lesson folder to a browser (seekable clips)
    python render.py verify --corpus N [--seed S]        check every claim the lesson makes, over generated functions

A thin shell: each verb is a module of `pipeline.cli` (render, analyze, publish, script, layout, batch, serve,
verify) with its own `main(argv)`, which parses, calls the stage that does the work and prints; the lesson
options are declared once (pipeline.cli.options). Every user mistake ends as one line `error: …` on stderr
with exit status 2.
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


from mathcore import LessonInputError  # noqa: E402
from pipeline.cli.options import UsageError  # noqa: E402

EXIT_USAGE = 2


# render.py's verbs: the first argument names one (none: render); each is the `main` of its module, imported
# only when chosen (the layout check draws scenes; nothing else may import manim in this process)
VERBS = {"analyze": "pipeline.cli.analyze", "batch": "pipeline.cli.batch", "publish": "pipeline.cli.publish",
         "script": "pipeline.cli.script", "layout": "pipeline.cli.layout", "serve": "pipeline.cli.serve",
         "verify": "pipeline.cli.verify",
         None: "pipeline.cli.render"}


def verb(name: str | None):
    import importlib

    return importlib.import_module(VERBS[name]).main


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _catch_interrupts()
        if argv and argv[0] in VERBS:
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
    except MemoryError:
        _error_line("error: the input needs a number too large to compute; simplify it or narrow the domain")
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
