"""What crosses between render.py and a section's worker: the job (`job.json`, written by the parent) and
the worker's result (its JSON line). One msgspec Struct each, the model both sides write and read with.

The job carries the section's plan as its record (lessons.section_plan), made once by the parent: the worker
draws it and plans nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from lessons.section_plan import SectionPlan
from sections import plan_from_record


class WorkerJob(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One section to draw: its plan's record, where to work, at which quality, with which voice, by how
    many processes; `parent` is the process the worker must not outlive."""

    workdir: str
    plan: dict[str, Any]  # SectionPlan.to_record()
    quality: str
    voice: str = "espeak"
    processes: int = 1
    parent: int | None = None

    @property
    def slug(self) -> str:
        return self.plan["slug"]

    def section_plan(self) -> SectionPlan:
        return plan_from_record(self.plan)

    def write(self, path: Path) -> Path:
        path.write_bytes(msgspec.json.encode(self))
        return path

    @staticmethod
    def read(path: Path) -> WorkerJob:
        return msgspec.json.decode(path.read_bytes(), type=WorkerJob)

    @staticmethod
    def parent_of(path: Path) -> int | None:
        """The parent named in a job file, read before anything else of it."""
        return msgspec.json.decode(path.read_bytes(), type=_Parent).parent


class _Parent(msgspec.Struct):
    parent: int | None = None


class WorkerResult(msgspec.Struct, frozen=True, kw_only=True):
    """The files a worker made in its work folder, and the voice's fallbacks (recordings replaced by the
    synthetic voice), as lines for the render's stderr and for the manifest."""

    video: str
    cues: str
    preview: str
    audio: str | None = None
    voice_warnings: tuple[str, ...] = ()
    beats: str = ""  # beats.json: where each beat ends (lessons.cues.BeatSpan)

    def line(self) -> str:
        return msgspec.json.encode(self).decode("utf-8")

    @staticmethod
    def from_line(line: str) -> WorkerResult:
        return msgspec.json.decode(line, type=WorkerResult)
