"""The speech engines behind the voice front (pipeline.voice), one module each, and their registry: a spec's
KIND names its engine here. Adding an engine is a module with a class that subclasses
pipeline.voice.engine.Engine, and one line below (the order is the order messages list them in)."""

from __future__ import annotations

from ..engine import Engine
from .command import Command
from .espeak import Espeak
from .none import Silent
from .piper import Piper
from .recorded import Recorded

ENGINES: dict[str, type[Engine]] = {
    "espeak": Espeak,
    "none": Silent,
    "recorded": Recorded,
    "piper": Piper,
    "command": Command,
}
