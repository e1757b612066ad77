"""Fault injection for the interrupt and full-disk tests: `LESSON_VIDEO_FAULT=<stage>:<SIGNAL>` makes the
process send itself the signal when it reaches the named stage, so a test interrupts exactly there, without
sleeps; `<stage>:<ERRNO>` (e.g. `ENOSPC`, `EACCES`) raises that OSError there instead, so full disks are
tested without mounts.

Stages: `starting` (render.py, before its heavy imports), `planned` (before any section renders),
`workdir` (a section's work folder in $TMPDIR is being made), `rendering` (a worker is running), `staged`
(a section is post-processed, nothing moved yet), `landing` (its manifest entry removed, files not yet
moved), `landed` (the first section is in place, others may still run), `lesson-video` (the whole lesson's
files are staged, the manifest still lists the previous ones), `drawing-<n>` (drawing process n
of a section is about to draw; 0 is the worker), `scripting` (`render.py script` has made its work folder
in $TMPDIR and runs the scenes); publish: `publish-copy-<n>` (the n-th media file being copied, its
temporary file open), `publish-record` (.published.json being written), `publish-page` (the page being
written), `publish-remove-<n>` (the n-th media file the manifest no longer lists, about to be removed).
Batch: `batch-rendering` (a Dask task's section worker is running; the task carries the client's fault
settings to its worker), `batch-stored` (the client has put a finished section into the store),
`batch-cluster` (the executor is ready: the Dask client connected, its LocalCluster started, or the local
pool; nothing submitted yet), `store-put` (a finished section is about to be written into the store). With
`LESSON_VIDEO_FAULT_ONCE=FILE` a fault happens once, in the process that creates FILE.
`<stage>:delay=<seconds>` makes the process wait there instead: another schedule of the same work, for the
tests that prove it changes no byte.
"""

from __future__ import annotations

import errno
import os
import signal
import time
from collections.abc import Mapping

FAULT_ENV = "LESSON_VIDEO_FAULT"
ONCE_ENV = "LESSON_VIDEO_FAULT_ONCE"  # a file: the fault happens only in the one process that creates it


def fault_point(stage: str, environ: Mapping[str, str] | None = None) -> None:
    """`environ`: the fault settings a batch task carries to the machine it runs on (else this process's)."""
    environ = os.environ if environ is None else environ
    wanted = environ.get(FAULT_ENV, "")
    if not wanted:
        return
    name, _, action = wanted.partition(":")
    if name != stage or not _first(environ.get(ONCE_ENV, "")):
        return
    if action.startswith("delay="):  # another schedule, not a fault: this process arrives late
        time.sleep(float(action.removeprefix("delay=")))
        return
    code = getattr(errno, action, None) if action.startswith("E") else None
    if isinstance(code, int):
        raise OSError(code, os.strerror(code))
    os.kill(os.getpid(), getattr(signal, action or "SIGKILL"))


def _first(marker: str) -> bool:
    """No marker: every time. A marker file: only for the process that creates it (a worker killed once, its
    job rerun elsewhere)."""
    if not marker:
        return True
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    return True
