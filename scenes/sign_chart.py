"""The sign chart of f′ under a graph: one cell per interval with its sign and ↗/↘, the breakpoints
labelled exactly when short."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, Line, Rectangle, VGroup

from mathcore import Analysis

from . import theme
from .graphing import LessonGraph
from .layout import REGION, TEXT, Box, box_of, safe_area, tag
from .text import formula, number_text

__all__ = ["SignChart"]


class SignChart(VGroup):
    """The sign chart of f' drawn under a graph, intervals aligned with the graph's x axis.

    Each interval shows its sign and whether f rises ↗ or falls ↘; ticks mark the breakpoints, labelled with
    mathcore's exact values where they are known, a double bar (‖) the points where f is undefined.
    """

    def __init__(self, graph: LessonGraph, analysis: Analysis, height: float = 0.62, gap: float = 0.45,
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
            gap = next((e for e in analysis.function.excluded if abs(e.x - interval.start) <= near), None)
            tick = self._bar(x, top, height, double=gap is not None)
            cp = next((p for p in analysis.critical_points if abs(p.x - interval.start) <= near), None)
            exact = cp.x_expr if cp else gap.exact if gap else None
            text = self._tick_label(tick, interval.start, exact, graph.language, size - 4, placed)
            self.ticks.add(VGroup(tick, *([text] if text is not None else [])))
        self.row_label = formula("f'(x)", size, theme.MUTED).next_to(self.cells, LEFT, 0.25)
        if self.row_label.get_left()[0] < safe_area().left:  # no room left of the chart: above its left end
            self.row_label.scale(0.8).next_to(self.cells, UP, 0.05).align_to(self.cells, LEFT)
        self.add(self.cells, self.ticks, self.row_label)

    @staticmethod
    def _bar(x: float, top: float, height: float, double: bool) -> VGroup:
        """A breakpoint's tick; a double bar (‖) where f is undefined, as textbooks mark a pole or a hole."""
        ends = (top + 0.08, top - height - 0.08)
        offsets = (-0.035, 0.035) if double else (0.0,)
        return VGroup(*[Line([x + dx, ends[0], 0], [x + dx, ends[1], 0], stroke_width=2, color=theme.TEXT)
                        for dx in offsets])

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
