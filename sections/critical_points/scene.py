"""Section 1 `critical_points`: where the derivative is 0.

A tangent slides along f with a live slope read-out; at every critical point it turns horizontal (or
vanishes, where f' does not exist) and the point is marked; then f'(x) = 0 is solved on screen with
mathcore's exact solutions, and a flat tangent that is not an extremum (x³-type) is shown failing.

Preview with the manim CLI: `manim -ql sections/critical_points/scene.py CriticalPointsScene`.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Create, Flash, Indicate, ValueTracker, VGroup, Write

from lessons import numbers
from lessons.formulas import OR, function_typst, to_typst, typst_items
from lessons.text import Exact, Points
from scenes import layout, theme
from scenes.fades import FadeIn, FadeOut
from scenes.fitting import fit_width, keep_in_frame
from scenes.graphing import LessonGraph
from scenes.markers import CriticalMarker, asymptote_labels, place_markers
from scenes.readouts import ValueReadout
from scenes.tangent import Tangent, slope_color
from scenes.text import MAX_EXACT, formula, label, number_text, paragraph, relation_text, section_title
from scenes.zoom import ZoomView
from sections.section_scene import SectionScene

EDGE = 0.02  # the tangent starts and ends this fraction of the domain inside its ends
COUNTER_NAME = "g"  # the counterexample is not the lesson's f (whose own point at 0 may be an extremum)
SOLUTION_ROOM = 40  # characters of an exact solution written out in the worked solving (−arcsin(1/6)/3 + π/3)
LINE_GAP = 0.18  # between the lines of the solving


def slide_time(distance: float, width: float) -> float:
    """Seconds to slide the tangent over `distance`: a full domain width in about 6 s, never rushed."""
    return max(1.2, 6.0 * distance / width)


def solution_parts(relation: str, written: list[tuple[str, bool]], between: list[tuple[str, str]],
                   separator: str) -> tuple[str, list[str], str]:
    """(head, items, tail) of `relation ⇔ …` in Typst: a set of numbers `x ∈ {a; b} ∪ (c; d)` when every
    point is written exactly (`written`: its text and whether it is a rounded decimal; `between`: the ends
    of the intervals where the relation holds throughout), else — a set holds numbers, not relations — each
    point with its relation, `x ≈ −4,913; x = 0; c < x < d`."""
    arrow = f"{relation} quad arrow.l.r.double quad "
    if any(rounded for _, rounded in written):
        items = [f"x {'approx' if rounded else '='} {text}" for text, rounded in written]
        return arrow, items + [f"{lo} < x < {hi}" for lo, hi in between], ""
    intervals = [f"({lo}{separator} {hi})" for lo, hi in between]
    if written:
        return f"{arrow}x in {{", [text for text, _ in written], "}" + "".join(f" union {i}" for i in intervals)
    return f"{arrow}x in ", [" union ".join(intervals)], ""


class CriticalPointsScene(SectionScene):
    slug = "critical_points"

    def construct(self) -> None:
        analysis = self.plan.analysis
        self.points = analysis.critical_points
        self.show_title()
        self.show_curve()
        self.slide_tangent_through_points()
        self.solve_on_screen()
        self.show_failing_candidate()
        self.wait(1.5)

    def point_text(self, point, room: int) -> tuple[str, bool]:
        """A point's x in Typst: its exact form when short enough for `room`, else the decimal; and whether
        that decimal rounds it."""
        text = number_text(point.x, self.language, point.x_expr, room=room)
        return text, text == numbers.typst(point.x, self.language) and numbers.approximate(point.x)

    def solution_block(self, relation: str, points, room: int, pieces=()) -> VGroup:
        """`relation ⇔ x ∈ {…}` (with `∪ (c; d)` for an interval where f′ ≡ 0) when every point is written
        exactly; a set holds numbers, so when one is a rounded decimal each point is written with its
        relation instead (`x ≈ −4,913; x = 0`). Exact forms up to `room` characters of text, wrapped onto
        as many lines as the panel's width needs (never shrunk to illegible), continuation lines indented."""
        separator = numbers.LIST_SEPARATOR[self.language].strip()
        written = [self.point_text(p, room) for p in points]
        between = [(numbers.typst(lo, self.language), numbers.typst(hi, self.language)) for lo, hi in pieces]
        head, items, tail = solution_parts(relation, written, between, separator)
        lines: list = []
        current: list[str] = []

        def line(chunk: list[str], last: bool):
            return formula((head if not lines else "") + f"{separator} ".join(chunk) + (tail if last else separator),
                           theme.BODY_SIZE, theme.FLAT)
        for i, item in enumerate(items):
            last = i == len(items) - 1
            if current and line(current + [item], last).width > theme.PANEL_WIDTH:
                lines.append(fit_width(line(current, False)))
                current = []
            current.append(item)
        lines.append(fit_width(line(current, True)))
        block = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        for continued in lines[1:]:
            continued.shift(0.5 * RIGHT)
        return block

    def derivative_line(self) -> str:
        """f′(x) as Typst: piece by piece where sympy writes Heaviside steps (the derivative of relu), else
        mathcore's formula, with the points where it does not hold (f′ does not exist there) beside it."""
        analysis = self.plan.analysis
        pieces = analysis.derivative_pieces
        if pieces:
            a, b = analysis.domain
            when = f'" {self.t("cp.when")} "'

            def condition(piece) -> str:
                lo, hi = numbers.typst(piece.start, self.language), numbers.typst(piece.end, self.language)
                if piece.start == a:
                    return f"x < {hi}"
                return f"x > {lo}" if piece.end == b else f"{lo} < x < {hi}"
            rows = ", ".join(f"{to_typst(p.expr)} & {when} {condition(p)}" for p in pieces)
            return f"f'(x) = cases({rows})"
        kinks = [p for p in self.points if not p.differentiable]
        separator = f"{numbers.LIST_SEPARATOR[self.language].strip()} "
        # where f' does not exist, the formula sympy gives for f' does not hold: say so beside it
        where = "" if not kinks else (
            f" quad (x != {number_text(kinks[0].x, self.language, kinks[0].x_expr)})" if len(kinks) == 1 else
            f" quad (x in.not {{{separator.join(number_text(p.x, self.language, p.x_expr) for p in kinks)}}})")
        return f"f'(x) = {to_typst(analysis.function.derivative)}{where}"

    # beats ---------------------------------------------------------------------------------------------------
    def show_title(self) -> None:
        self.title = section_title(self.t("title.critical_points"))
        self.caption("title.critical_points", 2)
        self.play(Write(self.title), run_time=1.2)

    def show_curve(self) -> None:
        analysis = self.plan.analysis
        self.graph = LessonGraph(analysis, language=self.language).move_to(theme.GRAPH_CENTER)
        heading = label(self.t("cp.function"), theme.LABEL_SIZE, theme.MUTED)
        f_text = formula(f"f(x) = {function_typst(analysis.function)}", theme.BODY_SIZE)
        self.panel_top = VGroup(heading, f_text).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        fit_width(self.panel_top).move_to([theme.PANEL_X, 2.35, 0]).align_to([theme.PANEL_LEFT, 0, 0], LEFT)
        self.markers = VGroup(*[CriticalMarker(self.graph, p, color=theme.FLAT) for p in self.points])
        # a point the graph's scale cannot show (too small, or a rounded bottom that looks like a kink) is named on
        # its zoomed view only: here, its dot alone
        small = [m.bare() for m in self.markers if self.plan.zoom(m.point_data.x) is not None]
        # each pole's asymptote is named x = … on the graph, said with the domain (before the markers take spots)
        self.asymptote_labels = asymptote_labels(self.graph) if self.plan.has("asymptote") else VGroup()
        entries = place_markers(self.graph, [m for m in self.markers if m.labelled], *[m.dot for m in small],
                                *self.asymptote_labels)
        legend = VGroup(*entries).arrange(RIGHT, buff=0.45) if entries else VGroup()
        self.legend = legend
        if entries:  # the numbered markers' coordinates, in the band under the graph
            fit_width(legend, self.graph.axes.width).next_to(self.graph.axes, DOWN, 0.45)
            legend.align_to(self.graph.axes, LEFT)
        graph = self.graph
        self.play(Create(graph.axes), FadeIn(graph.axis_break, graph.ticks, graph.x_label, graph.y_label),
                  run_time=1.0)
        self.play(Create(graph.curve), FadeIn(graph.asymptotes, graph.holes), FadeIn(self.panel_top), FadeIn(legend),
                  run_time=1.5)
        self.state_domain()

    def state_domain(self) -> None:
        """Where f is undefined, said as the graph first shows it: the domain D = [a; b] \\ {…} under f(x), then
        each pole's asymptote labelled x = … (a hole is said undefined, and is no asymptote)."""
        self.domain_line = None
        if not self.plan.has("domain"):
            return
        graph = self.graph
        domain = paragraph(self.says("domain"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.TEXT)
        domain.next_to(self.panel_top, DOWN, 0.3, aligned_edge=LEFT)
        keep_in_frame(domain)
        self.caption("domain", 3, shows=(domain, *[g for g in (graph.asymptotes, graph.holes) if len(g)]))
        self.play(FadeIn(domain), run_time=0.8)
        self.domain_line = domain
        self.remove(domain)
        self.panel_top.add(domain)  # drawn once, as part of the panel: what comes next in the panel goes under it
        if self.plan.has("asymptote"):
            self.caption("asymptote", 3, shows=(self.asymptote_labels, graph.asymptotes))
            self.play(FadeIn(self.asymptote_labels), Indicate(graph.asymptotes, color=theme.TEXT, scale_factor=1.0),
                      run_time=1.0)

    def slide_tangent_through_points(self) -> None:
        a, b = self.plan.analysis.domain
        width = b - a
        self.tracker = ValueTracker(a + EDGE * width)
        tangent = Tangent(self.graph, self.tracker)
        fn = self.plan.analysis.function
        scale = self.plan.analysis.landscape.slope_scale
        kinks = [p.x for p in self.points if not p.differentiable]
        near = 1e-9 * width

        def slope_at(x: float) -> float | None:
            return None if any(abs(x - k) <= near for k in kinks) else fn.slope(x)
        samples = fn.df(fn.grid(801))
        x_readout = ValueReadout("x", self.tracker, lambda x: x, language=self.language,
                                 decimals=numbers.readout_decimals([a, b]))
        slope_readout = ValueReadout("f'(x)", self.tracker, slope_at, lambda s: slope_color(s, scale),
                                     decimals=numbers.readout_decimals(samples), language=self.language)
        slope_name = label(self.t("cp.slope"), theme.LABEL_SIZE, theme.MUTED)
        readouts = VGroup(slope_name, x_readout, slope_readout).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        readouts.next_to(self.panel_top, DOWN, 0.5, aligned_edge=LEFT)
        self.caption("tangent", 3, shows=(tangent, readouts))
        self.play(FadeIn(tangent, readouts), run_time=1.0)
        message = None
        position = self.tracker.get_value()
        markers = dict(zip((p.x for p in self.points), self.markers))
        flat = [s for s in self.plan.analysis.sign_chart if s.sign == "0"]
        stops = sorted([(p.x, f"point.{i}", p) for i, p in enumerate(self.points)] +
                       [(0.5 * (s.start + s.end), f"flat.{j}", s) for j, s in enumerate(flat)], key=lambda t: t[0])
        self.flat_marks = VGroup()
        for x, name, what in stops:
            # the previous stop's sentence leaves as the tangent leaves it
            self.play(self.tracker.animate.set_value(x), *([FadeOut(message, run_time=0.4)] if message else []),
                      run_time=slide_time(x - position, width))
            position = x
            message = paragraph(self.says(name), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.FLAT)
            message.next_to(readouts, DOWN, 0.5, aligned_edge=LEFT)
            if name.startswith("flat"):
                piece = self.graph.highlight(what.start, what.end, theme.FLAT)
                self.flat_marks.add(piece)
                self.caption(name, 1.8, shows=(message, piece))
                self.play(Create(piece), FadeIn(message), run_time=0.8)
            elif self.plan.zoom(x) is not None:
                self.say_zoomed(name, what, message, tangent, markers[x])
                message = None  # gone with the zoomed view
                continue
            else:
                marker = markers[x]
                self.caption(name, 1.8, shows=(message, marker))
                self.play(Flash(marker.dot, color=theme.FLAT, flash_radius=0.35), FadeIn(marker), FadeIn(message),
                          run_time=0.8)
            self.wait(1.0)
        self.play(self.tracker.animate.set_value(b - EDGE * width),
                  *([FadeOut(message, run_time=0.4)] if message else []),
                  run_time=slide_time(b - EDGE * width - position, width))
        tangent.clear_updaters()
        slope_readout.number.clear_updaters()
        x_readout.number.clear_updaters()
        self.play(FadeOut(tangent, readouts), run_time=0.6)

    def say_zoomed(self, name: str, point, message, tangent: Tangent, main_marker: CriticalMarker) -> None:
        """A point too small for the graph's scale (the plan's zoom): the main graph gives way to a zoomed view of
        the window round it, where the horizontal tangent and the point's marker are drawn while its sentence is
        said; then the main graph comes back, the point marked by its dot alone (it cannot be seen there)."""
        view = ZoomView.of(self, point)
        marker = view.marker(point, color=theme.FLAT)
        others = view.dots(self.points, point)
        entries = place_markers(view.graph, [marker], *others, view.heading)
        legend = VGroup(*entries)
        if entries:
            fit_width(legend, view.graph.axes.width).next_to(view.graph.axes, DOWN, 0.45)
        flat = Tangent(view.graph, ValueTracker(point.x))
        flat.clear_updaters()
        hidden = [m for m in (self.graph, tangent, self.legend, *self.asymptote_labels, *self.markers, *self.flat_marks)
                  if self.visible(m)]
        self.play(view.outline(), run_time=0.6)
        self.caption(name, 1.8, shows=(message, marker, view.graph, flat))
        self.play(*view.enter(hidden), FadeIn(others, flat, legend), run_time=0.9)
        self.play(Flash(marker.dot, color=theme.FLAT, flash_radius=0.35), FadeIn(marker), FadeIn(message),
                  run_time=0.8)
        self.wait(1.0)
        self.play(*view.leave(hidden), FadeOut(others, flat, legend, marker, message), FadeIn(main_marker),
                  run_time=0.8)

    def undefined_line(self) -> VGroup:
        """f′ không xác định tại x = ±1 (f′ is undefined at …): the plan's `undefined` statement, its points
        written as the board writes numbers (x = ±1 for a point and its opposite)."""
        where = dict(self.plan.say("undefined").fields)["x"]
        pair = where.pair() if isinstance(where, Points) else None
        items = (where,) if isinstance(where, Exact) else where.items
        if pair is not None:
            points = f"x = plus.minus {number_text(pair.value, self.language, pair.expr)}"
        else:
            separator = f'{numbers.LIST_SEPARATOR[self.language].strip()} '
            points = separator.join(f"x {relation_text(e.value, self.language, e.expr)}" for e in items)
        words = self.t("cp.undefined_words")
        return formula(f'f\' " {words} " {points}', theme.BODY_SIZE, theme.FLAT)

    def solution_lines(self, room: int) -> list[tuple[tuple[str, ...], VGroup]]:
        """The board where f′(x) = 0 is not solved step by step: the heading and f′(x) (said as `solve`), then
        where f′ = 0 (said by the plan's `zero.i`, one per point set or flat piece) and, in words, where f′ is
        undefined (`undefined`); each line with the statements it shows."""
        analysis = self.plan.analysis
        stationary = [p for p in self.points if p.differentiable]
        kinks = [p for p in self.points if not p.differentiable]
        flat = [(s.start, s.end) for s in analysis.sign_chart if s.sign == "0"]
        lines = [(("solve",), paragraph(self.says("solve"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.MUTED)),
                 ((), formula(self.derivative_line(), theme.BODY_SIZE))]
        if analysis.factored_derivative is not None and not analysis.derivative_pieces:
            lines.append(((), formula(f"= {to_typst(analysis.factored_derivative)}", theme.BODY_SIZE)))
        zeros = tuple(name for name, _ in self.plan.statements if name.startswith("zero."))
        if stationary or flat:
            lines.append((zeros, self.solution_block("f'(x) = 0", stationary, room, flat)))
        else:
            lines.append((zeros, formula("f'(x) = 0 quad arrow.l.r.double quad x in emptyset", theme.BODY_SIZE,
                                         theme.FLAT)))
        if kinks:  # in the words a class writes: f′ không xác định tại x = ±1
            lines.append((("undefined",), self.undefined_line()))
        for _, formula_line in lines[1:]:
            fit_width(formula_line)
        VGroup(*(line for _, line in lines)).arrange(DOWN, aligned_edge=LEFT, buff=0.22).next_to(
            self.panel_top, DOWN, 0.55, aligned_edge=LEFT)
        return lines

    def equation_rows(self, line, head: str, after: str = "") -> VGroup:
        """A line of the solving as the board writes it: `head` (f′(x) =, ⇔), its equations joined by "hoặc",
        wrapped between equations onto as many rows as the panel's width needs, continuation rows indented."""
        items, tail = typst_items(line, self.language)
        joiner = f' "  {OR[self.language]}  " '  # a word between equations, spaced as in a sentence

        def row(chunk: list[str], first: bool, last: bool):  # a row that does not end the line ends with "hoặc"
            return formula((head if first else "") + joiner.join(chunk) + (tail + after if last else joiner.rstrip()),
                           theme.BODY_SIZE)
        rows: list = []
        current: list[str] = []
        for i, item in enumerate(items or [""]):
            if current and row(current + [item], not rows, i == len(items) - 1).width > theme.PANEL_WIDTH:
                rows.append(fit_width(row(current, not rows, False)))
                current = []
            current.append(item)
        rows.append(fit_width(row(current, not rows, True)))
        if len(rows) > 1:  # as many rows, the equations shared out evenly (not 1 + 2), where they still fit
            size = -(-len(items) // len(rows))
            chunks = [items[k:k + size] for k in range(0, len(items), size)]
            even = [row(chunk, k == 0, k == len(chunks) - 1) for k, chunk in enumerate(chunks)]
            if len(even) == len(rows) and all(r.width <= theme.PANEL_WIDTH - (0.5 if k else 0)
                                              for k, r in enumerate(even)):
                rows = even
        block = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        for continued in rows[1:]:
            continued.shift(0.5 * RIGHT)
        return fit_width(block)

    def worked_lines(self) -> list[tuple[str, VGroup]]:
        """(statement, picture) for each line of f′(x) = 0 solved (the plan's `step.i`), or for "giải gần đúng"
        and each interval where f′ changes sign (`numeric`, `bracket.i`) under f′(x) itself."""
        out = []
        i = 0
        while self.plan.has(f"step.{i}"):
            fields = dict(self.plan.say(f"step.{i}").fields)
            never = fields.get("never")
            after = "" if never is None else \
                f" quad ({' , '.join(to_typst(e) for e in never.line)} != 0)"
            head = "f'(x) = " if i == 0 else "arrow.l.r.double quad "
            if "a" in fields:  # the solutions inside (a; b), a family's members there: as a set, on one row
                separator = numbers.LIST_SEPARATOR[self.language].strip()
                members = f"{separator} ".join(to_typst(rhs) for _, rhs in fields["eq"].line.args)
                inside = self.t("cp.inside", a=fields["a"], b=fields["b"])
                out.append((f"step.{i}", fit_width(formula(f'"{inside}" quad x in {{{members}}}', theme.BODY_SIZE))))
            else:
                out.append((f"step.{i}", self.equation_rows(fields["eq"].line, head, after)))
            i += 1
        if self.plan.has("numeric"):
            out.append(("numeric", paragraph(self.says("numeric"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.MUTED)))
            j = 0
            while self.plan.has(f"bracket.{j}"):
                out.append((f"bracket.{j}", self.bracket_rows(f"bracket.{j}")))
                j += 1
        return out

    def bracket_rows(self, name: str) -> VGroup:
        """f′(lo) < 0 < f′(hi) ⇒ x ≈ x₀, from the numbers the statement says; on two rows where one is too wide."""
        fields = dict(self.plan.say(name).fields)
        lo, hi, x = fields["lo"], fields["hi"], fields["x"]
        left = numbers.typst(lo.value, self.language, lo.digits)
        right = numbers.typst(hi.value, self.language, hi.digits)
        relation = "approx"  # a sign change places a zero, it does not give its exact value
        signs = f"f'({left}) {fields['ls']} 0 {fields['ls']} f'({right})"
        then = f"arrow.r.double quad x {relation} {numbers.typst(x.value, self.language)}"
        one = formula(f"{signs} quad {then}", theme.BODY_SIZE)
        if one.width <= theme.PANEL_WIDTH:
            return VGroup(one)
        rows = VGroup(fit_width(formula(signs, theme.BODY_SIZE)), fit_width(formula(then, theme.BODY_SIZE)))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        rows[1].shift(0.5 * RIGHT)
        return rows

    def solve_worked(self, worked: list[tuple[str, VGroup]], candidates) -> list:
        """f′(x) = 0 solved through its steps (or numerically, then the solution set of every point), below the
        heading; the lines a full board has no room for are wiped as the solving goes on."""
        heading = paragraph(self.says("solve"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.MUTED)
        heading.next_to(self.panel_top, DOWN, 0.55, aligned_edge=LEFT)
        self.caption("solve", 3, shows=heading)
        self.play(Write(heading), run_time=0.9)
        numeric = self.plan.has("numeric")
        if numeric:  # the equation solved numerically: f′(x) itself first
            worked = [(None, fit_width(formula(self.derivative_line(), theme.BODY_SIZE))), *worked]
            stationary = [p for p in self.points if p.differentiable]
            summary = "numeric_set" if self.plan.has("numeric_set") else None  # its own cue: every root, listed
            worked.append((summary, fit_width(self.solution_block("f'(x) = 0", stationary, MAX_EXACT))))
        board = [heading]
        limit = layout.safe_area().bottom + candidates.height + 0.4
        if self.plan.has("counter") and self.plan.extra.counterexample is None:  # its note goes under the board
            limit += paragraph(self.says("counter"), theme.PANEL_WIDTH, theme.LABEL_SIZE).height + 0.3
        for name, line in worked:
            line.next_to(board[-1], DOWN, LINE_GAP, aligned_edge=LEFT)
            line.align_to([theme.PANEL_LEFT, 0, 0], LEFT)
            keep = 2  # the heading and the equation the solving starts from stay
            wiped = []
            while line.get_bottom()[1] < limit and len(board) > keep:
                gone = board.pop(keep)
                wiped.append(gone)
                rise = gone.height + LINE_GAP
                line.shift(rise * UP)
                for kept in board[keep:]:
                    kept.rise = getattr(kept, "rise", 0.0) + rise
            if wiped:
                self.finish_speech()  # the wiped lines were said; the board changes between statements
                self.play(FadeOut(*wiped), *[m.animate.shift(m.rise * UP) for m in board[keep:]], run_time=0.6)
                for kept in board[keep:]:
                    kept.rise = 0.0
            if name is not None:  # the line of every root says the points marked on the graph too
                self.caption(name, 2.5, shows=(line, *self.markers) if name == "numeric_set" else line)
            self.play(Write(line), run_time=0.9)
            board.append(line)
        return board

    def solve_on_screen(self) -> None:
        said = "candidates" if self.plan.has("candidates") else "none"  # f has no critical point: said why
        candidates = paragraph(self.says(said), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.TEXT)
        worked = self.worked_lines()
        if worked:
            lines = self.solve_worked(worked, candidates)
        else:
            board = self.solution_lines(room=SOLUTION_ROOM)
            if board[-1][1].get_bottom()[1] - 0.4 - candidates.height < layout.safe_area().bottom:
                board = self.solution_lines(room=MAX_EXACT)  # long exact forms would push the panel off the frame
            for names, line in board:
                for k, name in enumerate(names):  # a line's first statement is said as it is written
                    if k > 0:  # the next one (another flat piece of f′ = 0) as the line pulses, once the last is said
                        self.finish_speech()
                        self.play(Indicate(line, color=theme.FLAT, scale_factor=1.05), run_time=0.6)
                    self.caption(name, 2.5, shows=line)
                    if k == 0:
                        self.play(Write(line), run_time=0.9)
                if not names:
                    self.play(Write(line), run_time=0.9)
            lines = [line for _, line in board]
        block = VGroup(*lines)
        marked = (*self.markers, *self.flat_marks) or (lines[-1],)  # no point: the empty solution set
        self.play(*[m.indicate(theme.FLAT) if isinstance(m, CriticalMarker) else Indicate(m, color=theme.FLAT)
                    for m in marked], run_time=1.2)
        candidates.next_to(block, DOWN, 0.4, aligned_edge=LEFT)
        keep_in_frame(candidates)
        self.caption(said, 2.5, shows=(candidates, block))
        self.play(FadeIn(candidates), run_time=0.8)
        self.wait(1.7)
        self.key_frame()  # the curve, its critical points and f'(x) = 0 solved: the section's idea
        self.solved = VGroup(block, candidates)

    def show_failing_candidate(self) -> None:
        counter = self.plan.extra.counterexample
        if counter is None:
            own = [m for m in self.markers if m.point_data.kind == "neither" and m.point_data.differentiable]
            note = paragraph(self.says("counter"), theme.PANEL_WIDTH, theme.LABEL_SIZE,
                             theme.NEITHER).to_edge(DOWN, buff=theme.FRAME_MARGIN + 0.2).set_x(theme.PANEL_X)
            self.caption("counter", 3, shows=(note, *own))
            self.play(FadeIn(note), *[marker.indicate(theme.NEITHER) for marker in own], run_time=1.2)
            self.wait(2)
            return
        point = next(p for p in counter.critical_points if p.kind == "neither" and p.differentiable)
        gone = [self.solved]
        if self.domain_line is not None:  # f's domain, said: the panel's room goes to the other function g
            self.panel_top.remove(self.domain_line)
            self.add(self.domain_line)
            gone.append(self.domain_line)
        self.play(FadeOut(*gone), run_time=0.6)
        heading = VGroup(label(self.t("cp.counter_title") + ":", theme.LABEL_SIZE, theme.NEITHER, weight="bold"),
                         formula(f"{COUNTER_NAME}(x) = {function_typst(counter.function)}", theme.LABEL_SIZE,
                                 theme.TEXT))
        heading.arrange(RIGHT, buff=0.2)
        inset = LessonGraph(counter, width=3.6, height=2.4, tick_size=theme.TICK_SIZE - 2, language=self.language,
                            y_name=f"{COUNTER_NAME}(x)")
        group = VGroup(heading, inset).arrange(DOWN, buff=0.3)
        group.move_to([theme.PANEL_X, -0.3, 0])
        keep_in_frame(group)
        self.play(FadeIn(heading), Create(inset), run_time=1.2)
        a, b = counter.domain
        tracker = ValueTracker(a + 0.1 * (b - a))
        tangent = Tangent(inset, tracker, length=1.6)
        self.caption("counter_caption", 4.5, shows=(heading, inset, tangent))
        self.play(FadeIn(tangent), run_time=0.5)
        self.play(tracker.animate.set_value(point.x), run_time=1.8)
        marker = CriticalMarker(inset, point, color=theme.FLAT, size=theme.SMALL_SIZE)
        place_markers(inset, [marker], heading, right_limit=layout.safe_area().right)
        self.play(Flash(marker.dot, color=theme.FLAT, flash_radius=0.3), FadeIn(marker), run_time=0.8)
        self.play(tracker.animate.set_value(b - 0.1 * (b - a)), run_time=1.8)
        tangent.clear_updaters()
        note = paragraph(self.says("counter"), theme.PANEL_WIDTH, theme.LABEL_SIZE, theme.NEITHER)
        note.next_to(group, DOWN, 0.3).align_to([theme.PANEL_LEFT, 0, 0], LEFT)
        keep_in_frame(note)
        self.caption("counter", 3, shows=(note, inset, marker))
        self.play(FadeIn(note), run_time=0.8)
        self.wait(2.2)
