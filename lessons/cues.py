"""The caption cues a scene records as it plays: when each shows, its text in every language, its stable
id, its spoken text and its speech. Written by the worker (`cues.json`) and read by the process that makes
the captions and the transcript, through this one pair of functions; no manim here."""

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
