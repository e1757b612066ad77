"""What every speech engine hands back (a cue's WAV and its length), the error a voice raises, and how long
an engine may take for one cue: shared by the voice front (pipeline.voice), the engines it drives
(pipeline.voice.engines) and the processes that share a cue's speech (pipeline.render.split)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mathcore.errors import LessonInputError

COMMAND_TIMEOUT_S = 120.0
TIMEOUT_ENV = "LESSON_VIDEO_VOICE_TIMEOUT"  # seconds an engine may take for one cue (tests set it low)


class VoiceError(LessonInputError):
    """A voice that cannot be used: unknown engine, bad placeholders, missing program or folder."""


@dataclass(frozen=True)
class Speech:
    """One cue's speech: the WAV file and how long it lasts."""

    path: Path
    duration: float
    source: str  # espeak | recorded | command


def engine_timeout() -> float:
    """Seconds an engine may take for one cue: LESSON_VIDEO_VOICE_TIMEOUT, else COMMAND_TIMEOUT_S."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    if not value:
        return COMMAND_TIMEOUT_S
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < 1e6:
        raise VoiceError(f"{TIMEOUT_ENV}={value!r}: give the engine's time per cue in seconds (e.g. 120)")
    return seconds
