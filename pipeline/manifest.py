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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lessons.config import LANGUAGES, read_small_file
from lessons.params import ConfigError
from mathcore.errors import LessonInputError
from sections import SLUGS

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 10_000_000
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}")  # a plain name in the lesson folder, no path
LESSON_NAME = re.compile(r"[A-Za-z0-9_-]{1,200}")


class ManifestError(LessonInputError):
    """manifest.json exists but is not a manifest this tool wrote (or can use)."""


@dataclass(frozen=True)
class SectionEntry:
    """One section as the manifest lists it; `data` is the whole JSON entry (extra fields included)."""

    number: int
    slug: str
    stem: str
    file: str
    poster: str
    preview: str
    captions: tuple[tuple[str, str], ...]
    data: dict
    transcripts: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every file of the section, as named in the lesson folder."""
        return (self.file, self.poster, self.preview, *(name for _, name in self.captions),
                *(name for _, name in self.transcripts))

    @property
    def hashes(self) -> dict[str, str]:
        value = self.data.get("hashes")
        return value if isinstance(value, dict) else {}

    @property
    def sizes(self) -> dict[str, int]:
        value = self.data.get("sizes")
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Manifest:
    lesson: str
    language: str
    sections: tuple[SectionEntry, ...]
    data: dict

    def entry(self, slug: str) -> SectionEntry | None:
        return next((e for e in self.sections if e.slug == slug), None)

    def to_json(self) -> dict:
        """The dict embed.md and index.html are written from (entries with all their fields)."""
        return {**self.data, "sections": [e.data for e in self.sections]}


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


def parse_entry(item: Any, source: Path, index: int) -> SectionEntry:
    where = f"sections[{index}]"
    _need(isinstance(item, dict), source, f"{where} is not an object")
    number, slug = item.get("number"), item.get("slug")
    _need(isinstance(number, int) and not isinstance(number, bool) and number >= 1, source,
          f"{where}.number must be a section number")
    _need(slug in SLUGS, source, f"{where}.slug must be one of the lesson's sections")  # identity: the slug
    captions = item.get("captions")
    _need(isinstance(captions, dict) and captions and all(lang in LANGUAGES for lang in captions), source,
          f"{where}.captions must map {', '.join(LANGUAGES)} to file names")
    transcripts = item.get("transcripts", {})
    _need(isinstance(transcripts, dict) and all(lang in LANGUAGES for lang in transcripts), source,
          f"{where}.transcripts must map {', '.join(LANGUAGES)} to file names")
    for key in ("width", "height", "fps", "duration"):
        _need(_number(item.get(key)) and item[key] >= 0, source, f"{where}.{key} must be a number")
    _need(isinstance(item.get("function"), str), source, f"{where}.function must be text")
    domain = item.get("domain")
    _need(isinstance(domain, list) and len(domain) == 2 and all(_number(v) for v in domain), source,
          f"{where}.domain must be two numbers")
    return SectionEntry(number=number, slug=slug, stem=_name(item.get("stem"), source, f"{where}.stem"),
                        file=_name(item.get("file"), source, f"{where}.file"),
                        poster=_name(item.get("poster"), source, f"{where}.poster"),
                        preview=_name(item.get("preview"), source, f"{where}.preview"),
                        captions=tuple((lang, _name(name, source, f"{where}.captions.{lang}"))
                                       for lang, name in captions.items()),
                        data=item,
                        transcripts=tuple((lang, _name(name, source, f"{where}.transcripts.{lang}"))
                                          for lang, name in transcripts.items()))


def parse_manifest(data: Any, source: Path) -> Manifest:
    _need(isinstance(data, dict), source, "not a JSON object")
    lesson, language, sections = data.get("lesson"), data.get("language", "vi"), data.get("sections")
    _need(isinstance(lesson, str) and LESSON_NAME.fullmatch(lesson) is not None, source,
          "'lesson' must be a lesson folder name")
    _need(language in LANGUAGES, source, f"'language' must be one of {', '.join(LANGUAGES)}")
    _need(isinstance(sections, list), source, "'sections' must be a list")
    entries = tuple(parse_entry(item, source, i) for i, item in enumerate(sections))
    _need(len({e.slug for e in entries}) == len(entries), source, "a section is listed twice")
    return Manifest(lesson=lesson, language=language, sections=entries, data=data)


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
