"""`make bench`: every benchmark of the project, printed as figures."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import analyze_speed, batch_speed, memory_peak, render_speed  # noqa: E402


def main() -> None:
    analyze_speed.main()
    print()
    render_speed.main()
    batch_speed.main()
    print()
    memory_peak.main()


if __name__ == "__main__":
    main()
