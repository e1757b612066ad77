"""Narration voices: each caption cue's spoken text becomes a WAV file, offline.

Voices (`render.py --voice SPEC`, or `voice = "SPEC"` in a lesson TOML):

- `espeak` (default): Debian's espeak-ng, `espeak-ng -v vi|en -w FILE` with the text on stdin.
- `none`: no narration; the clips are silent and every beat keeps its scripted length.
- `recorded:DIR`: the teacher's recordings, `DIR/<stem>/<cue id>.wav` beside `<cue id>.txt` holding the
  text that was recorded (as `render.py script --out DIR` writes it). A recording that is missing, not a
  readable WAV, or recorded for a text that has changed since (the sha256 of the `.txt` text differs from
  the sha256 of today's text) is replaced by espeak-ng, with a warning that names it.
- `command:TEMPLATE`: any local speech engine. TEMPLATE is split like a shell command line (no shell runs)
  and its placeholders are filled per cue: `{out}` the WAV file to write (required), `{lang}` `vi` or `en`,
  `{id}` the cue id, `{text}` the text (also given on stdin, UTF-8). Example:
  `command:espeak-ng -v {lang} -s 150 -w {out} --stdin`. Only the command line may choose it: a lesson
  file must not be able to run a program.

A voice is handed to the scene (scenes.base.LessonScene) which asks it for each cue's speech before the
beat; the scene makes the beat last at least as long as the speech.
"""

from __future__ import annotations

import hashlib
import shlex
import shutil
import string
import subprocess
import unicodedata
import wave
from dataclasses import dataclass, field
from pathlib import Path

from mathcore.errors import LessonInputError

ESPEAK = "espeak-ng"
COMMAND_TIMEOUT_S = 120
PLACEHOLDERS = ("out", "lang", "id", "text")
LANGUAGE_VOICES = {"vi": "vi", "en": "en"}


class VoiceError(LessonInputError):
    """A voice that cannot be used: unknown engine, bad placeholders, missing program or folder."""


@dataclass(frozen=True)
class Speech:
    """One cue's speech: the WAV file and how long it lasts."""

    path: Path
    duration: float
    source: str  # espeak | recorded | command


def text_hash(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text.strip()).encode("utf-8")).hexdigest()


def wav_duration(path: Path) -> float:
    """The length of a PCM WAV file in seconds (wave.Error / EOFError when it is not one)."""
    with wave.open(str(path), "rb") as handle:
        rate = handle.getframerate()
        if rate <= 0 or handle.getnframes() <= 0:
            raise wave.Error("no audio frames")
        return handle.getnframes() / rate


@dataclass(frozen=True)
class VoiceSpec:
    """A parsed `--voice` value."""

    kind: str  # espeak | none | recorded | command
    argument: str = ""

    def __str__(self) -> str:
        return self.kind + (f":{self.argument}" if self.argument else "")


def parse_voice(value: str, *, from_lesson: Path | None = None) -> VoiceSpec:
    """`espeak`, `none`, `recorded:DIR` or `command:TEMPLATE`. With `from_lesson` (the lesson file), only
    espeak, none or recorded: with a folder inside the lesson file's folder (resolved there)."""
    where = f"{from_lesson}: voice" if from_lesson is not None else "--voice"
    if not isinstance(value, str) or not value.strip():
        raise VoiceError(f"{where} must be espeak, none, recorded:DIR or command:TEMPLATE")
    kind, colon, argument = value.strip().partition(":")
    kind = kind.strip().lower()
    if kind in ("espeak", "none") and not colon:
        return VoiceSpec(kind)
    if kind == "recorded":
        if not argument.strip():
            raise VoiceError(f"{where} recorded:DIR needs the folder of the recordings")
        folder = Path(argument.strip())
        if from_lesson is not None:
            base = from_lesson.resolve().parent
            folder = (base / folder).resolve()
            if folder != base and base not in folder.parents:
                raise VoiceError(f"{where} recorded:{argument} must be a folder inside the lesson file's folder "
                                 f"{base}")
        return VoiceSpec("recorded", str(folder))
    if kind == "command":
        if from_lesson is not None:
            raise VoiceError(f"{where} command:… is refused in a lesson file (a data file must not run a "
                             "program); pass it on the command line with --voice")
        check_template(argument, where)
        return VoiceSpec("command", argument.strip())
    raise VoiceError(f"{where} {value!r}: choose espeak, none, recorded:DIR or command:TEMPLATE")


def lesson_voice(lesson) -> VoiceSpec:
    """The voice a lesson file chooses (`voice = "espeak" | "none" | "recorded:FOLDER"`), espeak when it
    chooses none; a `command:` voice or a folder outside the lesson file's folder is refused."""
    if lesson.voice is None:
        return VoiceSpec("espeak")
    return parse_voice(lesson.voice, from_lesson=Path(lesson.file or lesson.source))


def check_template(template: str, where: str = "--voice") -> list[str]:
    try:
        words = shlex.split(template)
    except ValueError as problem:
        raise VoiceError(f"{where} command: {problem}") from None
    if not words:
        raise VoiceError(f"{where} command: needs a command line, e.g. "
                         "command:espeak-ng -v {lang} -w {out} --stdin")
    names = set()
    for word in words:
        try:
            names |= {name for _, name, _, _ in string.Formatter().parse(word) if name is not None}
        except ValueError as problem:
            raise VoiceError(f"{where} command: {problem} in {word!r}") from None
    unknown = names - set(PLACEHOLDERS)
    if unknown:
        raise VoiceError(f"{where} command: unknown placeholder {{{sorted(unknown)[0]}}}; use "
                         + ", ".join("{" + p + "}" for p in PLACEHOLDERS))
    if "out" not in names:
        raise VoiceError(f"{where} command: the template must contain {{out}}, the WAV file the engine writes")
    if shutil.which(words[0]) is None:
        raise VoiceError(f"{where} command: program {words[0]!r} not found")
    return words


def check_available(spec: VoiceSpec) -> None:
    """Before rendering: the synthetic voice (used by espeak, and as the fallback of recorded) is installed."""
    if spec.kind in ("espeak", "recorded") and shutil.which(ESPEAK) is None:
        raise VoiceError("espeak-ng is not installed (scripts/bootstrap-system.sh installs it: sudo apt-get "
                         "install espeak-ng); or render silent clips with --voice none")


def espeak_version() -> str:
    try:
        return subprocess.run([ESPEAK, "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "missing"


@dataclass
class Voice:
    """Turns a cue's text into speech in `workdir`; `warnings` collects the fallbacks it made."""

    spec: VoiceSpec
    workdir: Path
    stem: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def silent(self) -> bool:
        return self.spec.kind == "none"

    def say(self, cue_id: str, text: str, language: str) -> Speech | None:
        if self.silent or not text.strip():
            return None
        target = self.workdir / "speech" / f"{cue_id}.{language}.wav"
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.spec.kind == "recorded":
            recorded = self.recorded(cue_id, text)
            if recorded is not None:
                return recorded
        if self.spec.kind == "command":
            return self.command(cue_id, text, language, target)
        return espeak(text, language, target)

    def recorded(self, cue_id: str, text: str) -> Speech | None:
        folder = Path(self.spec.argument) / self.stem
        wav, said = folder / f"{cue_id}.wav", folder / f"{cue_id}.txt"
        if not wav.is_file():
            self.warnings.append(f"recording {wav} is missing; using espeak-ng for cue {cue_id}")
            return None
        try:
            recorded_text = said.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.warnings.append(f"recording {wav} has no readable {said.name} saying what was recorded; using "
                                 f"espeak-ng for cue {cue_id}")
            return None
        if text_hash(recorded_text) != text_hash(text):
            self.warnings.append(f"recording {wav} was made for another text (the cue now says {text!r}); "
                                 f"using espeak-ng for cue {cue_id}")
            return None
        try:
            duration = wav_duration(wav)
        except (OSError, EOFError, wave.Error) as problem:
            self.warnings.append(f"recording {wav} is not a readable PCM WAV ({problem}); using espeak-ng for "
                                 f"cue {cue_id}")
            return None
        return Speech(wav, duration, "recorded")

    def command(self, cue_id: str, text: str, language: str, target: Path) -> Speech:
        words = check_template(self.spec.argument)
        values = {"out": str(target), "lang": language, "id": cue_id, "text": text}
        argv = [word.format(**values) for word in words]
        target.unlink(missing_ok=True)
        try:
            done = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True, timeout=COMMAND_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise VoiceError(f"voice command {words[0]} took more than {COMMAND_TIMEOUT_S} s for cue {cue_id}") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise VoiceError(f"voice command {words[0]} failed for cue {cue_id} (status {done.returncode}"
                             + (f": {detail[-1]}" if detail else "") + ")")
        try:
            return Speech(target, wav_duration(target), "command")
        except (OSError, EOFError, wave.Error) as problem:
            raise VoiceError(f"voice command {words[0]} wrote no readable WAV to {{out}} for cue {cue_id} "
                             f"({problem})") from None


def espeak(text: str, language: str, target: Path) -> Speech:
    if shutil.which(ESPEAK) is None:
        raise VoiceError("espeak-ng is not installed (scripts/bootstrap-system.sh installs it); or render with "
                         "--voice none")
    done = subprocess.run([ESPEAK, "-v", LANGUAGE_VOICES[language], "-w", str(target), "--stdin"],
                          input=text.encode("utf-8"), capture_output=True, timeout=COMMAND_TIMEOUT_S)
    if done.returncode != 0:
        raise VoiceError(f"espeak-ng failed (status {done.returncode}): "
                         f"{done.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return Speech(target, wav_duration(target), "espeak")


def voice_identity(spec: VoiceSpec, stem: str) -> dict:
    """What a section's content key must know of its voice: the engine and its version, the recordings'
    hashes (so changing one recording re-renders one section)."""
    identity: dict = {"voice": spec.kind}
    if spec.kind in ("espeak", "recorded"):
        identity["espeak"] = espeak_version()
    if spec.kind == "command":
        identity["command"] = spec.argument
    if spec.kind == "recorded":
        folder = Path(spec.argument) / stem
        files = {}
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix in (".wav", ".txt") and path.is_file():
                    files[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        identity["recordings"] = files
    return identity
