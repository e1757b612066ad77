"""What this machine can hold: how many sections render at once and how many processes draw each one.

A drawing process needs memory in proportion to the frame (at 4k about 6 GiB), so a core
count alone would start more processes than the memory holds on a machine with many cores: the kernel's
out-of-memory killer would end the render. The number of drawing processes running at once is therefore
at most the cores, and at most what the available memory holds at the quality drawn (`bench/memory_peak.py`
measures the figures below). Only the speed depends on it: a section's bytes are the same however many
processes draw it (pipeline.render.encoder).

The probes read the CPU affinity and cgroup v2's `cpu.max`, and `MemAvailable` with cgroup v2's
`memory.max` less `memory.current` (the tightest of the process's cgroup and its parents).
`LESSON_VIDEO_CORES=N` and `LESSON_VIDEO_MEMORY=SIZE` (`4G`, `512M`, bytes) replace them: for a container
whose limits the probes cannot see, and for the tests.
"""

from __future__ import annotations

import math
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from mathcore.errors import LessonInputError

CORES_ENV = "LESSON_VIDEO_CORES"
MEMORY_ENV = "LESSON_VIDEO_MEMORY"
MIB = 1 << 20
GIB = 1 << 30
# the peak memory of one drawing process by quality, with a margin: its proportional set size (pages shared
# with the warm pool counted once) measured by bench/memory_peak.py drawing section 1 alone, 2026-12-07:
# 0.23, 0.45, 0.86, 1.40 and 6.11 GiB
DRAWING_MEMORY = {"tiny": 300 * MIB, "low": 600 * MIB, "medium": GIB, "high": 1600 * MIB, "4k": 6656 * MIB}
# a section job on a Dask LocalCluster worker: the worker process and the section's own interpreter
DASK_SECTION_OVERHEAD = 600 * MIB
SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?", re.IGNORECASE)
CGROUP_ROOT = Path("/sys/fs/cgroup")


class ResourceError(LessonInputError):
    """A probe override that is not a count or a size, or a cluster larger than the machine holds."""


@dataclass(frozen=True)
class Machine:
    cores: int
    memory: int  # bytes available now

    def memory_slots(self, quality: str) -> int:
        """How many processes the available memory holds drawing at `quality` (at least one: a machine short
        of memory still renders, one process at a time)."""
        return max(1, self.memory // DRAWING_MEMORY[quality])

    def dask_workers(self, quality: str) -> int:
        """How many LocalCluster workers (one section job each) the machine holds at `quality`."""
        return max(0, min(self.cores, self.memory // (DRAWING_MEMORY[quality] + DASK_SECTION_OVERHEAD)))

    def describe(self, quality: str, per: int) -> str:
        return f"{self.cores} core{'' if self.cores == 1 else 's'}, {self.memory / GIB:.1f} GiB of memory " \
               f"available, about {per / GIB:.1f} GiB per section at {quality}"


def machine() -> Machine:
    """This machine as the render sees it now (the overrides first)."""
    return Machine(cores=_override(CORES_ENV, _count) or probe_cores(),
                   memory=_override(MEMORY_ENV, parse_size) or probe_memory())


def heaviest(qualities) -> str:
    """Of the qualities a run draws, the one that needs the most memory per process."""
    return max(qualities, key=DRAWING_MEMORY.__getitem__)


def _override(name: str, parse):
    text = os.environ.get(name, "").strip()
    if not text:
        return None
    value = parse(text)
    if value is None or value < 1:
        raise ResourceError(f"{name}={text!r}: must be a positive "
                            + ("whole number" if name == CORES_ENV else "size such as 4G, 512M or a byte count"))
    return value


def _count(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def parse_size(text: str) -> int | None:
    found = SIZE.fullmatch(text.strip())
    if found is None:
        return None
    return int(float(found[1]) * 1024 ** " kmgt".index(found[2].lower() or " "))


def probe_cores() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    for folder in _cgroup_folders():
        try:
            quota, period = (folder / "cpu.max").read_text().split()[:2]
        except (OSError, ValueError):
            continue
        if quota != "max" and quota.isdigit() and period.isdigit() and int(period) > 0:
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    return max(1, cores)


def probe_memory() -> int:
    available = _meminfo_available()
    for folder in _cgroup_folders():
        try:
            limit = (folder / "memory.max").read_text().strip()
            used = int((folder / "memory.current").read_text().strip())
        except (OSError, ValueError):
            continue
        if limit.isdigit():
            available = min(available, max(0, int(limit) - used))
    return available


def _meminfo_available() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 1 << 62  # unknown: the cores decide


def _cgroup_folders() -> list[Path]:
    """This process's cgroup v2 folder and its parents (where the limits of a container may sit)."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return []
    relative = next((line[3:] for line in lines if line.startswith("0::")), None)
    if relative is None:
        return []
    folder = CGROUP_ROOT / relative.strip().lstrip("/")
    found = []
    while folder != CGROUP_ROOT.parent and CGROUP_ROOT in (folder, *folder.parents):
        found.append(folder)
        folder = folder.parent
    return found


@dataclass
class DrawingBudget:
    """The drawing processes of a run's sections. A section starting takes a share of the cores (the last
    one waiting takes them all: it will finish alone), never more drawing processes than the memory still
    holds beside those drawing now and one for each section that may start beside it, and at least one."""

    found: Machine
    jobs: int  # sections at once
    waiting: int = 0  # sections handed to the run that have not started
    running: int = 0  # sections drawing now
    in_use: int = 0  # the memory the processes drawing now may need, in bytes
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def submitted(self, count: int = 1) -> None:
        with self._lock:
            self.waiting += count

    def take(self, quality: str) -> int:
        per = DRAWING_MEMORY[quality]
        with self._lock:
            self.waiting -= 1
            self.running += 1
            share = self.found.cores if self.waiting <= 0 else max(1, self.found.cores // self.jobs)
            beside = min(self.jobs - self.running, self.waiting)  # sections that may start while this one draws
            count = max(1, min(share, (self.found.memory - self.in_use) // per - max(0, beside)))
            self.in_use += count * per
            return count

    def give_back(self, count: int, quality: str) -> None:
        with self._lock:
            self.running -= 1
            self.in_use -= count * DRAWING_MEMORY[quality]


def capped_jobs(requested: int | None, found: Machine, quality: str) -> tuple[int, str]:
    """Sections at once: as asked, at most what the memory holds at `quality` (with the warning saying so);
    by default the cores, as far as the memory holds them."""
    holds = found.memory_slots(quality)
    if requested is None:
        return min(found.cores, holds), ""
    if requested <= holds:
        return requested, ""
    per = DRAWING_MEMORY[quality]
    return holds, (f"--jobs {requested}: this machine holds {holds} section{'' if holds == 1 else 's'} at once "
                   f"({found.describe(quality, per)}); rendering {holds} at once")
