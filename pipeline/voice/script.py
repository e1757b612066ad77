"""`render.py script`: the narration script to record, per section and cue, as markdown and CSV.

Each section's scene is run without video (manim's dry run) with the synthetic voice, so the script lists
exactly the cues the render will speak, in order, with their stable ids, the spoken text, the screen text
and the length espeak-ng takes (a guide for the recording's pace). The folder it writes is the folder a
teacher records into and renders with `--voice recorded:DIR`:

    DIR/script.<lang>.md, DIR/script.<lang>.csv     the script
    DIR/<stem>/<cue id>.txt                         the text to record (the render accepts <cue id>.wav
                                                    only while this file says what today's cue says)
    DIR/<stem>/<cue id>.wav                         the teacher's recording (any PCM WAV)

Run again after the lesson changed: a cue whose text changed while a recording exists has its old take
moved aside (`<cue id>.old.wav`, `<cue id>.old.txt`), its new text written, and is listed as
"re-record"; unchanged recordings are kept and listed as "recorded". A `.txt` that cannot be what this
tool wrote (a FIFO, a device, a symbolic link, too large, not UTF-8) is never read: its take counts as
changed. Files are written beside their place and renamed over it, so a symbolic link is replaced, never
written through.

A folder holds one language: `script.<lang>.md` says which, and a script in the other language is refused
there (its takes would all look changed).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lessons.config import LANGUAGES, ConfigError, read_small_file
from mathcore.errors import LessonInputError

from ..faults import fault_point
from ..lock import SCRIPT_PREFIX, clean_work_folders, work_folder_problem
from . import Voice, VoiceSpec, section_recordings, text_hash

MAX_TAKE_TEXT_BYTES = 100_000  # a cue's text is a sentence or two


class ScriptFolderError(LessonInputError):
    """The recording folder cannot take the script: not a folder, not writable, another language's."""


@dataclass(frozen=True)
class ScriptCue:
    id: str
    start: float
    seconds: float  # the synthetic voice's length
    spoken: str
    screen: str
    status: str = ""


@dataclass(frozen=True)
class SectionScript:
    stem: str
    title: str
    cues: tuple[ScriptCue, ...]
    warnings: tuple[str, ...] = ()  # takes whose .txt could not be read


def section_cues(section_plan, workdir: Path, voice_kind: str = "espeak") -> SectionScript:
    """Run the section's scene without video and collect its cues, spoken by the synthetic voice."""
    from manim import tempconfig

    from scenes.layout_check import DRY
    from sections import scene_class, title

    voice = Voice(VoiceSpec(voice_kind), workdir, stem=section_plan.stem)
    with tempconfig({**DRY, "media_dir": str(workdir / "media")}):
        scene = scene_class(section_plan.slug)(plan=section_plan, voice=voice, skip_animations=True)
        scene.render()
    language = section_plan.language
    cues = tuple(ScriptCue(c.id, round(c.start, 3), round(c.speech, 2), c.spoken, c.text(language))
                 for c in scene.cues)
    return SectionScript(section_plan.stem, title(section_plan.slug, language, section_plan.number), cues)


def read_take_text(path: Path) -> tuple[str | None, str | None]:
    """(text, None) for a readable `<cue id>.txt`, (None, None) when there is none, (None, why) when it is
    not a small regular UTF-8 file (never opened in a way that could block or read without end)."""
    if not os.path.lexists(path):
        return None, None
    try:
        raw = read_small_file(path, MAX_TAKE_TEXT_BYTES, "cue text", follow_symlinks=False)
        return raw.decode("utf-8"), None
    except ConfigError as problem:
        return None, str(problem).removeprefix(f"{path}: ")
    except UnicodeDecodeError:
        return None, "not UTF-8"


def write_file(path: Path, text: str) -> None:
    """`text` into `path`, written beside it and renamed over it: a link at `path` is replaced, never
    written through, and a crash leaves the old file or the new one."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def section_folder(out: Path, stem: str) -> Path:
    """`out/<stem>/`; a section renumbered since its takes were recorded has its old `NN_slug` folder renamed
    to the new stem, takes and all (identity is the slug)."""
    folder, found = out / stem, section_recordings(out, stem)
    if found != folder and not folder.exists():
        found.rename(folder)
    return folder


def sync_recordings(folder: Path, section: SectionScript) -> SectionScript:
    """Write each cue's text to record; move aside takes recorded for a text that has changed or cannot be
    read."""
    folder.mkdir(parents=True, exist_ok=True)
    cues, warnings = [], []
    for cue in section.cues:
        text_file, wav = folder / f"{cue.id}.txt", folder / f"{cue.id}.wav"
        old, unreadable = read_take_text(text_file)
        if wav.exists() and old is not None and text_hash(old) == text_hash(cue.spoken):
            status = "recorded"
        elif wav.exists() and (old is not None or unreadable):
            wav.replace(folder / f"{cue.id}.old.wav")
            text_file.replace(folder / f"{cue.id}.old.txt")
            status = ("re-record (text changed; old take kept as .old.wav)" if old is not None else
                      f"re-record ({text_file.name} unreadable; old take kept as .old.wav)")
        elif wav.exists():
            status = f"re-record ({text_file.name} missing: what the take says is unknown)"
        else:
            status = "to record"
        if unreadable:
            aside = f"; its take is kept as {cue.id}.old.wav, record it again" if status.startswith("re-") else ""
            warnings.append(f"{text_file}: {unreadable}: what the take says is unknown, the file is replaced "
                            f"by the text to record{aside}")
        if status != "recorded":
            write_file(text_file, cue.spoken + "\n")
        cues.append(ScriptCue(cue.id, cue.start, cue.seconds, cue.spoken, cue.screen, status))
    return SectionScript(section.stem, section.title, tuple(cues), tuple(warnings))


def to_markdown(lesson: str, language: str, sections: list[SectionScript]) -> str:
    lines = [f"# Narration script: {lesson} ({language})", "",
             "Record each cue as `<stem>/<cue id>.wav` in this folder (PCM WAV, any rate), then render with "
             "`render.py --voice recorded:<this folder>`. `seconds` is the synthetic voice's length, a guide: "
             "the animation waits for a longer take.", ""]
    for section in sections:
        total = sum(c.seconds for c in section.cues)
        lines += [f"## {section.title} (`{section.stem}`, {total:.1f} s of speech)", "",
                  "| cue | start | seconds | status | say | screen |", "|---|---|---|---|---|---|"]
        for cue in section.cues:
            cell = [cue.id, f"{cue.start:.1f}", f"{cue.seconds:.1f}", cue.status, cue.spoken, cue.screen]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cell) + " |")
        lines.append("")
    return "\n".join(lines)


def to_csv(sections: list[SectionScript]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["stem", "cue", "file", "start", "seconds", "status", "text", "text_sha256", "screen"])
    for section in sections:
        for cue in section.cues:
            writer.writerow([section.stem, cue.id, f"{section.stem}/{cue.id}.wav", f"{cue.start:.3f}",
                             f"{cue.seconds:.2f}", cue.status, cue.spoken, text_hash(cue.spoken), cue.screen])
    return buffer.getvalue()


def folder_languages(out: Path) -> set[str]:
    """The languages whose script is in `out` (`script.<lang>.md` or `.csv`)."""
    return {lang for lang in LANGUAGES for ext in ("md", "csv")
            if os.path.lexists(out / f"script.{lang}.{ext}")}


def check_script_folder(out: Path, language: str, default: bool = False) -> None:
    """Before any scene runs: `out` is a folder (or can be made one) this tool can write, holding no other
    language's script. A refusal leaves nothing behind, not even the folders it tried to make."""
    name = f"the default folder {out}" if default else f"--out {out}"
    hint = "choose a folder with --out DIR" if default else "choose another --out"
    if out.is_symlink() and not out.exists():
        raise ScriptFolderError(f"{name} is a symbolic link to nowhere ({os.readlink(out)}); {hint}")
    if out.exists() and not out.is_dir():
        raise ScriptFolderError(f"{name} is not a folder; {hint}")
    others = folder_languages(out) - {language} if out.is_dir() else set()
    if others and language not in folder_languages(out):
        other = sorted(others)[0]
        instead = f"--out {out.parent / language}" if out.name in LANGUAGES else "another --out"
        raise ScriptFolderError(f"{out} holds the {other} recordings (script.{other}.md); the {language} script "
                                f"goes into a folder of its own: {instead}")
    made = []
    try:
        for folder in reversed([out, *out.parents]):
            if not folder.exists():
                folder.mkdir()
                made.append(folder)
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as problem:
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise ScriptFolderError(f"cannot write the narration script into {name.removeprefix('--out ')} "
                                f"({problem.strerror or type(problem).__name__}); {hint}") from None


def write_script(plans: list, lesson: str, language: str, out: Path) -> tuple[Path, Path, list[str]]:
    """The script of the sections planned in `plans` (SectionPlans in `language`), written into `out`
    once every scene has run (a failing scene writes nothing); returns the files and the warnings."""
    clean_work_folders(SCRIPT_PREFIX)
    try:
        work = tempfile.TemporaryDirectory(prefix=f"{SCRIPT_PREFIX}{os.getpid()}-")
    except OSError as problem:
        raise ScriptFolderError(work_folder_problem(problem)) from None
    with work as folder:
        fault_point("scripting")
        sections = [section_cues(plan, Path(folder) / plan.stem) for plan in plans]
    markdown, table = out / f"script.{language}.md", out / f"script.{language}.csv"
    try:
        out.mkdir(parents=True, exist_ok=True)
        synced = [sync_recordings(section_folder(out, section.stem), section) for section in sections]
        write_file(markdown, to_markdown(lesson, language, synced))
        write_file(table, to_csv(synced))
    except OSError as problem:
        where = f" ({problem.filename})" if problem.filename else ""
        raise ScriptFolderError(f"cannot write the narration script into {out}: "
                                f"{problem.strerror or type(problem).__name__}{where}") from None
    return markdown, table, [warning for section in synced for warning in section.warnings]
