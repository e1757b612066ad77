"""Live numbers: glyph outlines cached per size and set in place, and `name = value` read-outs kept in step
with a tracker (nothing rebuilt per frame)."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from manim import RIGHT, MathTypst, ValueTracker, VGroup, VMobject

from lessons import numbers
from lessons.catalog import SHARED

from . import theme
from .layout import TEXT, tag
from .text import formula, label

__all__ = ["GLYPHS", "GlyphNumber", "ValueReadout"]


GLYPHS = "0123456789.-+=<,"


@cache
def _glyph_templates(size: float) -> dict[str, tuple[np.ndarray, float]]:
    """Outline points of each glyph a number needs, relative to (its left edge, the baseline), and widths.

    One Typst compile per font size, ever: a live read-out then costs a few array copies per frame instead
    of DecimalNumber's deep copy of a whole SVG mobject per digit (most of a render's time otherwise).
    """
    source = " ".join('","' if ch == "," else ch for ch in GLYPHS)
    parts = MathTypst(source, font_size=size).family_members_with_points()
    if len(parts) != len(GLYPHS):
        raise RuntimeError(f"expected one outline per glyph of {GLYPHS!r}, got {len(parts)}")
    baseline = parts[GLYPHS.index("1")].get_bottom()[1]
    return {ch: (part.points - np.array([part.get_left()[0], baseline, 0.0]), part.width)
            for ch, part in zip(GLYPHS, parts)}


class GlyphNumber(VGroup):
    """A number drawn from cached glyph outlines, changed in place with `set_value` (no rebuild).

    With `relation`, the number starts with its relation to the value: `= 0,25`; with `bound` too (for a
    quantity that is never negative, like |f'|), a positive value too small for the decimals shown is
    written `< 0,001`, never a false `= 0,000`.

    The glyphs are a fixed pool made up front: a glyph a shorter number does not need is emptied, never
    removed, because manim keeps drawing the family it captured when an animation began (a removed glyph
    would stay on screen as a stale digit)."""

    POOL = 18

    def __init__(self, value: float = 0.0, decimals: int = 2, size: float = theme.BODY_SIZE,
                 color: str = theme.TEXT, language: str = "en", relation: bool = False, bound: bool = False) -> None:
        super().__init__()
        self.templates, self.decimals, self.colour = _glyph_templates(size), decimals, color
        self.mark = numbers.DECIMAL_MARK[language]
        self.relation, self.bound = relation, bound and relation
        self.gap = 0.0009 * size
        self.space = 0.009 * size
        self.anchor = VMobject(stroke_opacity=0, fill_opacity=0)
        self.anchor.set_points(np.zeros((4, 3)))
        self.add(self.anchor)
        for _ in range(self.POOL):
            self.add(VMobject(stroke_width=0, fill_color=color, fill_opacity=1))
        self.value = None
        tag(self, TEXT)
        self.set_value(value)

    def text_for(self, value: float) -> str:
        text = f"{value:.{self.decimals}f}"
        relation = "="
        if float(text) == 0:
            text = text.lstrip("-")
            if value > 0 and self.bound:
                relation, text = "<", f"{10.0 ** -self.decimals:.{self.decimals}f}"
        text = text.replace(".", self.mark)
        return ((relation if self.relation else "") + text)[:self.POOL]

    def set_value(self, value: float) -> GlyphNumber:
        text = self.text_for(value)
        if text == self.value:
            return self
        self.value = text
        origin = self.anchor.points[0]
        glyphs = self.submobjects[1:]
        x = 0.0
        for glyph, char in zip(glyphs, text):
            points, width = self.templates[char]
            glyph.set_points(points + origin + np.array([x, 0.0, 0.0]))
            x += width + (self.space if char in "=<" else self.gap)
        for glyph in glyphs[len(text):]:
            glyph.set_points(np.repeat(origin[None, :], 4, axis=0))
        return self


class ValueReadout(VGroup):
    """`name = value`, the value kept live from a callable of the tracker, updated in place (no rebuild).
    `name_source` is Typst math without the `=`: the number brings its own relation (`=`, or, with `bound`
    for a quantity never negative, `<` for a positive value below the last decimal shown).

    Where the value does not exist (`value_of` gives None or NaN: f' at a kink) the read-out says so in
    words instead of showing a number ("f'(x) không tồn tại")."""

    def __init__(self, name_source: str, tracker: ValueTracker, value_of, color_of=None, decimals: int = 2,
                 size: float = theme.BODY_SIZE, language: str = "en", bound: bool = False) -> None:
        super().__init__()
        self.label_mob = formula(name_source, size)
        self.number = GlyphNumber(0, decimals=decimals, size=size, color=theme.TEXT, language=language,
                                  relation=True, bound=bound)
        self.missing = label(SHARED.text("readout.undefined", language), size, theme.MUTED)
        self.add(self.label_mob, self.number, self.missing)
        self.value_of, self.color_of, self.tracker = value_of, color_of, tracker
        self._shown: tuple | None = None
        self._refresh()
        self.number.add_updater(lambda mob: self._refresh())

    def _refresh(self) -> None:
        value = self.value_of(self.tracker.get_value())
        exists = value is not None and math.isfinite(value)
        colour = self.color_of(value) if self.color_of is not None and exists else None
        if self._shown == self._inputs(value, exists, colour):
            return  # it would set what is already there (it runs every frame; most frames change nothing)
        self.number.set_value(value if exists else 0.0)
        self.number.next_to(self.label_mob, RIGHT, 0.15)
        self.missing.next_to(self.label_mob, RIGHT, 0.15)
        self.number.set_fill(opacity=1 if exists else 0)
        self.missing.set_opacity(0 if exists else 1)
        if colour is not None:
            self.number.set_color(colour)
        self._shown = self._inputs(value, exists, colour)

    def _inputs(self, value, exists: bool, colour) -> tuple:
        """What `_refresh` reads and sets: the text and colour to show, where the label is, where the number
        and the words are and their opacity (an animation of the panel may have moved or faded them)."""
        glyph, word = self.number.submobjects[1], self.missing.family_members_with_points()[0]
        return (self.number.text_for(value if exists else 0.0), exists, colour,
                tuple(self.label_mob.get_critical_point(RIGHT)), tuple(self.number.anchor.points[0]),
                tuple(word.points[0]), tuple(glyph.get_fill_rgbas()[0]), tuple(word.get_fill_rgbas()[0]),
                tuple(word.get_stroke_rgbas()[0]))
