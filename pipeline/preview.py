"""A small looping animated WebP of a clip, for places that cannot play video (GitHub strips <video>).

A time-lapse: PREVIEW_FRAMES frames spread evenly over the clip, PREVIEW_WIDTH pixels wide, shown at
PREVIEW_FPS, so a 35 s section loops in about 10 s and stays well under 2 MB.

A render takes them from the frames as they are drawn (Thumbnails), so the clip is never decoded for its
preview (decoding a 1080p60 section took longer than a third of encoding it).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

PREVIEW_WIDTH = 480
PREVIEW_FRAMES = 50
PREVIEW_FPS = 5
MAX_BYTES = 2 * 1024 * 1024
THUMBNAIL_SECONDS = 0.35


def write_preview(images_for, target: Path) -> Path:
    """Write target (.webp) from `images_for(count)`; frames and quality are lowered until it fits."""
    frames, quality = PREVIEW_FRAMES, 70
    while True:
        images = images_for(frames)
        images[0].save(target, format="WEBP", save_all=True, append_images=images[1:], loop=0,
                       duration=round(1000 / PREVIEW_FPS), quality=quality, method=4)
        if target.stat().st_size <= MAX_BYTES or frames <= 10:
            return target
        frames, quality = frames * 2 // 3, max(quality - 15, 30)


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


def preview_from_thumbnails(folders: list[Path], frames: int, target: Path) -> Path:
    """The preview of a section of `frames` frames from the thumbnails its processes saved."""
    kept = {int(path.stem): path for folder in folders if folder.is_dir() for path in folder.glob("*.npy")}
    if not kept:
        raise ValueError("no thumbnails were taken for the preview")
    positions = sorted(kept)

    def images_for(count: int) -> list[Image.Image]:
        wanted = [round(i * (frames - 1) / max(count - 1, 1)) for i in range(count)]
        chosen = dict.fromkeys(min(positions, key=lambda p: (abs(p - w), p)) for w in wanted)
        return [Image.fromarray(np.load(kept[p])) for p in chosen]
    return write_preview(images_for, target)
