"""Critical points on a graph: a dot and its `x = …` label (exact when it fits), placed on a free spot, or
named by a letter with a legend line when no spot is free (a letter: a digit beside a tick label of the same
digit would read as that tick)."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, AnimationGroup, Dot, Indicate, VGroup

from mathcore import CriticalPoint

from . import theme
from .graphing import LessonGraph
from .layout import MARKER, box_of, tag
from .placement import Obstacles, graph_obstacles, place_near
from .text import MAX_EXACT, backed, formula, relation_text

__all__ = ["CriticalMarker", "asymptote_labels", "marker_name", "place_markers"]


def marker_name(number: int) -> str:
    """The letter of the `number`-th marker that had no room for its coordinate: A … Z, then AA, AB, …"""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return marker_name((number - 1) // 26) + letters[(number - 1) % 26] if number > 26 else letters[number - 1]


class CriticalMarker(VGroup):
    """A dot at a critical point with `x = …` (exact when known) beside it, coloured by its kind, and
    optionally a verdict word stacked beyond the coordinate, away from the dot.

    `place` moves the label to a free spot; when none is free even for the decimal form, the label becomes
    the marker's letter and `legend` holds the `A: x = …` line a scene lists beside the graph."""

    def __init__(self, graph: LessonGraph, point: CriticalPoint, color: str | None = None,
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
        self.labelled = True
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
        beside it when stacked does not fit); else the letter of the marker's `number` (1 → A)."""
        for room in (MAX_EXACT, 0):
            if room != MAX_EXACT:
                self._swap_text(self._coordinate(room))
            for side_by_side in ((False, True) if self.verdict is not None else (False,)):
                self.side_by_side = side_by_side
                if place_near(self.unit(), self.dot, obstacles, self.direction, self._stack):
                    return True
        self.side_by_side = False
        entry = self.text
        name = f'"{marker_name(number)}"'  # upright, as a name (Typst math sets a bare letter in italics)
        self._swap_text(backed(formula(name, self.size, self.colour)))
        verdict, self.verdict = self.verdict, None  # the verdict goes to the legend line with the coordinate
        place_near(self.unit(), self.dot, obstacles, self.direction, self._stack)
        self.verdict, self.verdict_in_legend = verdict, verdict is not None
        self.legend = VGroup(formula(f"{name}:", self.size, self.colour), entry).arrange(RIGHT, buff=0.15)
        return False

    def bare(self) -> CriticalMarker:
        """The dot alone, unnamed: a point too small for its graph's scale is named on a zoomed view
        (scenes.zoom), never where it cannot be seen."""
        self.remove(*self.unit())
        self.labelled = False
        return self

    def unit(self) -> VGroup:
        parts = [self.text] + ([self.verdict] if self.verdict is not None and not self.verdict_in_legend else [])
        return VGroup(*parts)

    def settle_verdict(self) -> None:
        """Once the legend is placed: a numbered marker's verdict goes after its legend line."""
        if self.verdict_in_legend:
            self.verdict.next_to(self.legend, RIGHT, 0.25)

    def indicate(self, color: str):
        """Draw the eye to the point: its dot swells and flashes `color`. The label stays as it is: scaled up it
        would reach into the frame's margin and tint its own background patch."""
        return Indicate(self.dot, color=color, scale_factor=1.8)

    def painted(self, color: str) -> CriticalMarker:
        """The end state of `paint`, at once (a marker drawn already judged)."""
        self.dot.set_color(color)
        if self.labelled:
            for glyph in self.text.submobjects:
                if glyph is not getattr(self.text, "background_rectangle", None):
                    glyph.set_color(color)
        return self

    def paint(self, color: str):
        """Animate a new colour for the dot and the label's glyphs (not the label's background patch)."""
        if not self.labelled:
            return AnimationGroup(self.dot.animate.set_color(color))
        glyphs = [m for m in self.text.submobjects if m is not getattr(self.text, "background_rectangle", None)]
        return AnimationGroup(self.dot.animate.set_color(color), *[g.animate.set_color(color) for g in glyphs])


def place_markers(graph: LessonGraph, markers, *others, right_limit: float | None = None) -> list:
    """Place every marker's label on `graph` clear of the curve, the axes, each other, every dot and
    `others`; return the legend lines of the markers that had to be numbered."""
    obstacles = graph_obstacles(graph, *[m.dot for m in markers], *others, right_limit=right_limit)
    legend = []
    for marker in sorted(markers, key=lambda m: m.point_data.kind == "neither"):
        if not marker.place(obstacles, len(legend) + 1):
            legend.append(marker.legend)
    graph.make_room(*[part for m in markers for part in m.unit()])
    return legend


def asymptote_labels(graph: LessonGraph, *others, size: float = theme.SMALL_SIZE) -> VGroup:
    """`x = …` beside each pole's dashed asymptote (its exact form when short), on the first free spot along the
    line, from its top down, on either side: clear of the curve, the axes, the tick labels and `others`; the
    tick labels a label still covers make room. Empty where f has no pole."""
    obstacles = graph_obstacles(graph, *others, *[text for _, text in graph.tick_pairs], graph.y_label)
    lo, hi = graph.y_range
    labels = VGroup()
    for pole in graph.fn.excluded:
        if pole.kind != "pole" or not graph.x_range[0] < pole.x < graph.x_range[1]:
            continue
        text = formula(f"x {relation_text(pole.x, graph.language, pole.exact)}", size, theme.MUTED)
        spots = [(graph.c2p(pole.x, lo + share * (hi - lo)), side) for share in (0.93, 0.07, 0.75, 0.25, 0.5)
                 for side in (RIGHT, LEFT)]
        for point, side in spots:
            text.next_to(point, side, 0.12)
            if obstacles.free(box_of(text)):
                break
        else:
            text.next_to(*spots[0], 0.12)
        obstacles.take(text)
        labels.add(text)
    if len(labels):
        graph.make_room(*labels)
    return labels
