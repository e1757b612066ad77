"""A section's timeline in chunks, and streams joined without re-encoding.

Where chunks begin depends on the timeline only (Chunking), each chunk is encoded by an encoder of its own
(pipeline.render.encoder) and drawn by whichever process claims it (pipeline.render.renderer, pipeline.render.split);
`assemble` copies the chunks' packets, in timeline order, into the section's MP4. `append_packets` is the copy
itself, shared with the whole lesson's file (pipeline.render.lesson_video), which joins the sections the same way.
"""

from __future__ import annotations

from pathlib import Path

import av
import msgspec

CHUNK_SECONDS = 3.0  # of timeline per chunk at least: small enough to share a section's work between processes


class Chunk(msgspec.Struct, frozen=True, array_like=True):
    """A stretch of the section's timeline in a stream of its own: `frames` frames from `start`, in the file
    `path`, encoded by an encoder that saw nothing else (it begins on an IDR frame). Where a chunk begins is
    decided by the timeline alone, so its bytes never depend on which process drew it or what that process
    drew before."""

    index: int
    start: int
    frames: int
    path: str


class Part(msgspec.Struct, frozen=True):
    """The chunks one process drew: what a drawing process hands the worker (`part-<n>.json`)."""

    chunks: tuple[Chunk, ...]


class Chunking:
    """Where the chunks begin: at the first animation that starts at least `frames` frames after the
    current chunk's start (a function of the timeline only, the same in every process)."""

    def __init__(self, frames: int) -> None:
        self.frames = max(1, frames)
        self.index = -1
        self._start: int | None = None

    def begins_at(self, position: int) -> bool:
        """Whether an animation starting at `position` begins a new chunk (then `index` is its number)."""
        if self._start is None or position - self._start >= self.frames:
            self.index += 1
            self._start = position
            return True
        return False


def assemble(chunks: list[Chunk], target: Path) -> Path:
    """The section's MP4 from its chunks: every chunk's packets, shifted to its place on the timeline, in
    timeline order (a chunk starts on an IDR frame of a closed GOP, so it decodes alone)."""
    chunks = sorted((c for c in chunks if c.frames), key=lambda c: c.start)
    expected = 0
    for chunk in chunks:
        if chunk.start != expected:
            raise RuntimeError(f"frames {expected}-{chunk.start - 1} of the section were drawn by no process")
        expected += chunk.frames
    if len(chunks) == 1:
        Path(chunks[0].path).replace(target)
        return target
    containers = [av.open(chunk.path) for chunk in chunks]
    try:
        streams = [c.streams.video[0] for c in containers]
        same_parameters(streams, "the chunks' encoders")
        with av.open(str(target), "w", format="mp4") as out:
            stream = out.add_stream_from_template(streams[0])
            for chunk, container, source in zip(chunks, containers, streams):
                append_packets(out, stream, container, source, chunk.start)
    finally:
        for container in containers:
            container.close()
    return target


def same_parameters(streams: list, what: str) -> None:
    """Packets copied from several H.264 streams into one need the same parameter sets (SPS, PPS)."""
    if len({bytes(s.codec_context.extradata or b"") for s in streams}) > 1:
        raise RuntimeError(f"{what} wrote different H.264 parameter sets")


def append_packets(out, stream, container, source, first_frame: int) -> None:
    """Every packet of `source` (a video stream of `container`) muxed into `stream` of `out`, moved to start at
    frame `first_frame` of the joined stream: copied, never decoded."""
    shift = first_frame * ticks_per_frame(source)
    for packet in packets(container, source):
        packet.pts += shift
        packet.dts += shift
        packet.stream = stream
        out.mux(packet)


def ticks_per_frame(stream) -> int:
    tick = 1 / (stream.time_base * stream.guessed_rate)
    if tick.denominator != 1:
        raise RuntimeError(f"frame rate {stream.guessed_rate} does not fit the time base {stream.time_base}")
    return int(tick)


def packets(container, stream) -> list:
    """The stream's packets in decoding order."""
    return [p for p in container.demux(stream) if p.dts is not None]


def write_part(part: Part, path: Path) -> None:
    path.write_bytes(msgspec.json.encode(part))


def read_part(path: Path) -> Part:
    return msgspec.json.decode(path.read_bytes(), type=Part)
