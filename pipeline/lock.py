"""One run at a time per lesson folder, and the leftovers of dead runs cleaned by the next one.

The lock is an exclusive `flock` on the lesson folder itself (no lock file to go stale: the kernel drops
it when the holder dies, even by SIGKILL). A second render or publish of the same folder is refused with
the holder's pid, read from /proc/locks. Whoever holds the lock knows no live run is using the folder, so
it may remove the private folders and temporary files a killed run left there; work folders in $TMPDIR
carry their owner's pid (`lesson-video-<pid>-…` a render's sections, `lesson-script-<pid>-…` a
`render.py script`) and are removed once that process is gone.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mathcore.errors import LessonInputError

WORK_PREFIX = "lesson-video-"  # $TMPDIR/lesson-video-<pid>-<slug>-xxxx: a worker's private folder
SCRIPT_PREFIX = "lesson-script-"  # $TMPDIR/lesson-script-<pid>-xxxx: `render.py script`'s scenes
LOCK_TRIES = 50  # a holder that lets go between our try and our look at /proc/locks: try again
LEFTOVER = re.compile(r"^\.(tmp-.+|(manifest\.json|embed\.md|index\.html)-.+)$")


class FolderBusy(LessonInputError):
    """Another render or publish is using the lesson folder right now."""


def _holder(path: Path) -> int | None:
    """The pid holding a flock on `path`, from /proc/locks (Linux); None when it cannot be told."""
    try:
        info = path.stat()
        wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == wanted:
                return int(fields[4])
    except (OSError, ValueError):
        return None
    return None


@contextmanager
def lesson_lock(folder: Path) -> Iterator[None]:
    """Hold the lesson folder for this run; refuse (FolderBusy, naming the holder's pid) when another
    process holds it. A holder that ends in between (a run with nothing to do takes milliseconds) is no
    reason to refuse: the lock is tried again, so a refusal names the process that holds it now."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        _acquire(fd, folder)
        yield
    finally:
        os.close(fd)  # closing the only descriptor releases the lock


def _acquire(fd: int, folder: Path) -> None:
    for _ in range(LOCK_TRIES):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pid = _holder(folder)
        if pid:
            raise FolderBusy(f"{folder} is in use by process {pid} (a render or publish of this lesson); wait "
                             "for it to finish")
    raise FolderBusy(f"{folder} is in use by another process (a render or publish of this lesson; its pid is "
                     "not in /proc/locks); wait for it to finish")


def clean_leftovers(folder: Path) -> list[str]:
    """Remove what killed runs left in the lesson folder (call with the lock held) and the $TMPDIR work
    folders whose owner is dead; never a live run's files. Returns the names removed."""
    removed = []
    for path in folder.iterdir():
        if LEFTOVER.match(path.name):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed + clean_work_folders(WORK_PREFIX)


def clean_work_folders(prefix: str) -> list[str]:
    """Remove the folders `$TMPDIR/<prefix><pid>-…` whose process is gone (a killed render or script);
    never a live one's. Returns the paths removed."""
    removed = []
    for path in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        owner = path.name[len(prefix):].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(str(path))
    return removed


def work_folder_problem(problem: OSError) -> str:
    """Why a work folder could not be made in $TMPDIR, as the one line a user acts on."""
    try:
        where = tempfile.gettempdir()
    except OSError:
        where = os.environ.get("TMPDIR") or "the temporary folder"
    return (f"cannot make a work folder in {where} ({problem.strerror or type(problem).__name__}); free space "
            "there or set TMPDIR to a writable folder")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
