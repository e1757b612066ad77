"""What a speech WAV must be before the pipeline trusts it (a teacher's recording or an engine's output).

A WAV header is only a claim. A 1 kB file whose header announces 120 s would be mixed as two minutes of
silence and stretch its beat; a rate of 1 GHz leaves the resampler nothing to do. So a WAV is accepted only
when it is a regular file (opened without blocking: a FIFO or a device at the path is refused, never waited
on nor read forever), PCM with 8- to 32-bit samples, 1 to MAX_CHANNELS channels, a rate from MIN_RATE to
MAX_RATE, at least one frame, and a data chunk that really holds every frame the header announces.
"""

from __future__ import annotations

import os
import stat
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MIN_RATE = 8_000  # telephone speech; nothing lower is a recording of a voice
MAX_RATE = 384_000  # the highest rate studio recorders write (DXD)
MAX_CHANNELS = 16


@dataclass(frozen=True)
class WavInfo:
    frames: int
    rate: int
    channels: int
    width: int  # bytes per sample

    @property
    def duration(self) -> float:
        return self.frames / self.rate


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file, checked on the open descriptor (no race with a
    swap), without ever blocking on a FIFO; wave.Error otherwise, OSError when it cannot be opened."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise wave.Error("not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


@contextmanager
def open_wav(path: Path) -> Iterator[tuple[wave.Wave_read, WavInfo]]:
    """The checked WAV, positioned at its first frame (wave.Error, EOFError or OSError when it is not one)."""
    with open_regular(path) as stream, wave.open(stream, "rb") as handle:
        info = check(handle, os.fstat(stream.fileno()).st_size)
        handle.rewind()
        yield handle, info


def probe(path: Path) -> WavInfo:
    with open_wav(path) as (_, info):
        return info


def check(handle: wave.Wave_read, size: int) -> WavInfo:
    info = WavInfo(handle.getnframes(), handle.getframerate(), handle.getnchannels(), handle.getsampwidth())
    if not MIN_RATE <= info.rate <= MAX_RATE:
        raise wave.Error(f"a sample rate of {info.rate} Hz (accepted: {MIN_RATE} to {MAX_RATE} Hz)")
    if not 1 <= info.channels <= MAX_CHANNELS:
        raise wave.Error(f"{info.channels} channels (accepted: 1 to {MAX_CHANNELS})")
    if not 1 <= info.width <= 4:
        raise wave.Error(f"{8 * info.width}-bit samples (accepted: 8 to 32)")
    if info.frames <= 0:
        raise wave.Error("no audio frames")
    handle.setpos(info.frames - 1)
    if len(handle.readframes(1)) < info.channels * info.width:
        raise wave.Error(f"the header announces {info.duration:.1f} s of audio but the file ({size} bytes) "
                         "holds less: it is truncated or its header is wrong")
    return info
