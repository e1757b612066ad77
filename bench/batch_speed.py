"""A course-scale batch (issue 26): 8 low-quality variants, silent, on the local pool and on a Dask
LocalCluster of 2 worker processes, each from an empty output folder and store; then a re-run of the same
command, which renders nothing; and how many sections the content-addressed store saved (sections of the
batch against section jobs rendered).

Prints figures; asserts nothing. `make bench` runs it after the render figures (about 10 minutes on 2 cores);
`python bench/batch_speed.py` alone.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.render_speed import timed  # noqa: E402

VARIANTS = (("x^3 - 12x", (-3.5, 3.5)), ("(x+1)^2", (-4, 2)), ("abs(x-1) + 0.5x", (-1, 3)),
            ("x^2*exp(-x)", (-1, 6)), ("exp(-x^2)", (-3, 3)), ("cos(x)", (-6, 6)), ("50x^2 - 20x^4", (-1.5, 1.5)),
            ("(x+2)^2*(x-1)^3", (-3, 2)))


def batch_file(folder: Path) -> Path:
    text = '[defaults]\nquality = "low"\nvoice = "none"\n'
    for function, (a, b) in VARIANTS:
        text += f'\n[[variant]]\nfunction = "{function}"\ndomain = [{a}, {b}]\n'
    path = folder / "bench-batch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, out: Path, *extra: str) -> tuple[float, dict]:
    done = timed([sys.executable, str(ROOT / "render.py"), "batch", str(path), "--out", str(out), *extra])
    return done.wall, json.loads((out / "batch.json").read_text(encoding="utf-8"))["totals"]


def main() -> None:
    print(f"\nA batch of {len(VARIANTS)} variants at low quality (480p15), --voice none, from an empty --out")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path = batch_file(folder)
        for name, extra in (("local pool", ()), ("Dask LocalCluster(2)", ("--scheduler", "local:2"))):
            out = folder / name.split()[0]
            wall, totals = run(path, out, *extra)
            print(f"  {name}: {wall:.1f} s for {totals['sections']} sections, {totals['rendered']} rendered, "
                  f"{totals['shared']} shared (the store saved {totals['shared'] / totals['sections']:.0%})",
                  flush=True)
            started = time.monotonic()
            wall_again, again = run(path, out, *extra)
            print(f"  {name}, the same command again: {wall_again:.1f} s, {again['rendered']} rendered, "
                  f"{again['up_to_date']} up to date ({time.monotonic() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
