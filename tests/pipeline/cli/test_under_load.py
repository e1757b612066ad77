"""No clock decides content: the same input gives the same lesson on a machine many times busier.

Each test runs a command slowed down (tests.helpers.run_slowed: its process group stopped 90 % of the time,
as on a machine ten times busier, without burning the other test worker's CPU) and compares what it wrote
with the same command run at full speed in the same test. They share one xdist group: while one slowed
command waits, the other worker goes on with the rest of the suite."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from tests.helpers import RENDER_PY, ROOT, run_slowed
from tests.lessons.corpus import CORPUS, CROWDED

PYTHON = sys.executable
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("under_load")]

ANALYZE_ALL = """
import contextlib, io, json, sys
import render
for function, a, b in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = render.main(["analyze", function, "--domain", repr(a), repr(b), "--json"])
    print(json.dumps([function, status, out.getvalue(), err.getvalue()]))
"""

PLAN_KEYS = """
import json, sys
from lessons.config import with_overrides
from pipeline.keys import section_key
from sections import SLUGS, context, load_lesson
from tests.helpers import ROOT
from tests.helpers import ROOT
for function, domain in json.loads(sys.argv[1]):
    lesson = with_overrides(load_lesson(), function, None if domain is None else tuple(domain), None)
    planning = context(lesson)
    for slug in SLUGS:
        plan = planning.plan(slug)
        record = json.dumps(plan.to_record(), sort_keys=True, ensure_ascii=False)
        print(json.dumps([function, slug, record, section_key(plan, planning.spec(slug).depends, "tiny")]))
"""


def files_of(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its relative path, as a hash of its bytes (the manifest as parsed JSON
    without `rendered_at`, which says when it was made)."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name == "manifest.json":
            manifest = json.loads(path.read_text(encoding="utf-8"))
            manifest.pop("rendered_at", None)
            for section in manifest.get("sections", []):
                section.pop("rendered_at", None)
            data = json.dumps(manifest, sort_keys=True).encode()
        else:
            data = path.read_bytes()
        found[str(path.relative_to(folder))] = hashlib.sha256(data).hexdigest()
    return found


def assert_same_lines(busy: str, calm: str) -> None:
    """Equal outputs, or the first line that differs, cut to where it differs."""
    for busy_line, calm_line in zip(busy.splitlines(), calm.splitlines()):
        if busy_line != calm_line:
            at = next(i for i, (p, q) in enumerate(zip(busy_line + "\0", calm_line + "\1")) if p != q)
            pytest.fail(f"busy: …{busy_line[max(0, at - 300):at + 200]}\ncalm: …{calm_line[max(0, at - 300):at + 200]}")
    assert len(busy.splitlines()) == len(calm.splitlines())


def quiet(command: list[str], timeout: float = 600):
    return run_slowed(command, 1, timeout, cwd=ROOT)[0]


def test_slowed_ten_times_every_layout_corpus_function_gets_the_quiet_analysis():
    cases = [[f, d[0], d[1]] for f, d in CORPUS] + [[f, d[0], d[1]] for f, d, _ in CROWDED]
    command = [PYTHON, "-c", ANALYZE_ALL, json.dumps(cases)]
    calm = quiet(command)
    busy, seconds = run_slowed(command, 10, 900, cwd=ROOT)
    assert calm.returncode == 0 and busy.returncode == 0, busy.stderr
    calm_lines = calm.stdout.splitlines()
    assert len(calm_lines) == len(cases)
    for line in calm_lines:
        function, status, _, error = json.loads(line)
        assert status == 0, (function, error)  # every corpus function is accepted
    assert_same_lines(busy.stdout, calm.stdout)  # the same JSON: the same exact forms, kinds, runs
    assert seconds > 5  # it was slowed down (a tenth of the time running)


def test_slowed_ten_times_lessons_plan_to_the_same_records_and_content_keys():
    """The default lesson, a corpus function and the sine (a crowded one): three lessons, as five were (300 s
    slowed, a sixth of the suite's budget)."""
    lessons = [[None, None], *[[f, list(d)] for f, d in CORPUS[:1]], ["sin(x)", [-7.0, 7.0]]]
    command = [PYTHON, "-c", PLAN_KEYS, json.dumps(lessons)]
    calm = quiet(command)
    busy, _ = run_slowed(command, 10, 900, cwd=ROOT)
    assert calm.returncode == 0 and busy.returncode == 0, busy.stderr
    assert len(calm.stdout.splitlines()) == 3 * 5
    assert_same_lines(busy.stdout, calm.stdout)


def test_slowed_ten_times_the_narration_script_is_the_quiet_one(tmp_path):
    calm = quiet([*RENDER_PY, "script", "--out", str(tmp_path / "calm")])
    busy, _ = run_slowed([*RENDER_PY, "script", "--out", str(tmp_path / "busy")], 10, 1200, cwd=ROOT)
    assert calm.returncode == 0 and busy.returncode == 0, busy.stderr
    assert files_of(tmp_path / "busy") == files_of(tmp_path / "calm")
    assert any(name.endswith(".md") for name in files_of(tmp_path / "calm"))


def test_slowed_four_times_a_section_has_the_bytes_of_the_quiet_render_in_another_folder(tmp_path):
    args = ["--quality", "tiny", "--voice", "none", "--section", "critical_points", "--out"]
    calm = quiet([*RENDER_PY, *args, str(tmp_path / "calm")])
    busy, _ = run_slowed([*RENDER_PY, *args, str(tmp_path / "elsewhere" / "busy")], 4, 1200, cwd=ROOT)
    assert calm.returncode == 0 and busy.returncode == 0, busy.stderr
    calm_files, busy_files = files_of(tmp_path / "calm"), files_of(tmp_path / "elsewhere" / "busy")
    assert any(name.endswith(".mp4") for name in calm_files) and any(name.endswith(".vtt") for name in calm_files)
    assert busy_files == calm_files


@pytest.mark.parametrize("expression, needle", [
    ("sigmoid(" * 29 + "x" + ")" * 29, "nests 29 functions inside each other"),
    ("sin(x^50)", "changes sign faster than the analysis can follow"),
    ("exp(sin(exp(sin(exp(sin(exp(sin(exp(x)))))))))", "nests 9 functions inside each other"),
])
def test_slowed_ten_times_a_hostile_expression_is_still_refused_within_two_minutes(expression, needle):
    busy, seconds = run_slowed([*RENDER_PY, "analyze", expression, "--domain", "-3", "3"], 10, 300,
                               cwd=ROOT)
    assert busy.returncode == 2 and needle in busy.stderr and len(busy.stderr.strip().splitlines()) == 1
    assert seconds < 120
