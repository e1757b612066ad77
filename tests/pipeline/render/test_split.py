"""One section drawn by several processes (pipeline.render.split): each chunk drawn by exactly one process,
each cue's speech made once, helpers that never outlive the worker (SIGKILL included)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.render.split import FORK, Claims, SharedVoice
from pipeline.voice import Speech
from tests.helpers import RENDER_PY, ROOT, processes_mentioning, wait_until, write_job


def test_each_chunk_goes_to_the_first_process_that_reaches_it(tmp_path):
    claims = Claims(tmp_path / "claims")
    assert claims.claim(0) and not claims.claim(0)
    assert claims.claim(1) and not claims.claim(1) and claims.claim(2)
    assert (tmp_path / "claims" / "1").read_text() == str(os.getpid())


def test_processes_racing_for_the_chunks_never_share_one(tmp_path):
    claims, won = Claims(tmp_path / "claims"), FORK.Array("i", 400)

    def race(process: int) -> None:
        for index in range(400):
            if claims.claim(index):
                won[index] += 1 << process
    racers = [FORK.Process(target=race, args=(n,)) for n in range(3)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert set(won) <= {1, 2, 4}  # never 0 (nobody) nor a sum (two processes)


@dataclass
class CountingVoice:
    folder: Path
    warnings: list = field(default_factory=list)
    made: int = 0

    def say(self, cue_id: str, text: str, language: str, at_least: float = 0.0, at_most: float = 7.0) -> Speech:
        self.made += 1
        self.warnings.append(f"made {cue_id}")
        return Speech(self.folder / f"{cue_id}.wav", 0.25 * len(text), "espeak")


def test_a_cues_speech_is_made_once_and_shared_with_its_warnings(tmp_path):
    first, second = CountingVoice(tmp_path), CountingVoice(tmp_path)
    a, b = SharedVoice(first, tmp_path / "shared"), SharedVoice(second, tmp_path / "shared")
    said = a.say("tangent", "bốn từ ở đây", "vi")
    assert b.say("tangent", "bốn từ ở đây", "vi") == said and said.duration == 3.0
    assert (first.made, second.made) == (1, 0) and b.warnings == ["made tangent"]
    b.say("tangent", "another text", "vi")  # a changed text is another cue
    assert second.made == 1


@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_helpers_die_with_a_killed_worker(tmp_path):
    """The worker is SIGKILLed once its helper draws (a parent that only waits stands in for render.py): the
    helper goes too, through PR_SET_PDEATHSIG."""
    job = write_job(tmp_path, "critical_points", processes=2)
    worker = subprocess.Popen([sys.executable, "-m", "pipeline.render.worker", str(job)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: len(processes_mentioning(str(job))) == 2 or worker.poll() is not None)
        assert worker.poll() is None, "the worker ended before its helper was seen"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        wait_until(lambda: not processes_mentioning(str(job)), timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_workers_and_their_helpers_die_with_a_killed_render(tmp_path):
    """render.py → worker pool → worker → helper: SIGKILL of render.py once the helper exists leaves no
    process behind."""
    out = tmp_path / "out"
    render = subprocess.Popen([*RENDER_PY, "--section", "critical_points", "--quality",
                               "tiny", "--jobs", "1", "--voice", "none", "--out", str(out)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        wait_until(lambda: len(descendants(render.pid)) >= 3 or render.poll() is not None)
        assert render.poll() is None, "the render ended before the helper was seen"
        os.kill(render.pid, signal.SIGKILL)
        render.wait()
        wait_until(lambda: not processes_mentioning(str(tmp_path)), timeout=30)
    finally:
        if render.poll() is None:
            render.kill()
