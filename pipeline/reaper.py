"""Process trees that end with the work that started them: a speech engine and everything it started.

A `command:` engine is any program: it may fork, call setsid or double-fork. A process group misses a child
that left it, a parent-death signal reaches only the direct child, and an orphan is handed to init. Linux
hands an orphan to its nearest ancestor marked as a child subreaper (PR_SET_CHILD_SUBREAPER) instead, so a
subreaper still finds every process its descendants started, and can end them. Two layers use that:

- Each engine call runs under a supervisor (`run_tree`; this file run as a script, standard library only,
  in isolated mode): a subreaper whose only child is the engine. When the engine exits, when the worker
  asks it to stop (the engine's time is up, or the worker is interrupted), when the worker dies (the
  supervisor's parent-death signal is SIGTERM) or when Ctrl-C reaches it, the supervisor kills every process
  left below it, reaps them and exits with the engine's status. A detached child the engine leaves behind
  on success ends with it.
- render.py is a subreaper while its worker pool runs (`Orphans`): whatever a killed worker, helper or
  supervisor leaves is handed to it and ended when the pool stops (success, failure or Ctrl-C). Children
  render.py had before (a test harness's servers, when render runs in-process) are spared.

The engine's stdin is a file and its stdout /dev/null; its stderr is read by the supervisor, which keeps
only the last TAIL_BYTES (what an error message needs: an engine that chatters cannot fill the disk) and
writes them to its own stderr, a file, when the engine's tree has ended. So the worker waits for the
supervisor, never for a pipe that a leftover child still holds. Outside Linux both layers do nothing.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37
STOP_GRACE_S = 10.0  # a supervisor told to stop has this long to end its tree before it is killed
PATIENCE_S = 5.0  # ending a tree gives up after this long (a process stuck in the kernel cannot be killed)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)  # what makes a supervisor end its tree
TAIL_BYTES = 8192  # of an engine's stderr, the end kept: its last lines


@dataclass(frozen=True)
class Ended:
    """How a supervised command ended: its exit status (128 + N when signal N ended it), whether it was
    stopped because its time was up, and the last line it wrote to stderr."""

    status: int
    timed_out: bool
    detail: str


def run_tree(argv: list[str], stdin: bytes, folder: Path, name: str, timeout: float) -> Ended:
    """Run `argv` with `stdin` under a supervisor; whatever happens, nothing it started outlives the call.
    Call it from a thread that lives as long as the process (the parent-death signal follows the thread)."""
    given, log = folder / f"{name}.stdin", folder / f"{name}.stderr"
    given.write_bytes(stdin)
    with open(given, "rb") as feed, open(log, "wb") as errors:
        process = subprocess.Popen([sys.executable, "-I", "-S", __file__, str(os.getpid()), "--", *argv],
                                   stdin=feed, stdout=subprocess.DEVNULL, stderr=errors, close_fds=True)
    try:
        timed_out = not ended_within(process, timeout)
    finally:
        if process.poll() is None:  # time is up, or this process is being interrupted
            stop(process)
    status = process.returncode if process.returncode >= 0 else 128 - process.returncode
    return Ended(status, timed_out, last_line(log))


def ended_within(process: subprocess.Popen, timeout: float) -> bool:
    """Wait for `process` to end, at most `timeout` seconds: woken by its pidfd the moment it ends (Popen's
    own timed wait polls, adding up to 50 ms to every cue)."""
    try:
        handle = os.pidfd_open(process.pid)
    except (AttributeError, OSError):
        try:
            process.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            return False
    try:
        ready, _, _ = select.select([handle], [], [], timeout)
    finally:
        os.close(handle)
    if ready:
        process.wait()
    return bool(ready)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def last_line(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, os.fstat(handle.fileno()).st_size - 4096))
            lines = handle.read().decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1].strip()[:300] if lines else ""


@dataclass
class Orphans:
    """This process as the subreaper of what its children leave; `end()` ends all of it (idempotent)."""

    spare: frozenset[tuple[int, int]]  # (pid, start time) of the children it had before
    was_subreaper: bool
    ended: bool = field(default=False)

    @staticmethod
    def adopt() -> Orphans | None:
        was = subreaper()
        if was is None or not set_subreaper(True):
            return None
        table = process_table()
        me = os.getpid()
        return Orphans(frozenset((p.pid, p.start) for p in table.values() if p.ppid == me), was)

    def end(self) -> None:
        if self.ended:
            return
        self.ended = True
        end_descendants(self.spare)
        set_subreaper(self.was_subreaper)


@dataclass(frozen=True)
class Process:
    pid: int
    ppid: int
    state: str
    start: int  # clock ticks after boot: tells a process from a later one with the same pid


def process_table() -> dict[int, Process]:
    """Every process, from /proc (empty where there is none)."""
    table = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return table
    for entry in entries:
        if entry.isdigit():
            found = read_stat(int(entry))
            if found is not None:
                table[found.pid] = found
    return table


def read_stat(pid: int) -> Process | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            text = handle.read().decode("ascii", "replace")
    except OSError:
        return None
    fields = text.rpartition(")")[2].split()  # the command name may hold spaces and parentheses
    try:
        return Process(pid, int(fields[1]), fields[0], int(fields[19]))
    except (IndexError, ValueError):
        return None


def descendants(table: dict[int, Process], root: int, spare: frozenset = frozenset()) -> list[Process]:
    children: dict[int, list[Process]] = {}
    for process in table.values():
        children.setdefault(process.ppid, []).append(process)
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if (child.pid, child.start) not in spare:
                found.append(child)
                todo.append(child.pid)
    return found


def end_descendants(spare: frozenset = frozenset()) -> None:
    """SIGKILL every process below this one (but the `spare` children's trees) and reap the children among
    them, until none is left: as this process is a subreaper, the children of a process it kills become its
    own, and are found on the next round."""
    me = os.getpid()
    deadline = time.monotonic() + PATIENCE_S
    while True:
        tree = descendants(process_table(), me, spare)
        alive = [p for p in tree if p.state not in ("Z", "X")]
        for process in alive:
            kill(process)
        for process in tree:
            if process.ppid == me:
                try:
                    os.waitpid(process.pid, os.WNOHANG)
                except ChildProcessError:
                    pass
        if not tree or time.monotonic() > deadline:
            return
        time.sleep(0.01)


def kill(process: Process) -> None:
    """SIGKILL `process` unless its pid now names another process (through a pidfd where there is one)."""
    try:
        handle = os.pidfd_open(process.pid)
    except (AttributeError, OSError):
        handle = None
    try:
        again = read_stat(process.pid)
        if again is None or again.start != process.start:
            return
        if handle is not None:
            signal.pidfd_send_signal(handle, signal.SIGKILL)
        else:
            os.kill(process.pid, signal.SIGKILL)
    except OSError:
        pass
    finally:
        if handle is not None:
            os.close(handle)


def prctl(option: int, value: int) -> int | None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if option == PR_GET_CHILD_SUBREAPER:
            answer = ctypes.c_int(0)
            return answer.value if libc.prctl(option, ctypes.byref(answer), 0, 0, 0) == 0 else None
        return 0 if libc.prctl(option, value, 0, 0, 0) == 0 else None
    except (OSError, AttributeError):
        return None


def subreaper() -> bool | None:
    """Whether this process is a child subreaper (None where that cannot be asked)."""
    answer = prctl(PR_GET_CHILD_SUBREAPER, 0)
    return None if answer is None else bool(answer)


def set_subreaper(on: bool) -> bool:
    return prctl(PR_SET_CHILD_SUBREAPER, int(on)) is not None


class Stopped(Exception):
    """A signal asked the supervisor to stop."""


def on_signal(number: int, _frame) -> None:
    for other in STOP_SIGNALS:  # once stopping, the tree is ended whatever else arrives
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(number)


def keep_tail(fd: int, tail: bytearray) -> None:
    """Read `fd` to its end, keeping only its last TAIL_BYTES in `tail`."""
    while chunk := os.read(fd, 1 << 16):
        tail += chunk
        del tail[:-TAIL_BYTES]


def supervise(parent: int, argv: list[str]) -> int:
    """The supervisor: run the engine as its only child, then end whatever is left below it, then write the
    end of what the engine said on stderr."""
    status, tail, reader = 1, bytearray(), None
    try:
        for number in STOP_SIGNALS:
            signal.signal(number, on_signal)
        set_subreaper(True)
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the worker died before the request took effect
            return status
        try:
            engine = subprocess.Popen(argv, stderr=subprocess.PIPE)
        except OSError as problem:
            print(f"cannot run {argv[0]}: {problem.strerror or problem}", file=sys.stderr)
            return 127
        reader = threading.Thread(target=keep_tail, args=(engine.stderr.fileno(), tail), daemon=True)
        reader.start()
        returncode = engine.wait()
        status = returncode if returncode >= 0 else 128 - returncode
    except Stopped as stopped:
        status = 128 + stopped.args[0]
    finally:
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        end_descendants()
        if reader is not None:
            reader.join(PATIENCE_S)  # every writer of the pipe has ended: it is at its end
            os.write(2, bytes(tail))
    return status


if __name__ == "__main__":
    sys.exit(supervise(int(sys.argv[1]), sys.argv[3:]))


def die_with_parent(parent: int) -> None:
    """A worker must not outlive the render that started it (SIGKILL of the parent included): Linux kills
    it through PR_SET_PDEATHSIG; elsewhere a thread watches for the parent to go."""
    try:
        import ctypes

        if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError("prctl failed")
    except (OSError, AttributeError):
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)
        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
