"""Same content, same bytes: a section's clip, preview, narration and captions do not depend on how many
processes drew it, which of them reached which chunk first, or whether it was rendered alone."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, render, write_job

SLUG = "minima_vs_maxima"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_worker(workdir: Path, processes: int, fault: str | None = None, slug: str = SLUG,
               voice: str = "espeak") -> subprocess.CompletedProcess:
    workdir.mkdir()
    job = write_job(workdir, slug, voice=voice, processes=processes)
    env = {key: value for key, value in os.environ.items() if key != "LESSON_VIDEO_FAULT"}
    if fault:
        env["LESSON_VIDEO_FAULT"] = fault
    worker = subprocess.Popen([sys.executable, "-m", "pipeline.render.worker", str(job)], cwd=ROOT, text=True, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = worker.communicate(timeout=600)
    (workdir / "pid").write_text(str(worker.pid))
    return subprocess.CompletedProcess(worker.args, worker.returncode, stdout, stderr)


def outputs(workdir: Path, done: subprocess.CompletedProcess) -> dict[str, str]:
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    files = {"video": result["video"], "preview": result["preview"], "audio": result["audio"],
             "cues": result["cues"], "beats": result["beats"]}  # transcripts are made from the cues, after it
    return {name: digest(Path(path)) for name, path in files.items()}


def claimers(workdir: Path) -> list[str]:
    return [(workdir / "claims" / str(index)).read_text() for index in range(len(list((workdir / "claims").iterdir())))]


@pytest.mark.slow
def test_a_section_has_the_same_bytes_whatever_the_schedule(tmp_path):
    """One process, two where the worker arrives late (its helper takes the first chunks), three: every file
    the worker hands over is byte for byte the same (two on time: the lesson-render test below)."""
    alone = outputs(tmp_path / "one", run_worker(tmp_path / "one", 1))
    late = tmp_path / "late"
    schedules = {"late": (2, "drawing-0:delay=2"), "three": (3, "drawing-1:delay=1")}
    for name, (processes, fault) in schedules.items():
        assert outputs(tmp_path / name, run_worker(tmp_path / name, processes, fault)) == alone, name
    assert claimers(late)[0] != (late / "pid").read_text(), "the late worker drew the first chunk itself"


@pytest.mark.slow
def test_a_helper_that_dies_fails_the_section_with_a_reason(tmp_path):
    """A drawing process killed while it holds chunks: the worker says which one and how, never waits."""
    done = run_worker(tmp_path / "dead", 2, "drawing-1:SIGKILL", voice="none")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == "RuntimeError: drawing process 1 exited with status -9"


@pytest.mark.slow
def test_a_section_rendered_alone_has_the_bytes_of_the_lesson_render(rendered, tmp_path):
    """The lesson render (two sections at a time, one process each) and the section alone (all cores):
    the same files, by the manifest's hashes."""
    out = tmp_path / "out"
    done = render("--quality", "tiny", "--out", str(out), "--section", "gradient_descent", "--jobs", "1")
    assert done.returncode == 0, done.stderr

    def hashes(folder: Path) -> dict:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        entry = next(s for s in manifest["sections"] if s["slug"] == "gradient_descent")
        return entry["hashes"]
    assert hashes(out / rendered.name) == hashes(rendered)
