"""What crosses between render.py and a section's worker: the job (`job.json`, written by the parent) and
the worker's result (its JSON line). One typed record each, with the one pair of functions both sides use.

The job carries the section's plan, made once by the parent: the worker draws it and plans nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lessons.section_plan import SectionPlan
from sections import plan_from_record


@dataclass(frozen=True)
class WorkerJob:
    """One section to draw: its plan, where to work, at which quality, with which voice, by how many
    processes; `parent` is the process the worker must not outlive."""

    workdir: str
    plan: SectionPlan
    quality: str
    voice: str = "espeak"
    processes: int = 1
    parent: int | None = None

    @property
    def slug(self) -> str:
        return self.plan.slug

    def to_json(self) -> dict:
        return {"workdir": self.workdir, "plan": self.plan.to_record(), "quality": self.quality,
                "voice": self.voice, "processes": self.processes, "parent": self.parent}

    @staticmethod
    def from_json(data: dict) -> WorkerJob:
        return WorkerJob(workdir=data["workdir"], plan=plan_from_record(data["plan"]),
                         quality=data["quality"], voice=data["voice"], processes=int(data["processes"]),
                         parent=data["parent"])

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False), encoding="utf-8")
        return path

    @staticmethod
    def read(path: Path) -> WorkerJob:
        return WorkerJob.from_json(json.loads(path.read_text(encoding="utf-8")))

    @staticmethod
    def parent_of(path: Path) -> int | None:
        """The parent named in a job file, read before anything else of it."""
        return json.loads(path.read_text(encoding="utf-8")).get("parent")


@dataclass(frozen=True)
class WorkerResult:
    """The files a worker made in its work folder, and the voice's fallbacks (recordings replaced by the
    synthetic voice), as lines for the render's stderr and for the manifest."""

    video: str
    cues: str
    preview: str
    audio: str | None = None
    voice_warnings: tuple[str, ...] = field(default=())
    beats: str = ""  # beats.json: where each beat ends (lessons.cues.BeatSpan)

    def to_json(self) -> dict:
        return {"video": self.video, "cues": self.cues, "preview": self.preview, "audio": self.audio,
                "voice_warnings": list(self.voice_warnings),
                "beats": self.beats}

    @staticmethod
    def from_json(data: dict) -> WorkerResult:
        return WorkerResult(video=data["video"], cues=data["cues"], preview=data["preview"], audio=data["audio"],
                            voice_warnings=tuple(data["voice_warnings"]), beats=data.get("beats", ""))

    def line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)

    @staticmethod
    def from_line(line: str) -> WorkerResult:
        return WorkerResult.from_json(json.loads(line))
