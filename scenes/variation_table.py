"""The variation table (bảng biến thiên) drawn as textbooks draw it: three rows, x, f′(x) and f(x), the points
at equal spacing (not to the x axis's scale), the signs of f′ between them, the values of f high or low with
↗ and ↘ arrows between, and a double bar where f′ or f does not exist.

Every string comes from lessons.variation, so the screen, the manifest and the transcript carry one table.
The parts are separate mobjects so a scene can write the table as the lesson explains it: the x row first,
the signs beside each point as it is examined, then the f row.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Arrow, Line, VGroup

from lessons.variation import SIGN_KEYS, UNDEFINED, VariationTable

from . import theme
from .layout import TEXT, tag
from .text import formula, label

__all__ = ["VariationTableView"]

GAP = 0.07  # between a value and the arrow that leaves or reaches it


class VariationTableView(VGroup):
    """The table in the box [left, right] × [bottom, top]. Parts: `frame` (the rules and the row names),
    `xs[i]` (the points), `signs[j]` (f′ on the interval after point j), `marks[i]` (0 or a double bar at an
    interior point, None at the ends), `values[i]` (f there: one text, or two beside a double bar) and
    `arrows[j]`. Texts shrink together (never below the small size) until every row fits."""

    def __init__(self, table: VariationTable, left: float, right: float, bottom: float, top: float,
                 size: float = theme.LABEL_SIZE) -> None:
        super().__init__()
        self.table = table
        height = top - bottom
        row = min(0.5, 0.24 * height)
        self.rows = (top, top - row, top - 2 * row, bottom)  # the rules between x, f′(x) and f(x)
        size = self._fitting_size(table, left, right, size)
        names = [formula(name, size, theme.MUTED) for name in ("x", "f'(x)", "f(x)")]
        column = left + max(n.width for n in names) + 0.3
        for name, (hi, lo) in zip(names, zip(self.rows, self.rows[1:])):
            name.move_to([left + 0.12, (hi + lo) / 2, 0], aligned_edge=LEFT)
            tag(name, TEXT, self)
        rules = VGroup(*[Line([left, y, 0], [right, y, 0], stroke_width=1.5, color=theme.AXES) for y in self.rows],
                       Line([column, top, 0], [column, bottom, 0], stroke_width=1.5, color=theme.AXES))
        self.frame = VGroup(rules, *names)
        self.positions = self._positions(table, column, right, size)
        x_mid, sign_mid, f_top, f_bottom = ((self.rows[0] + self.rows[1]) / 2, (self.rows[1] + self.rows[2]) / 2,
                                            self.rows[2] - 0.06, bottom + 0.06)
        self.xs = [tag(label(c.x_text, size), TEXT, self).move_to([p, x_mid, 0])
                   for c, p in zip(table.columns, self.positions)]
        self.signs = [tag(formula(SIGN_KEYS[s], size + 4, theme.SIGN_COLORS[SIGN_KEYS[s]]), TEXT, self).move_to(
            [(p + q) / 2, sign_mid, 0]) for s, p, q in zip(table.signs, self.positions, self.positions[1:])]
        self.marks = []
        self.values = []
        for c, p in zip(table.columns, self.positions):
            if c.mark is None:
                self.marks.append(None)
            elif c.mark == UNDEFINED:  # f′ (and at an excluded point f too) does not exist: a double bar
                low = f_bottom - 0.06 if len(c.values) == 2 else self.rows[2]
                self.marks.append(self._double_bar(p, self.rows[1], low))
            else:
                self.marks.append(tag(label(c.mark, size), TEXT, self).move_to([p, sign_mid, 0]))
            colour = theme.KIND_COLORS.get(c.kind, theme.TEXT)
            texts = [tag(label(v, size, colour), TEXT, self) for v in c.values]
            for i, (text, level) in enumerate(zip(texts, c.levels)):
                y = {"high": f_top - text.height / 2, "low": f_bottom + text.height / 2,
                     "mid": (f_top + f_bottom) / 2}[level]
                x = p if len(texts) == 1 else p + (-1 if i == 0 else 1) * (text.width / 2 + 0.1)
                text.move_to([x, y, 0])
            self.values.append(VGroup(*texts))
        self.arrows = [self._arrow(self.values[j][-1], self.values[j + 1][0], sign)
                       for j, sign in enumerate(table.signs)]
        self.add(self.frame, *self.xs, *self.signs, *[m for m in self.marks if m is not None], *self.values,
                 *self.arrows)

    @staticmethod
    def _fitting_size(table: VariationTable, left: float, right: float, size: float) -> float:
        """The largest size, from `size` down to the small size, at which the widest entry fits its column."""
        longest = max((len(text) for c in table.columns for text in (c.x_text, " ".join(c.values) + "  ")),
                      default=1)
        columns = max(len(table.columns) - 1, 1)
        while size > theme.SMALL_SIZE:
            probe = label("0" * longest, size)
            if probe.width * (columns + 1) <= 0.8 * (right - left):
                break
            size -= 1
        return size

    @staticmethod
    def _positions(table: VariationTable, column: float, right: float, size: float) -> list[float]:
        """The points' places: equal spacing between the first column's room and the right rule, each end
        point's text inside."""
        first = label(table.columns[0].x_text + " ", size).width / 2 + 0.15
        last = max(label(table.columns[-1].x_text + " ", size).width,
                   label(table.columns[-1].values[-1] + " ", size).width) / 2 + 0.15
        first = max(first, label(table.columns[0].values[0] + " ", size).width / 2 + 0.15)
        a, b = column + first, right - last
        count = len(table.columns)
        return [a + (b - a) * i / (count - 1) for i in range(count)] if count > 1 else [(a + b) / 2]

    @staticmethod
    def _double_bar(x: float, top: float, bottom: float) -> VGroup:
        return VGroup(*[Line([x + dx, top, 0], [x + dx, bottom, 0], stroke_width=2, color=theme.TEXT)
                        for dx in (-0.035, 0.035)])

    @staticmethod
    def _arrow(start, end, sign: str) -> Arrow:
        """From the value before to the value after, in the sign's colour: up ↗ where f′ > 0."""
        a = start.get_right() + GAP * RIGHT
        b = end.get_left() + GAP * LEFT
        if start.get_y() != end.get_y():  # leave from the value's top or bottom corner, towards the other
            a = a + (start.height / 2 * (UP if end.get_y() > start.get_y() else DOWN))
            b = b + (end.height / 2 * (DOWN if end.get_y() > start.get_y() else UP))
        return Arrow(a, b, buff=0, stroke_width=2.5, max_tip_length_to_length_ratio=0.2, tip_length=0.14,
                     color=theme.SIGN_COLORS[SIGN_KEYS[sign]])
