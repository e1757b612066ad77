"""Shared fixtures: scenes built without writing video, lessons with another function, one real tiny render of
the default lesson (`rendered`), and the browser (Debian's Chromium, headless, through Selenium)."""

from __future__ import annotations

import os
import shutil

import pytest

from lessons.config import with_overrides
from sections import load_lesson, plan_section
from tests.helpers import LESSON, run_cli

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


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


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """One real tiny render of the whole default lesson, shared by the tests that inspect the outputs."""
    out = tmp_path_factory.mktemp("render") / "out"
    done = run_cli("--quality", "tiny", "--out", str(out), "--jobs", "2", timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / LESSON


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups into the test ids
def pytest_collection_modifyitems(items):
    """The tests that read the session's rendered lesson run on one worker, so it is rendered once; so do the
    tests that read one built scene."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "rendered" in names:
            item.add_marker(pytest.mark.xdist_group("rendered"))
        elif "built_scene" in names:
            item.add_marker(pytest.mark.xdist_group("built_scenes"))


@pytest.fixture(scope="module")
def browser():
    if not (shutil.which(CHROMIUM) and shutil.which(DRIVER)):
        pytest.fail("Debian's chromium and chromium-driver are required (make test installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_script_timeout(120)
    yield driver
    driver.quit()
