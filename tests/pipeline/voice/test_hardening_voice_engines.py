"""`command:` engines under hostile behaviour. The stub engine logs each call and starts a detached child in
its own session (`setsid`, so no process group reaches it) that writes its pid and holds the engine's stdout;
then it succeeds, hangs, or makes {out} a FIFO, a lying WAV or a far too long one. Whatever it does, the
engine and all it started end (after success, at the timeout, on Ctrl-C, when the worker dies), a hanging
engine is asked once however many processes draw the section, and the cue fails with one line or succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import render
from pipeline.reaper import TAIL_BYTES, run_tree
from pipeline.render.split import FORK, SharedVoice
from pipeline.voice import Voice, VoiceError, parse_voice
from tests.helpers import LESSON, RENDER_PY, ROOT, finishes, one_line_error, run_cli, run_main
from tests.helpers.fakes import raw_wav

CUES = ["closing", "closing+2", "descent", "highest", "highest+2", "highest+3", "lowest", "lowest+2", "plateau", "points",
        "signs", "title.conclusion"]
TIMEOUT_ENV = "LESSON_VIDEO_VOICE_TIMEOUT"

ENGINE = r"""#!/bin/sh
# engine.sh MODE OUT ID: a speech engine that misbehaves as MODE says
log={log}
echo "$3" >> "$log/calls"
if [ "$1" = fifo ]; then mkfifo "$2"; exit 0; fi
setsid sh -c 'echo $$ > "$0"; exec sleep 1000' "$log/$3.detached.pid" &
echo $$ > "$log/$3.engine.pid"
while [ ! -s "$log/$3.detached.pid" ]; do sleep 0.01; done
echo "engine: speaking $3"
case "$1" in
  ok) cp "$log/good.wav" "$2" ;;
  liar) cp "$log/liar.wav" "$2" ;;
  long) cp "$log/long.wav" "$2" ;;
  hang) exec sleep 1000 ;;
esac
"""


def engine(tmp_path: Path) -> Path:
    log = tmp_path / "engine"
    log.mkdir()
    raw_wav(log / "good.wav", 1.0)
    raw_wav(log / "liar.wav", 0.125, claim_seconds=120)
    raw_wav(log / "long.wav", 25)
    script = log / "engine.sh"
    script.write_text(ENGINE.format(log=log), encoding="utf-8")
    script.chmod(0o755)
    return script


def calls(script: Path) -> list[str]:
    log = script.parent / "calls"
    return log.read_text().split() if log.exists() else []


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] not in ("Z", "X")
    except OSError:
        return False


def started(script: Path) -> list[int]:
    """The pids the engine and its detached children wrote (the test checks every one has ended)."""
    return [int(p.read_text()) for p in sorted(script.parent.glob("*.pid")) if p.read_text().strip()]


def wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def say(script: Path, tmp_path: Path, mode: str, cue: str = "c"):
    voice = Voice(parse_voice(f"command:{script} {mode} {{out}} {{id}}"), tmp_path / "work")
    return voice.say(cue, "Xin chào", "vi")


def test_an_engine_that_leaves_a_detached_child_holding_stdout_succeeds_and_the_child_ends(tmp_path, monkeypatch):
    monkeypatch.setenv(TIMEOUT_ENV, "30")
    script = engine(tmp_path)
    speech = say(script, tmp_path, "ok")
    assert speech.source == "command" and speech.duration == pytest.approx(1.0, abs=1e-3)
    assert calls(script) == ["c"] and len(started(script)) == 2
    assert not [pid for pid in started(script) if alive(pid)]


def test_a_hanging_engine_ends_with_its_detached_child_at_its_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv(TIMEOUT_ENV, "1")
    script = engine(tmp_path)
    with pytest.raises(VoiceError) as failed:
        say(script, tmp_path, "hang")
    assert str(failed.value) == f"voice command {script} took more than 1 s for cue c"
    assert calls(script) == ["c"] and len(started(script)) == 2
    assert not [pid for pid in started(script) if alive(pid)]


def test_an_engine_ends_with_its_detached_child_when_the_worker_dies(tmp_path):
    script = engine(tmp_path)
    code = ("import sys; from pathlib import Path; from pipeline.voice import Voice, parse_voice; "
            "Voice(parse_voice(sys.argv[1]), Path(sys.argv[2])).say('c', 'Xin chào', 'vi')")
    worker = subprocess.Popen([sys.executable, "-c", code, f"command:{script} hang {{out}} {{id}}",
                               str(tmp_path / "work")], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        wait_until(lambda: len(started(script)) == 2)
    finally:
        worker.kill()
        worker.wait()
    wait_until(lambda: not [pid for pid in started(script) if alive(pid)])


@pytest.mark.parametrize("mode, needle", [
    ("fifo", "wrote no readable WAV to {out} for cue c (not a regular file)"),
    ("liar", "wrote no readable WAV to {out} for cue c (the header announces 120.0 s of audio"),
    ("long", "wrote 25.0 s of speech for cue c, longer than a cue of 8 characters may speak (20 s)"),
])
def test_an_out_that_is_a_fifo_or_not_an_honest_wav_fails_the_cue_without_blocking(tmp_path, monkeypatch, mode,
                                                                                  needle):
    monkeypatch.setenv(TIMEOUT_ENV, "30")
    script = engine(tmp_path)

    def attempt():
        try:
            say(script, tmp_path, mode)
        except VoiceError as problem:
            return str(problem)
        return "no error"
    assert needle in finishes(attempt)
    assert not [pid for pid in started(script) if alive(pid)]


class FailingVoice:
    """A voice whose engine fails (as a timeout does), logging each time it is asked."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.warnings: list[str] = []

    def say(self, cue_id: str, text: str, language: str, at_least: float = 0.0, at_most: float = 7.0):
        with open(self.log, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        raise VoiceError(f"voice command engine took more than 1 s for cue {cue_id}")


def ask_shared(folder: Path, log: Path, answer: Path) -> None:
    try:
        SharedVoice(FailingVoice(log), folder).say("title", "Xin chào", "vi")
        answer.write_text("no error")
    except VoiceError as problem:
        answer.write_text(str(problem))


def test_a_cues_failure_is_shared_by_the_processes_drawing_the_section(tmp_path):
    log = tmp_path / "asked"
    drawers = [FORK.Process(target=ask_shared, args=(tmp_path / "shared", log, tmp_path / f"answer-{i}"))
               for i in range(3)]
    for drawer in drawers:
        drawer.start()
    for drawer in drawers:
        drawer.join(60)
    assert len(log.read_text().split()) == 1  # the engine was asked once, not once per drawing process
    assert {(tmp_path / f"answer-{i}").read_text() for i in range(3)} == {
        "voice command engine took more than 1 s for cue title"}


@pytest.mark.parametrize("template, shown", [
    ("espeak-ng -w {out:%}", "{out:%}"),
    ("espeak-ng -w {out!r}", "{out!r}"),
    ("espeak-ng -v {lang:>5} -w {out}", "{lang:>5}"),
    ("espeak-ng -w {out:{lang}}", "{out:{lang}}"),
])
def test_a_placeholder_with_a_format_or_conversion_is_refused_with_one_line(tmp_path, capsys, template, shown):
    assert render.main(["--dry-run", "--voice", f"command:{template}", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --voice command: a placeholder is only {name}"), err
    assert f"without a format or conversion: {shown}" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["soon", "0", "-5", "inf"])
def test_a_bad_engine_timeout_is_refused_before_rendering(tmp_path, value):
    done = run_main("--section", "conclusion", "--quality", "tiny", "--out", str(tmp_path / "out"),
                    env={TIMEOUT_ENV: value})
    one_line_error(done, f"{TIMEOUT_ENV}={value!r}: give the engine's time per cue in seconds")
    assert not (tmp_path / "out").exists()


def render_args(tmp_path: Path, script: Path, mode: str) -> list[str]:
    return ["--section", "conclusion", "--quality", "tiny", "--out", str(tmp_path / "out"),
            "--voice", f"command:{script} {mode} {{out}} {{id}}"]


@pytest.mark.slow
def test_a_render_ends_every_detached_child_its_engine_leaves(tmp_path):
    script = engine(tmp_path)
    done = run_cli(*render_args(tmp_path, script, "ok"), env={"TMPDIR": str(tmp_path), TIMEOUT_ENV: "30"},
                   timeout=300)
    assert done.returncode == 0, done.stderr
    assert sorted(calls(script)) == CUES  # each cue asked once, by whichever drawing process came first
    assert len(started(script)) == 2 * len(CUES)
    assert not [pid for pid in started(script) if alive(pid)]


@pytest.mark.slow
def test_a_hanging_engine_fails_the_section_once_with_one_line_and_leaves_nothing(tmp_path):
    script = engine(tmp_path)
    done = run_cli(*render_args(tmp_path, script, "hang"), env={"TMPDIR": str(tmp_path), TIMEOUT_ENV: "2"},
                   timeout=300)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1 and lines == [
        (f"error: section conclusion failed: VoiceError: voice command {script} took more than 2 s for cue "
         "title.conclusion")], done.stderr
    assert calls(script) == ["title.conclusion"]
    assert not [pid for pid in started(script) if alive(pid)]
    assert not (tmp_path / "out" / LESSON / "manifest.json").exists() or "05_conclusion" not in \
        (tmp_path / "out" / LESSON / "manifest.json").read_text()


@pytest.mark.slow
def test_an_engine_that_makes_out_a_fifo_fails_the_section_with_one_line(tmp_path):
    script = engine(tmp_path)
    done = run_cli(*render_args(tmp_path, script, "fifo"), env={"TMPDIR": str(tmp_path)}, timeout=300)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1 and lines == [
        (f"error: section conclusion failed: VoiceError: voice command {script} wrote no readable WAV to {{out}} "
         "for cue title.conclusion (not a regular file)")], done.stderr


@pytest.mark.slow
def test_ctrl_c_of_render_ends_the_engine_and_its_setsid_child(tmp_path):
    """SIGINT to render.py alone (as `kill -INT`), delivered once the engine's detached child is up: render.py
    kills its pool, the workers die with it, and the engine's supervisor and render.py end the rest."""
    script = engine(tmp_path)
    process = subprocess.Popen([*RENDER_PY, *render_args(tmp_path, script, "hang")],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        wait_until(lambda: len(started(script)) == 2, timeout=120)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130 and "Traceback" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == "error: interrupted"
    assert calls(script) == ["title.conclusion"]
    assert not [pid for pid in started(script) if alive(pid)]


def test_render_ends_what_its_dead_workers_leave_but_spares_the_children_it_had(tmp_path):
    """pipeline.reaper.Orphans as render.py uses it, in a forked stand-in for render.py: a setsid grandchild
    whose parent died is handed to it and ended; a child it had before (a test's server) is spared."""
    from pipeline.reaper import Orphans, subreaper

    spared = subprocess.Popen(["sleep", "1000"])
    try:
        child = os.fork()
        if child == 0:
            orphans = Orphans.adopt()
            subprocess.run(["sh", "-c", f"setsid sleep 1000 & echo $! > {tmp_path / 'orphan.pid'}"], check=True)
            orphan = int((tmp_path / "orphan.pid").read_text())
            adopted = alive(orphan) and Path(f"/proc/{orphan}/stat").read_text().rpartition(")")[2].split()[1] \
                == str(os.getpid())
            orphans.end()
            os._exit(0 if adopted and subreaper() is False else 1)
        assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0
        assert not alive(int((tmp_path / "orphan.pid").read_text()))
        assert spared.poll() is None
    finally:
        spared.kill()
        spared.wait()


def test_a_chatty_engine_keeps_only_the_end_of_its_stderr(tmp_path):
    """An engine's stderr went to a file in $TMPDIR without a cap: 1 GiB in 2 s. The last few kB are kept:
    what its error message needs."""
    chatter = "head -c 50000000 /dev/zero | tr '\\0' x >&2; printf '\\nengine: no voice vi-x\\n' >&2; exit 3"
    ended = run_tree(["sh", "-c", chatter], b"", tmp_path, "cue", 120)
    assert (ended.status, ended.timed_out, ended.detail) == (3, False, "engine: no voice vi-x")
    assert (tmp_path / "cue.stderr").stat().st_size <= TAIL_BYTES
