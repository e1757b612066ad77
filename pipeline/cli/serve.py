"""`render.py serve [DIR] [--port N] [--bind ADDRESS]`: serve a lesson folder or a batch folder (pipeline.pages.serve)
and print the pages to open; Ctrl-C or SIGTERM stops it at once (status 0)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from ..pages.serve import lesson_folders, make_server, page_urls
from .options import Parser, UsageError

DEFAULT_PORT = 8000


class Stop(BaseException):
    """SIGTERM, raised in the main thread like Ctrl-C's KeyboardInterrupt, and like it not an Exception: one
    arriving while the main thread hands a request to its thread would otherwise be caught by socketserver's
    handle_error ("Exception occurred during processing of request") and the server would go on serving."""


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to 65535, not {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 0 to 65535 (0: any free port), not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="render.py serve", description="Serve a lesson folder (or a batch's folder) to a browser, with "
               "the range requests video players need to seek; prints the pages to open.")
    p.add_argument("folder", nargs="?", default="out", metavar="DIR",
                   help="a lesson folder, or a folder of lesson folders (a batch's --out); default: out/")
    p.add_argument("--port", type=port_number, default=DEFAULT_PORT,
                   help=f"the port (default {DEFAULT_PORT}; 0: any free port)")
    p.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                   help="the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every network)")
    return p


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder: name a lesson folder, e.g. out/<lesson>")
    if not lesson_folders(folder):
        raise UsageError(f"{folder} holds no rendered lesson (no manifest.json in it or in its sub-folders): "
                         "render one first, or name its folder")
    try:
        server = make_server(folder, args.bind, args.port)
    except OSError as problem:
        reason = problem.strerror or str(problem)
        raise UsageError(f"cannot serve on {args.bind}:{args.port} ({reason}); choose another --port or --bind") \
            from None
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}/"
    print(f"serving {folder} at {base} (Ctrl-C to stop)")
    for what, url in page_urls(folder, base):
        print(f"  {what}: {url}")
    sys.stdout.flush()

    def stop(signum, frame) -> None:  # noqa: ARG001
        raise Stop

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.25)
    except (KeyboardInterrupt, Stop):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
    print("stopped")
    return 0
