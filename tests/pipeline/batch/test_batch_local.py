"""`render.py batch` on the local pool (the default): a killed client resumes with only what is missing, and a
section that fails is that lesson's failure while the others finish."""

import json
import signal

import pytest

from tests.helpers import run_cli
from tests.helpers.fakes import batch_file

pytestmark = pytest.mark.slow


def test_a_killed_client_resumes_rendering_only_what_is_missing(tmp_path):
    path = batch_file(tmp_path, [("x^2 - 2x", (-1, 3), ("critical_points",)), ("x^4 - 2x^2", (-2, 2),
                                                                                ("critical_points",))])
    args = ("batch", str(path), "--out", str(tmp_path / "out"), "--jobs", "1")
    killed = run_cli(*args, env={"LESSON_VIDEO_FAULT": "batch-stored:SIGKILL"}, timeout=300)
    assert killed.returncode == -signal.SIGKILL
    assert len(list((tmp_path / "out" / ".store").glob("*/commit.json"))) == 1  # the first section was kept
    done = run_cli(*args, timeout=300)
    assert done.returncode == 0, done.stderr
    record = json.loads((tmp_path / "out" / "batch.json").read_text(encoding="utf-8"))
    assert (record["totals"]["rendered"], record["totals"]["from_store"]) == (1, 1)
    assert "2 of 2 lessons ready, 1 section rendered in" in done.stdout
    for lesson in record["lessons"]:
        manifest = json.loads((tmp_path / "out" / lesson["folder"] / "manifest.json").read_text(encoding="utf-8"))
        assert [e["slug"] for e in manifest["sections"]] == ["critical_points"]


def test_a_failing_section_fails_its_lesson_and_the_others_still_finish(tmp_path):
    path = batch_file(tmp_path, [("x^2 - 2x", (-1, 3), ("critical_points", "plateaus")),
                                 ("x^4 - 2x^2", (-2, 2), ("critical_points",))])
    done = run_cli("batch", str(path), "--out", str(tmp_path / "out"),
                   env={"LESSON_VIDEO_FAIL_SECTION": "plateaus"}, timeout=300)
    assert done.returncode == 1
    assert "error: entry 1 (x^2 - 2x): plateaus: RuntimeError: fault injected" in done.stderr
    record = json.loads((tmp_path / "out" / "batch.json").read_text(encoding="utf-8"))
    assert [lesson["status"] for lesson in record["lessons"]] == ["failed", "ok"]
    first = record["lessons"][0]
    assert [s["state"] for s in first["sections"]] == ["rendered", "failed"]
    assert (tmp_path / "out" / first["folder"] / "01_critical_points.mp4").is_file()  # what worked landed
    assert "FAILED" in (tmp_path / "out" / "batch.html").read_text(encoding="utf-8")
