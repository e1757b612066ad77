"""The claims check at scale: `render.py verify` over many generated functions, with its figures.

    python bench/verify_corpus.py [N] [SEED] [M]  (default 5000 functions, seed 2026, no surfaces; about an hour
                                                   on 2 cores; M generated surfaces too: 400 take about 5 min)

Prints the claims checked per second, the false claims (each with the command that reproduces it), and the
refusals by reason. Run by hand or in the background, not in CI; asserts nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    surfaces = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    wanted = ["--corpus", str(count)] + (["--surfaces", str(surfaces)] if surfaces else [])
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "render.py"), "verify", *wanted, "--seed", str(seed)],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.monotonic() - started
    lines = done.stdout.strip().splitlines()
    summary = lines[-1] if lines else ""
    match = re.match(r"(\d+) functions, (?:\d+ surfaces, )?(\d+) claims checked, (\d+) false, (\d+) refused", summary)
    print(f"render.py verify {' '.join(wanted)} --seed {seed}: {summary} (exit {done.returncode})")
    if match:
        functions, claims, false, refused = map(int, match.groups())
        cases = functions + surfaces
        print(f"  {seconds:.0f} s: {claims / seconds:.1f} claims a second, {cases / seconds * 60:.1f} functions and "
              f"surfaces a minute; refused {refused} of {cases} ({100 * refused / cases:.1f} %)")
    for line in lines[:-1]:
        print(f"  {line}")
    for line in done.stderr.splitlines():
        if line.startswith("refused "):
            print(f"  {line}")


if __name__ == "__main__":
    main()
