"""The lesson's own static server (pipeline.pages.serve, what `render.py serve` runs) in a thread, for the browser tests."""

from __future__ import annotations

import threading
from pathlib import Path

from pipeline.pages.serve import LessonServer, make_server


def serve(folder: Path) -> tuple[LessonServer, str]:
    """Serve `folder` on 127.0.0.1 (a free port) in a daemon thread; returns the server and its base URL."""
    server = make_server(folder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
