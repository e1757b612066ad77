"""The animated preview plays once, stops within 5 s, and ends on the frame that shows the section's idea."""

from __future__ import annotations

import numpy as np
from PIL import Image

from pipeline.render.preview import MAX_MS, PREVIEW_WIDTH, preview_from_thumbnails


def thumbnails(folder, positions) -> dict[int, tuple[int, int, int]]:
    """One flat-coloured thumbnail per position, its colour telling which it is."""
    folder.mkdir()
    colours = {}
    for i, position in enumerate(positions):
        colour = (10 * (i % 25), 255 - 10 * (i % 25), 128)
        np.save(folder / f"{position}.npy", np.full((270, PREVIEW_WIDTH, 3), colour, dtype=np.uint8))
        colours[position] = colour
    return colours


def frames_of(path):
    with Image.open(path) as image:
        loop = image.info.get("loop")
        shown = []
        for index in range(image.n_frames):
            image.seek(index)
            image.load()
            shown.append((image.info["duration"], image.convert("RGB").getpixel((10, 10))))
    return loop, shown


def test_the_preview_plays_once_within_5_s_and_ends_on_the_idea(tmp_path):
    colours = thumbnails(tmp_path / "thumbnails-0", range(0, 1200, 20))  # a 40 s section at 30 fps
    preview = preview_from_thumbnails([tmp_path / "thumbnails-0"], 1200, tmp_path / "p.webp", end=730)
    loop, shown = frames_of(preview)
    assert loop == 1  # plays once: 0 would loop for ever
    assert sum(duration for duration, _ in shown) <= MAX_MS == 5000
    assert 10 <= len(shown) <= 21
    last = np.array(shown[-1][1])
    assert np.abs(last - np.array(colours[720])).max() <= 12  # the last thumbnail at or before the idea's frame
    assert shown[-1][0] >= 3 * shown[0][0]  # and it is held


def test_without_a_marked_idea_the_preview_ends_on_the_last_frame(tmp_path):
    colours = thumbnails(tmp_path / "thumbnails-0", range(0, 600, 20))
    _, shown = frames_of(preview_from_thumbnails([tmp_path / "thumbnails-0"], 581, tmp_path / "p.webp"))
    assert np.abs(np.array(shown[-1][1]) - np.array(colours[580])).max() <= 12
