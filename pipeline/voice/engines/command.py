"""The `command:TEMPLATE` voice: any local speech engine. TEMPLATE is split like a shell command line (no shell
runs) and its placeholders are filled per cue: `{out}` the WAV file to write (required), `{lang}` `vi` or `en`,
`{id}` the cue id, `{text}` the text (also given on stdin, UTF-8). Example:
`command:espeak-ng -v {lang} -s 150 -w {out} --stdin`.

Only the command line may choose it: a lesson file must not be able to run a program, nor a batch file unless
the command line trusts its program (`--trust-voice-command`). The engine runs under pipeline.reaper's
supervisor: it and every process it starts end when it exits, when its time (LESSON_VIDEO_VOICE_TIMEOUT) is
up, on Ctrl-C and when the worker dies.
"""

from __future__ import annotations

import shlex
import shutil
import string
import wave
from pathlib import Path

from ...reaper import run_tree
from ..engine import Engine, Line, Speech, VoiceError, VoiceSpec, Warn, engine_timeout
from .recorded import reason, speech_limit, wav_duration

PLACEHOLDERS = ("out", "lang", "id", "text")


class Command(Engine):
    kind = "command"
    usage = "command:TEMPLATE"
    takes_argument = True  # an empty one is check_template's to refuse
    in_data_files = False

    @classmethod
    def parse(cls, argument: str, where: str, lesson_file: Path | None) -> VoiceSpec:
        check_template(argument, where)
        return VoiceSpec(cls.kind, argument)

    def identity(self, stem: str) -> dict:
        return {"command": self.spec.argument}

    def program(self) -> str:
        return shlex.split(self.spec.argument)[0]

    def say(self, line: Line, target: Path, warn: Warn) -> Speech:
        words = check_template(self.spec.argument)
        values = {"out": str(target), "lang": line.language, "id": line.cue_id, "text": line.text}
        argv = [word.format(**values) for word in words]
        target.unlink(missing_ok=True)
        timeout = engine_timeout()
        cue_id, text = line.cue_id, line.text
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
        return Speech(target, duration, self.kind)


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
