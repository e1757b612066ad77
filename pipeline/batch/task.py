"""One section job of a batch, as it runs wherever it is drawn: on the client's local pool, or in a task on a
Dask worker. It carries everything the machine needs (the plan made by the client, the settings, the
client's code version and fault settings) and returns the finished section's files; the client alone writes
the store and the lesson folders, so a worker needs no shared disk and no credentials.

A Dask worker process is daemonic and cannot fork the section's drawing helpers: the task runs the section
as its own process (`python -m pipeline.render.worker JOB`), which dies with the worker process if that is killed
(PR_SET_PDEATHSIG); Dask then reruns the task on another worker.
"""

from __future__ import annotations

import os
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sections import plan_from_record

from ..faults import FAULT_ENV, ONCE_ENV
from ..lock import WORK_PREFIX, clean_work_folders
from ..render.section import RunWorker, draw, finish, subprocess_runner
from ..voice import parse_voice
from .code_version import check_code_version
from .store import StoredSection

DASK_STAGE = "batch-rendering"  # the fault point a Dask task reaches while its section's worker runs


@dataclass(frozen=True)
class SectionTask:
    """A section to draw: its plan as a record (plain data, pickled to any machine), the settings, the manifest
    details the client derived, its content key, the client's code version and fault settings."""

    plan: dict
    quality: str
    voice: str
    details: dict
    key: str
    code_version: str
    label: str = ""  # the section's stem, for progress lines and Dask's task names
    faults: tuple[tuple[str, str], ...] = ()


def client_faults() -> tuple[tuple[str, str], ...]:
    """The fault settings of this process (tests only), shipped with each task to the machine that runs it."""
    return tuple((name, os.environ[name]) for name in (FAULT_ENV, ONCE_ENV) if name in os.environ)


@dataclass(frozen=True)
class TaskResult:
    """A finished section, how long drawing and finishing it took and on which machine (host and pid)."""

    section: StoredSection
    seconds: float
    where: str


def produce(task: SectionTask, run: RunWorker, processes: int = 1) -> TaskResult:
    """Draw the section and finish its files in a private work folder; their bytes are the result."""
    started = time.monotonic()
    check_code_version(task.code_version)
    clean_work_folders(WORK_PREFIX)  # what a killed worker process on this machine left in $TMPDIR
    plan = plan_from_record(task.plan)
    with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-{plan.slug}-") as folder:
        work = Path(folder)
        result = draw(plan, work, task.quality, parse_voice(task.voice), processes, run)
        stage = work / "stage"
        stage.mkdir()
        output = finish(plan, result, stage, task.details)
        files = tuple((output.name_of(i), path.read_bytes()) for i, path in enumerate(output.files))
        return TaskResult(StoredSection(output.entry, files), time.monotonic() - started,
                          f"{socket.gethostname()}:{os.getpid()}")


def run_on_dask_worker(task: SectionTask) -> TaskResult:
    """The Dask task: the section's worker is a process of its own (with the task's fault settings)."""
    return produce(task, subprocess_runner(env=dict(task.faults), stage=DASK_STAGE))
