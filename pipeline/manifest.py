"""manifest.json: its one reader, which checks the shape before anyone relies on it.

The render writes the manifest, the skip check, `embed.md`, `index.html` and `publish` read it. A file
that is valid JSON of another shape (`[1, 2]`, an entry without `number`, a file name with a `/`) is
refused here with one line naming the file and what is wrong, never a KeyError three modules away, and
never a path that leaves the lesson folder.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from lessons.config import LANGUAGES, read_small_file
from lessons.cues import BeatSpan, Cue
from lessons.params import ConfigError
from mathcore.errors import LessonInputError
from sections import SLUGS

MANIFEST = "manifest.json"
PRESENT = "present.html"  # classroom mode (pipeline.pages.present), made from the manifest with every landing
MAX_MANIFEST_BYTES = 10_000_000
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}")  # a plain name in the lesson folder, no path
EXPLORE_NAME = re.compile(r"explore/[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}")  # the explorable's files: one folder deep
EXPLORE_ROLES = ("data", "script", "style")
LESSON_NAME = re.compile(r"[A-Za-z0-9_-]{1,200}")


class ManifestError(LessonInputError):
    """manifest.json exists but is not a manifest this tool wrote (or can use)."""


def _need(ok: bool, source: Path, what: str) -> None:
    if not ok:
        raise ManifestError(f"{source} is not a manifest of this tool ({what}); move it away or render again "
                            "into an empty --out")


def _name(value: Any, source: Path, where: str) -> str:
    _need(isinstance(value, str) and FILE_NAME.fullmatch(value) is not None, source,
          f"{where} must be a plain file name")
    return value


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _names(value: Any, source: Path, where: str, required: bool = False) -> dict[str, str]:
    _need(isinstance(value, dict) and (bool(value) or not required) and all(lang in LANGUAGES for lang in value),
          source, f"{where} must map {', '.join(LANGUAGES)} to file names")
    return {lang: _name(name, source, f"{where}.{lang}") for lang, name in value.items()}


def media_name(name: Any) -> bool:
    """A file of the lesson folder a manifest may list: a plain name, or one of the explorable's in explore/."""
    return isinstance(name, str) and (FILE_NAME.fullmatch(name) is not None or EXPLORE_NAME.fullmatch(name) is not None)


def _explore(value: Any, source: Path, where: str) -> dict[str, str]:
    _need(isinstance(value, dict) and set(value) <= set(EXPLORE_ROLES)
          and all(isinstance(v, str) and EXPLORE_NAME.fullmatch(v) for v in value.values()), source,
          f"{where} must map {', '.join(EXPLORE_ROLES)} to files in explore/")
    return dict(value)


def _beats(value: Any, source: Path, where: str) -> tuple[BeatSpan, ...]:
    """Classroom mode's stops: beats that follow each other from frame 0, each at least a frame long."""
    def frame(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and v >= 0
    ok = isinstance(value, list) and all(
        isinstance(b, dict) and frame(b.get("start")) and frame(b.get("end")) and b["end"] > b["start"]
        and _texts(b.get("cues")) for b in value)
    ok = ok and all(a["end"] == b["start"] for a, b in zip(value, value[1:])) and (not value or value[0]["start"] == 0)
    _need(ok, source, f"{where} must be beats one after the other, in frames from 0")
    return tuple(BeatSpan.from_json(b) for b in value)


def _cues(value: Any, source: Path, where: str) -> tuple[Cue, ...]:
    """The caption cues as said: what classroom mode draws as captions (it reads no caption file)."""
    ok = isinstance(value, list) and all(
        isinstance(c, dict) and isinstance(c.get("id"), str) and _number(c.get("start")) and _number(c.get("end"))
        and isinstance(c.get("texts"), dict)
        and all(k in LANGUAGES and isinstance(t, str) for k, t in c["texts"].items())
        for c in value)
    _need(ok, source, f"{where} must be cues with id, start, end and texts")
    return tuple(Cue(start=c["start"], end=c["end"], texts=tuple(c["texts"].items()), id=c["id"]) for c in value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


# what a manifest may hold beyond the fields every entry needs, and the check of each one's JSON value
_OPTIONAL: dict[str, Any] = {
    "transcript": lambda v: isinstance(v, dict) and all(isinstance(t, str) for t in v.values()),
    "sizes": lambda v: isinstance(v, dict) and all(isinstance(n, int) for n in v.values()),
    "hashes": lambda v: isinstance(v, dict) and all(isinstance(h, str) for h in v.values()),
    "frames": lambda v: isinstance(v, int), "codec": lambda v: isinstance(v, str),
    "pixel_format": lambda v: isinstance(v, str), "faststart": lambda v: isinstance(v, bool),
    "audio": lambda v: v is None or isinstance(v, dict), "bytes": lambda v: isinstance(v, int),
    "sha256": lambda v: isinstance(v, str), "rendered_at": lambda v: isinstance(v, str),
    "substitute": lambda v: v is None or isinstance(v, str),
    "runs": lambda v: isinstance(v, list) and all(isinstance(r, dict) for r in v),
    "quality": lambda v: isinstance(v, str), "language": lambda v: isinstance(v, str),
    "voice": lambda v: isinstance(v, str), "voice_warnings": _texts, "content_key": lambda v: isinstance(v, str),
    "voice_model": lambda v: v is None or isinstance(v, dict),
    "cue_sources": lambda v: isinstance(v, dict) and all(isinstance(n, int) for n in v.values()),
}


@dataclass(frozen=True)
class SectionEntry:
    """One section as manifest.json lists it. pipeline.render.section makes it; the skip check, embed.md, index.html
    and publish read it: one type with one writer (`to_json`) and one reader (`from_json`, which checks what
    the others rely on: file names that stay in the lesson folder, numbers that are numbers). Fields a newer
    version wrote are kept in `extra` as they are."""

    number: int
    slug: str
    stem: str
    file: str
    poster: str
    preview: str
    captions: dict[str, str]
    transcripts: dict[str, str] = field(default_factory=dict)
    transcript: dict[str, str] = field(default_factory=dict)  # the text of each, for the page's <details>
    sizes: dict[str, int] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    width: int = 0
    height: int = 0
    fps: float = 0.0
    frames: int = 0
    duration: float = 0.0
    codec: str = ""
    pixel_format: str = ""
    faststart: bool = False
    audio: dict | None = None
    bytes: int = 0
    sha256: str = ""
    rendered_at: str = ""
    function: str = ""
    domain: tuple[float, float] = (0.0, 0.0)
    substitute: str | None = None
    runs: tuple[dict, ...] = ()
    quality: str = ""
    language: str = ""
    voice: str = ""
    voice_warnings: tuple[str, ...] = ()
    voice_model: dict | None = None  # a Piper voice: model, sha256, licence, credit (pipeline.voice.engines.piper)
    cue_sources: dict[str, int] = field(default_factory=dict)  # how many cues each engine spoke
    explore: dict[str, str] = field(default_factory=dict)  # section 4: the explorable's data, script and style
    beats: tuple[BeatSpan, ...] = ()  # the beats as the scene played them, in frames: classroom mode's stops
    cues: tuple[Cue, ...] = ()  # the caption cues (id, start, end, texts), drawn by classroom mode
    content_key: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """Every file of the section, as named in the lesson folder."""
        return (self.file, self.poster, self.preview, *self.captions.values(), *self.transcripts.values(),
                *self.explore.values())

    def to_json(self) -> dict:
        data = {"stem": self.stem, "file": self.file, "poster": self.poster, "preview": self.preview,
                "captions": self.captions, "transcripts": self.transcripts, "transcript": self.transcript,
                "sizes": self.sizes, "hashes": self.hashes, "width": self.width, "height": self.height,
                "fps": self.fps, "frames": self.frames, "duration": self.duration, "codec": self.codec,
                "pixel_format": self.pixel_format, "faststart": self.faststart, "audio": self.audio,
                "bytes": self.bytes, "sha256": self.sha256, "rendered_at": self.rendered_at,
                "number": self.number, "slug": self.slug, "function": self.function, "domain": list(self.domain),
                "substitute": self.substitute, "runs": list(self.runs), "quality": self.quality,
                "language": self.language, "voice": self.voice, "voice_warnings": list(self.voice_warnings),
                "content_key": self.content_key}
        if self.voice_model is not None:  # written when there is one: an older entry reads back unchanged
            data["voice_model"] = self.voice_model
        if self.cue_sources:
            data["cue_sources"] = self.cue_sources
        if self.explore:
            data["explore"] = self.explore
        if self.beats:
            data["beats"] = [beat.to_json() for beat in self.beats]
            data["cues"] = [{"id": c.id, "start": c.start, "end": c.end, "texts": dict(c.texts)} for c in self.cues]
        return {**data, **self.extra}

    @staticmethod
    def from_json(item: Any, source: Path, index: int) -> SectionEntry:
        where = f"sections[{index}]"
        _need(isinstance(item, dict), source, f"{where} is not an object")
        number, slug = item.get("number"), item.get("slug")
        _need(isinstance(number, int) and not isinstance(number, bool) and number >= 1, source,
              f"{where}.number must be a section number")
        _need(slug in SLUGS, source, f"{where}.slug must be one of the lesson's sections")  # identity: the slug
        captions = _names(item.get("captions"), source, f"{where}.captions", required=True)
        transcripts = _names(item.get("transcripts", {}), source, f"{where}.transcripts")
        for key in ("width", "height", "fps", "duration"):
            _need(_number(item.get(key)) and item[key] >= 0, source, f"{where}.{key} must be a number")
        _need(isinstance(item.get("function"), str), source, f"{where}.function must be text")
        domain = item.get("domain")
        _need(isinstance(domain, list) and len(domain) == 2 and all(_number(v) for v in domain), source,
              f"{where}.domain must be two numbers")
        optional = {}
        for key, check in _OPTIONAL.items():
            if key in item:
                _need(check(item[key]), source, f"{where}.{key} is not what this tool writes")
                optional[key] = tuple(item[key]) if key in ("runs", "voice_warnings") else item[key]
        if "explore" in item:
            optional["explore"] = _explore(item["explore"], source, f"{where}.explore")
        if "beats" in item:
            optional["beats"] = _beats(item["beats"], source, f"{where}.beats")
        if "cues" in item:
            optional["cues"] = _cues(item["cues"], source, f"{where}.cues")
        known = {f.name for f in fields(SectionEntry)}
        return SectionEntry(
            number=number, slug=slug, stem=_name(item.get("stem"), source, f"{where}.stem"),
            file=_name(item.get("file"), source, f"{where}.file"),
            poster=_name(item.get("poster"), source, f"{where}.poster"),
            preview=_name(item.get("preview"), source, f"{where}.preview"), captions=captions,
            transcripts=transcripts, width=item["width"], height=item["height"], fps=item["fps"],
            duration=item["duration"], function=item["function"], domain=(domain[0], domain[1]), **optional,
            extra={key: value for key, value in item.items() if key not in known})


@dataclass(frozen=True)
class Chapter:
    """A section's place in the whole lesson's file, in seconds."""

    stem: str
    start: float
    end: float


@dataclass(frozen=True)
class LessonVideo:
    """The whole lesson as one file (pipeline.render.lesson_video): `lesson.mp4`, its captions, chapters and transcripts
    in every language, each file's size and sha256, its chapters, and `key`, what it was made from (the
    sections' files and the code that joins them): a run whose key is the same and whose files are intact
    leaves it as it is."""

    file: str
    captions: dict[str, str]
    chapters: dict[str, str]
    transcripts: dict[str, str]
    sizes: dict[str, int]
    hashes: dict[str, str]
    duration: float
    frames: int
    sections: tuple[Chapter, ...]
    key: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.file, *self.captions.values(), *self.chapters.values(), *self.transcripts.values())

    def to_json(self) -> dict:
        return {"file": self.file, "captions": self.captions, "chapters": self.chapters,
                "transcripts": self.transcripts, "sizes": self.sizes, "hashes": self.hashes,
                "duration": self.duration, "frames": self.frames,
                "sections": [{"stem": c.stem, "start": c.start, "end": c.end} for c in self.sections], "key": self.key}

    @staticmethod
    def from_json(item: Any, source: Path) -> LessonVideo:
        where = "lesson_video"
        _need(isinstance(item, dict), source, f"{where} is not an object")
        names = {key: _names(item.get(key), source, f"{where}.{key}", required=True)
                 for key in ("captions", "chapters", "transcripts")}
        chapters = item.get("sections")
        _need(isinstance(chapters, list) and all(
            isinstance(c, dict) and isinstance(c.get("stem"), str) and _number(c.get("start"))
            and _number(c.get("end")) for c in chapters), source, f"{where}.sections must be chapters")
        for key, check in (("sizes", _OPTIONAL["sizes"]), ("hashes", _OPTIONAL["hashes"])):
            _need(check(item.get(key)), source, f"{where}.{key} is not what this tool writes")
        _need(_number(item.get("duration")) and isinstance(item.get("frames"), int)
              and isinstance(item.get("key"), str), source, f"{where} needs duration, frames and key")
        return LessonVideo(file=_name(item.get("file"), source, f"{where}.file"), **names, sizes=item["sizes"],
                           hashes=item["hashes"], duration=item["duration"], frames=item["frames"],
                           sections=tuple(Chapter(c["stem"], c["start"], c["end"]) for c in chapters),
                           key=item["key"])


@dataclass(frozen=True)
class Manifest:
    lesson: str
    language: str
    sections: tuple[SectionEntry, ...]
    generator: dict = field(default_factory=dict)
    lesson_video: LessonVideo | None = None  # the whole lesson as one file, once every section is there

    def entry(self, slug: str) -> SectionEntry | None:
        return next((e for e in self.sections if e.slug == slug), None)

    def to_json(self) -> dict:
        present = {"present": PRESENT} if any(e.beats for e in self.sections) else {}  # an older render has none
        whole = {"lesson_video": self.lesson_video.to_json()} if self.lesson_video is not None else {}
        return {"lesson": self.lesson, "language": self.language, "generator": self.generator, **present, **whole,
                "sections": [entry.to_json() for entry in sorted(self.sections, key=lambda e: e.number)]}


def parse_manifest(data: Any, source: Path) -> Manifest:
    _need(isinstance(data, dict), source, "not a JSON object")
    lesson, language, sections = data.get("lesson"), data.get("language", "vi"), data.get("sections")
    _need(isinstance(lesson, str) and LESSON_NAME.fullmatch(lesson) is not None, source,
          "'lesson' must be a lesson folder name")
    _need(language in LANGUAGES, source, f"'language' must be one of {', '.join(LANGUAGES)}")
    _need(isinstance(sections, list), source, "'sections' must be a list")
    entries = tuple(SectionEntry.from_json(item, source, i) for i, item in enumerate(sections))
    _need(len({e.slug for e in entries}) == len(entries), source, "a section is listed twice")
    generator = data.get("generator", {})
    _need(isinstance(generator, dict), source, "'generator' must be an object")
    whole = LessonVideo.from_json(data["lesson_video"], source) if "lesson_video" in data else None
    return Manifest(lesson=lesson, language=language, sections=entries, generator=generator, lesson_video=whole)


def read_manifest(out_dir: Path) -> Manifest | None:
    """The lesson folder's manifest, None when there is none; a manifest of the wrong shape is an error.
    Read as lesson files are (a regular file, without blocking, bounded; never through a link, as the render
    never writes one): a FIFO or a link to /dev/zero in its place is refused on one line while the caller
    holds the lesson lock, never waited on or read whole."""
    source = out_dir / MANIFEST
    if not source.exists():
        return None
    try:
        raw = read_small_file(source, MAX_MANIFEST_BYTES, "manifest", follow_symlinks=False)
    except ConfigError as problem:
        raise ManifestError(f"{problem}: not a manifest this tool can use; move it away or render "
                            "again into an empty --out") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        _need(False, source, "not valid JSON")
    return parse_manifest(data, source)
