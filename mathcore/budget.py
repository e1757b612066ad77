"""Budgets for sympy calls that may run for a very long time (solveset, simplify, limits).

sympy is pure Python, so a timer signal interrupts it promptly. Two clocks:
- `time_limit` counts wall-clock time: the CLI's watchdogs, which promise the user an answer in time;
- `within`, for optional exact work, counts the process's CPU time, so whether sympy's exact answer is used
  (an exact critical point, a named set in a message) does not depend on how loaded the machine is. A
  wall-clock cap of WALL_FACTOR × the budget still bounds it, and so does the outer watchdog: near that
  deadline `within` gives up early, keeping a reserve for the numeric work that always follows.
Where no timer can be set (not the main thread) the work simply runs unbounded: callers only budget
optional exact work.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
RESERVE_S = 0.4
WALL_FACTOR = 4.0


class BudgetExceeded(Exception):
    """Raised inside a `time_limit` block when its time is up; args[0] identifies the block."""


def _timers_available() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


def remaining() -> float | None:
    """Seconds left on the innermost running budget, None when there is none."""
    if not _timers_available():
        return None
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    return left if left > 0 else None


def time_limit(seconds: float):
    """Raise BudgetExceeded(token) in this block after `seconds` of wall-clock time (or let an earlier outer
    deadline fire)."""
    return _limit(seconds, "ITIMER_REAL", "SIGALRM", time.monotonic)


def cpu_limit(seconds: float):
    """Raise BudgetExceeded(token) in this block once the process has used `seconds` of CPU time in it."""
    return _limit(seconds, "ITIMER_PROF", "SIGPROF", time.process_time)


@contextmanager
def _limit(seconds: float, timer_name: str, signal_name: str, clock: Callable[[], float]) -> Iterator[object]:
    """One interval timer as a budget. An enclosing budget on the same timer that ends first is left to fire
    (it reports itself); a later one is re-armed afterwards with what is left of it."""
    token = object()
    if not _timers_available():
        yield token
        return
    timer, signum = getattr(signal, timer_name), getattr(signal, signal_name)
    outer = signal.getitimer(timer)[0]
    if outer and outer <= seconds:
        yield token
        return

    def on_signal(signum, frame):  # noqa: ARG001
        raise BudgetExceeded(token)

    started = clock()
    previous = signal.signal(signum, on_signal)
    signal.setitimer(timer, seconds)
    try:
        yield token
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)
        if outer:
            signal.setitimer(timer, max(outer - (clock() - started), 1e-3))


def within(seconds: float, work: Callable[[], T], fallback: T) -> T:
    """`work()` if it finishes within `seconds` of CPU time without failing, else `fallback`.

    sympy raises a zoo of exception types on inputs it cannot handle; all of them mean "no exact answer".
    An outer deadline's BudgetExceeded is not ours to swallow and propagates.
    """
    wall = WALL_FACTOR * seconds
    outer = remaining()
    if outer is not None:
        wall = min(wall, outer - RESERVE_S)
        if min(seconds, wall) <= 0.01:
            return fallback
    ours: list[object] = []
    try:
        with time_limit(wall) as wall_token:
            ours.append(wall_token)
            with cpu_limit(seconds) as cpu_token:
                ours.append(cpu_token)
                return work()
    except BudgetExceeded as exceeded:
        if exceeded.args and any(exceeded.args[0] is token for token in ours):
            return fallback
        raise
    except RecursionError:
        return fallback
    except Exception:  # noqa: BLE001
        return fallback
