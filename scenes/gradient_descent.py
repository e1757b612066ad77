"""Section 4 `gradient_descent`: x ← x − η·f'(x).

Left of a minimum f' < 0 and the step goes right; right of it f' > 0 and the step goes left (arrows drawn to
scale from the real η·f'(x)). The ball then descends step by step to the minimum; three learning rates
are compared on the same curve, each outcome named as mathcore decided it; and, beyond the lesson, an
adaptive optimizer escapes the plateau of section 3 where plain descent stalls.

Preview with the manim CLI: `manim -ql scenes/gradient_descent.py GradientDescentScene`.
"""

from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, GrowFromPoint, ValueTracker, VGroup,
                   Write, linear)

from mathcore import Trajectory
from mathcore.function import fmt
from scenes import theme
from scenes.base import LessonScene
from scenes.components import (FunctionGraph, Tangent, TrajectoryBall, ValueReadout, fit_width, formula,
                               keep_in_frame, label, outcome_text, paragraph, run_time_for, section_title,
                               step_arrow)
from scenes.strings import Ref
from scenes.typst_math import to_typst

RATE_COLORS = (theme.NEGATIVE, theme.MINIMUM, theme.BALL)
ESCAPE_COLOR = theme.POSITIVE


class GradientDescentScene(LessonScene):
    slug = "gradient_descent"

    def construct(self) -> None:
        self.show_rule()
        self.show_direction(self.data.run("left"), "gd.neg" if self.data.run("left").slopes[0] < 0 else "gd.pos")
        self.show_direction(self.data.run("right"), "gd.pos" if self.data.run("right").slopes[0] > 0 else "gd.neg")
        self.descend(self.data.run("right"))
        self.compare_learning_rates(self.data.runs_named("lr:"))
        self.escape_plateau(self.data.run("stall"), self.data.run("escape"))
        self.wait(1.5)

    def show_rule(self) -> None:
        analysis = self.data.analysis
        self.title = section_title(self.t("title.gradient_descent"))
        self.caption("title.gradient_descent", 2)
        self.play(Write(self.title), run_time=1.2)
        self.graph = FunctionGraph(analysis).move_to(theme.GRAPH_CENTER)
        heading = label(self.t("gd.rule"), theme.LABEL_SIZE, theme.MUTED)
        rule = formula(f"x_(k+1) = x_k - eta dot f'(x_k), quad eta = {fmt(self.data.config.lr)}", theme.BODY_SIZE)
        function = formula(f"f(x) = {to_typst(analysis.function.expr)}", theme.LABEL_SIZE)
        self.panel_top = fit_width(VGroup(heading, rule, function).arrange(DOWN, aligned_edge=LEFT, buff=0.15))
        self.panel_top.move_to([theme.PANEL_X, 2.3, 0]).align_to([theme.PANEL_LEFT, 0, 0], LEFT)
        self.caption("gd.rule", 2.5)
        self.play(Create(self.graph), FadeIn(self.panel_top), run_time=2)

    def show_direction(self, run: Trajectory, key: str) -> None:
        x0, x1, slope = run.xs[0], run.xs[1], run.slopes[0]
        tracker = ValueTracker(x0)
        ball = TrajectoryBall(self.graph, run.xs, ValueTracker(0))
        ball.clear_updaters()
        tangent = Tangent(self.graph, tracker, with_dot=False)
        tangent.clear_updaters()
        colour = theme.NEGATIVE if slope < 0 else theme.POSITIVE
        arrow = step_arrow(self.graph, x0, x1, colour)
        lines = VGroup(
            label(self.t(key), theme.LABEL_SIZE, colour),
            formula(f"eta dot f'({fmt(x0)}) = {fmt(run.lr)} dot ({fmt(slope)}) = {fmt(run.lr * slope)}",
                    theme.LABEL_SIZE),
            formula(f"x_1 = {fmt(x0)} - ({fmt(run.lr * slope)}) = {fmt(x1)}", theme.LABEL_SIZE),
            paragraph(self.t("gd.arrow"), theme.PANEL_WIDTH, theme.SMALL_SIZE, theme.MUTED),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        fit_width(lines).next_to(self.panel_top, DOWN, 0.45).align_to(self.panel_top, LEFT)
        keep_in_frame(lines)
        self.caption(key, 3.5)
        self.play(FadeIn(ball), Create(tangent), FadeIn(lines[0]), run_time=0.8)
        self.play(GrowFromPoint(arrow, arrow[0].get_start()), FadeIn(lines[1]), run_time=0.8)
        self.play(FadeIn(lines[2]), FadeIn(lines[3]), run_time=0.6)
        self.wait(1.6)
        self.play(FadeOut(ball, tangent, arrow, lines), run_time=0.5)

    def descend(self, run: Trajectory) -> None:
        tracker = ValueTracker(0)
        ball = TrajectoryBall(self.graph, run.xs, tracker)
        step = ValueReadout(f"\"{self.t('gd.iteration')}\" k =", tracker, lambda k: float(ball.step_index()),
                            decimals=0, size=theme.LABEL_SIZE)
        x_now = ValueReadout("x_k =", tracker, lambda k: run.xs[ball.step_index()], decimals=4, size=theme.LABEL_SIZE)
        f_now = ValueReadout("f(x_k) =", tracker, lambda k: run.ys[ball.step_index()], decimals=4,
                             size=theme.LABEL_SIZE)
        story = paragraph(self.t("gd.descent"), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        panel = VGroup(story, step, x_now, f_now).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        panel.next_to(self.panel_top, DOWN, 0.45).align_to(self.panel_top, LEFT)
        self.caption("gd.descent", 3)
        self.play(FadeIn(ball), FadeIn(panel), run_time=0.6)
        first = min(5, len(run.xs) - 1)
        for k in range(first):  # the first steps one by one, each with its arrow to scale
            arrow = step_arrow(self.graph, run.xs[k], run.xs[k + 1],
                               theme.NEGATIVE if run.slopes[k] < 0 else theme.POSITIVE)
            self.play(GrowFromPoint(arrow, arrow[0].get_start()), run_time=0.35)
            self.play(tracker.animate.set_value(k + 1), FadeOut(arrow), run_time=0.45)
        self.play(tracker.animate.set_value(len(run.xs) - 1), run_time=run_time_for(run), rate_func=linear)
        trail = VGroup(*[Dot(self.graph.point(x), radius=0.035, color=theme.BALL) for x in run.xs])
        result = label(self.t("gd.result", outcome=outcome_text(run.outcome, len(run.xs) - 1, self.language),
                              x=fmt(run.final_x), n=len(run.xs) - 1),
                       theme.LABEL_SIZE, theme.MINIMUM if run.outcome == "converged" else theme.BALL, weight="bold")
        fit_width(result).next_to(panel, DOWN, 0.3).align_to(panel, LEFT)
        self.caption("gd.result", 3, outcome=Ref(f"outcome.{run.outcome}"), x=fmt(run.final_x),
                     n=len(run.xs) - 1)
        self.play(FadeIn(trail), FadeIn(result), run_time=0.8)
        for mob in (ball, step.number, x_now.number, f_now.number):
            mob.clear_updaters()
        self.wait(2)
        self.play(FadeOut(self.graph, ball, trail, panel, result, self.panel_top), run_time=0.7)

    def compare_learning_rates(self, runs: tuple[Trajectory, ...]) -> None:
        heading = label(self.t("gd.rates"), theme.BODY_SIZE, theme.TEXT, weight="bold")
        heading.move_to([0, 2.55, 0])
        panels, balls, trackers, results = VGroup(), [], ValueTracker(0), VGroup()
        self.rate_outcomes: list[tuple[float, str]] = []
        width = min(3.9, 12.6 / max(len(runs), 1) - 0.6)
        for run, colour in zip(runs, RATE_COLORS * 3):
            graph = FunctionGraph(self.data.analysis, width=width, height=2.7, tick_size=theme.TICK_SIZE - 4)
            name = formula(f"eta = {fmt(run.lr)}", theme.LABEL_SIZE, colour)
            panels.add(VGroup(name, graph).arrange(DOWN, buff=0.2))
            balls.append((graph, run, colour))
        panels.arrange(RIGHT, buff=0.6).move_to([0, -0.35, 0])
        keep_in_frame(panels)
        self.caption("gd.rates_caption", 4)
        self.play(FadeIn(heading), *[Create(p) for p in panels], run_time=1.5)
        movers = [TrajectoryBall(graph, run.xs, trackers, radius=0.1, color=colour) for graph, run, colour in balls]
        self.play(*[FadeIn(b) for b in movers], run_time=0.5)
        longest = max(len(run.xs) for run in runs) - 1
        self.play(trackers.animate.set_value(longest), run_time=min(6.0, max(3.0, longest / 12)), rate_func=linear)
        for (graph, run, colour), panel in zip(balls, panels):
            where = f" (x ≈ {fmt(run.final_x)})" if run.outcome in ("converged", "stalled", "max_steps") else ""
            text = label(outcome_text(run.outcome, len(run.xs) - 1, self.language) + where, theme.LABEL_SIZE, colour,
                         weight="bold")
            fit_width(text, panel.width).next_to(panel, DOWN, 0.25)
            results.add(text)
            self.rate_outcomes.append((run.lr, run.outcome))
        keep_in_frame(results)
        for run in runs:
            self.caption(f"outcome.{run.outcome}", 1.2, n=len(run.xs) - 1)
        self.play(FadeIn(results), run_time=0.8)
        for ball in movers:
            ball.clear_updaters()
        self.wait(2.5)
        self.play(FadeOut(heading, panels, results, *movers), run_time=0.7)

    def escape_plateau(self, stall: Trajectory, escape: Trajectory) -> None:
        plateau = self.data.plateau
        graph = FunctionGraph(plateau, width=8.6, height=3.9, y_name="L(x)").move_to([-1.6, -0.55, 0])
        bands = VGroup(*[graph.shade(p.start, p.end, theme.PLATEAU, theme.PLATEAU_OPACITY) for p in plateau.plateaus])
        optimizer = escape.optimizer.capitalize() if escape.optimizer != "gd" else self.t("gd.plain")
        note = paragraph(self.t("gd.escape", optimizer=optimizer), 11.5, theme.LABEL_SIZE)
        note.move_to([0, 2.5, 0])
        keep_in_frame(note)
        tracker = ValueTracker(0)
        plain = TrajectoryBall(graph, stall.xs, tracker, radius=0.12, color=theme.BALL)
        fast = TrajectoryBall(graph, escape.xs, tracker, radius=0.12, color=ESCAPE_COLOR)
        legend = VGroup(label(f"● {self.t('gd.plain')} (η = {fmt(stall.lr)})", theme.LABEL_SIZE, theme.BALL),
                        label(f"● {optimizer} (η = {fmt(escape.lr)})", theme.LABEL_SIZE, ESCAPE_COLOR))
        outcomes = VGroup(*[label(outcome_text(run.outcome, len(run.xs) - 1, self.language), theme.LABEL_SIZE,
                                  colour, weight="bold")
                            for run, colour in ((stall, theme.BALL), (escape, ESCAPE_COLOR))])
        column = VGroup(legend[0], outcomes[0], legend[1], outcomes[1]).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        column[2].shift(0.2 * DOWN)
        column[3].shift(0.2 * DOWN)
        fit_width(column, 3.6).next_to(graph, RIGHT, 0.4).align_to(graph, UP)
        keep_in_frame(column)
        self.caption("gd.escape", 4, optimizer=optimizer)
        self.play(FadeIn(note), Create(graph), FadeIn(bands), run_time=1.5)
        self.bring_to_back(bands)
        self.play(FadeIn(plain), FadeIn(fast), FadeIn(legend), run_time=0.6)
        longest = max(len(stall.xs), len(escape.xs)) - 1
        self.play(tracker.animate.set_value(longest), run_time=min(6.0, max(3.0, longest / 60)), rate_func=linear)
        self.caption(f"outcome.{escape.outcome}", 2, n=len(escape.xs) - 1)
        self.play(FadeIn(outcomes), run_time=0.8)
        plain.clear_updaters()
        fast.clear_updaters()
        self.wait(2.5)
