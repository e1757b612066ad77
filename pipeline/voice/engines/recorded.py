"""The `recorded:DIR` voice: the teacher's recordings, `DIR/<stem>/<cue id>.wav` beside `<cue id>.txt` holding
the text that was recorded (as `render.py script --out DIR` writes it).

A recording that is missing, not a WAV the pipeline trusts (pipeline.voice.wavfile), longer than a cue may
speak (speech_limit), or recorded for a text that has changed since (the sha256 of the `.txt` text differs
from the sha256 of today's text; the `.txt` read as a small regular file only) is replaced by espeak-ng, with a
warning that names it. A lesson file may name a folder inside its own folder only.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
import wave
from pathlib import Path

from lessons.config import read_small_file
from lessons.params import ConfigError

from ..engine import Engine, Line, Speech, VoiceError, VoiceSpec, Warn
from ..wavfile import open_regular, probe
from .espeak import Espeak

MAX_TEXT_BYTES = 64_000  # a recording's .txt: one cue's text
SPEECH_FLOOR_S = 20.0  # a cue's speech may last this long, or SPEECH_S_PER_CHARACTER per character if more
SPEECH_S_PER_CHARACTER = 0.5  # about 9x espeak-ng's pace: a take longer than that is not this cue's


class Recorded(Engine):
    kind = "recorded"
    usage = "recorded:DIR"
    takes_argument = True
    needs = "the folder of the recordings"

    def __init__(self, spec: VoiceSpec) -> None:
        super().__init__(spec)
        self.fallback = Espeak(VoiceSpec("espeak"))

    @classmethod
    def parse(cls, argument: str, where: str, lesson_file: Path | None) -> VoiceSpec:
        folder = Path(argument)
        if lesson_file is not None:
            folder = confined_folder(folder, lesson_file, f"{where} recorded:{argument}")
        return VoiceSpec(cls.kind, str(folder))

    def check(self, language: str | None = None) -> None:
        self.fallback.check(language)

    def identity(self, stem: str) -> dict:
        """espeak-ng's version (the fallback) and the hashes of the section's recordings, so changing one
        recording re-renders one section."""
        folder = section_recordings(Path(self.spec.argument), stem)
        files = {}
        if folder.is_dir():
            for path in entries(folder, depth=1):
                if path.suffix in (".wav", ".txt"):
                    files[path.name] = file_hash(path)
        return {**self.fallback.identity(stem), "recordings": files}

    def say(self, line: Line, target: Path, warn: Warn) -> Speech:
        folder = section_recordings(Path(self.spec.argument), line.stem)
        wav, said = folder / f"{line.cue_id}.wav", folder / f"{line.cue_id}.txt"
        why = self.unusable(wav, said, line.text)
        if isinstance(why, Speech):
            return why
        warn(f"{why}; using espeak-ng for cue {line.cue_id}")
        return self.fallback.say(line, target, warn)

    def unusable(self, wav: Path, said: Path, text: str) -> Speech | str:
        """The take's speech, or why it cannot be used."""
        if not wav.exists():
            return f"recording {wav} is missing"
        try:
            recorded_text = read_small_file(said, MAX_TEXT_BYTES, "text file").decode("utf-8")
        except (ConfigError, UnicodeDecodeError) as problem:
            return f"recording {wav} has no readable {said.name} saying what was recorded ({reason(problem, said)})"
        if text_hash(recorded_text) != text_hash(text):
            return f"recording {wav} was made for another text (the cue now says {text!r})"
        try:
            duration = wav_duration(wav)
        except (OSError, EOFError, wave.Error) as problem:
            return f"recording {wav} is not a readable PCM WAV ({reason(problem, wav)})"
        if duration > speech_limit(text):
            return (f"recording {wav} lasts {duration:.1f} s, longer than a cue of {len(text.strip())} characters "
                    f"may speak ({speech_limit(text):g} s)")
        return Speech(wav, duration, self.kind)

    def cue_problem(self, problem: str) -> str:
        return f"{problem}; the recording is still used"  # a recording's pace is the teacher's


def text_hash(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text.strip()).encode("utf-8")).hexdigest()


def wav_duration(path: Path) -> float:
    """The length of a checked PCM WAV file in seconds (wave.Error, EOFError or OSError when it is not one)."""
    return probe(path).duration


def speech_limit(text: str) -> float:
    """The longest speech a cue saying `text` may have (so a wrong take cannot stretch its beat for hours)."""
    return max(SPEECH_FLOOR_S, SPEECH_S_PER_CHARACTER * len(text.strip()))


def confined_folder(folder: Path, lesson_file: Path, where: str) -> Path:
    """A lesson file's recordings folder, resolved beside it. Refused when it, or any path a render reads
    through it (`<stem>/`, `<stem>/<file>`, links followed), resolves outside the lesson file's folder: a
    lesson from elsewhere must not read other files into its narration."""
    base = lesson_file.resolve().parent
    try:
        folder = (base / folder).resolve()
    except (OSError, RuntimeError) as problem:  # a symlink loop
        raise VoiceError(f"{where}: {problem}") from None
    if not inside(folder, base):
        raise VoiceError(f"{where} must be a folder inside the lesson file's folder {base}")
    for entry in entries(folder, depth=2):
        real = Path(os.path.realpath(entry))
        if not inside(real, base):
            raise VoiceError(f"{where}: {entry} leads to {real}, outside the lesson file's folder {base}")
    return folder


def inside(path: Path, base: Path) -> bool:
    return path == base or base in path.parents


def entries(folder: Path, depth: int) -> list[Path]:
    """The entries of `folder` and of its subfolders (linked ones too), `depth` levels down."""
    try:
        found = sorted(folder.iterdir())
    except OSError:
        return []
    nested = [entry for entry in found if depth > 1 and entry.is_dir()]
    return found + [deeper for sub in nested for deeper in entries(sub, depth - 1)]


def reason(problem: Exception, path: Path) -> str:
    """An error's message without the path the warning already names."""
    if isinstance(problem, OSError):
        return problem.strerror or type(problem).__name__
    if isinstance(problem, UnicodeDecodeError):
        return f"not UTF-8 at byte {problem.start}"
    return str(problem).removeprefix(f"{path}: ") or type(problem).__name__


def section_recordings(root: Path, stem: str) -> Path:
    """A section's recordings: `<stem>/` (`NN_slug`), else the folder of the same slug under another number,
    so a section renumbered since it was recorded keeps its takes (identity is the slug)."""
    exact = root / stem
    if exact.is_dir():
        return exact
    slug = stem.partition("_")[2]
    found = sorted(path for path in root.glob(f"[0-9][0-9]_{slug}") if path.is_dir()) if slug else []
    return found[0] if found else exact


def file_hash(path: Path) -> str:
    """The sha256 of a regular file, read in blocks (a recording may be gigabytes); for a file that cannot be
    read, what is wrong with it (the cue then falls back to espeak-ng with a warning saying so)."""
    try:
        with open_regular(path) as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except (OSError, wave.Error) as problem:
        return f"unreadable: {reason(problem, path)}"
