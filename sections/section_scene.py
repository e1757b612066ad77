"""The base of every section's scene: a LessonScene that knows its section's words, and plans the default
lesson when it is built without a plan, so `manim -ql sections/<slug>/scene.py <Scene>` previews it."""

from __future__ import annotations

import importlib

from lessons.section_plan import SectionPlan
from scenes.base import LessonScene, Voice

from . import load_lesson, plan_section


class SectionScene(LessonScene):
    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.slug:  # the words of the section whose folder it is in
            cls.texts = importlib.import_module(f"sections.{cls.slug}").SECTION.text

    def __init__(self, plan: SectionPlan | None = None, voice: Voice | None = None, **kwargs) -> None:
        super().__init__(plan if plan is not None else plan_section(load_lesson(), self.slug), voice, **kwargs)
