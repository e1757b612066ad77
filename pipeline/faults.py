"""Fault injection for the interrupt and full-disk tests: `LESSON_VIDEO_FAULT=<stage>:<SIGNAL>` makes the
process send itself the signal when it reaches the named stage, so a test interrupts exactly there, without
sleeps; `<stage>:<ERRNO>` (e.g. `ENOSPC`, `EACCES`) raises that OSError there instead, so full disks are
tested without mounts.

Stages: `starting` (render.py, before its heavy imports), `planned` (before any section renders),
`workdir` (a section's work folder in $TMPDIR is being made), `rendering` (a worker is running), `staged`
(a section is post-processed, nothing moved yet), `landing` (its manifest entry removed, files not yet
moved), `landed` (the first section is in place, others may still run), `drawing-<n>` (drawing process n
of a section is about to draw; 0 is the worker), `scripting` (`render.py script` has made its work folder
in $TMPDIR and runs the scenes); publish: `publish-copy-<n>` (the n-th media file being copied, its
temporary file open), `publish-record` (.published.json being written), `publish-page` (the page being
written), `publish-remove-<n>` (the n-th media file the manifest no longer lists, about to be removed).
`<stage>:delay=<seconds>` makes the process wait there instead: another schedule of the same work, for the
tests that prove it changes no byte.
"""

from __future__ import annotations

import errno
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
    code = getattr(errno, action, None) if action.startswith("E") else None
    if isinstance(code, int):
        raise OSError(code, os.strerror(code))
    os.kill(os.getpid(), getattr(signal, action or "SIGKILL"))
