"""Section 2 `minima_vs_maxima`: telling minima from maxima by the sign of f' on each side.

The variation table (bảng biến thiên) is written under the graph as the lesson explains it: the x row first
(the ends, the critical points, the points where f is undefined); for each critical point, tangents just
left and right coloured by the sign of f' there (orange < 0, blue > 0), the verdict of the first-derivative
sign test, and those signs written into the table; then the f row, its values joined by ↗ and ↘, the
extrema read off it. All from mathcore's analysis, through lessons.variation.

Preview with the manim CLI: `manim -ql sections/minima_vs_maxima/scene.py MinimaVsMaximaScene`.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    Create,
    Dot,
    Flash,
    GrowArrow,
    GrowFromCenter,
    Indicate,
    ValueTracker,
    VGroup,
    Write,
)

from lessons import numbers
from lessons.demos import lowest_minima
from lessons.formulas import function_typst
from lessons.scale import ZoomKind
from lessons.text import Value
from lessons.variation import variation_table
from mathcore import CriticalPoint
from scenes import layout, theme
from scenes.fades import FadeIn, FadeOut
from scenes.fitting import fit_width, keep_in_frame
from scenes.graphing import LessonGraph
from scenes.markers import CriticalMarker, place_markers
from scenes.tangent import Tangent
from scenes.text import backed, formula, label, paragraph, relation_text, section_title
from scenes.variation_table import VariationTableView
from scenes.zoom import ZoomView
from sections.section_scene import SectionScene

SIGN_RELATIONS = {"-": "< 0", "+": "> 0", "0": "= 0"}  # Typst math, the same in every language


def side_offset(point: CriticalPoint, breakpoints: list[float], domain: tuple[float, float],
                share: float = 0.1) -> float:
    """How far left/right of a critical point to put the probe tangents: well inside the neighbouring
    sign-chart intervals, so each tangent shows that interval's sign, and at most `share` of the domain (or
    window) drawn."""
    a, b = domain
    left = max([a, *[x for x in breakpoints if x < point.x]])
    right = min([b, *[x for x in breakpoints if x > point.x]])
    return min(0.4 * (point.x - left), 0.4 * (right - point.x), share * (b - a))


class MinimaVsMaximaScene(SectionScene):
    slug = "minima_vs_maxima"

    def construct(self) -> None:
        self.pieces: list = []  # the flat minima and maxima highlighted on the main graph
        self.show_title_and_curve()
        self.write_x_row()
        self.examine_each_point()
        self.write_f_row()
        self.point_at_the_goal()
        self.name_the_extremes()
        self.wait(1.5)

    def show_title_and_curve(self) -> None:
        analysis = self.plan.analysis
        title = section_title(self.t("title.minima_vs_maxima"))
        self.caption("title.minima_vs_maxima", 2)
        self.play(Write(title), run_time=1.2)
        self.graph = LessonGraph(analysis, height=3.55, language=self.language, label_room=(1.0, 0.95)).move_to(
            [theme.GRAPH_CENTER[0], 0.75, 0])
        f_text = fit_width(formula(f"f(x) = {function_typst(analysis.function)}", theme.BODY_SIZE))
        f_text.move_to([theme.PANEL_X, 2.55, 0]).align_to([theme.PANEL_LEFT, 0, 0], LEFT)
        self.verdicts = {p.x: backed(label(self.t(self.plan.terms.kind_key(p)), theme.LABEL_SIZE,
                                           theme.KIND_COLORS[p.kind], weight="bold")) for p in analysis.critical_points}
        # a point too small for the graph's scale is named (and judged) on its zoomed view only: here, its dot
        small = {p.x for p in analysis.critical_points if self.plan.zoom(p.x) is not None}
        self.markers = {p.x: CriticalMarker(self.graph, p, color=theme.FLAT,
                                            verdict=None if p.x in small else self.verdicts[p.x])
                        for p in analysis.critical_points}
        for x in small:
            self.markers[x].bare()
        entries = place_markers(self.graph, [m for m in self.markers.values() if m.labelled],
                                *[self.markers[x].dot for x in small])
        top = f_text
        if entries:  # the numbered markers' coordinates, under f in the panel
            corner = f_text.get_corner(UL)
            top = fit_width(VGroup(f_text, *entries).arrange(DOWN, aligned_edge=LEFT, buff=0.15))
            top.move_to(corner, aligned_edge=UL)
            for marker in self.markers.values():
                marker.settle_verdict()
        self.panel_top = top
        self.play(Create(self.graph), FadeIn(top), run_time=2)
        intro = paragraph(self.says("intro"), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        intro.next_to(top, DOWN, 0.45).align_to(f_text, LEFT)
        self.caption("intro", 3, shows=intro)
        self.play(*[FadeIn(m) for m in self.markers.values()], FadeIn(intro), run_time=1.0)
        self.wait(1.5)
        self.panel_anchor = intro

    def examine_each_point(self) -> None:
        """Each critical point by the signs of f′ either side; a flat minimum or maximum as a whole (the signs
        left of it, on it and right of it), its two ends painted together."""
        analysis = self.plan.analysis
        breakpoints = [s.start for s in analysis.sign_chart[1:]]
        items = [(p.x, f"{i}", p) for i, p in enumerate(analysis.critical_points) if self.plan.has(f"verdict.{i}")]
        items += [(0.5 * (e.start + e.end), f"flat.{j}", e) for j, e in enumerate(analysis.flat_extrema)]
        self.shown = None
        for _, index, item in sorted(items, key=lambda t: t[0]):
            if index.startswith("flat"):
                self.examine_flat(index.split(".")[1], item, breakpoints)
            else:
                self.examine_point(index, item, breakpoints)
        self.last_rows = self.shown

    def sign_row(self, key: str, sign: str) -> VGroup:
        return VGroup(label(self.t(key), theme.LABEL_SIZE),
                      formula(f"f' {SIGN_RELATIONS[sign]}", theme.LABEL_SIZE, theme.SIGN_COLORS[sign])
                      ).arrange(RIGHT, buff=0.15)

    def place_rows(self, rows: VGroup) -> VGroup:
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        rows.next_to(self.panel_anchor, DOWN, 0.5).align_to(self.panel_anchor, LEFT)
        return keep_in_frame(rows)

    def probe(self, x: float, graph=None, length: float = 1.3) -> Tangent:
        tangent = Tangent(graph or self.graph, ValueTracker(x), length=length)
        tangent.clear_updaters()
        return tangent

    def examine_point(self, i: str, point: CriticalPoint, breakpoints: list[float]) -> None:
        if self.plan.zoom(point.x) is not None:
            self.examine_zoomed(i, point, breakpoints)
            return
        delta = side_offset(point, breakpoints, self.plan.analysis.domain)
        probes = VGroup(*[self.probe(point.x + side * delta) for side in (-1, 1)])
        rows = self.point_rows(i, point)
        marker, verdict = self.markers[point.x], self.verdicts[point.x]
        if self.shown is not None:
            self.play(FadeOut(self.shown), run_time=0.3)
        self.play(FadeIn(rows[0]), Indicate(marker.dot, color=theme.FLAT), run_time=0.6)
        self.play(GrowFromCenter(probes[0]), FadeIn(rows[1]), run_time=0.5)
        self.play(GrowFromCenter(probes[1]), FadeIn(rows[2]), run_time=0.5)
        # the sign rule is said once both tangents and the rule's line are on screen, the verdict once its label
        # is: nothing is said before it is shown
        self.caption(f"rule.{i}", 2, shows=(probes, rows[1], rows[2], rows[3]))
        self.play(FadeIn(rows[3]), run_time=0.5)
        self.caption(f"verdict.{i}", 1.6, shows=(verdict, marker, rows[0], rows[3], probes))
        self.play(FadeIn(verdict), marker.paint(theme.KIND_COLORS[point.kind]), run_time=0.6)
        self.play(FadeOut(probes), run_time=0.4)  # once the verdict has been said
        self.fill_signs(point.x, point.x)
        self.shown = rows

    def point_rows(self, i: str, point: CriticalPoint) -> VGroup:
        return self.place_rows(VGroup(
            formula(f"x {relation_text(point.x, self.language, point.x_expr)}", theme.BODY_SIZE,
                    theme.FLAT),
            self.sign_row("mm.left", point.left_sign), self.sign_row("mm.right", point.right_sign),
            label(self.says(f"rule.{i}"), theme.LABEL_SIZE, theme.KIND_COLORS[point.kind])))

    def main_objects(self) -> list:
        """What is drawn on the main graph now (a zoomed view takes its place)."""
        drawn = (self.graph, *self.markers.values(), *self.verdicts.values(), *self.pieces)
        return [m for m in drawn if self.visible(m)]

    def zoomed_view(self, point: CriticalPoint, size=None, place=None):
        """The zoomed view of a point too small for the graph's scale (in the main graph's place, or an inset of
        `size` that `place` moves), with its marker (coordinate and verdict, not yet shown) placed on it, and the
        other critical points in the window as dots."""
        view = ZoomView.of(self, point, size)
        if place is not None:
            place(view)
        verdict = backed(label(self.t(self.plan.terms.kind_key(point)), theme.LABEL_SIZE, theme.KIND_COLORS[point.kind],
                               weight="bold"))
        marker = view.marker(point, color=theme.FLAT, verdict=verdict)
        others = view.dots(self.plan.analysis.critical_points, point)
        for dot in others:
            dot.dot.set_color(self.markers[dot.point_data.x].dot.get_color())
        entries = place_markers(view.graph, [marker], *others, view.heading,
                                right_limit=None if size is None else layout.safe_area().right)
        legend = VGroup(*entries)
        if entries:
            fit_width(legend, view.graph.axes.width).next_to(view.graph.axes, DOWN, 0.3)
            marker.settle_verdict()
        return view, marker, VGroup(others, legend)

    def examine_zoomed(self, i: str, point: CriticalPoint, breakpoints: list[float]) -> None:
        """examine_point on the zoomed view: the probes, the marker and the verdict drawn on it while the sign
        rule and the verdict are said (a rounded bottom with its horizontal tangent too: smooth, not a kink);
        the main graph back once they have been, the point painted there as a dot alone."""
        view, marker, others = self.zoomed_view(point)
        rounded = view.zoom.kind == ZoomKind.ROUNDED
        # a bottom that looks like a kink: smooth, its tangent horizontal between the probes (set wider apart)
        delta = side_offset(point, breakpoints, view.zoom.x_range, share=0.2 if rounded else 0.1)
        probes = VGroup(*[self.probe(point.x + side * delta, view.graph) for side in (-1, 1)])
        if rounded:
            probes.add(self.probe(point.x, view.graph, length=0.8))
        rows = self.point_rows(i, point)
        if self.shown is not None:
            self.play(FadeOut(self.shown), run_time=0.3)
        hidden = self.main_objects()
        self.play(view.outline(), run_time=0.6)
        self.play(*view.enter(hidden), FadeIn(marker, others, rows[0], *probes[2:]), run_time=0.9)
        self.play(GrowFromCenter(probes[0]), FadeIn(rows[1]), run_time=0.5)
        self.play(GrowFromCenter(probes[1]), FadeIn(rows[2]), run_time=0.5)
        self.caption(f"rule.{i}", 2, shows=(probes, rows[1], rows[2], rows[3], view.graph))
        self.play(FadeIn(rows[3]), run_time=0.5)
        self.caption(f"verdict.{i}", 1.6, shows=(marker.verdict, marker, rows[0], rows[3], probes, view.graph))
        self.play(FadeIn(marker.verdict), marker.paint(theme.KIND_COLORS[point.kind]), run_time=0.6)
        self.play(FadeOut(probes), run_time=0.4)  # once the verdict has been said
        self.fill_signs(point.x, point.x)
        self.markers[point.x].dot.set_color(theme.KIND_COLORS[point.kind])
        self.play(*view.leave(hidden), FadeOut(marker, marker.verdict, others, rows), run_time=0.8)
        self.shown = None

    def examine_flat(self, j: str, flat, breakpoints: list[float]) -> None:
        analysis = self.plan.analysis
        a, b = analysis.domain
        colour = theme.KIND_COLORS[flat.kind]
        left = next((s.sign for s in analysis.sign_chart if s.end == flat.start), None) if flat.start > a else None
        right = next((s.sign for s in analysis.sign_chart if s.start == flat.end), None) if flat.end < b else None
        ends = [self.markers[x] for x in (flat.start, flat.end) if x in self.markers]
        offsets = [side_offset(m.point_data, breakpoints, analysis.domain) for m in ends] or [0.1 * (b - a)]
        delta = min(offsets)
        xs = ([flat.start - delta] if left else []) + [0.5 * (flat.start + flat.end)] + \
             ([flat.end + delta] if right else [])
        probes = VGroup(*[self.probe(x) for x in xs])
        separator = numbers.LIST_SEPARATOR[self.language].strip()
        span = f"x in [{numbers.typst(flat.start, self.language)}{separator} {numbers.typst(flat.end, self.language)}]"
        signs = ([("mm.left", left)] if left else []) + [("mm.inside", "0")] + ([("mm.right", right)] if right else [])
        rows = self.place_rows(VGroup(formula(span, theme.BODY_SIZE, theme.FLAT),
                                      *[self.sign_row(key, sign) for key, sign in signs],
                                      label(self.says(f"rule_flat.{j}"), theme.LABEL_SIZE, colour)))
        piece = self.graph.highlight(flat.start, flat.end, colour)
        self.pieces.append(piece)
        verdicts = [self.verdicts[m.point_data.x] for m in ends]
        if self.shown is not None:
            self.play(FadeOut(self.shown), run_time=0.3)
        self.play(FadeIn(rows[0]), Create(piece), run_time=0.8)
        for probe, row in zip(probes, rows[1:-1]):
            self.play(GrowFromCenter(probe), FadeIn(row), run_time=0.5)
        self.caption(f"rule_flat.{j}", 2, shows=(probes, *rows[1:]))
        self.play(FadeIn(rows[-1]), run_time=0.5)
        self.caption(f"verdict_flat.{j}", 1.6, shows=(*verdicts, piece, rows[0], rows[-1], probes))
        self.play(*[FadeIn(v) for v in verdicts], *[m.paint(colour) for m in ends], run_time=0.6)
        self.play(FadeOut(probes), run_time=0.4)  # once the verdict has been said
        self.fill_signs(flat.start, flat.end)
        self.shown = rows

    def write_x_row(self) -> None:
        """The table's frame and its x row: the ends, every critical point and every point where f is undefined."""
        left, _, bottom, _ = self.graph.box()
        table = self.table = VariationTableView(variation_table(self.plan.analysis, self.language),
                                                left=layout.safe_area().left, right=self.graph.box()[1],
                                                bottom=layout.safe_area().bottom + 0.05, top=bottom - 0.3)
        self.written: set[int] = set()  # the signs of f′ already in the table, by interval
        self.caption("table", 3, shows=(table.frame, *table.xs))
        self.play(Create(table.frame[0]), FadeIn(*table.frame[1:]), run_time=0.8)
        self.play(*[FadeIn(x, shift=0.1 * DOWN) for x in table.xs], run_time=0.8)
        self.wait(0.8)

    def fill_signs(self, lo: float, hi: float) -> None:
        """Write into the table's f′ row what was just found: the signs on either side of the points from `lo`
        to `hi` (one point, or a flat piece and the 0 on it) and the mark at each."""
        table = self.table
        columns = [i for i, c in enumerate(table.table.columns) if lo <= c.x <= hi]
        intervals = {j for i in columns for j in (i - 1, i) if 0 <= j < len(table.signs)} - self.written
        marks = [table.marks[i] for i in columns if table.marks[i] is not None]
        if not intervals and not marks:
            return
        self.written |= intervals
        self.play(*[FadeIn(table.signs[j], scale=1.4) for j in sorted(intervals)], *[FadeIn(m) for m in marks],
                  run_time=0.6)

    def write_f_row(self) -> None:
        """The signs not written yet (around a point where f is undefined), then the f row left to right: each
        value, and the arrow to the next in its sign's colour; the extrema read off it in their colours."""
        table = self.table
        note = paragraph(self.says("chart"), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        note.next_to(self.panel_anchor, DOWN, 0.5).align_to(self.panel_anchor, LEFT)
        keep_in_frame(note)
        self.caption("chart", 4, shows=(note, table.values[0]))
        if self.last_rows is not None:
            self.play(FadeOut(self.last_rows), run_time=0.4)  # gone before the note takes its place
        rest = [table.signs[j] for j in range(len(table.signs)) if j not in self.written]
        marks = [m for m in table.marks if m is not None and not self.visible(m)]
        self.play(FadeIn(note), FadeIn(table.values[0]), *[FadeIn(m) for m in (*rest, *marks)], run_time=0.6)
        for arrow, value in zip(table.arrows, table.values[1:]):
            self.play(GrowArrow(arrow), run_time=0.45)
            self.play(FadeIn(value), run_time=0.35)
        extrema = [(v, c.kind) for v, c in zip(table.values, table.table.columns) if c.kind in ("min", "max")]
        if extrema:
            self.play(*[Indicate(v, color=theme.KIND_COLORS[kind], scale_factor=1.25) for v, kind in extrema],
                      run_time=0.9)
        self.wait(1.0)
        self.note = note

    def point_at_the_goal(self) -> None:
        goal = paragraph(self.says("goal"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.MINIMUM)
        goal.next_to(self.note, DOWN, 0.4).align_to(self.note, LEFT)
        keep_in_frame(goal)
        self.caption("goal", 3, shows=goal)
        lowest = [self.markers[p.x] for p in lowest_minima(self.plan.analysis)]
        self.play(FadeIn(goal), *[m.indicate(theme.MINIMUM) for m in lowest], run_time=1.2)
        self.wait(1.5)
        self.goal = goal

    def end_dots(self, name: str, colour: str, graph=None) -> VGroup:
        """Dots at the end points a statement names as the lowest or highest value (its field `fe`), on `graph`
        (the main one, or a zoomed view: those inside its window)."""
        graph = graph or self.graph
        where = dict(self.plan.say(name).fields).get("fe")
        a, b = self.plan.analysis.domain
        lo, hi = graph.x_range
        xs = [e.value for e in where.points if e.value in (a, b)] if isinstance(where, Value) else []
        return VGroup(*[Dot(graph.point(x), radius=theme.DOT_RADIUS, color=colour) for x in xs if lo <= x <= hi])

    def name_the_extremes(self) -> None:
        """On the closed interval: the lowest value and the highest, and whether an end point beats every
        local extremum (then the global extremum sits at the end)."""
        self.play(FadeOut(self.note, self.goal), run_time=0.4)
        anchor = self.panel_anchor
        self.said: list = []
        for name, colour in (("lowest", theme.MINIMUM), ("highest", theme.MAXIMUM)):
            text = paragraph(self.says(name), theme.PANEL_WIDTH, theme.LABEL_SIZE, colour)
            text.next_to(anchor, DOWN, 0.4).align_to(self.panel_anchor, LEFT)
            keep_in_frame(text)
            dots = self.end_dots(name, colour)
            at = dict(self.plan.say(name).fields).get("fx")
            marked = [self.markers[e.value] for e in at.points if e.value in self.markers] if isinstance(at, Value) \
                else []
            small = [m.point_data for m in marked if self.plan.zoom(m.point_data.x) is not None]
            if small:  # a point too small for the graph's scale: said beside a zoomed inset of it
                anchor = self.name_zoomed(name, text, small[0], colour, last=name == "highest")
                continue
            self.caption(name, 3.5, shows=(text, *dots))
            self.play(FadeIn(text), FadeIn(dots), *[Flash(d, color=colour, flash_radius=0.3) for d in dots],
                      *[Indicate(m.dot, color=colour) for m in marked], run_time=1.0)
            self.wait(1.8)
            anchor = text
            self.said.append(text)

    def name_zoomed(self, name: str, text, point: CriticalPoint, colour: str, last: bool):
        """The lowest or highest value said where it is the value of a point too small for the graph's scale:
        the main graph stays (with the end point the sentence may name), and a zoomed inset of the point, its
        marker and verdict on it, takes the panel's place under the sentence, the sentences said before
        cleared away. Both go once it is said, unless it is the section's last; returns the next anchor."""
        anchor = self.panel_top
        text.next_to(anchor, DOWN, 0.4).align_to(self.panel_anchor, LEFT)
        keep_in_frame(text)

        def place(view):
            view.next_to(text, DOWN, 0.35).align_to(text, LEFT)
            keep_in_frame(view)
        view, marker, others = self.zoomed_view(point, size=(theme.PANEL_WIDTH - 0.9, 1.9), place=place)
        marker.painted(theme.KIND_COLORS[point.kind])
        dots = self.end_dots(name, colour)
        said = [m for m in (self.panel_anchor, *self.said) if self.visible(m)]
        self.caption(name, 3.5, shows=(text, marker, marker.verdict, view.graph, *dots))
        if said:
            self.play(FadeOut(*said), run_time=0.4)
        self.play(FadeIn(text, view, marker, marker.verdict, others), FadeIn(dots),
                  *[Flash(d, color=colour, flash_radius=0.3) for d in dots], run_time=1.0)
        self.play(Indicate(marker.dot, color=colour), run_time=0.8)
        self.wait(1.4)
        if not last:
            self.play(FadeOut(text, view, marker, marker.verdict, others), run_time=0.5)
        return anchor
