"""What the typed boundary files cost (issue 35): msgspec's import time, and a no-op render before and after.

Figures, each the median of --runs runs (min–max beside it):
- msgspec's import, cumulative, from `python -X importtime -c "import msgspec"` (a fresh interpreter each);
- msgspec's share of a no-op render: its cumulative import time inside `render.py` itself;
- `render.py --help` (the interpreter, the CLI's imports);
- a no-op render of the default lesson (`--quality tiny --voice none`, every section up to date: planning,
  the claims check, the keys, the manifest read back), with this checkout and, given `--base`, with another
  checkout of the project (the one before msgspec), run in turn so the machine's drift falls on both alike.

    python bench/typed_files.py [--base /path/to/old/checkout] [--runs 5]

The lesson is rendered once into a temporary folder per checkout first (about a minute each at tiny). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOOP = ("--quality", "tiny", "--voice", "none", "--jobs", "1")


def import_micros(command: list[str], module: str = "msgspec", cwd: Path = ROOT) -> int:
    """`module`'s cumulative import time in µs while `command` (python arguments) runs with -X importtime."""
    done = subprocess.run([sys.executable, "-X", "importtime", *command], cwd=cwd, capture_output=True, text=True)
    found = re.findall(rf"import time:\s+\d+ \|\s+(\d+) \|\s*{re.escape(module)}$", done.stderr, re.M)
    return int(found[0]) if found else 0


def seconds(command: list[str], cwd: Path) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, *command], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def figure(values: list[float], unit: str, scale: float = 1.0) -> str:
    values = [v * scale for v in values]
    return f"{statistics.median(values):.2f} {unit} ({min(values):.2f}–{max(values):.2f}, {len(values)} runs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="another checkout of the project, to compare a no-op render with")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    alone = [import_micros(["-c", "import msgspec"]) for _ in range(args.runs)]
    print(f"import msgspec, cumulative:                     {figure(alone, 'ms', 1e-3)}")
    with tempfile.TemporaryDirectory(prefix="typed-files-") as scratch:
        trees = {"this checkout": ROOT, **({"base": args.base.resolve()} if args.base else {})}
        outs = {}
        for name, tree in trees.items():
            outs[name] = Path(scratch) / name.replace(" ", "-")
            seconds(["render.py", *NOOP, "--out", str(outs[name])], tree)  # the lesson, once: then nothing to do
        inside = [import_micros(["render.py", *NOOP, "--out", str(outs["this checkout"])]) for _ in range(args.runs)]
        print(f"msgspec's import inside a no-op render:         {figure(inside, 'ms', 1e-3)}")
        helps = {name: [] for name in trees}
        noops = {name: [] for name in trees}
        for _ in range(args.runs):
            for name, tree in trees.items():
                helps[name].append(seconds(["render.py", "--help"], tree))
                noops[name].append(seconds(["render.py", *NOOP, "--out", str(outs[name])], tree))
        for name in trees:
            print(f"render.py --help ({name}):{' ' * (22 - len(name))}{figure(helps[name], 's')}")
        for name in trees:
            print(f"no-op render, default lesson ({name}):{' ' * (10 - len(name))}{figure(noops[name], 's')}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
