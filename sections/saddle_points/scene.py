"""Section `saddle_points` (beyond the lesson): f(x, y) as a contour map; ∇f as arrows to scale; the critical
points marked and named; at a saddle, the two slices through it drawn as the one-variable lesson draws them
(a maximum one way, a minimum the other: neither); then descent from beside the saddle: plain descent crawls,
momentum or Adam leaves.

Preview with the manim CLI (the lesson examples/saddle.toml: the default lesson has no surface):
`manim -ql sections/saddle_points/scene.py SaddlePointsScene`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, DashedLine, Dot, ValueTracker, VGroup, VMobject, Write, linear

from lessons import numbers
from scenes import theme
from scenes.contours import ContourMap, map_dot
from scenes.descent import Ball, run_time_for
from scenes.fades import FadeIn, FadeOut
from scenes.fitting import fit_width, keep_in_frame
from scenes.graphing import LessonGraph
from scenes.layout import MARKER, Box, box_of, polyline_samples, tag
from scenes.readouts import ValueReadout
from scenes.text import backed, formula, label, paragraph, section_title
from sections import load_lesson, plan_section
from sections.section_scene import SectionScene

PREVIEW = Path(__file__).parents[2] / "examples" / "saddle.toml"
RUN_COLORS = {"gd": theme.BALL, "fast": theme.POSITIVE}
SLICE_SIZE = (3.7, 1.25)
LABEL_GAP = 0.14


class SaddlePointsScene(SectionScene):
    slug = "saddle_points"

    def __init__(self, plan=None, voice=None, **kwargs) -> None:
        """Without a plan (the manim CLI), examples/saddle.toml's: the default lesson has no surface."""
        if plan is None:
            plan = plan_section(load_lesson(PREVIEW), self.slug)
        super().__init__(plan, voice, **kwargs)

    def construct(self) -> None:
        extra = self.plan.extra
        self.show_title()
        self.show_map()
        self.show_arrows()
        self.mark_points()
        if self.plan.has("slices"):
            self.slice_saddle()
        if self.plan.has("neither"):
            self.name_saddle()
        if extra.runs:
            self.descend_by_saddle()
        self.wait(1.0)

    # beats ---------------------------------------------------------------------------------------------------
    def show_title(self) -> None:
        self.caption("title.saddle_points", 2)
        self.play(Write(section_title(self.t("title.saddle_points"))), run_time=1.2)

    def show_map(self) -> None:
        extra = self.plan.extra
        self.map = ContourMap(extra.box, extra.bands.rows, 10, self.language).move_to(theme.GRAPH_CENTER)
        heading = fit_width(formula(f"f(x, y) = {extra.typst}", theme.BODY_SIZE))
        heading.move_to([theme.PANEL_X, 2.3, 0]).align_to([theme.PANEL_LEFT, 0, 0], LEFT)
        self.heading = heading
        note = self.note("intro")
        self.play(FadeIn(self.map), FadeIn(heading), FadeIn(note), run_time=1.2)
        self.caption("intro", 4, shows=(self.map, note))
        self.play(FadeOut(note), run_time=0.4)

    def show_arrows(self) -> None:
        self.arrows = self.map.arrows(self.plan.extra.arrows, 0.8 * min(self.map.size) / 4)
        note = self.note("arrows")
        self.caption("arrows", 3.5, shows=(note, self.arrows))
        self.play(FadeIn(note), FadeIn(self.arrows, lag_ratio=0.05), run_time=1.2)
        self.wait(0.5)
        self.play(FadeOut(note), self.arrows.animate.set_opacity(0.45), run_time=0.5)

    def mark_points(self) -> None:
        extra = self.plan.extra
        self.dots = [map_dot(self.map, p.x, p.y, theme.KIND_COLORS[p.kind]) for p in extra.points]
        note = self.note("critical")
        dots = VGroup(*self.dots)
        self.caption("critical", 3, shows=(note, dots))
        self.play(FadeIn(note), FadeIn(dots), run_time=0.8)
        self.wait(0.3)
        self.play(FadeOut(note), run_time=0.4)
        self.names: list = []
        rows = VGroup()
        placed: list[Box] = [box_of(m) for m in self.map.ticks] + [box_of(self.heading)]
        for i, (point, dot) in enumerate(zip(extra.points, self.dots)):
            name = backed(label(self.t(f"sp.kind.{point.kind}"), theme.SMALL_SIZE, theme.KIND_COLORS[point.kind]))
            self.place_name(name, dot, placed)
            placed.append(box_of(name))
            self.names.append(name)
            row = paragraph(self.says(f"point.{i}"), theme.PANEL_WIDTH, theme.LABEL_SIZE,
                            theme.KIND_COLORS[point.kind])
            rows.add(row)
            rows.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
            rows.next_to(self.heading, DOWN, 0.45).align_to(self.heading, LEFT)
            self.caption(f"point.{i}", 2.5, shows=(row, name, dot))
            self.play(FadeIn(row), FadeIn(name), run_time=0.6)
        self.wait(0.5)
        self.play(FadeOut(rows), run_time=0.4)

    def place_name(self, name, dot, placed: list[Box]) -> None:
        """Beside its dot, on the first side free of the names placed before, inside the map."""
        left, right, bottom, top = self.map.box()
        area = Box(left, bottom, right, top)
        for direction in (UP, DOWN, RIGHT, LEFT, UP + RIGHT, DOWN + RIGHT, UP + LEFT, DOWN + LEFT):
            name.next_to(dot, direction, LABEL_GAP)
            box = box_of(name)
            if box.within(area, 0.0) and all(box.overlap(other) <= 0.02 for other in placed):
                return
        name.next_to(dot, UP, LABEL_GAP)

    def slice_saddle(self) -> None:
        extra = self.plan.extra
        saddle = extra.points[extra.saddle]
        (a, b), (c, d) = extra.box
        lines, graphs = VGroup(), VGroup()
        for piece in extra.slices:
            colour = theme.KIND_COLORS[piece.kind]
            ends = ((a, saddle.y), (b, saddle.y)) if piece.axis == "x" else ((saddle.x, c), (saddle.x, d))
            lines.add(DashedLine(self.map.c2p(*ends[0]), self.map.c2p(*ends[1]), color=colour, stroke_width=3))
            graphs.add(self.slice_graph(piece, saddle, colour))
        graphs.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        note = self.note("slices")
        graphs.next_to(note, DOWN, 0.35).align_to(note, LEFT)
        keep_in_frame(graphs)
        self.caption("slices", 5, shows=(note, lines, graphs))
        self.play(FadeIn(note), Create(lines), FadeIn(graphs), run_time=1.5)
        self.wait(0.6)
        self.slices = VGroup(lines, graphs)
        self.slice_note = note

    def slice_graph(self, piece, saddle, colour) -> VGroup:
        """One slice as the one-variable lesson draws it: its graph, the saddle's dot on it, its kind named."""
        fixed = self.number(saddle.y if piece.axis == "x" else saddle.x)
        name = f"f(x, {fixed})" if piece.axis == "x" else f"f({fixed}, y)"
        graph = LessonGraph(piece.analysis, width=SLICE_SIZE[0], height=SLICE_SIZE[1], x_name=piece.axis,
                            y_name=name, curve_color=colour, language=self.language)
        at = next(p for p in piece.analysis.critical_points if p.x == piece.at)
        dot = tag(Dot(graph.c2p(at.x, at.y), radius=theme.DOT_RADIUS, color=colour), MARKER, graph)
        word = label(self.t(f"kind.{piece.kind}"), theme.SMALL_SIZE, colour)
        lines = np.concatenate([polyline_samples(m) for m in (graph.curve, graph.axes.x_axis, graph.axes.y_axis)])
        vertical = UP if piece.kind == "max" else DOWN
        tries = [(d, gap) for gap in (0.1, 0.3) for d in (vertical + RIGHT, vertical + LEFT, RIGHT, LEFT, vertical,
                                                         -vertical + RIGHT, -vertical + LEFT, -vertical)]
        for direction, gap in tries:
            word.next_to(dot, direction, gap)
            if not box_of(word).grown(0.03).contains_any(lines):
                break
        graph.make_room(word)
        return VGroup(graph, dot, word)

    def number(self, value: float) -> str:
        return numbers.typst(value, self.language)

    def name_saddle(self) -> None:
        extra = self.plan.extra
        saddle_name = self.names[extra.saddle] if extra.saddle is not None else None
        note = self.note("neither")
        if hasattr(self, "slice_note"):  # under the slices' sentence, where their graphs were
            self.play(FadeOut(self.slices[1]), run_time=0.4)
            note.next_to(self.slice_note, DOWN, 0.35).align_to(self.slice_note, LEFT)
        shown = (note, saddle_name) if saddle_name is not None else (note,)
        self.caption("neither", 3.5, shows=shown)
        self.play(FadeIn(note), run_time=0.6)
        self.wait(0.5)
        self.key_frame()  # contours, the saddle named, its slices on the map: the section's idea
        leaving = [note] + ([self.slice_note, self.slices[0]] if hasattr(self, "slice_note") else [])
        self.play(*[FadeOut(m) for m in leaving], run_time=0.5)

    def descend_by_saddle(self) -> None:
        extra = self.plan.extra
        start = extra.run("gd").start
        marker = map_dot(self.map, *start, theme.TEXT, radius=0.07)
        note = self.note("descent")
        self.play(*[FadeOut(name) for name in self.names], run_time=0.4)  # the dots' colours still say the kinds
        self.caption("descent", 3, shows=(note, marker))
        self.play(FadeIn(note), FadeIn(marker), run_time=0.6)
        self.wait(0.3)
        self.play(FadeOut(note), run_time=0.4)
        results, paths = VGroup(), VGroup()
        below = self.heading
        for role in ("gd", "fast"):
            result, path = self.roll(role, below)
            results.add(result)
            paths.add(path)
            below = result
        note = self.note("why")
        note.next_to(results, DOWN, 0.35).align_to(results, LEFT)
        keep_in_frame(note)
        self.caption("why", 4, shows=(note, paths))
        self.play(FadeIn(note), run_time=0.6)
        self.wait(0.8)

    def roll(self, role: str, below):
        """The run's ball along its iterates, its path drawn behind it, a step counter; then its outcome."""
        run = self.plan.extra.run(role)
        xs = run.xs[:run.nit + 1] if run.outcome == "converged" else run.xs
        colour = RUN_COLORS[role]
        tracker = ValueTracker(0)
        ball = Ball(radius=0.1).set_fill(colour, 1).set_stroke(theme.BACKGROUND, 2)
        tag(ball, MARKER, self.map)
        points = [self.map.c2p(*p) for p in xs]
        path = VMobject(stroke_color=colour, stroke_width=3)
        path.set_points_as_corners([points[0], points[0]])

        def index() -> int:
            return min(int(round(tracker.get_value())), len(points) - 1)

        def follow(mob):
            mob.move_to(points[index()])

        def trace(mob):
            k = index()
            mob.set_points_as_corners(points[:k + 1] if k > 0 else [points[0], points[0]])
        ball.add_updater(follow)
        path.add_updater(trace)
        counter = ValueReadout(f"\"{self.t('sp.step')}\" k", tracker, lambda k: float(index()), decimals=0,
                               size=theme.LABEL_SIZE, language=self.language)
        counter.next_to(below, DOWN, 0.4).align_to(self.heading, LEFT)
        self.play(FadeIn(ball), FadeIn(path), FadeIn(counter), run_time=0.5)
        self.play(tracker.animate.set_value(len(points) - 1), run_time=run_time_for(len(points) - 1), rate_func=linear)
        ball.clear_updaters()
        path.clear_updaters()
        counter.number.clear_updaters()
        result = paragraph(self.says(f"outcome.{role}"), theme.PANEL_WIDTH, theme.LABEL_SIZE, colour)
        result.next_to(below, DOWN, 0.4).align_to(self.heading, LEFT)
        keep_in_frame(result)
        self.play(FadeOut(counter), run_time=0.3)
        self.caption(f"outcome.{role}", 3, shows=(result, ball, path))
        self.play(FadeIn(result), run_time=0.6)
        self.wait(0.5)
        return result, VGroup(path, ball)

    # helpers -------------------------------------------------------------------------------------------------
    def note(self, name: str):
        """The statement `name` as a paragraph in the panel, under the surface's formula."""
        text = paragraph(self.says(name), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        text.next_to(self.heading, DOWN, 0.45).align_to(self.heading, LEFT)
        return keep_in_frame(text)

