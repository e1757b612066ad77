"""A guard against hangs, never a judge of content.

No clock decides what a lesson says or whether input is accepted: exact work is attempted by static rules
and done in bounded steps (mathcore.exact, mathcore.solve), and hostile input is refused by static limits
before sympy works on it (mathcore.parse, mathcore.function). One wall-clock guard remains, for work no
static rule foresaw or a machine too busy to finish: far above any normal analysis or plan (HANG_GUARD_S),
it ends the run with its own message ("the machine is too busy or the input too hard"), never a different
lesson. Where no timer can be set (not the main thread: a Dask worker) the work runs unguarded.
"""

from __future__ import annotations

import math
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import LessonInputError, TooBusyError

HANG_GUARD_S = 300.0
HANG_GUARD_ENV = "LESSON_VIDEO_HANG_GUARD"  # seconds, instead of HANG_GUARD_S (tests set a tiny one)


class BudgetExceeded(Exception):
    """Raised inside a `time_limit` block when its time is up; args[0] identifies the block."""


def hang_guard() -> float:
    """The guard's seconds: HANG_GUARD_S, or the environment's LESSON_VIDEO_HANG_GUARD."""
    text = os.environ.get(HANG_GUARD_ENV, "").strip()
    if not text:
        return HANG_GUARD_S
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise LessonInputError(f"{HANG_GUARD_ENV}={text!r}: the guard against hangs must be a number of "
                               "seconds above 0")
    return seconds


def _timers_available() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def time_limit(seconds: float) -> Iterator[object]:
    """Raise BudgetExceeded(token) in this block after `seconds` of wall-clock time. An enclosing limit that
    ends first is left to fire (it reports itself); a later one is re-armed afterwards with what is left."""
    token = object()
    if not _timers_available():
        yield token
        return
    outer = signal.getitimer(signal.ITIMER_REAL)[0]
    if outer and outer <= seconds:
        yield token
        return

    def on_signal(signum, frame):  # noqa: ARG001
        raise BudgetExceeded(token)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_signal)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield token
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))


@contextmanager
def guarded(what: str, hint: str) -> Iterator[None]:
    """Run the block under the hang guard; past it, a TooBusyError that names `what` and says `hint`."""
    seconds = hang_guard()
    ours: list[object] = []
    try:
        with time_limit(seconds) as token:
            ours.append(token)
            yield
    except BudgetExceeded as exceeded:
        if ours and not (exceeded.args and exceeded.args[0] is ours[0]):
            raise  # an outer guard's (a tiny guard may fire before its block is entered: then it is ours)
        raise TooBusyError(f"{what} took more than {seconds:g} s: the machine is too busy or the input too "
                           f"hard; try again, or {hint}") from None
