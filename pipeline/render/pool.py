"""Section workers forked from a warm process instead of started as new interpreters.

A new `python -m pipeline.render.worker` spent two to three seconds importing manim, PyAV, sympy and the scenes
before drawing anything, once per section. `render.py` forks this pool before it plans the lesson (it is
single-threaded then): the pool imports all that while the lesson is planned, then forks one worker per
section it is asked for. A worker writes its JSON line and its error line into its work folder
(`worker.out`, `worker.err`) and its exit status comes back through a pipe, as a subprocess's would.

Nothing outlives the render: the pool dies with render.py and every worker with the pool (PR_SET_PDEATHSIG,
SIGKILL included), and each worker's helpers with it (pipeline.render.split).
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..faults import fault_point
from ..reaper import Orphans, die_with_parent

WARM = ("manim", "av", "numpy", "sections", "sections.section_scene", "scenes.base", "scenes.graphing",
        "scenes.markers", "scenes.descent", "pipeline.render.worker", "pipeline.render.encoder",
        "pipeline.render.chunks", "pipeline.render.renderer", "pipeline.render.split", "pipeline.voice.audio")


@dataclass(frozen=True)
class Finished:
    """A worker's end, as `subprocess.run` would report it."""

    returncode: int
    stdout: str
    stderr: str


@dataclass
class WorkerPool:
    """The forked pool seen from render.py: `submit(job_file)` starts that section's worker, `wait(job_file)`
    blocks until it ends."""

    pid: int
    requests: int  # pipe to the pool: one job file path per line
    _results: dict[str, int] = field(default_factory=dict)
    _done: threading.Condition = field(default_factory=threading.Condition)
    _gone: bool = False
    orphans: Orphans | None = None  # render.py ends what dead workers leave (pipeline.reaper)

    @staticmethod
    def start() -> WorkerPool | None:
        """Fork the pool (None where there is no fork: workers are then started as subprocesses)."""
        if not hasattr(os, "fork"):
            return None
        orphans = Orphans.adopt()
        to_pool, from_parent = os.pipe()
        to_parent, from_pool = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            os.close(from_parent)
            os.close(to_parent)
            code = 1
            try:
                serve(to_pool, from_pool, parent)
                code = 0
            finally:
                os._exit(code)
        os.close(to_pool)
        os.close(from_pool)
        pool = WorkerPool(pid, from_parent, orphans=orphans)
        threading.Thread(target=pool._collect, args=(to_parent,), name="worker-pool", daemon=True).start()
        return pool

    def submit(self, job_file: Path) -> None:
        os.write(self.requests, f"{job_file}\n".encode())

    def runner(self) -> Callable[[Path], Finished]:
        """Start a job's worker and wait for its end (pipeline.render.section's RunWorker)."""
        def run(job_file: Path) -> Finished:
            self.submit(job_file)
            fault_point("rendering")
            return self.wait(job_file)
        return run

    def wait(self, job_file: Path) -> Finished:
        with self._done:
            self._done.wait_for(lambda: str(job_file) in self._results or self._gone)
            code = self._results.pop(str(job_file), None)
        if code is None:
            return Finished(1, "", "the worker pool ended before the section's worker")
        folder = job_file.parent
        return Finished(code, read(folder / "worker.out"), read(folder / "worker.err"))

    def stop(self) -> None:
        """Kill the pool: its workers and their helpers die with it."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        try:
            os.close(self.requests)
        except OSError:
            pass
        if self.orphans is not None:
            self.orphans.end()

    def _collect(self, reports: int) -> None:
        with os.fdopen(reports, "r") as lines:
            for line in lines:
                job, _, code = line.rstrip("\n").rpartition(" ")
                with self._done:
                    self._results[job] = int(code)
                    self._done.notify_all()
        with self._done:
            self._gone = True
            self._done.notify_all()


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def serve(requests: int, reports: int, parent: int) -> None:
    """The pool: warm up, then fork a worker per requested job file and report each one's exit status."""

    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # render.py decides what an interrupt stops
    quiet = os.open(os.devnull, os.O_RDWR)
    os.dup2(quiet, 0)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    for module in WARM:
        __import__(module)
    from sections import ALL_SLUGS, scene_class

    for slug in ALL_SLUGS:  # every section's scene, so a forked worker imports nothing
        scene_class(slug)
    pool = os.getpid()
    running: dict[int, str] = {}
    pending = b""
    open_requests = True
    while open_requests or running:
        if open_requests:
            ready, _, _ = select.select([requests], [], [], 0.05)
            if ready:
                chunk = os.read(requests, 4096)
                if not chunk:
                    open_requests = False
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    job = line.decode()
                    child = os.fork()
                    if child == 0:
                        os.close(requests)
                        os.close(reports)
                        os._exit(work(job, pool))
                    running[child] = job
        else:
            select.select([], [], [], 0.05)
        while running:
            try:
                child, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if child == 0:
                break
            job = running.pop(child, None)
            if job is not None:
                os.write(reports, f"{job} {os.waitstatus_to_exitcode(status)}\n".encode())


def work(job: str, pool: int) -> int:
    """A forked worker: pipeline.render.worker's main with its output in files beside the job."""
    from . import worker

    die_with_parent(pool)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    folder = Path(job).parent
    for fd, name in ((1, "worker.out"), (2, "worker.err")):
        target = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    # the streams of whoever forked the pool (a test's capture, a notebook's) are not fds 1 and 2
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    try:
        return worker.serve(Path(job))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
