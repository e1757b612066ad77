"""Shared fixtures: scenes built without writing video, lessons with another function."""

from __future__ import annotations

import os

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
def manim_media(request, tmp_path_factory):
    """manim's media folder for the scenes the tests build: Typst's SVGs are kept by content hash, so one
    folder for the session (in pytest's cache when it has one, so the next run compiles nothing it compiled
    before; per typst version) and never the working tree."""
    from importlib import metadata

    from manim import config

    folder = None
    if getattr(request.config, "cache", None) is not None:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")  # one folder per worker: no two write one file
        folder = request.config.cache.mkdir(f"manim-media-typst-{metadata.version('typst')}-{worker}")
    config.media_dir = str(folder or tmp_path_factory.mktemp("media"))
    config.verbosity = "ERROR"
    return config.media_dir


def build_scene(scene_class, plan):
    """(scene, problems): the scene of `plan` built without video, and every layout problem found at the end
    of (and inside) its animations."""
    from manim import tempconfig

    from scenes.layout_check import DRY, watch

    found: list = []
    with tempconfig(DRY):  # the session's media folder: Typst's SVGs shared between builds
        scene = scene_class(plan=plan, skip_animations=True)
        watch(scene, plan.slug, found)
        scene.tracker_values = []  # a scene with a `tracker` (section 1's tangent): its value after each play
        checked_play = scene.play

        def play(*args, **kwargs):
            checked_play(*args, **kwargs)
            if hasattr(scene, "tracker"):
                scene.tracker_values.append(scene.tracker.get_value())
        scene.play = play
        scene.render()
    return scene, found


@pytest.fixture
def run_scene(tmp_path):
    """run_scene(SceneClass, plan) -> (scene, problems), built for this test alone (build_scene)."""
    return build_scene


@pytest.fixture(scope="session")
def built_scene(manim_media):
    """built_scene(slug, function=None, domain=None, language=None) -> (scene, problems) of that lesson's
    section, built once per worker and shared: read it, never change it. The tests that use it run on one
    worker (pytest_collection_modifyitems), so each scene is built once a session."""
    from sections import scene_class

    built: dict = {}

    def build(slug: str, function: str | None = None, domain: tuple[float, float] | None = None,
              language: str | None = None):
        key = (slug, function, domain and tuple(float(v) for v in domain), language)
        if key not in built:
            plan = plan_section(with_overrides(load_lesson(), function, domain, language), slug)
            built[key] = build_scene(scene_class(slug), plan)
        return built[key]

    return build


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups into the test ids
def pytest_collection_modifyitems(items):
    for item in items:
        if "built_scene" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("built_scenes"))


@pytest.fixture
def fresh_planning():
    """Plans and analyses made anew (the process keeps them per lesson): for tests of planning's own cost."""
    import sections
    from sections import planning

    sections.context.cache_clear()
    planning.analysis_of.cache_clear()
    yield
    sections.context.cache_clear()


@pytest.fixture
def zoom_headings(monkeypatch):
    """The (kind, heading) of every zoomed view the test's scenes build (scenes.zoom.ZoomView)."""
    from scenes.zoom import ZoomView

    seen: list[tuple[str, str]] = []
    original = ZoomView.__init__

    def spy(self, main, zoom, heading, *args, **kwargs):
        seen.append((zoom.kind.value, heading))
        original(self, main, zoom, heading, *args, **kwargs)

    monkeypatch.setattr(ZoomView, "__init__", spy)
    return seen


def pytest_unconfigure(config):
    """pytest's unraisable-exception check collects garbage five times as it unconfigures; over a whole
    session's heap (plans, built scenes, manim's caches) that took a worker over 5 s, and pytest-xdist's
    transport (execnet) stops a worker still busy 5 s after the end by sending it SIGINT: the KeyboardInterrupt
    then surfaced as an unraisable-exception warning at the end of every full run. One collection here (its
    unraisable exceptions are still reported), then the heap is frozen, so the five collections that follow
    see only what is new."""
    import gc

    gc.collect()
    gc.freeze()
