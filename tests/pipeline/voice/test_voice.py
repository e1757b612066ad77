"""Voices: espeak-ng by default, none, the teacher's recordings (with fallbacks that warn), any local engine
behind `command:`; and how a voice is chosen (CLI or lesson file)."""

from __future__ import annotations

import shutil

import pytest

from pipeline.voice import Voice, VoiceError, VoiceSpec, parse_voice, text_hash, voice_identity, wav_duration
from tests.helpers.fakes import write_wav

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


def test_voice_values_are_parsed_and_bad_ones_refused():
    assert parse_voice("espeak") == VoiceSpec("espeak")
    assert parse_voice("none") == VoiceSpec("none")
    assert parse_voice("recorded:/tmp/rec").kind == "recorded"
    for bad in ("", "festival", "espeak:x", "recorded:", "command:", "command:espeak-ng -w out.wav",
                "command:espeak-ng -w {out} {voice}", "command:no-such-engine-here {out}", "command:'unclosed {out}"):
        with pytest.raises(VoiceError):
            parse_voice(bad)


def test_a_lesson_file_may_not_run_a_command_nor_read_recordings_outside_its_folder(tmp_path):
    lesson = tmp_path / "lesson.toml"
    with pytest.raises(VoiceError, match="refused in a lesson file"):
        parse_voice("command:espeak-ng -w {out} --stdin", from_lesson=lesson)
    with pytest.raises(VoiceError, match="inside the lesson file's folder"):
        parse_voice("recorded:../elsewhere", from_lesson=lesson)
    inside = parse_voice("recorded:voice", from_lesson=lesson)
    assert inside == VoiceSpec("recorded", str((tmp_path / "voice").resolve()))


def test_none_says_nothing(tmp_path):
    assert Voice(VoiceSpec("none"), tmp_path).say("intro", "Xin chào", "vi") is None


@needs_espeak
def test_espeak_writes_a_wav_as_long_as_the_text(tmp_path):
    voice = Voice(VoiceSpec("espeak"), tmp_path)
    short = voice.say("a", "Hàm số", "vi")
    long = voice.say("b", "Tiếp tuyến trượt dọc đồ thị; độ dốc của nó là f phẩy của x.", "vi")
    assert short.source == "espeak" and short.path.is_file()
    assert 0.2 < short.duration < long.duration < 10
    assert voice.say("c", "A tangent slides along the graph.", "en").duration > 0.5


@needs_espeak
def test_a_local_engine_behind_command_reads_stdin_and_writes_out(tmp_path):
    spec = parse_voice("command:espeak-ng -v {lang} -s 120 -w {out} --stdin")
    voice = Voice(spec, tmp_path)
    slow = voice.say("tangent", "Tiếp tuyến nằm ngang", "vi")
    normal = Voice(VoiceSpec("espeak"), tmp_path / "e").say("tangent", "Tiếp tuyến nằm ngang", "vi")
    assert slow.source == "command" and slow.duration > normal.duration  # -s 120 is slower than the default 175


def test_a_failing_command_is_an_error_naming_the_cue(tmp_path):
    voice = Voice(parse_voice("command:false {out}"), tmp_path)
    with pytest.raises(VoiceError, match="cue intro"):
        voice.say("intro", "hello", "en")


@needs_espeak
def test_recordings_replace_the_synthetic_voice_cue_by_cue_and_fall_back_with_a_warning(tmp_path):
    folder = tmp_path / "rec" / "01_critical_points"
    write_wav(folder / "tangent.wav", 3.25)
    (folder / "tangent.txt").write_text("Tiếp tuyến trượt dọc đồ thị.\n", encoding="utf-8")
    write_wav(folder / "solve.wav", 2.0)
    (folder / "solve.txt").write_text("an older text", encoding="utf-8")
    (folder / "candidates.wav").write_bytes(b"not a wav")
    (folder / "candidates.txt").write_text("Đây mới là ứng viên.", encoding="utf-8")
    voice = Voice(parse_voice(f"recorded:{tmp_path / 'rec'}"), tmp_path / "work", stem="01_critical_points")
    used = voice.say("tangent", "Tiếp tuyến trượt dọc đồ thị.", "vi")
    assert used.source == "recorded" and used.duration == pytest.approx(3.25, abs=1e-3)
    assert voice.say("solve", "Giải f phẩy của x bằng 0", "vi").source == "espeak"
    assert voice.say("candidates", "Đây mới là ứng viên.", "vi").source == "espeak"
    assert voice.say("missing", "Hàm số", "vi").source == "espeak"
    warnings = "\n".join(voice.warnings)
    assert len(voice.warnings) == 3
    assert "solve.wav was made for another text" in warnings
    assert "candidates.wav is not a readable PCM WAV" in warnings
    assert "missing.wav is missing" in warnings


def test_the_content_key_sees_each_recording(tmp_path):
    folder = tmp_path / "01_x"
    write_wav(folder / "a.wav", 1.0)
    spec = VoiceSpec("recorded", str(tmp_path))
    before = voice_identity(spec, "01_x")
    write_wav(folder / "a.wav", 1.5)
    assert voice_identity(spec, "01_x") != before
    assert voice_identity(spec, "02_y") != before


def test_text_hash_ignores_normalisation_and_surrounding_space(tmp_path):
    import unicodedata
    assert text_hash(unicodedata.normalize("NFD", "Hàm số ")) == text_hash("Hàm số")
    assert wav_duration(write_wav(tmp_path / "half.wav", 0.5)) == pytest.approx(0.5, abs=1e-3)


def test_a_renumbered_section_keeps_its_recordings(tmp_path):
    """Identity is the slug: takes recorded when the conclusion was section 5 are used, and keyed, when it
    is section 6; `render.py script` renames the folder to the new stem with its takes."""
    folder = tmp_path / "rec" / "05_conclusion"
    write_wav(folder / "closing.wav", 2.5)
    (folder / "closing.txt").write_text("Kết luận.", encoding="utf-8")
    voice = Voice(parse_voice(f"recorded:{tmp_path / 'rec'}"), tmp_path / "work", stem="06_conclusion")
    used = voice.say("closing", "Kết luận.", "vi")
    assert used.source == "recorded" and used.path == folder / "closing.wav" and not voice.warnings
    spec = VoiceSpec("recorded", str(tmp_path / "rec"))
    assert voice_identity(spec, "06_conclusion") == voice_identity(spec, "05_conclusion")
    assert voice_identity(spec, "06_conclusion")["recordings"] != {}
    from pipeline.voice.script import section_folder

    moved = section_folder(tmp_path / "rec", "06_conclusion")
    assert moved == tmp_path / "rec" / "06_conclusion" and (moved / "closing.wav").is_file()
    assert not folder.exists()
