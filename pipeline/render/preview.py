"""A small animated WebP of a clip, for places that cannot play video (GitHub strips <video>).

A time-lapse that plays once and stops (its loop count is 1: moving content a reader cannot pause must end
within 5 s, WCAG 2.2.2): PREVIEW_FRAMES frames spread evenly from the clip's start to the frame that shows
the section's idea (the scene marks it, LessonScene.key_frame; else the last frame), PREVIEW_WIDTH pixels
wide, at PREVIEW_FPS, the last one held HOLD_MS; at most 5 s in all and well under 2 MB. The poster stays
the still image (the last frame).

A render takes them from the frames as they are drawn (Thumbnails), so the clip is never decoded for its
preview (decoding a 1080p60 section took longer than a third of encoding it).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

PREVIEW_WIDTH = 480
PREVIEW_FRAMES = 21
PREVIEW_FPS = 5
HOLD_MS = 1000  # the idea's frame stays this long before the preview stops
MAX_MS = 5000
PLAYS = 1  # WebP's loop count: how many times it plays (0 would be for ever)
MAX_BYTES = 2 * 1024 * 1024
THUMBNAIL_SECONDS = 0.35


def write_preview(images_for, target: Path) -> Path:
    """Write target (.webp) from `images_for(count)`; frames and quality are lowered until it fits."""
    frames, quality = PREVIEW_FRAMES, 70
    while True:
        images = images_for(frames)
        images[0].save(target, format="WEBP", save_all=True, append_images=images[1:], loop=PLAYS,
                       duration=durations(len(images)), quality=quality, method=4)
        if target.stat().st_size <= MAX_BYTES or frames <= 10:
            return target
        frames, quality = frames * 2 // 3, max(quality - 15, 30)


def durations(count: int) -> list[int]:
    """Milliseconds each of `count` frames shows: PREVIEW_FPS, the last held HOLD_MS; 5 s at most in all."""
    step = round(1000 / PREVIEW_FPS)
    if count == 1:
        return [HOLD_MS]
    step = min(step, (MAX_MS - HOLD_MS) // (count - 1))
    return [step] * (count - 1) + [HOLD_MS]


def shrink(pixels: np.ndarray) -> np.ndarray:
    """An RGBA frame PREVIEW_WIDTH wide (even height), as RGB: a box reduction by the whole factor, then a
    Hamming filter for the rest; read as RGBX (frames are opaque), which spares PIL the alpha. A quarter of
    the cost of a full Lanczos for a preview frame that looks the same."""
    height, width = pixels.shape[:2]
    image = Image.frombuffer("RGBX", (width, height), np.ascontiguousarray(pixels), "raw", "RGBX", 0, 1)
    size = (PREVIEW_WIDTH, round(height * PREVIEW_WIDTH / width / 2) * 2)
    if width // PREVIEW_WIDTH > 1:
        image = image.reduce(width // PREVIEW_WIDTH)
    if image.size != size:
        image = image.resize(size, Image.HAMMING)
    return np.asarray(image.convert("RGB"))


class Thumbnails:
    """Small copies of the frames at multiples of `every` on the section's timeline (every process drawing
    part of a section keeps the ones it draws), taken as they are drawn: `add` runs on the encoder thread."""

    def __init__(self, every: int) -> None:
        self.every = max(1, every)
        self.kept: dict[int, np.ndarray] = {}

    def add(self, pixels: np.ndarray, position: int, repeat: int) -> None:
        """The frame `pixels` (RGBA) shown at positions position … position + repeat − 1."""
        first = -(-position // self.every) * self.every
        if first < position + repeat:
            small = shrink(pixels)
            for at in range(first, position + repeat, self.every):
                self.kept[at] = small

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for position, small in self.kept.items():
            np.save(folder / f"{position}.npy", small)


def thumbnail_interval(fps: float) -> int:
    """Frames between thumbnails: about two per preview frame of a 35 s section, so the preview's frames are
    never more than a sixth of a second from evenly spread."""
    return max(1, round(fps * THUMBNAIL_SECONDS))


def preview_from_thumbnails(folders: list[Path], frames: int, target: Path, end: int | None = None) -> Path:
    """The preview of a section of `frames` frames from the thumbnails its processes saved, ending at frame
    `end` (the one that shows the section's idea; None: the last)."""
    kept = {int(path.stem): path for folder in folders if folder.is_dir() for path in folder.glob("*.npy")}
    if not kept:
        raise ValueError("no thumbnails were taken for the preview")
    last = frames - 1 if end is None else min(max(end, 0), frames - 1)
    positions = sorted(p for p in kept if p <= last) or sorted(kept)[:1]

    def images_for(count: int) -> list[Image.Image]:
        wanted = [round(i * last / max(count - 1, 1)) for i in range(count)]
        chosen = dict.fromkeys(min(positions, key=lambda p: (abs(p - w), p)) for w in wanted)
        return [Image.fromarray(np.load(kept[p])) for p in chosen]
    return write_preview(images_for, target)
