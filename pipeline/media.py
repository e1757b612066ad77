"""Video files through PyAV (which brings its own ffmpeg): probing, frames, faststart remux, posters."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    fps: float
    frames: int
    duration: float
    codec: str
    pixel_format: str
    faststart: bool  # the moov atom comes before mdat: browsers can start playing before the download ends

    def to_json(self) -> dict:
        return {"width": self.width, "height": self.height, "fps": self.fps, "frames": self.frames,
                "duration": round(self.duration, 6), "codec": self.codec, "pixel_format": self.pixel_format,
                "faststart": self.faststart}


def top_level_atoms(path: Path) -> list[str]:
    """The MP4's top-level box types in file order (ftyp, moov, mdat, ...)."""
    atoms = []
    with open(path, "rb") as handle:
        size_total = path.stat().st_size
        offset = 0
        while offset + 8 <= size_total:
            handle.seek(offset)
            header = handle.read(16)
            size = int.from_bytes(header[:4], "big")
            kind = header[4:8].decode("latin-1")
            if size == 1:
                size = int.from_bytes(header[8:16], "big")
            elif size == 0:
                size = size_total - offset
            if size < 8:
                break
            atoms.append(kind)
            offset += size
    return atoms


def probe(path: Path) -> VideoInfo:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = stream.frames or sum(1 for _ in container.decode(stream))
        rate = stream.guessed_rate or stream.average_rate or Fraction(0)
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        else:
            duration = frames / float(rate) if rate else 0.0
        atoms = top_level_atoms(path)
        return VideoInfo(width=stream.codec_context.width, height=stream.codec_context.height,
                         fps=float(rate), frames=frames, duration=duration, codec=stream.codec_context.name,
                         pixel_format=stream.codec_context.format.name if stream.codec_context.format else "",
                         faststart="moov" in atoms and "mdat" in atoms and atoms.index("moov") < atoms.index("mdat"))


def frame_at(path: Path, seconds: float) -> np.ndarray:
    """The RGB frame shown at `seconds` (the last frame when past the end).

    Seeks to the keyframe before `seconds` first, so a poster does not decode the whole clip."""
    last = None
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        if stream.time_base and stream.duration:
            target = min(seconds, float(stream.duration * stream.time_base)) - 0.5
            if target > 0:
                container.seek(int(target / stream.time_base), stream=stream, backward=True, any_frame=False)
        for frame in container.decode(stream):
            if frame.time is not None and frame.time > seconds + 1e-9 and last is not None:
                break
            last = frame
        if last is None:
            raise ValueError(f"{path} has no video frames")
        return last.to_ndarray(format="rgb24")


def last_frame(path: Path) -> np.ndarray:
    return frame_at(path, float("inf"))


def save_png(pixels: np.ndarray, path: Path) -> None:
    Image.fromarray(pixels).save(path, format="PNG", optimize=True)


def remux_faststart(source: Path, target: Path) -> None:
    """Copy the streams into a new MP4 with the moov atom first (no re-encoding)."""
    with av.open(str(source)) as inp, av.open(str(target), "w", format="mp4",
                                              options={"movflags": "+faststart"}) as out:
        mapping = {}
        for stream in inp.streams:
            if stream.type in ("video", "audio"):
                mapping[stream.index] = out.add_stream_from_template(stream)
        for packet in inp.demux(list(inp.streams)):
            if packet.dts is None or packet.stream.index not in mapping:
                continue
            packet.stream = mapping[packet.stream.index]
            out.mux(packet)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
