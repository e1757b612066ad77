"""Narration voices: each caption cue's spoken text becomes a WAV file, offline.

A voice is a spec, `KIND` or `KIND:ARGUMENT` (`render.py --voice SPEC`, or `voice = "SPEC"` in a lesson
TOML), whose KIND names an engine of pipeline.voice.engines (`espeak`, the default; `none`; `recorded:DIR`;
`piper:MODEL`; `command:TEMPLATE`: each module says what its engine does). This module is their front: it
parses a spec, checks the engine before anything renders, tells the content key and the manifest what they
record of it, and speaks a section's cues through it (`Voice`), asking each engine the protocol's questions
(pipeline.voice.engine.Engine) and never for its kind.

A voice is handed to the scene (scenes.base.LessonScene) which asks it for each cue's speech before the
beat; the scene makes the beat last at least as long as the speech.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Engine, Line, Speech, VoiceError, VoiceSpec
from .engines import ENGINES
from .engines.recorded import section_recordings, text_hash, wav_duration

__all__ = ["ENGINES", "Engine", "Speech", "Voice", "VoiceError", "VoiceSpec", "check_available", "engine_of",
           "lesson_voice", "parse_voice", "section_recordings", "text_hash", "voice_details", "voice_identity",
           "wav_duration"]


def choices() -> str:
    usages = [engine.usage for engine in ENGINES.values()]
    return ", ".join(usages[:-1]) + f" or {usages[-1]}"


def parse_voice(value: str, *, from_lesson: Path | None = None) -> VoiceSpec:
    """A voice spec, its engine's own checks included. With `from_lesson` (the lesson file), only an engine a
    data file may choose, with a folder or model inside the lesson file's folder (resolved there)."""
    where = f"{from_lesson}: voice" if from_lesson is not None else "--voice"
    if not isinstance(value, str) or not value.strip():
        raise VoiceError(f"{where} must be {choices()}")
    kind, colon, argument = value.strip().partition(":")
    engine = ENGINES.get(kind.strip().lower())
    if engine is None or bool(colon) > engine.takes_argument:
        raise VoiceError(f"{where} {value!r}: choose {choices()}")
    if engine.needs is not None and not argument.strip():
        raise VoiceError(f"{where} {engine.usage} needs {engine.needs}")
    if from_lesson is not None and not engine.in_data_files:
        raise VoiceError(f"{where} {engine.kind}:… is refused in a lesson file (a data file must not run a "
                         "program); pass it on the command line with --voice")
    return engine.parse(argument.strip(), where, from_lesson)


def lesson_voice(lesson) -> VoiceSpec:
    """The voice a lesson file chooses, espeak when it chooses none; an engine that runs a program of the file's
    choosing, or a folder or model outside the lesson file's folder, is refused."""
    if lesson.voice is None:
        return VoiceSpec("espeak")
    return parse_voice(lesson.voice, from_lesson=Path(lesson.file or lesson.source))


def engine_of(spec: VoiceSpec) -> Engine:
    return ENGINES[spec.kind](spec)


def check_available(spec: VoiceSpec, language: str | None = None) -> None:
    """Before rendering: the engine can be used for a lesson in `language` (installed, its model loadable and
    in that language), and the engines' time limit is a number."""
    engine_of(spec).check(language)


def voice_identity(spec: VoiceSpec, stem: str) -> dict:
    """What a section's content key must know of its voice: the engine and what it says of itself (its
    version, a model's hashes, the section's recordings: changing one recording re-renders one section)."""
    return {"voice": spec.kind, **engine_of(spec).identity(stem)}


def voice_details(spec: VoiceSpec) -> dict | None:
    """The manifest's record of the voice (a Piper model's name, hash, licence and credit), None for most."""
    return engine_of(spec).details()


@dataclass
class Voice:
    """Turns a cue's text into speech in `workdir`; `warnings` collects the fallbacks its engine made."""

    spec: VoiceSpec
    workdir: Path
    stem: str = ""
    warnings: list[str] = field(default_factory=list)
    engine: Engine = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.engine = engine_of(self.spec)

    def start(self) -> None:
        """Start what the engine keeps running (Piper's process), before the worker forks its helpers."""
        self.engine.start()

    def stop(self) -> None:
        self.engine.stop()

    @property
    def silent(self) -> bool:
        return self.engine.silent

    def say(self, cue_id: str, text: str, language: str, at_least: float = 0.0,
            at_most: float = math.inf) -> Speech | None:
        """The cue's speech; the synthetic voices (espeak-ng, Piper) slow down to last at least `at_least`
        seconds (what the caption's reading speed needs) and speed up to last at most `at_most` (a cue's
        longest), a recording or another engine is taken as it is."""
        if self.silent or not text.strip():
            return None
        target = self.workdir / "speech" / f"{cue_id}.{language}.wav"
        target.parent.mkdir(parents=True, exist_ok=True)
        return self.engine.say(Line(cue_id, text, language, self.stem, at_least, at_most), target,
                               self.warnings.append)
