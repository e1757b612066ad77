"""Choosing the voice: --voice on the command line, `voice` in a lesson file (never a command)."""

from __future__ import annotations

import pytest

from lessons.config import DEFAULT_LESSON
from tests.helpers import one_line_error, run_main, tree_hash

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def lesson_file(tmp_path, voice_line: str):
    text = DEFAULT_LESSON.read_text(encoding="utf-8")
    path = tmp_path / "lesson.toml"
    path.write_text(voice_line + "\n" + text, encoding="utf-8")
    return path


@pytest.mark.parametrize("value, needle", [
    ("festival", "choose espeak, none, recorded:DIR, piper:MODEL or command:TEMPLATE"),
    ("piper:", "needs the Piper voice file"),
    ("recorded:", "needs the folder"),
    ("command:espeak-ng -w out.wav", "must contain {out}"),
    ("command:espeak-ng {speed} -w {out}", "unknown placeholder {speed}"),
    ("command:no-such-engine-xyz -w {out}", "not found"),
])
def test_a_bad_voice_is_one_line_and_exit_2(tmp_path, value, needle):
    done = run_main("--dry-run", "--voice", value, "--out", str(tmp_path / "out"))
    one_line_error(done, needle)
    assert not (tmp_path / "out").exists()


def test_the_voice_is_shown_in_the_plan(tmp_path):
    done = run_main("--list", "--voice", "none")
    assert done.returncode == 0 and "voice none" in done.stdout
    done = run_main("--list", "--voice", "command:espeak-ng -v {lang} -w {out} --stdin")
    assert done.returncode == 0 and "voice command:espeak-ng" in done.stdout
    assert "voice espeak" in run_main("--list").stdout


def test_a_lesson_file_may_choose_none_or_recordings_inside_its_folder(tmp_path):
    done = run_main("--list", "--config", str(lesson_file(tmp_path, 'voice = "none"')))
    assert done.returncode == 0 and "voice none" in done.stdout, done.stderr
    done = run_main("--list", "--config", str(lesson_file(tmp_path, 'voice = "recorded:voice"')))
    assert done.returncode == 0 and f"voice recorded:{(tmp_path / 'voice').resolve()}" in done.stdout


@pytest.mark.parametrize("line, needle", [
    ('voice = "command:espeak-ng -v {lang} -w {out} --stdin"', "refused in a lesson file"),
    ('voice = "recorded:../elsewhere"', "inside the lesson file's folder"),
    ("voice = 3", "'voice' must be a string"),
])
def test_a_lesson_file_cannot_run_a_command_or_read_outside_its_folder(tmp_path, line, needle):
    config = lesson_file(tmp_path, line)
    before = tree_hash(tmp_path)
    done = run_main("--config", str(config), "--quality", "tiny", "--out", str(tmp_path / "out"))
    one_line_error(done, needle)
    assert tree_hash(tmp_path) == before


def test_a_missing_espeak_is_refused_before_rendering(tmp_path):
    no_programs = tmp_path / "bin"
    no_programs.mkdir()
    done = run_main("--quality", "tiny", "--section", "conclusion", "--out", str(tmp_path / "out"),
                   env={"PATH": str(no_programs)})
    one_line_error(done, "espeak-ng is not installed")
    assert not (tmp_path / "out").exists()
