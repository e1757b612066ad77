"""Render speed against the encoder's floor (issue 14), and the incremental re-render figures (issue 6).

The floor of a clip is the ffmpeg command line re-encoding it, decoding included, timed in the same run:
`ffmpeg -i clip.mp4 -an -c:v libx264 -crf 23 -pix_fmt yuv420p out.mp4` (Debian's ffmpeg, installed by
scripts/bootstrap-system.sh --bench when missing; the product itself only uses PyAV). Render time is the
whole `render.py` command (process start, maths, drawing, encoding, remux, poster, preview, captions).

Figures, in order: the whole lesson at low quality (silent and narrated), a no-op re-run and a re-run after
changing one section's parameters; the edit–look loop (one section at low quality: wall time and the
cores it keeps busy, CPU time ÷ wall time); the encoder check (section 1 at 1080p60 rendered the old way,
manim's own file writer, against the new render: file size and SSIM over every frame); each section at
1080p60 against its floor; the whole lesson at 1080p60 against the sum of those floors.

Prints figures; asserts nothing. `make bench` runs it (about 20 minutes on 2 cores).
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lessons.config import DEFAULT_LESSON  # noqa: E402
from sections import SLUGS as SECTION_SLUGS  # noqa: E402

LESSON = "aero_llm_14_derivatives_find_minima"
FLOOR = ("-an", "-c:v", "libx264", "-crf", "23", "-pix_fmt", "yuv420p")
SILENT = ("--voice", "none")


@dataclass(frozen=True)
class Timed:
    """A command's wall time and the CPU time of it and every process it started."""

    wall: float
    cpu: float
    stdout: str

    @property
    def cores(self) -> float:
        return self.cpu / self.wall


def timed(argv: list[str]) -> Timed:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:3])} … failed: {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(wall, cpu, done.stdout)


def render(*args: str) -> Timed:
    return timed([sys.executable, str(ROOT / "render.py"), *args])


def ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found is None:
        subprocess.run(["bash", str(ROOT / "scripts" / "bootstrap-system.sh"), "--bench"], check=True)
        found = shutil.which("ffmpeg")
    if found is None:
        raise SystemExit("ffmpeg is needed for the encoder's floor: apt-get install ffmpeg")
    return found


def floor(video: Path) -> float:
    """The ffmpeg command line re-encoding `video` (decoding included), wall seconds."""
    with tempfile.TemporaryDirectory() as scratch:
        return timed([ffmpeg(), "-nostdin", "-loglevel", "error", "-y", "-i", str(video), *FLOOR,
                      str(Path(scratch) / "floor.mp4")]).wall


def ssim(new: Path, old: Path) -> tuple[float, float, int]:
    """(mean, worst, frames) of ffmpeg's SSIM (All) between the two clips, frame by frame."""
    with tempfile.TemporaryDirectory() as scratch:
        stats = Path(scratch) / "ssim.log"
        timed([ffmpeg(), "-nostdin", "-loglevel", "error", "-i", str(new), "-i", str(old), "-lavfi",
               f"[0:v][1:v]ssim=stats_file={stats}", "-f", "null", "-"])
        values = [float(m) for m in re.findall(r"All:([0-9.]+)", stats.read_text())]
    return sum(values) / len(values), min(values), len(values)


def entry(out: Path, slug: str) -> dict:
    manifest = json.loads((out / LESSON / "manifest.json").read_text())
    return next(e for e in manifest["sections"] if e["slug"] == slug)


def low_quality(out: Path) -> None:
    print("Whole lesson at low quality (480p15, --jobs = cores)")
    silent = render("--quality", "low", "--force", *SILENT, "--out", str(out))
    print(f"  full render, --voice none:  {silent.wall:6.1f} s   (target ≤ 45 s; {silent.cores:.2f} cores busy)",
          flush=True)
    narrated = render("--quality", "low", "--force", "--out", str(out))
    added = narrated.wall - silent.wall
    print(f"  full render, narrated:      {narrated.wall:6.1f} s   (narration adds {added:+.1f} s:"
          " espeak-ng, mixing, loudness, AAC, and the longer clips)", flush=True)
    noop = render("--quality", "low", "--out", str(out))
    print(f"  no-op re-run:               {noop.wall:6.1f} s   (target ≤ 2 s; "
          f"{noop.stdout.count('unchanged, skipped')} of {len(SECTION_SLUGS)} skipped)", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "lesson.toml"
        # a parameter of section 1, whose plan no other section reads (a parameter of section 3 re-renders 3, 4
        # and 5: their plans read its plan)
        config.write_text(DEFAULT_LESSON.read_text(encoding="utf-8").replace(
            "counterexample_domain = [-1.5, 1.5]", "counterexample_domain = [-1.6, 1.6]"), encoding="utf-8")
        changed = render("--quality", "low", "--out", str(out), "--config", str(config))
    rendered = [line.split(":")[0].split()[-1] for line in changed.stdout.splitlines() if ": done" in line]
    print(f"  one section's parameters:   {changed.wall:6.1f} s   (re-rendered: {', '.join(rendered) or 'none'}; "
          f"{changed.cores:.2f} cores busy)", flush=True)


def edit_loop(out: Path) -> None:
    print("\nEdit–look loop: one section re-rendered at low quality, narrated (render.py --section critical_points"
          " --quality low --force)")
    one = render("--section", "critical_points", "--quality", "low", "--force", "--out", str(out))
    print(f"  wall {one.wall:5.1f} s, CPU {one.cpu:5.1f} s: {one.cores:.2f} cores busy", flush=True)


def encoder_check(out: Path) -> None:
    print("\nEncoder check: section 1 at 1080p60, the new render against the same frames rendered the old way "
          "(manim's file writer: an encoder per animation)")
    with tempfile.TemporaryDirectory() as scratch:
        old = Path(scratch) / "old.mp4"
        stock = timed([sys.executable, str(ROOT / "bench" / "stock_render.py"), "critical_points", "high", str(old)])
        new = render("--section", "critical_points", "--quality", "high", "--jobs", "1", "--force", *SILENT,
                     "--out", str(out))
        video = out / LESSON / entry(out, "critical_points")["file"]
        mean, worst, frames = ssim(video, old)
        size_new, size_old = video.stat().st_size, old.stat().st_size
    print(f"  old way: {stock.wall:5.1f} s, {size_old:,} bytes;  new: {new.wall:5.1f} s, {size_new:,} bytes "
          f"({(size_new / size_old - 1) * 100:+.1f} %, target within ±10 %)")
    print(f"  SSIM new vs old over {frames} frames: mean {mean:.4f}, worst {worst:.4f} (target ≥ 0.99)", flush=True)


def sections_at_1080p(out: Path) -> float:
    print("\nEach section at 1080p60 (render.py --section S --quality high --jobs 1 --force --voice none) against "
          "its floor (ffmpeg -i clip.mp4 " + " ".join(FLOOR) + " out.mp4)")
    print(f"  {'section':22} {'frames':>7} {'render s':>9} {'cores':>6} {'floor s':>8} {'ratio':>6}  (target ≤ 2)")
    floors = 0.0
    for slug in SECTION_SLUGS:
        done = render("--section", slug, "--quality", "high", "--jobs", "1", "--force", *SILENT, "--out", str(out))
        found = entry(out, slug)
        base = floor(out / LESSON / found["file"])
        floors += base
        print(f"  {slug:22} {found['frames']:7d} {done.wall:9.1f} {done.cores:6.2f} {base:8.1f} "
              f"{done.wall / base:6.2f}", flush=True)
    return floors


def lesson_at_1080p(out: Path, floors: float) -> None:
    print("\nWhole lesson at 1080p60 (render.py --quality high --force --voice none, --jobs = cores)")
    done = render("--quality", "high", "--force", *SILENT, "--out", str(out))
    print(f"  {done.wall:.1f} s ({done.cores:.2f} cores busy) against the sum of the section floors above "
          f"{floors:.1f} s: {done.wall / floors:.2f} (target ≤ 1.5)", flush=True)


PARTS = ("low", "edit", "encoder", "sections", "lesson")


def main(parts: tuple[str, ...] = PARTS) -> None:
    """Every figure; `python bench/render_speed.py PART …` runs some (the lesson needs the sections' floors)."""
    ffmpeg()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        if "low" in parts:
            low_quality(out)
        if "edit" in parts:
            edit_loop(out)
        if "encoder" in parts:
            encoder_check(out)
        if "sections" in parts or "lesson" in parts:
            floors = sections_at_1080p(out)
            if "lesson" in parts:
                lesson_at_1080p(out, floors)


if __name__ == "__main__":
    main(tuple(sys.argv[1:]) or PARTS)
