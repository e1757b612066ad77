"""A section rendered the old way, for the benchmark's encoder check: `python bench/stock_render.py SLUG
QUALITY OUT.mp4`.

Manim's own renderer, camera and file writer (one x264 encoder per animation, PyAV's default slice
threads, the frames concatenated), exactly as the worker rendered before issue 14; silent. The benchmark
compares the new render's file size and SSIM against this one."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    from manim.camera.camera import Camera

    from pipeline.render.worker import configure_manim
    from sections import load_lesson, plan_section, scene_class

    slug, quality, target = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    with tempfile.TemporaryDirectory() as scratch:
        plan = plan_section(load_lesson(), slug)
        configure_manim(Path(scratch), quality, plan.stem)
        scene = scene_class(slug)(plan=plan, voice=None, camera_class=Camera)
        scene.render()
        shutil.copyfile(scene.output_plan.primary_artifact, target)


if __name__ == "__main__":
    main()
