"""Render speed against the encoder's floor, and the incremental re-render figures (issue 6).

For each section at 1080p60: frames, render wall time (one section, one worker, --force) and the encode
floor measured in the same run: the time libx264 with manim's settings (RGBA frames in, yuv420p, crf 23,
default preset) takes to encode the same frames, i.e. (decode + encode) − (decode only) of the produced
MP4, both passes decoding to RGBA arrays. Then the whole
lesson at low quality silent and narrated (what narration adds), a no-op re-run, and a re-run after
changing one section's parameters.

Prints figures; asserts nothing. `make bench` runs it (about 15 minutes on 2 cores).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lessons.config import DEFAULT_LESSON  # noqa: E402
from lessons.sections import SLUGS as SECTION_SLUGS  # noqa: E402

LESSON = "aero_llm_14_derivatives_find_minima"


def render(*args: str) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "render.py"), *args], capture_output=True, text=True,
                          cwd=ROOT)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"render failed: {done.stderr.strip()}")
    return elapsed, done.stdout


def decode_seconds(video: Path) -> float:
    """Decoding to RGBA arrays alone: subtracted from the decode + encode pass."""
    started = time.perf_counter()
    with av.open(str(video)) as container:
        for frame in container.decode(video=0):
            frame.to_ndarray(format="rgba")
    return time.perf_counter() - started


def decode_encode_seconds(video: Path, target: Path) -> float:
    started = time.perf_counter()
    with av.open(str(video)) as source, av.open(str(target), "w", format="mp4") as out:
        template = source.streams.video[0]
        rate = template.guessed_rate or template.average_rate
        stream = out.add_stream("libx264", rate=rate)
        stream.width, stream.height = template.codec_context.width, template.codec_context.height
        stream.pix_fmt = "yuv420p"
        stream.options = {"crf": "23"}
        for index, decoded in enumerate(source.decode(video=0)):
            # manim hands the encoder RGBA arrays, so the floor converts from RGBA too (as manim's encoder does)
            frame = av.VideoFrame.from_ndarray(decoded.to_ndarray(format="rgba"), format="rgba")
            frame.pts, frame.time_base = index, 1 / rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return time.perf_counter() - started


def encode_floor(video: Path) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        both = decode_encode_seconds(video, Path(scratch) / "floor.mp4")
    return max(both - decode_seconds(video), 1e-6)


def sections_at_1080p(out: Path) -> None:
    print("Each section at 1080p60 (one worker, --force); floor = libx264 crf 23 encode of the same frames")
    print(f"  {'section':22} {'frames':>7} {'render s':>9} {'floor s':>8} {'ratio':>6}")
    for slug in SECTION_SLUGS:
        elapsed, _ = render("--section", slug, "--quality", "high", "--jobs", "1", "--force", "--out", str(out))
        manifest = json.loads((out / LESSON / "manifest.json").read_text())
        entry = next(e for e in manifest["sections"] if e["slug"] == slug)
        floor = encode_floor(out / LESSON / entry["file"])
        print(f"  {slug:22} {entry['frames']:7d} {elapsed:9.1f} {floor:8.1f} {elapsed / floor:6.2f}", flush=True)


def incremental(out: Path) -> None:
    print("\nWhole lesson at low quality (480p15, --jobs = cores)")
    silent, _ = render("--quality", "low", "--force", "--voice", "none", "--out", str(out))
    print(f"  full render, --voice none:  {silent:6.1f} s", flush=True)
    elapsed, _ = render("--quality", "low", "--force", "--out", str(out))
    print(f"  full render, narrated:      {elapsed:6.1f} s   (target ≤ 45 s; narration adds "
          f"{elapsed - silent:+.1f} s: espeak-ng, mixing, loudness, AAC, and the longer clips)", flush=True)
    elapsed, stdout = render("--quality", "low", "--out", str(out))
    print(f"  no-op re-run:               {elapsed:6.1f} s   (target ≤ 2 s; "
          f"{stdout.count('unchanged, skipped')} of {len(SECTION_SLUGS)} skipped)", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "lesson.toml"
        config.write_text(DEFAULT_LESSON.read_text(encoding="utf-8").replace(
            "sigmoid_depths = [1, 2, 5, 10]", "sigmoid_depths = [1, 3, 6, 12]"), encoding="utf-8")
        elapsed, stdout = render("--quality", "low", "--out", str(out), "--config", str(config))
    rendered = [line.split(":")[0].split()[-1] for line in stdout.splitlines() if ": done" in line]
    print(f"  one section's parameters:   {elapsed:6.1f} s   (re-rendered: {', '.join(rendered) or 'none'})")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        incremental(out)
        print()
        sections_at_1080p(out)


if __name__ == "__main__":
    main()
