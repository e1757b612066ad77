"""One section drawn by several processes, so a single section keeps every core busy.

The worker forks its helpers once the lesson is planned (imports and plans are shared, nothing is
threaded yet). Every process runs the section's scene from the start; the first to reach a chunk of the
timeline claims it and draws it, the others jump over it (pipeline.render.renderer.SectionRenderer), so the work
balances itself however long each chunk takes, and a chunk's bytes are the same whoever draws it. The
chunks are joined by pipeline.render.chunks.assemble.

Every process asks for the same cues' speech: the first to ask makes it, the others wait for and read that
result (SharedVoice), so the clock runs identically in every process even with a speech engine that would
not say a line twice in the same time.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path

from ..voice.engine import Speech, VoiceError

FORK = multiprocessing.get_context("fork")


class Claims:
    """Which process draws which chunk: the first to reach chunk `index` creates its claim file (an atomic
    O_EXCL create, no lock to hold, so a process that dies can never block the others). Which process
    draws a chunk changes no byte of it (pipeline.render.encoder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def claim(self, index: int) -> bool:
        try:
            fd = os.open(self.folder / str(index), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        return True


class SharedVoice:
    """A voice shared by the processes drawing one section: a cue's speech is made once, by whichever
    process asks first (the others wait on its lock file and read the result with its warnings). A failure
    is shared too: the others fail with its message, never ask a hanging engine again."""

    def __init__(self, voice, folder: Path) -> None:
        self.voice = voice
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def warnings(self) -> list[str]:
        return self.voice.warnings

    def say(self, cue_id: str, text: str, language: str, at_least: float = 0.0,
            at_most: float = float("inf")) -> Speech | None:
        key = hashlib.sha256(json.dumps([cue_id, text, language, at_least, min(at_most, 1e9)]).encode("utf-8")
                             ).hexdigest()[:24]
        result = self.folder / f"{key}.json"
        with open(self.folder / f"{key}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if result.exists():
                made = json.loads(result.read_text(encoding="utf-8"))
                self.voice.warnings.extend(made["warnings"])
                if made.get("error"):
                    raise VoiceError(made["error"])
                return Speech(Path(made["path"]), made["duration"], made["source"]) if made["path"] else None
            before = len(self.voice.warnings)
            try:
                speech, error = self.voice.say(cue_id, text, language, at_least, at_most), None
            except VoiceError as failed:
                speech, error = None, failed
            made = {"path": str(speech.path) if speech else None, "duration": speech.duration if speech else 0.0,
                    "source": speech.source if speech else "", "warnings": self.voice.warnings[before:],
                    "error": str(error) if error else None}
            partial = result.with_suffix(".partial")
            partial.write_text(json.dumps(made), encoding="utf-8")
            partial.replace(result)
            if error is not None:
                raise error
            return speech


def start_helpers(count: int, target: Callable[[int], None]) -> list:
    """`count` forked processes running target(1) … target(count); call before any thread starts."""
    helpers = [FORK.Process(target=target, args=(index,), name=f"section-helper-{index}", daemon=False)
               for index in range(1, count + 1)]
    for helper in helpers:
        helper.start()
    return helpers


def stop_helpers(helpers: list) -> None:
    """Kill the helpers still running (the section failed or was interrupted) and reap them all."""
    for helper in helpers:
        if helper.is_alive():
            os.kill(helper.pid, signal.SIGKILL)
    for helper in helpers:
        helper.join()
