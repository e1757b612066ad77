"""`render.py script` under careless input: a recording folder that is not one, cue texts that are not
files, links, another language's folder, a planning budget, and the work folders of killed runs.
Validation runs `render.main` in-process; hangs and kills run the real CLI in a subprocess."""

import os
import signal
import threading

import pytest

import render
from mathcore.budget import HANG_GUARD_ENV
from pipeline.faults import FAULT_ENV
from pipeline.voice.script import ScriptCue, SectionScript, read_take_text, sync_recordings
from tests.helpers import LESSON, run_cli, tree_hash
from tests.helpers.fakes import write_wav

ONE = ("--section", "critical_points")


def script(*args: str) -> int:
    return render.main(["script", *ONE, *args])


def error_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


@pytest.mark.parametrize("out, needle", [
    ("FILE", "is not a folder; choose another --out"),
    ("/dev/null", "--out /dev/null is not a folder"),
    ("DANGLING", "is a symbolic link to nowhere"),
    ("FILE/inside", "(Not a directory); choose another --out"),
])
def test_a_recording_folder_that_is_not_a_folder_is_one_line_and_nothing_is_written(tmp_path, capsys, out, needle):
    (tmp_path / "file").write_text("a file, not a folder")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    out = out.replace("FILE", str(tmp_path / "file")).replace("DANGLING", str(tmp_path / "dangling"))
    before = tree_hash(tmp_path)
    assert script("--out", out) == 2
    lines = error_lines(capsys)
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], lines
    assert tree_hash(tmp_path) == before and not (tmp_path / "nowhere").exists()


def test_the_default_folder_where_it_cannot_be_made_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "recordings").write_text("not a folder")  # as in a checkout where recordings/ cannot be made
    assert script() == 2
    assert error_lines(capsys) == [f"error: cannot write the narration script into the default folder "
                                   f"recordings/{LESSON}/vi (Not a directory); choose a folder with --out DIR"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recordings"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_the_default_folder_in_a_read_only_checkout_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tmp_path.chmod(0o555)
    try:
        assert script() == 2
        lines = error_lines(capsys)
        assert len(lines) == 1 and "(Permission denied); choose a folder with --out DIR" in lines[0], lines
        assert list(tmp_path.iterdir()) == []
    finally:
        tmp_path.chmod(0o755)


def test_the_script_has_the_renders_guard_against_hangs(tmp_path, capsys, monkeypatch, fresh_planning):
    monkeypatch.setenv(HANG_GUARD_ENV, "0.001")
    assert script("--out", str(tmp_path / "rec")) == 2
    assert error_lines(capsys) == ["error: planning the lesson took more than 0.001 s: the machine is too busy "
                                   "or the input too hard; try again, or simplify the function or use fewer steps"]
    assert not (tmp_path / "rec").exists()


def test_a_script_in_another_language_is_refused_in_a_folder_of_recordings(tmp_path, capsys):
    folder = tmp_path / "recordings" / "vi"
    (folder / "01_critical_points").mkdir(parents=True)
    (folder / "script.vi.md").write_text("# Narration script\n")
    write_wav(folder / "01_critical_points" / "tangent.wav", 1)
    (folder / "01_critical_points" / "tangent.txt").write_text("Tiếp tuyến\n", encoding="utf-8")
    before = tree_hash(tmp_path)
    assert script("--lang", "en", "--out", str(folder)) == 2
    assert error_lines(capsys) == [f"error: {folder} holds the vi recordings (script.vi.md); the en script goes "
                                   f"into a folder of its own: --out {tmp_path / 'recordings' / 'en'}"]
    assert tree_hash(tmp_path) == before


def section(*cues: tuple[str, str]) -> SectionScript:
    return SectionScript("01_x", "1. X", tuple(ScriptCue(cue, 0, 1, text, text) for cue, text in cues))


def test_a_cue_text_that_is_a_link_is_replaced_never_written_through(tmp_path):
    folder = tmp_path / "01_x"
    folder.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("someone else's file\n")
    (folder / "a.txt").symlink_to(outside)  # no take: the text to record is written
    (folder / "b.txt").symlink_to(outside)  # with a take: it is moved aside, unread
    write_wav(folder / "b.wav", 1)
    synced = sync_recordings(folder, section(("a", "Câu a"), ("b", "someone else's file")))
    assert outside.read_text() == "someone else's file\n"
    for name, text in (("a.txt", "Câu a\n"), ("b.txt", "someone else's file\n")):
        assert not (folder / name).is_symlink() and (folder / name).read_text(encoding="utf-8") == text
    assert [c.status for c in synced.cues] == ["to record", "re-record (b.txt unreadable; old take kept as .old.wav)"]
    assert (folder / "b.old.wav").is_file() and (folder / "b.old.txt").is_symlink()
    assert len(synced.warnings) == 2 and all("a symbolic link, not a regular file" in w for w in synced.warnings)


def test_a_cue_text_that_is_a_fifo_or_dev_zero_is_not_read(tmp_path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 200_000)
    found = {}
    reader = threading.Thread(target=lambda: found.update({p.name: read_take_text(p) for p in (fifo, zero, big)}),
                              daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "reading a cue text blocked"
    assert found == {"fifo.txt": (None, "not a regular file"),
                     "zero.txt": (None, "a symbolic link, not a regular file"),
                     "big.txt": (None, "the cue text is larger than 100 kB")}


@pytest.mark.slow
def test_the_script_command_moves_unreadable_takes_aside_without_hanging(tmp_path):
    stem = tmp_path / "rec" / "01_critical_points"
    stem.mkdir(parents=True)
    os.mkfifo(stem / "title.critical_points.txt")  # the first cue: today's code would block on it
    write_wav(stem / "title.critical_points.wav", 1)
    (stem / "tangent.txt").symlink_to("/dev/zero")
    write_wav(stem / "tangent.wav", 1)
    done = run_cli("script", *ONE, "--out", str(tmp_path / "rec"), timeout=120)
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.strip().splitlines()
    assert len(warnings) == 2 and all(w.startswith("warning: ") for w in warnings), done.stderr
    assert "title.critical_points.txt: not a regular file" in warnings[0]
    assert "tangent.txt: a symbolic link, not a regular file" in warnings[1]
    for cue in ("title.critical_points", "tangent"):
        assert (stem / f"{cue}.old.wav").is_file() and not (stem / f"{cue}.wav").exists()
        assert (stem / f"{cue}.txt").is_file() and not (stem / f"{cue}.txt").is_symlink()
    assert ",re-record (tangent.txt unreadable" in (tmp_path / "rec" / "script.vi.csv").read_text(encoding="utf-8")


@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_a_killed_script_leaves_a_work_folder_the_next_one_removes(tmp_path):
    env = {FAULT_ENV: "scripting:SIGKILL", "TMPDIR": str(tmp_path)}
    live = tmp_path / f"lesson-script-{os.getpid()}-live"
    live.mkdir()
    first = run_cli("script", *ONE, "--out", str(tmp_path / "rec"), env=env, timeout=120)
    assert first.returncode == -signal.SIGKILL
    left = [p for p in tmp_path.glob("lesson-script-*") if p != live]
    assert len(left) == 1 and left[0].name.split("-")[2].isdigit()
    second = run_cli("script", *ONE, "--out", str(tmp_path / "rec"), env=env, timeout=120)
    assert second.returncode == -signal.SIGKILL
    assert not left[0].exists() and live.exists()  # the dead one's removed, never a live one's
    assert len([p for p in tmp_path.glob("lesson-script-*") if p != live]) == 1
