"""WebVTT files from the cues a scene recorded (one track per language, same timing), each cue's text broken
into at most two lines at a phrase boundary (lessons.subtitles.break_lines); the whole lesson's captions and
its chapters too (pipeline.render.lesson_video).

Cue text is escaped for WebVTT: in a cue `<` opens a tag and `&` a character reference, so "f′ < 0" written as
it is would be read as "f′ " (Chromium drops the rest of the line). The manifest's `cues` and the pages keep the
plain text; only the files carry the escapes."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from lessons.cues import Cue
from lessons.subtitles import break_lines

MIN_CUE_S = 0.05  # a cue shorter than this (cut by the next one or by the clip's end) is left out
ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def timestamp(seconds: float) -> str:
    millis = int(round(max(seconds, 0.0) * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def escape(text: str) -> str:
    """Plain text as WebVTT cue text: `&`, `<` and `>` as character references (the spec's three)."""
    return "".join(ESCAPES.get(c, c) for c in text)


@dataclass(frozen=True)
class Timed:
    """A cue as a file holds it: its span in seconds and its lines of plain text."""

    start: float
    end: float
    lines: tuple[str, ...]


def timed_cues(cues: list[Cue], language: str, duration: float, offset: float = 0.0) -> list[Timed]:
    """Cues clipped to the clip's duration and made non-overlapping (a cue ends where the next begins), moved
    by `offset` seconds (the clip's start in the whole lesson)."""
    ordered = sorted(cues, key=lambda c: c.start)
    timed = []
    for i, cue in enumerate(ordered):
        start = min(cue.start, duration)
        end = min(cue.end, duration)
        if i + 1 < len(ordered):
            end = min(end, ordered[i + 1].start)
        if end - start < MIN_CUE_S:
            continue
        text = unicodedata.normalize("NFC", cue.text(language))
        timed.append(Timed(offset + start, offset + end, break_lines(text, language)))
    return timed


def vtt(cues: Iterable[Timed]) -> str:
    """The WebVTT file of `cues`, numbered from 1, their text escaped."""
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(cues, start=1):
        lines += [str(number), f"{timestamp(cue.start)} --> {timestamp(cue.end)}", *map(escape, cue.lines), ""]
    return "\n".join(lines)


def to_vtt(cues: list[Cue], language: str, duration: float) -> str:
    return vtt(timed_cues(cues, language, duration))
