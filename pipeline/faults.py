"""Fault injection for the interrupt tests: `LESSON_VIDEO_FAULT=<stage>:<SIGNAL>` makes the process send
itself the signal when it reaches the named stage, so a test interrupts exactly there, without sleeps.

Stages: `planned` (before any section renders), `rendering` (a worker is running), `staged` (a section is
post-processed, nothing moved yet), `landing` (its manifest entry removed, files not yet moved), `landed`
(the first section is in place, others may still run), `drawing-<n>` (drawing process n of a section is
about to draw; 0 is the worker). `<stage>:delay=<seconds>` makes the process wait there instead: another
schedule of the same work, for the tests that prove it changes no byte.
"""

from __future__ import annotations

import os
import signal
import time

FAULT_ENV = "LESSON_VIDEO_FAULT"


def fault_point(stage: str) -> None:
    wanted = os.environ.get(FAULT_ENV, "")
    if not wanted:
        return
    name, _, action = wanted.partition(":")
    if name != stage:
        return
    if action.startswith("delay="):  # another schedule, not a fault: this process arrives late
        time.sleep(float(action.removeprefix("delay=")))
        return
    os.kill(os.getpid(), getattr(signal, action or "SIGKILL"))
