"""WebVTT caption files from the cues a scene recorded (one track per language, same timing), each cue's text
broken into at most two lines at a phrase boundary (lessons.subtitles.break_lines)."""

from __future__ import annotations

import unicodedata

from lessons.cues import Cue
from lessons.subtitles import break_lines


def timestamp(seconds: float) -> str:
    millis = int(round(max(seconds, 0.0) * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def to_vtt(cues: list[Cue], language: str, duration: float) -> str:
    """Cues clipped to the clip's duration and made non-overlapping (a cue ends where the next begins)."""
    ordered = sorted(cues, key=lambda c: c.start)
    lines = ["WEBVTT", ""]
    for i, cue in enumerate(ordered):
        start = min(cue.start, duration)
        end = min(cue.end, duration)
        if i + 1 < len(ordered):
            end = min(end, ordered[i + 1].start)
        if end - start < 0.05:
            continue
        text = unicodedata.normalize("NFC", cue.text(language))
        lines += [str(i + 1), f"{timestamp(start)} --> {timestamp(end)}", *break_lines(text, language), ""]
    return "\n".join(lines)
