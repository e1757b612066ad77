"""The docs' recipe for adding a voice engine, followed once: a throwaway engine (one module, from the fixture
below) and one line in the registry is parsed, checked, keyed, recorded and heard like the others, and a lesson
renders with it."""

from __future__ import annotations

import json
import sys
import textwrap
import wave

import pytest

import pipeline.voice.engines as engines
from pipeline.render.section import manifest_voice
from pipeline.voice import Voice, VoiceError, check_available, parse_voice, voice_details, voice_identity
from tests.helpers import run_main

MODULE = '''
    """The `tone:HZ` voice: a sine tone for as long as the cue's caption needs to be read."""

    import wave
    from pathlib import Path

    import numpy as np

    from pipeline.voice.engine import Engine, Line, Speech, VoiceError, VoiceSpec, Warn

    RATE = 16_000


    class Tone(Engine):
        kind = "tone"
        usage = "tone:HZ"
        takes_argument = True
        needs = "a frequency in Hz"

        @classmethod
        def parse(cls, argument: str, where: str, lesson_file: Path | None) -> VoiceSpec:
            if not argument.isdigit() or not 20 <= int(argument) <= 2000:
                raise VoiceError(f"{where} tone:{argument}: a whole number of Hz from 20 to 2000")
            return VoiceSpec(cls.kind, argument)

        def identity(self, stem: str) -> dict:
            return {"hz": int(self.spec.argument)}

        def details(self) -> dict:
            return {"engine": "tone", "hz": int(self.spec.argument)}

        def say(self, line: Line, target: Path, warn: Warn) -> Speech:
            seconds = max(line.at_least, 0.05 * len(line.text))
            t = np.arange(round(seconds * RATE)) / RATE
            samples = (8000 * np.sin(2 * np.pi * int(self.spec.argument) * t)).astype("<i2")
            with wave.open(str(target), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(RATE)
                out.writeframes(samples.tobytes())
            return Speech(target, len(samples) / RATE, self.kind)
'''


@pytest.fixture
def tone(tmp_path, monkeypatch):
    """The engine's module, written where the engines package finds it, and its one line in the registry."""
    folder = tmp_path / "engines"
    folder.mkdir()
    (folder / "tone.py").write_text(textwrap.dedent(MODULE).lstrip(), encoding="utf-8")
    monkeypatch.setattr(engines, "__path__", [*engines.__path__, str(folder)])
    module = __import__("pipeline.voice.engines.tone", fromlist=["Tone"])
    monkeypatch.setitem(engines.ENGINES, "tone", module.Tone)  # the one line
    yield module.Tone
    sys.modules.pop("pipeline.voice.engines.tone", None)


def test_a_new_engine_is_one_module_and_one_registry_line(tone, tmp_path):
    spec = parse_voice("tone:440")
    assert (spec.kind, spec.argument) == ("tone", "440")
    with pytest.raises(VoiceError, match=r"^--voice tone:HZ needs a frequency in Hz$"):
        parse_voice("tone")
    with pytest.raises(VoiceError, match=r"tone:9: a whole number of Hz"):
        parse_voice("tone:9")
    with pytest.raises(VoiceError, match=r"choose espeak, none, recorded:DIR, piper:MODEL, command:TEMPLATE or "
                                         r"tone:HZ$"):
        parse_voice("bell")
    check_available(spec, "vi")
    assert voice_identity(spec, "01_critical_points") == {"voice": "tone", "hz": 440}
    assert voice_details(spec) == {"engine": "tone", "hz": 440}
    assert manifest_voice(spec) == "tone:440"
    voice = Voice(spec, tmp_path, stem="01_critical_points")
    speech = voice.say("title.critical_points", "Điểm tới hạn", "vi", at_least=1.5)
    assert speech.source == "tone" and speech.duration == 1.5
    with wave.open(str(speech.path)) as made:
        assert (made.getframerate(), made.getnframes()) == (16_000, 24_000)
    assert voice.say("blank", "   ", "vi") is None  # nothing to say: no engine asked


def test_a_lesson_file_may_choose_it_as_any_data_file_engine(tone, tmp_path):
    lesson = tmp_path / "lesson.toml"
    assert parse_voice("tone:220", from_lesson=lesson).argument == "220"


@pytest.mark.slow
def test_a_lesson_renders_with_it(tone, tmp_path):
    """A real render of one section (in this process, so its warm pool forks with the engine registered): the
    clip's narration is the engine's, and the manifest says so."""

    done = run_main("--quality", "tiny", "--section", "conclusion", "--voice", "tone:330", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    manifest = json.loads(next(tmp_path.glob("*/manifest.json")).read_text(encoding="utf-8"))
    entry = manifest["sections"][0]
    assert entry["voice"] == "tone:330" and entry["voice_model"] == {"engine": "tone", "hz": 330}
    assert set(entry["cue_sources"]) == {"tone"} and entry["audio"]["codec"] == "aac"
