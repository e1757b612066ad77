"""`render.py batch` against hostile batch files and options (issue 33): a batch file is data and runs no
program, every oddity of its cells is one line, control characters are shown escaped, and an empty `--out`
is refused before any work."""

import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline.batch.file import BatchFileError, read_batch
from pipeline.batch.run import Overrides, plan_lessons
from pipeline.batch.store import COMMIT, SectionStore
from tests.helpers import one_line_error, run_cli, run_main, stored_section, tree_hash

MARKER_COMMAND = "command:sh -c 'id > {marker}; espeak-ng -w $1 hi' sh {{out}}"


def write(folder: Path, text: str, name: str = "batch.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def variant(extra: str = "") -> str:
    return f'[[variant]]\nfunction = "x^2 - 2x"\ndomain = [-1, 3]\nsections = ["critical_points"]\n{extra}'


@pytest.mark.parametrize("where", ["variant", "defaults", "csv"])
def test_a_batch_file_cannot_choose_a_voice_that_runs_a_program(tmp_path, where):
    marker = tmp_path / "marker"
    voice = MARKER_COMMAND.format(marker=marker)
    if where == "csv":
        path = write(tmp_path, f"function,start,end,voice\nx^2 - 2x,-1,3,\"{voice}\"\n", "sheet.csv")
    elif where == "defaults":
        path = write(tmp_path, f"[defaults]\nvoice = {json.dumps(voice)}\n\n" + variant())
    else:
        path = write(tmp_path, variant(f"voice = {json.dumps(voice)}\n"))
    with pytest.raises(BatchFileError, match=r"entry 1: voice command:… is refused in a batch file \(a data file "
                                             r"must not run a program\); pass the voice with --voice, or trust its "
                                             r"program with --trust-voice-command sh"):
        read_batch(path)
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"), "--quality", "tiny")
    one_line_error(done, "is refused in a batch file")
    assert not marker.exists() and not (tmp_path / "out").exists()


def test_the_command_line_may_trust_one_engine_by_name_and_no_other(tmp_path):
    voice = "command:espeak-ng -v {lang} -w {out} --stdin"
    path = write(tmp_path, variant(f"voice = {json.dumps(voice)}\n"))
    assert read_batch(path, trusted_engine="espeak-ng").variants[0].voice == voice
    assert read_batch(path, trusted_engine=shutil.which("espeak-ng")).variants[0].voice == voice  # its path too
    with pytest.raises(BatchFileError, match="--trust-voice-command espeak-ng"):
        read_batch(path, trusted_engine="sh")
    done = run_main("batch", str(path), "--trust-voice-command", "sh", "--dry-run", "--out", str(tmp_path / "o"))
    one_line_error(done, "is refused in a batch file")


def test_a_cell_longer_than_the_csv_limit_is_one_line(tmp_path):
    path = write(tmp_path, "function,start,end\n\"" + "x+" * 70_000 + "x\",-1,1\n", "long.csv")
    with pytest.raises(BatchFileError, match=r"long.csv: line 2: not CSV \(field larger than field limit"):
        read_batch(path)
    one_line_error(run_main("batch", str(path), "--dry-run"), "not CSV")


def test_a_column_named_twice_is_refused(tmp_path):
    path = write(tmp_path, "function,start,end,start\nx^2,-1,1,-2\n", "twice.csv")
    with pytest.raises(BatchFileError, match="the header row names the column 'start' twice"):
        read_batch(path)


@pytest.mark.parametrize("digits, needle", [(400, "entry 1: domain must be two numbers"),
                                            (5000, "invalid TOML: Exceeds the limit (4300 digits)")])
def test_a_domain_of_ten_to_the_400_is_one_line_in_a_batch_and_in_a_lesson_file(tmp_path, digits, needle):
    huge = "1" + "0" * digits
    path = write(tmp_path, f'[[variant]]\nfunction = "x^2"\ndomain = [-1, {huge}]\n')
    one_line_error(run_main("batch", str(path), "--dry-run"), needle)
    lesson = write(tmp_path, f'lesson = "big"\nfunction = "x^2"\ndomain = [-1, {huge}]\n', "lesson.toml")
    one_line_error(run_main("--config", str(lesson), "--dry-run"),
                   "domain must be a finite number" if digits == 400 else "invalid TOML: Exceeds the limit")


def test_control_characters_of_a_batch_function_are_shown_escaped(tmp_path):
    """render.py --function escapes them; the batch printed them raw, so an ESC sequence in a mailed sheet
    recoloured (or rewrote) the teacher's terminal."""
    path = write(tmp_path, '[[variant]]\nfunction = "x^2\\u001b[31m"\ndomain = [-1, 1]\n'
                           '[[variant]]\nfunction = "x^2 - 2x"\ndomain = [-1, 3]\nsections = ["critical_points"]\n')
    done = run_main("batch", str(path), "--dry-run", "--quality", "tiny", "--voice", "none")
    assert done.returncode == 1, done.stderr
    assert "\x1b" not in done.stdout + done.stderr
    assert "1. x^2\\x1b[31m: refused: " in done.stdout


def test_an_empty_out_is_refused_before_any_work(tmp_path):
    path = write(tmp_path, variant())
    before = tree_hash(tmp_path)
    done = run_main("batch", str(path), "--out", "", "--quality", "tiny", "--voice", "none", cwd=tmp_path)
    one_line_error(done, "--out is empty: name the output folder")
    assert tree_hash(tmp_path) == before  # no .store, batch.json or batch.html in the current folder
    one_line_error(run_main("batch", str(path), "--out", " ", "--dry-run", cwd=tmp_path), "--out is empty")


# --- the store heals: a damaged entry is rendered again and replaced, said in one line; one entry's problem is
# that entry's


THREE = '[defaults]\nquality = "tiny"\nvoice = "none"\n\n[[variant]]\nfunction = "x^2 - 2x"\ndomain = [-1, 3]\n' \
        'sections = ["critical_points", "minima_vs_maxima", "plateaus"]\n'


def planned_keys(path: Path, out: Path) -> dict[str, str]:
    lesson, = plan_lessons(read_batch(path), Overrides(), str(out), 1)
    return lesson.keys


def test_a_damaged_or_unreadable_entry_counts_as_absent_and_is_said(tmp_path):
    path = write(tmp_path, THREE)
    keys = planned_keys(path, tmp_path / "out")
    store = SectionStore(f"file://{tmp_path}/store").prepare()
    for key in keys.values():
        store.put(key, stored_section(key))
    truncated, unreadable = keys["minima_vs_maxima"], keys["plateaus"]
    store.fs.pipe_file(store._path(truncated, "files", "03_plateaus.mp4"), b"mp4")
    os.unlink(store._path(unreadable, COMMIT))
    os.mkdir(store._path(unreadable, COMMIT))  # read as a folder: IsADirectoryError, the batch's traceback
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"), "--store", f"file://{tmp_path}/store",
                    "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "critical_points    from store" in done.stdout
    assert "minima_vs_maxima   to render" in done.stdout and "plateaus           to render" in done.stdout
    warnings = done.stderr.splitlines()
    assert warnings == [
        f"warning: the store's entry {truncated[:12]} (02_minima_vs_maxima) is damaged: files/03_plateaus.mp4 "
        "does not match its commit record; it would be rendered again",
        f"warning: the store's entry {unreadable[:12]} (03_plateaus) is damaged: commit.json is a folder, not a "
        "file; it would be rendered again"], done.stderr


@pytest.mark.slow
def test_a_damaged_entry_is_rendered_again_and_replaced_and_the_healthy_one_lands(tmp_path):
    """A stored file replaced by a folder failed the lesson, and the healthy section of the same lesson was
    not landed either; every run after that ended with `not in the store`."""
    path = write(tmp_path, THREE.replace('"minima_vs_maxima", "plateaus"', '"minima_vs_maxima"'))
    store_url = f"file://{tmp_path}/store"
    first = run_cli("batch", str(path), "--out", str(tmp_path / "first"), "--store", store_url, timeout=600)
    assert first.returncode == 0, first.stderr
    keys = planned_keys(path, tmp_path / "first")
    store = SectionStore(store_url)
    damaged = keys["critical_points"]
    video = store._path(damaged, "files", "01_critical_points.mp4")
    os.unlink(video)
    os.makedirs(video + "/inside")
    done = run_cli("batch", str(path), "--out", str(tmp_path / "again"), "--store", store_url, timeout=600)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith(("warning: the store", "error"))] == [
        f"warning: the store's entry {damaged[:12]} (01_critical_points) is damaged: files/01_critical_points.mp4 "
        "is a folder, not a file; rendering it again"]
    totals = json.loads((tmp_path / "again" / "batch.json").read_text(encoding="utf-8"))["totals"]
    assert (totals["rendered"], totals["from_store"], totals["failed_sections"]) == (1, 1, 0)
    first_folder, = (p for p in (tmp_path / "first").iterdir() if p.is_dir() and p.name != ".store")
    for name in ("01_critical_points.mp4", "02_minima_vs_maxima.mp4"):
        assert (tmp_path / "again" / first_folder.name / name).read_bytes() == (first_folder / name).read_bytes()
    assert store.read(damaged) is not None  # replaced: the next run takes it from the store


@pytest.mark.slow
def test_a_section_the_store_cannot_take_still_lands_in_its_lesson(tmp_path):
    """A write error in one entry of the store (here a full disk at `store-put`) stopped the whole batch."""
    path = write(tmp_path, THREE.replace('"minima_vs_maxima", "plateaus"', ""))
    done = run_cli("batch", str(path), "--out", str(tmp_path / "out"), env={"LESSON_VIDEO_FAULT": "store-put:ENOSPC"},
                   timeout=600)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if line.startswith("warning: 01_")] == [
        f"warning: 01_critical_points: cannot write into the store {tmp_path / 'out' / '.store'} (No space left on "
        "device); its lessons get it from this run, the store does not keep it"]
    folder, = (p for p in (tmp_path / "out").iterdir() if p.is_dir() and p.name != ".store")
    assert (folder / "01_critical_points.mp4").is_file()
    assert not list((tmp_path / "out" / ".store").glob("*/commit.json"))
