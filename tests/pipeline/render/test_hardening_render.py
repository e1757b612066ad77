"""The render path under careless input and interruption: checks before rendering, one run per lesson folder,
leftovers of killed runs cleaned, a manifest that always matches the files. Interruptions are placed with
the fault-injection points of pipeline.faults (LESSON_VIDEO_FAULT=<stage>:<SIGNAL>), not with sleeps."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.render.media import sha256
from tests.helpers import (
    LESSON,
    RENDER_PY,
    ROOT,
    one_line_error,
    processes_mentioning,
    run_cli,
    run_main,
    tree_hash,
    wait_until,
)

SECTION = ("--section", "minima_vs_maxima", "--quality", "tiny", "--jobs", "1")


def stopped(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("T")


@pytest.mark.parametrize("out, needle", [
    ("", "--out is empty"),
    ("/dev/null", "cannot write the lesson's files into /dev/null/"),
    ("FILE", "cannot write the lesson's files into"),
    ("LONG", "File name too long"),
])
def test_a_bad_output_folder_is_refused_before_rendering(tmp_path, out, needle):
    (tmp_path / "file").write_text("a file, not a folder")
    out = {"FILE": str(tmp_path / "file"), "LONG": str(tmp_path / ("x" * 300))}.get(out, out)
    before = tree_hash(tmp_path)
    cwd_before = tree_hash(ROOT / "out") if (ROOT / "out").exists() else {}
    started = time.monotonic()
    done = run_main("--out", out, *SECTION, env={"TMPDIR": str(tmp_path)})
    one_line_error(done, needle)
    assert "rendering" not in done.stdout and time.monotonic() - started < 60
    assert tree_hash(tmp_path) == before
    assert (tree_hash(ROOT / "out") if (ROOT / "out").exists() else {}) == cwd_before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_refused_before_rendering(tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    one_line_error(run_main("--out", str(out), *SECTION), "Permission denied")


@pytest.mark.parametrize("content, needle", [
    ("[1, 2]", "not a JSON object"),
    ('{"lesson": "' + LESSON + '", "sections": [1]}', "sections[0] is not an object"),
    ('{"lesson": "' + LESSON + '", "sections": [{"slug": "critical_points"}]}', "number must be a section number"),
])
def test_a_manifest_of_the_wrong_shape_stops_the_render_before_it_starts(tmp_path, content, needle):
    folder = tmp_path / "out" / LESSON
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(content)
    before = tree_hash(tmp_path / "out")
    done = run_main("--out", str(tmp_path / "out"), *SECTION, env={"TMPDIR": str(tmp_path)})
    one_line_error(done, needle)
    assert "rendering" not in done.stdout
    assert tree_hash(tmp_path / "out") == before


def start_render(out: Path, fault: str, tmp: Path) -> subprocess.Popen:
    env = {**os.environ, "LESSON_VIDEO_FAULT": fault, "TMPDIR": str(tmp)}
    return subprocess.Popen([*RENDER_PY, "--out", str(out), *SECTION], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_a_second_render_or_publish_of_a_folder_in_use_is_refused_naming_the_first(tmp_path):
    out = tmp_path / "out"
    first = start_render(out, "planned:SIGSTOP", tmp_path)  # holds the lock, stopped before rendering
    try:
        wait_until(lambda: stopped(first.pid))
        before = tree_hash(out)
        done = run_cli("--out", str(out), *SECTION, env={"TMPDIR": str(tmp_path)})
        one_line_error(done, f"is in use by process {first.pid}")
        docs = tmp_path / "docs"
        docs.mkdir()
        (docs / "page.md").write_text("# p\n")
        done = run_cli("publish", "--docs", str(docs), "--page", "page.md", "--out", str(out))
        one_line_error(done, f"is in use by process {first.pid}")
        assert tree_hash(out) == before
    finally:
        first.kill()
        first.wait(timeout=30)


@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_the_next_run_cleans_what_a_killed_run_left_but_not_a_live_runs_work(tmp_path):
    out = tmp_path / "out"
    folder = out / LESSON
    folder.mkdir(parents=True)
    (folder / ".tmp-02_minima_vs_maxima-abcd1234").mkdir()
    (folder / ".tmp-02_minima_vs_maxima-abcd1234" / "02_minima_vs_maxima.mp4").write_bytes(b"half")
    (folder / ".manifest.json-x1y2").write_text("{")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / f"lesson-video-{dead.pid}-plateaus-zz").mkdir()
    live = tmp_path / f"lesson-video-{os.getpid()}-plateaus-zz"
    live.mkdir()
    done = run_cli("--out", str(out), *SECTION, env={"TMPDIR": str(tmp_path), "LESSON_VIDEO_FAULT": "planned:SIGKILL"})
    assert done.returncode == -signal.SIGKILL
    assert sorted(p.name for p in folder.iterdir()) == []
    assert not (tmp_path / f"lesson-video-{dead.pid}-plateaus-zz").exists() and live.exists()


@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_workers_die_with_a_killed_parent(tmp_path):
    done = run_cli("--out", str(tmp_path / "out"), *SECTION,
                   env={"TMPDIR": str(tmp_path), "LESSON_VIDEO_FAULT": "rendering:SIGKILL"})
    assert done.returncode == -signal.SIGKILL
    wait_until(lambda: not processes_mentioning(str(tmp_path)), timeout=30)


def consistent(folder: Path) -> list[str]:
    """Every file the manifest lists is on disk with its recorded size and hash; returns the listed slugs."""
    manifest = json.loads((folder / "manifest.json").read_text())
    for entry in manifest["sections"]:
        for name, digest in entry["hashes"].items():
            assert sha256(folder / name) == digest, name
            assert (folder / name).stat().st_size == entry["sizes"][name]
    embed = (folder / "embed.md").read_text()
    assert all(e["file"] in embed for e in manifest["sections"])
    return [e["slug"] for e in manifest["sections"]]


@pytest.fixture(scope="module")
def good_render(tmp_path_factory):
    out = tmp_path_factory.mktemp("good") / "out"
    done = run_cli("--out", str(out), *SECTION, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.slow
@pytest.mark.xdist_group("good_render")  # one worker: the module's good render is made once, not per worker
@pytest.mark.parametrize("fault", ["rendering:SIGINT", "staged:SIGKILL", "landing:SIGKILL", "landing:SIGINT",
                                   "landed:SIGKILL"])
def test_an_interrupted_render_leaves_a_consistent_folder_and_the_next_run_repairs_it(good_render, tmp_path, fault):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(good_render, out)
    folder = out / LESSON
    done = run_cli("--out", str(out), *SECTION, "--force", env={"TMPDIR": str(tmp_path), "LESSON_VIDEO_FAULT": fault},
                   timeout=300)
    assert done.returncode in (130, -signal.SIGKILL), done.stderr
    assert "Traceback" not in done.stderr
    consistent(folder)
    wait_until(lambda: not processes_mentioning(str(tmp_path)), timeout=30)
    again = run_cli("--out", str(out), *SECTION, env={"TMPDIR": str(tmp_path)}, timeout=300)
    assert again.returncode == 0, again.stderr
    assert consistent(folder) == ["minima_vs_maxima"]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    assert not list(tmp_path.glob("lesson-video-*"))


@pytest.mark.slow
@pytest.mark.xdist_group("good_render")
def test_a_damaged_poster_or_caption_is_noticed_and_rendered_again(good_render, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(good_render, out)
    folder = out / LESSON
    (folder / "02_minima_vs_maxima.vi.vtt").write_text("WEBVTT\n\ndamaged\n")
    done = run_cli("--out", str(out), *SECTION, env={"TMPDIR": str(tmp_path)}, timeout=300)
    assert done.returncode == 0 and "02_minima_vs_maxima: done" in done.stdout, done.stdout + done.stderr
    consistent(folder)
