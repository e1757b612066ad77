"""A batch file: the variants of `render.py batch FILE`, read and checked whole before anything renders.

TOML (the full form) — an optional `[defaults]` table and one `[[variant]]` table per lesson:

    [defaults]
    quality = "low"

    [[variant]]
    function = "x**3 - 3*x"
    domain = [-2.5, 2.5]
    name = "bai-01"          # optional: the lesson folder's name (render.py --name)
    surface = { function = "x^2 - y^2", domain = [[-1, 1], [-1, 1]] }   # optional: the lesson's [surface]

CSV (a shorthand) — a header row naming the columns, `function`, `start` and `end` required, any of the
other keys as further columns (a surface as two: `surface`, its f(x, y), and `surface_domain`, its box as four
numbers A B C D separated by spaces). A syntax or shape error anywhere refuses the whole batch with one line that
names the entry; what the analysis says of a variant's function is the variant's own outcome (the others
still render).

A batch file is data, mailed from colleague to colleague, as a lesson file is: it must not run a program.
So a `command:` voice in it (a variant, `[defaults]` or a CSV column) is refused, unless the command line
trusts that engine by name (`--trust-voice-command PROGRAM`); `--voice command:…` is the command line's own.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
import shutil
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from lessons.config import LANGUAGES, SurfaceInput, read_small_file
from lessons.typed import FINITE, mistake
from mathcore.errors import LessonInputError
from sections import ALL_SLUGS

from ..manifest import Language, Slug
from ..qualities import QUALITIES
from ..voice import engine_of, parse_voice

MAX_BATCH_BYTES = 1_000_000
MAX_VARIANTS = 1000
KEYS = ("function", "domain", "lang", "quality", "voice", "config", "name", "sections", "surface")  # as messages
NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")


class BatchFileError(LessonInputError):
    """The batch file cannot be read, or one of its entries has the wrong shape."""


Quality = Literal[tuple(QUALITIES)]  # type: ignore[valid-type]
Number = Annotated[float, FINITE]


class Options(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What `[defaults]` may set for every variant, and a variant for itself."""

    lang: Language | None = None
    quality: Quality | None = None
    voice: str | None = None  # a voice spec (`render.py --voice`); an engine that runs a program needs trust
    config: Annotated[str, msgspec.Meta(pattern=r"\S")] | None = None  # a lesson TOML file, beside the batch file
    sections: list[Slug] = []  # only these sections (default: all)


class SurfaceTable(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A variant's f(x, y) on its box, the lesson file's `[surface]`: `surface = { function = "x^2 - y^2", domain =
    [[a, b], [c, d]] }` (adds the section saddle_points, as `render.py --surface EXPR --surface-domain A B C D`)."""

    function: Annotated[str, msgspec.Meta(pattern=r"\S")]
    domain: tuple[tuple[Number, Number], tuple[Number, Number]]


class Entry(Options, frozen=True, kw_only=True):
    """One `[[variant]]` table (or CSV row): a lesson, as `render.py --function F --domain A B …` renders it."""

    function: Annotated[str, msgspec.Meta(pattern=r"\S")]
    domain: tuple[Number, Number]
    name: Annotated[str, msgspec.Meta(pattern=f"^{NAME.pattern}$")] | None = None  # the lesson folder's name
    surface: SurfaceTable | None = None  # the lesson's f(x, y): None, the lesson file's (if any)


class BatchFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A batch file in TOML: `[defaults]` and one `[[variant]]` table per lesson. Its JSON Schema is published
    in the docs (docs/reference/batch-file.schema.json)."""

    defaults: Options = Options()
    variant: list[Entry] = []


@dataclass(frozen=True)
class Variant:
    """One lesson of the batch, as `render.py --function F --domain A B --lang L …` would render it; None is
    the lesson file's (or render.py's) default."""

    number: int  # the entry's place in the file, from 1
    function: str | None = None
    domain: tuple[float, float] | None = None
    language: str | None = None
    quality: str | None = None
    voice: str | None = None
    config: str | None = None  # a lesson TOML file, relative to the batch file's folder
    name: str | None = None
    sections: tuple[str, ...] = ()
    surface: SurfaceInput | None = None  # f(x, y) on its box; None: the lesson file's [surface], if it has one

    @property
    def label(self) -> str:
        """How lines on the terminal name the variant: a control character in its function (an ESC sequence
        that would recolour the terminal) is shown escaped, as render.py's errors show it."""
        return shown(self.name or self.function or f"entry {self.number}")


def shown(text: str) -> str:
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


@dataclass(frozen=True)
class Batch:
    source: str
    variants: tuple[Variant, ...]


def json_schema() -> dict:
    """The TOML batch file's JSON Schema, from its model (published as docs/reference/batch-file.schema.json;
    a CSV file is the same variants as rows)."""
    return msgspec.json.schema(BatchFile)


def read_batch(path: str | Path, trusted_engine: str | None = None) -> Batch:
    """The batch file's variants; `trusted_engine` is the one program a `command:` voice in it may run."""
    path = Path(path)
    raw = read_small_file(path, MAX_BATCH_BYTES, "batch file")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as problem:
        raise BatchFileError(f"{path}: the batch file is not UTF-8 (byte {problem.start})") from None
    entries = csv_entries(path, text) if path.suffix.lower() == ".csv" else toml_entries(path, text)
    if not entries:
        raise BatchFileError(f"{path}: no variant: add a [[variant]] table with a function and a domain")
    if len(entries) > MAX_VARIANTS:
        raise BatchFileError(f"{path}: {len(entries)} variants; a batch holds at most {MAX_VARIANTS}")
    variants = tuple(variant(path, number, entry, trusted_engine) for number, entry in enumerate(entries, start=1))
    seen: dict[Variant, int] = {}
    for v in variants:
        same = seen.setdefault(_without_number(v), v.number)
        if same != v.number:
            raise BatchFileError(f"{path}: entry {v.number} repeats entry {same}")
    return Batch(source=str(path), variants=variants)


def _without_number(v: Variant) -> Variant:
    return replace(v, number=0)


def toml_entries(path: Path, text: str) -> list[dict]:
    try:
        data = tomllib.loads(text)
    except ValueError as problem:  # TOMLDecodeError, or an integer of more than 4300 digits
        message = str(problem).split(";")[0]
        raise BatchFileError(f"{path}: {_entry_at(text, message)}invalid TOML: {message}") from None
    unknown = sorted(set(data) - set(BatchFile.__struct_fields__))
    if unknown:
        raise BatchFileError(f"{path}: unknown key '{unknown[0]}' (a batch file has [defaults] and [[variant]] "
                             "tables)")
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise BatchFileError(f"{path}: defaults must be a table ([defaults])")
    for key in sorted(defaults):
        if key not in Options.__struct_fields__:
            raise BatchFileError(f"{path}: defaults: unknown key '{key}' (defaults may set "
                                 f"{', '.join(Options.__struct_fields__)})")
    variants = data.get("variant", [])
    if not isinstance(variants, list) or not all(isinstance(v, dict) for v in variants):
        raise BatchFileError(f"{path}: variant must be tables ([[variant]])")
    return [{**defaults, **entry} for entry in variants]


def _entry_at(text: str, message: str) -> str:
    """'entry N: ' for a TOML error inside the N-th [[variant]] table (its line is in tomllib's message)."""
    found = re.search(r"line (\d+)", message)
    if not found:
        return ""
    before = text.splitlines()[: int(found.group(1))]
    count = sum(1 for line in before if re.match(r"\s*\[\[\s*variant\s*\]\]", line))
    return f"entry {count}: " if count else ""


def csv_entries(path: Path, text: str) -> list[dict]:
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as problem:  # a cell longer than the csv module's limit (131,072 characters), a stray NUL
        raise BatchFileError(f"{path}: line {reader.line_num}: not CSV ({problem})") from None
    rows = [row for row in rows if any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#")]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    allowed = {"function", "start", "end", "surface_domain", *KEYS} - {"domain"}
    for place, column in enumerate(header):
        if column not in allowed:
            raise BatchFileError(f"{path}: unknown column '{shown(column)}' (columns: function, start, end, lang, "
                                 "quality, voice, config, name, sections, surface, surface_domain)")
        if column in header[:place]:
            raise BatchFileError(f"{path}: the header row names the column '{column}' twice")
    for needed in ("function", "start", "end"):
        if needed not in header:
            raise BatchFileError(f"{path}: the header row has no '{needed}' column")
    entries = []
    for number, row in enumerate(rows[1:], start=1):
        if len(row) != len(header):
            raise BatchFileError(f"{path}: entry {number}: {len(row)} cells, the header has {len(header)}")
        cells = {column: cell.strip() for column, cell in zip(header, row) if cell.strip()}
        entry: dict = {key: value for key, value in cells.items()
                       if key not in ("start", "end", "sections", "surface", "surface_domain")}
        entry["domain"] = [_csv_number(path, number, cells.get(end, ""), end) for end in ("start", "end")]
        if "sections" in cells:
            entry["sections"] = cells["sections"].split()
        if "surface" in cells or "surface_domain" in cells:
            entry["surface"] = _csv_surface(path, number, cells.get("surface", ""), cells.get("surface_domain", ""))
        entries.append(entry)
    return entries


def _csv_number(path: Path, number: int, text: str, column: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise BatchFileError(f"{path}: entry {number}: {column} must be a number, not {text!r}") from None


def _csv_surface(path: Path, number: int, function: str, box: str) -> dict:
    """The `surface` and `surface_domain` cells: f(x, y) and its box A B C D, both or neither."""
    corners = box.split()
    if not function or len(corners) != 4:
        raise BatchFileError(f"{path}: entry {number}: a surface needs both cells: surface (f of x and y) and "
                             "surface_domain (four numbers A B C D, separated by spaces)")
    a, b, c, d = (_csv_number(path, number, corner, "surface_domain") for corner in corners)
    return {"function": function, "domain": [[a, b], [c, d]]}


WORDS = {"function": "function must be an expression in quotes, e.g. function = \"x**3 - 3*x\"",
         "domain": "domain must be two numbers, e.g. domain = [-2, 2]",
         "lang": f"lang must be one of {', '.join(LANGUAGES)}",
         "quality": f"quality must be one of {', '.join(QUALITIES)}",
         "config": "config must be the path of a lesson TOML file",
         "name": "name must be a lesson folder name: 1 to 100 letters, digits, '_' and '-'",
         "sections": f"sections must be a list of section slugs: {', '.join(ALL_SLUGS)}",
         "surface": "surface must be a table of f(x, y) and its box, e.g. surface = { function = \"x^2 - y^2\", "
                    "domain = [[-1, 1], [-1, 1]] }"}


def variant(path: Path, number: int, entry: dict, trusted_engine: str | None = None) -> Variant:
    where = f"{path}: entry {number}"

    def fail(what: str):
        raise BatchFileError(f"{where}: {what}")
    try:
        typed = msgspec.convert(entry, Entry)
    except msgspec.ValidationError as error:
        found = mistake(error)
        if found.kind == "unknown" and found.path[:1] == ("surface",):
            fail(f"surface: unknown key '{found.name}' (a surface has function and domain)")
        if found.kind == "unknown":
            fail(f"unknown key '{found.name}' (keys: {', '.join(KEYS)})")
        if found.path and found.path[0] == "voice":
            typed = None  # parse_voice says what a voice must be
        else:
            fail(WORDS[found.path[0]])
    voice = entry.get("voice")
    if voice is not None:
        try:
            spec = parse_voice(voice)
        except LessonInputError as problem:
            fail(str(problem).replace("--voice", "voice", 1))
        program = engine_of(spec).program()
        if program is not None and not _trusted(program, trusted_engine):
            fail(f"voice {spec.kind}:… is refused in a batch file (a data file must not run a program); pass the "
                 f"voice with --voice, or trust its program with --trust-voice-command {shlex.quote(shown(program))}")
    config = typed.config
    if config is not None:
        resolved = (path.parent / config)
        if not resolved.is_file():
            fail(f"config {config!r}: no such lesson file (next to the batch file: {resolved})")
        config = str(resolved)
    surface = None
    if typed.surface is not None:
        (a, b), (c, d) = box = typed.surface.domain
        if not (a < b and c < d):
            fail(f"surface: domain [[{a:g}, {b:g}], [{c:g}, {d:g}]] must be [[a, b], [c, d]] with a < b and c < d")
        surface = SurfaceInput(typed.surface.function, box)
    return Variant(number=number, function=typed.function, domain=typed.domain, language=typed.lang,
                   quality=typed.quality, voice=typed.voice, config=config, name=typed.name,
                   sections=tuple(dict.fromkeys(typed.sections)), surface=surface)


def _trusted(program: str, engine: str | None) -> bool:
    """The voice's program is the one the command line names (the same file, however each spells it)."""
    if engine is None:
        return False
    found = shutil.which(program)
    return found is not None and found == shutil.which(engine)
