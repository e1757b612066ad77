"""The browser tests' helpers: the lesson's own static server (pipeline.pages.serve, what `render.py serve` runs) in
a thread, classroom mode's and the explorable's page read in Chromium (the `browser` fixture is in
tests/conftest.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from pipeline.pages.serve import LessonServer, make_server


def serve(folder: Path) -> tuple[LessonServer, str]:
    """Serve `folder` on 127.0.0.1 (a free port) in a daemon thread; returns the server and its base URL."""
    server = make_server(folder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


STATE = """const p = window.lessonPresent;
return p ? {state: Object.assign({}, p.state), shown: p.shown.slice(), crossings: p.log.crossings,
            presented: p.log.presented.splice(0), sources: (p.log.sources || []).slice()} : null;"""


def settled(driver, timeout=60.0):
    """The player at rest: a beat's first or last frame shown, nothing pending."""
    end = time.monotonic() + timeout
    seen = []
    while time.monotonic() < end:
        now = driver.execute_script(STATE)
        if now is not None:
            seen += now["presented"]
            if not now["state"]["busy"] and now["state"]["phase"] in ("start", "end"):
                return {**now, "presented": seen}
        time.sleep(0.03)
    raise AssertionError(f"the player did not settle: {now}")


def viewport(driver, width, height):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def open_page(driver, url):
    """From a file, every http(s) request is blocked (it would show as a console error); served, none is."""
    viewport(driver, 1280, 720)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": [] if url.startswith("http") else ["http:*", "https:*"]})
    driver.get(url)
    return settled(driver)



READ = r"""
const element = document.querySelector('lesson-explorable');
const box = element.querySelector('.lx');
const outcome = box.querySelector('.lx-outcome');
const ball = box.querySelector('.lx-ball');
return {state: element.dataset.state, start: box.querySelector('output[data-name=start]').textContent,
        rate: box.querySelector('output[data-name=rate]').textContent,
        optimizer: box.querySelector('.lx-optimizer input:checked').value,
        budget: box.querySelector('.lx-budget').textContent, formula: box.querySelector('.lx-formula').textContent,
        kind: box.querySelector('.lx-tab[aria-selected=true]').dataset.kind,
        sentence: outcome.textContent, outcome: outcome.dataset.outcome, nit: outcome.dataset.nit,
        ariaLive: outcome.getAttribute('aria-live'), column: Number(ball.getAttribute('cx'))};
"""


def wait_done(driver):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "const e = document.querySelector('lesson-explorable'); return e && e.dataset.state === 'done'"))
    return driver.execute_script(READ)
