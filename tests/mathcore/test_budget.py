"""The guard against hangs: far above normal work, its own message, an outer guard never swallowed; and no
module that decides content reads a clock."""

import ast
import time
from pathlib import Path

import pytest

from mathcore.budget import HANG_GUARD_ENV, HANG_GUARD_S, BudgetExceeded, guarded, hang_guard, time_limit
from mathcore.errors import LessonInputError, TooBusyError
from tests.helpers import ROOT


def test_the_guard_is_far_above_normal_work():
    assert HANG_GUARD_S >= 300


def test_the_guard_says_the_machine_is_busy_not_that_the_input_is_too_complex(monkeypatch):
    monkeypatch.setenv(HANG_GUARD_ENV, "0.05")
    with pytest.raises(TooBusyError) as raised:
        with guarded("analysing x^2", "simplify the function"):
            time.sleep(5)
    assert str(raised.value) == ("analysing x^2 took more than 0.05 s: the machine is too busy or the input too "
                                 "hard; try again, or simplify the function")
    assert "too complex" not in str(raised.value)


@pytest.mark.parametrize("text", ["soon", "0", "-1", "nan", "inf"])
def test_a_guard_setting_that_is_not_a_positive_number_is_one_line(monkeypatch, text):
    monkeypatch.setenv(HANG_GUARD_ENV, text)
    with pytest.raises(LessonInputError, match=f"{HANG_GUARD_ENV}=.*must be a number of seconds above 0"):
        hang_guard()


def test_an_outer_deadline_is_not_swallowed_by_an_inner_guard(monkeypatch):
    monkeypatch.setenv(HANG_GUARD_ENV, "30")
    with pytest.raises(BudgetExceeded):
        with time_limit(0.2):
            with guarded("inner", "wait"):
                time.sleep(5)


def test_an_inner_limit_restores_the_outer_one():
    with pytest.raises(BudgetExceeded):
        with time_limit(0.4):
            with time_limit(5):
                pass
            time.sleep(5)  # the outer limit still fires after the inner one ended


CLOCKS = {"time", "perf_counter", "process_time", "monotonic", "setitimer", "getitimer", "alarm", "thread_time"}


def clock_reads(path: Path) -> list[str]:
    """The clock functions a module calls (time.time(), perf_counter(), signal.setitimer(), …)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in CLOCKS or (name.endswith("_ns") and name[:-3] in CLOCKS):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return found


def test_no_module_that_decides_content_reads_a_clock():
    """mathcore, lessons, scenes and sections decide what a lesson says and shows: none reads a clock, except
    the guard against hangs itself (mathcore/budget.py), which decides nothing but to stop."""
    modules = [p for package in ("mathcore", "lessons", "scenes", "sections") for p in (ROOT / package).rglob("*.py")]
    found = [hit for p in modules if p.name != "budget.py" for hit in clock_reads(p)]
    assert found == []
    assert clock_reads(ROOT / "mathcore" / "budget.py")  # the test can see a clock where there is one
