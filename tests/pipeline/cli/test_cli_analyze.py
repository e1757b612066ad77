"""The analyze command: output contracts and every error case, through render.py's `main` in this process;
a few hostile inputs also through the real command in a subprocess (slow tier)."""

import json
import time
from pathlib import Path

import pytest

from tests.helpers import run_cli, run_main


def cli(*args, timeout=30):
    """`render.py analyze` in this process (the same code: every contract and mistake is found there)."""
    started = time.monotonic()
    done = run_main("analyze", *args)
    return done, time.monotonic() - started


def real_cli(*args, timeout=30):
    """The real command in a subprocess: a hang would hit the timeout, a crash would kill only it."""
    started = time.monotonic()
    done = run_cli("analyze", *args, timeout=timeout)
    return done, time.monotonic() - started


def test_report_shows_the_table_and_the_sign_chart():
    done, _ = cli("x^4-2x^2", "--domain", "-2", "2")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "f'(x)  = 4*x^3 - 4*x" in out
    assert "min (cực tiểu)" in out and "max (cực đại)" in out
    assert "[-2, -1]  −  decreasing ↘" in out
    assert "[1, 2]    +  increasing ↗" in out


def test_json_output_follows_the_contract():
    done, _ = cli("x^4 - 2x^2", "--domain", "-2", "2", "--start", "0.3", "--lr", "0.05", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["function"] == "x**4 - 2*x**2"
    assert [p["kind"] for p in data["critical_points"]] == ["min", "max", "min"]
    assert data["descent"]["outcome"] == "converged"
    assert data["descent"]["final_x"] == pytest.approx(1.0, abs=1e-8)


def test_function_with_a_leading_minus_is_not_taken_for_an_option():
    done, _ = cli("-x^2", "--domain", "-1", "1", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["critical_points"][0]["kind"] == "max"


@pytest.mark.parametrize("expr, domain, needle", [
    ("", ("-1", "1"), "empty"),
    ("x**", ("-1", "1"), "unexpected end of input"),
    ("y+1", ("-1", "1"), "unknown name 'y'"),
    ('__import__("os").system("touch /tmp/pwned")', ("-1", "1"), "unexpected character"),
    ("().__class__.__bases__", ("-1", "1"), "unexpected character '.'"),
    ("lambda: 1", ("-1", "1"), "unexpected character ':'"),
    ("x==1", ("-1", "1"), "not allowed"),
    ("9**9**9", ("-1", "1"), "exponent"),
    ("x**(10**100)", ("-1", "1"), "exponent"),
    ("x+" * 5000 + "x", ("-1", "1"), "characters long"),
    ("(" * 200 + "x" + ")" * 200, ("-1", "1"), "characters long"),
    ("(" * 100 + "x" + ")" * 100, ("-1", "1"), "nested too deeply"),
    # sympy names the exact set within its 0.6 s CPU budget (CPU time: the same answer on a loaded machine)
    ("log(x)", ("-1", "1"), "log(x) is undefined for x in [-1, 0], inside the domain [-1, 1]"),
    ("sqrt(x)", ("-1", "1"), "sqrt(x) is undefined for x in [-1, 0), inside the domain [-1, 1]"),
    ("sin(1/x)", ("-1", "1"), "sin(1/x) has no limit at x = 0, inside the domain [-1, 1] (it oscillates without "
                              "settling, or is not real on one side); choose a domain that does not contain 0"),
    # beside tan's pole exp(exp(tan x)) is beyond any number mpmath can hold (it raised MemoryError)
    # (at once: a power beyond e^(10⁶) is +inf without computing its digits)
    ("exp(exp(tan(x)))", ("-3", "-1"), "exp(exp(tan(x))) is too large to compute (overflow) for x between -1.722 "
                                       "and -1.571, inside the domain [-3, -1]"),
    ("x^2", ("2", "1"), "domain [2, 1] is empty"),
    ("x^2", ("0", "nan"), "finite ends"),
    ("x^2", ("0", "abc"), "invalid float value"),
])
def test_bad_input_exits_2_with_one_line(expr, domain, needle):
    done, elapsed = cli(expr, "--domain", *domain)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert all(part in lines[0] for part in ((needle,) if isinstance(needle, str) else needle)), lines[0]
    assert "Traceback" not in done.stderr
    assert elapsed < 20  # a hang would hit the subprocess timeout; speed itself is measured in bench/
    assert not Path("/tmp/pwned").exists()


@pytest.mark.parametrize("args, needle", [
    (("--start", "9"), "start point"),
    (("--start", "0", "--steps", "100000000"), "number of steps"),
    (("--start", "0", "--lr", "-1"), "learning rate"),
    (("--start", "0", "--optimizer", "sgdx"), "invalid choice"),
    (("--start", "0", "--momentum", "1"), "momentum"),
])
def test_bad_descent_parameters_exit_2(args, needle):
    done, _ = cli("x^2", "--domain", "-1", "1", *args)
    assert done.returncode == 2 and needle in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.slow
@pytest.mark.parametrize("expr", ["9**9**9", "x**(10**100)", "x+" * 5000 + "x", "log(x)"])
def test_the_real_command_refuses_hostile_input_in_one_line_and_in_time(expr):
    done, elapsed = real_cli(expr, "--domain", "-1", "1")
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("error: ")
    assert elapsed < 20


def test_a_surface_has_its_saddle_and_its_run_in_the_plane():
    """f(x, y) on a box with --ydomain: x² − y² has one critical point, a saddle with Hessian eigenvalues −2 and
    2; the monkey saddle x³ − 3xy² has a singular Hessian and is a saddle by f's values on a ring around 0;
    descent on x² + y² with η = 0.1 multiplies both coordinates by 1 − 0.1·2 = 0.8 at every step."""
    done, _ = cli("x^2 - y^2", "--domain", "-1", "1", "--ydomain", "-1", "1", "--json")
    data = json.loads(done.stdout)
    assert data["domain"] == [-1, 1] and data["ydomain"] == [-1, 1] and data["descent"] is None
    (point,) = data["critical_points"]
    assert (point["x"], point["y"], point["kind"], point["method"]) == (0, 0, "saddle", "hessian")
    assert sorted(point["eigenvalues"]) == pytest.approx([-2, 2]) and point["exact"]["x"] == "0"
    (monkey,) = json.loads(cli("x^3 - 3x*y^2", "--domain", "-1", "1", "--ydomain", "-1", "1", "--json")[0].stdout)[
        "critical_points"]
    assert (monkey["kind"], monkey["method"]) == ("saddle", "ring")
    bowl = json.loads(cli("x^2 + y^2", "--domain", "-1", "1", "--ydomain", "-1", "1", "--start", "0.5", "-0.5",
                          "--lr", "0.1", "--steps", "200", "--json")[0].stdout)
    run = bowl["descent"]
    assert bowl["critical_points"][0]["kind"] == "min" and run["outcome"] == "converged"
    assert run["xs"][:3] == [[0.5, -0.5], pytest.approx([0.4, -0.4]), pytest.approx([0.32, -0.32])]
    assert "saddle point (điểm yên ngựa)" in cli("x^2 - y^2", "--domain", "-1", "1", "--ydomain", "-1", "1")[0].stdout


@pytest.mark.parametrize("args, needle", [
    (("x^2 + y^2", "--domain", "-1", "1", "--ydomain", "-1", "1", "--start", "0.5"), "--start takes X0 Y0"),
    (("x^2", "--domain", "-1", "1", "--start", "0.5", "0.5"), "--start takes X0, not 2 numbers"),
    (("x^2 + y^2", "--domain", "-1", "1"), "unknown name 'y'"),
    (("log(x*y)", "--domain", "-1", "1", "--ydomain", "-1", "1"), "choose another box"),
])
def test_a_surface_refuses_bad_input_in_one_line(args, needle):
    done, _ = cli(*args)
    assert done.returncode == 2 and needle in done.stderr and len(done.stderr.strip().splitlines()) == 1
