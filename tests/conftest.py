"""Shared fixtures: scenes built without writing video, lessons with another function."""

from __future__ import annotations

import pytest

from lessons.config import with_overrides
from sections import load_lesson, plan_section


@pytest.fixture
def lesson_data():
    def build(slug: str, function: str | None = None, domain: tuple[float, float] | None = None,
              language: str | None = None):
        return plan_section(with_overrides(load_lesson(), function, domain, language), slug)
    return build


@pytest.fixture(scope="session", autouse=True)
def manim_media_in_tmp(tmp_path_factory):
    """Typst and manim caches go to a temporary folder, never into the working tree."""
    from manim import config

    config.media_dir = str(tmp_path_factory.mktemp("media"))
    config.verbosity = "ERROR"


@pytest.fixture
def run_scene(tmp_path):
    """run_scene(SceneClass, plan) -> (scene, problems): the scene built without video, and every layout
    problem found at the end of (and inside) its animations."""
    from manim import tempconfig

    from scenes.layout_check import DRY, watch

    def run(scene_class, plan):
        found: list = []
        with tempconfig({**DRY, "media_dir": str(tmp_path)}):
            scene = scene_class(plan=plan, skip_animations=True)
            watch(scene, plan.slug, found)
            scene.render()
        return scene, found

    return run


@pytest.fixture
def fresh_planning():
    """Plans and analyses made anew (the process keeps them per lesson): for tests of planning's own cost."""
    import sections
    from sections import planning

    sections.context.cache_clear()
    planning.analysis_of.cache_clear()
    yield
    sections.context.cache_clear()
