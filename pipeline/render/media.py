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


@dataclass(frozen=True)
class AudioInfo:
    codec: str
    sample_rate: int
    channels: int
    duration: float


def probe_audio(path: Path) -> AudioInfo | None:
    """The clip's audio track, or None when it is silent (no audio stream)."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        else:
            duration = sum(frame.samples for frame in container.decode(stream)) / stream.sample_rate
        return AudioInfo(codec=stream.codec_context.name, sample_rate=stream.sample_rate,
                         channels=stream.codec_context.channels, duration=duration)


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


AUDIO_BITRATE = 128_000


def remux_faststart(source: Path, target: Path, audio: Path | None = None, chapters: list | None = None) -> None:
    """Copy the streams into a new MP4 with the moov atom first (no re-encoding). With `audio` (the AAC file
    `encode_aac` made of the narration) its track becomes the clip's one audio track, in place of any audio
    the source has. `chapters`: the MP4's chapter list (PyAV's chapters: id, start, end, time_base, metadata
    with the title)."""
    with av.open(str(source)) as inp, av.open(str(target), "w", format="mp4",
                                              options={"movflags": "+faststart"}) as out:
        mapping = {}
        for stream in inp.streams:
            if stream.type == "video" or (stream.type == "audio" and audio is None):
                mapping[stream.index] = out.add_stream_from_template(stream)
        pending = _copied_packets(out, audio) if audio is not None else []
        if chapters:
            out.set_chapters(chapters)
        for packet in inp.demux(list(inp.streams)):
            if packet.dts is None or packet.stream.index not in mapping:
                continue
            when = float(packet.dts * packet.time_base) if packet.time_base else 0.0
            while pending and pending[0][0] <= when:
                out.mux(pending.pop(0)[1])
            packet.stream = mapping[packet.stream.index]
            out.mux(packet)
        for _, packet in pending:
            out.mux(packet)


def encode_aac(wav: Path, target: Path) -> Path:
    """The narration WAV (mono 16-bit, pipeline.voice.audio.narration_track) as an AAC track in an .m4a, encoded
    while other work goes on; `remux_faststart` copies it into the clip."""
    from ..voice.audio import read_wav

    with av.open(str(wav)) as probe_in:
        rate = probe_in.streams.audio[0].sample_rate
    samples = read_wav(wav, rate).astype(np.float32)
    with av.open(str(target), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=rate, layout="mono")
        stream.bit_rate = AUDIO_BITRATE
        size = stream.codec_context.frame_size or 1024
        for offset in range(0, len(samples), size):
            frame = av.AudioFrame.from_ndarray(samples[offset: offset + size].reshape(1, -1), format="fltp",
                                               layout="mono")
            frame.sample_rate = rate
            frame.pts = offset
            frame.time_base = Fraction(1, rate)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return target


def decode_audio(path: Path) -> np.ndarray:
    """The first audio track of `path`, decoded, as float samples."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(stream)])


AAC_CEILING_DBTP = -1.0


def encode_aac_within(wav: Path, target: Path, ceiling_db: float = AAC_CEILING_DBTP) -> Path:
    """`encode_aac`, with the decoded track's true peak kept under `ceiling_db`: the AAC encoder can overshoot
    the WAV's peaks by more than the limiter's headroom on some signals, so where it does, the WAV is limited
    further (its loudness kept) and encoded again."""
    from ..voice.audio import CEILING_DBTP, normalise, read_wav, true_peak_db, write_wav

    limit = CEILING_DBTP
    for _ in range(4):
        encode_aac(wav, target)
        over = true_peak_db(decode_audio(target)) - ceiling_db
        if over <= 0:
            break
        limit -= over + 0.2
        write_wav(wav, normalise(read_wav(wav), ceiling_db=limit))
    return target


def _copied_packets(out, source: Path) -> list:
    """The audio packets of `source`, for `out`: (time in seconds, packet) in order."""
    with av.open(str(source)) as inp:
        template = inp.streams.audio[0]
        stream = out.add_stream_from_template(template)
        packets = []
        for packet in inp.demux(template):
            if packet.dts is None:
                continue
            packet.stream = stream
            packets.append((float(packet.dts * packet.time_base), packet))
    return packets


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
