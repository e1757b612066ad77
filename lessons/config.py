"""Lesson configs (TOML): the lesson's function and domain, its language, and each section's parameters.

The embedded default lives next to this file; a teacher's own file has the same shape. Every mistake is a
`ConfigError` naming the file and the key, raised before anything renders.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from .params import ConfigError, SectionParams, keys_of, parse_params
from .terms import DEFAULT_TERMS, Terms
from .typed import Mistake, mistake

Contents = tuple[tuple[str, type[SectionParams]], ...]  # the sections in order: slug and parameter class

LANGUAGES = ("vi", "en")
DEFAULT_LESSON = Path(__file__).with_name("aero_llm_14_derivatives_find_minima.toml")
MAX_LESSON_NAME = 100
MAX_CONFIG_BYTES = 1_000_000

__all__ = ["ConfigError", "LANGUAGES", "LessonConfig", "SurfaceInput", "load_lesson", "parse_lesson", "with_name",
           "with_overrides", "with_surface"]
Box = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class SurfaceInput:
    """A lesson's f(x, y) on the box [a, b] × [c, d] (`[surface]` or --surface): the sections that go beyond one
    variable draw it; a lesson without one never shows them."""

    function: str
    box: Box


@dataclass(frozen=True)
class LessonConfig:
    slug: str
    language: str
    function: str
    domain: tuple[float, float]
    params: tuple[tuple[str, SectionParams], ...]
    source: str
    voice: str | None = None  # the file's `voice` (espeak, none, recorded:DIR); the pipeline checks it
    file: str | None = None  # the lesson file's resolved path (a recorded: folder is relative to it)
    function_given: bool = False  # the function or domain came from the command line, not the lesson file
    terms: Terms = DEFAULT_TERMS  # the words the teacher chose where textbooks differ (lessons.terms)
    surface: SurfaceInput | None = None  # f(x, y) for the sections beyond one variable; None: they are not shown

    def params_of(self, slug: str) -> SectionParams:
        for name, params in self.params:
            if name == slug:
                return params
        raise ConfigError(f"unknown section '{slug}': choose from {', '.join(name for name, _ in self.params)}")


_SLUG = re.compile(r"[A-Za-z0-9_-]+")


class SurfaceTable(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The lesson file's `[surface]`: `function = "x^2 - y^2"`, `domain = [[a, b], [c, d]]`."""

    function: str
    domain: tuple[tuple[float, float], tuple[float, float]]


class LessonFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A lesson file as TOML holds it: its name, language, function and domain, the voice it chooses, and a
    table per section (`[sections.<slug>]`, typed by that section's parameters)."""

    lesson: Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]+$", max_length=MAX_LESSON_NAME)]
    language: Literal["vi", "en"] = "vi"
    function: str
    domain: tuple[float, float]
    voice: str | None = None  # espeak, none, recorded:FOLDER (pipeline.voice checks it)
    terms: dict[str, Any] = {}  # lessons.terms.Terms, checked with its own messages
    sections: dict[str, dict[str, Any]] = {}
    surface: SurfaceTable | None = None


def lesson_problem(source: str, found: Mistake) -> str:
    """The one line a lesson file's top level gets for `found`."""
    field = found.path[0] if found.path else ""
    if found.kind == "unknown":
        return f"{source}: unknown key '{found.name}'"
    if field == "surface":
        return f"{source}: [surface] needs function = \"…\" (f of x and y) and domain = [[a, b], [c, d]]" + \
            (f" (unknown key '{found.name}')" if found.kind == "unknown" and found.name else "")
    if field == "sections":
        return f"{source}: [sections.{found.path[1]}] must be a table" if len(found.path) > 1 else \
            f"{source}: [sections] must be a table"
    if field == "domain":
        return f"{source}: top-level: domain must be a finite number, not one this large" if found.kind == "range" \
            else f"{source}: top-level: domain must be two numbers, like [-2, 3]"
    return {"lesson": f"{source}: 'lesson' must be a name of at most {MAX_LESSON_NAME} letters, digits, '_' and '-'",
            "language": f"{source}: language must be one of {', '.join(LANGUAGES)}",
            "voice": f"{source}: 'voice' must be a string: espeak, none or recorded:FOLDER",
            "function": f"{source}: 'function' (the lesson's function of x) is required",
            "terms": f"{source}: [terms] must be a table"}[field]


def parse_lesson(data: dict, source: str, contents: Contents) -> LessonConfig:
    """The lesson in a parsed TOML table; `contents` (the table of contents, sections.SECTIONS) types each
    section's table."""
    try:
        file = msgspec.convert(data, LessonFile)
    except msgspec.ValidationError as error:
        raise ConfigError(lesson_problem(source, mistake(error))) from None
    slugs = [slug for slug, _ in contents]
    unknown = set(file.sections) - set(slugs)
    if unknown:
        raise ConfigError(f"{source}: unknown section '{sorted(unknown)[0]}': choose from {', '.join(slugs)}")
    keys = {section: keys_of(cls) for section, cls in contents}
    params = []
    for section, cls in contents:
        others = {other: names for other, names in keys.items() if other != section}
        params.append((section, parse_params(cls, file.sections.get(section, {}), f"{source}: [sections.{section}]",
                                             others)))
    surface = None if file.surface is None else SurfaceInput(file.surface.function, file.surface.domain)
    return LessonConfig(slug=file.lesson, language=file.language, function=file.function, domain=file.domain,
                        params=tuple(params), source=source, voice=file.voice, terms=parse_terms(file.terms, source),
                        surface=surface)


def parse_terms(data: dict, source: str) -> Terms:
    """The `[terms]` table: each key one of its few choices, said in one line otherwise."""
    try:
        return msgspec.convert(data, Terms)
    except msgspec.ValidationError as error:
        raise ConfigError(terms_problem(source, mistake(error))) from None


def terms_problem(source: str, found: Mistake) -> str:
    if found.kind == "unknown":
        return f"{source}: [terms]: unknown key '{found.name}': choose from extrema, slope"
    choices = {"extrema": '"non-strict" or "strict"', "slope": '"độ dốc" or "hệ số góc"'}
    name = str(found.path[0]) if found.path else ""
    return f"{source}: [terms]: {name} must be {choices.get(name, 'one of its choices')}"


def load_lesson(path: str | Path | None, contents: Contents) -> LessonConfig:
    """The lesson in `path`, or the embedded default lesson (sections.load_lesson gives the contents)."""
    path = Path(path) if path is not None else DEFAULT_LESSON
    raw = read_small_file(path, MAX_CONFIG_BYTES, "lesson file")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a BOM (Windows editors) is not TOML, but harmless
    except UnicodeDecodeError as problem:
        raise ConfigError(f"{path}: the lesson file is not UTF-8 (byte {problem.start})") from None
    try:
        data = tomllib.loads(text)
    except ValueError as problem:  # TOMLDecodeError, or an integer of more than 4300 digits
        raise ConfigError(f"{path}: invalid TOML: {str(problem).split(';')[0]}") from None
    return replace(parse_lesson(data, str(path.name if path == DEFAULT_LESSON else path), contents),
                   file=str(path.resolve()))


def read_small_file(path: Path, limit: int, what: str, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Opened without blocking and checked on the open
    descriptor, so a FIFO, a device (/dev/zero) or a file swapped in after a check is refused, never read
    until memory runs out or waited on forever. `follow_symlinks=False` refuses a symbolic link too (a file
    this tool writes and reads back is never one)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        if path.is_symlink():
            raise ConfigError(f"{path}: a symbolic link, not a regular file")
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such {what}") from None
    except OSError as problem:
        raise ConfigError(f"{path}: cannot open the {what} ({problem.strerror or type(problem).__name__})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError(f"{path}: not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            raw = stream.read(limit + 1)
    except OSError as problem:
        raise ConfigError(f"{path}: cannot read the {what} ({problem.strerror or type(problem).__name__})") from None
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise ConfigError(f"{path}: the {what} is larger than {limit // 1000} kB")
    return raw


def argument_text(text: str | None) -> str | None:
    """A command-line expression as the user typed it. Under a locale that is not UTF-8 (LC_ALL=POSIX)
    Python hands over the bytes of `x² − 1` as lone surrogates; they are UTF-8, so decode them as such
    (anything else becomes U+FFFD, which the parser names as an unexpected character)."""
    if text is None or not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _readable_number(value: float) -> str:
    """A domain bound for a folder name: its sign kept, no '+' or padding in the exponent, 'p' for the
    point (`-1e6` -> `-1e6`, `1e-06` -> `1e-6`, `0.5` -> `0p5`)."""
    text = re.sub(r"e([+-])0*(?=\d)", lambda m: "e" + m.group(1).replace("+", ""), f"{value:g}")
    return text.replace(".", "p")


def override_name(slug: str, function: str | None, domain: tuple[float, float] | None) -> str:
    """The output folder of a lesson tried with another function: `<lesson>--<readable>-<hash>`, at most
    MAX_LESSON_NAME characters, never the lesson's own folder. The readable part is the function's letters
    and digits, then `on-<A>-<B>` (`--domain -1e6 1e6`: `on--1e6-1e6`)."""
    identity = f"{function}|{None if domain is None else [float(v) for v in domain]}"
    digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    parts = [re.sub(r"[^A-Za-z0-9]+", "-", function or "").strip("-")]
    if domain is not None:
        parts.append("on-" + "-".join(_readable_number(float(v)) for v in domain))
    readable = "-".join(part for part in parts if part)[:40].strip("-") or "domain"
    return f"{slug[:MAX_LESSON_NAME - len(readable) - 12]}--{readable}-{digest}"


def with_name(lesson: LessonConfig, name: str | None) -> LessonConfig:
    """`--name`: the lesson's folder (and manifest) name instead of the one its file or function gives."""
    if name is None:
        return lesson
    if not _SLUG.fullmatch(name) or len(name) > MAX_LESSON_NAME:
        raise ConfigError(f"name {name!r}: a lesson folder name has 1 to {MAX_LESSON_NAME} letters, digits, "
                          "'_' and '-'")
    return replace(lesson, slug=name)


def with_overrides(lesson: LessonConfig, function: str | None = None,
                   domain: tuple[float, float] | None = None, language: str | None = None) -> LessonConfig:
    """The command line's --function/--domain (the lesson's function) and --lang, applied to a lesson.

    A lesson with another function is another lesson: it gets its own output folder name."""
    if language is not None:
        if language not in LANGUAGES:
            raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}")
        lesson = replace(lesson, language=language)
    function = argument_text(function)
    if function is None and domain is None:
        return lesson
    return replace(lesson, slug=override_name(lesson.slug, function, domain),
                   function=function if function is not None else lesson.function,
                   domain=tuple(domain) if domain is not None else lesson.domain, function_given=True)


def with_surface(lesson: LessonConfig, function: str | None, box: tuple[float, float, float, float] | None
                 ) -> LessonConfig:
    """--surface EXPR --surface-domain A B C D: the lesson's f(x, y) (both, or the lesson file's other half). A
    lesson with another surface is another lesson: its own output folder name."""
    if function is None and box is None:
        return lesson
    if lesson.surface is None and (function is None or box is None):
        raise ConfigError("--surface and --surface-domain go together (the lesson has no [surface] to complete)")
    function = argument_text(function) if function is not None else lesson.surface.function
    if box is not None and len(box) != 4:
        raise ConfigError("--surface-domain takes four numbers: A B C D, the box [A, B] × [C, D]")
    pairs = ((float(box[0]), float(box[1])), (float(box[2]), float(box[3]))) if box is not None else lesson.surface.box
    return replace(lesson, slug=override_name(lesson.slug, f"surface {function}", pairs[0] + pairs[1]),
                   surface=SurfaceInput(function, pairs))
