"""The plan is made once, by render.py: a worker draws the plan it is handed and never analyses or plans."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sections import SLUGS, context, load_lesson, plan_from_record
from tests.helpers import ROOT, render

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def test_a_plan_comes_back_from_its_record_as_it_was_made():
    planning = context(load_lesson())
    for slug in SLUGS:
        plan = planning.plan(slug)
        record = json.loads(json.dumps(plan.to_record()))
        back = plan_from_record(record)
        assert back.to_record() == record
        assert back.statements == plan.statements and back.manifest() == plan.manifest()
        assert [s.text(language) for _, s in back.statements for language in ("vi", "en")] == \
            [s.text(language) for _, s in plan.statements for language in ("vi", "en")]


@pytest.mark.slow
def test_a_render_succeeds_when_workers_cannot_plan(tmp_path):
    """With analysing and planning made to raise inside every worker (a fault point), the render still
    succeeds, and its manifest states what render.py planned."""
    out = tmp_path / "out"
    done = render("--quality", "tiny", "--voice", "none", "--section", "conclusion", "--section", "critical_points",
                  "--out", str(out), env={"LESSON_VIDEO_FAULT": "worker-plans:raise"})
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "aero_llm_14_derivatives_find_minima" / "manifest.json").read_text())
    planning = context(load_lesson())
    for entry in manifest["sections"]:
        plan = planning.plan(entry["slug"])
        assert {k: entry[k] for k in ("function", "domain", "substitute", "runs")} == plan.manifest()


@pytest.mark.slow
def test_the_fault_point_does_stop_a_worker_that_plans(tmp_path):
    """The guard works: a worker made to plan (as the old worker did) fails under the same fault point."""
    code = (f"import os, sys; sys.path.insert(0, {str(ROOT)!r}); os.environ['LESSON_VIDEO_FAULT'] = 'worker-plans:raise';"
            "from pipeline.render.worker import no_planning_here; no_planning_here();"
            "from sections import load_lesson, plan_section; plan_section(load_lesson(), 'critical_points')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "a worker analysed or planned" in done.stderr


def test_the_process_that_plans_never_imports_manim():
    """render.py plans, keys and lists the lesson without manim (only the workers draw)."""
    code = ("import sys, render; status = render.main(['--dry-run', '--quality', 'tiny']);"
            "print(sorted(m for m in ('manim', 'cairo', 'manimpango') if m in sys.modules)); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
