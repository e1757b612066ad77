"""The section's video stream: an H.264 encoder per chunk of the timeline, fed as the frames are drawn.

Manim 0.22 opens one x264 encoder per animation, waits for it to drain before the next animation starts
(`max_inflight_encoders = 1`), converts every RGBA frame to yuv420p on its encoder thread, and converts
and encodes a frame again for every repeat of it during a wait. Here an encoder takes a whole chunk (at
least CHUNK_SECONDS of timeline, ended at an animation's start) and drains while the next chunk is drawn:
a distinct frame is converted once (by swscale) and handed to x264 as often as it repeats. The encoder
settings stay manim's: libx264, its crf 23, the default preset, yuv420p.

Same content, same bytes: where chunks begin depends on the timeline only, each chunk's encoder sees only
that chunk's frames and always runs ENCODER_THREADS threads, so a chunk's bytes do not depend on the
machine, the load, or which of the processes drawing the section (pipeline.split) took it. A process draws
the chunks it claims and skips the others (motion is indexed by precomputed data, so an animation can start
from its index); `assemble` copies the chunks' packets, in timeline order, into the section's MP4 (no
re-encoding).
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import av
import numpy as np
from av.video.frame import PictureType
from av.video.reformatter import VideoReformatter
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter

from scenes.camera import LessonCamera, changing_ids

if TYPE_CHECKING:
    from .preview import Thumbnails

QUEUE_FRAMES = 8  # frames waiting for the encoder thread: bounds memory (8 MB a frame at 1080p)
ENCODER_THREADS = 1  # x264's output depends on its thread count: fixed, so no machine or schedule changes a byte
CHUNK_SECONDS = 3.0  # of timeline per chunk at least: small enough to share a section's work between processes


@dataclass(frozen=True)
class Chunk:
    """A stretch of the section's timeline in a stream of its own: `frames` frames from `start`, in the file
    `path`, encoded by an encoder that saw nothing else (it begins on an IDR frame). Where a chunk begins is
    decided by the timeline alone, so its bytes never depend on which process drew it or what that process
    drew before."""

    index: int
    start: int
    frames: int
    path: str


@dataclass(frozen=True)
class Part:
    """The chunks one process drew."""

    chunks: tuple[Chunk, ...]

    def to_json(self) -> dict:
        return {"chunks": [[c.index, c.start, c.frames, c.path] for c in self.chunks]}

    @staticmethod
    def from_json(data: dict) -> Part:
        return Part(tuple(Chunk(*c) for c in data["chunks"]))


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


class FramePool:
    """Frame buffers passed from the camera to the encoder thread and back: the camera draws the next frame
    into a free buffer instead of copying each frame (8 MB at 1080p) for the encoder."""

    def __init__(self, shape: tuple[int, ...], dtype, count: int = QUEUE_FRAMES + 3) -> None:
        self.count = count
        self._free: queue.Queue = queue.Queue()
        for _ in range(count):
            self._free.put(np.empty(shape, dtype))

    def take(self) -> np.ndarray:
        return self._free.get()

    def give(self, frame: np.ndarray) -> None:
        if self._free.qsize() < self.count:  # a still frame's copy may come back too: keep the pool's size
            self._free.put(frame)


class FrameEncoder:
    """RGBA frames in, an MP4 out, on a background thread (the drawing thread never waits for x264 unless
    the queue is full). `put(pixels, repeat, keyframe, position)`: the frame shown `repeat` times from
    `position` on the timeline; `keyframe` makes its first showing an IDR frame. `on_frame(pixels,
    position, repeat)` sees each distinct frame on the encoder thread (the preview's thumbnails), then
    `release(pixels)` hands the buffer back."""

    def __init__(self, target: Path, spec, on_frame: Callable[[np.ndarray, int, int], None] | None = None,
                 threads: int = 0, release: Callable[[np.ndarray], None] | None = None) -> None:
        self.target = target
        self.spec = spec
        self.threads = threads  # x264's threads, 0: as many as it likes
        self.on_frame = on_frame
        self.release = release or (lambda frame: None)
        self.frames = 0
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_FRAMES)
        self._error: BaseException | None = None
        self._finishing = False
        self._thread = threading.Thread(target=self._work, name="section-encoder", daemon=True)
        self._thread.start()

    def put(self, pixels: np.ndarray, repeat: int, keyframe: bool, position: int = 0) -> None:
        if self._error is not None:
            self.close()
        self._queue.put((pixels, repeat, keyframe, position))
        self.frames += repeat

    def finish(self) -> None:
        """No more frames: the encoder flushes and closes the file on its thread (`close` waits for it)."""
        if not self._finishing:
            self._finishing = True
            self._queue.put(None)

    def close(self) -> None:
        """Flush and close the file; raises what went wrong on the encoder thread."""
        if self._thread.is_alive():
            self.finish()
            self._thread.join()
        if self._error is not None:
            raise RuntimeError(f"encoding {self.target.name} failed: {self._error}") from self._error

    def _work(self) -> None:
        try:
            self._encode()
        except BaseException as error:  # noqa: BLE001 - handed to the drawing thread by close()
            self._error = error
            while (item := self._queue.get()) is not None:  # drain: the drawing thread must never block
                self.release(item[0])

    def _encode(self) -> None:
        spec = self.spec
        rate = spec.frame_rate
        time_base = Fraction(rate.denominator, rate.numerator)
        reformatter = VideoReformatter()
        with av.open(str(self.target), "w", format="mp4") as container:
            stream = container.add_stream(spec.codec, rate=rate, options={**dict(spec.options), "forced-idr": "1"})
            stream.pix_fmt, stream.width, stream.height = spec.pixel_format, spec.width, spec.height
            stream.codec_context.thread_type = "FRAME"  # PyAV's default (slice threads) keeps x264 on one core
            stream.codec_context.thread_count = self.threads
            pts = 0
            while (item := self._queue.get()) is not None:
                pixels, repeat, keyframe, position = item
                frame = reformatter.reformat(av.VideoFrame.from_numpy_buffer(pixels, format="rgba"),
                                             format=spec.pixel_format, threads=1)
                if self.on_frame is not None:
                    self.on_frame(pixels, position, repeat)
                self.release(pixels)
                frame.time_base = time_base
                for shown in range(repeat):
                    frame.pts = pts
                    frame.pict_type = PictureType.I if keyframe and shown == 0 else PictureType.NONE
                    pts += 1
                    for packet in stream.encode(frame):
                        container.mux(packet)
            for packet in stream.encode(None):
                container.mux(packet)


class SectionWriter(SceneFileWriter):
    """Manim's file writer with one FrameEncoder per chunk instead of an encoder per animation. Knows where
    the frames it gets sit on the section's timeline (the renderer reports the frames it skips). Set
    `folder` (and optionally `thumbnails`) before the first frame; the renderer calls `begin_chunk`."""

    folder: Path
    thumbnails: Thumbnails | None = None
    release: Callable[[np.ndarray], None] | None = None  # gives a frame's buffer back once encoded

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.position = 0  # the next frame's place on the section's timeline
        self.chunks: list[Chunk] = []
        self._encoders: list[FrameEncoder] = []  # the current chunk's last; earlier ones still flushing
        self._animation_starts = False

    def begin_animation(self, allow_write: bool = False, *, animation_index: int, file_path=None) -> None:
        self._animation_starts = True  # no segment per animation, but its first frame is an IDR frame

    def end_animation(self, allow_write: bool = False) -> None:
        pass

    def is_already_cached(self, hash_invocation: str) -> bool:
        return False

    def skip(self, frames: int) -> None:
        """`frames` frames of the timeline are drawn by another process."""
        self.position += frames

    def begin_chunk(self, index: int) -> None:
        """The frames from here on, until the next chunk, go to chunk `index`'s own stream; the previous
        chunk's encoder flushes on its thread meanwhile."""
        if self._encoders:
            self._encoders[-1].finish()
        path = self.folder / f"chunk-{index:04d}.mp4"
        self.chunks.append(Chunk(index, self.position, 0, str(path)))
        self._encoders.append(FrameEncoder(path, self.video_encoder,
                                           self.thumbnails.add if self.thumbnails is not None else None,
                                           ENCODER_THREADS, self.release))

    def write_frame(self, pixels: np.ndarray, *, repeat: int = 1) -> None:
        if not self.output_spec.is_video:
            super().write_frame(pixels, repeat=repeat)
            return
        chunk = self.chunks[-1]
        if chunk.start + chunk.frames != self.position:
            raise RuntimeError(f"frame {self.position} drawn outside the chunk that began at {chunk.start}")
        self.chunks[-1] = Chunk(chunk.index, chunk.start, chunk.frames + repeat, chunk.path)
        self._encoders[-1].put(pixels, repeat, self._animation_starts, self.position)
        self._animation_starts = False
        self.position += repeat

    def finish(self) -> None:
        if self.output_spec.is_video:
            self._close_encoders()

    def abort_encode_jobs(self, reraise_encoder_failures: bool = False) -> None:
        try:
            self._close_encoders()
        except RuntimeError:
            if reraise_encoder_failures:
                raise

    def _close_encoders(self) -> None:
        problems = []
        for encoder in self._encoders:
            try:
                encoder.close()
            except RuntimeError as problem:
                problems.append(problem)
        self._encoders = []
        if problems:
            raise problems[0]

    def part(self) -> Part:
        return Part(tuple(self.chunks))


def _claim_all(index: int) -> bool:
    return True


class SectionRenderer(CairoRenderer):
    """Manim's Cairo renderer drawing only the chunks `claim(index)` grants this process. An animation of a
    chunk another process draws jumps to its end state and moves the clock by exactly the frames drawing it
    would have added (so chunks, captions and speech keep their times in every process), and nothing is
    drawn for it."""

    def __init__(self, folder: Path, claim: Callable[[int], bool] = _claim_all,
                 thumbnails: Thumbnails | None = None, **kwargs) -> None:
        super().__init__(file_writer_class=SectionWriter, **{"camera_class": LessonCamera, **kwargs})
        self.folder, self.claim, self.thumbnails = folder, claim, thumbnails
        self._changing: set[int] = set()
        self._mine = False

    def init_scene(self, scene, session_spec, file_writer_settings) -> None:
        super().init_scene(scene, session_spec, file_writer_settings)
        self.folder.mkdir(parents=True, exist_ok=True)
        writer = self.file_writer
        writer.folder, writer.thumbnails = self.folder, self.thumbnails
        self.buffers = FramePool(self.camera.pixel_array.shape, self.camera.pixel_array.dtype)
        writer.release = self.buffers.give
        self.chunking = Chunking(round(CHUNK_SECONDS * self.camera.frame_rate))

    def play(self, scene, *args, **kwargs) -> None:
        if self.chunking.begins_at(self.file_writer.position):
            self._mine = self.claim(self.chunking.index)
            if self._mine:
                self.file_writer.begin_chunk(self.chunking.index)
        self._original_skipping_status = not self._mine  # CairoRenderer.play starts from this
        started = self.time
        super().play(scene, *args, **kwargs)
        if not self._mine:
            self.time = started
            self.file_writer.skip(self._advance_as_drawn(scene))

    def _advance_as_drawn(self, scene) -> int:
        """Move the clock as drawing the last animation would have (same float steps); its frame count."""
        if scene.stop_condition is not None:
            raise RuntimeError("a wait with a stop condition cannot be skipped: its length is known only by "
                               "playing it")
        dt = 1 / self.camera.frame_rate
        if scene.is_current_animation_frozen_frame():
            frames = int(scene.duration / dt)  # freeze_current_frame
            self.time += frames * dt
            return frames
        frames = len(np.arange(0, scene.duration, 1 / scene_frame_rate()))  # Scene.get_time_progression
        for _ in range(frames):
            self.time += 1 * dt  # add_frame, one frame at a time
        return frames

    def update_frame(self, scene, mobjects=None, include_submobjects=True, ignore_skipping=True, **kwargs):
        if self.skip_animations:
            return  # nothing drawn for an animation another process draws
        if mobjects and mobjects is scene.moving_mobjects and include_submobjects and not kwargs:
            self.camera.capture_layered(self.static_image, mobjects, self._changing)  # a frame of the animation
            return
        super().update_frame(scene, mobjects, include_submobjects, ignore_skipping, **kwargs)

    def render(self, scene, time, moving_mobjects=None) -> None:
        if self.skip_animations:
            return
        self.update_frame(scene, moving_mobjects)
        frame = self.camera.pixel_array
        self.camera.pixel_array = self.buffers.take()  # drawn over from the background before it is read
        self.add_frame(frame)

    def save_static_frame_data(self, scene, static_mobjects):
        """Called as each animation begins: also notes what may change during it."""
        if self.skip_animations:
            self.static_image = None
            return None
        self._changing = changing_ids(scene)
        return super().save_static_frame_data(scene, static_mobjects)


def scene_frame_rate() -> float:
    from manim import config

    return config["frame_rate"]


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
        os.replace(chunks[0].path, target)
        return target
    containers = [av.open(chunk.path) for chunk in chunks]
    try:
        streams = [c.streams.video[0] for c in containers]
        if len({bytes(s.codec_context.extradata or b"") for s in streams}) > 1:
            raise RuntimeError("the chunks' encoders wrote different H.264 parameter sets")
        with av.open(str(target), "w", format="mp4") as out:
            stream = out.add_stream_from_template(streams[0])
            for chunk, container, source in zip(chunks, containers, streams):
                shift = chunk.start * _ticks_per_frame(source)
                for packet in _packets(container, source):
                    packet.pts += shift
                    packet.dts += shift
                    packet.stream = stream
                    out.mux(packet)
    finally:
        for container in containers:
            container.close()
    return target


def _ticks_per_frame(stream) -> int:
    tick = 1 / (stream.time_base * stream.guessed_rate)
    if tick.denominator != 1:
        raise RuntimeError(f"frame rate {stream.guessed_rate} does not fit the time base {stream.time_base}")
    return int(tick)


def _packets(container, stream) -> list:
    """The stream's packets in decoding order."""
    return [p for p in container.demux(stream) if p.dts is not None]


def write_part(part: Part, path: Path) -> None:
    path.write_text(json.dumps(part.to_json()), encoding="utf-8")


def read_part(path: Path) -> Part:
    return Part.from_json(json.loads(path.read_text(encoding="utf-8")))
