"""Teacher recordings under hostile input: a WAV header that lies, an absurd rate, a take far longer than its
cue, a `.txt` that is a FIFO or /dev/zero, an unreadable or huge file in the folder, a lesson's recordings
folder that is a symlink loop or leads outside the lesson's folder. Each falls back to espeak-ng with a
warning (kept in the manifest's voice_warnings) or is refused with one line, never a hang or a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

import render
from lessons.config import DEFAULT_LESSON
from pipeline.voice import Voice, VoiceSpec, parse_voice, voice_identity
from pipeline.voice.audio import read_wav
from tests.helpers import LESSON, ROOT, finishes, run_cli, tree_hash
from tests.helpers.fakes import raw_wav

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
STEM = "05_conclusion"
TITLE = "5. Kết luận"


def recording(folder: Path, cue: str, text: str, *, seconds: float = 1.0, **wav) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{cue}.txt").write_text(text + "\n", encoding="utf-8")
    return raw_wav(folder / f"{cue}.wav", seconds, **wav)


def voice(tmp_path: Path) -> Voice:
    return Voice(VoiceSpec("recorded", str(tmp_path / "rec")), tmp_path / "work", stem=STEM)


@needs_espeak
@pytest.mark.parametrize("make, needle", [
    (lambda f: recording(f, "c", TITLE, seconds=0.125, claim_seconds=120),  # the 1,044-byte file
     "the header announces 120.0 s of audio but the file (1044 bytes) holds less"),
    (lambda f: recording(f, "c", TITLE, seconds=0.01, claim_seconds=37 * 3600), "announces 133200.0 s"),
    (lambda f: recording(f, "c", TITLE, seconds=25),
     f"lasts 25.0 s, longer than a cue of {len(TITLE)} characters may speak (20 s)"),
    (lambda f: recording(f, "c", TITLE, seconds=0.0001, rate=10**9),
     "a sample rate of 1000000000 Hz (accepted: 8000 to 384000 Hz)"),
    (lambda f: recording(f, "c", TITLE, seconds=0.1, rate=4000), "a sample rate of 4000 Hz"),
    (lambda f: recording(f, "c", TITLE, seconds=0.1, channels=17), "17 channels (accepted: 1 to 16)"),
])
def test_a_wav_that_is_not_what_its_header_says_falls_back_with_a_warning(tmp_path, make, needle):
    make(tmp_path / "rec" / STEM)
    speaker = voice(tmp_path)
    speech = speaker.say("c", TITLE, "vi")
    assert speech.source == "espeak" and speech.duration < 5
    assert len(speaker.warnings) == 1 and needle in speaker.warnings[0], speaker.warnings
    assert speaker.warnings[0].endswith("; using espeak-ng for cue c")


@needs_espeak
@pytest.mark.parametrize("make, needle", [
    (lambda txt: os.mkfifo(txt), "(not a regular file)"),
    (lambda txt: txt.symlink_to("/dev/zero"), "(not a regular file)"),
    (lambda txt: txt.write_bytes(b"x" * 70_000), "(the text file is larger than 64 kB)"),
    (lambda txt: txt.write_bytes(b"\xff\xfe"), "(not UTF-8 at byte 0)"),
])
def test_a_recordings_text_that_is_a_fifo_a_device_or_huge_falls_back_without_blocking(tmp_path, make, needle):
    folder = tmp_path / "rec" / STEM
    recording(folder, "c", TITLE)
    (folder / "c.txt").unlink()
    make(folder / "c.txt")
    speaker = voice(tmp_path)
    speech, warnings = finishes(lambda: (speaker.say("c", TITLE, "vi"), speaker.warnings))
    assert speech.source == "espeak"
    assert warnings == [(f"recording {folder / 'c.wav'} has no readable c.txt saying what was recorded "
                         f"{needle}; using espeak-ng for cue c")]


@needs_espeak
def test_an_unreadable_recording_is_a_warning_and_its_hash_says_so(tmp_path):
    folder = tmp_path / "rec" / STEM
    recording(folder, "c", TITLE)
    (folder / "c.wav").unlink()
    (folder / "c.wav").symlink_to("/proc/self/mem")  # a regular file whose read fails (EIO), even for root
    os.mkfifo(folder / "other.wav")
    identity = finishes(lambda: voice_identity(VoiceSpec("recorded", str(tmp_path / "rec")), STEM))
    assert identity["recordings"]["c.wav"] == "unreadable: Input/output error"
    assert identity["recordings"]["other.wav"] == "unreadable: not a regular file"
    speaker = voice(tmp_path)
    assert speaker.say("c", TITLE, "vi").source == "espeak"
    assert "is not a readable PCM WAV (Input/output error)" in speaker.warnings[0]


def test_a_good_recording_is_still_used_at_any_accepted_rate_and_width(tmp_path):
    folder = tmp_path / "rec" / STEM
    for cue, rate, width, channels in (("a", 8000, 1, 1), ("b", 384_000, 3, 2), ("c", 44_100, 4, 16)):
        recording(folder, cue, TITLE, seconds=0.5, rate=rate, width=width, channels=channels)
    speaker = voice(tmp_path)
    for cue in "abc":
        speech = speaker.say(cue, TITLE, "vi")
        assert speech.source == "recorded" and speech.duration == pytest.approx(0.5, abs=1e-3)
        assert len(read_wav(speech.path)) == pytest.approx(24_000, abs=2)
    assert speaker.warnings == []


def test_a_recording_is_hashed_in_blocks_not_read_whole(tmp_path):
    """A sparse 512 MiB WAV: the content key's hash of it must not grow the process by its size (the issue's
    4 GB WAV took 4 GB)."""
    (tmp_path / STEM).mkdir()
    with open(tmp_path / STEM / "big.wav", "wb") as handle:
        handle.truncate(512 << 20)
    probe = ("import resource, sys; from pipeline.voice import VoiceSpec, voice_identity; "
             "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
             "identity = voice_identity(VoiceSpec('recorded', sys.argv[1]), sys.argv[2]); "
             "print(identity['recordings']['big.wav'], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path), STEM], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    digest, grown_kib = done.stdout.split()
    assert digest == "9acca8e8c22201155389f65abbf6bc9723edc7384ead80503839f49dcc56d767"  # sha256 of 512 MiB of zeros
    assert int(grown_kib) < 64 << 10, f"hashing grew the process by {int(grown_kib) >> 10} MiB"


def test_an_absurd_rate_is_a_wave_error_for_the_mixer_not_a_resampler_crash(tmp_path):
    with pytest.raises(wave.Error, match="sample rate of 1000000000 Hz"):
        read_wav(raw_wav(tmp_path / "ghz.wav", 0.0001, rate=10**9))


def lesson_with_voice(tmp_path: Path, voice_value: str) -> Path:
    path = tmp_path / "lesson" / "lesson.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"voice = {json.dumps(voice_value)}\n" + DEFAULT_LESSON.read_text(encoding="utf-8"),
                    encoding="utf-8")
    return path


def test_a_lesson_recordings_folder_that_is_a_symlink_loop_is_one_line(tmp_path, capsys):
    config = lesson_with_voice(tmp_path, "recorded:LOOP")
    (config.parent / "LOOP").symlink_to("LOOP")
    assert render.main(["--list", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Symlink loop" in err, err


@pytest.mark.parametrize("where", ["file", "stem folder", "linked folder's file"])
def test_a_nested_link_out_of_the_lesson_folder_is_refused_like_the_folder_itself(tmp_path, capsys, where):
    config = lesson_with_voice(tmp_path, "recorded:voice")
    outside = tmp_path / "outside"
    raw_wav(outside / "secret.wav", 0.5)
    stem = config.parent / "voice" / STEM
    stem.parent.mkdir(parents=True)
    if where == "file":
        stem.mkdir()
        (stem / "points.wav").symlink_to(outside / "secret.wav")
    elif where == "stem folder":
        stem.symlink_to(outside)
    else:  # a link that stays inside the lesson's folder, to a folder holding a link out of it
        (config.parent / "elsewhere").mkdir()
        (config.parent / "elsewhere" / "points.wav").symlink_to(outside / "secret.wav")
        stem.symlink_to(config.parent / "elsewhere")
    before = tree_hash(tmp_path)
    assert render.main(["--list", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert f"leads to {outside}" in err and "outside the lesson file's folder" in err
    assert tree_hash(tmp_path) == before


def test_links_that_stay_inside_the_lesson_folder_are_fine(tmp_path, capsys):
    config = lesson_with_voice(tmp_path, "recorded:voice")
    raw_wav(config.parent / "takes" / "points.wav", 0.5)
    (config.parent / "voice" / STEM).mkdir(parents=True)
    (config.parent / "voice" / STEM / "points.wav").symlink_to(config.parent / "takes" / "points.wav")
    assert parse_voice("recorded:voice", from_lesson=config).argument == str(config.parent / "voice")
    assert render.main(["--list", "--config", str(config)]) == 0
    assert f"voice recorded:{config.parent / 'voice'}" in capsys.readouterr().out


@pytest.mark.slow
@needs_espeak
def test_a_render_with_hostile_recordings_falls_back_cue_by_cue_and_says_so(tmp_path):
    """One real render of the conclusion where every cue's recording is broken in another way: exit 0, the
    synthetic voice's timing, one warning per cue on stderr and in the manifest, the recordings untouched."""
    rec = tmp_path / "rec"
    done = run_cli("script", "--section", "conclusion", "--out", str(rec))
    assert done.returncode == 0, done.stderr
    folder = rec / STEM
    texts = {p.stem: p.read_text(encoding="utf-8").strip() for p in folder.glob("*.txt")}
    assert sorted(texts) == ["closing", "closing+2", "descent", "highest", "highest+2", "highest+3", "lowest", "lowest+2",
                             "plateau", "points", "signs", "title.conclusion"]
    raw_wav(folder / "title.conclusion.wav", 0.125, claim_seconds=120)
    raw_wav(folder / "points.wav", 25)
    raw_wav(folder / "signs.wav", 0.0001, rate=10**9)
    for cue in ("plateau", "descent"):
        raw_wav(folder / f"{cue}.wav", 1.0)
        (folder / f"{cue}.txt").unlink()
    os.mkfifo(folder / "plateau.txt")
    (folder / "descent.txt").symlink_to("/dev/zero")
    (folder / "closing.wav").symlink_to("/proc/self/mem")
    (folder / "closing+2.wav").write_bytes(b"RIFF")  # the closing's second clause: a broken take too
    before = tree_hash(rec)
    out = tmp_path / "out"
    done = run_cli("--section", "conclusion", "--quality", "tiny", "--out", str(out), "--voice", f"recorded:{rec}",
                   env={"TMPDIR": str(tmp_path)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.strip()]
    # seven broken takes, and the five cues of the interval's extremes never recorded (missing)
    assert len(warnings) == 12 and all(w.startswith("warning: section conclusion: recording ") for w in warnings)
    assert sum("is missing" in w for w in warnings) == 5
    entry = json.loads((out / LESSON / "manifest.json").read_text(encoding="utf-8"))["sections"][0]
    kept = {w.rpartition(" for cue ")[2]: w for w in entry["voice_warnings"]}
    assert "header announces 120.0 s of audio but the file (1044 bytes) holds less" in kept["title.conclusion"]
    assert f"lasts 25.0 s, longer than a cue of {len(texts['points'])} characters" in kept["points"]
    assert "a sample rate of 1000000000 Hz" in kept["signs"]
    assert "no readable plateau.txt saying what was recorded (not a regular file)" in kept["plateau"]
    assert "no readable descent.txt saying what was recorded (not a regular file)" in kept["descent"]
    assert "is not a readable PCM WAV (Input/output error)" in kept["closing"]
    assert "closing+2.wav is not a readable PCM WAV" in kept["closing+2"]
    assert entry["duration"] < 60  # espeak-ng's pace (about 40 s), not the 2 minutes the first header claims
    vtt = (out / LESSON / f"{STEM}.vi.vtt").read_text(encoding="utf-8")
    assert "00:02:" not in vtt and "00:01:" not in vtt
    assert tree_hash(rec) == before
    assert not list(tmp_path.glob("lesson-video-*"))
