"""A small static server for a lesson folder or a batch folder (`render.py serve`): what a browser needs to play
and seek the clips. Python's own `http.server` ignores Range requests, so a browser cannot seek a clip it serves
(its `seekable` range is empty) and classroom mode could not stop on a beat's frame; this one answers them
(206 Partial Content, `Accept-Ranges: bytes`, 416 for a range past the end) and names the types the lesson's
files need (`.mp4`, `.vtt`, `.webp`, `.mjs`, the transcripts' UTF-8 text). Bound to 127.0.0.1 unless told
otherwise."""

from __future__ import annotations

import os
import re
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..manifest import MANIFEST, PRESENT

BATCH_PAGE = "batch.html"
TYPES = {".mp4": "video/mp4", ".m4a": "audio/mp4", ".vtt": "text/vtt; charset=utf-8", ".webp": "image/webp",
         ".png": "image/png", ".mjs": "text/javascript; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".json": "application/json", ".txt": "text/plain; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8"}
RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class LessonHandler(SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with byte ranges: one range per request (a browser asks for no more); a
    header it cannot read, or several ranges, gets the whole file (200), as RFC 9110 allows."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    protocol_version = "HTTP/1.1"  # keep-alive: a video's many range requests share one connection

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # a teacher's terminal shows the URLs, not every request

    def send_head(self):
        self._remaining = None
        path = Path(self.translate_path(self.path))
        wanted = RANGE.fullmatch(self.headers.get("Range", "").strip())
        if wanted is None or not path.is_file() or (not wanted[1] and not wanted[2]):
            return super().send_head()
        try:
            handle = open(path, "rb")
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        size = os.fstat(handle.fileno()).st_size
        if wanted[1]:
            start, end = int(wanted[1]), min(int(wanted[2]), size - 1) if wanted[2] else size - 1
        else:
            start, end = max(size - int(wanted[2]), 0), size - 1  # the last N bytes
        if start >= size or start > end:
            handle.close()
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Last-Modified", self.date_time_string(int(os.fstat(handle.fileno()).st_mtime)))
        self.end_headers()
        self._remaining = end - start + 1
        return handle

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def copyfile(self, source, outputfile) -> None:
        remaining = self._remaining
        if remaining is None:
            super().copyfile(source, outputfile)
            return
        while remaining > 0:
            chunk = source.read(min(1 << 16, remaining))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)


class LessonServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a stop never waits for a browser that keeps a video's connection open


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 0) -> LessonServer:
    """The server for `folder`, bound (port 0: a free one), not yet serving."""
    return LessonServer((host, port), partial(LessonHandler, directory=os.fspath(folder)))


def lesson_folders(folder: Path) -> list[Path]:
    """The lesson folders `folder` is or holds (a render's lesson folder, a batch's or `out/`'s sub-folders)."""
    if (folder / MANIFEST).is_file():
        return [folder]
    return sorted(p.parent for p in folder.glob(f"*/{MANIFEST}") if p.is_file())


def page_urls(folder: Path, base: str) -> list[tuple[str, str]]:
    """(what, URL) of the pages to open: the batch's index, then each lesson's gallery and classroom mode."""
    urls = [("batch", base + BATCH_PAGE)] if (folder / BATCH_PAGE).is_file() else []
    for lesson in lesson_folders(folder):
        prefix = "" if lesson == folder else lesson.name + "/"
        label = lesson.name if lesson != folder else ""
        for page in ("index.html", PRESENT):
            if (lesson / page).is_file():
                urls.append((f"{label}/{page}" if label else page, base + prefix + page))
    return urls
