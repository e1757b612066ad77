"""Classroom mode in Chromium, served and from file://: Space through the whole lesson (at 8× speed, so the
test does not take the clips' real time) stops on the last frame of every beat the manifest records and never
shows a frame past a beat's end without a key press; ← and the number keys land on the right beat; captions
switch (vi, en, off) and blank works; nothing is fetched from outside. Served by `render.py serve` the clips
stream; served by Python's http.server, which ignores Range requests (the clips cannot seek), the page plays
them from memory and stops exactly all the same. A silent English lesson too. Screenshots at 1920×1080 and
1280×720 in both languages."""

import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from lessons.subtitles import break_lines
from pipeline.publish.run import publish
from tests.helpers import LESSON, RENDER_PY, ROOT, render
from tests.helpers.browser import open_page, serve, settled, viewport
from tests.helpers.fakes import FIXTURE, PAGE

SHOTS = os.environ.get("LESSON_VIDEO_SHOTS")  # a folder to keep the screenshots in (else the test's tmp)
RATE = 8

VIEW = """const box = document.getElementById('captions'), blank = document.getElementById('blank');
const cover = blank.getBoundingClientRect();
return {caption: box.innerText.trim(), lang: box.lang, indicator: document.getElementById('indicator').textContent,
        blank: !blank.hidden && getComputedStyle(blank).display !== 'none' && cover.width >= innerWidth
               && cover.height >= innerHeight, paused: [...document.querySelectorAll('video')].every((v) => v.paused)};"""


def press(driver, key):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()
    time.sleep(0.05)
    return settled(driver)


def caption_text(cue: dict, language: str) -> str:
    return "\n".join(break_lines(cue["texts"][language], language))


def walk_the_lesson(driver, manifest):
    """Space from the first beat to the last: each press plays one beat and stops on its last frame."""
    from selenium.webdriver.common.keys import Keys

    sections = manifest["sections"]
    first = settled(driver)
    assert (first["state"]["sec"], first["state"]["beat"], first["state"]["phase"]) == (0, 0, "start")
    assert first["state"]["frame"] == 0
    stops = 0
    for sec, entry in enumerate(sections):
        for beat, span in enumerate(entry["beats"]):
            now = press(driver, Keys.SPACE if stops % 3 == 0 else Keys.ARROW_RIGHT if stops % 3 == 1 else Keys.PAGE_DOWN)
            state = now["state"]
            assert (state["sec"], state["beat"], state["phase"]) == (sec, beat, "end"), (entry["stem"], beat)
            # the clip's position is the beat's last frame; no frame past it was ever shown (a paused seek
            # does not always get a frame callback in headless Chromium, so `shown` may lag behind)
            assert state["frame"] == span["end"] - 1, (entry["stem"], beat, now)
            assert span["start"] - 1 <= now["shown"][sec] <= span["end"] - 1
            played = [frame for s, b, frame in now["presented"] if (s, b) == (sec, beat)]
            assert played and max(played) <= span["end"] - 1 and min(played) >= span["start"] - 1
            assert all((s, b) == (sec, beat) for s, b, _ in now["presented"])  # one press, one beat
            assert now["crossings"] == 0
            stops += 1
    assert stops == sum(len(e["beats"]) for e in sections)
    still = press(driver, Keys.SPACE)  # at the very end: nothing more to play
    assert (still["state"]["sec"], still["state"]["phase"]) == (len(sections) - 1, "end") and not still["presented"]


def check_navigation(driver, manifest):
    from selenium.webdriver.common.keys import Keys

    sections = manifest["sections"]
    last = len(sections) - 1
    beats = [e["beats"] for e in sections]

    def at(now, sec, beat):
        state = now["state"]
        assert (state["sec"], state["beat"], state["phase"]) == (sec, beat, "start")
        assert state["frame"] == beats[sec][beat]["start"]
    at(press(driver, Keys.ARROW_LEFT), last, len(beats[last]) - 2)
    at(press(driver, Keys.PAGE_UP), last, len(beats[last]) - 3)
    if len(sections) >= 3:
        at(press(driver, str(sections[2]["number"])), 2, 0)  # the key is the section's number
        at(press(driver, Keys.ARROW_LEFT), 1, len(beats[1]) - 1)  # back over a section's start
    at(press(driver, Keys.HOME), 0, 0)
    at(press(driver, Keys.ARROW_LEFT), 0, 0)
    at(press(driver, Keys.END), last, len(beats[last]) - 1)
    at(press(driver, "1"), 0, 0)
    now = press(driver, Keys.SPACE)  # from a beat's start, Space plays that beat
    assert (now["state"]["beat"], now["state"]["frame"]) == (0, beats[0][0]["end"] - 1)


def check_captions_and_blank(driver, manifest, language):
    entry = manifest["sections"][-1]
    press(driver, str(entry["number"]))  # the section's first frame: its title is being said
    title = next(c for c in entry["cues"] if c["start"] <= 0.05)
    other = "en" if language == "vi" else "vi"
    view = driver.execute_script(VIEW)
    assert (view["caption"], view["lang"]) == (caption_text(title, language), language)
    assert view["indicator"] == f"{entry['number']} · 1/{len(entry['beats'])}"
    press(driver, "c")
    view = driver.execute_script(VIEW)
    assert (view["caption"], view["lang"]) == (caption_text(title, other), other)
    press(driver, "C")
    assert driver.execute_script(VIEW)["caption"] == ""
    press(driver, "c")
    assert driver.execute_script(VIEW)["caption"] == caption_text(title, language)
    press(driver, "b")
    view = driver.execute_script(VIEW)
    assert view["blank"] and view["caption"] == "" and view["paused"], view
    press(driver, ".")
    view = driver.execute_script(VIEW)
    assert not view["blank"] and view["caption"] == caption_text(title, language)


def check_full_screen(driver):
    """F toggles full screen; there the indicator hides after 2 s without the mouse and shows when it moves."""
    from selenium.webdriver.common.action_chains import ActionChains

    look = """return {full: !!document.fullscreenElement, idle: document.body.classList.contains('idle'),
                      opacity: getComputedStyle(document.getElementById('indicator')).opacity};"""
    press(driver, "f")
    time.sleep(0.3)
    assert driver.execute_script(look)["full"]
    time.sleep(2.6)
    hidden = driver.execute_script(look)
    assert hidden["idle"] and hidden["opacity"] == "0", hidden
    ActionChains(driver).move_by_offset(5, 5).perform()
    assert not driver.execute_script(look)["idle"]
    press(driver, "F")
    time.sleep(0.3)
    assert not driver.execute_script(look)["full"]


def check_nothing_from_outside(driver, allowed: str):
    """Served: every request the page made is for a clip of the lesson's folder. From a file, Chromium lists
    no resource timing for file:// media, so every http(s) request is blocked while the page runs and would
    show as a console error."""
    requests = driver.execute_script("return performance.getEntriesByType('resource').map((r) => r.name)")
    assert all(name.startswith(allowed) for name in requests), requests
    assert all(".mp4" in name for name in requests), requests  # the clips, nothing else
    assert requests or allowed.startswith("file:")
    problems = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not problems, problems


def show_a_beat_being_said(driver, manifest):
    """Land on the first frame of beat 3 of section 2 (reached from beat 4 by ←), then move its clip to the
    middle of the beat's first cue, as a teacher's screen shows it while it is said."""
    from selenium.webdriver.common.keys import Keys

    sec = 1 if len(manifest["sections"]) > 1 else 0
    entry, b = manifest["sections"][sec], 2
    span = entry["beats"][b]
    press(driver, str(entry["number"]))
    for _ in range(b + 2):
        press(driver, Keys.SPACE)
    now = press(driver, Keys.ARROW_LEFT)
    assert (now["state"]["sec"], now["state"]["beat"], now["state"]["frame"]) == (sec, b, span["start"])
    cue = next(c for c in entry["cues"] if c["id"] == span["cues"][0])
    driver.execute_script("const v = document.querySelectorAll('video')[arguments[0]]; v.currentTime = arguments[1];",
                          sec, (cue["start"] + cue["end"]) / 2)
    time.sleep(1.6)  # seeked, and the indicator's flash is over
    return cue


def screenshots(driver, folder: Path, language: str, tag: str):
    shots = []
    for width, height in ((1920, 1080), (1280, 720)):
        viewport(driver, width, height)
        time.sleep(0.3)
        path = folder / f"present-{tag}-{language}-{width}x{height}.png"
        driver.save_screenshot(str(path))
        shots.append(path)
    viewport(driver, 1280, 720)
    return shots


def run_through(driver, folder: Path, url: str, allowed: str, shots: Path, tag: str, walk: bool = True):
    """`walk`: play every beat of the lesson (the narrated lesson walks served; from a file, the silent English
    lesson walks, and the narrated one is only loaded, navigated, seeked and looked at)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    language = manifest["language"]
    driver.get_log("browser")  # what an earlier page logged
    open_page(driver, url)
    if walk:
        walk_the_lesson(driver, manifest)
    else:
        from selenium.webdriver.common.keys import Keys

        press(driver, Keys.END)  # where a walk ends: the last beat
    check_navigation(driver, manifest)
    check_captions_and_blank(driver, manifest, language)
    check_full_screen(driver)
    cue = show_a_beat_being_said(driver, manifest)
    assert driver.execute_script(VIEW)["caption"] == caption_text(cue, language)
    taken = screenshots(driver, shots, language, tag)
    press(driver, "c")  # the other language's captions
    time.sleep(1.6)
    taken += screenshots(driver, shots, "en" if language == "vi" else "vi", f"{tag}-captions")
    check_nothing_from_outside(driver, allowed)
    assert all(path.stat().st_size > 10_000 for path in taken)


@pytest.fixture(scope="module")
def silent_english(tmp_path_factory):
    """Two sections of an English lesson, silent (what a teacher who speaks renders)."""
    out = tmp_path_factory.mktemp("present") / "out"
    done = render("--quality", "tiny", "--voice", "none", "--lang", "en", "--section", "critical_points",
                  "--section", "minima_vs_maxima", "--section", "conclusion", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return next(p.parent for p in out.glob("*/manifest.json"))


def shot_folder(tmp_path) -> Path:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def server_process(command: list[str], ready: str):
    """A server started as a user starts it, on a free port of 127.0.0.1: yields its base URL (the first line
    of its output that starts with `ready` names it), stopped at the end."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        while line and not line.startswith(ready):
            line = process.stdout.readline()
        assert line, "the server printed no address"
        yield line
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def render_py_serve(folder: Path):
    with server_process([*RENDER_PY, "serve", str(folder), "--port", "0"],
                        "serving ") as line:
        yield line.split(" at ")[1].split(" ")[0]


@contextmanager
def http_server(folder: Path):
    """`python -m http.server`, which answers a Range request with the whole file (200)."""
    with server_process([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(folder)],
                        "Serving HTTP") as line:
        yield f"http://127.0.0.1:{line.split(' port ')[1].split(' ')[0]}/"


@pytest.mark.slow
def test_the_narrated_lesson_presents_beat_by_beat_served_by_render_py_serve(rendered, browser, tmp_path):  # noqa: F811
    with render_py_serve(rendered) as base:
        run_through(browser, rendered, f"{base}present.html?rate={RATE}", base, shot_folder(tmp_path), "served")
        assert set(settled(browser)["sources"]) == {"stream"}  # every clip seeks as served


@pytest.mark.slow
def test_a_server_that_ignores_ranges_still_stops_on_every_beats_last_frame(rendered, browser):  # noqa: F811
    """Python's http.server: a clip cannot seek as served, so the page fetches each clip whole and plays it from
    memory; every beat still stops on its last frame (before, every stop showed frame 0)."""
    import urllib.request

    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    with http_server(rendered) as base:
        request = urllib.request.Request(base + manifest["sections"][0]["file"], headers={"Range": "bytes=0-9"})
        with urllib.request.urlopen(request) as response:
            assert response.status == 200  # the whole file: no range support
        open_page(browser, f"{base}present.html?rate={RATE}")
        walk_the_lesson(browser, manifest)
        assert settled(browser)["sources"] == ["blob"] * len(manifest["sections"])
        check_nothing_from_outside(browser, base)


@pytest.mark.slow
def test_the_narrated_lesson_loads_navigates_and_seeks_from_a_file(rendered, browser, tmp_path):  # noqa: F811
    url = (rendered / "present.html").as_uri()
    run_through(browser, rendered, f"{url}?rate={RATE}", rendered.as_uri() + "/", shot_folder(tmp_path), "file",
                walk=False)


@pytest.mark.slow
def test_the_published_page_presents_from_the_docs_media_folder(rendered, browser, tmp_path):  # noqa: F811
    """`publish` puts present.html beside the published clips; it plays them from there (served, as a docs
    site serves it) and stops on the beats' last frames."""
    from selenium.webdriver.common.keys import Keys

    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    publish(docs, PAGE, rendered)
    media = docs / "27_math_deep_learning" / "media" / LESSON
    assert (media / "present.html").read_bytes() == (rendered / "present.html").read_bytes()
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    server, base = serve(docs)
    try:
        open_page(browser, f"{base}27_math_deep_learning/media/{LESSON}/present.html?rate={RATE}")
        for beat in manifest["sections"][0]["beats"][:3]:
            now = press(browser, Keys.SPACE)
            assert now["state"]["frame"] == beat["end"] - 1 and now["crossings"] == 0
        check_nothing_from_outside(browser, f"{base}27_math_deep_learning/media/{LESSON}/")
    finally:
        server.shutdown()


@pytest.mark.slow
def test_a_silent_english_lesson_presents_from_a_file(silent_english, browser, tmp_path):  # noqa: F811
    manifest = json.loads((silent_english / "manifest.json").read_text(encoding="utf-8"))
    assert all(entry["audio"] is None for entry in manifest["sections"])
    url = (silent_english / "present.html").as_uri()
    run_through(browser, silent_english, f"{url}?rate={RATE}", silent_english.as_uri() + "/",
                shot_folder(tmp_path), "silent")
