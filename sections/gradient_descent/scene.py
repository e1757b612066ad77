"""Section 4 `gradient_descent`: x ← x − η·f'(x).

Left of a minimum f' < 0 and the step goes right; right of it f' > 0 and the step goes left (arrows drawn to
scale from the real η·f'(x)). The ball then descends step by step to the minimum; three learning rates
are compared on the same curve, each outcome named as mathcore decided it; and, beyond the lesson, an
adaptive optimizer escapes the plateau of section 3 where plain descent stalls.

Preview with the manim CLI: `manim -ql sections/gradient_descent/scene.py GradientDescentScene`.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    GrowFromPoint,
    RoundedRectangle,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from lessons import numbers
from lessons.demos import SLIDE_ROLE
from lessons.formulas import function_typst
from mathcore import Trajectory
from scenes import theme
from scenes.descent import TrajectoryBall, run_time_for, step_arrow
from scenes.fades import FadeIn, FadeOut
from scenes.fitting import fit_width, keep_in_frame
from scenes.graphing import LessonGraph
from scenes.layout import box_of, safe_area
from scenes.readouts import ValueReadout
from scenes.tangent import Tangent
from scenes.text import formula, label, paragraph, section_title
from sections.section_scene import SectionScene

RATE_COLORS = (theme.NEGATIVE, theme.MINIMUM, theme.BALL)
ESCAPE_COLOR = theme.POSITIVE


class GradientDescentScene(SectionScene):
    slug = "gradient_descent"

    def construct(self) -> None:
        self.show_rule()
        if self.plan.has_run(SLIDE_ROLE):  # no critical point: one run slides and slows, no rates to compare
            self.show_direction(SLIDE_ROLE)
            self.descend(SLIDE_ROLE)
        else:
            self.show_direction("from_left")
            self.show_direction("from_right")
            self.descend("from_right")
            self.compare_learning_rates(("lr_small", "lr_good", "lr_large"))
        if self.plan.has_run("escape"):
            self.escape_plateau(self.plan.run("escape_gd"), self.plan.run("escape"))
        self.wait(1.0)

    def num(self, value: float) -> str:
        """A number of a worked step: exact when a few more digits make it so (the step then adds up)."""
        return numbers.typst(value, self.language, numbers.exact_digits(value))


    def show_rule(self) -> None:
        analysis = self.plan.analysis
        self.title = section_title(self.t("title.gradient_descent"))
        self.caption("title.gradient_descent", 2)
        self.play(Write(self.title), run_time=1.2)
        self.graph = LessonGraph(analysis, y_name=f"{self.plan.name}(x)", language=self.language).move_to(
            theme.GRAPH_CENTER)
        heading = label(self.t("gd.rule"), theme.LABEL_SIZE, theme.MUTED)
        name = self.plan.name
        rule = formula(f"x_(k+1) = x_k - eta dot {name}'(x_k), quad eta = {self.num(self.plan.runs[0].trajectory.lr)}",
                       theme.BODY_SIZE)
        function = formula(f"{name}(x) = {function_typst(analysis.function)}", theme.LABEL_SIZE)
        self.panel_top = fit_width(VGroup(heading, rule, function).arrange(DOWN, aligned_edge=LEFT, buff=0.15))
        self.panel_top.move_to([theme.PANEL_X, 2.2, 0]).align_to([theme.PANEL_LEFT, 0, 0], LEFT)
        # a flat minimum, where descent that arrives has converged, drawn as the bottom it is
        bottoms = VGroup(*[self.graph.highlight(e.start, e.end, theme.MINIMUM) for e in analysis.flat_extrema
                           if e.kind == "min"])
        self.graph.add(bottoms)
        if not self.plan.has("substitute"):
            self.play(Create(self.graph), FadeIn(self.panel_top), run_time=2)  # a heading, not a sentence to say
            return
        why = paragraph(self.says("substitute"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.MUTED)
        keep_in_frame(why.next_to(self.panel_top, DOWN, 0.45).align_to(self.panel_top, LEFT))
        self.play(FadeIn(why), run_time=0.8)  # while the title is said: the frame is never the title alone
        self.caption("substitute", 3.5, shows=why)
        self.play(Create(self.graph), FadeIn(self.panel_top), run_time=2)  # the function it names, as it is said
        self.play(FadeOut(why), run_time=0.5)  # once it is said

    def show_direction(self, role: str) -> None:
        run = self.plan.run(role)
        x0, x1, slope = run.xs[0], run.xs[1], run.slopes[0]
        tracker = ValueTracker(x0)
        ball = TrajectoryBall(self.graph, run.xs, ValueTracker(0))
        ball.clear_updaters()
        tangent = Tangent(self.graph, tracker, with_dot=False)
        tangent.clear_updaters()
        colour = theme.NEGATIVE if slope < 0 else theme.POSITIVE
        arrow = step_arrow(self.graph, x0, x1, colour)
        product, difference = numbers.worked_step(x0, run.lr, slope, x1, self.language, self.plan.name)
        lines = VGroup(
            paragraph(self.says(role), theme.PANEL_WIDTH, theme.LABEL_SIZE, colour),
            formula(product, theme.LABEL_SIZE),
            formula(difference, theme.LABEL_SIZE),
            paragraph(self.says("arrow"), theme.PANEL_WIDTH, theme.SMALL_SIZE, theme.MUTED),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        fit_width(lines).next_to(self.panel_top, DOWN, 0.45).align_to(self.panel_top, LEFT)
        keep_in_frame(lines)
        self.caption(role, 3.5, shows=(lines[0], ball, tangent))
        self.play(FadeIn(ball), Create(tangent), FadeIn(lines[0]), run_time=0.8)
        self.play(GrowFromPoint(arrow, arrow[0].get_start()), FadeIn(lines[1]), run_time=0.8)
        self.play(FadeIn(lines[2]), FadeIn(lines[3]), run_time=0.6)
        self.wait(0.8)
        self.play(FadeOut(ball, tangent, arrow, lines), run_time=0.5)

    def descend(self, role: str) -> None:
        """The run step by step, its counter, x and f(x) read out, up to the step its sentence counts."""
        run, xs = self.plan.run(role), self.plan.run_entry(role).drawn_xs()
        tracker = ValueTracker(0)
        ball = TrajectoryBall(self.graph, xs, tracker)
        step = ValueReadout(f"\"{self.t('gd.iteration')}\" k", tracker, lambda k: float(ball.step_index()),
                            decimals=0, size=theme.LABEL_SIZE, language=self.language)
        x_now = ValueReadout("x_k", tracker, lambda k: run.xs[ball.step_index()],
                             decimals=numbers.readout_decimals(run.xs, digits=4), size=theme.LABEL_SIZE,
                             language=self.language)
        f_now = ValueReadout("f(x_k)", tracker, lambda k: run.ys[ball.step_index()],
                             decimals=numbers.readout_decimals(run.ys, digits=4), size=theme.LABEL_SIZE,
                             language=self.language)
        story = paragraph(self.says("descent"), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        panel = VGroup(story, step, x_now, f_now).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        panel.next_to(self.panel_top, DOWN, 0.45).align_to(self.panel_top, LEFT)
        self.caption("descent", 3, shows=(story, ball))
        self.play(FadeIn(ball), FadeIn(panel), run_time=0.6)
        first = min(5, len(xs) - 1)
        for k in range(first):  # the first steps one by one, each with its arrow to scale
            arrow = step_arrow(self.graph, xs[k], xs[k + 1],
                               theme.NEGATIVE if run.slopes[k] < 0 else theme.POSITIVE)
            self.play(GrowFromPoint(arrow, arrow[0].get_start()), run_time=0.35)
            self.play(tracker.animate.set_value(k + 1), FadeOut(arrow), run_time=0.45)
        if len(xs) - 1 > first:
            self.play(tracker.animate.set_value(len(xs) - 1), run_time=run_time_for(len(xs) - 1), rate_func=linear)
        trail = VGroup(*[Dot(self.graph.point(x), radius=0.035, color=theme.BALL) for x in xs])
        result = paragraph(self.says("result"), theme.PANEL_WIDTH, theme.LABEL_SIZE,
                           theme.MINIMUM if run.outcome == "converged" else theme.BALL)
        result.next_to(panel, DOWN, 0.3).align_to(panel, LEFT)
        keep_in_frame(result)
        self.caption("result", 3, shows=(result, ball, trail))
        self.play(FadeIn(trail), FadeIn(result), run_time=0.8)
        for mob in (ball, step.number, x_now.number, f_now.number):
            mob.clear_updaters()
        self.wait(1.0)
        self.key_frame()  # the rule, and the ball at the minimum with its trail: the section's idea
        if role != SLIDE_ROLE or self.plan.has_run("escape"):  # more follows; else this is the last picture
            self.play(FadeOut(self.graph, ball, trail, panel, result, self.panel_top), run_time=0.7)

    def compare_learning_rates(self, roles: tuple[str, ...]) -> None:
        runs = tuple(self.plan.run(role) for role in roles)
        heading = label(self.t("gd.rates"), theme.BODY_SIZE, theme.TEXT, weight="bold")
        heading.move_to([0, 2.55, 0])
        panels, balls, trackers, results = VGroup(), [], ValueTracker(0), VGroup()
        self.rate_outcomes: list[tuple[float, str]] = []
        width = min(3.9, 12.6 / max(len(runs), 1) - 0.6)
        for run, colour in zip(runs, RATE_COLORS * 3):
            graph = LessonGraph(self.plan.analysis, width=width, height=2.7, tick_size=theme.TICK_SIZE - 4,
                                y_name=f"{self.plan.name}(x)", language=self.language)
            name = formula(f"eta = {self.num(run.lr)}", theme.LABEL_SIZE, colour)
            panels.add(VGroup(name, graph).arrange(DOWN, buff=0.2))
            balls.append((graph, run, colour))
        panels.arrange(RIGHT, buff=0.6).move_to([0, -0.35, 0])
        keep_in_frame(panels)
        self.caption("rates", 4, shows=(heading, panels))
        self.play(FadeIn(heading), *[Create(p) for p in panels], run_time=1.5)
        drawn = [self.plan.run_entry(role).drawn_xs() for role in roles]  # a run that flies off is seen leaving
        movers = [TrajectoryBall(graph, xs, trackers, radius=0.1, color=colour)
                  for (graph, _, colour), xs in zip(balls, drawn)]
        self.play(*[FadeIn(b) for b in movers], run_time=0.5)
        longest = max(len(xs) for xs in drawn) - 1
        self.play(trackers.animate.set_value(longest), run_time=min(6.0, max(3.0, longest / 12)), rate_func=linear)
        for ball in movers:
            ball.clear_updaters()
        for (_, run, colour), panel, role in zip(balls, panels, roles):
            text = paragraph(self.writes(self.plan.result(role)), panel.width, theme.SMALL_SIZE, colour)
            results.add(text.next_to(panel, DOWN, 0.25))
            self.rate_outcomes.append((run.lr, run.outcome))
        keep_in_frame(results)
        for (_, _, colour), panel, text, role in zip(balls, panels, results, roles):
            self.say_outcome(role, panel, text, colour)
        self.play(FadeOut(heading, panels, results, *movers), run_time=0.7)

    def say_outcome(self, role: str, panel: VGroup, text, colour: str) -> None:
        """A run's outcome said while its panel is highlighted and its result written under it."""
        content, safe = box_of(VGroup(panel, text)), safe_area()
        # 0.1 round the panel and its result, but never outside the safe area (the panels reach its edges)
        left, right = max(content.left - 0.1, safe.left + 0.02), min(content.right + 0.1, safe.right - 0.02)
        bottom, top = max(content.bottom - 0.1, safe.bottom + 0.02), min(content.top + 0.1, safe.top - 0.02)
        frame = RoundedRectangle(width=right - left, height=top - bottom, corner_radius=0.08, color=colour,
                                 stroke_width=3).move_to([(left + right) / 2, (bottom + top) / 2, 0])
        self.caption(self.plan.result(role), 2.5, cue=f"outcome.{role}", shows=(text, panel, frame))
        self.play(Create(frame), FadeIn(text), run_time=0.6)
        self.wait(0.5)
        self.play(FadeOut(frame), run_time=0.3)  # once the outcome has been said

    def escape_plateau(self, stall: Trajectory, escape: Trajectory) -> None:
        plateau = self.plan.extra.plateau
        name = f"{self.plan.extra.plateau_name}(x)"  # section 3's name for it
        graph = LessonGraph(plateau, width=7.2, height=3.9, y_name=name, language=self.language).move_to(
            [-2.4, -0.55, 0])
        bands = VGroup(*[graph.shade(p.start, p.end, theme.PLATEAU, theme.PLATEAU_OPACITY) for p in plateau.plateaus])
        optimizer = self.t("gd.momentum") if escape.optimizer == "momentum" else escape.optimizer.capitalize()
        note = paragraph(self.says("escape"), 11.5, theme.LABEL_SIZE)
        note.move_to([0, 2.5, 0])
        keep_in_frame(note)
        tracker = ValueTracker(0)
        plain = TrajectoryBall(graph, stall.xs, tracker, radius=0.12, color=theme.BALL)
        fast = TrajectoryBall(graph, escape.xs, tracker, radius=0.12, color=ESCAPE_COLOR)
        legend = VGroup(label(f"● {self.t('gd.plain')} (η = {numbers.plain(stall.lr, self.language)})",
                              theme.LABEL_SIZE, theme.BALL),
                        label(f"● {optimizer} (η = {numbers.plain(escape.lr, self.language)})", theme.LABEL_SIZE,
                              ESCAPE_COLOR))
        results = [self.plan.result("escape_gd"), self.plan.result("escape")]
        outcomes = VGroup(*[paragraph(self.writes(line), 3.9, theme.SMALL_SIZE, colour)
                            for line, colour in zip(results, (theme.BALL, ESCAPE_COLOR))])
        column = VGroup(legend[0], outcomes[0], legend[1], outcomes[1]).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        column[2].shift(0.2 * DOWN)
        column[3].shift(0.2 * DOWN)
        fit_width(column, 3.9).next_to(graph, RIGHT, 0.3).align_to(graph, UP)
        keep_in_frame(column)
        self.caption("escape", 4, shows=(note, graph))
        self.play(FadeIn(note), Create(graph), FadeIn(bands), run_time=1.5)
        self.bring_to_back(bands)
        self.play(FadeIn(plain), FadeIn(fast), FadeIn(legend), run_time=0.6)
        longest = max(len(stall.xs), len(escape.xs)) - 1
        self.play(tracker.animate.set_value(longest), run_time=min(6.0, max(3.0, longest / 60)), rate_func=linear)
        plain.clear_updaters()
        fast.clear_updaters()
        for role, line, ball, name, outcome in zip(("escape_gd", "escape"), results, (plain, fast), legend, outcomes):
            self.caption(line, 3, cue=f"outcome.{role}", shows=(outcome, name, ball))
            self.play(FadeIn(outcome), run_time=0.6)
        self.wait(1.0)
