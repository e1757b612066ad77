"""Typed section parameters read from a lesson TOML table: one dataclass per section on a shared base.

A key the section's class does not have is an error (naming the section it belongs to, when it belongs to
another), so a misplaced key is never silently ignored.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from dataclasses import dataclass
from typing import Any

from mathcore.errors import LessonInputError

MAX_LIST_ITEMS = 10  # no list of a lesson file needs more; a huge one would only cost time and memory


class ConfigError(LessonInputError):
    """The lesson file is unreadable, malformed, or has a key or value that cannot be used."""


@dataclass(frozen=True)
class SectionParams:
    """Keys every section takes. `function`/`domain` set here are the teacher's explicit choice for this
    section: it must show the section's idea with them, or the lesson is refused."""

    function: str | None = None
    domain: tuple[float, float] | None = None


@dataclass(frozen=True)
class Material:
    """A section's own function, drawn when the lesson's function cannot show the section's idea.

    `lesson_material = true`: the lesson teaches the idea on this function (the default lesson teaches
    plateaus on a saturated sigmoid neuron's loss): while the lesson's function is the lesson file's own, the
    section draws it as its material, introduced in the lesson's words, with no substitution note and no
    warning. A function given on the command line (--function/--domain) is tried first, as for any fallback."""

    function: str
    domain: tuple[float, float]
    lesson_material: bool = False


def domain_value(value: Any, where: str) -> tuple[float, float]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise ConfigError(f"{where}: domain must be two numbers, like [-2, 3]")
    return _float(value[0], f"{where}: domain"), _float(value[1], f"{where}: domain")


def _float(value: int | float, where: str) -> float:
    """A TOML number as a float: an integer too large for one (10^400) is refused, not an OverflowError."""
    try:
        return float(value)
    except OverflowError:
        raise ConfigError(f"{where} must be a finite number, not one this large") from None


def _number(value: Any, where: str, integer: bool) -> float | int:
    ok = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok or (isinstance(value, float) and not math.isfinite(value)):
        raise ConfigError(f"{where} must be {'a whole number' if integer else 'a finite number'}")
    return value if integer else _float(value, where)


def _convert(kind: Any, value: Any, where: str) -> Any:
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a table")
        return parse_params(kind, value, where)
    if kind is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where} must be a string")
        return value
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false")
        return value
    if kind in (int, float):
        return _number(value, where, kind is int)
    if typing.get_origin(kind) is tuple:
        args = typing.get_args(kind)
        if args == (float, float):
            return domain_value(value, where)
        if not isinstance(value, list) or not value:
            raise ConfigError(f"{where} must be a non-empty list of numbers")
        if len(value) > MAX_LIST_ITEMS:
            raise ConfigError(f"{where} has {len(value)} items; at most {MAX_LIST_ITEMS} are allowed")
        return tuple(_number(v, f"{where} item", args[0] is int) for v in value)
    raise TypeError(f"unsupported parameter type {kind!r}")


def parse_params(cls: type, table: dict, where: str, elsewhere: dict[str, set[str]] | None = None) -> Any:
    """An instance of the dataclass `cls` from a TOML table; unknown keys are errors."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    for key in table:
        if key not in names:
            owner = next((slug for slug, keys in (elsewhere or {}).items() if key in keys), None)
            hint = f" (it belongs to [sections.{owner}])" if owner else ""
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in table:
            values[f.name] = _convert(hints[f.name], table[f.name], f"{where} {f.name}")
    missing = [f.name for f in dataclasses.fields(cls)
               if f.name not in values and f.default is dataclasses.MISSING]
    if missing:
        raise ConfigError(f"{where}: '{missing[0]}' is required")
    try:
        return cls(**values)
    except ConfigError as problem:  # a class's own check of its values (__post_init__)
        raise ConfigError(f"{where} {problem}") from None


def explicit(params: SectionParams, main: tuple[str, tuple[float, float]]) -> tuple[str, tuple[float, float]] | None:
    """The section's own explicit function and domain, or None when it follows the lesson's function."""
    if params.function is None and params.domain is None:
        return None
    return params.function or main[0], params.domain or main[1]
