"""The caption cues a scene records as it plays: when each shows, its text in every language, its stable
id, its spoken text and its speech; and the beats it records with them, where classroom mode stops.
Written by the worker (`cues.json`, `beats.json`) and read by the process that makes the captions, the
transcript and the manifest: msgspec Structs, one model each for both sides; no manim here."""

from __future__ import annotations

from pathlib import Path

import msgspec


class Cue(msgspec.Struct, frozen=True):
    """One caption: when it shows, and its text in every language (so both tracks share the timing); with a
    voice, its stable id (the statement's name in the section), its spoken text and its speech file (a path
    in the worker's own folder). Its speech starts at `start`; `end` is when the caption leaves
    (lessons.subtitles.display_end)."""

    start: float
    end: float
    texts: tuple[tuple[str, str], ...]  # (language, text)
    id: str = ""
    spoken: str = ""
    audio: str | None = None
    speech: float = 0.0  # seconds of speech (0 without a voice)
    source: str = ""  # what spoke it: espeak | piper | recorded | command ("" when silent)

    def text(self, language: str) -> str:
        return dict(self.texts)[language]


def write_cues(cues: list[Cue], path: Path) -> Path:
    """`cues.json` without `audio`: a path inside the worker's own folder means nothing to the reader, and would
    make two renders of the same section differ."""
    path.write_bytes(msgspec.json.encode([msgspec.structs.replace(cue, audio=None) for cue in cues]))
    return path


def read_cues(path: Path) -> list[Cue]:
    return msgspec.json.decode(path.read_bytes(), type=list[Cue])


class BeatSpan(msgspec.Struct, frozen=True):
    """One beat as the scene played it, in frames of the clip: from `start` up to, not including, `end`
    (the frame where the next transition begins, or the clip's end), and the ids of the cues said in it.
    Frames, not seconds, so a player can stop on the beat's last frame, `end - 1`, exactly."""

    start: int
    end: int
    cues: tuple[str, ...]


def write_beats(beats: list[BeatSpan], path: Path) -> Path:
    path.write_bytes(msgspec.json.encode(beats))
    return path


def read_beats(path: Path) -> list[BeatSpan]:
    return msgspec.json.decode(path.read_bytes(), type=list[BeatSpan])


def span_problems(spans: list[BeatSpan], cues: list[Cue], fps: float, frames: int) -> list[str]:
    """What is wrong with a scene's beats (none for a scene built by scenes.base): they must tile the clip's
    `frames` from 0, hold every cue inside exactly one of them, and each end between its last cue's end and
    the next beat's first cue's start."""
    if not spans:
        return ["no beat recorded"]
    problems = []
    if spans[0].start != 0 or spans[-1].end != frames:
        problems.append(f"the beats cover frames {spans[0].start}..{spans[-1].end}, not the clip's 0..{frames}")
    problems += [f"beat {i + 1} ends at frame {a.end}, the next starts at {b.start}"
                 for i, (a, b) in enumerate(zip(spans, spans[1:])) if a.end != b.start or a.end <= a.start]
    eps = 1e-6
    frame = 1 / fps  # a cue may end inside its beat's last frame (the scene's clock is not frame-aligned)
    for cue in cues:
        inside = [i for i, s in enumerate(spans)
                  if s.start / fps - eps <= cue.start and cue.end < s.end / fps + frame - eps]
        if len(inside) != 1 or cue.id not in spans[inside[0]].cues:
            problems.append(f"cue {cue.id} ({cue.start:.2f}–{cue.end:.2f} s) lies inside {len(inside)} beats")
    starts = {cue.id: cue.start for cue in cues}
    for i, (span, following) in enumerate(zip(spans, spans[1:])):
        next_start = starts.get(following.cues[0]) if following.cues else None
        if next_start is not None and span.end / fps > next_start + eps:
            problems.append(f"beat {i + 1} ends at {span.end / fps:.2f} s, after the next cue starts")
    return problems
