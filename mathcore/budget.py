"""Wall-clock budgets for sympy calls that may run for a very long time (solveset, simplify, limits).

sympy is pure Python, so a SIGALRM timer interrupts it promptly. Budgets nest: an inner budget never
outlives the outer one (the CLI's watchdog), and an inner `within` gives up early, keeping a reserve for
the numeric work that always follows, when the outer deadline is near. Where no timer can be set (not
the main thread) the work simply runs unbounded: callers only budget optional exact work.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
RESERVE_S = 0.4


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


@contextmanager
def time_limit(seconds: float) -> Iterator[object]:
    """Raise BudgetExceeded(token) in this block after `seconds` (or let an earlier outer deadline fire)."""
    token = object()
    outer = remaining()
    if not _timers_available() or (outer is not None and outer <= seconds):
        yield token
        return

    def on_alarm(signum, frame):  # noqa: ARG001
        raise BudgetExceeded(token)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield token
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer is not None:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))


def within(seconds: float, work: Callable[[], T], fallback: T) -> T:
    """`work()` if it finishes within `seconds` without failing, else `fallback`.

    sympy raises a zoo of exception types on inputs it cannot handle; all of them mean "no exact answer".
    An outer deadline's BudgetExceeded is not ours to swallow and propagates.
    """
    outer = remaining()
    if outer is not None:
        seconds = min(seconds, outer - RESERVE_S)
        if seconds <= 0.01:
            return fallback
    try:
        with time_limit(seconds) as token:
            return work()
    except BudgetExceeded as exceeded:
        if exceeded.args and exceeded.args[0] is token:
            return fallback
        raise
    except RecursionError:
        return fallback
    except Exception:  # noqa: BLE001
        return fallback
