"""Typed section parameters read from a lesson TOML table: one msgspec Struct per section on a shared base.

A section's parameters are its `Params`, a subclass of `SectionParams` (frozen, and refusing any key it does
not declare, naming the section it belongs to when it belongs to another); msgspec reads the table into it,
and `parse_params` says what is wrong on one line naming the file, the table and the key.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from mathcore.errors import LessonInputError

from .typed import FINITE, Mistake, mistake, type_at, value_at

MAX_LIST_ITEMS = 10  # no list of a lesson file needs more; a huge one would only cost time and memory
Finite = Annotated[float, FINITE]
Numbers = Annotated[tuple[Finite, ...], msgspec.Meta(min_length=1, max_length=MAX_LIST_ITEMS)]
WholeNumbers = Annotated[tuple[int, ...], msgspec.Meta(min_length=1, max_length=MAX_LIST_ITEMS)]


class ConfigError(LessonInputError):
    """The lesson file is unreadable, malformed, or has a key or value that cannot be used."""


class SectionParams(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Keys every section takes. `function`/`domain` set here are the teacher's explicit choice for this
    section: it must show the section's idea with them, or the lesson is refused. A section's own `Params`
    subclass this and declare their keys as typed fields (a number is `Finite`, a list `Numbers`); a check
    of their values goes in `__post_init__`, raising ConfigError."""

    function: str | None = None
    domain: tuple[float, float] | None = None


class Material(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A section's own function, drawn when the lesson's function cannot show the section's idea.

    `lesson_material = true`: the lesson teaches the idea on this function (the default lesson teaches
    plateaus on a saturated sigmoid neuron's loss): while the lesson's function is the lesson file's own, the
    section draws it as its material, introduced in the lesson's words, with no substitution note and no
    warning. A function given on the command line (--function/--domain) is tried first, as for any fallback."""

    function: str
    domain: tuple[float, float]
    lesson_material: bool = False


def keys_of(cls: type) -> set[str]:
    return set(cls.__struct_fields__)


def parse_params(cls: type, table: dict, where: str, elsewhere: dict[str, set[str]] | None = None) -> Any:
    """An instance of the Struct `cls` from a TOML table; unknown keys are errors (naming the section of
    `elsewhere`, {slug: its keys}, that has the key)."""
    try:
        return msgspec.convert(table, cls)
    except msgspec.ValidationError as error:
        raise ConfigError(params_problem(cls, table, mistake(error), where, elsewhere or {})) from None


WORDS = {"str": "must be a string", "bool": "must be true or false", "int": "must be a whole number",
         "float": "must be a finite number", "object": "must be a table"}


def params_problem(cls: type, table: dict, found: Mistake, where: str, elsewhere: dict[str, set[str]]) -> str:
    """The one line a lesson file's section table gets for `found` (the words this project has always used)."""
    tables = [part for part in found.path[:-1] if isinstance(part, str)]  # a nested table: `fallback`
    here = " ".join([where, *tables])
    if found.kind == "unknown":
        here = " ".join([where, *[part for part in found.path if isinstance(part, str)]])
        owner = next((slug for slug, keys in elsewhere.items() if found.name in keys), None) if not found.path \
            else None
        hint = f" (it belongs to [sections.{owner}])" if owner else ""
        return f"{here}: unknown key '{found.name}'{hint}"
    if found.kind == "missing":
        return f"{here}: '{found.name}' is required"
    if found.kind == "check":  # a Struct's own check of its values (__post_init__), at the table it checks
        return " ".join([where, *[part for part in found.path if isinstance(part, str)], found.detail])
    named = [part for part in found.path if isinstance(part, str)]
    field = " ".join([where, *named])
    item = isinstance(found.path[-1], int) if found.path else False
    kind = type_at(cls, found.path[:-1] if item else found.path)
    if isinstance(kind, msgspec.inspect.TupleType):  # a domain: two numbers
        if found.kind == "range":
            return f"{field}: domain must be a finite number, not one this large"
        return f"{field}: domain must be two numbers, like [-2, 3]"
    if item:
        return f"{field} item {WORDS.get(found.name, 'is not a number')}" if found.kind == "type" \
            else f"{field} item must be a finite number, not one this large"
    if isinstance(kind, msgspec.inspect.VarTupleType):
        items = value_at(table, found.path)
        if isinstance(items, list) and len(items) > MAX_LIST_ITEMS:
            return f"{field} has {len(items)} items; at most {MAX_LIST_ITEMS} are allowed"
        return f"{field} must be a non-empty list of numbers"
    if found.kind == "range":
        return f"{field} must be a finite number, not one this large"
    return f"{field} {WORDS.get(found.name, 'is not what it must be')}"


def explicit(params: SectionParams, main: tuple[str, tuple[float, float]]) -> tuple[str, tuple[float, float]] | None:
    """The section's own explicit function and domain, or None when it follows the lesson's function."""
    if params.function is None and params.domain is None:
        return None
    return params.function or main[0], params.domain or main[1]
