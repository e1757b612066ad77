"""Section 2 `minima_vs_maxima`: telling minima from maxima by the sign of f' on each side.

For each critical point: tangents just left and right, coloured by the sign of f' there (orange < 0,
blue > 0), then the verdict of the first-derivative sign test. Then the sign chart of f' under the graph
with the intervals of increase ↗ and decrease ↘, all from mathcore's sign chart.

Preview with the manim CLI: `manim -ql sections/minima_vs_maxima/scene.py MinimaVsMaximaScene`.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UL, Create, GrowFromCenter, Indicate, ValueTracker, VGroup, Write

from lessons.demos import lowest_minima
from mathcore import CriticalPoint
from scenes import theme
from scenes.fades import FadeIn, FadeOut
from scenes.fitting import fit_width, keep_in_frame
from scenes.graphing import LessonGraph
from scenes.markers import CriticalMarker, place_markers
from scenes.sign_chart import SignChart
from scenes.tangent import Tangent
from scenes.text import backed, formula, label, paragraph, relation_text, section_title
from scenes.typst_math import to_typst
from sections.section_scene import SectionScene

SIGN_RELATIONS = {"-": "< 0", "+": "> 0", "0": "= 0"}  # Typst math, the same in every language


def side_offset(point: CriticalPoint, breakpoints: list[float], domain: tuple[float, float]) -> float:
    """How far left/right of a critical point to put the probe tangents: well inside the neighbouring
    sign-chart intervals, so each tangent shows that interval's sign."""
    a, b = domain
    left = max([a, *[x for x in breakpoints if x < point.x]])
    right = min([b, *[x for x in breakpoints if x > point.x]])
    return min(0.4 * (point.x - left), 0.4 * (right - point.x), 0.1 * (b - a))


class MinimaVsMaximaScene(SectionScene):
    slug = "minima_vs_maxima"

    def construct(self) -> None:
        self.show_title_and_curve()
        self.examine_each_point()
        self.draw_sign_chart()
        self.point_at_the_goal()
        self.wait(1.5)

    def show_title_and_curve(self) -> None:
        analysis = self.plan.analysis
        title = section_title(self.t("title.minima_vs_maxima"))
        self.caption("title.minima_vs_maxima", 2)
        self.play(Write(title), run_time=1.2)
        self.graph = LessonGraph(analysis, height=4.1, language=self.language, label_room=(1.0, 0.95)).move_to(
            [theme.GRAPH_CENTER[0], 0.4, 0])
        f_text = fit_width(formula(f"f(x) = {to_typst(analysis.function.expr)}", theme.BODY_SIZE))
        f_text.move_to([theme.PANEL_X, 2.55, 0]).align_to([theme.PANEL_LEFT, 0, 0], LEFT)
        self.verdicts = {p.x: backed(label(self.t(f"kind.{p.kind}"), theme.LABEL_SIZE, theme.KIND_COLORS[p.kind],
                                           weight="bold")) for p in analysis.critical_points}
        self.markers = {p.x: CriticalMarker(self.graph, p, color=theme.FLAT, verdict=self.verdicts[p.x])
                        for p in analysis.critical_points}
        entries = place_markers(self.graph, list(self.markers.values()))
        top = f_text
        if entries:  # the numbered markers' coordinates, under f in the panel
            corner = f_text.get_corner(UL)
            top = fit_width(VGroup(f_text, *entries).arrange(DOWN, aligned_edge=LEFT, buff=0.15))
            top.move_to(corner, aligned_edge=UL)
            for marker in self.markers.values():
                marker.settle_verdict()
        self.play(Create(self.graph), FadeIn(top), run_time=2)
        intro = paragraph(self.says("intro"), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        intro.next_to(top, DOWN, 0.45).align_to(f_text, LEFT)
        self.caption("intro", 3, shows=intro)
        self.play(*[FadeIn(m) for m in self.markers.values()], FadeIn(intro), run_time=1.0)
        self.wait(1.5)
        self.panel_anchor = intro

    def examine_each_point(self) -> None:
        analysis = self.plan.analysis
        breakpoints = [s.start for s in analysis.sign_chart[1:]]
        shown = None
        for i, point in enumerate(analysis.critical_points):
            delta = side_offset(point, breakpoints, analysis.domain)
            probes = VGroup(*[Tangent(self.graph, ValueTracker(point.x + side * delta), length=1.3)
                              for side in (-1, 1)])
            for probe in probes:
                probe.clear_updaters()
            left_word = SIGN_RELATIONS[point.left_sign]
            right_word = SIGN_RELATIONS[point.right_sign]
            rows = VGroup(
                formula(f"x {relation_text(point.x, self.language, point.x_expr, room=30)}", theme.BODY_SIZE,
                        theme.FLAT),
                VGroup(label(self.t("mm.left"), theme.LABEL_SIZE),
                       formula(f"f' {left_word}", theme.LABEL_SIZE, theme.SIGN_COLORS[point.left_sign])
                       ).arrange(RIGHT, buff=0.15),
                VGroup(label(self.t("mm.right"), theme.LABEL_SIZE),
                       formula(f"f' {right_word}", theme.LABEL_SIZE, theme.SIGN_COLORS[point.right_sign])
                       ).arrange(RIGHT, buff=0.15),
                label(self.says(f"rule.{i}"), theme.LABEL_SIZE, theme.KIND_COLORS[point.kind]),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
            rows.next_to(self.panel_anchor, DOWN, 0.5).align_to(self.panel_anchor, LEFT)
            keep_in_frame(rows)
            verdict = self.verdicts[point.x]
            marker = self.markers[point.x]
            if shown is not None:
                self.play(FadeOut(shown), run_time=0.3)
            self.play(FadeIn(rows[0]), Indicate(marker.dot, color=theme.FLAT), run_time=0.6)
            self.play(GrowFromCenter(probes[0]), FadeIn(rows[1]), run_time=0.5)
            self.play(GrowFromCenter(probes[1]), FadeIn(rows[2]), run_time=0.5)
            # the sign rule is said once both tangents and the rule's line are on screen, the verdict once its
            # label is: nothing is said before it is shown
            self.caption(f"rule.{i}", 2, shows=(probes, rows[1], rows[2], rows[3]))
            self.play(FadeIn(rows[3]), run_time=0.5)
            self.caption(f"verdict.{i}", 1.6, shows=(verdict, marker, rows[0], rows[3], probes))
            self.play(FadeIn(verdict), marker.paint(theme.KIND_COLORS[point.kind]), run_time=0.6)
            self.play(FadeOut(probes), run_time=0.4)  # once the verdict has been said
            shown = rows
        self.last_rows = shown

    def draw_sign_chart(self) -> None:
        chart = SignChart(self.graph, self.plan.analysis)
        note = paragraph(self.says("chart"), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        note.next_to(self.panel_anchor, DOWN, 0.5).align_to(self.panel_anchor, LEFT)
        self.caption("chart", 4, shows=(note, chart.row_label))
        self.play(FadeOut(self.last_rows), run_time=0.4)  # gone before the note takes its place
        self.play(FadeIn(chart.row_label), FadeIn(note), run_time=0.6)
        for cell in chart.cells:
            self.play(FadeIn(cell, shift=0.1 * RIGHT), run_time=0.55)
        self.play(FadeIn(chart.ticks), run_time=0.6)
        self.wait(1.5)
        self.note = note

    def point_at_the_goal(self) -> None:
        goal = paragraph(self.says("goal"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.MINIMUM)
        goal.next_to(self.note, DOWN, 0.4).align_to(self.note, LEFT)
        keep_in_frame(goal)
        self.caption("goal", 3, shows=goal)
        lowest = [self.markers[p.x] for p in lowest_minima(self.plan.analysis)]
        self.play(FadeIn(goal), *[Indicate(m, color=theme.MINIMUM, scale_factor=1.4) for m in lowest], run_time=1.2)
        self.wait(1.5)
