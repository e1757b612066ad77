"""The explorable in Chromium, on the gallery and on a built MkDocs page: controls set by keyboard and by
value, x₀ and η read back from the page's visible labels, and the outcome, its sentence, the step count and
the drawn final point compared with the real `render.py analyze … --json` for those values (not with the
data file); every run the video shows reproduced; no console error; no request leaves the site. Screenshots
in both languages at 390 px and at a desktop width."""

import json
import os
from pathlib import Path

import pytest

from lessons.explore import column
from lessons.runs import Run
from mathcore.records import trajectory_from_record
from sections.planning import analysis_of
from tests.helpers import LESSON, read_label, render, run_main
from tests.helpers.browser import serve, wait_done
from tests.helpers.fakes import published_site

# a kink, in English: the default lesson's page (Vietnamese, a smooth function) is tried by the gallery and MkDocs
# tests; one corpus function is enough (each costs a render and a browser session)
CORPUS_TRIED = (("abs(x-1) + 0.5x", (-1.0, 3.0), "en"),)
SHOTS = os.environ.get("LESSON_VIDEO_SHOTS")  # a folder to keep the screenshots in (else the test's tmp)


def render_section_4(out: Path, *extra: str) -> Path:
    done = render("--quality", "tiny", "--voice", "none", "--section", "gradient_descent", "--out", str(out), *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    return next(p.parent for p in out.glob("*/manifest.json"))


def analyze(function, domain, start, lr, steps, optimizer, momentum):
    """`render.py analyze … --json`, its `main` in this process (the command's own code, without an interpreter
    and sympy's import per run: a dozen runs a test)."""
    args = ["analyze", function, "--domain", repr(domain[0]), repr(domain[1]), "--start", repr(start), "--lr",
            repr(lr), "--steps", str(steps), "--optimizer", optimizer, "--json"]
    if optimizer == "momentum":
        args += ["--momentum", repr(momentum)]
    done = run_main(*args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def functions_of(manifest: dict) -> dict:
    """Which function each tab draws, from the manifest's runs (what the video drew, by role)."""
    entry = next(e for e in manifest["sections"] if e["slug"] == "gradient_descent")
    runs = {run["role"]: run for run in entry["runs"]}
    plateau = runs.get("escape_gd")
    return {"descent": (entry["function"], tuple(entry["domain"])),
            "plateau": (plateau["function"], tuple(plateau["domain"])) if plateau else None, "runs": entry["runs"]}


def check_against_analyze(seen: dict, function: str, domain, language: str):
    """The page's run for the values on its labels is the run `analyze` makes for them."""
    start, lr = read_label(seen["start"]), read_label(seen["rate"])
    steps = int("".join(c for c in seen["budget"] if c.isdigit()))
    momentum = 0.9
    result = analyze(function, domain, start, lr, steps, seen["optimizer"], momentum)["descent"]
    trajectory = trajectory_from_record(result)
    run = Run("explore", trajectory, analysis_of(function, tuple(domain)))
    assert seen["outcome"] == result["outcome"] and int(seen["nit"]) == result["nit"], (seen, result["outcome"])
    assert seen["sentence"] == run.result().text(language), seen
    assert seen["column"] == column(run.drawn_xs()[-1], tuple(domain)), (seen, result["final_x"])
    return result


def press(driver, selector, key, times):
    from selenium.webdriver.common.by import By

    element = driver.find_element(By.CSS_SELECTOR, selector)
    for _ in range(times):
        element.send_keys(key)


def click(driver, element):
    """A click where a reader makes it: on the control scrolled to the middle (a site's fixed header covers
    the top)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def set_value(driver, name, index):
    driver.execute_script(f"""const i = document.querySelector('lesson-explorable input[data-name={name}]');
                              i.value = String(arguments[0]); i.dispatchEvent(new Event('input'));""", index)


def exercise(driver, base: str, url: str, manifest: dict, language: str, shots: Path | None, theme: tuple = ()):
    """`theme`: what the site's own theme loads from elsewhere, and its errors when that fails offline (MkDocs'
    default theme takes highlight.js from a CDN): not the explorable's requests or errors."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    tabs = functions_of(manifest)
    driver.get(url)
    seen = wait_done(driver)
    assert seen["kind"] == "descent" and seen["ariaLive"] == "polite"
    function, domain = tabs["descent"]
    tried = {check_against_analyze(seen, function, domain, language)["outcome"]}
    # keyboard: the start slider a few steps left, the rate up; then momentum and Adam by keyboard and by value
    press(driver, "lesson-explorable input[data-name=start]", Keys.ARROW_LEFT, 3)
    tried.add(check_against_analyze(wait_done(driver), function, domain, language)["outcome"])
    press(driver, "lesson-explorable input[data-name=rate]", Keys.ARROW_RIGHT, 2)
    tried.add(check_against_analyze(wait_done(driver), function, domain, language)["outcome"])
    driver.find_element(By.CSS_SELECTOR, "lesson-explorable input[value=momentum]").send_keys(Keys.SPACE)
    tried.add(check_against_analyze(wait_done(driver), function, domain, language)["outcome"])
    for optimizer, start, rate in (("gd", 0, 0), ("gd", 2, 10_000), ("adam", 5, 3), ("momentum", 1, 1)):
        click(driver, driver.find_element(By.CSS_SELECTOR, f"lesson-explorable input[value={optimizer}]"))
        set_value(driver, "start", start)
        set_value(driver, "rate", rate)  # clamped to the slider's range, as a browser does
        seen = wait_done(driver)
        assert seen["optimizer"] == optimizer
        tried.add(check_against_analyze(seen, function, domain, language)["outcome"])
    assert len(tried) >= 2, tried
    # every run the video shows, by its button
    shown = {run["role"]: run for run in tabs["runs"]}
    for tab, kind in enumerate(("descent", "plateau")):
        if tabs[kind] is None:
            continue
        click(driver, driver.find_elements(By.CSS_SELECTOR, "lesson-explorable .lx-tab")[tab])
        function, domain = tabs[kind]
        for button in driver.find_elements(By.CSS_SELECTOR, "lesson-explorable .lx-run"):
            role = button.get_attribute("data-role")
            click(driver, button)
            seen = wait_done(driver)
            result = check_against_analyze(seen, function, domain, language)
            if role in shown:  # section 4's runs are in its manifest entry; section 3's in section 3's
                run = shown[role]
                assert (read_label(seen["start"]), read_label(seen["rate"]), seen["optimizer"]) == \
                    (run["start"], run["lr"], run["optimizer"])
                assert (result["outcome"], result["nit"], result["final_x"]) == (run["outcome"], run["nit"],
                                                                                 run["final_x"])
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
              and "favicon.ico" not in entry["message"] and not any(host in entry["message"] for host in theme)]
    if theme:  # a theme's own scripts may fail offline (MkDocs' bootstrap, its CDN's highlight.js): not ours
        errors = [e for e in errors if "/explore/" in e["message"] or "lesson-explorable" in e["message"]]
    assert errors == []
    requests = driver.execute_script("return performance.getEntriesByType('resource').map((r) => r.name)")
    ours = [name for name in requests if not any(host in name for host in theme)]
    assert any("/explore/" in name for name in ours) and all(name.startswith(base) for name in ours), requests
    if shots is not None:
        for width in (390, 1280):
            driver.set_window_size(width, 2400)  # the whole explorable in one shot
            driver.get(url)
            wait_done(driver)
            driver.execute_script("document.querySelector('lesson-explorable').scrollIntoView()")
            path = shots / f"explorable-{manifest['lesson'][:40]}-{language}-{width}.png"
            driver.find_element(By.CSS_SELECTOR, "lesson-explorable").screenshot(str(path))
            assert path.stat().st_size > 10_000
            width_seen = driver.execute_script("return document.querySelector('lesson-explorable .lx').scrollWidth")
            assert width_seen <= width, width_seen  # nothing wider than a phone's screen


def shots_folder(tmp_path) -> Path:
    folder = Path(SHOTS) if SHOTS else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.slow
def test_the_gallerys_explorable_agrees_with_analyze(rendered, browser, tmp_path):  # noqa: F811
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    server, base = serve(rendered)
    try:
        exercise(browser, base, base + "index.html", manifest, "vi", shots_folder(tmp_path))
    finally:
        server.shutdown()


@pytest.mark.slow
def test_the_published_mkdocs_pages_explorable_agrees_with_analyze(rendered, browser, tmp_path):  # noqa: F811
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    server, base = serve(published_site(rendered, tmp_path))
    try:
        exercise(browser, base, f"{base}27_math_deep_learning/{LESSON}/", manifest, "vi", None,
                 theme=("cdnjs.cloudflare.com",))
        count = browser.execute_script("return document.querySelectorAll('lesson-explorable .lx').length")
        assert count == 1
    finally:
        server.shutdown()


@pytest.mark.slow
@pytest.mark.parametrize("function, domain, language", CORPUS_TRIED)
def test_a_corpus_functions_explorable_agrees_with_analyze(function, domain, language, browser, tmp_path):  # noqa: F811
    folder = render_section_4(tmp_path / "out", "--function", function, "--domain", *map(str, domain),
                              "--lang", language)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    server, base = serve(folder)
    try:
        exercise(browser, base, base + "index.html", manifest, language, shots_folder(tmp_path))
    finally:
        server.shutdown()
