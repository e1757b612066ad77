"""WAV files for the voice tests, honest or not: a header is written by hand, so it can claim what it likes."""

from __future__ import annotations

import struct
from pathlib import Path


def raw_wav(path: Path, seconds: float, rate: int = 8000, *, claim_seconds: float | None = None,
            width: int = 1, channels: int = 1) -> Path:
    """A PCM WAV holding `seconds` of a quiet square wave whose header announces `claim_seconds` (default:
    what it holds) at `rate`, which may be absurd."""
    frames = int(seconds * rate)
    claimed = int((claim_seconds if claim_seconds is not None else seconds) * rate)
    block = width * channels
    low, high = (b"\x70", b"\x90") if width == 1 else (b"\x00" * (width - 1) + b"\xf0",
                                                        b"\x00" * (width - 1) + b"\x10")
    data = b"".join((low if (i // 20) % 2 else high) * channels for i in range(frames))
    fmt = struct.pack("<HHIIHH", 1, channels, rate, (rate * block) % 2**32, block, 8 * width)
    size = (claimed * block) % 2**32
    header = (b"RIFF" + struct.pack("<I", (36 + size) % 2**32) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
              + b"data" + struct.pack("<I", size))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + data)
    return path
