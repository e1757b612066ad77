"""A chunk's H.264 stream, fed as the frames are drawn: RGBA frames in, an MP4 out, on a thread of its own.

A distinct frame is converted once (by swscale) and handed to x264 as often as it repeats. The encoder
settings stay manim's (libx264, its crf 23, the default preset, yuv420p), with the colour the pixels are in
said in the stream: BT.709 primaries, transfer and matrix, limited range (COLOUR), so players need not guess.
The frames are converted with the same matrix and range the tags name.

Same content, same bytes: each chunk's encoder sees only that chunk's frames and always runs ENCODER_THREADS
threads, so a chunk's bytes do not depend on the machine, the load, or which of the processes drawing the
section (pipeline.render.split) took it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.video.frame import PictureType
from av.video.reformatter import ColorRange, Colorspace, VideoReformatter

QUEUE_FRAMES = 8  # frames waiting for the encoder thread: bounds memory (8 MB a frame at 1080p)
ENCODER_THREADS = 1  # x264's output depends on its thread count: fixed, so no machine or schedule changes a byte
# the colour of every clip, as codec options (x264 writes them into the stream, the MP4 muxer into its colr box)
COLOUR = {"color_primaries": "bt709", "color_trc": "bt709", "colorspace": "bt709", "color_range": "tv"}


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
            stream = container.add_stream(spec.codec, rate=rate,
                                          options={**dict(spec.options), **COLOUR, "forced-idr": "1"})
            stream.pix_fmt, stream.width, stream.height = spec.pixel_format, spec.width, spec.height
            stream.codec_context.thread_type = "FRAME"  # PyAV's default (slice threads) keeps x264 on one core
            stream.codec_context.thread_count = self.threads
            pts = 0
            while (item := self._queue.get()) is not None:
                pixels, repeat, keyframe, position = item
                frame = reformatter.reformat(av.VideoFrame.from_numpy_buffer(pixels, format="rgba"),
                                             format=spec.pixel_format, dst_colorspace=Colorspace.ITU709,
                                             dst_color_range=ColorRange.MPEG, threads=1)
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
