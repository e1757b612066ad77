"""The `piper:MODEL` voice: a Piper neural voice (the `piper-tts` package), offline.

MODEL is a Piper voice file `NAME.onnx` with its `NAME.onnx.json` beside it (and, as Piper's voices are
published, a `MODEL_CARD` saying its dataset and licence). Nothing is downloaded, ever: the model is a file
the teacher has. Each worker runs one long-lived engine process (`python -m pipeline.voice.engines.piper serve
MODEL`) that loads the model once and answers one request per cue over a Unix socket; the processes drawing
one section share it. The engine ends with its worker (PR_SET_PDEATHSIG) and when its socket is closed.

Same input, same bytes: the model runs without its sampling noise (noise_scale and noise_w 0, a fixed
thread count), so a text spoken twice is the same WAV. The pace follows the captions as espeak-ng's does:
a cue is said more slowly (Piper's length_scale) when its caption needs the time to be read, a little faster
when it would pass a cue's 7 s.

Checked before anything renders (`check_model`, one line, exit 2): piper-tts installed, the model and its
.onnx.json there and readable, the model loadable (in a separate process, so a broken file cannot take the
renderer with it), and the voice's language that of the lesson.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import uuid
import wave
from dataclasses import dataclass
from pathlib import Path

from mathcore.errors import LessonInputError

from ..engine import Engine, Line, Speech, VoiceSpec, Warn

INSTALL = "pip install 'piper-tts>=1.8,<2' (make test installs it)"
LOAD_TIMEOUT_S = 120.0
MODEL_CARD = "MODEL_CARD"
SLOWEST, FASTEST = 1.8, 0.85  # Piper's length_scale: how much slower or faster than the voice's own pace


class PiperError(LessonInputError):
    """A Piper voice that cannot be used: piper-tts missing, the model missing or broken, another language."""


@dataclass(frozen=True)
class PiperModel:
    """A Piper voice file and what the render records of it: its hashes, language and the credit its
    licence asks for (CC BY voices: in the manifest, the transcripts and the gallery)."""

    path: Path
    sha256: str
    config_sha256: str
    card_sha256: str | None
    language: str  # the language family the voice speaks: "vi", "en"
    name: str
    licence: str | None
    dataset: str | None

    @property
    def credit(self) -> str | None:
        """The attribution a CC BY licence requires (None for CC0 and other licences that ask none)."""
        if not self.licence or not re.search(r"\bCC[- ]?BY\b", self.licence, re.IGNORECASE):
            return None
        source = f", dataset {self.dataset}" if self.dataset else ""
        return f"Voice: Piper {self.name}{source}, {self.licence}"


def sha256_of(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def read_model(path: Path) -> PiperModel:
    """The model at `path`, its .onnx.json read and its MODEL_CARD (if any) parsed; PiperError naming the
    file when one is missing or unreadable."""
    config_path = Path(f"{path}.json")
    if not path.is_file():
        raise PiperError(f"Piper voice model {path} not found (a NAME.onnx file with NAME.onnx.json beside it)")
    if not config_path.is_file():
        raise PiperError(f"Piper voice model {path} has no {config_path.name} beside it")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        language = str(config.get("language", {}).get("family") or config["espeak"]["voice"]).split("-")[0]
        int(config["audio"]["sample_rate"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as problem:
        raise PiperError(f"Piper voice config {config_path} is not a Piper voice's .onnx.json "
                         f"({type(problem).__name__}: {problem})") from None
    card = path.parent / MODEL_CARD
    text = card.read_text(encoding="utf-8", errors="replace") if card.is_file() else ""
    licence = re.search(r"licen[cs]e:\s*(.+)", text, re.IGNORECASE)
    dataset = re.search(r"URL:\s*(\S+)", text)
    return PiperModel(path=path, sha256=sha256_of(path), config_sha256=sha256_of(config_path),
                      card_sha256=sha256_of(card) if card.is_file() else None, language=language,
                      name=path.name.removesuffix(".onnx"), licence=licence.group(1).strip() if licence else None,
                      dataset=dataset.group(1) if dataset else None)


def piper_installed() -> bool:
    return importlib.util.find_spec("piper") is not None and importlib.util.find_spec("onnxruntime") is not None


def check_model(path: Path, language: str | None = None) -> PiperModel:
    """Everything a render needs of a Piper voice, checked before it starts (PiperError, one line)."""
    if not piper_installed():
        raise PiperError(f"the piper: voice needs the piper-tts package: {INSTALL}")
    model = read_model(path)
    if language is not None and model.language != language:
        raise PiperError(f"Piper voice model {path} speaks {model.language}, but the lesson is in {language}: "
                         f"use a {language} voice or --lang {model.language}")
    done = subprocess.run([sys.executable, "-m", "pipeline.voice.engines.piper", "check", str(path)],
                          capture_output=True, text=True, timeout=LOAD_TIMEOUT_S)
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or [f"status {done.returncode}"])[-1]
        raise PiperError(f"Piper voice model {path} cannot be loaded: {why[:300]}")
    return model


def confined_model(model: Path, lesson_file: Path, where: str) -> Path:
    """A lesson file's Piper model, resolved beside it; it, its .onnx.json and its MODEL_CARD (links followed)
    must be inside the lesson file's folder."""
    base = lesson_file.resolve().parent
    path = base / model
    for entry in (path, Path(f"{path}.json"), path.parent / "MODEL_CARD"):
        real = Path(os.path.realpath(entry))
        if not (real == base or base in real.parents):
            raise PiperError(f"{where}: {entry} leads to {real}, outside the lesson file's folder {base}")
    return Path(os.path.realpath(path))


@functools.cache
def _model(path: Path, size: int, mtime: float):
    return read_model(path)


def piper_model(path: Path):
    """The Piper model at `path` (read and hashed once per process while the file is unchanged)."""
    stat = path.stat()
    return _model(path, stat.st_size, stat.st_mtime)


def piper_identity(path: Path) -> dict:
    """What the content key knows of a Piper voice: the model's, its config's and its card's hashes and the
    engine's version."""
    from importlib import metadata

    model = piper_model(path)
    return {"model_sha256": model.sha256, "config_sha256": model.config_sha256, "card_sha256": model.card_sha256,
            "piper-tts": metadata.version("piper-tts"), "onnxruntime": metadata.version("onnxruntime")}


class Piper(Engine):
    kind = "piper"
    usage = "piper:MODEL"
    takes_argument = True
    needs = "the Piper voice file (NAME.onnx, NAME.onnx.json beside it)"

    def __init__(self, spec: VoiceSpec) -> None:
        super().__init__(spec)
        self.process: PiperEngine | None = None

    @classmethod
    def parse(cls, argument: str, where: str, lesson_file: Path | None) -> VoiceSpec:
        model = Path(argument)
        if lesson_file is not None:
            model = confined_model(model, lesson_file, f"{where} piper:{argument}")
        return VoiceSpec(cls.kind, str(model))

    def check(self, language: str | None = None) -> None:
        check_model(Path(self.spec.argument), language)
        super().check(language)

    def identity(self, stem: str) -> dict:
        return piper_identity(Path(self.spec.argument))

    def details(self) -> dict:
        """The manifest's record of the voice: model, sha256, licence, credit."""
        model = piper_model(Path(self.spec.argument))
        return {"engine": "piper", "model": model.name, "file": model.path.name, "sha256": model.sha256,
                "language": model.language, "licence": model.licence, "dataset": model.dataset, "credit": model.credit}

    def label(self) -> str:
        return "piper"  # the model's path stays private; the manifest names it in `voice_model`

    def start(self) -> None:
        """One engine process per worker, started before the worker forks its helpers (they share it)."""
        if self.process is None:
            self.process = PiperEngine(Path(self.spec.argument))
            self.process.start()

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None

    def say(self, line: Line, target: Path, warn: Warn) -> Speech:
        self.start()
        return Speech(target, self.process.say(line.text, target, line.at_least, line.at_most), self.kind)


# the engine process ----------------------------------------------------------------------------------------

def load_voice(path: Path):
    """The Piper voice at `path`, on one thread (the same floating-point order every time)."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    config = PiperConfig.from_dict(json.loads(Path(f"{path}.json").read_text(encoding="utf-8")))
    session = onnxruntime.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    return PiperVoice(session=session, config=config)


def synthesize(voice, text: str, target: Path, length_scale: float) -> float:
    """`text` spoken into the WAV `target` at `length_scale`, without sampling noise; its length in seconds."""
    from piper import SynthesisConfig

    settings = SynthesisConfig(length_scale=length_scale, noise_scale=0.0, noise_w_scale=0.0)
    with wave.open(str(target), "wb") as out:
        voice.synthesize_wav(text, out, syn_config=settings)
    with wave.open(str(target), "rb") as done:
        return done.getnframes() / done.getframerate()


def serve(path: Path, address: str) -> int:
    """The engine: load the model once, then answer `{"text", "out", "length_scale"}` requests, one JSON line
    per connection, until the listening socket is closed or the worker dies."""
    from ...reaper import die_with_parent

    die_with_parent(os.getppid())
    voice = load_voice(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind("\0" + address)
    server.listen(8)
    print("ready", flush=True)
    while True:
        connection, _ = server.accept()
        with connection, connection.makefile("rwb") as stream:
            line = stream.readline()
            if not line:
                continue
            try:
                request = json.loads(line)
                if request.get("stop"):
                    return 0
                seconds = synthesize(voice, request["text"], Path(request["out"]), float(request["length_scale"]))
                answer = {"duration": seconds}
            except Exception as problem:  # noqa: BLE001 - reported to the worker as one line
                answer = {"error": f"{type(problem).__name__}: {problem}".splitlines()[0]}
            stream.write((json.dumps(answer) + "\n").encode("utf-8"))
            stream.flush()


class PiperEngine:
    """The worker's side of its engine process: started once (before the helpers fork, so they share it),
    asked over its socket (an abstract Unix address: no file, no path length limit)."""

    def __init__(self, model: Path) -> None:
        self.model = model
        self.address = f"lesson-video-piper-{os.getpid()}-{uuid.uuid4().hex[:8]}"  # abstract: "\0" + this
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        if self.process is not None:
            return
        errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, "-m", "pipeline.voice.engines.piper", "serve", str(self.model),
                                         self.address], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=errors, text=True)
        ready = self.process.stdout.readline().strip()
        if ready != "ready":
            errors.seek(0)
            why = (errors.read().decode("utf-8", "replace").strip().splitlines() or ["no answer"])[-1]
            self.process.wait()
            self.process = None
            raise PiperError(f"Piper voice model {self.model} did not start: {why[:300]}")

    def ask(self, request: dict) -> dict:
        self.start()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect("\0" + self.address)
            connection.sendall((json.dumps(request) + "\n").encode("utf-8"))
            with connection.makefile("rb") as stream:
                answer = stream.readline()
        if not answer:
            raise PiperError(f"the Piper engine for {self.model.name} stopped answering")
        return json.loads(answer)

    def speak(self, text: str, target: Path, length_scale: float) -> float:
        answer = self.ask({"text": text, "out": str(target), "length_scale": length_scale})
        if "error" in answer:
            raise PiperError(f"Piper voice {self.model.name} failed: {answer['error']}")
        return float(answer["duration"])

    def say(self, text: str, target: Path, at_least: float = 0.0, at_most: float = float("inf")) -> float:
        """`text` into `target` at the voice's pace, slowed (or hurried a little) to last from `at_least` to
        `at_most` seconds when it can; its length."""
        scale = 1.0
        seconds = self.speak(text, target, scale)
        for _ in range(3):
            if seconds < at_least - 1e-3 and scale < SLOWEST:
                scale = min(SLOWEST, scale * (at_least + 0.05) / seconds)
            elif seconds > at_most and scale > FASTEST and seconds * FASTEST / scale >= at_least:
                scale = max(FASTEST, scale * (at_most - 0.05) / seconds)
            else:
                break
            seconds = self.speak(text, target, round(scale, 4))
        return seconds

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            self.ask({"stop": True})
        except (OSError, PiperError, ValueError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def main(argv: list[str]) -> int:
    command, path = argv[0], Path(argv[1])
    if command == "check":
        load_voice(path)
        return 0
    return serve(path, argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
