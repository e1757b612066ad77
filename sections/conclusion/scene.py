"""Section 5 `conclusion`: the four ideas again, as small replays built from the same components and data.

Critical points (flat tangents), the sign test (section 2's variation table, finished), plateaus (the
stalled ball) and gradient descent (the trajectory to the minimum), then the lesson's closing thought.

Preview with the manim CLI: `manim -ql sections/conclusion/scene.py ConclusionScene`.
"""

from __future__ import annotations

import math

from manim import DOWN, LEFT, Create, Dot, GrowFromCenter, Rectangle, ValueTracker, VGroup, VMobject, Write, linear

from lessons.variation import variation_table
from mathcore import Analysis
from scenes import theme
from scenes.descent import TrajectoryBall
from scenes.fades import Dim, FadeIn
from scenes.graphing import LessonGraph
from scenes.tangent import Tangent
from scenes.text import label, paragraph, section_title
from scenes.variation_table import VariationTableView
from sections.section_scene import SectionScene

CELL_WIDTH, GRAPH_WIDTH, GRAPH_HEIGHT = 6.6, 5.2, 1.85
CENTERS = ((-3.5, 1.45), (3.5, 1.45), (-3.5, -1.85), (3.5, -1.85))


class ConclusionScene(SectionScene):
    slug = "conclusion"

    def construct(self) -> None:
        self.caption("title.conclusion", 2)
        self.title = section_title(self.t("title.conclusion"))
        self.play(Write(self.title), run_time=1.2)
        self.recap_critical_points()
        self.recap_sign_test()
        self.recap_plateau()
        self.recap_descent()
        self.close()
        self.wait(2)

    def cell(self, index: int, name: str, analysis: Analysis, y_name: str = "f(x)",
             height: float = GRAPH_HEIGHT) -> LessonGraph:
        x, y = CENTERS[index]
        title = label(self.says(name), theme.LABEL_SIZE, theme.TEXT, weight="bold").move_to([x, y + 1.3, 0])
        graph = LessonGraph(analysis, width=GRAPH_WIDTH, height=height, y_name=y_name,
                              tick_size=theme.TICK_SIZE - 4, language=self.language)
        graph.move_to([x, y - 0.1 + (GRAPH_HEIGHT - height) / 2, 0])
        self.caption(name, 3, shows=(title, graph))
        self.play(FadeIn(title), Create(graph), run_time=1.0)
        return graph

    def recap_critical_points(self) -> None:
        analysis = self.plan.analysis
        graph = self.cell(0, "points", analysis)
        xs = [p.x for p in analysis.critical_points]
        flat = any(s.sign == "0" for s in analysis.sign_chart)
        if not xs and not flat:  # no critical point: tangents across the graph, none of them horizontal
            a, b = analysis.domain
            xs = [x for x in (a + t * (b - a) for t in (0.2, 0.5, 0.8)) if math.isfinite(analysis.function.value(x))]
        tangents = VGroup(*[Tangent(graph, ValueTracker(x), length=1.0) for x in xs])
        for tangent in tangents:
            tangent.clear_updaters()
        flats = VGroup(*[graph.highlight(s.start, s.end, theme.FLAT, 2 * theme.CURVE_WIDTH)
                         for s in analysis.sign_chart if s.sign == "0"])  # f′ = 0 on a whole interval
        self.play(*[GrowFromCenter(t) for t in tangents], *[Create(piece) for piece in flats], run_time=1.0)
        self.wait(0.8)

    def recap_sign_test(self) -> None:
        """Section 2's variation table, finished, in the graph's place."""
        x, y = CENTERS[1]
        title = label(self.says("signs"), theme.LABEL_SIZE, theme.TEXT, weight="bold").move_to([x, y + 1.3, 0])
        table = VariationTableView(variation_table(self.plan.analysis, self.language), left=x - CELL_WIDTH / 2 + 0.2,
                                   right=x + CELL_WIDTH / 2 - 0.2, bottom=y - 1.3, top=y + 0.95, size=theme.SMALL_SIZE)
        self.caption("signs", 3, shows=(title, table.frame))
        self.play(FadeIn(title), Create(table.frame[0]), FadeIn(VGroup(*table.frame[1:])), run_time=0.8)
        self.play(FadeIn(VGroup(*[m for m in table.submobjects if m is not table.frame])), run_time=1.2)
        self.wait(0.8)

    def recap_plateau(self) -> None:
        plateau = self.plan.extra.plateau
        graph = self.cell(2, "plateau", plateau, y_name=f"{self.plan.extra.plateau_name}(x)")  # section 3's name for it
        bands = VGroup(*[graph.shade(p.start, p.end, theme.PLATEAU, theme.PLATEAU_OPACITY) for p in plateau.plateaus])
        self.play(FadeIn(bands), run_time=0.6)
        self.bring_to_back(bands)
        run = self.plan.run("plateau")
        tracker = ValueTracker(0)
        ball = TrajectoryBall(graph, run.xs, tracker, radius=0.09)
        self.play(FadeIn(ball), run_time=0.3)
        self.play(tracker.animate.set_value(len(run.xs) - 1), run_time=2.0, rate_func=linear)
        ball.clear_updaters()
        self.wait(0.5)

    def recap_descent(self) -> None:
        run = self.plan.runs[1].trajectory  # section 4's descent: converging, or sliding where f has no minimum
        extra = self.plan.extra
        graph = self.cell(3, "descent", extra.descent, y_name=f"{extra.descent_name}(x)")  # section 4's name for it
        tracker = ValueTracker(0)
        ball = TrajectoryBall(graph, run.xs, tracker, radius=0.09)
        a, b = graph.x_range
        trail = VGroup(*[Dot(graph.point(x), radius=0.03, color=theme.BALL) for x in run.xs if a <= x <= b])
        self.play(FadeIn(ball), run_time=0.3)
        self.play(tracker.animate.set_value(len(run.xs) - 1), FadeIn(trail, lag_ratio=0.5), run_time=2.5,
                  rate_func=linear)
        ball.clear_updaters()
        self.wait(0.5)

    def close(self) -> None:
        """The closed interval's lowest and highest values, then the closing thought, in one box."""
        ends = [paragraph(self.says(name), 10.5, theme.LABEL_SIZE, colour)
                for name, colour in (("lowest", theme.MINIMUM), ("highest", theme.MAXIMUM))]
        text = paragraph(self.says("closing"), 10.5, theme.BODY_SIZE, theme.TEXT)
        lines = VGroup(*ends, text).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        box = Rectangle(width=lines.width + 0.6, height=lines.height + 0.5, stroke_color=theme.MINIMUM,
                        stroke_width=2, fill_color=theme.PANEL_FILL, fill_opacity=0.96)
        VGroup(box, lines.move_to(box)).move_to([0, -0.2, 0])
        recap = [m for m in self.mobjects if m is not self.title and isinstance(m, VMobject)]
        self.caption("lowest", 3, shows=ends[0])
        self.play(*[Dim(m, 0.75) for m in recap], FadeIn(box, shift=0.2 * DOWN), FadeIn(ends[0]),
                  run_time=1.0)
        self.wait(1)
        self.caption("highest", 3, shows=ends[1])
        self.play(FadeIn(ends[1]), run_time=0.6)
        self.wait(1)
        self.caption("closing", 4, shows=text)
        self.play(FadeIn(text), run_time=0.8)
        self.wait(3)
