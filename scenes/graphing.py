"""The graph of a function: axes fitted to the analysis, the curve clipped to them, ticks that stay off
the curve, and the coordinates other components draw with."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Circle, DashedLine, Line, Rectangle, VGroup, VMobject

from lessons import numbers
from lessons.scale import SPIKE_RATIO, fit_y_range
from mathcore import Analysis

from . import theme
from .layout import AXIS, HIGHLIGHT, LINE, TICK, Box, box_of, polyline_samples, tag
from .text import formula

__all__ = ["SPIKE_RATIO", "nice_step", "fit_y_range", "padded", "LessonGraph", "clip_segment"]


def nice_step(span: float, target: int = 5) -> float:
    raw = span / target
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def padded(span: tuple[float, float], height: float, top: float, bottom: float) -> tuple[float, float]:
    """Widen a y range so that `top` and `bottom` scene units stay free above and below the data
    (room for the labels above maxima and below minima)."""
    lo, hi = span
    per_unit = (hi - lo) / max(height - top - bottom, 0.2 * height)
    return lo - bottom * per_unit, hi + top * per_unit


class LessonGraph(VGroup):
    """Axes fitted to the analysis (domain × fitted y range) and the curve of f, clipped to the axes box."""

    def __init__(self, analysis: Analysis, width: float = theme.GRAPH_WIDTH, height: float = theme.GRAPH_HEIGHT,
                 y_range: tuple[float, float] | None = None, x_name: str = "x", y_name: str = "f(x)",
                 tick_size: float = theme.TICK_SIZE, curve_color: str = theme.CURVE, language: str = "vi",
                 label_room: tuple[float, float] | None = None,
                 window: tuple[tuple[float, float], tuple[float, float]] | None = None) -> None:
        """`label_room`: scene units kept free above the highest and below the lowest value of f, for the
        labels of maxima and minima (by default in proportion to the height). `window`: an x range and the
        y range of f to fit instead of the domain and `fit_y_range` (a zoomed view: lessons.scale.Zoom),
        padded the same way."""
        super().__init__()
        self.language = language
        self.analysis = analysis
        self.size, self.names, self.tick_size, self.label_room = (width, height), (x_name, y_name), tick_size, \
            label_room
        self.fn = analysis.function
        a, b = window[0] if window is not None else analysis.domain
        top, bottom = label_room or (0.75 * height / theme.GRAPH_HEIGHT + 0.15,
                                     0.55 * height / theme.GRAPH_HEIGHT + 0.1)
        fitted = window[1] if window is not None else fit_y_range(analysis)
        lo, hi = y_range or padded(fitted, height, top=top, bottom=bottom)
        self.x_range, self.y_range = (a, b), (lo, hi)
        self.axes = Axes(x_range=[a, b, nice_step(b - a)], y_range=[lo, hi, nice_step(hi - lo)],
                         x_length=width, y_length=height, tips=False,
                         axis_config={"color": theme.AXES, "include_ticks": False, "stroke_width": 2})
        self.ticks = self._ticks(tick_size)
        self.curve = tag(self.clipped_curve(self.fn.f, curve_color), LINE)
        self.asymptotes, self.holes = self._asymptotes(), self._holes(curve_color)
        tag(self.axes.x_axis, AXIS)
        tag(self.axes.y_axis, AXIS)
        self._clear_ticks_off_curve()
        self.x_label = tag(formula(x_name, tick_size + 4, theme.MUTED).next_to(self.axes.x_axis.get_right(), RIGHT,
                                                                                0.12), TICK)
        self.y_label = tag(formula(y_name, tick_size + 4, theme.MUTED).next_to(self.axes.y_axis.get_top(), RIGHT,
                                                                                0.15), TICK)
        self._keep_y_label_off_curve()
        self.axis_break = self._axis_break()
        self.add(self.axes, self.axis_break, self.ticks, self.x_label, self.y_label, self.asymptotes, self.curve,
                 self.holes)

    def _axis_break(self) -> VGroup:
        """A zigzag on the y axis just off the x axis where the y range leaves 0 out (the x axis is drawn at
        the range's end, not at y = 0), as textbooks mark a broken axis; nothing where 0 is in range."""
        lo, hi = self.y_range
        if lo <= 0 <= hi:
            return VGroup()
        x = self.axes.y_axis.get_center()[0]
        y = self.axes.x_axis.get_center()[1]
        step = 0.1 if lo > 0 else -0.1  # into the plot, away from the x axis
        gap = Line([x, y + step, 0], [x, y + 2.6 * step, 0], stroke_width=6, color=theme.BACKGROUND)
        zigzag = VMobject(stroke_width=2, color=theme.AXES).set_points_as_corners(
            [[x, y + step, 0], [x - 0.08, y + 1.4 * step, 0], [x + 0.08, y + 2.0 * step, 0], [x, y + 2.6 * step, 0]])
        return VGroup(gap, zigzag)

    def _drop_ticks(self, covered) -> None:
        for mark, text in list(self.tick_pairs):
            if covered(box_of(text)):
                self.ticks.remove(mark, text)
                self.tick_pairs.remove((mark, text))

    def _curve_covers(self, clearance: float):
        """Whether the curve runs through a box grown by `clearance`."""
        samples = polyline_samples(self.curve)
        return lambda box: box.grown(clearance).contains_any(samples)

    def _y_labels_across(self, bad, unless=None) -> None:
        """Move each y tick label that is `bad` where it is to the axis's other side (back, when it is
        `unless` there)."""
        for mark, text in self.tick_pairs:
            if self._is_y(mark) and bad(box_of(text)):
                text.next_to(mark.get_center(), RIGHT, 0.12)
                if unless is not None and unless(box_of(text)):
                    text.next_to(mark.get_center(), LEFT, 0.12)

    def _clear_ticks_off_curve(self, clearance: float = 0.04) -> None:
        """Drop the tick labels the curve runs through (a ball riding the curve may still pass over one:
        tick labels sit by their axis by design). A y label the curve covers moves to the axis's other side
        first; where none is left (sin(x)/x climbs the axis to its hole at 1), the y axis is ticked at half the
        step, so the graph never loses its scale."""
        covered = self._curve_covers(clearance)
        self._y_labels_across(covered)
        self._drop_ticks(covered)
        if self._y_ticked and not any(self._is_y(mark) for mark, _ in self.tick_pairs):
            step = nice_step(self.y_range[1] - self.y_range[0]) / 2
            self.ticks.add(*self._axis_ticks(self.axes.y_axis, self.y_range, LEFT, self.tick_size, step))
            self._y_labels_across(covered)
            self._drop_ticks(covered)

    def _keep_y_label_off_curve(self, clearance: float = 0.04) -> None:
        """The name of the y axis beside its top, on the side the curve does not run through (x + 1/x climbs
        the axis beside its pole at 0)."""
        if self._curve_covers(clearance)(box_of(self.y_label)):
            self.y_label.next_to(self.axes.y_axis.get_top(), LEFT, 0.15)

    def keep_ticks_inside(self, area: Box) -> None:
        """Tick labels that stick out of `area` (the safe area): a y label moves to the axis's other side (a
        zoomed view's 0,125 is wider than the main graph's 0,5 beside the frame's edge), else it is dropped."""
        def outside(box: Box) -> bool:
            return not box.within(area)
        self._y_labels_across(outside, unless=self._curve_covers(0.04))
        self._drop_ticks(outside)

    def drop_ticks_on(self, points, clearance: float = 0.03) -> None:
        """Drop the tick labels a line through `points` (scene points) would cross (a zoomed view's frame)."""
        self._drop_ticks(lambda box: box.grown(clearance).contains_any(points))

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
        self.tick_pairs: list = []
        group = VGroup(*self._axis_ticks(self.axes.x_axis, self.x_range, DOWN, size),
                       *self._axis_ticks(self.axes.y_axis, self.y_range, LEFT, size))
        self._y_ticked = any(self._is_y(mark) for mark, _ in self.tick_pairs)
        return group

    def _is_y(self, mark) -> bool:
        """A tick mark of the y axis (horizontal, where the x axis's are vertical)."""
        return mark.get_width() > mark.get_height()

    def _axis_ticks(self, axis, span: tuple[float, float], direction, size: float, step: float | None = None) -> list:
        """The marks and labels of one axis at round values (1-2-2.5-5 steps), 0 left out; recorded in
        `tick_pairs`."""
        lo, hi = span
        step = step or nice_step(hi - lo)
        start = math.ceil(lo / step - 1e-9) * step
        made = []
        for k in range(int((hi - start) / step + 1e-9) + 1):
            value = start + k * step
            if abs(value) < step * 1e-6:
                continue
            point = axis.n2p(value)
            mark = Line(point - direction * 0.06, point + direction * 0.06, stroke_width=2, color=theme.AXES)
            text = tag(formula(numbers.typst(round(value, 12), self.language), size,
                               theme.MUTED).next_to(point, direction, 0.12), TICK)
            made += [mark, text]
            self.tick_pairs.append((mark, text))
        return made

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
        """Polylines through dense samples, cut where the curve leaves the y range (so it never runs off, and an
        arrow tip says where it leaves towards a pole), and drawn in pieces between the points where f is
        undefined (a pole, a hole)."""
        a, b = x_range or self.x_range
        cuts = [e.x for e in self.fn.excluded if a < e.x < b]
        pieces = VGroup()
        for lo, hi in zip([a, *cuts], [*cuts, b]):
            pieces.add(*self._piece(evaluate, color, width, lo, hi))
        return pieces

    def _piece(self, evaluate, color: str, width: float, a: float, b: float) -> VGroup:
        """The curve over one piece (a, b) between points where f is undefined (each end left open)."""
        span = b - a
        xs = np.linspace(a, b, max(3, int(theme.CURVE_SAMPLES * span / (self.x_range[1] - self.x_range[0]))))
        if any(abs(e.x - a) < 1e-12 * span for e in self.fn.excluded):
            xs = xs[1:]
        if any(abs(e.x - b) < 1e-12 * span for e in self.fn.excluded):
            xs = xs[:-1]
        with np.errstate(all="ignore"):
            ys = np.asarray(evaluate(xs), dtype=float)
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
        pieces.add(*self._leaving_tips(xs, ys, color))
        return pieces

    def _leaving_tips(self, xs: np.ndarray, ys: np.ndarray, color: str) -> list:
        """An arrow tip where the curve leaves the y range beside a pole, pointing the way f goes."""
        lo, hi = self.y_range
        tips = []
        poles = self.fn.poles
        for i in range(len(xs) - 1):
            y0, y1 = ys[i], ys[i + 1]
            if not (np.isfinite(y0) and lo <= y0 <= hi) or (np.isfinite(y1) and lo <= y1 <= hi):
                continue
            ahead = xs[i + 1]
            if not any(abs(p - ahead) <= 0.1 * (self.x_range[1] - self.x_range[0]) for p in poles):
                continue
            tips.append(self._tip(xs[i], y0, ahead, y1, color))
        for i in range(1, len(xs)):
            y0, y1 = ys[i], ys[i - 1]
            if not (np.isfinite(y0) and lo <= y0 <= hi) or (np.isfinite(y1) and lo <= y1 <= hi):
                continue
            if not any(abs(p - xs[i - 1]) <= 0.1 * (self.x_range[1] - self.x_range[0]) for p in poles):
                continue
            tips.append(self._tip(xs[i], y0, xs[i - 1], y1, color))
        return tips

    def _tip(self, x0: float, y0: float, x1: float, y1: float, color: str):
        from .descent import arrow_head

        up = (not np.isfinite(y1) and y0 > 0) or (np.isfinite(y1) and y1 > y0)
        edge = self._edge_point(x0, y0, x1, y1 if np.isfinite(y1) else (np.inf if up else -np.inf))
        return tag(arrow_head(edge, UP if up else DOWN, color, size=0.16), LINE)

    def _asymptotes(self) -> VGroup:
        """A dashed vertical line at each pole: the vertical asymptote f approaches without reaching it."""
        lo, hi = self.y_range
        lines = VGroup(*[DashedLine(self.c2p(p, lo), self.c2p(p, hi), dash_length=0.12, stroke_width=2,
                                    color=theme.MUTED)
                         for p in self.fn.poles if self.x_range[0] < p < self.x_range[1]])
        return tag(lines, LINE) if len(lines) else lines

    def _holes(self, color: str) -> VGroup:
        """An open circle at each hole, at the value f tends to there (f itself has none)."""
        lo, hi = self.y_range
        circles = VGroup()
        for e in self.fn.excluded:
            if e.kind == "hole" and self.x_range[0] < e.x < self.x_range[1] and lo <= e.left <= hi:
                circles.add(Circle(radius=0.08, stroke_color=color, stroke_width=3, fill_color=theme.BACKGROUND,
                                   fill_opacity=1).move_to(self.c2p(e.x, e.left)))
        return tag(circles, LINE) if len(circles) else circles

    def _edge_point(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        lo, hi = self.y_range
        edge = hi if max(y0, y1) > hi else lo
        if not np.isfinite(y1):
            return self.c2p(x0, edge)
        t = (edge - y0) / (y1 - y0) if y1 != y0 else 0.0
        return self.c2p(x0 + t * (x1 - x0), edge)

    @staticmethod
    def _polyline(points: list[np.ndarray], color: str, width: float) -> VMobject:
        line = VMobject(stroke_color=color, stroke_width=width)
        line.set_points_as_corners(np.array(points))
        return line

    def highlight(self, start: float, end: float, color: str, width: float = 3 * theme.CURVE_WIDTH) -> VGroup:
        """The curve over [start, end] drawn again, thick and coloured (a flat minimum's bottom)."""
        return tag(self.clipped_curve(self.fn.f, color, width, (start, end)), LINE)

    def shade(self, start: float, end: float, color: str, opacity: float) -> Rectangle:
        """A full-height band over [start, end] (a plateau)."""
        left = self.c2p(start, self.y_range[0])
        right = self.c2p(end, self.y_range[1])
        band = Rectangle(width=right[0] - left[0], height=right[1] - left[1], stroke_width=0,
                         fill_color=color, fill_opacity=opacity)
        band.move_to((left + right) / 2)
        return tag(band, HIGHLIGHT)


def clip_segment(p0: np.ndarray, p1: np.ndarray,
                 box: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:
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
