"""`render.py verify`: the claims check's command line, its report, and the render path's refusal of a
lesson with a false claim."""

from __future__ import annotations

import re
import subprocess

import pytest

import render
from mathcore import claims
from tests.helpers import run_cli

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not

SUMMARY = re.compile(r"^(\d+) functions, (\d+) claims checked, (\d+) false, (\d+) refused$")


def verify(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return run_cli("verify", *args, timeout=timeout)


def test_one_function_is_checked_claim_by_claim():
    done = verify("--function", "x^4 - 2x^2", "--domain", "-2", "2", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    (summary,) = done.stdout.strip().splitlines()
    functions, checked, false, refused = map(int, SUMMARY.match(summary).groups())
    assert (functions, false, refused) == (1, 0, 0) and checked > 40
    assert "[1/1] x^4 - 2x^2 on [-2, 2]: " in done.stderr


def test_a_refused_function_is_counted_with_its_reason():
    done = verify("--function", "sin(100000x)", "--domain", "-1", "1", "--jobs", "1")
    assert done.returncode == 0
    assert done.stdout.strip().splitlines()[-1] == "1 functions, 0 claims checked, 0 false, 1 refused"
    assert "refused 1×: f' changes sign faster than the analysis can follow" in done.stderr


@pytest.mark.parametrize("args, needle", [
    ((), "give --corpus N"), (("--corpus", "0"), "--corpus must be from 1 to"),
    (("--function", "x^2"), "give --function EXPR --domain A B"), (("--corpus", "3", "--jobs", "0"), "--jobs"),
])
def test_usage_errors_are_one_line(args, needle):
    done = verify(*args)
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("error: ") and needle in line


def a_false_kind(monkeypatch):
    """The second method made to disagree with every claim about a point's kind (a deliberate false claim)."""
    import mathcore.verify
    import pipeline.checks.claims
    import sections.planning

    real = mathcore.verify.check

    def disagreeing(claim):
        return "the test says otherwise" if isinstance(claim, claims.PointKind) else real(claim)
    for module in (mathcore.verify, pipeline.checks.claims, sections.planning):
        monkeypatch.setattr(module, "check", disagreeing)


def test_a_false_claim_is_one_line_with_the_command_that_reproduces_it(monkeypatch, capsys, fresh_planning):
    a_false_kind(monkeypatch)
    assert render.main(["verify", "--function", "x^4 - 2x^2", "--domain", "-2", "2", "--jobs", "1"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    false = [line for line in lines if line.startswith("false: ")]
    assert false and all(" · minima_vs_maxima · " in line or " · " in line for line in false)
    assert any("PointKind(x=0, kind=max" in line and "second method: the test says otherwise" in line for line in false)
    assert all(line.endswith("reproduce: python render.py verify --function 'x^4 - 2x^2' --domain -2 2")
               for line in false)
    assert SUMMARY.match(lines[-1]).group(3) == str(len(false))


def test_a_lesson_with_a_false_claim_is_refused_before_anything_renders(monkeypatch, capsys, tmp_path, fresh_planning):
    a_false_kind(monkeypatch)
    assert render.main(["--dry-run", "--out", str(tmp_path / "out")]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    # the function and domain, the sentence quoted in English, the reason, what to do; no internal section name
    assert line.startswith("error: x^4/4 - x^3/3 - x^2 + 1 on [-2, 3]: the lesson would say something false: ")
    assert "the test says otherwise" in line and line.endswith("choose another function or domain")
    assert "critical_points" not in line
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_sample_of_generated_functions_has_no_false_claim():
    """The suite's sample of the claims check: 24 generated functions, both cores (6 minutes for 48 was a fifth
    of the suite's budget; the 5,000-function run is bench/verify_corpus.py)."""
    done = verify("--corpus", "24", "--seed", "2026", timeout=1500)
    false = [line for line in done.stdout.splitlines() if line.startswith("false: ")]
    assert false == [] and done.returncode == 0
    functions, checked, _, refused = map(int, SUMMARY.match(done.stdout.strip().splitlines()[-1]).groups())
    assert functions == 24 and checked > 24 * 40 and refused <= 4
