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
"re-record"; unchanged recordings are kept and listed as "recorded".
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .voice import Voice, VoiceSpec, text_hash


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
    return SectionScript(section_plan.stem, title(section_plan.slug, language), cues)


def sync_recordings(folder: Path, section: SectionScript) -> SectionScript:
    """Write each cue's text to record; move aside takes recorded for a text that has changed."""
    folder.mkdir(parents=True, exist_ok=True)
    cues = []
    for cue in section.cues:
        text_file, wav = folder / f"{cue.id}.txt", folder / f"{cue.id}.wav"
        try:
            old = text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if wav.exists() and old is not None and text_hash(old) == text_hash(cue.spoken):
            status = "recorded"
        elif wav.exists() and old is not None:
            wav.replace(folder / f"{cue.id}.old.wav")
            text_file.replace(folder / f"{cue.id}.old.txt")
            status = "re-record (text changed; old take kept as .old.wav)"
        elif wav.exists():
            status = f"re-record ({text_file.name} missing: what the take says is unknown)"
        else:
            status = "to record"
        if status != "recorded":
            text_file.write_text(cue.spoken + "\n", encoding="utf-8")
        cues.append(ScriptCue(cue.id, cue.start, cue.seconds, cue.spoken, cue.screen, status))
    return SectionScript(section.stem, section.title, tuple(cues))


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


def write_script(plans: list, lesson: str, language: str, out: Path) -> tuple[Path, Path]:
    """The script of the sections planned in `plans` (SectionPlans in `language`), written into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    sections = []
    with tempfile.TemporaryDirectory(prefix="lesson-script-") as work:
        for section_plan in plans:
            section = section_cues(section_plan, Path(work) / section_plan.stem)
            sections.append(sync_recordings(out / section_plan.stem, section))
    markdown = out / f"script.{language}.md"
    table = out / f"script.{language}.csv"
    markdown.write_text(to_markdown(lesson, language, sections), encoding="utf-8")
    table.write_text(to_csv(sections), encoding="utf-8")
    return markdown, table
