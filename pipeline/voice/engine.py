"""What a speech engine is: the protocol every engine of pipeline.voice.engines follows (check, identity, say,
details), the spec that names one (`KIND` or `KIND:ARGUMENT`, as --voice and lesson files write it), what an
engine hands back (a cue's WAV and its length), the error a voice raises, and how long an engine may take for
one cue. Shared by the voice front (pipeline.voice), the engines and the processes that share a cue's speech
(pipeline.render.split).

An engine is one module of pipeline.voice.engines with a class that subclasses `Engine` (to inherit the
defaults below), and one line in that package's registry: parsing, checking, the content key, the manifest
and the batch file's rule all go through it, so nothing else names an engine's kind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from mathcore.errors import LessonInputError

COMMAND_TIMEOUT_S = 120.0
TIMEOUT_ENV = "LESSON_VIDEO_VOICE_TIMEOUT"  # seconds an engine may take for one cue (tests set it low)


class VoiceError(LessonInputError):
    """A voice that cannot be used: unknown engine, bad placeholders, missing program or folder."""


@dataclass(frozen=True)
class Speech:
    """One cue's speech: the WAV file and how long it lasts."""

    path: Path
    duration: float
    source: str  # the kind of the engine that spoke it: espeak, recorded, piper, command


@dataclass(frozen=True)
class VoiceSpec:
    """A parsed `--voice` value: the engine's kind and its argument (a folder, a model, a command line)."""

    kind: str
    argument: str = ""

    def __str__(self) -> str:
        return self.kind + (f":{self.argument}" if self.argument else "")


@dataclass(frozen=True)
class Line:
    """One cue to say: its id and text in `language`, in the section `stem`; a synthetic voice makes it last
    at least `at_least` seconds (what its caption's reading needs) and, when it can, at most `at_most`."""

    cue_id: str
    text: str
    language: str
    stem: str = ""
    at_least: float = 0.0
    at_most: float = float("inf")


Warn = Callable[[str], None]  # where an engine says what it replaced (a recording by the synthetic voice)


class Engine(Protocol):
    """A speech engine. The four questions every engine answers:

    - `check(language)`: before anything renders, whether it can be used for a lesson in `language` (VoiceError
      or a subclass, one line);
    - `identity(stem)`: what a section's content key must know of it (its version, its model's hashes, the
      section's recordings), beside its kind;
    - `say(line, target, warn)`: the cue's speech, written to `target` (or a file of its own), or None;
    - `details()`: what the manifest records of it (a model's name, hash and licence), None when nothing.

    The class attributes and the other methods have the defaults below, which an engine overrides as needed.
    """

    kind: ClassVar[str]  # the spec's KIND, and the registry's key
    usage: ClassVar[str]  # how a spec of it is written in messages: `espeak`, `recorded:DIR`
    takes_argument: ClassVar[bool] = False  # its spec is `KIND:ARGUMENT` (else `KIND` alone)
    needs: ClassVar[str | None] = None  # what an empty argument lacks ("the folder of the recordings")
    silent: ClassVar[bool] = False  # says nothing: the clips keep their scripted lengths
    in_data_files: ClassVar[bool] = True  # a lesson or batch file may choose it (False: it runs a program)

    def __init__(self, spec: VoiceSpec) -> None:
        self.spec = spec

    def check(self, language: str | None = None) -> None:
        engine_timeout()  # the time an engine may take for one cue is a number

    def identity(self, stem: str) -> dict:
        return {}

    def say(self, line: Line, target: Path, warn: Warn) -> Speech | None: ...

    def details(self) -> dict | None:
        return None

    @classmethod
    def parse(cls, argument: str, where: str, lesson_file: Path | None) -> VoiceSpec:
        """The spec from `KIND:ARGUMENT`'s argument (stripped); `lesson_file`: the spec comes from that lesson
        file (a path in it is resolved there, and must stay inside its folder)."""
        return VoiceSpec(cls.kind, argument)

    def start(self) -> None:
        """Start what the engine keeps running for a worker (before the worker forks its helpers)."""

    def stop(self) -> None:
        """End what `start` started."""

    def label(self) -> str:
        """The manifest's `voice`: the spec as written (an engine whose argument is private says less)."""
        return str(self.spec)

    def program(self) -> str | None:
        """The program the spec makes this tool run, when a data file's spec can choose one (None: no such
        program); a batch file may choose such a voice only when the command line trusts that program."""
        return None

    def cue_problem(self, problem: str) -> str:
        """How a cue's subtitle problem (its speech too long or too fast) is said with this engine."""
        return problem


def engine_timeout() -> float:
    """Seconds an engine may take for one cue: LESSON_VIDEO_VOICE_TIMEOUT, else COMMAND_TIMEOUT_S."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    if not value:
        return COMMAND_TIMEOUT_S
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < 1e6:
        raise VoiceError(f"{TIMEOUT_ENV}={value!r}: give the engine's time per cue in seconds (e.g. 120)")
    return seconds
