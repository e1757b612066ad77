"""The caption cues a scene records as it plays: when each shows, its text in every language, its stable
id, its spoken text and its speech; and the beats it records with them, where classroom mode stops.
Written by the worker (`cues.json`, `beats.json`) and read by the process that makes the captions, the
transcript and the manifest, through these pairs of functions; no manim here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Cue:
    """One caption: when it shows, and its text in every language (so both tracks share the timing); with a
    voice, its stable id (the statement's name in the section), its spoken text and its speech file. Its
    speech starts at `start`; `end` is when the caption leaves (lessons.subtitles.display_end)."""

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

    def to_json(self) -> dict:
        """The cue as `cues.json` holds it; not `audio`, a path inside the worker's own folder that means
        nothing to the reader (and would make two renders of the same section differ)."""
        return {"start": self.start, "end": self.end, "texts": dict(self.texts), "id": self.id,
                "spoken": self.spoken, "speech": self.speech, "source": self.source}

    @staticmethod
    def from_json(data: dict) -> Cue:
        return Cue(start=data["start"], end=data["end"], texts=tuple(data["texts"].items()), id=data["id"],
                   spoken=data["spoken"], speech=data["speech"], source=data.get("source", ""))


def write_cues(cues: list[Cue], path: Path) -> Path:
    path.write_text(json.dumps([cue.to_json() for cue in cues], ensure_ascii=False), encoding="utf-8")
    return path


def read_cues(path: Path) -> list[Cue]:
    return [Cue.from_json(data) for data in json.loads(path.read_text(encoding="utf-8"))]


@dataclass(frozen=True)
class BeatSpan:
    """One beat as the scene played it, in frames of the clip: from `start` up to, not including, `end`
    (the frame where the next transition begins, or the clip's end), and the ids of the cues said in it.
    Frames, not seconds, so a player can stop on the beat's last frame, `end - 1`, exactly."""

    start: int
    end: int
    cues: tuple[str, ...]

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "cues": list(self.cues)}

    @staticmethod
    def from_json(data: dict) -> BeatSpan:
        return BeatSpan(start=data["start"], end=data["end"], cues=tuple(data["cues"]))


def write_beats(beats: list[BeatSpan], path: Path) -> Path:
    path.write_text(json.dumps([beat.to_json() for beat in beats], ensure_ascii=False), encoding="utf-8")
    return path


def read_beats(path: Path) -> list[BeatSpan]:
    return [BeatSpan.from_json(data) for data in json.loads(path.read_text(encoding="utf-8"))]


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
