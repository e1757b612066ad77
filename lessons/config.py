"""Lesson configs (TOML): which function each section shows, on which domain, with which parameters.

The embedded default lives next to this file; a teacher's own file has the same shape. Every mistake is a
`ConfigError` naming the file and the key, raised before anything renders.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from mathcore.errors import LessonInputError

SECTION_SLUGS = ("critical_points", "minima_vs_maxima", "plateaus", "gradient_descent", "conclusion")
LANGUAGES = ("vi", "en")
DEFAULT_LESSON = Path(__file__).with_name("aero_llm_14_derivatives_find_minima.toml")


class ConfigError(LessonInputError):
    """The lesson file is unreadable, malformed, or has a key or value that cannot be used."""


@dataclass(frozen=True)
class SectionConfig:
    slug: str
    number: int
    function: str
    domain: tuple[float, float]
    counterexample: str = "x^3"
    counterexample_domain: tuple[float, float] = (-1.5, 1.5)
    start: float | None = None
    contrast_start: float | None = None
    lr: float = 0.1
    steps: int = 200
    sigmoid_depths: tuple[int, ...] = (1, 2, 5, 10)
    start_left: float | None = None
    start_right: float | None = None
    learning_rates: tuple[float, ...] = ()
    escape_optimizer: str = "adam"
    escape_lr: float = 0.1

    @property
    def stem(self) -> str:
        """File name stem of this section's outputs: 01_critical_points."""
        return f"{self.number:02d}_{self.slug}"


@dataclass(frozen=True)
class LessonConfig:
    slug: str
    language: str
    sections: tuple[SectionConfig, ...]
    source: str

    def section(self, slug: str) -> SectionConfig:
        for section in self.sections:
            if section.slug == slug:
                return section
        raise ConfigError(f"unknown section '{slug}': choose from {', '.join(SECTION_SLUGS)}")


_SECTION_KEYS = {f.name for f in fields(SectionConfig)} - {"slug", "number"}
_TOP_KEYS = {"lesson", "language", "function", "domain", "sections"}


def _domain(value: Any, where: str) -> tuple[float, float]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise ConfigError(f"{where}: domain must be two numbers, like [-2, 3]")
    return float(value[0]), float(value[1])


def _number(value: Any, where: str, integer: bool = False) -> float | int:
    ok = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok or (isinstance(value, float) and not math.isfinite(value)):
        raise ConfigError(f"{where} must be {'a whole number' if integer else 'a finite number'}")
    return value if integer else float(value)


def _numbers(value: Any, where: str, integer: bool = False) -> tuple:
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{where} must be a non-empty list of numbers")
    return tuple(_number(v, f"{where} item", integer) for v in value)


def _section(slug: str, number: int, table: dict, base_function: str, base_domain: tuple[float, float],
             source: str) -> SectionConfig:
    where = f"{source}: [sections.{slug}]"
    unknown = set(table) - _SECTION_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key '{sorted(unknown)[0]}'")
    values: dict[str, Any] = {"slug": slug, "number": number, "function": base_function, "domain": base_domain}
    for key, value in table.items():
        at = f"{where} {key}"
        if key in ("function", "counterexample", "escape_optimizer"):
            if not isinstance(value, str):
                raise ConfigError(f"{at} must be a string")
            values[key] = value
        elif key in ("domain", "counterexample_domain"):
            values[key] = _domain(value, at)
        elif key == "steps":
            values[key] = _number(value, at, integer=True)
        elif key == "sigmoid_depths":
            values[key] = _numbers(value, at, integer=True)
        elif key == "learning_rates":
            values[key] = _numbers(value, at)
        else:
            values[key] = _number(value, at)
    return SectionConfig(**values)


def parse_lesson(data: dict, source: str) -> LessonConfig:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown key '{sorted(unknown)[0]}'")
    slug = data.get("lesson")
    if not isinstance(slug, str) or not slug or not slug.replace("_", "").replace("-", "").isalnum():
        raise ConfigError(f"{source}: 'lesson' must be a slug of letters, digits, '_' and '-'")
    language = data.get("language", "vi")
    if language not in LANGUAGES:
        raise ConfigError(f"{source}: language must be one of {', '.join(LANGUAGES)}")
    function = data.get("function")
    if not isinstance(function, str):
        raise ConfigError(f"{source}: 'function' (the lesson's function of x) is required")
    domain = _domain(data.get("domain"), f"{source}: top-level")
    sections_table = data.get("sections", {})
    if not isinstance(sections_table, dict):
        raise ConfigError(f"{source}: [sections] must be a table")
    unknown = set(sections_table) - set(SECTION_SLUGS)
    if unknown:
        raise ConfigError(f"{source}: unknown section '{sorted(unknown)[0]}': "
                          f"choose from {', '.join(SECTION_SLUGS)}")
    sections = []
    for number, section_slug in enumerate(SECTION_SLUGS, start=1):
        table = sections_table.get(section_slug, {})
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: [sections.{section_slug}] must be a table")
        sections.append(_section(section_slug, number, table, function, domain, source))
    return LessonConfig(slug=slug, language=language, sections=tuple(sections), source=source)


def load_lesson(path: str | Path | None = None) -> LessonConfig:
    """The lesson in `path`, or the embedded default lesson."""
    path = Path(path) if path is not None else DEFAULT_LESSON
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such lesson file") from None
    except (OSError, UnicodeDecodeError) as problem:
        raise ConfigError(f"{path}: cannot read the lesson file ({problem.__class__.__name__})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise ConfigError(f"{path}: invalid TOML: {problem}") from None
    return parse_lesson(data, str(path.name if path == DEFAULT_LESSON else path))


def with_overrides(lesson: LessonConfig, function: str | None = None,
                   domain: tuple[float, float] | None = None, language: str | None = None) -> LessonConfig:
    """The command line's --function/--domain (for every section) and --lang, applied to a lesson."""
    if language is not None:
        if language not in LANGUAGES:
            raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}")
        lesson = replace(lesson, language=language)
    if function is None and domain is None:
        return lesson
    sections = tuple(replace(s, **({"function": function} if function is not None else {}),
                             **({"domain": tuple(domain)} if domain is not None else {}))
                     for s in lesson.sections)
    return replace(lesson, sections=sections)
