"""The `espeak` voice (the default): espeak-ng, the offline voice Debian ships, `espeak-ng -v vi|en -w FILE`
with a cue's text on stdin, at the pace the cue's caption needs (slower when its text needs the time to be
read, a little faster when it would pass 7 s). Also the voice a recording that cannot be used falls back to."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

from ..engine import Engine, Line, Speech, VoiceError, Warn, engine_timeout
from ..wavfile import probe

ESPEAK = "espeak-ng"
ESPEAK_RATE = 175  # espeak-ng's own pace, words a minute
ESPEAK_SLOWEST = 100  # never slower than this: a caption that needs more is cut into clauses instead
ESPEAK_FASTEST = 210  # never faster (a long number may push a clause past a cue's 7 s)
LANGUAGE_VOICES = {"vi": "vi", "en": "en"}
MISSING = ("espeak-ng is not installed (scripts/bootstrap-system.sh installs it: sudo apt-get install espeak-ng); "
           "or render silent clips with --voice none")


class Espeak(Engine):
    kind = "espeak"
    usage = "espeak"

    def check(self, language: str | None = None) -> None:
        require_espeak()
        super().check(language)

    def identity(self, stem: str) -> dict:
        return {"espeak": espeak_version()}

    def say(self, line: Line, target: Path, warn: Warn) -> Speech:
        return espeak(line.text, line.language, target, line.at_least, line.at_most)


def require_espeak() -> None:
    """Before rendering: espeak-ng is installed (the default voice, and the fallback of recordings)."""
    if shutil.which(ESPEAK) is None:
        raise VoiceError(MISSING)


def espeak(text: str, language: str, target: Path, at_least: float = 0.0, at_most: float = math.inf):
    """espeak-ng's speech of `text`, at its usual pace, or slowed down (fewer words a minute) until it lasts
    at least `at_least` seconds, so its caption can be read in the time it is said, or sped up (a little)
    until it lasts at most `at_most`."""
    rate = ESPEAK_RATE
    while True:
        speech = espeak_at(text, language, target, rate)
        if speech.duration < at_least - 1e-3 and rate > ESPEAK_SLOWEST:
            rate = max(ESPEAK_SLOWEST, min(rate - 5, math.floor(rate * speech.duration / (at_least + 0.05))))
        elif (speech.duration > at_most and rate < ESPEAK_FASTEST
              and speech.duration * rate / ESPEAK_FASTEST >= at_least):
            rate = min(ESPEAK_FASTEST, max(rate + 5, math.ceil(rate * speech.duration / (at_most - 0.05))))
        else:
            return speech


def espeak_at(text: str, language: str, target: Path, rate: int):
    """espeak-ng's speech of `text` at `rate` words a minute."""

    if shutil.which(ESPEAK) is None:
        raise VoiceError("espeak-ng is not installed (scripts/bootstrap-system.sh installs it); or render with "
                         "--voice none")
    timeout = engine_timeout()
    pace = [] if rate == ESPEAK_RATE else ["-s", str(rate)]
    try:
        done = subprocess.run([ESPEAK, "-v", LANGUAGE_VOICES[language], *pace, "-w", str(target), "--stdin"],
                              input=text.encode("utf-8"), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise VoiceError(f"espeak-ng took more than {timeout:g} s") from None
    if done.returncode != 0:
        raise VoiceError(f"espeak-ng failed (status {done.returncode}): "
                         f"{done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return Speech(target, probe(target).duration, "espeak")


def espeak_version() -> str:
    try:
        return subprocess.run([ESPEAK, "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "missing"


