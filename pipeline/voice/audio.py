"""A section's narration track: the cues' speech mixed at their start times, loudness-normalised.

Loudness is measured as ITU-R BS.1770-4 integrated loudness (the measure EBU R128 and the "−16 LUFS for web
video" target use), implemented here for one channel: K-weighting (the standard's two biquads at 48 kHz),
mean square over 400 ms blocks overlapping by 75 %, an absolute gate at −70 LUFS
and a relative gate 10 LU below the ungated mean, loudness = −0.691 + 10·log10(mean square). The track is
scaled to −16 LUFS; a peak limiter (gain curve from the 4× oversampled peaks, so true peak rather than
sample peak) keeps it under −1.5 dBTP, leaving 0.5 dB for the AAC encoder before the −1 dBTP ceiling; the
gain is re-measured after limiting (a few rounds).
"""

from __future__ import annotations

import math
import wave
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy import signal
from scipy.ndimage import minimum_filter1d, uniform_filter1d

from .wavfile import open_wav

RATE = 48_000
TARGET_LUFS = -16.0
CEILING_DBTP = -1.5
BLOCK_FRAMES = 1 << 16


def read_wav(path: Path, rate: int = RATE) -> np.ndarray:
    """A checked PCM WAV (pipeline.voice.wavfile: 8- to 32-bit, up to 16 channels, 8 to 384 kHz) as mono float64 in
    [−1, 1] at `rate`; read and mixed down a block at a time, so memory follows the mono length."""
    blocks = []
    with open_wav(path) as (handle, info):
        while raw := handle.readframes(BLOCK_FRAMES):
            samples = decode(raw, info.width)
            blocks.append(samples[: len(samples) - len(samples) % info.channels]
                          .reshape(-1, info.channels).mean(axis=1))
    data = np.concatenate(blocks) if blocks else np.zeros(0)
    if info.rate != rate:
        ratio = Fraction(rate, info.rate).limit_denominator(1000)
        data = signal.resample_poly(data, ratio.numerator, ratio.denominator)
    return data


def decode(raw: bytes, width: int) -> np.ndarray:
    """PCM samples of `width` bytes (8-bit unsigned, wider signed little-endian) as float64 in [−1, 1]."""
    raw = raw[: len(raw) - len(raw) % width]
    if width == 1:
        return (np.frombuffer(raw, np.uint8).astype(np.float64) - 128) / 128
    if width == 2:
        return np.frombuffer(raw, "<i2").astype(np.float64) / 32768
    if width == 3:
        bytes3 = np.frombuffer(raw, np.uint8).reshape(-1, 3)
        ints = (bytes3[:, 0].astype(np.int32) | (bytes3[:, 1].astype(np.int32) << 8)
                | (bytes3[:, 2].astype(np.int32) << 16))
        return np.where(ints >= 1 << 23, ints - (1 << 24), ints).astype(np.float64) / (1 << 23)
    return np.frombuffer(raw, "<i4").astype(np.float64) / (1 << 31)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    ints = np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(ints.tobytes())
    return path


def mix(parts: list[tuple[float, Path]], duration: float, rate: int = RATE) -> np.ndarray:
    """The speech files placed at their start times (seconds) on a silent track `duration` long."""
    track = np.zeros(int(round(duration * rate)))
    for start, path in parts:
        speech = read_wav(path, rate)
        at = int(round(start * rate))
        if at >= len(track):
            continue
        piece = speech[: len(track) - at]
        track[at: at + len(piece)] += piece
    return track


# BS.1770-4's K-weighting at 48 kHz (Table 1 and 2 of the standard): the pre-filter (a high shelf modelling
# the head) and the RLB high-pass, as (b, a) biquads.
K_WEIGHTING = (
    (np.array([1.53512485958697, -2.69169618940638, 1.19839281085285]),
     np.array([1.0, -1.69065929318241, 0.73248077421585])),
    (np.array([1.0, -2.0, 1.0]), np.array([1.0, -1.99004745483398, 0.99007225036621])),
)


def integrated_loudness(samples: np.ndarray, rate: int = RATE) -> float:
    """BS.1770-4 integrated loudness of a mono track in LUFS (−inf for silence)."""
    if rate != RATE:
        samples, rate = signal.resample_poly(samples, RATE, rate), RATE
    weighted = samples
    for b, a in K_WEIGHTING:
        weighted = signal.lfilter(b, a, weighted)
    block, step = int(0.4 * rate), int(0.1 * rate)
    if len(weighted) < block:
        weighted = np.pad(weighted, (0, block - len(weighted)))
    squares = np.cumsum(np.concatenate([[0.0], weighted ** 2]))
    starts = np.arange(0, len(weighted) - block + 1, step)
    power = (squares[starts + block] - squares[starts]) / block
    loud = -0.691 + 10 * np.log10(np.maximum(power, 1e-20))
    power = power[loud > -70]
    if len(power) == 0:
        return -math.inf
    relative = -0.691 + 10 * math.log10(power.mean()) - 10
    power = power[-0.691 + 10 * np.log10(power) > relative]
    return -0.691 + 10 * math.log10(power.mean())


def true_peak_db(samples: np.ndarray) -> float:
    """Peak of the 4× oversampled signal, in dBTP (−inf for silence)."""
    if not len(samples):
        return -math.inf
    peak = float(np.max(np.abs(signal.resample_poly(samples, 4, 1))))
    return 20 * math.log10(peak) if peak > 0 else -math.inf


def limit(samples: np.ndarray, ceiling_db: float = CEILING_DBTP, rate: int = RATE) -> np.ndarray:
    """Scale down where the oversampled peaks exceed the ceiling, with a smooth (5 ms) gain curve that never
    lets a peak through: each sample's gain is the mean of window minima that include it."""
    ceiling = 10 ** (ceiling_db / 20)
    peaks = np.abs(signal.resample_poly(samples, 4, 1)).reshape(-1, 4)
    over = np.maximum(np.maximum(peaks[:, 0], peaks[:, 1]), np.maximum(peaks[:, 2], peaks[:, 3]))[: len(samples)]
    if len(over) < len(samples):
        over = np.pad(over, (0, len(samples) - len(over)))
    need = np.minimum(1.0, ceiling / np.maximum(over, 1e-12))
    width = max(int(0.005 * rate), 1)
    gain = uniform_filter1d(minimum_filter1d(need, 2 * width + 1), width)
    return samples * np.minimum(gain, need)


def normalise(samples: np.ndarray, target: float = TARGET_LUFS, ceiling_db: float = CEILING_DBTP,
              rate: int = RATE) -> np.ndarray:
    """The track at `target` LUFS with its true peak under `ceiling_db` (silence stays silence)."""
    out, loudness = samples, integrated_loudness(samples, rate)
    for _ in range(4):
        if not math.isfinite(loudness):
            return samples
        out = limit(out * 10 ** ((target - loudness) / 20), ceiling_db, rate)
        loudness = integrated_loudness(out, rate)  # the next round starts from it
        if abs(loudness - target) < 0.2:
            break
    return out


def narration_track(parts: list[tuple[float, Path]], duration: float, target: Path) -> Path:
    """Mix, normalise and write the section's narration as a 48 kHz mono 16-bit WAV."""
    return write_wav(target, normalise(mix(parts, duration)))
