"""Speed of `analyze`: in-process time per function, and wall time of hostile inputs through the CLI.

Targets (issue 2): a polynomial under 100 ms in-process; any input, however hostile, answered within 3 s.
Prints figures; asserts nothing (machines here are shared and noisy).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mathcore import analyze  # noqa: E402

FUNCTIONS = [
    ("x^4 - 2x^2", -2, 2), ("x^5 - 5x^3", -3, 3), ("x^4 - 2x^2 + 0.5x", -2, 2), ("(x^2-1)^3", -2, 2),
    ("sin(x)", -7, 7), ("cos(x) - x/5", -7, 7), ("sin(x)/x", -10, 10), ("sigmoid(x)", -10, 10),
    ("abs(x-1) + abs(x+1)", -3, 3), ("x^(2/3)", -1, 1),
]
HOSTILE = [
    "x+" * 5000 + "x", "(" * 200 + "x" + ")" * 200, "9**9**9", "x**(10**100)", '__import__("os")',
    "exp(exp(exp(exp(x))))", "sin(sin(sin(sin(sin(sin(sin(sin(x))))))))^7", "(x+1)^100 - (x-1)^100",
    "tan(x)^99 + x^97", "abs(abs(abs(x-1)-1)-1)*sin(100x)", "x^x^x^x^x",
]


def time_analyze(text: str, a: float, b: float, repeats: int = 5) -> tuple[float, float]:
    started = time.perf_counter()
    analyze(text, a, b)
    first = time.perf_counter() - started
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        analyze(text, a, b)
        runs.append(time.perf_counter() - started)
    return first, statistics.median(runs)


def time_cli(text: str) -> tuple[float, int]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "render.py"), "analyze", text, "--domain", "-2", "2"],
                          capture_output=True, text=True, timeout=60)
    return time.monotonic() - started, done.returncode


def main() -> None:
    print("analyze, in-process (first call, then median of 5 warm calls)")
    print(f"  {'function':28} {'domain':10} {'first ms':>9} {'warm ms':>8}")
    for text, a, b in FUNCTIONS:
        first, warm = time_analyze(text, a, b)
        print(f"  {text:28} [{a}, {b}]{'':<{10 - len(f'[{a}, {b}]')}} {first * 1e3:9.1f} {warm * 1e3:8.1f}")
    print("\nanalyze through the CLI (process start + import included), hostile inputs; target < 3 s each")
    worst = 0.0
    for text in HOSTILE:
        elapsed, code = time_cli(text)
        worst = max(worst, elapsed)
        shown = text if len(text) <= 40 else text[:37] + "..."
        print(f"  {shown:42} exit {code}  {elapsed:5.2f} s")
    print(f"  worst: {worst:.2f} s")


if __name__ == "__main__":
    main()
