"""Run a scene's construct() without rendering frames, recording where every text object sits."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from manim import DecimalNumber, MathTypst, Typst, config, tempconfig

from scenes.components import GlyphNumber


@dataclass(frozen=True)
class TextBox:
    kind: str
    left: float
    right: float
    bottom: float
    top: float


def _outermost_texts(mobject, found: list) -> None:
    if isinstance(mobject, (Typst, MathTypst, DecimalNumber, GlyphNumber)):
        found.append(mobject)
        return
    for child in mobject.submobjects:
        _outermost_texts(child, found)


def text_boxes(scene) -> list[TextBox]:
    """Boxes of the visible text objects (a DecimalNumber counts once, not once per digit)."""
    texts: list = []
    for top_level in scene.mobjects:
        _outermost_texts(top_level, texts)
    boxes = []
    for mob in texts:
        if mob.width > 0:
            if any(part.get_fill_opacity() > 0 for part in mob.family_members_with_points()):
                boxes.append(TextBox(type(mob).__name__, mob.get_left()[0], mob.get_right()[0],
                                     mob.get_bottom()[1], mob.get_top()[1]))
    return boxes


def overlapping_texts(boxes: list[TextBox], tolerance: float = 0.02) -> list[tuple[TextBox, TextBox]]:
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            width = min(a.right, b.right) - max(a.left, b.left)
            height = min(a.top, b.top) - max(a.bottom, b.bottom)
            if width > tolerance and height > tolerance:
                pairs.append((a, b))
    return pairs


def assert_no_text_overlaps(snapshots) -> None:
    for i, boxes in enumerate(snapshots):
        pairs = overlapping_texts(boxes)
        assert not pairs, f"after animation {i}: overlapping text {pairs[0]}"


@pytest.fixture
def run_scene(tmp_path):
    """run_scene(SceneClass, data) -> (scene, snapshots): one list of TextBoxes after every play/wait."""

    def run(scene_class, data):
        snapshots: list[list[TextBox]] = []

        class Probe(scene_class):
            def play(self, *args, **kwargs):
                super().play(*args, **kwargs)
                snapshots.append(text_boxes(self))

            def wait(self, *args, **kwargs):
                super().wait(*args, **kwargs)
                snapshots.append(text_boxes(self))

        Probe.__name__ = scene_class.__name__
        with tempconfig({"dry_run": True, "media_dir": str(tmp_path), "pixel_width": 256, "pixel_height": 144,
                         "frame_rate": 10, "disable_caching": True, "progress_bar": "none",
                         "verbosity": "ERROR"}):
            scene = Probe(plan=data, skip_animations=True)
            scene.render()
        return scene, snapshots

    return run


def assert_text_inside_frame(snapshots, margin: float = 0.05) -> None:
    half_w, half_h = config.frame_width / 2 + margin, config.frame_height / 2 + margin
    for i, boxes in enumerate(snapshots):
        for box in boxes:
            assert -half_w <= box.left and box.right <= half_w and -half_h <= box.bottom and box.top <= half_h, \
                f"after animation {i}: {box} leaves the frame"
