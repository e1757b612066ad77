"""The whole lesson as one file, for a teacher who uploads it (YouTube, an LMS) or plays it in one go:
`lesson.mp4` with a chapter per section, `lesson.<lang>.vtt` (its captions), `lesson.<lang>.chapters.vtt` and
`lesson.<lang>.txt` (the sections' transcripts, timed in the whole file, after a YouTube-style chapter list).

Made from the lesson folder's sections once the folder holds every section of the lesson, after a render or a
batch has landed them (pipeline.render.landing.ManifestWriter.finish), so sections taken from the store count too.
The sections' video packets are copied as they are (the same encoder settings: no frame is decoded or encoded
again, no second copy of the frames is drawn); the narration is decoded, laid end to end at each section's
first frame (each section's own AAC priming dropped, so nothing drifts) and encoded once. Staged in a private
folder and landed like a section: a failure or Ctrl-C leaves the previous files and manifest as they were.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

import sections
from lessons.config import LANGUAGES

from ..manifest import Chapter, LessonVideo, Manifest, SectionEntry
from ..pages.captions import Timed, timed_cues, vtt
from ..pages.embed import lesson_title
from ..pages.transcript import clock
from ..voice.audio import RATE, write_wav
from . import media
from .chunks import append_packets, same_parameters

FILE = "lesson.mp4"
YOUTUBE_CHAPTERS, YOUTUBE_CHAPTER_S = 3, 10.0  # YouTube reads a chapter list of at least 3, each 10 s or more
HEADING = {"vi": "Cả bài trong một tệp ({file})", "en": "The whole lesson in one file ({file})"}
CHAPTER_LIST = {"vi": "Chương:", "en": "Chapters:"}
CODE = ("render/lesson_video.py", "pages/captions.py", "render/chunks.py", "render/media.py",  # what makes the files
        "pages/transcript.py")  # (in pipeline/)


class LessonVideoError(RuntimeError):
    """The sections cannot be joined into one file (another frame size, rate or encoder)."""


def names() -> dict[str, dict[str, str]]:
    return {"captions": {lang: f"lesson.{lang}.vtt" for lang in LANGUAGES},
            "chapters": {lang: f"lesson.{lang}.chapters.vtt" for lang in LANGUAGES},
            "transcripts": {lang: f"lesson.{lang}.txt" for lang in LANGUAGES}}


def whole(manifest: Manifest) -> bool:
    """The folder holds every section of the lesson, each with the cues its captions come from."""
    numbers = sorted(e.number for e in manifest.sections)
    return set(sections.SLUGS) <= {e.slug for e in manifest.sections} and \
        numbers == list(range(1, len(numbers) + 1)) and all(e.cues for e in manifest.sections)


def key_of(manifest: Manifest) -> str:
    """What the whole-lesson files are made from: each section's files (by hash), cues and the code that joins."""
    here = Path(__file__).parents[1]
    record = {"code": [hashlib.sha256((here / name).read_bytes()).hexdigest() for name in CODE],
              "language": manifest.language,
              "sections": [{"stem": e.stem, "hashes": e.hashes, "frames": e.frames, "fps": e.fps,
                            "cues": [[c.id, c.start, c.end, dict(c.texts)] for c in e.cues]}
                           for e in manifest.sections]}
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def up_to_date(out_dir: Path, manifest: Manifest, key: str) -> bool:
    current = manifest.lesson_video
    if current is None or current.key != key:
        return False
    for name in current.names:
        path = out_dir / name
        if not path.is_file() or path.is_symlink() or path.stat().st_size != current.sizes.get(name) \
                or media.sha256(path) != current.hashes.get(name):
            return False
    return True


def chapters_of(entries: tuple[SectionEntry, ...]) -> tuple[Chapter, ...]:
    """Each section's span in the whole file: sections follow each other frame for frame."""
    spans, frames = [], 0
    for entry in entries:
        spans.append(Chapter(entry.stem, frames / entry.fps, (frames + entry.frames) / entry.fps))
        frames += entry.frames
    return tuple(spans)


def build(out_dir: Path, manifest: Manifest, stage: Path) -> tuple[LessonVideo, list[Path]]:
    """The whole-lesson files written into `stage` from the sections in `out_dir`; their manifest record."""
    entries = tuple(sorted(manifest.sections, key=lambda e: e.number))
    if len({(e.width, e.height, e.fps) for e in entries}) != 1:
        raise LessonVideoError("the sections differ in frame size or rate; render them again together")
    chapters = chapters_of(entries)
    language = manifest.language
    video = stage / FILE
    joined = join_video(out_dir, entries, stage / "video.mp4")
    narration = join_audio(out_dir, entries, chapters, stage / "narration.wav")
    audio = media.encode_aac_within(narration, stage / "narration.m4a") if narration is not None else None
    media.remux_faststart(joined, video, audio, mp4_chapters(entries, chapters, language))
    info = media.probe(video)
    files: dict[str, dict[str, Path]] = {kind: {} for kind in ("captions", "chapters", "transcripts")}
    for kind, per_language in names().items():
        for lang, name in per_language.items():
            path = stage / name
            path.write_text(TEXTS[kind](entries, chapters, lang), encoding="utf-8")
            files[kind][lang] = path
    written = [video, *(path for per_language in files.values() for path in per_language.values())]
    record = LessonVideo(
        file=FILE, **{kind: {lang: p.name for lang, p in paths.items()} for kind, paths in files.items()},
        sizes={p.name: p.stat().st_size for p in written}, hashes={p.name: media.sha256(p) for p in written},
        duration=round(info.duration, 6), frames=info.frames, sections=chapters, key=key_of(manifest))
    return record, written


def join_video(out_dir: Path, entries: tuple[SectionEntry, ...], target: Path) -> Path:
    """The sections' video streams, one after the other, their packets copied (never decoded)."""
    containers = [av.open(str(out_dir / e.file)) for e in entries]
    try:
        streams = [c.streams.video[0] for c in containers]
        try:
            same_parameters(streams, "the sections' encoders")
        except RuntimeError as problem:
            raise LessonVideoError(f"{problem}; render the lesson again with --force") from None
        with av.open(str(target), "w", format="mp4") as out:
            stream = out.add_stream_from_template(streams[0])
            first = 0
            for entry, container, source in zip(entries, containers, streams):
                append_packets(out, stream, container, source, first)
                first += entry.frames
    finally:
        for container in containers:
            container.close()
    return target


def join_audio(out_dir: Path, entries: tuple[SectionEntry, ...], chapters: tuple[Chapter, ...],
               target: Path) -> Path | None:
    """The narration of the whole lesson as one WAV: each section's track decoded (its AAC priming dropped by
    the decoder, as the MP4 says) and placed at its section's first frame, silence where a section has none;
    None when no section is narrated."""
    if not any(e.audio for e in entries):
        return None
    total = int(round(chapters[-1].end * RATE))
    track = np.zeros(total, dtype=np.float32)
    for entry, chapter in zip(entries, chapters):
        if not entry.audio:
            continue
        samples = resampled(out_dir / entry.file)
        start = int(round(chapter.start * RATE))
        length = min(len(samples), int(round(chapter.end * RATE)) - start)
        track[start:start + length] = samples[:length]
    return write_wav(target, track)


def resampled(path: Path) -> np.ndarray:
    """The clip's audio as mono float samples at RATE."""
    resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
    parts = []
    with av.open(str(path)) as container:
        for frame in container.decode(container.streams.audio[0]):
            parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)


def mp4_chapters(entries: tuple[SectionEntry, ...], chapters: tuple[Chapter, ...], language: str) -> list[dict]:
    """The MP4's chapter list: one per section, titled as the section, in milliseconds."""
    base = Fraction(1, 1000)
    return [{"id": number, "start": int(round(c.start * 1000)), "end": int(round(c.end * 1000)), "time_base": base,
             "metadata": {"title": sections.title(e.slug, language, e.number)}}
            for number, (e, c) in enumerate(zip(entries, chapters), start=1)]


def captions_text(entries: tuple[SectionEntry, ...], chapters: tuple[Chapter, ...], language: str) -> str:
    return vtt(cue for e, c in zip(entries, chapters)
               for cue in timed_cues(list(e.cues), language, e.duration, offset=c.start))


def chapters_text(entries: tuple[SectionEntry, ...], chapters: tuple[Chapter, ...], language: str) -> str:
    return vtt(Timed(c.start, c.end, (sections.title(e.slug, language, e.number),)) for e, c in zip(entries, chapters))


def youtube_time(seconds: float) -> str:
    """0:00, 4:05, 1:02:03: how a YouTube description writes a chapter's start."""
    whole_seconds = int(seconds)
    hours, rest = divmod(whole_seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def chapter_list(entries: tuple[SectionEntry, ...], chapters: tuple[Chapter, ...], language: str) -> list[str]:
    """YouTube's chapter list ("0:00 1. Điểm tới hạn …"), when YouTube would read it: at least three chapters,
    each at least 10 s long; else none."""
    if len(chapters) < YOUTUBE_CHAPTERS or any(c.end - c.start < YOUTUBE_CHAPTER_S for c in chapters):
        return []
    return [CHAPTER_LIST[language]] + [f"{youtube_time(c.start)} {sections.title(e.slug, language, e.number)}"
                                       for e, c in zip(entries, chapters)]


def transcript_text(entries: tuple[SectionEntry, ...], chapters: tuple[Chapter, ...], language: str) -> str:
    """The sections' transcripts one after the other, each cue's time moved to its place in the whole file,
    after the lesson's title and the chapter list."""
    lines = [lesson_title(language), HEADING[language].format(file=FILE), ""]
    if listed := chapter_list(entries, chapters, language):
        lines += [*listed, ""]
    for entry, chapter in zip(entries, chapters):
        lines += [shifted(entry, chapter.start, language).rstrip("\n"), ""]
    return "\n".join(lines)


def shifted(entry: SectionEntry, offset: float, language: str) -> str:
    """The section's transcript with each cue's time ("[0:09] …", one line per cue in time order, as
    pipeline.pages.transcript writes it) moved by `offset` seconds, from the cue's exact start."""
    starts = iter(sorted(c.start for c in entry.cues))
    out = []
    for line in entry.transcript.get(language, "").splitlines():
        if line.startswith("[") and "] " in line and line[1:line.index("]")].replace(":", "").isdigit():
            start = next(starts, None)
            if start is None:
                raise LessonVideoError(f"{entry.stem}: its transcript has more timed lines than it has cues")
            line = f"[{clock(start + offset)}]{line[line.index(']') + 1:]}"
        out.append(line)
    return "\n".join(out)


TEXTS = {"captions": captions_text, "chapters": chapters_text, "transcripts": transcript_text}
