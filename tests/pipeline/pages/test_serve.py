"""`render.py serve`: a lesson folder served with range requests (206, Accept-Ranges, 416), the types the lesson's
files need, on 127.0.0.1 by default; it prints the pages to open, stops at once and cleanly on SIGTERM and
Ctrl-C, and refuses a bad folder or port in one line (status 2)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import RENDER_PY, ROOT, one_line_error, run_main


def lesson_folder(root: Path, name: str = "lesson") -> Path:
    folder = root / name
    (folder / "explore").mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"lesson": name, "sections": []}), encoding="utf-8")
    (folder / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (folder / "present.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (folder / "01_a.mp4").write_bytes(bytes(range(256)) * 40)
    (folder / "01_a.vi.vtt").write_text("WEBVTT\n", encoding="utf-8")
    (folder / "01_a.webp").write_bytes(b"RIFF")
    (folder / "01_a.vi.txt").write_text("Bản ghi", encoding="utf-8")
    (folder / "explore" / "explore.mjs").write_text("export {};", encoding="utf-8")
    (folder / "explore" / "explore.js").write_text("export {};", encoding="utf-8")
    return folder


def start(*args: str) -> tuple[subprocess.Popen, list[str]]:
    """`render.py serve ARGS --port 0` running; the lines it printed up to the last page's URL."""
    process = subprocess.Popen([*RENDER_PY, "serve", *args, "--port", "0"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [process.stdout.readline().rstrip("\n")]
    assert lines[0].startswith("serving "), (lines, process.stderr.read() if process.poll() is not None else "")
    return process, lines


def read_pages(process: subprocess.Popen, count: int) -> list[str]:
    return [process.stdout.readline().strip() for _ in range(count)]


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def stop(process: subprocess.Popen, how: int) -> tuple[int, str]:
    process.send_signal(how)
    out, err = process.communicate(timeout=30)  # a guard against a hang, not a speed test
    return process.returncode, out + err


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_a_lesson_folder_is_served_with_ranges_and_its_types_and_stops_cleanly(tmp_path, how):
    folder = lesson_folder(tmp_path)
    process, lines = start(str(folder))
    try:
        base = lines[0].split(" at ")[1].split(" ")[0]
        assert base.startswith("http://127.0.0.1:")
        assert read_pages(process, 2) == [f"index.html: {base}index.html", f"present.html: {base}present.html"]
        clip = base + "01_a.mp4?v=0123456789ab"  # the pages' versioned URLs
        status, headers, body = get(clip, Range="bytes=10-19")
        assert (status, headers["Content-Range"], body) == (206, "bytes 10-19/10240", bytes(range(10, 20)))
        assert headers["Accept-Ranges"] == "bytes" and headers["Content-Type"] == "video/mp4"
        assert get(clip, Range="bytes=10230-")[2] == bytes(range(246, 256))
        assert get(clip, Range="bytes=-3")[2] == bytes(range(253, 256))
        status, headers, _ = get(clip, Range="bytes=20000-")
        assert (status, headers["Content-Range"]) == (416, "bytes */10240")
        status, headers, body = get(clip)
        assert (status, headers["Accept-Ranges"], len(body)) == (200, "bytes", 10240)
        types = {name: get(base + name)[1]["Content-Type"] for name in
                 ("01_a.vi.vtt", "01_a.webp", "explore/explore.mjs", "explore/explore.js", "01_a.vi.txt", "index.html")}
        assert types == {"01_a.vi.vtt": "text/vtt; charset=utf-8", "01_a.webp": "image/webp",
                         "explore/explore.mjs": "text/javascript; charset=utf-8",
                         "explore/explore.js": "text/javascript; charset=utf-8",
                         "01_a.vi.txt": "text/plain; charset=utf-8", "index.html": "text/html; charset=utf-8"}
        assert get(base + "../../etc/passwd")[0] == 404
    finally:
        status, output = stop(process, how)
    assert status == 0 and output.rstrip().endswith("stopped") and "Traceback" not in output, output


def test_a_batch_folder_lists_its_index_and_every_lessons_pages(tmp_path):
    (tmp_path / "batch.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    lesson_folder(tmp_path, "bai-1")
    lesson_folder(tmp_path, "bai-2")
    process, lines = start(str(tmp_path))
    try:
        base = lines[0].split(" at ")[1].split(" ")[0]
        assert read_pages(process, 5) == [f"batch: {base}batch.html",
                                          f"bai-1/index.html: {base}bai-1/index.html",
                                          f"bai-1/present.html: {base}bai-1/present.html",
                                          f"bai-2/index.html: {base}bai-2/index.html",
                                          f"bai-2/present.html: {base}bai-2/present.html"]
        assert get(f"{base}bai-2/01_a.mp4", Range="bytes=0-0")[0] == 206
    finally:
        assert stop(process, signal.SIGTERM)[0] == 0


def test_bad_folders_and_ports_are_one_line_errors(tmp_path):
    lesson = lesson_folder(tmp_path)
    one_line_error(run_main("serve", str(tmp_path / "missing")), "is not a folder")
    one_line_error(run_main("serve", str(lesson / "index.html")), "is not a folder")
    (tmp_path / "empty").mkdir()
    one_line_error(run_main("serve", str(tmp_path / "empty")), "holds no rendered lesson")
    one_line_error(run_main("serve", str(lesson), "--port", "70000"), "from 0 to 65535")
    one_line_error(run_main("serve", str(lesson), "--port", "http"), "whole number")
    one_line_error(run_main("serve", str(lesson), "--bind", "no-such-host.invalid", "--port", "0"), "cannot serve on")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        one_line_error(run_main("serve", str(lesson), "--port", str(port)), f"cannot serve on 127.0.0.1:{port}")
