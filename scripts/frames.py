#!/usr/bin/env python3
"""Developer aid: save frames of a video as PNGs to look at. `python scripts/frames.py VIDEO OUTDIR T1 T2 ...`"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.render.media import frame_at, probe, save_png  # noqa: E402


def main() -> None:
    video, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    info = probe(video)
    print(info, flush=True)
    times = [float(t) for t in sys.argv[3:]] or [info.duration * k / 8 for k in range(1, 9)]
    for t in times:
        target = out / f"{video.stem}_{t:06.2f}.png"
        save_png(frame_at(video, t), target)
        print(target)


if __name__ == "__main__":
    main()
