"""Where a batch's section jobs run: the local pool (the default: nothing to install or start) or a Dask
distributed cluster (`--scheduler ADDRESS`, or `local:N` for a LocalCluster of N worker processes started
here). Both take a SectionTask and give a concurrent.futures.Future of its StoredSection.

A scheduler address is tcp://, tls:// (certificates from Dask's own configuration), ws:// or wss://; the
connection, handshake included, gets twice Dask's connect timeout (`distributed.comm.timeouts.connect`,
30 s by default) in all, with a line every tenth of it, since Dask's own timeout covers the connect but not
a peer that accepts and never answers. A LocalCluster holds at most the workers the machine's cores and
memory hold (pipeline.render.resources), refused before anything starts; its workers end with the client.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from mathcore.errors import LessonInputError

from ..render.pool import WorkerPool
from ..render.resources import DASK_SECTION_OVERHEAD, DRAWING_MEMORY, DrawingBudget, Machine, machine
from ..render.section import subprocess_runner
from .task import SectionTask, produce, run_on_dask_worker

LOCAL_CLUSTER = re.compile(r"local:(\d+)")
SCHEMES = ("tcp", "tls", "ws", "wss")  # what a client on another machine can reach with what Dask ships
TLS_KEYS = "distributed.comm.tls.ca-file, distributed.comm.tls.client.cert and distributed.comm.tls.client.key"
PROGRESS_LINES = 10  # while waiting for a scheduler, a line every tenth of the time it is given


class SchedulerError(LessonInputError):
    """The Dask scheduler cannot be reached, or `--scheduler` names none."""


@dataclass
class LocalExecutor:
    """Section jobs on this machine, `jobs` at once, each worker forked from the warm pool (else a new
    interpreter); the sections running at once share the cores and the memory (pipeline.render.resources)."""

    jobs: int
    pool: WorkerPool | None = None
    budget: DrawingBudget | None = None
    _threads: ThreadPoolExecutor | None = None
    processes: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.budget = self.budget or DrawingBudget(machine(), self.jobs)

    @property
    def where(self) -> str:
        return f"local pool ({self.jobs} at once)"

    def submit(self, task: SectionTask) -> Future:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="section")
        self.budget.submitted()
        return self._threads.submit(self._run, task)

    def _run(self, task: SectionTask):
        processes = self.budget.take(task.quality)
        try:
            run = self.pool.runner() if self.pool is not None else subprocess_runner(started=self.processes.append)
            return produce(task, run, processes)
        finally:
            self.budget.give_back(processes, task.quality)

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
        timeout = connect_timeout()
        try:
            if local:
                with warnings.catch_warnings():  # "port 8787 is already in use": another cluster's, not ours
                    warnings.simplefilter("ignore", UserWarning)
                    self.cluster = LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1,
                                                processes=True, dashboard_address=None,
                                                silence_logs=logging.CRITICAL)
                self.client = Client(self.cluster, timeout=timeout)
            else:
                self.client = within(lambda: Client(self.scheduler, timeout=timeout), 2 * timeout, self.scheduler)
        except SchedulerError:
            self.close()
            raise
        except Exception as problem:  # noqa: BLE001 - whatever Dask raises for an address is one line
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


def connect_timeout() -> float:
    import dask
    from dask.utils import parse_timedelta

    try:
        return max(0.1, float(parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "seconds")))
    except (KeyError, TypeError, ValueError):
        return 30.0


def within(make, seconds: float, address: str):
    """`make()` (a Dask client's connection and handshake) given `seconds` in all, with a progress line every
    tenth of them; a scheduler that accepts and never answers is one line. A late answer is not waited for:
    the thread is left to the interpreter's exit."""
    box: dict = {}

    def attempt() -> None:
        try:
            box["done"] = make()
        except BaseException as problem:  # noqa: BLE001 - handed to the caller's thread
            box["problem"] = problem
    thread = threading.Thread(target=attempt, name="dask-connect", daemon=True)
    started = time.monotonic()
    thread.start()
    while thread.is_alive() and (left := started + seconds - time.monotonic()) > 0:
        thread.join(min(seconds / PROGRESS_LINES, left))
        if thread.is_alive() and time.monotonic() - started < seconds:
            print(f"waiting for the Dask scheduler {address}: no answer after {time.monotonic() - started:.0f} s "
                  f"(giving up after {seconds:g} s)", flush=True)
    if thread.is_alive():
        raise SchedulerError(f"the Dask scheduler {address} did not answer within {seconds:g} s (it accepts "
                             "connections but is silent: is it a Dask scheduler, and is it running?)")
    if "problem" in box:
        raise box["problem"]
    return box["done"]


def check_scheduler(scheduler: str | None) -> None:
    """`--scheduler`: local:N with N ≥ 1, or an address Dask can reach from here with what it ships: tcp://,
    tls:// with its certificates in Dask's configuration, ws:// or wss:// (said before the batch is read)."""
    if scheduler is None:
        return
    if scheduler.startswith("local:"):
        if not (LOCAL_CLUSTER.fullmatch(scheduler) and int(scheduler[len("local:"):]) > 0):
            raise SchedulerError(f"--scheduler {scheduler}: local:N starts a LocalCluster of N worker processes "
                                 "(N a whole number of 1 or more)")
        return
    scheme = scheduler.partition("://")[0].lower() if "://" in scheduler else "tcp"
    if scheme == "ucx":
        raise SchedulerError(f"--scheduler {scheduler}: ucx:// needs UCX and the distributed-ucxx package, which "
                             "this tool does not install; reach the scheduler by tcp:// or tls://")
    if scheme not in SCHEMES:
        raise SchedulerError(f"--scheduler {scheduler}: {scheme}:// is not an address another process can reach; "
                             "use tcp://HOST:PORT (or tls://, ws://, wss://), or local:N")
    if scheme in ("tls", "wss") and not _tls_configured(scheduler):
        raise SchedulerError(f"--scheduler {scheduler}: {scheme}:// needs the client's certificates in Dask's "
                             f"configuration: set {TLS_KEYS} (in ~/.config/dask/*.yaml, or "
                             "DASK_DISTRIBUTED__COMM__TLS__CA_FILE=… and so on)")


def _tls_configured(scheduler: str) -> bool:
    from distributed.security import Security

    try:
        context = Security().get_connection_args("client").get("ssl_context")
    except (OSError, ValueError) as problem:  # a configured file that is missing or not a certificate
        raise SchedulerError(f"--scheduler {scheduler}: Dask's TLS configuration ({TLS_KEYS}) cannot be used: "
                             f"{getattr(problem, 'strerror', None) or problem}") from None
    return context is not None


def check_local_cluster(scheduler: str | None, quality: str, found: Machine) -> None:
    """local:N: refused, before anything starts, beyond the workers the machine's cores and memory hold when
    each draws a section at `quality`."""
    local = LOCAL_CLUSTER.fullmatch(scheduler or "")
    if local is None:
        return
    asked, holds = int(local.group(1)), found.dask_workers(quality)
    if asked > holds:
        fewer = f"use local:{holds} or fewer" if holds else "use the local pool (no --scheduler)"
        per = DRAWING_MEMORY[quality] + DASK_SECTION_OVERHEAD
        raise SchedulerError(f"--scheduler {scheduler}: this machine holds {holds} Dask worker"
                             f"{'' if holds == 1 else 's'} drawing at once ({found.describe(quality, per)}); "
                             f"{fewer}")


def executor_for(scheduler: str | None, jobs: int, pool: WorkerPool | None) -> LocalExecutor | DaskExecutor:
    """The local pool (warm forks from `pool`) without a scheduler, else a started Dask client."""
    check_scheduler(scheduler)
    return LocalExecutor(jobs, pool) if scheduler is None else DaskExecutor(scheduler).start()
