"""Peak memory of the processes drawing a section, at 1080p60 and 4k (issue 33): the figures behind
pipeline.render.resources.DRAWING_MEMORY, which sizes how many processes draw at once.

One section is rendered alone (`--section critical_points --voice none --force`), once drawn by one process
(LESSON_VIDEO_CORES=1) and once by two, while a thread samples every process of the render's tree ten times
a second: its proportional set size (PSS: a page shared with the warm pool or another drawing process is
counted once, shared) and its resident set size. Printed: the peak PSS of the largest process, the peak of
the whole tree, and the peak RSS of the largest process (shared pages counted in full).

`python bench/memory_peak.py [high] [4k] [SECTION]`. A 4k render is heavy: run it alone on the machine.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.reaper import descendants, process_table  # noqa: E402
from pipeline.render.resources import CORES_ENV, DRAWING_MEMORY, GIB  # noqa: E402

QUALITIES = ("high", "4k")
SECTION = "critical_points"
SAMPLE_S = 0.1


@dataclass
class Peak:
    largest_pss: int = 0  # bytes: the largest single process
    tree_pss: int = 0  # bytes: every process of the render at one instant
    largest_rss: int = 0  # bytes: the largest single process, shared pages counted in full


def memory_of(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in bytes, (0, 0) when it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    found = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Pss", "Rss"):
            found[name] = int(rest.split()[0]) * 1024
    return found.get("Pss", 0), found.get("Rss", 0)


def sample(root: int, peak: Peak, done: threading.Event) -> None:
    while not done.is_set():
        tree = [root, *(p.pid for p in descendants(process_table(), root))]
        sizes = [memory_of(pid) for pid in tree]
        peak.largest_pss = max(peak.largest_pss, *(pss for pss, _ in sizes))
        peak.tree_pss = max(peak.tree_pss, sum(pss for pss, _ in sizes))
        peak.largest_rss = max(peak.largest_rss, *(rss for _, rss in sizes))
        time.sleep(SAMPLE_S)


def measure(quality: str, section: str, cores: int) -> tuple[Peak, float]:
    """The peaks of one render and its wall time."""
    with tempfile.TemporaryDirectory(prefix="memory-peak-") as out:
        argv = [sys.executable, str(ROOT / "render.py"), "--section", section, "--quality", quality, "--voice",
                "none", "--force", "--jobs", "1", "--out", out]
        peak, done = Peak(), threading.Event()
        started = time.monotonic()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                                   env={**os.environ, CORES_ENV: str(cores)})
        watcher = threading.Thread(target=sample, args=(process.pid, peak, done), daemon=True)
        watcher.start()
        _, errors = process.communicate()
        done.set()
        watcher.join()
        wall = time.monotonic() - started
    if process.returncode != 0:
        raise SystemExit(f"render at {quality} failed: {errors.decode(errors='replace').strip()[-500:]}")
    return peak, wall


def main(qualities: tuple[str, ...] = QUALITIES, section: str = SECTION) -> None:
    print(f"peak memory drawing {section} alone (--voice none), sampled every {SAMPLE_S:g} s")
    print(f"{'quality':8} {'drawing':>8} {'largest PSS':>12} {'whole tree PSS':>15} {'largest RSS':>12} "
          f"{'wall':>8}   budgeted per process")
    for quality in qualities:
        for cores in (1, 2):
            peak, wall = measure(quality, section, cores)
            budget = DRAWING_MEMORY[quality] / GIB
            print(f"{quality:8} {cores:>8} {peak.largest_pss / GIB:>10.2f} G {peak.tree_pss / GIB:>13.2f} G "
                  f"{peak.largest_rss / GIB:>10.2f} G {wall:>7.1f}s   {budget:.2f} G", flush=True)


if __name__ == "__main__":
    words = tuple(sys.argv[1:])
    chosen = tuple(w for w in words if w in DRAWING_MEMORY) or QUALITIES
    rest = [w for w in words if w not in DRAWING_MEMORY]
    main(chosen, rest[0] if rest else SECTION)
