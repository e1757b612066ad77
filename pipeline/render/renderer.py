"""Manim's renderer and file writer drawing a section chunk by chunk: the renderer draws only the chunks its
process claims (pipeline.render.split) and moves the clock frame-exactly over the others; the writer hands each
chunk's frames to an encoder of its own (pipeline.render.encoder) and notes where every chunk sits on the timeline
(pipeline.render.chunks joins them).

Manim 0.22 opens one x264 encoder per animation, waits for it to drain before the next animation starts
(`max_inflight_encoders = 1`), converts every RGBA frame to yuv420p on its encoder thread, and converts and
encodes a frame again for every repeat of it during a wait. Here an encoder takes a whole chunk (at least
CHUNK_SECONDS of timeline, ended at an animation's start) and drains while the next chunk is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter

from scenes.camera import LessonCamera, changing_ids

from . import chunks as timeline
from .chunks import Chunk, Chunking, Part
from .encoder import ENCODER_THREADS, FrameEncoder, FramePool

if TYPE_CHECKING:
    from .preview import Thumbnails


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
        self.chunking = Chunking(round(timeline.CHUNK_SECONDS * self.camera.frame_rate))

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

