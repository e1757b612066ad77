"""The base class of every section scene: its data, its strings, its captions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from manim import Scene

from lessons.config import LANGUAGES, load_lesson
from lessons.data import SectionData, section_data

from . import strings, theme


@dataclass(frozen=True)
class Cue:
    """One caption: when it shows, and its text in every language (so both tracks share the timing)."""

    start: float
    end: float
    texts: tuple[tuple[str, str], ...]  # (language, text)

    def text(self, language: str) -> str:
        return dict(self.texts)[language]


class LessonScene(Scene):
    """A lesson section. Built with `data` by the render pipeline; without it (plain `manim` CLI) it loads
    the default lesson, so `manim -ql scenes/critical_points.py` previews the section as configured."""

    slug: ClassVar[str] = ""

    def __init__(self, data: SectionData | None = None, **kwargs) -> None:
        self.data = data if data is not None else section_data(load_lesson(), self.slug)
        self.cues: list[Cue] = []
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = theme.BACKGROUND

    @property
    def language(self) -> str:
        return self.data.language

    def t(self, key: str, **fields: object) -> str:
        return strings.text(key, self.language, **fields)

    def caption(self, key: str, duration: float, **fields: object) -> None:
        """Caption the next `duration` seconds with catalog string `key` (every language recorded)."""
        start = self.renderer.time
        texts = tuple((lang, strings.text(key, lang, **fields)) for lang in LANGUAGES)
        self.cues.append(Cue(start=start, end=start + duration, texts=texts))
        self.add_subcaption(strings.text(key, self.language, **fields), duration=duration)
