"""`render.py script`: the narration script to record, and the recording folder it keeps in step."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from pipeline.voice import Voice, parse_voice, text_hash
from pipeline.voice.script import ScriptCue, SectionScript, sync_recordings, to_csv, write_script
from tests.helpers import run_main
from tests.helpers.fakes import write_wav

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


@needs_espeak
def test_the_script_lists_every_cue_with_its_id_text_and_synthetic_length(lesson_data, tmp_path):
    plan = lesson_data("minima_vs_maxima")
    markdown, table, warnings = write_script([plan], "lesson", "vi", tmp_path)
    assert warnings == []
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    ids = [row["cue"] for row in rows]
    assert ids[0] == "title.minima_vs_maxima" and "intro" in ids and "verdict.0" in ids
    assert len(ids) == len(set(ids))
    for row in rows:
        assert row["stem"] == "02_minima_vs_maxima" and float(row["seconds"]) > 0.3
        assert row["status"] == "to record" and row["text_sha256"] == text_hash(row["text"])
        assert (tmp_path / row["file"]).with_suffix(".txt").read_text(encoding="utf-8").strip() == row["text"]
        assert "′" not in row["text"] and "=" not in row["text"]
    starts = [float(row["start"]) for row in rows]
    assert starts == sorted(starts)
    text = markdown.read_text(encoding="utf-8")
    assert "## 2. Phân biệt cực tiểu và cực đại (`02_minima_vs_maxima`" in text and "| verdict.0 |" in text


def test_a_take_for_a_changed_text_is_moved_aside_and_listed_to_re_record(tmp_path):
    folder = tmp_path / "01_x"
    section = SectionScript("01_x", "1. X", (ScriptCue("a", 0, 1, "Câu mới", "Câu mới"),
                                              ScriptCue("b", 1, 1, "Giữ nguyên", "Giữ nguyên"),
                                              ScriptCue("c", 2, 1, "Chưa thu", "Chưa thu")))
    write_wav(folder / "a.wav", 1)
    (folder / "a.txt").write_text("Câu cũ\n", encoding="utf-8")
    write_wav(folder / "b.wav", 1)
    (folder / "b.txt").write_text("Giữ nguyên\n", encoding="utf-8")
    synced = sync_recordings(folder, section)
    assert [c.status.split(" ")[0] for c in synced.cues] == ["re-record", "recorded", "to"]
    assert (folder / "a.old.wav").is_file() and not (folder / "a.wav").exists()
    assert (folder / "a.old.txt").read_text(encoding="utf-8") == "Câu cũ\n"
    assert (folder / "a.txt").read_text(encoding="utf-8").strip() == "Câu mới"
    assert (folder / "c.txt").read_text(encoding="utf-8").strip() == "Chưa thu"
    assert "re-record" in to_csv([synced])


@needs_espeak
def test_a_recording_made_from_the_script_is_used_by_the_recorded_voice(tmp_path):
    folder = tmp_path / "01_x"
    sync_recordings(folder, SectionScript("01_x", "1. X", (ScriptCue("a", 0, 1, "Hàm số", "Hàm số"),)))
    write_wav(folder / "a.wav", 2.5)
    voice = Voice(parse_voice(f"recorded:{tmp_path}"), tmp_path / "work", stem="01_x")
    assert voice.say("a", "Hàm số", "vi").source == "recorded" and not voice.warnings


def test_script_options_are_checked(tmp_path):
    done = run_main("script", "--lang", "fr")
    assert done.returncode == 2 and done.stderr.startswith("error: ")
