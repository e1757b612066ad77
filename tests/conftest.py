"""Shared fixtures: scenes built without writing video, lessons with another function."""

from __future__ import annotations

import pytest

from lessons.config import load_lesson, with_overrides
from lessons.sections import plan_section


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
