"""One real tiny render of the section beyond one variable: its clip, its manifest entry with the runs in the
plane (what `render.py --config examples/saddle.toml --section saddle_points` makes), and its explorable in
Chromium: a start clicked on the contour map, x₀, y₀ and η read back from the page's labels, and the outcome,
its step count and the ball's last place compared with the real `render.py analyze … --ydomain … --json` for
those values; the video's two runs by their buttons; axe-core finds nothing serious; no console error."""

from __future__ import annotations

import json

import pytest

from mathcore.surface_descent import PlaneTrajectory
from sections.saddle_points.explore import SurfaceTab, run_statement
from tests.helpers import axe_violations, read_label, run_cli, run_main
from tests.helpers.browser import serve, wait_done

pytestmark = pytest.mark.slow  # a real render, and a browser
FOLDER = "aero_llm_14_derivatives_find_minima_saddle"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("saddle")
    done = run_cli("--config", "examples/saddle.toml", "--section", "saddle_points", "--quality", "tiny", "--voice",
                   "none", "--out", str(out), "--jobs", "1", timeout=900)
    assert done.returncode == 0, done.stderr
    return out / FOLDER


def test_the_saddle_section_renders_with_its_runs_in_the_manifest(rendered):
    (entry,) = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))["sections"]
    assert (entry["number"], entry["slug"], entry["file"]) == (5, "saddle_points", "05_saddle_points.mp4")
    assert entry["function"] == "x^4/4 - x^3/3 - x^2 + 1 + y^2"
    assert [(r["role"], r["outcome"]) for r in entry["runs"]] == [("gd", "stalled"), ("fast", "converged")]
    assert (rendered / entry["file"]).stat().st_size > 0 and entry["duration"] > 30
    assert [c["id"] for c in entry["cues"]][:3] == ["title.saddle_points", "intro", "intro+2"]
    assert entry["explore"] == {"data": "explore/05_saddle_points.json", "script": "explore/explore.js",
                                "style": "explore/explore.css"}
    assert (rendered / entry["explore"]["data"]).stat().st_size <= 300_000


READ = r"""
const box = document.querySelector('lesson-explorable .lx');
const out = (name) => box.querySelector(`output[data-name=${name}]`).textContent;
const ball = box.querySelector('.lx-ball'), outcome = box.querySelector('.lx-outcome');
return {x: out('start'), y: out('startY'), rate: out('rate'), optimizer: box.querySelector('.lx-optimizer input:checked').value,
        sentence: outcome.textContent, outcome: outcome.dataset.outcome, nit: Number(outcome.dataset.nit),
        column: Number(ball.getAttribute('cx')), row: Number(ball.getAttribute('cy')),
        steps: box.querySelector('.lx-budget').textContent};
"""


def analyze(function, box, start, lr, steps, optimizer) -> PlaneTrajectory:
    (a, b), (c, d) = box
    args = ["analyze", function, "--domain", repr(a), repr(b), "--ydomain", repr(c), repr(d), "--start",
            repr(start[0]), repr(start[1]), "--lr", repr(lr), "--steps", str(steps), "--optimizer", optimizer, "--json"]
    done = run_main(*args, *(["--momentum", "0.9"] if optimizer == "momentum" else []))
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)["descent"]
    return PlaneTrajectory(run["optimizer"], tuple(run["start"]), run["lr"], run["momentum"], run["steps"],
                           run["outcome"], tuple(map(tuple, run["xs"])), tuple(run["values"]),
                           tuple(map(tuple, run["gradients"])), run["reason"], run["nit"],
                           None if run["exit"] is None else tuple(run["exit"]))


def agrees(driver, entry: dict, data: dict) -> dict:
    """The page's run for the values on its labels is the run `analyze` makes for them, said the same way."""
    wait_done(driver)
    seen = driver.execute_script(READ)
    box = (tuple(entry["domain"]), tuple(entry["runs"][0]["ydomain"]))
    start, lr = (read_label(seen["x"]), read_label(seen["y"])), read_label(seen["rate"])
    steps = int("".join(ch for ch in seen["steps"] if ch.isdigit()))
    run = analyze(entry["function"], box, start, lr, steps, seen["optimizer"])
    assert (seen["outcome"], seen["nit"]) == (run.outcome, run.nit), (seen, run.outcome, run.nit)
    tab = SurfaceTab(entry["function"], box, steps, 0.9, (), (), (), ())
    assert seen["sentence"] == run_statement(tab, run).text("vi")
    (a, b), (c, d) = box
    x, y = min(max(run.final[0], a), b), min(max(run.final[1], c), d)
    assert (seen["column"], seen["row"]) == (round((x - a) / (b - a) * (data["width"] - 1)),
                                             round((d - y) / (d - c) * (data["height"] - 1)))
    return {**seen, "run": run}


def test_the_maps_explorable_agrees_with_analyze(rendered, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    (entry,) = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))["sections"]
    data = json.loads((rendered / entry["explore"]["data"]).read_text(encoding="utf-8"))["tabs"][0]
    server, base = serve(rendered)
    try:
        browser.set_window_size(1280, 1600)
        browser.get(base + "index.html")
        first = agrees(browser, entry, data)  # the video's plain run: it stalls by the saddle
        assert first["outcome"] == "stalled" and first["x"] == "5,8×10⁻⁶" and first["y"] == "0,38"
        plot = browser.find_element(By.CSS_SELECTOR, "lesson-explorable .lx-plot")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", plot)
        size = plot.size  # a click three quarters across and a quarter down: the lattice start nearest to it
        ActionChains(browser).move_to_element_with_offset(plot, size["width"] // 4, -size["height"] // 4).click().perform()
        clicked = agrees(browser, entry, data)
        assert (clicked["x"], clicked["y"]) != (first["x"], first["y"])
        outcomes = {first["outcome"], clicked["outcome"]}
        for optimizer, key, times in (("momentum", Keys.ARROW_RIGHT, 2), ("gd", Keys.ARROW_RIGHT, 3),
                                      ("adam", Keys.ARROW_LEFT, 1)):
            browser.find_element(By.CSS_SELECTOR, f"lesson-explorable input[value={optimizer}]").click()
            slider = browser.find_element(By.CSS_SELECTOR, "lesson-explorable input[data-name=rate]")
            for _ in range(times):
                slider.send_keys(key)
            outcomes.add(agrees(browser, entry, data)["outcome"])
        assert len(outcomes) >= 3, outcomes
        for button, run in zip(browser.find_elements(By.CSS_SELECTOR, "lesson-explorable .lx-run"), entry["runs"]):
            button.click()
            seen = agrees(browser, entry, data)
            assert (seen["run"].start, seen["run"].lr, seen["optimizer"]) == (tuple(run["start"]), run["lr"],
                                                                              run["optimizer"])
            assert (seen["outcome"], seen["nit"]) == (run["outcome"], run["nit"])
        assert axe_violations(browser, "lesson-explorable") == []
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
        assert errors == []
    finally:
        server.shutdown()
