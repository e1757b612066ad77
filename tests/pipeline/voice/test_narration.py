"""A narrated tiny render end to end: AAC track as long as the video, captions on the speech, loudness,
silent clips with --voice none, the teacher's recordings replacing the synthetic voice."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from pipeline.render.media import probe, probe_audio
from pipeline.voice import audio
from tests.helpers import LESSON, decoded, manifest_entry, render, vtt_starts

SECTION, STEM = "minima_vs_maxima", "02_minima_vs_maxima"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")]


def onsets(samples, rate, gap=0.08):
    """Times where sound starts after at least `gap` seconds of silence (10 ms RMS above −45 dBFS)."""
    window = int(0.01 * rate)
    energy = np.sqrt(np.convolve(samples ** 2, np.ones(window) / window, mode="same"))
    loud = energy > 10 ** (-45 / 20)
    rises = np.flatnonzero(np.diff(loud.astype(int)) == 1) + 1
    return [0.0] * bool(loud[0]) + [i / rate for i in rises if not loud[max(0, i - int(gap * rate)): i].any()]


def test_a_narrated_section_end_to_end(tmp_path):
    out = tmp_path / "out"
    done = render("--quality", "tiny", "--section", SECTION, "--jobs", "1", "--out", str(out))
    assert done.returncode == 0, done.stderr
    folder = out / LESSON
    video = folder / f"{STEM}.mp4"
    info, sound = probe(video), probe_audio(video)
    assert sound is not None and sound.codec == "aac"
    assert abs(sound.duration - info.duration) <= 1 / info.fps
    assert info.faststart
    samples, rate = decoded(video)
    assert audio.integrated_loudness(samples) == pytest.approx(-16, abs=1)
    assert audio.true_peak_db(samples) <= -1.0
    heard = onsets(samples, rate)
    starts = vtt_starts(folder / f"{STEM}.vi.vtt")
    assert starts == vtt_starts(folder / f"{STEM}.en.vtt")  # the other language keeps the same timing
    for start in starts:  # each caption starts where its speech starts (espeak-ng's lead-in is short)
        assert any(-0.05 <= onset - start <= 0.25 for onset in heard), (start, heard)
    entry = manifest_entry(folder)
    assert entry["voice"] == "espeak" and entry["audio"]["codec"] == "aac" and entry["voice_warnings"] == []
    synthetic_duration = info.duration

    # the teacher's recordings (here: espeak-ng at a much slower speed) replace the synthetic voice
    recordings = tmp_path / "rec"
    made = render("script", "--section", SECTION, "--out", str(recordings))
    assert made.returncode == 0, made.stderr
    for text_file in (recordings / STEM).glob("*.txt"):
        subprocess.run(["espeak-ng", "-v", "vi", "-s", "100", "-w", str(text_file.with_suffix(".wav")), "--stdin"],
                       input=text_file.read_bytes(), check=True)
    again = render("--quality", "tiny", "--section", SECTION, "--jobs", "1", "--out", str(out),
                   "--voice", f"recorded:{recordings}")
    assert again.returncode == 0, again.stderr
    # the teacher's pace is the teacher's: a take too slow for a caption rule is used, and listed with the rule
    paced = manifest_entry(folder)["voice_warnings"]
    assert paced and all(w.endswith("the recording is still used") and " caption (vi, en) " in w for w in paced)
    assert any(w.startswith("cue intro at ") and "duration" in w and "at most 7 s" in w for w in paced)
    assert [f"warning: section minima_vs_maxima: {w}" for w in paced] == again.stderr.strip().splitlines()
    assert probe(video).duration > synthetic_duration + 3  # slower speech, longer beats
    assert vtt_starts(folder / f"{STEM}.vi.vtt")[-1] > starts[-1]

    # a broken recording falls back to the synthetic voice, with a warning that names it
    (recordings / STEM / "intro.wav").write_bytes(b"RIFF broken")
    broken = render("--quality", "tiny", "--section", SECTION, "--jobs", "1", "--out", str(out),
                    "--voice", f"recorded:{recordings}")
    assert broken.returncode == 0
    assert "warning: section minima_vs_maxima: recording" in broken.stderr and "intro.wav" in broken.stderr
    recorded = manifest_entry(folder)["voice_warnings"]  # and the manifest keeps which cue is not the teacher's
    fallbacks = [w for w in recorded if "intro.wav" in w]
    assert len(fallbacks) == 1 and "using espeak-ng for cue intro" in fallbacks[0]

    # --voice none: a silent clip, as before narration
    silent = render("--quality", "tiny", "--section", SECTION, "--jobs", "1", "--out", str(out), "--voice", "none")
    assert silent.returncode == 0, silent.stderr
    assert probe_audio(video) is None
    assert manifest_entry(folder)["voice_warnings"] == []
