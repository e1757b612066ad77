"""The batch's progress for a person: lessons and sections done of the total, failures, time left.

On a terminal one status line is rewritten in place (failures and finished lessons are printed above it, so
they stay); otherwise (a log, CI, a pipe) each event is one plain line. Time left is the rendering still to
do at the pace measured so far (sections rendered per second of wall time), so it holds for one machine and
for a cluster alike.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO


def duration_text(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


@dataclass
class BatchProgress:
    lessons: int
    sections: int
    renders: int  # section jobs to render (the others are in the store or up to date)
    stream: TextIO = field(default_factory=lambda: sys.stdout)
    terminal: bool | None = None
    clock: object = time.monotonic
    lessons_done: int = 0
    sections_done: int = 0
    renders_done: int = 0
    failures: int = 0
    started: float = 0.0

    def __post_init__(self) -> None:
        if self.terminal is None:
            self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = self.clock()

    def time_left(self) -> str:
        if self.renders_done >= self.renders:
            return "0 s"
        if self.renders_done == 0:
            return "estimating"
        pace = (self.clock() - self.started) / self.renders_done
        return duration_text(pace * (self.renders - self.renders_done))

    def status(self) -> str:
        failed = f", {self.failures} failed" if self.failures else ""
        return (f"lessons {self.lessons_done}/{self.lessons}, sections {self.sections_done}/{self.sections}{failed}"
                f", time left {self.time_left()}")

    def skipped(self, count: int) -> None:
        """Sections already in their lesson folder or in the store: done before anything renders."""
        self.sections_done += count
        self._event(f"{count} sections up to date or in the store" if count else "")

    def section(self, label: str, slots: int, ok: bool, seconds: float, reason: str = "") -> None:
        """A section job ended: it stands for `slots` sections (every lesson that shares its content key)."""
        self.renders_done += 1
        self.sections_done += slots
        shared = f", shared by {slots} lessons" if slots > 1 else ""
        if ok:
            self._event(f"{label}: rendered in {seconds:.1f} s{shared}", keep=False)
        else:
            self.failures += 1
            self._event(f"{label}: FAILED ({reason})", keep=True)

    def lesson(self, label: str, ok: bool, reason: str = "", refused: bool = False) -> None:
        """A lesson folder is assembled (or failed: a section of it failed, or its function was `refused`)."""
        self.lessons_done += 1
        self.failures += refused
        self._event(f"lesson {label}: " + ("ready" if ok else f"FAILED ({reason})"), keep=True)

    def finish(self) -> None:
        if self.terminal:
            self.stream.write("\r\x1b[K" + self.status() + "\n")
            self.stream.flush()

    def _event(self, text: str, keep: bool = False) -> None:
        if not self.terminal:
            if text:
                print(f"[{self.status()}] {text}", file=self.stream, flush=True)
            return
        line = "\r\x1b[K"
        if text and keep:
            line += text + "\n"
        self.stream.write(line + self.status())
        self.stream.flush()
