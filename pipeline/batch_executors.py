"""Where a batch's section jobs run: the local pool (the default: nothing to install or start) or a Dask
distributed cluster (`--scheduler ADDRESS`, or `local:N` for a LocalCluster of N worker processes started
here). Both take a SectionTask and give a concurrent.futures.Future of its StoredSection.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from mathcore.errors import LessonInputError

from .batch_task import SectionTask, produce, run_on_dask_worker
from .pool import WorkerPool
from .section_render import subprocess_runner

LOCAL_CLUSTER = re.compile(r"local:(\d+)")
CONNECT_TIMEOUT_S = 20


class SchedulerError(LessonInputError):
    """The Dask scheduler cannot be reached, or `--scheduler` names none."""


@dataclass
class LocalExecutor:
    """Section jobs on this machine, `jobs` at once, each worker forked from the warm pool (else a new
    interpreter); the sections running at once share the cores, the last to start gets them all."""

    jobs: int
    pool: WorkerPool | None = None
    waiting: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: ThreadPoolExecutor | None = None
    processes: list = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"local pool ({self.jobs} at once)"

    def submit(self, task: SectionTask) -> Future:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="section")
        with self._lock:
            self.waiting += 1
        return self._threads.submit(self._run, task)

    def _run(self, task: SectionTask):
        cores = os.cpu_count() or 1
        with self._lock:
            self.waiting -= 1
            processes = cores if self.waiting == 0 else max(1, cores // self.jobs)
        run = self.pool.runner() if self.pool is not None else subprocess_runner(started=self.processes.append)
        return produce(task, run, processes)

    def close(self, cancel: bool = False) -> None:
        if cancel:
            if self.pool is not None:
                self.pool.stop()
            for process in self.processes:
                if process.poll() is None:
                    process.terminate()
        if self._threads is not None:
            self._threads.shutdown(wait=True, cancel_futures=cancel)
        if self.pool is not None:
            self.pool.stop()


@dataclass
class DaskExecutor:
    """Section jobs as tasks of a Dask distributed cluster: an existing scheduler's address, or `local:N`.
    A task whose worker dies is rerun by the scheduler on another worker (its `allowed-failures`)."""

    scheduler: str
    client: object = None
    cluster: object = None

    @property
    def where(self) -> str:
        return f"Dask cluster {self.scheduler}"

    def start(self) -> DaskExecutor:
        from distributed import Client, LocalCluster

        for name in ("distributed", "tornado", "bokeh"):
            logging.getLogger(name).setLevel(logging.CRITICAL)  # a killed worker's restart is not the user's news
        local = LOCAL_CLUSTER.fullmatch(self.scheduler)
        try:
            if local:
                with warnings.catch_warnings():  # "port 8787 is already in use": another cluster's, not ours
                    warnings.simplefilter("ignore", UserWarning)
                    self.cluster = LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1,
                                                processes=True, dashboard_address=None,
                                                silence_logs=logging.CRITICAL)
                self.client = Client(self.cluster, timeout=CONNECT_TIMEOUT_S)
            else:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as problem:
            self.close()
            reason = str(problem).splitlines()[0] if str(problem) else type(problem).__name__
            raise SchedulerError(f"cannot reach the Dask scheduler {self.scheduler}: {reason}") from None
        return self

    def submit(self, task: SectionTask) -> Future:
        done: Future = Future()
        name = f"section-{task.label}-{task.key[:16]}-{task.code_version[:8]}"  # one task per key and code
        remote = self.client.submit(run_on_dask_worker, task, pure=False, key=name)

        def handover(finished) -> None:
            try:
                done.set_result(finished.result())
            except BaseException as problem:  # noqa: BLE001 - the task's failure is the section's
                done.set_exception(problem)
        remote.add_done_callback(handover)
        done.remote = remote  # type: ignore[attr-defined] - kept alive (a released future is cancelled)
        return done

    def close(self, cancel: bool = False) -> None:  # noqa: ARG002 - closing the client cancels its tasks
        for part in (self.client, self.cluster):
            if part is not None:
                try:
                    part.close()
                except Exception:  # noqa: BLE001, S110 - closing what may already be gone
                    pass


def check_scheduler(scheduler: str | None) -> None:
    """`--scheduler`: an address, or local:N with N ≥ 1 (said before the batch is planned)."""
    if scheduler is not None and scheduler.startswith("local:") and not (
            LOCAL_CLUSTER.fullmatch(scheduler) and int(scheduler[len("local:"):]) > 0):
        raise SchedulerError(f"--scheduler {scheduler}: local:N starts a LocalCluster of N worker processes "
                             "(N a whole number of 1 or more)")


def executor_for(scheduler: str | None, jobs: int, pool: WorkerPool | None) -> LocalExecutor | DaskExecutor:
    """The local pool (warm forks from `pool`) without a scheduler, else a started Dask client."""
    check_scheduler(scheduler)
    return LocalExecutor(jobs, pool) if scheduler is None else DaskExecutor(scheduler).start()
