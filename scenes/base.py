"""The base class of every section scene: its plan, its statements, its captions and their speech.

Narration follows manim-voiceover's pattern: `caption()` asks the scene's voice (handed in by the
pipeline; none in the plain manim CLI and the scene tests) for the cue's speech before the beat starts;
the caption lasts exactly as long as the speech, and the next caption (or the end of the scene) first waits
for whatever speech is still playing, so a beat lasts at least as long as its speech, never cut and never
overlapping the next cue. Without a voice a caption lasts its scripted `duration`, as before.
"""

from __future__ import annotations

import copy
import math
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, Protocol

import svgelements
from manim import Scene, config

from lessons.catalog import SHARED
from lessons.config import LANGUAGES
from lessons.cues import Cue
from lessons.section_plan import SectionPlan
from lessons.speech import speak
from lessons.text import Statement, Texts

from . import theme
from .camera import LessonCamera

# A parsed SVG path (what a Typst glyph was built from) is never changed once its mobject exists, but manim
# deep-copies it with every copy of the glyph: the copy manim's SVG cache keeps of each new Typst mobject
# cost more than parsing it. Copies share it instead.
copy._deepcopy_dispatch[svgelements.Path] = copy._deepcopy_atomic


class Voice(Protocol):
    """What a scene needs of a narration voice (pipeline.voice.Voice): speech for a cue, or None."""

    def say(self, cue_id: str, text: str, language: str): ...


@dataclass(frozen=True)
class Together:
    """Statements shown at once (the outcomes of runs side by side): one caption, joined."""

    statements: tuple[Statement, ...]

    def text(self, language: str) -> str:
        return " ".join(s.text(language) for s in self.statements)  # each a sentence of its own


class LessonScene(Scene):
    """A lesson section, built with its `plan` (the section's words, `texts`, give the headings and labels
    that state no fact). sections.section_scene.SectionScene plans the default lesson when no plan is
    given, for the plain manim CLI."""

    slug: ClassVar[str] = ""
    texts: ClassVar[Texts] = SHARED

    def __init__(self, plan: SectionPlan, voice: Voice | None = None, **kwargs) -> None:
        self.plan = plan
        self.voice = voice
        self.cues: list[Cue] = []
        self._cue_ids: Counter[str] = Counter()
        self._speech_until = 0.0
        super().__init__(**{"camera_class": LessonCamera, **kwargs})

    def setup(self) -> None:
        self.camera.background_color = theme.BACKGROUND

    @property
    def language(self) -> str:
        return self.plan.language

    def t(self, key: str, **fields: object) -> str:
        """A catalog string that states no fact about the function (a heading, a word, a unit)."""
        return self.texts.text(key, self.language, **fields)

    def says(self, name: str) -> str:
        """The plan's statement `name`, in the lesson's language."""
        return self.plan.say(name).text(self.language)

    def caption(self, what: str | Statement | list[Statement], duration: float, **fields: object) -> None:
        """Caption the next beat with the plan's statement `what` (a name), or a Statement (or several shown
        together, one cue), or a catalog key with fields; every language is recorded with the same timing.
        With a voice the speech is made first and the caption lasts as long as it; without one, `duration`
        seconds."""
        if isinstance(what, list):
            statement = Together(tuple(what))
        elif isinstance(what, Statement):
            statement = what
        elif self.plan.has(what):
            statement = self.plan.say(what)
        else:
            statement = self.texts.say(what, **fields)
        # a name is stable; a Statement handed in directly (a run's result) is a variant chosen for the function,
        # so its id is its place in the section, never its catalog key
        cue_id = self.cue_id(what if isinstance(what, str) else "lines" if isinstance(what, list) else "line")
        self.finish_speech()
        start = self.renderer.time
        texts = tuple((lang, statement.text(lang)) for lang in LANGUAGES)
        spoken = speak(statement, self.language)
        speech = self.voice.say(cue_id, spoken, self.language) if self.voice is not None else None
        length = speech.duration if speech is not None else 0.0
        end = start + (length if speech is not None else duration)
        self._speech_until = start + length
        self.cues.append(Cue(start=start, end=end, texts=texts, id=cue_id, spoken=spoken,
                             audio=str(speech.path) if speech is not None else None, speech=length))

    def cue_id(self, name: str) -> str:
        """A stable id: the statement's name (or catalog key), numbered from the second time it is said."""
        self._cue_ids[name] += 1
        count = self._cue_ids[name]
        return name if count == 1 else f"{name}-{count}"

    def finish_speech(self) -> None:
        """Wait (whole frames) until the speech of the last cue has ended."""
        remaining = self._speech_until - self.renderer.time
        if remaining <= 1e-6:
            return
        fps = float(config.frame_rate) or 1.0
        self.wait(math.ceil(remaining * fps - 1e-6) / fps)

    def tear_down(self) -> None:
        self.finish_speech()
        super().tear_down()
