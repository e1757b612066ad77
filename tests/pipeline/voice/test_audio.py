"""The narration track: mixing at cue times, BS.1770 loudness, the limiter, AAC muxed into the MP4."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from pipeline.render import media
from pipeline.voice import audio

RATE = audio.RATE


def tone(seconds: float, amplitude: float, frequency: float = 997.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return amplitude * np.sin(2 * np.pi * frequency * t)


def test_loudness_matches_the_standards_reference_tone():
    # BS.1770: a 997 Hz sine at full scale reads −3.01 LUFS; 20 dB lower reads −23.01
    assert audio.integrated_loudness(tone(5, 1.0)) == pytest.approx(-3.01, abs=0.02)
    assert audio.integrated_loudness(tone(5, 0.1)) == pytest.approx(-23.01, abs=0.02)
    assert audio.integrated_loudness(np.zeros(RATE)) == -np.inf


def test_speech_lands_at_its_cue_time(tmp_path):
    first = audio.write_wav(tmp_path / "a.wav", tone(0.5, 0.5), RATE)
    second = audio.write_wav(tmp_path / "b.wav", tone(0.5, 0.5, 440), 16000)  # another rate is resampled
    track = audio.mix([(1.0, first), (2.5, second)], 4.0)
    assert len(track) == 4 * RATE
    loud = np.flatnonzero(np.abs(track) > 0.05)
    assert loud[0] / RATE == pytest.approx(1.0, abs=0.01)
    assert np.abs(track[int(1.6 * RATE): int(2.4 * RATE)]).max() < 1e-3
    assert np.abs(track[int(2.55 * RATE): int(2.95 * RATE)]).max() > 0.3


def test_normalised_to_minus_16_lufs_under_the_true_peak_ceiling():
    speechlike = np.concatenate([tone(0.3, 0.9, 300) * np.hanning(int(0.3 * RATE)), np.zeros(RATE // 5)] * 10)
    out = audio.normalise(speechlike)
    assert audio.integrated_loudness(out) == pytest.approx(-16, abs=0.5)
    assert audio.true_peak_db(out) <= -1.4
    assert np.all(audio.normalise(np.zeros(RATE)) == 0)


def tiny_video(path: Path, seconds: float = 3.0, fps: int = 10) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(int(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 5 % 255, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def test_the_narration_is_muxed_as_aac_as_long_as_the_video(tmp_path):
    raw = tiny_video(tmp_path / "raw.mp4")
    speech = audio.write_wav(tmp_path / "speech.wav", tone(1.0, 0.3, 220))
    track = audio.narration_track([(0.5, speech)], 3.0, tmp_path / "narration.wav")
    media.remux_faststart(raw, tmp_path / "out.mp4", media.encode_aac(track, tmp_path / "narration.m4a"))
    info, sound = media.probe(tmp_path / "out.mp4"), media.probe_audio(tmp_path / "out.mp4")
    assert info.faststart and info.codec == "h264"
    assert sound.codec == "aac" and abs(sound.duration - info.duration) <= 1 / info.fps
    with av.open(str(tmp_path / "out.mp4")) as container:
        decoded = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(container.streams.audio[0])])
    assert audio.integrated_loudness(decoded) == pytest.approx(-16, abs=1)
    assert audio.true_peak_db(decoded) <= -1.0
    media.remux_faststart(raw, tmp_path / "silent.mp4")
    assert media.probe_audio(tmp_path / "silent.mp4") is None
