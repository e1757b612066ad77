"""Section 3 `plateaus`: a ball that stalls where the gradient vanishes.

The loss of one sigmoid neuron, its plateaus (from mathcore) shaded. Gradient descent started on the slope
moves briskly and settles in the minimum; started where the neuron is saturated it barely moves: |f'| and
the step shrink toward 0 and mathcore calls the run `stalled`. Then why deep sigmoid networks suffer:
σ'(x) ≤ 1/4, so n layers multiply to at most (1/4)^n.

Preview with the manim CLI: `manim -ql sections/plateaus/scene.py PlateausScene`.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Create, Rectangle, ValueTracker, VGroup, Write, linear

from lessons import numbers
from lessons.demos import SLIDE_ROLE
from lessons.formulas import function_typst, to_typst
from mathcore import Trajectory
from scenes import theme
from scenes.descent import TrajectoryBall, run_time_for
from scenes.fades import FadeIn, FadeOut
from scenes.fitting import fit_width, keep_in_frame, shrink_legibly
from scenes.graphing import LessonGraph
from scenes.readouts import ValueReadout
from scenes.text import formula, label, paragraph, relation_text, section_title
from sections.section_scene import SectionScene

BAR_WIDTH = 3.2


class PlateausScene(SectionScene):
    slug = "plateaus"

    def construct(self) -> None:
        self.show_title()
        self.show_loss()
        self.shade_plateaus()
        self.roll("slope" if self.plan.has_run("slope") else SLIDE_ROLE, "steep")
        self.roll("plateau", "saturated")
        self.explain_stall()
        self.explain_sigmoid_chain()
        self.wait(1.0)

    def show_title(self) -> None:
        self.caption("title.plateaus", 2)
        self.play(Write(section_title(self.t("title.plateaus"))), run_time=1.2)

    def show_loss(self) -> None:
        analysis = self.plan.analysis
        name = self.plan.name  # the section's own loss L, or the lesson's f
        self.graph = LessonGraph(analysis, y_name=f"{name}(x)", language=self.language).move_to(theme.GRAPH_CENTER)
        heading = label(self.says("heading"), theme.LABEL_SIZE, theme.MUTED)
        loss = fit_width(formula(f"{name}(x) = {function_typst(analysis.function)}", theme.BODY_SIZE))
        self.panel_top = VGroup(heading, loss).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        self.panel_top.move_to([theme.PANEL_X, 2.3, 0]).align_to([theme.PANEL_LEFT, 0, 0], LEFT)
        if self.plan.has("substitute"):
            why = paragraph(self.says("substitute"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.MUTED)
            why.next_to(self.panel_top, DOWN, 0.35).align_to(self.panel_top, LEFT)
            self.play(FadeIn(why), run_time=0.8)  # while the title is said: the frame is never the title alone
            self.caption("substitute", 3.5, shows=why)
            self.play(Create(self.graph), FadeIn(self.panel_top), run_time=2)  # the loss it names, as it is said
            self.play(FadeOut(why), run_time=0.5)  # once it is said
            return
        if self.plan.has("intro"):  # the lesson's own example of a plateau, introduced in its words
            intro = paragraph(self.says("intro"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.MUTED)
            intro.next_to(self.panel_top, DOWN, 0.35).align_to(self.panel_top, LEFT)
            self.play(FadeIn(intro), run_time=0.8)  # while the title is said: the frame is never the title alone
            self.caption("intro", 3.5, shows=intro)
            self.play(Create(self.graph), FadeIn(self.panel_top), run_time=2)  # the loss it introduces
            self.play(FadeOut(intro), run_time=0.5)  # once it is said
            return
        self.play(Create(self.graph), FadeIn(self.panel_top), run_time=2)  # a heading, not a sentence to say

    def shade_plateaus(self) -> None:
        analysis = self.plan.analysis
        bands = VGroup()
        for plateau in analysis.plateaus:
            band = self.graph.shade(plateau.start, plateau.end, theme.PLATEAU, theme.PLATEAU_OPACITY)
            name = label(self.t("pl.plateau"), theme.SMALL_SIZE, theme.TEXT)  # not yellow on its yellow band
            if shrink_legibly(name, band.width * 0.95):
                bands.add(VGroup(band, name.next_to(band.get_top(), DOWN, 0.12)))
            else:  # too narrow a band to name legibly: the panel's note, in the band's colour, names it
                bands.add(VGroup(band))
        self.graph.make_room(*[b[1] for b in bands if len(b) > 1])
        note = paragraph(self.says("shaded"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.PLATEAU)
        note.next_to(self.panel_top, DOWN, 0.35).align_to(self.panel_top, LEFT)
        self.caption("shaded", 3.5, shows=(note, bands))
        self.play(FadeIn(bands), FadeIn(note), run_time=1.2)
        self.bring_to_back(bands)
        self.wait(0.5)
        self.play(FadeOut(note), run_time=0.5)  # once it is said

    def roll(self, role: str, story_key: str) -> None:
        """The run with its counter, |f′| and step size read out, up to the step its sentence counts."""
        trajectory = self.plan.run(role)
        xs = self.plan.run_entry(role).drawn_xs()
        scale = self.plan.analysis.landscape.slope_scale
        tracker = ValueTracker(0)
        ball = TrajectoryBall(self.graph, xs, tracker)
        steps = [self._step_size(trajectory, k) for k in range(len(xs))]
        step = ValueReadout(f"\"{self.t('pl.step')}\" k", tracker, lambda k: float(ball.step_index()),
                            decimals=0, size=theme.LABEL_SIZE, language=self.language)
        slope = ValueReadout(f"abs({self.plan.name}'(x_k))", tracker,
                             lambda k: abs(trajectory.slopes[ball.step_index()]),
                             decimals=numbers.readout_decimals(trajectory.slopes), size=theme.LABEL_SIZE,
                             language=self.language, bound=True)
        move = ValueReadout("abs(x_(k+1) - x_k)", tracker, lambda k: steps[ball.step_index()],
                            decimals=numbers.readout_decimals(steps), size=theme.LABEL_SIZE, language=self.language,
                            bound=True)
        bar_frame = Rectangle(width=BAR_WIDTH, height=0.22, stroke_color=theme.MUTED, stroke_width=1.5)
        bar = Rectangle(width=BAR_WIDTH, height=0.22, stroke_width=0, fill_color=theme.BALL, fill_opacity=0.9)
        bar_name = label(self.t("pl.gradient"), theme.SMALL_SIZE, theme.MUTED)

        def resize(mob):
            fraction = abs(trajectory.slopes[ball.step_index()]) / scale
            mob.stretch_to_fit_width(max(BAR_WIDTH * min(fraction, 1.0), 1e-3))
            mob.align_to(bar_frame, LEFT)
        bar.add_updater(resize)
        story = paragraph(self.says(story_key), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        gradient = VGroup(bar_name, VGroup(bar_frame, bar)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        panel = VGroup(story, step, slope, move, gradient)
        panel.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        panel.next_to(self.panel_top, DOWN, 0.35).align_to(self.panel_top, LEFT)
        keep_in_frame(panel)
        resize(bar)
        self.caption(story_key, 2.5, shows=(story, ball))
        self.play(FadeIn(ball), FadeIn(panel), run_time=0.8)
        self.wait(0.6)
        self.play(tracker.animate.set_value(len(xs) - 1), run_time=run_time_for(len(xs) - 1), rate_func=linear)
        statement = self.plan.result(role)
        result = paragraph(self.writes(statement), theme.PANEL_WIDTH, theme.LABEL_SIZE,
                           theme.MINIMUM if trajectory.outcome == "converged" else theme.BALL)
        result.next_to(panel, DOWN, 0.3).align_to(panel, LEFT)
        keep_in_frame(result)
        self.caption(statement, 2, cue=f"outcome.{role}", shows=(result, ball, panel))
        self.play(FadeIn(result), run_time=0.6)
        self.wait(0.6)
        for mob in (ball, bar, step.number, slope.number, move.number):
            mob.clear_updaters()
        self.last_run = VGroup(ball, result)
        self.last_panel = panel
        self.play(FadeOut(panel), FadeOut(result), *([] if story_key == "saturated" else [FadeOut(ball)]),
                  run_time=0.5)

    @staticmethod
    def _step_size(trajectory: Trajectory, k: int) -> float:
        if k + 1 < len(trajectory.xs):
            return abs(trajectory.xs[k + 1] - trajectory.xs[k])
        return abs(trajectory.xs[k] - trajectory.xs[k - 1]) if k > 0 else 0.0

    def explain_stall(self) -> None:
        note = paragraph(self.says("stalled"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.TEXT)
        note.next_to(self.panel_top, DOWN, 0.35).align_to(self.panel_top, LEFT)
        self.caption("stalled", 3.5, shows=(note, self.last_run[0]))
        self.play(FadeIn(note), run_time=0.7)
        self.wait(0.8)
        self.key_frame()  # the ball stalled on the shaded plateau, and why: the section's idea
        self.play(FadeOut(note), run_time=0.5)

    def explain_sigmoid_chain(self) -> None:
        intro = paragraph(self.says("chain"), theme.PANEL_WIDTH, theme.LABEL_SIZE)
        rows = VGroup()
        for factor in self.plan.extra.chain:
            rows.add(VGroup(label(self.t("pl.depth", n=factor.depth), theme.LABEL_SIZE, theme.MUTED),
                            formula(f"(1/4)^{factor.depth} = {to_typst(factor.bound)} "
                                    f"{relation_text(factor.value, self.language)}",
                                    theme.LABEL_SIZE)).arrange(RIGHT, buff=0.3))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        block = VGroup(intro, rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        block.next_to(self.panel_top, DOWN, 0.35).align_to(self.panel_top, LEFT)
        fit_width(block)
        keep_in_frame(block)
        self.caption("chain", 4, shows=intro)
        self.play(FadeIn(intro), run_time=0.8)
        for row in rows:
            self.play(FadeIn(row, shift=0.1 * RIGHT), run_time=0.6)
        self.wait(1.0)
