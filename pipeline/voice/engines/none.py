"""The `none` voice: no narration; the clips are silent and every beat keeps its scripted length."""

from __future__ import annotations

from pathlib import Path

from ..engine import Engine, Line, Warn


class Silent(Engine):
    kind = "none"
    usage = "none"
    silent = True

    def check(self, language: str | None = None) -> None:
        """Nothing to check: no engine runs."""

    def say(self, line: Line, target: Path, warn: Warn) -> None:
        return None
