"""A small looping animated WebP of a clip, for places that cannot play video (GitHub strips <video>).

A time-lapse: PREVIEW_FRAMES frames spread evenly over the clip, PREVIEW_WIDTH pixels wide, shown at
PREVIEW_FPS, so a 35 s section loops in about 10 s and stays well under 2 MB.
"""

from __future__ import annotations

from pathlib import Path

import av
from PIL import Image

PREVIEW_WIDTH = 480
PREVIEW_FRAMES = 50
PREVIEW_FPS = 5
MAX_BYTES = 2 * 1024 * 1024


def sampled_frames(video: Path, count: int, width: int) -> list[Image.Image]:
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        total = stream.frames or sum(1 for _ in container.decode(stream))
    wanted = {round(i * (total - 1) / max(count - 1, 1)) for i in range(count)}
    images = []
    with av.open(str(video)) as container:
        container.streams.video[0].thread_type = "AUTO"
        for index, frame in enumerate(container.decode(video=0)):
            if index in wanted:
                image = frame.to_image()
                height = round(image.height * width / image.width / 2) * 2
                images.append(image.resize((width, height), Image.LANCZOS))
    return images


def make_preview(video: Path, target: Path) -> Path:
    """Write target (.webp); frames and quality are lowered until it fits under MAX_BYTES."""
    frames, quality = PREVIEW_FRAMES, 70
    while True:
        images = sampled_frames(video, frames, PREVIEW_WIDTH)
        images[0].save(target, format="WEBP", save_all=True, append_images=images[1:], loop=0,
                       duration=round(1000 / PREVIEW_FPS), quality=quality, method=4)
        if target.stat().st_size <= MAX_BYTES or frames <= 10:
            return target
        frames, quality = frames * 2 // 3, max(quality - 15, 30)
