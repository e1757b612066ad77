"""`render.py verify` over surfaces f(x, y): every claim of the section saddle_points checked by the second method,
for generated surfaces (`--surfaces M`) or one (`--surface EXPR --surface-domain A B C D`)."""

from __future__ import annotations

import re
import time

import pytest

import render
from lessons.config import with_surface
from mathcore import claims
from pipeline.checks.claims import EXPLORE_SAMPLE
from sections import load_lesson, plan_section
from sections.planning import claims_of
from tests.helpers import run_main

SUMMARY = re.compile(r"^(?:(\d+) functions, )?(?:(\d+) surfaces, )?(\d+) claims checked, (\d+) false, (\d+) refused$")


def summary(stdout: str) -> tuple[int | None, int | None, int, int, int]:
    found = SUMMARY.match(stdout.strip().splitlines()[-1])
    assert found, stdout
    return tuple(None if v is None else int(v) for v in found.groups())


def test_one_surface_is_checked_claim_by_claim():
    """(x² − 1)² + y² on [−2, 2] × [−1.5, 1.5]: the critical set, the kinds of (−1, 0), (0, 0) and (1, 0), the saddle's
    two slices (a maximum along x, a minimum along y) and the two runs beside it: 8 claims, and those of the runs
    sampled from the explorable in the plane."""
    plan = plan_section(with_surface(load_lesson(), "(x^2 - 1)^2 + y^2", (-2, 2, -1.5, 1.5)), "saddle_points")
    said = [type(claim).__name__ for _, claim in claims_of(plan)]
    assert said == ["SurfaceCriticalSet", "SurfaceKind", "SurfaceKind", "SurfaceKind", "PointKind", "PointKind",
                    "PlaneRun", "PlaneRun"]
    sampled = sum(len(tab.sample_claims(EXPLORE_SAMPLE)) for tab in plan.explore)
    done = run_main("verify", "--surface", "(x^2 - 1)^2 + y^2", "--surface-domain", "-2", "2", "-1.5", "1.5",
                    "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout) == (None, 1, 8 + sampled, 0, 0)
    assert f"[1/1] (x^2 - 1)^2 + y^2 on [-2, 2] × [-1.5, 1.5]: {8 + sampled} claims, 0 false" in done.stderr


def test_a_refused_surface_is_counted_with_its_reason():
    done = run_main("verify", "--surface", "x^2y^2", "--surface-domain", "-1", "1", "-1", "1", "--jobs", "1")
    assert done.returncode == 0
    assert summary(done.stdout) == (None, 1, 0, 0, 1)
    assert "x^2y^2: ∇f = 0 along a whole curve through (" in done.stderr  # the progress line
    assert re.search(r"^refused 1×: .*∇f = # along a whole curve through \(#, #\)", done.stderr, re.M), done.stderr


@pytest.mark.parametrize("args, needle", [
    (("--surfaces", "0"), "--surfaces must be from 1 to"),
    (("--surface", "xy"), "give --surface EXPR --surface-domain A B C D together"),
    (("--surface-domain", "-1", "1", "-1", "1"), "give --surface EXPR --surface-domain A B C D together"),
    (("--surfaces", "3", "--surface", "xy", "--surface-domain", "-1", "1", "-1", "1"), "(one of these)"),
    (("--function", "x^2", "--domain", "-1", "1", "--surface", "xy", "--surface-domain", "-1", "1", "-1", "1"),
     "(one of these)"),
    (("--surface", "xy", "--surface-domain", "-1", "1", "-1"), "expected 4 arguments"),
])
def test_usage_errors_are_one_line(args, needle):
    done = run_main("verify", *args)
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("error: ") and needle in line


def a_false_surface_kind(monkeypatch):
    """The second method made to disagree with every claim about a surface point's kind."""
    import mathcore.verify
    import pipeline.checks.claims
    import sections.planning

    real = mathcore.verify.check

    def disagreeing(claim):
        return "the test says otherwise" if isinstance(claim, claims.SurfaceKind) else real(claim)
    for module in (mathcore.verify, pipeline.checks.claims, sections.planning):
        monkeypatch.setattr(module, "check", disagreeing)


def test_a_false_surface_claim_is_one_line_with_the_command_that_reproduces_it(monkeypatch, capsys, fresh_planning):
    plan = plan_section(with_surface(load_lesson(), "x^2 - y^2", (-1, 1, -2, 2)), "saddle_points")
    assert len(claims_of(plan)) == 4  # the critical set, the saddle's kind, its two slices
    sampled = sum(len(tab.sample_claims(EXPLORE_SAMPLE)) for tab in plan.explore)  # and the explorable's runs
    a_false_surface_kind(monkeypatch)
    assert render.main(["verify", "--surface", "x^2 - y^2", "--surface-domain", "-1", "1", "-2", "2",
                        "--jobs", "1"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == [
        "false: x^2 - y^2 on [-1, 1] × [-2, 2] · saddle_points · point.0: SurfaceKind(ydomain=(-2, 2), x=0, y=0, "
        "kind=saddle, value=0) — second method: the test says otherwise — reproduce: python render.py verify "
        "--surface 'x^2 - y^2' --surface-domain -1 1 -2 2"]
    assert summary(lines[-1]) == (None, 1, 4 + sampled, 1, 0)


def test_a_render_with_a_false_surface_claim_names_the_surface_not_the_lesson_function(monkeypatch, capsys, tmp_path,
                                                                                      fresh_planning):
    a_false_surface_kind(monkeypatch)
    assert render.main(["--dry-run", "--surface", "x^2 - y^2", "--surface-domain", "-1", "1", "-2", "2", "--section",
                        "saddle_points", "--out", str(tmp_path / "out")]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line == ('error: the surface f(x, y) = x^2 - y^2 on [-1, 1] × [-2, 2]: the lesson would say something '
                    'false: "(0, 0): saddle point, f = 0." (the test says otherwise); choose another function or domain')
    assert not (tmp_path / "out").exists()


@pytest.mark.slow  # plans every section of a generated lesson
def test_functions_and_surfaces_together_are_counted_apart():
    done = run_main("verify", "--corpus", "1", "--surfaces", "1", "--seed", "3", "--jobs", "1")
    functions, surfaces, checked, false, _ = summary(done.stdout)
    assert (functions, surfaces, false) == (1, 1, 0) and done.returncode == 0
    progress = [line for line in done.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == 2 and " × [" not in progress[0] and " × [" in progress[1]


def test_a_few_generated_surfaces_are_checked_one_progress_line_each():
    done = run_main("verify", "--surfaces", "4", "--seed", "11", "--jobs", "1")
    assert done.returncode == 0, done.stdout
    functions, surfaces, checked, false, refused = summary(done.stdout)
    assert (functions, surfaces, false) == (None, 4, 0) and checked >= 2 * (4 - refused)
    progress = [line for line in done.stderr.splitlines() if line.startswith("[")]
    assert [line[:6] for line in progress] == ["[1/4] ", "[2/4] ", "[3/4] ", "[4/4] "]
    assert all(" × [" in line for line in progress)


@pytest.mark.slow
def test_a_sample_of_generated_surfaces_has_no_false_claim():
    """The suite's sample of the surface check (the several-hundred-surface runs are in the claims docs)."""
    started = time.monotonic()
    done = run_main("verify", "--surfaces", "24", "--seed", "2026", "--jobs", "1")
    assert [line for line in done.stdout.splitlines() if line.startswith("false: ")] == []
    assert done.returncode == 0, done.stderr
    _, surfaces, checked, _, refused = summary(done.stdout)
    assert surfaces == 24 and checked >= 24 and refused <= 6
    assert time.monotonic() - started < 600
