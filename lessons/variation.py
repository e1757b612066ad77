"""The variation table (bảng biến thiên) of f on [a; b], as Vietnamese textbooks write it and exam answers
read it: a row x with the domain's ends, every critical point and every point where f is undefined; a row
f′(x) with the sign on each interval, 0 where f′ vanishes and ‖ where f′ or f does not exist; a row f(x)
with the values at those points (the two one-sided limits beside a pole or a hole) joined by ↗ and ↘.

Every entry is the text the screen shows (a critical point's exact form where its marker shows it, else
its decimal), so the scene, the manifest and the transcript carry one table. No manim here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from mathcore import Analysis, claims
from mathcore.extremes import end_value

from . import numbers
from .formulas import plain_exact

UNDEFINED = "||"  # the textbook's double bar: f′ (or f) does not exist at that point
SIGNS = {"+": "+", "-": numbers.MINUS, "0": "0"}
ARROWS = {"+": "↗", "-": "↘", "0": "→"}
SIGN_KEYS = {shown: key for key, shown in SIGNS.items()}  # a sign as written back to mathcore's "+", "-", "0"
ROW_NAMES = ("x", "f′(x)", "f(x)")


@dataclass(frozen=True)
class Column:
    """One point of the x row: where it is, what is written there in each row, and where the f row writes
    its value(s): "high" (f comes down from it or goes up to it: a maximum, +∞), "low", or "mid"."""

    x: float
    x_text: str
    kind: str  # "end", "min", "max", "neither", "pole", "hole"
    mark: str | None  # the f′ row at an interior point: "0" or "||" (None at the domain's ends)
    values: tuple[str, ...]  # f there; two one-sided limits beside a pole or a hole
    levels: tuple[str, ...]  # one per value


@dataclass(frozen=True)
class VariationTable:
    columns: tuple[Column, ...]
    signs: tuple[str, ...]  # the sign of f′ on each interval between consecutive columns: "+", "−", "0"

    @property
    def arrows(self) -> tuple[str, ...]:
        return tuple(ARROWS[SIGN_KEYS[s]] for s in self.signs)

    def f_prime_row(self) -> list[str]:
        """The f′ row as written: interval signs and the marks at interior points, interleaved."""
        row: list[str] = []
        for i, column in enumerate(self.columns):
            if column.mark is not None:
                row.append(column.mark)
            if i < len(self.signs):
                row.append(self.signs[i])
        return row

    def record(self) -> dict:
        """As the manifest records it (section 2's `variation_table`): every entry a string shown on screen;
        a pair [left, right] of one-sided limits beside a pole or a hole."""
        return {"x": [c.x_text for c in self.columns], "f_prime": self.f_prime_row(),
                "f": [c.values[0] if len(c.values) == 1 else list(c.values) for c in self.columns]}

    def text_rows(self) -> list[str]:
        """The table as three lines of text (the transcript's, for screen readers): each cell in order,
        arrows between the f values."""
        f_row: list[str] = []
        for i, column in enumerate(self.columns):
            f_row.append(f" {UNDEFINED} ".join(column.values))
            if i < len(self.arrows):
                f_row.append(self.arrows[i])
        cells = ([c.x_text for c in self.columns], self.f_prime_row(), f_row)
        return [f"{name}: {'  '.join(row)}" for name, row in zip(ROW_NAMES, cells)]


def _limit(value: float, language: str) -> str:
    if math.isinf(value):
        return "+∞" if value > 0 else f"{numbers.MINUS}∞"
    return numbers.plain(value, language)


def variation_table(analysis: Analysis, language: str) -> VariationTable:
    """The table of f on its domain: the ends, the critical points and the excluded points in order."""
    fn = analysis.function
    a, b = analysis.domain
    entries: list[tuple[float, str, str | None, tuple[str, ...], sp.Expr | None]] = []
    for end in (a, b):
        value, exact = end_value(analysis, end)
        entries.append((end, "end", None, (plain_exact(value, exact, language),), sp.Rational(repr(end))))
    for p in analysis.critical_points:
        entries.append((p.x, p.kind, "0" if p.differentiable else UNDEFINED,
                        (plain_exact(p.y, p.y_expr, language),), p.x_expr))
    for e in fn.excluded:
        entries.append((e.x, e.kind, UNDEFINED, (_limit(e.left, language), _limit(e.right, language)), e.exact))
    entries.sort(key=lambda entry: entry[0])
    signs = tuple(SIGNS[_sign_between(analysis, lo[0], hi[0])] for lo, hi in zip(entries, entries[1:]))
    columns = []
    for i, (x, kind, mark, values, exact) in enumerate(entries):
        before = signs[i - 1] if i > 0 else None
        after = signs[i] if i < len(signs) else None
        columns.append(Column(x, plain_exact(x, exact, language), kind, mark, values,
                              _levels(kind, values, before, after)))
    return VariationTable(tuple(columns), signs)


def _sign_between(analysis: Analysis, lo: float, hi: float) -> str:
    middle = 0.5 * (lo + hi)
    return next(s.sign for s in analysis.sign_chart if s.start <= middle <= s.end)


def _levels(kind: str, values: tuple[str, ...], before: str | None, after: str | None) -> tuple[str, ...]:
    """Where each value sits in the f row: up where f rises to it or falls from it, down where it falls to it
    or rises from it (a maximum, a minimum, an end), in the middle where it passes (x³ at 0, a level stretch);
    beside a pole, each side by its own limit."""
    up, down = SIGNS["+"], SIGNS["-"]
    if len(values) == 2:  # a pole or a hole: each side on its own
        def side(value: str, sign: str | None, arriving: bool) -> str:
            if value.endswith("∞"):
                return "low" if value.startswith(numbers.MINUS) else "high"
            if sign is None or sign == SIGNS["0"]:
                return "mid"
            return "high" if (sign == up) == arriving else "low"
        return side(values[0], before, True), side(values[1], after, False)
    arriving = "high" if before == up else "low" if before == down else None
    leaving = "high" if after == down else "low" if after == up else None
    level = arriving or leaving or "mid"
    if arriving and leaving and arriving != leaving:
        level = "mid"  # f passes through (x³ at 0): between the arrows
    return (level,)


def table_claims(analysis: Analysis) -> tuple[claims.Claim, ...]:
    """What the table's f row asserts, for the claims check: f's value at each end and each critical point,
    and at each excluded point that f is undefined there (and unbounded on a side whose limit is ±∞)."""
    subject = (analysis.function.text, analysis.domain)
    found: list[claims.Claim] = []
    for end in analysis.domain:
        value, exact = end_value(analysis, end)
        found.append(claims.ValueAt(*subject, x=end, x_exact=sp.Rational(repr(end)), y=value, y_exact=exact))
    found += [claims.ValueAt(*subject, x=p.x, x_exact=p.x_expr, y=p.y, y_exact=p.y_expr)
              for p in analysis.critical_points]
    for e in analysis.function.excluded:
        found.append(claims.Undefined(*subject, x=e.x, exact=e.exact))
        found += [claims.Unbounded(*subject, kind="min" if limit < 0 else "max", x=e.x, exact=e.exact)
                  for limit in {e.left, e.right} if math.isinf(limit)]
    return tuple(found)
