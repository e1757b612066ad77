"""The section's video stream: one H.264 encoder per render process, fed as the frames are drawn.

Manim 0.22 opens one x264 encoder per animation, waits for it to drain before the next animation starts
(`max_inflight_encoders = 1`), converts every RGBA frame to yuv420p on its encoder thread, and converts
and encodes a frame again for every repeat of it during a wait. Here a process keeps one encoder for all
the frames it draws: a distinct frame is converted once (by swscale, on threads) and handed to x264 as
often as it repeats, and x264 uses frame threads as the ffmpeg command line does. The encoder settings
stay manim's: libx264, its crf 23, the default preset, yuv420p.

A section may be drawn by several processes (pipeline.split): each draws the animations it claims and
skips the others (motion is indexed by precomputed data, so an animation can start from its index), and
its stream holds its *runs* (consecutive claimed animations), each starting on an IDR frame. `assemble`
then copies the runs' packets, in timeline order, into the section's MP4 (no re-encoding).
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


@dataclass(frozen=True)
class Run:
    """Consecutive frames one process drew: `frames` frames from `start` on the section's timeline, found
    from `offset` on in that process's stream (which begins them with an IDR frame)."""

    start: int
    frames: int
    offset: int


@dataclass(frozen=True)
class Part:
    """One process's stream and the runs it holds."""

    path: str
    runs: tuple[Run, ...]

    def to_json(self) -> dict:
        return {"path": self.path, "runs": [[r.start, r.frames, r.offset] for r in self.runs]}

    @staticmethod
    def from_json(data: dict) -> Part:
        return Part(data["path"], tuple(Run(*r) for r in data["runs"]))


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
        self._thread = threading.Thread(target=self._work, name="section-encoder", daemon=True)
        self._thread.start()

    def put(self, pixels: np.ndarray, repeat: int, keyframe: bool, position: int = 0) -> None:
        if self._error is not None:
            self.close()
        self._queue.put((pixels, repeat, keyframe, position))
        self.frames += repeat

    def close(self) -> None:
        """Flush and close the file; raises what went wrong on the encoder thread."""
        if self._thread.is_alive():
            self._queue.put(None)
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
    """Manim's file writer with one FrameEncoder instead of an encoder per animation. Knows where the
    frames it gets sit on the section's timeline (the renderer reports the frames it skips), so it can
    tell its runs apart. Set `target` (and optionally `thumbnails`) before the first frame."""

    target: Path
    thumbnails: Thumbnails | None = None
    encoder_threads: int = 0
    release: Callable[[np.ndarray], None] | None = None  # gives a frame's buffer back once encoded

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.position = 0  # the next frame's place on the section's timeline
        self.runs: list[Run] = []
        self._encoder: FrameEncoder | None = None
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

    def write_frame(self, pixels: np.ndarray, *, repeat: int = 1) -> None:
        if not self.output_spec.is_video:
            super().write_frame(pixels, repeat=repeat)
            return
        if self._encoder is None:
            self._encoder = FrameEncoder(self.target, self.video_encoder,
                                         self.thumbnails.add if self.thumbnails is not None else None,
                                         self.encoder_threads, self.release)
        last = self.runs[-1] if self.runs else None
        if last is not None and last.start + last.frames == self.position:
            self.runs[-1] = Run(last.start, last.frames + repeat, last.offset)
        else:
            self.runs.append(Run(self.position, repeat, self._encoder.frames))
        self._encoder.put(pixels, repeat, self._animation_starts, self.position)
        self._animation_starts = False
        self.position += repeat

    def finish(self) -> None:
        if self.output_spec.is_video and self._encoder is not None:
            self._encoder.close()
            self.final_file_path = self.target
        if self.subcaptions:
            self.write_subcaption_file()

    def abort_encode_jobs(self, reraise_encoder_failures: bool = False) -> None:
        if self._encoder is not None:
            try:
                self._encoder.close()
            except RuntimeError:
                if reraise_encoder_failures:
                    raise

    def part(self) -> Part:
        return Part(str(self.target), tuple(self.runs))


def _claim_all(index: int) -> bool:
    return True


class SectionRenderer(CairoRenderer):
    """Manim's Cairo renderer drawing only the animations `claim(index)` grants this process. A skipped
    animation jumps to its end state and moves the clock by exactly the frames drawing it would have
    added (so captions and speech keep their times in every process), and nothing is drawn for it."""

    def __init__(self, target: Path, claim: Callable[[int], bool] = _claim_all,
                 thumbnails: Thumbnails | None = None, encoder_threads: int = 0, **kwargs) -> None:
        super().__init__(file_writer_class=SectionWriter, **{"camera_class": LessonCamera, **kwargs})
        self.target, self.claim, self.thumbnails, self.encoder_threads = target, claim, thumbnails, encoder_threads
        self._changing: set[int] = set()

    def init_scene(self, scene, session_spec, file_writer_settings) -> None:
        super().init_scene(scene, session_spec, file_writer_settings)
        writer = self.file_writer
        writer.target, writer.thumbnails, writer.encoder_threads = self.target, self.thumbnails, self.encoder_threads
        self.buffers = FramePool(self.camera.pixel_array.shape, self.camera.pixel_array.dtype)
        writer.release = self.buffers.give

    def play(self, scene, *args, **kwargs) -> None:
        mine = self.claim(self.num_plays)
        self._original_skipping_status = not mine  # CairoRenderer.play starts from this
        started = self.time
        super().play(scene, *args, **kwargs)
        if not mine:
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


def assemble(parts: list[Part], target: Path) -> Path:
    """The section's MP4 from the processes' streams: every run's packets, shifted to its place on the
    timeline, in timeline order (a run starts on an IDR frame of a closed GOP, so it decodes alone)."""
    runs = sorted(((run, index) for index, part in enumerate(parts) for run in part.runs), key=lambda r: r[0].start)
    expected = 0
    for run, _ in runs:
        if run.start != expected:
            raise RuntimeError(f"frames {expected}-{run.start - 1} of the section were drawn by no process")
        expected += run.frames
    used = [part for part in parts if part.runs]
    if len(used) == 1 and len(used[0].runs) == 1:
        os.replace(used[0].path, target)
        return target
    containers = [av.open(part.path) for part in parts]
    try:
        streams = [c.streams.video[0] for c in containers]
        extradata = {bytes(s.codec_context.extradata or b"") for s, p in zip(streams, parts) if p.runs}
        if len(extradata) > 1:
            raise RuntimeError("the processes' encoders wrote different H.264 parameter sets")
        by_frame = [_packets_by_frame(c, s) for c, s in zip(containers, streams)]
        with av.open(str(target), "w", format="mp4") as out:
            template = next(s for s, p in zip(streams, parts) if p.runs)
            stream = out.add_stream_from_template(template)
            for run, index in runs:
                tick = _ticks_per_frame(streams[index])
                shift = (run.start - run.offset) * tick
                for frame, packet in by_frame[index]:
                    if run.offset <= frame < run.offset + run.frames:
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


def _packets_by_frame(container, stream) -> list:
    """(frame index in the stream, packet) in decoding order."""
    packets = [p for p in container.demux(stream) if p.dts is not None]
    if not packets:
        return []
    first, tick = min(p.pts for p in packets), _ticks_per_frame(stream)
    return [((p.pts - first) // tick, p) for p in packets]


def write_part(part: Part, path: Path) -> None:
    path.write_text(json.dumps(part.to_json()), encoding="utf-8")


def read_part(path: Path) -> Part:
    return Part.from_json(json.loads(path.read_text(encoding="utf-8")))
