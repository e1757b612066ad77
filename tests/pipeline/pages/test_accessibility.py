"""The pages a student or a teacher opens, audited by axe-core (npm, the engine of the browsers' accessibility
audits) in Chromium after their scripts ran: the gallery with every disclosure open (the transcripts, the
explorable's "for teachers"), the explorable on both its tabs, classroom mode and a batch's index show no
serious or critical violation (the gallery's links were #0000ee on #11151c, 1.94:1, before); every page has a
`main` landmark and an inline icon (no request for /favicon.ico)."""

from __future__ import annotations

import json

import pytest

from pipeline.batch.index import index_html
from tests.helpers import LESSON, axe_violations
from tests.helpers.browser import open_page, serve, wait_done


def batch_page(rendered, root) -> None:
    """batch.html as `render.py batch` writes it, over a batch of the rendered lesson and a refused variant."""
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    (root / LESSON).symlink_to(rendered, target_is_directory=True)
    sections = [{"slug": e["slug"], "stem": e["stem"], "state": state, "content_key": e["content_key"], "error": None,
                 "substitute": e["substitute"], "function": e["function"], "duration": e["duration"],
                 "video": f"{LESSON}/{e['file']}", "poster": f"{LESSON}/{e['poster']}"}
                for e, state in zip(manifest["sections"], ("rendered", "shared", "from_store", "up_to_date", "rendered"))]
    record = {"batch": "sheet.toml", "where": "local pool", "code_version": "0" * 64, "seconds": 12.5,
              "totals": {"lessons": 2, "ok": 1, "failed": 1, "sections": len(sections), "rendered": 2, "shared": 1,
                         "from_store": 1, "up_to_date": 1, "failed_sections": 0},
              "lessons": [{"entry": 1, "name": LESSON, "label": LESSON, "function": "x^4/4 - x^3/3 - x^2 + 1",
                           "domain": [-2, 3], "status": "ok", "error": None, "folder": LESSON, "language": "vi",
                           "quality": "tiny", "voice": "espeak", "warnings": [], "duration": 300.0,
                           "sections": sections},
                          {"entry": 2, "name": "x", "label": "x^^2", "function": "x^^2", "domain": [-1, 1],
                           "status": "refused", "error": "error: cannot read x^^2", "folder": None, "language": "vi",
                           "quality": "tiny", "voice": "espeak", "duration": 0.0, "sections": []}]}
    (root / "batch.html").write_text(index_html(record), encoding="utf-8")


def audit(driver, what: str, context: str = "document") -> None:
    violations = axe_violations(driver, context)
    assert violations == [], (what, violations)
    landmarks = driver.execute_script("return document.querySelectorAll('main').length")
    icon = driver.execute_script("const l = document.querySelector('link[rel=icon]'); return l && l.href")
    assert landmarks == 1 and icon.startswith("data:image/svg+xml;base64,"), (what, landmarks, icon)


@pytest.mark.slow
def test_the_gallery_the_explorable_classroom_mode_and_the_batch_index_pass_axe(rendered, browser, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By

    batch_page(rendered, tmp_path)
    server, base = serve(tmp_path)
    try:
        browser.get(f"{base}{LESSON}/index.html")
        wait_done(browser)
        browser.execute_script("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        opened = browser.execute_script("return [...document.querySelectorAll('details')].filter((d) => d.open).length")
        assert opened >= 6  # a transcript per section and the explorable's "for teachers"
        audit(browser, "index.html")
        browser.find_elements(By.CSS_SELECTOR, "lesson-explorable .lx-tab")[1].click()
        wait_done(browser)
        assert axe_violations(browser, "lesson-explorable") == []  # the plateau tab, with its shaded plateaus
        assert browser.execute_script("return document.querySelectorAll('lesson-explorable .lx-plateau').length") >= 1
        open_page(browser, f"{base}{LESSON}/present.html")
        audit(browser, "present.html")
        browser.get(f"{base}batch.html")
        audit(browser, "batch.html")
        requests = browser.execute_script("return performance.getEntriesByType('resource').map((r) => r.name)")
        assert not any("favicon" in name for name in requests)
    finally:
        server.shutdown()
