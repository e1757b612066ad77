"""Budgets: optional exact work is bounded by CPU time (so its outcome does not depend on the machine's
load), with a wall-clock cap; the CLI's watchdog stays a wall-clock deadline that propagates."""

import time

import pytest

from mathcore.budget import WALL_FACTOR, BudgetExceeded, time_limit, within


def spin(seconds: float) -> str:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "done"


def test_work_within_its_cpu_budget_is_kept_even_when_it_waits_longer_than_that():
    # 0.3 s of waiting uses almost no CPU: a wall-clock budget of 0.15 s would have given up
    assert within(0.15, lambda: (time.sleep(0.3), "done")[1], None) == "done"


def test_work_that_spends_its_cpu_budget_gives_the_fallback_promptly():
    started = time.process_time()
    assert within(0.1, lambda: spin(10), "fallback") == "fallback"
    assert time.process_time() - started < 1.0


def test_work_that_never_uses_the_cpu_is_still_capped_on_the_wall_clock():
    started = time.monotonic()
    assert within(0.05, lambda: time.sleep(5), "fallback") == "fallback"
    assert time.monotonic() - started < WALL_FACTOR * 0.05 + 1.0


def test_an_outer_wall_deadline_is_not_swallowed_and_its_timer_survives_inner_budgets():
    with pytest.raises(BudgetExceeded):
        with time_limit(0.6):
            assert within(0.05, lambda: spin(10), "fallback") == "fallback"  # inner: ours, swallowed
            spin(10)  # the outer deadline still fires after the inner budget restored it


def test_inner_work_gives_up_early_when_the_outer_deadline_is_near():
    with time_limit(0.3):
        started = time.monotonic()
        assert within(5, lambda: spin(10), "fallback") == "fallback"
        assert time.monotonic() - started < 0.3  # a reserve is kept for the work that follows


def test_nested_cpu_budgets_restore_the_outer_one():
    def outer_work():
        assert within(0.05, lambda: spin(10), "inner") == "inner"
        return spin(10)

    assert within(0.3, outer_work, "outer") == "outer"
