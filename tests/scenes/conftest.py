"""Build a section's scene without video and run the layout check after every animation."""

from __future__ import annotations

import pytest
from manim import tempconfig

from scenes.layout_check import DRY, watch


@pytest.fixture
def run_scene(tmp_path):
    """run_scene(SceneClass, plan) -> (scene, problems): the scene built without video, and every layout
    problem found at the end of (and inside) its animations."""

    def run(scene_class, plan):
        found: list = []
        with tempconfig({**DRY, "media_dir": str(tmp_path)}):
            scene = scene_class(plan=plan, skip_animations=True)
            watch(scene, plan.slug, found)
            scene.render()
        return scene, found

    return run


def assert_layout_ok(problems) -> None:
    assert not problems, "\n".join(str(p) for p in problems[:10])
