"""Each section's scene also works the manim way: `manim sections/<slug>/scene.py <Scene>` with the default
lesson."""

import subprocess
import sys

import pytest

from sections import SLUGS, scene_class
from tests.helpers import ROOT


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_plain_manim_cli_runs_the_scene(tmp_path, slug):
    name = scene_class(slug).__name__
    path = ROOT / "sections" / slug / "scene.py"
    done = subprocess.run([sys.executable, "-m", "manim", "render", "-ql", "-s", "--media_dir", str(tmp_path),
                           "--progress_bar", "none", str(path), name], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert list(tmp_path.rglob(f"{name}*.png")), "the last frame was not saved"
