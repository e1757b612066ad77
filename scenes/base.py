"""The base class of every section scene: its plan, its statements, its captions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from manim import Scene

from lessons import catalog
from lessons.config import LANGUAGES, load_lesson
from lessons.section_plan import SectionPlan, Statement
from lessons.sections import plan_section

from . import theme


@dataclass(frozen=True)
class Cue:
    """One caption: when it shows, and its text in every language (so both tracks share the timing)."""

    start: float
    end: float
    texts: tuple[tuple[str, str], ...]  # (language, text)

    def text(self, language: str) -> str:
        return dict(self.texts)[language]


@dataclass(frozen=True)
class Together:
    """Statements shown at once (the outcomes of runs side by side): one caption, joined."""

    statements: tuple[Statement, ...]

    def text(self, language: str) -> str:
        return "; ".join(s.text(language) for s in self.statements)


class LessonScene(Scene):
    """A lesson section. Built with its `plan` by the render pipeline; without it (plain `manim` CLI) it plans
    the default lesson, so `manim -ql scenes/critical_points.py` previews the section as configured."""

    slug: ClassVar[str] = ""

    def __init__(self, plan: SectionPlan | None = None, **kwargs) -> None:
        self.plan = plan if plan is not None else plan_section(load_lesson(), self.slug)
        self.cues: list[Cue] = []
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = theme.BACKGROUND

    @property
    def language(self) -> str:
        return self.plan.language

    def t(self, key: str, **fields: object) -> str:
        """A catalog string that states no fact about the function (a heading, a word, a unit)."""
        return catalog.text(key, self.language, **fields)

    def says(self, name: str) -> str:
        """The plan's statement `name`, in the lesson's language."""
        return self.plan.say(name).text(self.language)

    def caption(self, what: str | Statement | list[Statement], duration: float, **fields: object) -> None:
        """Caption the next `duration` seconds with the plan's statement `what` (a name), or a Statement (or
        several shown together, one cue), or a catalog key with fields; every language is recorded with the
        same timing."""
        if isinstance(what, list):
            statement = Together(tuple(what))
        elif isinstance(what, Statement):
            statement = what
        elif self.plan.has(what):
            statement = self.plan.say(what)
        else:
            statement = Statement(what, tuple(fields.items()))
        start = self.renderer.time
        texts = tuple((lang, statement.text(lang)) for lang in LANGUAGES)
        self.cues.append(Cue(start=start, end=start + duration, texts=texts))
        self.add_subcaption(statement.text(self.language), duration=duration)
