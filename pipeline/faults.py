"""Fault injection for the interrupt tests: `LESSON_VIDEO_FAULT=<stage>:<SIGNAL>` makes the process send
itself the signal when it reaches the named stage, so a test interrupts exactly there, without sleeps.

Stages: `planned` (before any section renders), `rendering` (a worker is running), `staged` (a section is
post-processed, nothing moved yet), `landing` (its manifest entry removed, files not yet moved), `landed`
(the first section is in place, others may still run).
"""

from __future__ import annotations

import os
import signal

FAULT_ENV = "LESSON_VIDEO_FAULT"


def fault_point(stage: str) -> None:
    wanted = os.environ.get(FAULT_ENV, "")
    if not wanted:
        return
    name, _, signal_name = wanted.partition(":")
    if name == stage:
        os.kill(os.getpid(), getattr(signal, signal_name or "SIGKILL"))
