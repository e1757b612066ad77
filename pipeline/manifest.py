"""manifest.json: its model (msgspec Structs, also the JSON Schema the docs publish) and its one reader.

The render writes the manifest, the skip check, `embed.md`, `index.html` and `publish` read it. A file
that is valid JSON of another shape (`[1, 2]`, an entry without `number`, a file name with a `/`) is
refused here with one line naming the file and what is wrong, never a KeyError three modules away, and
never a path that leaves the lesson folder. A section's fields a newer version wrote are kept as they are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from lessons.config import LANGUAGES, read_small_file
from lessons.cues import BeatSpan
from lessons.params import ConfigError
from lessons.typed import Mistake, mistake
from mathcore.errors import LessonInputError
from sections import ALL_SLUGS

MANIFEST = "manifest.json"
PRESENT = "present.html"  # classroom mode (pipeline.pages.present), made from the manifest with every landing
MAX_MANIFEST_BYTES = 10_000_000
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}")  # a plain name in the lesson folder, no path
EXPLORE_NAME = re.compile(r"explore/[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}")  # the explorable's files: one folder deep
LESSON_NAME = re.compile(r"[A-Za-z0-9_-]{1,200}")

FileName = Annotated[str, msgspec.Meta(pattern=f"^{FILE_NAME.pattern}$", description="a file of the lesson folder")]
ExploreName = Annotated[str, msgspec.Meta(pattern=f"^{EXPLORE_NAME.pattern}$")]
MediaName = Annotated[str, msgspec.Meta(pattern=f"^({FILE_NAME.pattern}|{EXPLORE_NAME.pattern})$")]
Language = Literal[LANGUAGES]  # type: ignore[valid-type]
Slug = Literal[ALL_SLUGS]  # type: ignore[valid-type] - the lesson's sections, by their stable slugs
Names = dict[Language, FileName]  # a file per language
Size = Annotated[int, msgspec.Meta(ge=0)] | Annotated[float, msgspec.Meta(ge=0)]  # written as the video says it


class ManifestError(LessonInputError):
    """manifest.json exists but is not a manifest this tool wrote (or can use)."""


class Cue(msgspec.Struct, frozen=True):
    """A caption cue as said: what classroom mode draws as captions (it reads no caption file)."""

    id: str
    start: float
    end: float
    texts: dict[Language, str]

    def text(self, language: str) -> str:
        return self.texts[language]


class SectionEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One section as manifest.json lists it. pipeline.render.section makes it; the skip check, embed.md,
    index.html and publish read it. Fields a newer version wrote are kept in `extra` as they are (not a field
    of the file: `entry_record` writes them back beside the others)."""

    stem: FileName
    file: FileName
    poster: FileName
    preview: FileName
    captions: Annotated[Names, msgspec.Meta(min_length=1)]
    transcripts: Names = {}
    transcript: dict[str, str] = {}  # the text of each, for the page's <details>
    sizes: dict[str, int] = {}  # each file's size in bytes, by its name in the lesson folder
    hashes: dict[str, str] = {}  # each file's sha256
    width: Size
    height: Size
    fps: Size
    frames: int = 0
    duration: Size
    codec: str = ""
    pixel_format: str = ""
    faststart: bool = False
    audio: dict[str, Any] | None = None  # the narration track: codec, sample_rate, channels, duration
    bytes: int = 0
    sha256: str = ""
    rendered_at: str = ""
    number: Annotated[int, msgspec.Meta(ge=1)]
    slug: Slug
    function: str
    domain: tuple[float, float]
    substitute: str | None = None
    runs: tuple[dict[str, Any], ...] = ()  # the descent runs it shows (lessons.runs.Run.to_json)
    quality: str = ""
    language: str = ""
    voice: str = ""
    voice_warnings: tuple[str, ...] = ()
    content_key: str = ""
    voice_model: dict[str, Any] | None = None  # what the voice's engine records of itself (a Piper model)
    cue_sources: dict[str, int] = {}  # how many cues each engine spoke
    explore: dict[Literal["data", "script", "style"], ExploreName] = {}  # section 4: the explorable's files
    variation_table: dict[Literal["x", "f_prime", "f"], list[str | list[str]]] = {}  # section 2: as on screen
    beats: tuple[BeatSpan, ...] = ()  # the beats as the scene played them, in frames: classroom mode's stops
    cues: tuple[Cue, ...] = ()  # the caption cues (id, start, end, texts), drawn by classroom mode
    extra: dict[str, Any] = msgspec.field(default_factory=dict, name="(fields a newer version wrote)")

    @property
    def names(self) -> tuple[str, ...]:
        """Every file of the section, as named in the lesson folder."""
        return (self.file, self.poster, self.preview, *self.captions.values(), *self.transcripts.values(),
                *self.explore.values())


# an older entry reads back unchanged
WRITTEN_WHEN_SET = ("voice_model", "cue_sources", "explore", "beats", "cues", "variation_table")
EXTRA = SectionEntry.__struct_encode_fields__[SectionEntry.__struct_fields__.index("extra")]


def entry_record(entry: SectionEntry) -> dict:
    """The entry as manifest.json and the store hold it: its fields, without the optional ones it does not
    have, then the fields a newer version wrote."""
    data = msgspec.json.decode(msgspec.json.encode(entry))  # plain JSON values: lists, not tuples
    data.pop(EXTRA)
    for key in WRITTEN_WHEN_SET:
        if not data[key]:
            del data[key]
    return {**data, **entry.extra}


class Identity(msgspec.Struct, frozen=True):
    """What an entry is before anything else: its section, by number and slug (checked first)."""

    number: Annotated[int, msgspec.Meta(ge=1)]
    slug: Slug


def read_entry(item: Any, source: Path, where: str = "sections[0]") -> SectionEntry:
    """An entry of manifest.json (or a store's entry.json), its unknown fields kept in `extra`."""
    try:
        msgspec.convert(item, Identity)
        entry = msgspec.convert(item, SectionEntry)
    except msgspec.ValidationError as error:
        raise ManifestError(problem(source, mistake(error), where)) from None
    return _kept(entry, item, source, where)


def _kept(entry: SectionEntry, item: dict, source: Path, where: str) -> SectionEntry:
    """The entry with what its type cannot say checked (its beats follow each other from frame 0) and the
    fields a newer version wrote kept."""
    beats = entry.beats
    _need(all(b.start >= 0 and b.end > b.start for b in beats) and (not beats or beats[0].start == 0)
          and all(a.end == b.start for a, b in zip(beats, beats[1:])), source,
          f"{where}.beats must be beats one after the other, in frames from 0")
    known = set(SectionEntry.__struct_encode_fields__) - {EXTRA}
    return msgspec.structs.replace(entry, extra={key: value for key, value in item.items() if key not in known})


class Chapter(msgspec.Struct, frozen=True):
    """A section's place in the whole lesson's file, in seconds."""

    stem: str
    start: float
    end: float


class LessonVideo(msgspec.Struct, frozen=True, kw_only=True):
    """The whole lesson as one file (pipeline.render.lesson_video): `lesson.mp4`, its captions, chapters and
    transcripts in every language, each file's size and sha256, its chapters, and `key`, what it was made from
    (the sections' files and the code that joins them): a run whose key is the same and whose files are intact
    leaves it as it is."""

    file: FileName
    captions: Annotated[Names, msgspec.Meta(min_length=1)]
    chapters: Annotated[Names, msgspec.Meta(min_length=1)]
    transcripts: Annotated[Names, msgspec.Meta(min_length=1)]
    sizes: dict[str, int]
    hashes: dict[str, str]
    duration: float
    frames: int
    sections: tuple[Chapter, ...]
    key: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.file, *self.captions.values(), *self.chapters.values(), *self.transcripts.values())


class ManifestFile(msgspec.Struct, frozen=True, kw_only=True):
    """manifest.json as a file: the lesson's folder name and language, the versions that made it, classroom
    mode's page (once a section has beats), the whole lesson's file (once every section is there) and the
    sections, in order. Its JSON Schema is published in the docs (docs/reference/manifest.schema.json)."""

    lesson: Annotated[str, msgspec.Meta(pattern=f"^{LESSON_NAME.pattern}$")]
    language: Language = "vi"
    generator: dict[str, Any] = {}  # the versions of the packages that drew, encoded and computed
    present: str | None = None
    lesson_video: LessonVideo | None = None
    sections: list[SectionEntry]


class Manifest(msgspec.Struct, frozen=True):
    lesson: str
    language: str
    sections: tuple[SectionEntry, ...]
    generator: dict = {}
    lesson_video: LessonVideo | None = None  # the whole lesson as one file, once every section is there

    def entry(self, slug: str) -> SectionEntry | None:
        return next((e for e in self.sections if e.slug == slug), None)


def json_schema() -> dict:
    """manifest.json's JSON Schema, from its model (published as docs/reference/manifest.schema.json). A
    section's fields a newer version wrote are allowed (the model keeps them in `extra`, no field of the
    file)."""
    schema = msgspec.json.schema(ManifestFile)
    schema["$defs"]["SectionEntry"]["properties"].pop(EXTRA)
    return schema


def manifest_record(manifest: Manifest) -> dict:
    """manifest.json's content: classroom mode's page named once a section has beats (an older render has
    none), the whole lesson's file once there is one, the sections in order."""
    present = {"present": PRESENT} if any(e.beats for e in manifest.sections) else {}
    whole = {"lesson_video": msgspec.json.decode(msgspec.json.encode(manifest.lesson_video))} \
        if manifest.lesson_video is not None else {}
    return {"lesson": manifest.lesson, "language": manifest.language, "generator": manifest.generator, **present,
            **whole, "sections": [entry_record(e) for e in sorted(manifest.sections, key=lambda e: e.number)]}


def _need(ok: bool, source: Path, what: str) -> None:
    if not ok:
        raise ManifestError(f"{source} is not a manifest of this tool ({what}); move it away or render again "
                            "into an empty --out")


# what each field must be, in the words the refusal uses (`is not what this tool writes` for the others)
WORDS = {"number": "must be a section number", "slug": "must be one of the lesson's sections",
         "stem": "must be a plain file name", "file": "must be a plain file name",
         "poster": "must be a plain file name", "preview": "must be a plain file name",
         "captions": f"must map {', '.join(LANGUAGES)} to file names",
         "transcripts": f"must map {', '.join(LANGUAGES)} to file names",
         "chapters": f"must map {', '.join(LANGUAGES)} to file names",
         "width": "must be a number", "height": "must be a number", "fps": "must be a number",
         "duration": "must be a number", "function": "must be text", "domain": "must be two numbers",
         "explore": "must map data, script, style to files in explore/",
         "beats": "must be beats one after the other, in frames from 0",
         "cues": "must be cues with id, start, end and texts"}
TOP = {"lesson": "'lesson' must be a lesson folder name",
       "language": f"'language' must be one of {', '.join(LANGUAGES)}",
       "sections": "'sections' must be a list", "generator": "'generator' must be an object"}


def problem(source: Path, found: Mistake, where: str = "") -> str:
    """The one line a manifest that is not this tool's gets for `found`, inside an entry at `where`."""
    path = found.path
    if not path and not where:
        what = "not a JSON object"
    elif not path:
        what = f"{where} is not an object"
    elif not where and path[0] in TOP:
        what = TOP[path[0]]
    elif not where and path[0] == "lesson_video":
        inner = Mistake(path[1:], found.kind, found.name, found.detail)
        what = problem_words("lesson_video", inner)
    else:
        what = problem_words(where, found)
    return (f"{source} is not a manifest of this tool ({what}); move it away or render again into an empty "
            "--out")


def problem_words(where: str, found: Mistake) -> str:
    if not found.path:
        return f"{where} is not an object"
    field = found.path[0]
    if where == "lesson_video":
        if field == "sections":
            return "lesson_video.sections must be chapters"
        if field in ("duration", "frames", "key"):
            return "lesson_video needs duration, frames and key"
    return f"{where}.{field} {WORDS.get(field, 'is not what this tool writes')}"


def parse_manifest(data: Any, source: Path) -> Manifest:
    items = data.get("sections") if isinstance(data, dict) else None
    try:
        for i, item in enumerate(items if isinstance(items, list) else ()):  # which section first: number, slug
            if isinstance(item, dict):
                try:
                    msgspec.convert(item, Identity)
                except msgspec.ValidationError as error:
                    raise ManifestError(problem(source, mistake(error), f"sections[{i}]")) from None
        file = msgspec.convert(data, ManifestFile)
    except msgspec.ValidationError as error:
        found = mistake(error)
        if found.path[:1] == ("sections",) and len(found.path) > 1:
            where, found = f"sections[{found.path[1]}]", Mistake(found.path[2:], found.kind, found.name, found.detail)
            raise ManifestError(problem(source, found, where)) from None
        raise ManifestError(problem(source, found)) from None
    entries = tuple(_kept(entry, item, source, f"sections[{i}]")
                    for i, (entry, item) in enumerate(zip(file.sections, items)))
    _need(len({e.slug for e in entries}) == len(entries), source, "a section is listed twice")
    return Manifest(lesson=file.lesson, language=file.language, sections=entries, generator=file.generator,
                    lesson_video=file.lesson_video)


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
    except ConfigError as problem_:
        raise ManifestError(f"{problem_}: not a manifest this tool can use; move it away or render "
                            "again into an empty --out") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        _need(False, source, "not valid JSON")
    return parse_manifest(data, source)


def media_name(name: Any) -> bool:
    """A file of the lesson folder a manifest may list: a plain name, or one of the explorable's in explore/."""
    return isinstance(name, str) and (FILE_NAME.fullmatch(name) is not None or EXPLORE_NAME.fullmatch(name) is not None)
