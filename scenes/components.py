"""Reusable mobjects, one class per visual idea, used by every section that needs it.

Each takes mathcore data and exposes the few handles a scene animates. Nothing here computes maths: values
and slopes come from the analysis' `Function` evaluators; positions are precomputed and indexed by a
`ValueTracker`, so a skipped or cached render lands on exactly the frames of a full render. Nothing that
holds text is rebuilt per frame: numbers change through `GlyphNumber.set_value` (cached outlines) and
lines through `put_start_and_end_on`.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Axes, Circle, Dot, Line, MathTypst, Polygon,
                   Rectangle, Typst, ValueTracker, VGroup, VMobject)

from mathcore import Analysis, CriticalPoint
from lessons import catalog, numbers

from . import theme
from .layout import AXIS, LINE, MARKER, REGION, TEXT, TICK, Box, box_of, polyline_samples, safe_area, tag
from .placement import Obstacles, graph_obstacles, place_near
from .typst_math import to_typst

SPIKE_RATIO = 20  # a full range this many times the 5-95 % band is a spike, not the shape of f
_MARKUP_SPECIALS = re.compile(r"([\\#$*_@<>`\[\]~=+\-/])")


def escape_markup(text: str) -> str:
    """Plain text for Typst markup: characters that would start markup (#, $, *, _, <, =, …) escaped."""
    return _MARKUP_SPECIALS.sub(r"\\\1", text)


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
    body = escape_markup(text)
    if weight == "bold":
        body = f"*{body}*"
    return lighten(Typst(body, font_size=size, color=color))


@lru_cache(maxsize=None)
def _units_per_pt(size: float) -> float:
    probe = Typst("#box(width: 100pt, height: 4pt, fill: black)", font_size=size)
    return probe.width / 100


def paragraph(text: str, width: float, size: float = theme.BODY_SIZE, color: str = theme.TEXT,
              math: dict[str, str] | None = None) -> Typst:
    """Text wrapped to `width` scene units; `{name}` slots are filled with Typst math from `math`."""
    body = escape_markup(text)
    for name, source in (math or {}).items():
        body = body.replace(escape_markup("{" + name + "}"), f"${source}$")
    points = width / _units_per_pt(size)
    return lighten(Typst(f"#block(width: {points:.1f}pt)[{body}]", font_size=size, color=color))


def formula(source: str, size: float = theme.BODY_SIZE, color: str = theme.TEXT) -> MathTypst:
    return lighten(MathTypst(source, font_size=size, color=color))


MAX_EXACT = 14  # Typst source longer than this (−arcsin(1/6)/3 + π/3) is written as a decimal with ≈


def number_text(value: float, language: str, exact=None, room: int = MAX_EXACT) -> str:
    """Typst math for a number mathcore computed: its exact form when known and short, else a decimal."""
    if exact is not None:
        source = to_typst(exact)
        if len(source) <= room:
            return source
    return numbers.typst(value, language)


def relation_text(value: float, language: str, exact=None, room: int = MAX_EXACT,
                  digits: int = numbers.SIGNIFICANT) -> str:
    """'= <exact or decimal>' or 'approx <decimal>' when the decimal rounds the value."""
    if exact is not None and len(to_typst(exact)) <= room:
        return f"= {to_typst(exact)}"
    return f"{'approx' if numbers.approximate(value, digits) else '='} {numbers.typst(value, language, digits)}"


def fit_width(mobject, width: float = theme.PANEL_WIDTH):
    """Shrink a mobject to `width` if it is wider (formulas of long functions)."""
    if mobject.width > width:
        mobject.scale_to_fit_width(width)
    return mobject


def keep_in_frame(mobject):
    """Shift (never scale) a mobject back inside the safe area."""
    safe, box = safe_area(), box_of(mobject)
    dx = max(0, box.right - safe.right) - max(0, safe.left - box.left)
    dy = max(0, box.top - safe.top) - max(0, safe.bottom - box.bottom)
    mobject.shift(-dx * RIGHT - dy * UP)
    return mobject


def backed(mobject, opacity: float = 0.85):
    """A label with a patch of background behind it, so axes and ticks under it do not show through."""
    mobject.add_background_rectangle(color=theme.BACKGROUND, opacity=opacity, buff=0.04)
    return mobject


def section_title(text: str) -> Typst:
    title = label(text, theme.TITLE_SIZE, theme.TEXT, weight="bold")
    title.move_to([0, theme.TITLE_Y, 0])
    return title


def nice_step(span: float, target: int = 5) -> float:
    raw = span / target
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def fit_y_range(analysis: Analysis, extra: tuple[float, ...] = ()) -> tuple[float, float]:
    """A y range that shows the interesting part of f: all of it, unless a spike (a near-pole) would
    squash the rest, then its 5–95 % band; always holding every critical value."""
    fn = analysis.function
    values = fn.f(fn.grid(2001))
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    band_lo, band_hi = np.percentile(finite, [5, 95])
    if hi - lo > SPIKE_RATIO * (band_hi - band_lo + 1e-12):
        lo, hi = float(band_lo), float(band_hi)
    anchors = [p.y for p in analysis.critical_points] + list(extra)
    lo, hi = min([lo, *anchors]), max([hi, *anchors])
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    return lo, hi


def padded(span: tuple[float, float], height: float, top: float, bottom: float) -> tuple[float, float]:
    """Widen a y range so that `top` and `bottom` scene units stay free above and below the data
    (room for the labels above maxima and below minima)."""
    lo, hi = span
    per_unit = (hi - lo) / max(height - top - bottom, 0.2 * height)
    return lo - bottom * per_unit, hi + top * per_unit


class FunctionGraph(VGroup):
    """Axes fitted to the analysis (domain × fitted y range) and the curve of f, clipped to the axes box."""

    def __init__(self, analysis: Analysis, width: float = theme.GRAPH_WIDTH, height: float = theme.GRAPH_HEIGHT,
                 y_range: tuple[float, float] | None = None, x_name: str = "x", y_name: str = "f(x)",
                 tick_size: float = theme.TICK_SIZE, curve_color: str = theme.CURVE, language: str = "vi",
                 label_room: tuple[float, float] | None = None) -> None:
        """`label_room`: scene units kept free above the highest and below the lowest value of f, for the
        labels of maxima and minima (by default in proportion to the height)."""
        super().__init__()
        self.language = language
        self.analysis = analysis
        self.fn = analysis.function
        a, b = analysis.domain
        top, bottom = label_room or (0.75 * height / theme.GRAPH_HEIGHT + 0.15, 0.55 * height / theme.GRAPH_HEIGHT + 0.1)
        lo, hi = y_range or padded(fit_y_range(analysis), height, top=top, bottom=bottom)
        self.x_range, self.y_range = (a, b), (lo, hi)
        self.axes = Axes(x_range=[a, b, nice_step(b - a)], y_range=[lo, hi, nice_step(hi - lo)],
                         x_length=width, y_length=height, tips=False,
                         axis_config={"color": theme.AXES, "include_ticks": False, "stroke_width": 2})
        self.ticks = self._ticks(tick_size)
        self.curve = tag(self.clipped_curve(self.fn.f, curve_color), LINE)
        tag(self.axes.x_axis, AXIS)
        tag(self.axes.y_axis, AXIS)
        self._clear_ticks_off_curve()
        self.x_label = tag(formula(x_name, tick_size + 4, theme.MUTED).next_to(self.axes.x_axis.get_right(), RIGHT,
                                                                                0.12), TICK)
        self.y_label = tag(formula(y_name, tick_size + 4, theme.MUTED).next_to(self.axes.y_axis.get_top(), RIGHT,
                                                                                0.15), TICK)
        self.add(self.axes, self.ticks, self.x_label, self.y_label, self.curve)

    def _drop_ticks(self, covered) -> None:
        for mark, text in list(self.tick_pairs):
            if covered(box_of(text)):
                self.ticks.remove(mark, text)
                self.tick_pairs.remove((mark, text))

    def _clear_ticks_off_curve(self, clearance: float = 0.04) -> None:
        """Drop the tick labels the curve runs through (a ball riding the curve may still pass over one:
        tick labels sit by their axis by design)."""
        samples = polyline_samples(self.curve)
        self._drop_ticks(lambda box: box.grown(clearance).contains_any(samples))

    def make_room(self, *mobjects) -> None:
        """Drop the tick labels that labels placed on the graph would cover (a marker's `x = …` says it)."""
        boxes = [box_of(m) for m in mobjects]

        def covered(box: Box) -> bool:
            return any(box.overlap(other) > 0 for other in boxes)
        self._drop_ticks(covered)
        if covered(box_of(self.y_label)):
            self.y_label.next_to(self.axes.y_axis.get_top(), LEFT, 0.15)
            if covered(box_of(self.y_label)):
                self.y_label.set_opacity(0)

    def _ticks(self, size: float) -> VGroup:
        group = VGroup()
        self.tick_pairs: list = []
        for axis, (lo, hi), direction in ((self.axes.x_axis, self.x_range, DOWN), (self.axes.y_axis, self.y_range, LEFT)):
            step = nice_step(hi - lo)
            start = math.ceil(lo / step - 1e-9) * step
            for k in range(int((hi - start) / step + 1e-9) + 1):
                value = start + k * step
                if abs(value) < step * 1e-6:
                    continue
                point = axis.n2p(value)
                mark = Line(point - direction * 0.06, point + direction * 0.06, stroke_width=2, color=theme.AXES)
                text = tag(formula(numbers.typst(round(value, 12), self.language), size,
                                   theme.MUTED).next_to(point, direction, 0.12), TICK)
                group.add(mark, text)
                self.tick_pairs.append((mark, text))
        return group

    # coordinates ---------------------------------------------------------------------------------------------
    def c2p(self, x: float, y: float) -> np.ndarray:
        return self.axes.c2p(x, y)

    def point(self, x: float) -> np.ndarray:
        """The scene point of (x, f(x))."""
        return self.axes.c2p(x, self.fn.value(x))

    def box(self) -> tuple[float, float, float, float]:
        left, bottom = self.axes.c2p(self.x_range[0], self.y_range[0])[:2]
        right, top = self.axes.c2p(self.x_range[1], self.y_range[1])[:2]
        return left, right, bottom, top

    def scene_slope(self, slope: float) -> float:
        """A slope dy/dx in graph units as a slope on screen (the axes scale x and y differently)."""
        unit_x = self.axes.x_length / (self.x_range[1] - self.x_range[0])
        unit_y = self.axes.y_length / (self.y_range[1] - self.y_range[0])
        return slope * unit_y / unit_x

    # drawing -------------------------------------------------------------------------------------------------
    def clipped_curve(self, evaluate, color: str, width: float = theme.CURVE_WIDTH,
                      x_range: tuple[float, float] | None = None) -> VGroup:
        """Polylines through dense samples, cut where the curve leaves the y range (so it never runs off)."""
        a, b = x_range or self.x_range
        xs = np.linspace(a, b, theme.CURVE_SAMPLES)
        ys = evaluate(xs)
        lo, hi = self.y_range
        pieces, current = VGroup(), []
        for i, (x, y) in enumerate(zip(xs, ys)):
            inside = np.isfinite(y) and lo <= y <= hi
            if inside:
                if not current and i > 0 and np.isfinite(ys[i - 1]):
                    current.append(self._edge_point(xs[i - 1], ys[i - 1], x, y))
                current.append(self.c2p(x, y))
            elif current:
                if np.isfinite(y):
                    current.append(self._edge_point(xs[i - 1], ys[i - 1], x, y))
                pieces.add(self._polyline(current, color, width))
                current = []
        if len(current) > 1:
            pieces.add(self._polyline(current, color, width))
        return pieces

    def _edge_point(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        lo, hi = self.y_range
        edge = hi if max(y0, y1) > hi else lo
        t = (edge - y0) / (y1 - y0) if y1 != y0 else 0.0
        return self.c2p(x0 + t * (x1 - x0), edge)

    @staticmethod
    def _polyline(points: list[np.ndarray], color: str, width: float) -> VMobject:
        line = VMobject(stroke_color=color, stroke_width=width)
        line.set_points_as_corners(np.array(points))
        return line

    def shade(self, start: float, end: float, color: str, opacity: float) -> Rectangle:
        """A full-height band over [start, end] (a plateau)."""
        left = self.c2p(start, self.y_range[0])
        right = self.c2p(end, self.y_range[1])
        band = Rectangle(width=right[0] - left[0], height=right[1] - left[1], stroke_width=0,
                         fill_color=color, fill_opacity=opacity)
        band.move_to((left + right) / 2)
        return band


def clip_segment(p0: np.ndarray, p1: np.ndarray, box: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    """The part of segment p0–p1 inside the box (Liang–Barsky); the midpoint pair when nothing is inside."""
    left, right, bottom, top = box
    d = p1 - p0
    t0, t1 = 0.0, 1.0
    for p, q in ((-d[0], p0[0] - left), (d[0], right - p0[0]), (-d[1], p0[1] - bottom), (d[1], top - p0[1])):
        if p == 0:
            if q < 0:
                mid = (p0 + p1) / 2
                return mid, mid + 1e-4 * RIGHT
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
    if t0 >= t1:
        mid = (p0 + p1) / 2
        return mid, mid + 1e-4 * RIGHT
    return p0 + t0 * d, p0 + t1 * d


def slope_color(slope: float, scale: float) -> str:
    if abs(slope) <= 1e-9 * max(scale, 1e-300):
        return theme.FLAT
    return theme.POSITIVE if slope > 0 else theme.NEGATIVE


class Tangent(VGroup):
    """The tangent line to f at x = tracker value: a fixed-length segment coloured by the sign of f'.

    Hidden at points where f' does not exist (a kink has no tangent), and clipped to the axes box.
    """

    def __init__(self, graph: FunctionGraph, tracker: ValueTracker, length: float = theme.TANGENT_LENGTH,
                 with_dot: bool = True) -> None:
        super().__init__()
        self.graph, self.tracker, self.length = graph, tracker, length
        self.slope_scale = graph.analysis.landscape.slope_scale
        self.kinks = [p.x for p in graph.analysis.critical_points if not p.differentiable]
        self.line = Line(LEFT, RIGHT, stroke_width=theme.TANGENT_WIDTH)
        self.dot = Dot(radius=theme.DOT_RADIUS * 0.8, color=theme.TEXT)
        self.add(self.line)
        if with_dot:
            self.add(self.dot)
        self.update_to(tracker.get_value())
        self.add_updater(lambda mob: mob.update_to(tracker.get_value()))

    def slope_at(self, x: float) -> float:
        return self.graph.fn.slope(x)

    def update_to(self, x: float) -> None:
        at_kink = any(abs(x - k) <= 1e-9 * (self.graph.x_range[1] - self.graph.x_range[0]) for k in self.kinks)
        slope = self.slope_at(x)
        centre = self.graph.point(x)
        if at_kink or not math.isfinite(slope):
            self.line.set_stroke(opacity=0)
            self.dot.move_to(centre)
            return
        direction = np.array([1.0, self.graph.scene_slope(slope), 0.0])
        direction /= np.linalg.norm(direction)
        start, end = clip_segment(centre - direction * self.length / 2, centre + direction * self.length / 2,
                                  self.graph.box())
        self.line.put_start_and_end_on(start, end)
        self.line.set_stroke(color=slope_color(slope, self.slope_scale), opacity=1)
        self.dot.move_to(centre)


GLYPHS = "0123456789.-+=<,"


@lru_cache(maxsize=None)
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

    def set_value(self, value: float) -> "GlyphNumber":
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
        self.missing = label(catalog.text("readout.undefined", language), size, theme.MUTED)
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


class CriticalMarker(VGroup):
    """A dot at a critical point with `x = …` (exact when known) beside it, coloured by its kind, and
    optionally a verdict word stacked beyond the coordinate, away from the dot.

    `place` moves the label to a free spot; when none is free even for the decimal form, the label becomes
    the marker's number and `legend` holds the `n: x = …` line a scene lists beside the graph."""

    def __init__(self, graph: FunctionGraph, point: CriticalPoint, color: str | None = None,
                 size: float = theme.LABEL_SIZE, verdict=None) -> None:
        super().__init__()
        self.point_data, self.graph, self.size = point, graph, size
        self.colour = color or theme.KIND_COLORS[point.kind]
        self.dot = tag(Dot(graph.c2p(point.x, point.y), radius=theme.DOT_RADIUS, color=self.colour), MARKER, graph)
        self.text = self._coordinate(MAX_EXACT)
        self.verdict = verdict
        self.verdict_in_legend = False
        self.side_by_side = False
        self.legend = None
        self.direction = UP if point.kind == "max" else DOWN
        self.add(self.dot, self.text)
        self._stack(self.direction)
        self.unit().next_to(self.dot, self.direction, 0.16)

    def _coordinate(self, room: int):
        point = self.point_data
        return backed(formula(f"x {relation_text(point.x, self.graph.language, point.x_expr, room)}", self.size,
                              self.colour))

    def _stack(self, direction) -> None:
        if self.verdict is None or self.verdict_in_legend:
            return
        if self.side_by_side:
            self.verdict.next_to(self.text, RIGHT, 0.15)
        else:
            self.verdict.next_to(self.text, UP if direction[1] > 0 else DOWN, 0.06)

    def _swap_text(self, new) -> None:
        self.remove(self.text)
        self.text = new
        self.add(new)

    def place(self, obstacles: Obstacles, number: int) -> bool:
        """The exact label, else its decimal form, at the first free spot (a verdict stacked beyond it, or
        beside it when stacked does not fit); else the marker's `number`."""
        for room in (MAX_EXACT, 0):
            if room != MAX_EXACT:
                self._swap_text(self._coordinate(room))
            for side_by_side in ((False, True) if self.verdict is not None else (False,)):
                self.side_by_side = side_by_side
                if place_near(self.unit(), self.dot, obstacles, self.direction, self._stack):
                    return True
        self.side_by_side = False
        entry = self.text
        self._swap_text(backed(formula(str(number), self.size, self.colour)))
        verdict, self.verdict = self.verdict, None  # the verdict goes to the legend line with the coordinate
        place_near(self.unit(), self.dot, obstacles, self.direction, self._stack)
        self.verdict, self.verdict_in_legend = verdict, verdict is not None
        self.legend = VGroup(formula(f"{number}:", self.size, self.colour), entry).arrange(RIGHT, buff=0.15)
        return False

    def unit(self) -> VGroup:
        parts = [self.text] + ([self.verdict] if self.verdict is not None and not self.verdict_in_legend else [])
        return VGroup(*parts)

    def settle_verdict(self) -> None:
        """Once the legend is placed: a numbered marker's verdict goes after its legend line."""
        if self.verdict_in_legend:
            self.verdict.next_to(self.legend, RIGHT, 0.25)

    def paint(self, color: str):
        """Animate a new colour for the dot and the label's glyphs (not the label's background patch)."""
        glyphs = [m for m in self.text.submobjects if m is not getattr(self.text, "background_rectangle", None)]
        return AnimationGroup(self.dot.animate.set_color(color), *[g.animate.set_color(color) for g in glyphs])


def place_markers(graph: FunctionGraph, markers, *others, right_limit: float | None = None) -> list:
    """Place every marker's label on `graph` clear of the curve, the axes, each other, every dot and
    `others`; return the legend lines of the markers that had to be numbered."""
    obstacles = graph_obstacles(graph, *[m.dot for m in markers], *others, right_limit=right_limit)
    legend = []
    for marker in sorted(markers, key=lambda m: m.point_data.kind == "neither"):
        if not marker.place(obstacles, len(legend) + 1):
            legend.append(marker.legend)
    graph.make_room(*[part for m in markers for part in m.unit()])
    return legend


class SignChart(VGroup):
    """The sign chart of f' drawn under a graph, intervals aligned with the graph's x axis.

    Each interval shows its sign and whether f rises ↗ or falls ↘; ticks mark the breakpoints, labelled with
    mathcore's exact values where they are known.
    """

    def __init__(self, graph: FunctionGraph, analysis: Analysis, height: float = 0.62, gap: float = 0.45,
                 size: float = theme.LABEL_SIZE) -> None:
        super().__init__()
        left, right, bottom, _ = graph.box()
        top = bottom - gap
        self.cells = VGroup()
        for interval in analysis.sign_chart:
            x0 = graph.c2p(interval.start, graph.y_range[0])[0]
            x1 = graph.c2p(interval.end, graph.y_range[0])[0]
            colour = theme.SIGN_COLORS[interval.sign]
            cell = tag(Rectangle(width=max(x1 - x0, 1e-3), height=height, stroke_width=1.5, stroke_color=colour,
                                 fill_color=colour, fill_opacity=0.22), REGION, self)
            cell.move_to([(x0 + x1) / 2, top - height / 2, 0])
            self.cells.add(VGroup(cell, *self._cell_text(interval.sign, cell, size, colour)))
        self.ticks = VGroup()
        placed: list[Box] = []
        near = 1e-9 * (graph.x_range[1] - graph.x_range[0])
        for interval in analysis.sign_chart[1:]:
            x = graph.c2p(interval.start, graph.y_range[0])[0]
            tick = Line([x, top + 0.08, 0], [x, top - height - 0.08, 0], stroke_width=2, color=theme.TEXT)
            cp = next((p for p in analysis.critical_points if abs(p.x - interval.start) <= near), None)
            text = self._tick_label(tick, interval.start, cp.x_expr if cp else None, graph.language, size - 4, placed)
            self.ticks.add(VGroup(tick, *([text] if text is not None else [])))
        self.row_label = formula("f'(x)", size, theme.MUTED).next_to(self.cells, LEFT, 0.25)
        if self.row_label.get_left()[0] < safe_area().left:  # no room left of the chart: above its left end
            self.row_label.scale(0.8).next_to(self.cells, UP, 0.05).align_to(self.cells, LEFT)
        self.add(self.cells, self.ticks, self.row_label)

    def _cell_text(self, sign: str, cell, size: float, colour: str) -> list:
        """`+ ↗` in the cell; only the sign where that does not fit; nothing where even the sign would have
        to shrink below half size (the cell's colour still says it)."""
        arrow = {"+": "arrow.tr", "-": "arrow.br", "0": "arrow.r"}[sign]
        for source in (f"{sign} space {arrow}", sign):
            text = tag(formula(source, size, colour).move_to(cell), TEXT, self)
            if text.width <= cell.width * 0.9:
                return [text]
        if text.width * 0.5 <= cell.width * 0.9:
            return [text.scale_to_fit_width(cell.width * 0.9)]
        return []

    def _tick_label(self, tick, x: float, exact, language: str, size: float, placed: list[Box]):
        """The breakpoint's value under its tick: exact when short, else the decimal; on a second row when
        it would touch its left neighbour; left out when neither row has room (the marker on the graph
        still names the point)."""
        forms = dict.fromkeys([number_text(x, language, exact), number_text(x, language)])
        for source in forms:
            text = tag(formula(source, size, theme.MUTED), TEXT, self)
            for row in range(2):
                text.next_to(tick, DOWN, 0.08 + row * (text.height + 0.08))
                box = box_of(text)
                if box.within(safe_area(), tolerance=0.0) and all(box.overlap(other) <= -0.08 for other in placed):
                    placed.append(box)
                    return text
        return None


class Ball(Circle):
    """The ball of the descent sections."""

    def __init__(self, radius: float = 0.13) -> None:
        super().__init__(radius=radius, stroke_width=2, stroke_color=theme.TEXT, fill_color=theme.BALL,
                         fill_opacity=1)


def arrow_head(tip: np.ndarray, direction: np.ndarray, color: str, size: float = 0.14) -> Polygon:
    direction = direction / (np.linalg.norm(direction) or 1)
    normal = np.array([-direction[1], direction[0], 0])
    return Polygon(tip, tip - direction * size + normal * size * 0.55, tip - direction * size - normal * size * 0.55,
                   stroke_width=0, fill_color=color, fill_opacity=1)


def run_time_for(trajectory) -> float:
    """A trajectory plays at ~60 steps a second, between 3 and 6 seconds."""
    return min(6.0, max(3.0, (len(trajectory.xs) - 1) / 60))


def _triangle(tip: np.ndarray, direction: np.ndarray, size: float) -> np.ndarray:
    normal = np.array([-direction[1], direction[0], 0.0])
    base = tip - direction * size
    return np.array([tip, base + normal * size * 0.6, base - normal * size * 0.6, tip])


class TrajectoryBall(VGroup):
    """A ball that sits on the curve at step `tracker` of a mathcore trajectory.

    At a whole-number tracker value k the ball is exactly at (xs[k], f(xs[k])); between steps it moves
    along the curve. A run that leaves the plot (off the domain, or off the y range: a diverging run) is
    never drawn outside the axes: the ball is replaced by an arrowhead on the plot's edge where it left,
    pointing the way it went.
    """

    def __init__(self, graph: FunctionGraph, xs: tuple[float, ...], tracker: ValueTracker, radius: float = 0.13,
                 color: str = theme.BALL) -> None:
        super().__init__()
        self.graph, self.xs, self.tracker, self.radius = graph, xs, tracker, radius
        self.body = tag(Ball(radius=radius).set_fill(color), MARKER, graph)
        self.body.sits_on_curve = True
        self.exit = tag(VMobject(stroke_width=1.5, stroke_color=theme.TEXT, fill_color=color, fill_opacity=1),
                        MARKER, graph)
        self.add(self.body, self.exit)
        self.update_position()
        self.add_updater(lambda mob: mob.update_position())

    def step_index(self) -> int:
        return int(min(max(math.floor(self.tracker.get_value() + 1e-9), 0), len(self.xs) - 1))

    def x_now(self) -> float:
        k = min(max(self.tracker.get_value(), 0.0), len(self.xs) - 1.0)
        i = min(int(math.floor(k + 1e-9)), len(self.xs) - 1)
        if i == len(self.xs) - 1:
            return self.xs[i]
        return self.xs[i] + (k - i) * (self.xs[i + 1] - self.xs[i])

    def update_position(self) -> None:
        a, b = self.graph.x_range
        lo, hi = self.graph.y_range
        x = self.x_now()
        y = self.graph.fn.value(x) if a <= x <= b else math.nan
        inside = math.isfinite(y) and lo <= y <= hi
        self.body.set_fill(opacity=1 if inside else 0).set_stroke(opacity=1 if inside else 0)
        self.exit.set_fill(opacity=0 if inside else 1).set_stroke(opacity=0 if inside else 1)
        if inside:
            self.body.move_to(self.graph.c2p(x, y) + UP * self.radius)
            self.exit.set_points_as_corners(_triangle(self.body.get_center(), RIGHT, 1e-3))
            return
        edge_x = min(max(x, a), b) if math.isfinite(x) else b
        edge_y = self.graph.fn.value(edge_x)
        edge_y = min(max(edge_y, lo), hi) if math.isfinite(edge_y) else hi
        if x > b or x < a or not math.isfinite(x):
            direction = RIGHT if not x < a else LEFT
        else:
            direction = UP if not math.isfinite(y) or y > hi else DOWN
        self.exit.set_points_as_corners(_triangle(self.graph.c2p(edge_x, edge_y), direction, 2.4 * self.radius))


def step_arrow(graph: FunctionGraph, x: float, x_next: float, color: str, drop: float = 0.42) -> VGroup:
    """The step x → x_next drawn to scale (x axis units), `drop` scene units under (x, f(x)) so the ball
    does not hide it."""
    start = graph.point(x) + DOWN * drop
    left, right, _, _ = graph.box()
    end = start + RIGHT * (graph.c2p(x_next, 0)[0] - graph.c2p(x, 0)[0])
    end[0] = min(max(end[0], left), right)  # a step that leaves the plot ends at its edge
    shaft = Line(start, end, stroke_width=5, color=color)
    head = arrow_head(end, end - start, color, size=min(0.2, max(abs(end[0] - start[0]), 0.02)))
    return VGroup(shaft, head)
