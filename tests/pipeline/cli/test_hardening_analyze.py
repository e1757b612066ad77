"""Hostile or careless input to `render.py analyze` (and --function): one line `error: …`, exit 2, no traceback."""

import subprocess
import time

import pytest

from tests.helpers import RENDER_PY, ROOT, one_line_error, run_main, tree_hash


@pytest.mark.parametrize("expr, needle", [
    ("log(0)+x", "log(0) is infinite or undefined"),
    ("tan(pi/2)*x", "tan(pi/2) is infinite or undefined"),
    ("0^(-1)*x", "0^-1 is infinite or undefined"),
    ("(x-x)^-2", "0^-2 is infinite or undefined"),
    ("10^100*10^100*10^100*10^100*x^2", "too large to compute (overflow)"),
    ("1e308*x", "scientific notation like '1e308'"),
])
def test_constants_that_are_not_numbers_are_one_line_errors(expr, needle):
    one_line_error(run_main("analyze", expr, "--domain", "-1", "1"), needle)


def test_infinite_constant_through_the_render_path_is_refused_before_planning(tmp_path):
    done = run_main("--function", "log(0)+x", "--domain", "-1", "1", "--dry-run", "--out", str(tmp_path / "o"))
    one_line_error(done, "log(0) is infinite or undefined")
    assert tree_hash(tmp_path) == {}


def test_real_cube_root_of_a_negative_constant():
    done = run_main("analyze", "(-8)^(1/3)*x^2", "--domain", "-1", "1", "--json")
    assert done.returncode == 0, done.stderr
    assert '"function": "-2*x**2"' in done.stdout


def test_tiny_negative_domain_ends_are_numbers_not_options():
    one_line_error(run_main("analyze", "x^2", "--domain", "-1e-12", "1e-12"), "too narrow")
    assert run_main("analyze", "x^2", "--domain", "-1e-3", "1e-3").returncode == 0


def test_a_domain_beyond_the_bound_is_not_called_too_wide():
    done = run_main("analyze", "x^2", "--domain", "1000000", "1000000.000002")
    one_line_error(done, "[1000000, 1000000.000002] reaches beyond ±1,000,000")
    assert "too wide" not in done.stderr


def test_derivative_of_a_real_root_has_no_dirac_delta():
    done = run_main("analyze", "x^(1/3)", "--domain", "-1", "1", "--json")
    assert done.returncode == 0 and "DiracDelta" not in done.stdout


def test_output_closed_early_is_one_line_not_a_traceback():
    """`analyze … | head`: the reader leaves before the output is written."""
    process = subprocess.Popen([*RENDER_PY, "analyze", "sin(x)", "--domain",
                                "-100", "100", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=ROOT)
    process.stdout.close()  # the reader is gone before anything is written
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 2
    assert "Traceback" not in stderr and stderr.strip().splitlines() == [
        "error: the output was closed before everything was written (broken pipe)"]


@pytest.mark.parametrize("args", [("analyze", "sin(100000x)", "--domain", "-1", "1"),
                                  ("--function", "sin(100000x)", "--domain", "-1", "1", "--dry-run"),
                                  ("analyze", "sin(x^50)", "--domain", "-3", "3", "--json")])
def test_an_unresolvable_derivative_is_refused_not_undercounted(args):
    one_line_error(run_main(*args), "changes sign faster than the analysis can follow")


def test_planning_as_a_whole_is_guarded_against_hangs(monkeypatch, capsys):
    import pipeline.render.plan as plan
    import render
    from mathcore import budget

    def slow_plan(request):  # stands for planning that hangs (a machine too busy, work no limit foresaw)
        time.sleep(30)

    monkeypatch.setattr(budget, "HANG_GUARD_S", 0.05)
    monkeypatch.setattr(plan, "make_plan", slow_plan)
    assert render.main(["--dry-run"]) == 2
    assert capsys.readouterr().err.strip() == ("error: planning the lesson took more than 0.05 s: the machine is "
                                               "too busy or the input too hard; try again, or simplify the "
                                               "function or use fewer steps")
