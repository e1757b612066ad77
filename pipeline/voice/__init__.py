"""Narration voices: each caption cue's spoken text becomes a WAV file, offline.

Voices (`render.py --voice SPEC`, or `voice = "SPEC"` in a lesson TOML):

- `espeak` (default): Debian's espeak-ng, `espeak-ng -v vi|en -w FILE` with the text on stdin.
- `none`: no narration; the clips are silent and every beat keeps its scripted length.
- `recorded:DIR`: the teacher's recordings, `DIR/<stem>/<cue id>.wav` beside `<cue id>.txt` holding the
  text that was recorded (as `render.py script --out DIR` writes it). A recording that is missing, not a
  WAV the pipeline trusts (pipeline.voice.wavfile), longer than a cue may speak (speech_limit), or recorded for a
  text that has changed since (the sha256 of the `.txt` text differs from the sha256 of today's text; the
  `.txt` read as a small regular file only) is replaced by espeak-ng, with a warning that names it.
- `piper:MODEL`: a Piper neural voice (piper-tts), MODEL a `.onnx` voice file with its `.onnx.json` beside
  it, run by one engine process per worker (pipeline.voice.engines.piper); a lesson file may name one inside its folder.
- `command:TEMPLATE`: any local speech engine. TEMPLATE is split like a shell command line (no shell runs)
  and its placeholders are filled per cue: `{out}` the WAV file to write (required), `{lang}` `vi` or `en`,
  `{id}` the cue id, `{text}` the text (also given on stdin, UTF-8). Example:
  `command:espeak-ng -v {lang} -s 150 -w {out} --stdin`. Only the command line may choose it: a lesson
  file must not be able to run a program. The engine runs under pipeline.reaper's supervisor: it and every
  process it starts end when it exits, when its time (LESSON_VIDEO_VOICE_TIMEOUT) is up, on Ctrl-C and when
  the worker dies.

A voice is handed to the scene (scenes.base.LessonScene) which asks it for each cue's speech before the
beat; the scene makes the beat last at least as long as the speech.
"""

from __future__ import annotations

import hashlib
import math
import os
import shlex
import shutil
import string
import unicodedata
import wave
from dataclasses import dataclass, field
from pathlib import Path

from lessons.config import read_small_file
from lessons.params import ConfigError

from ..reaper import run_tree
from .engine import Speech, VoiceError, engine_timeout
from .engines.espeak import ESPEAK, espeak, espeak_version
from .engines.piper import PiperEngine, check_model, confined_model, piper_identity
from .wavfile import open_regular, probe

MAX_TEXT_BYTES = 64_000  # a recording's .txt: one cue's text
SPEECH_FLOOR_S = 20.0  # a cue's speech may last this long, or SPEECH_S_PER_CHARACTER per character if more
SPEECH_S_PER_CHARACTER = 0.5  # about 9x espeak-ng's pace: a take longer than that is not this cue's
PLACEHOLDERS = ("out", "lang", "id", "text")


def text_hash(text: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", text.strip()).encode("utf-8")).hexdigest()


def wav_duration(path: Path) -> float:
    """The length of a checked PCM WAV file in seconds (wave.Error, EOFError or OSError when it is not one)."""
    return probe(path).duration


def speech_limit(text: str) -> float:
    """The longest speech a cue saying `text` may have (so a wrong take cannot stretch its beat for hours)."""
    return max(SPEECH_FLOOR_S, SPEECH_S_PER_CHARACTER * len(text.strip()))


@dataclass(frozen=True)
class VoiceSpec:
    """A parsed `--voice` value."""

    kind: str  # espeak | none | recorded | piper | command
    argument: str = ""

    def __str__(self) -> str:
        return self.kind + (f":{self.argument}" if self.argument else "")


def parse_voice(value: str, *, from_lesson: Path | None = None) -> VoiceSpec:
    """`espeak`, `none`, `recorded:DIR`, `piper:MODEL` or `command:TEMPLATE`. With `from_lesson` (the lesson
    file), only espeak, none, recorded: or piper: with a folder or model inside the lesson file's folder
    (resolved there)."""
    where = f"{from_lesson}: voice" if from_lesson is not None else "--voice"
    if not isinstance(value, str) or not value.strip():
        raise VoiceError(f"{where} must be espeak, none, recorded:DIR, piper:MODEL or command:TEMPLATE")
    kind, colon, argument = value.strip().partition(":")
    kind = kind.strip().lower()
    if kind in ("espeak", "none") and not colon:
        return VoiceSpec(kind)
    if kind == "recorded":
        if not argument.strip():
            raise VoiceError(f"{where} recorded:DIR needs the folder of the recordings")
        folder = Path(argument.strip())
        if from_lesson is not None:
            folder = confined_folder(folder, from_lesson, f"{where} recorded:{argument}")
        return VoiceSpec("recorded", str(folder))
    if kind == "piper":
        if not argument.strip():
            raise VoiceError(f"{where} piper:MODEL needs the Piper voice file (NAME.onnx, NAME.onnx.json beside it)")
        model = Path(argument.strip())
        if from_lesson is not None:
            model = confined_model(model, from_lesson, f"{where} piper:{argument}")
        return VoiceSpec("piper", str(model))
    if kind == "command":
        if from_lesson is not None:
            raise VoiceError(f"{where} command:… is refused in a lesson file (a data file must not run a "
                             "program); pass it on the command line with --voice")
        check_template(argument, where)
        return VoiceSpec("command", argument.strip())
    raise VoiceError(f"{where} {value!r}: choose espeak, none, recorded:DIR, piper:MODEL or command:TEMPLATE")


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
            fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(word)
                      if name is not None]
        except ValueError as problem:
            raise VoiceError(f"{where} command: {problem} in {word!r}") from None
        for name, spec, conversion in fields:
            if spec or conversion:
                raise VoiceError(f"{where} command: a placeholder is only {{name}}, without a format or "
                                 f"conversion: {{{name}{'!' + conversion if conversion else ''}"
                                 f"{':' + spec if spec else ''}}} in {word!r}")
        names |= {name for name, _, _ in fields}
    unknown = names - set(PLACEHOLDERS)
    if unknown:
        raise VoiceError(f"{where} command: unknown placeholder {{{sorted(unknown)[0]}}}; use "
                         + ", ".join("{" + p + "}" for p in PLACEHOLDERS))
    if "out" not in names:
        raise VoiceError(f"{where} command: the template must contain {{out}}, the WAV file the engine writes")
    if shutil.which(words[0]) is None:
        raise VoiceError(f"{where} command: program {words[0]!r} not found")
    return words


def check_available(spec: VoiceSpec, language: str | None = None) -> None:
    """Before rendering: the synthetic voice (used by espeak, and as the fallback of recorded) is installed,
    a Piper voice is usable and speaks the lesson's `language`, and the engines' time limit is a number."""
    if spec.kind == "piper":
        check_model(Path(spec.argument), language)
    if spec.kind in ("espeak", "recorded") and shutil.which(ESPEAK) is None:
        raise VoiceError("espeak-ng is not installed (scripts/bootstrap-system.sh installs it: sudo apt-get "
                         "install espeak-ng); or render silent clips with --voice none")
    if spec.kind != "none":
        engine_timeout()


@dataclass
class Voice:
    """Turns a cue's text into speech in `workdir`; `warnings` collects the fallbacks it made."""

    spec: VoiceSpec
    workdir: Path
    stem: str = ""
    warnings: list[str] = field(default_factory=list)
    engine: PiperEngine | None = field(default=None, repr=False)

    def start(self) -> None:
        """Start what the voice keeps running (Piper's engine process), before the worker forks its helpers."""
        if self.spec.kind == "piper" and self.engine is None:
            self.engine = PiperEngine(Path(self.spec.argument))
            self.engine.start()

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()
            self.engine = None

    @property
    def silent(self) -> bool:
        return self.spec.kind == "none"

    def say(self, cue_id: str, text: str, language: str, at_least: float = 0.0,
            at_most: float = math.inf) -> Speech | None:
        """The cue's speech; the synthetic voices (espeak-ng, Piper) slow down to last at least `at_least`
        seconds (what the caption's reading speed needs) and speed up to last at most `at_most` (a cue's
        longest), a recording or another engine is taken as it is."""
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
        if self.spec.kind == "piper":
            self.start()
            return Speech(target, self.engine.say(text, target, at_least, at_most), "piper")
        return espeak(text, language, target, at_least, at_most)

    def recorded(self, cue_id: str, text: str) -> Speech | None:
        folder = section_recordings(Path(self.spec.argument), self.stem)
        wav, said = folder / f"{cue_id}.wav", folder / f"{cue_id}.txt"
        if not wav.exists():
            return self.fall_back(cue_id, f"recording {wav} is missing")
        try:
            recorded_text = read_small_file(said, MAX_TEXT_BYTES, "text file").decode("utf-8")
        except (ConfigError, UnicodeDecodeError) as problem:
            return self.fall_back(cue_id, f"recording {wav} has no readable {said.name} saying what was "
                                          f"recorded ({reason(problem, said)})")
        if text_hash(recorded_text) != text_hash(text):
            return self.fall_back(cue_id, f"recording {wav} was made for another text (the cue now says {text!r})")
        try:
            duration = wav_duration(wav)
        except (OSError, EOFError, wave.Error) as problem:
            return self.fall_back(cue_id, f"recording {wav} is not a readable PCM WAV ({reason(problem, wav)})")
        if duration > speech_limit(text):
            return self.fall_back(cue_id, f"recording {wav} lasts {duration:.1f} s, longer than a cue of "
                                          f"{len(text.strip())} characters may speak ({speech_limit(text):g} s)")
        return Speech(wav, duration, "recorded")

    def fall_back(self, cue_id: str, why: str) -> None:
        self.warnings.append(f"{why}; using espeak-ng for cue {cue_id}")

    def command(self, cue_id: str, text: str, language: str, target: Path) -> Speech:
        words = check_template(self.spec.argument)
        values = {"out": str(target), "lang": language, "id": cue_id, "text": text}
        argv = [word.format(**values) for word in words]
        target.unlink(missing_ok=True)
        timeout = engine_timeout()
        ended = run_tree(argv, text.encode("utf-8"), target.parent, target.stem, timeout)
        if ended.timed_out:
            raise VoiceError(f"voice command {words[0]} took more than {timeout:g} s for cue {cue_id}")
        if ended.status != 0:
            raise VoiceError(f"voice command {words[0]} failed for cue {cue_id} (status {ended.status}"
                             + (f": {ended.detail}" if ended.detail else "") + ")")
        try:
            duration = wav_duration(target)
        except (OSError, EOFError, wave.Error) as problem:
            raise VoiceError(f"voice command {words[0]} wrote no readable WAV to {{out}} for cue {cue_id} "
                             f"({reason(problem, target)})") from None
        if duration > speech_limit(text):
            raise VoiceError(f"voice command {words[0]} wrote {duration:.1f} s of speech for cue {cue_id}, longer "
                             f"than a cue of {len(text.strip())} characters may speak ({speech_limit(text):g} s)")
        return Speech(target, duration, "command")


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


def voice_identity(spec: VoiceSpec, stem: str) -> dict:
    """What a section's content key must know of its voice: the engine and its version, the recordings'
    hashes (so changing one recording re-renders one section)."""
    identity: dict = {"voice": spec.kind}
    if spec.kind in ("espeak", "recorded"):
        identity["espeak"] = espeak_version()
    if spec.kind == "command":
        identity["command"] = spec.argument
    if spec.kind == "piper":
        identity.update(piper_identity(Path(spec.argument)))
    if spec.kind == "recorded":
        folder = section_recordings(Path(spec.argument), stem)
        files = {}
        if folder.is_dir():
            for path in entries(folder, depth=1):
                if path.suffix in (".wav", ".txt"):
                    files[path.name] = file_hash(path)
        identity["recordings"] = files
    return identity


def file_hash(path: Path) -> str:
    """The sha256 of a regular file, read in blocks (a recording may be gigabytes); for a file that cannot be
    read, what is wrong with it (the cue then falls back to espeak-ng with a warning saying so)."""
    try:
        with open_regular(path) as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except (OSError, wave.Error) as problem:
        return f"unreadable: {reason(problem, path)}"

