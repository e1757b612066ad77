"""A static HTTP server for tests that answers Range requests, as web servers and CDNs do for video."""

from __future__ import annotations

import os
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class RangeHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match[1]) if match[1] else max(size - int(match[2] or 0), 0)
        end = min(int(match[2]), size - 1) if match[1] and match[2] else size - 1
        if start >= size or start > end:
            self.send_error(416, "Range Not Satisfiable")
            return None
        handle = open(path, "rb")
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        self._remaining = end - start + 1
        return handle

    def copyfile(self, source, outputfile):
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return super().copyfile(source, outputfile)
        while remaining > 0:
            chunk = source.read(min(1 << 16, remaining))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)

    def end_headers(self):
        if not self.headers.get("Range"):
            self.send_header("Accept-Ranges", "bytes")
        super().end_headers()


RangeHandler.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".vtt": "text/vtt",
                               ".webp": "image/webp", ".mp4": "video/mp4"}


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve `folder` on 127.0.0.1 (a free port) in a daemon thread; returns the server and its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=os.fspath(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
