"""Text on screen: plain lines, wrapped paragraphs and Typst math, numbers written as mathcore computed
them (exact when short), and the section title. Every string is the caller's (the catalog's, NFC)."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from manim import MathTypst, Typst, config
from manim.constants import SCALE_FACTOR_PER_FONT_POINT

from lessons import numbers, subtitles
from lessons.formulas import MAX_EXACT, shown_exactly, to_typst

from . import theme

__all__ = ["escape_markup", "lighten", "label", "paragraph", "formula", "MAX_EXACT", "number_text", "relation_text",
           "backed", "section_title", "em_height", "least_em"]


_MARKUP_SPECIALS = re.compile(r"([\\#$*_@<>`\[\]~=+\-/])")


def escape_markup(text: str) -> str:
    """Plain text for Typst markup: characters that would start markup (#, $, *, _, <, =, …) escaped."""
    return _MARKUP_SPECIALS.sub(r"\\\1", text)


_PRIMED = re.compile(r"(?<![\w$])([A-Za-zσ])′(\([a-z][₀-₉]*\))?")


_SUBSCRIPTED = re.compile(r"\b(min|max)\\_(\\\[[^\]]*?\\\])")


def subscripts(markup: str) -> str:
    """Escaped markup with the textbook's min_[a; b] and max_[a; b] set with the interval as a subscript, which
    a line never breaks."""
    return _SUBSCRIPTED.sub(lambda m: f"{m[1]}#sub(size: 0.75em)[{m[2].replace(' ', '~')}]", markup)


def math_primes(markup: str) -> str:
    """Escaped markup with every primed name (f′, f′(x), σ′(z), L′) as inline Typst math: the body font has
    no prime of its own, so Typst falls back to one that sets "f ’" and "σ´"."""
    return _PRIMED.sub(lambda m: f"${m[1]}'{m[2] or ''}$", markup)


def lighten(mobject):
    """Drop what a Typst mobject keeps only for building itself (parsed SVG paths, the label index):
    every animation deep-copies its mobjects, and those made copying text cost more than drawing it."""
    for part in mobject.get_family():
        if getattr(part, "path_obj", None) is not None:
            part.path_obj = None
        if getattr(part, "id_to_vgroup_dict", None):
            part.id_to_vgroup_dict = {}
    return mobject


def label(text: str, size: float = theme.BODY_SIZE, color: str = theme.TEXT, weight: str | None = None) -> Typst:
    """A line of plain text (Vietnamese safe: the caller's string is NFC from the catalog)."""
    body = subscripts(math_primes(escape_markup(text)))
    if weight == "bold":
        body = f"*{body}*"
    return lighten(Typst(body, font_size=size, color=color))


@cache
def _units_per_pt(size: float) -> float:
    probe = Typst("#box(width: 100pt, height: 4pt, fill: black)", font_size=size)
    return probe.width / 100


def paragraph(text: str, width: float, size: float = theme.BODY_SIZE, color: str = theme.TEXT,
              math: dict[str, str] | None = None) -> Typst:
    """Text wrapped to `width` scene units, never inside a word or beside a relation (the caption rules);
    `{name}` slots are filled with Typst math from `math`."""
    body = subscripts(math_primes(escape_markup(subtitles.bind_unbreakable(text))))
    for name, source in (math or {}).items():
        body = body.replace(escape_markup("{" + name + "}"), f"${source}$")
    points = width / _units_per_pt(size)
    return lighten(Typst(f"#block(width: {points:.1f}pt)[{body}]", font_size=size, color=color))


def formula(source: str, size: float = theme.BODY_SIZE, color: str = theme.TEXT) -> MathTypst:
    return lighten(MathTypst(source, font_size=size, color=color))


@cache
def _em_per_point() -> float:
    """Scene units of one em per point of `font_size` (Typst's em, whatever the letters)."""
    return Typst("#box(width: 1em, height: 1em, fill: black)", font_size=48).height / 48


def em_height(text: Typst) -> float:
    """The em of `text` as drawn, in scene units: its glyphs' height now against their height when Typst set
    them at their font size (a background patch added later does not count)."""
    background = getattr(text, "background_rectangle", None)
    skip = {id(m) for m in background.get_family()} if background is not None else set()
    ys = [m.points[:, 1] for m in text.family_members_with_points() if id(m) not in skip]
    if not ys or not text.initial_height:
        return float("inf")
    height = float(np.ptp(np.concatenate(ys)))
    return height / text.initial_height / SCALE_FACTOR_PER_FONT_POINT * _em_per_point()


def least_em(text: Typst) -> float:
    """The least em `text` may have, in scene units: body text or a small annotation, by its set size."""
    return (theme.BODY_EM if text._font_size >= theme.LABEL_SIZE else theme.SMALL_EM) * config.frame_height


def number_text(value: float, language: str, exact=None, room: int = MAX_EXACT) -> str:
    """Typst math for a number mathcore computed: its exact form when known and short (the rule captions and
    the voice follow too, lessons.formulas.shown_exactly), else a decimal."""
    if shown_exactly(exact, room):
        return to_typst(exact)
    return numbers.typst(value, language)


def relation_text(value: float, language: str, exact=None, room: int = MAX_EXACT,
                  digits: int = numbers.SIGNIFICANT) -> str:
    """'= <exact or decimal>' or 'approx <decimal>' when the decimal rounds the value."""
    if shown_exactly(exact, room):
        return f"= {to_typst(exact)}"
    return f"{'approx' if numbers.approximate(value, digits) else '='} {numbers.typst(value, language, digits)}"


def backed(mobject, opacity: float = 0.85):
    """A label with a patch of background behind it, so axes and ticks under it do not show through."""
    mobject.add_background_rectangle(color=theme.BACKGROUND, opacity=opacity, buff=0.04)
    return mobject


def section_title(text: str) -> Typst:
    """The section's title, at the top; marked, so the beat check knows a frame that shows only it."""
    title = label(text, theme.TITLE_SIZE, theme.TEXT, weight="bold")
    title.move_to([0, theme.TITLE_Y, 0])
    title.is_title = True
    return title
