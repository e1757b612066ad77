"""Points of the domain where f is undefined, and what they are: a hole (f has a finite limit there: sin(x)/x
at 0) or a pole (|f| grows without bound on at least one side: x + 1/x at 0). They are not points of the
domain: never a critical point, never a value; the sign chart breaks there, the graph is drawn in pieces,
descent never steps across one. What cannot be taught this way is refused in one line that says why and
what to do: a jump (x/|x| at 0), no limit at all (sin(1/x) at 0), too many such points to show.

The one-sided limits are read numerically at 40 digits, at steps shrinking from 10⁻⁶ to 10⁻¹² of the
width: values that settle give the limit, values that grow by orders of magnitude give ±∞. No clock and no
open-ended symbolic limit decides anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import sympy as sp

from .errors import UndefinedError
from .precise import one_sided

MAX_EXCLUDED = 8  # more points where f is undefined than this do not fit legibly on one graph
POLE_MARGIN = 0.025  # of the width around a pole, left out of "the largest |f′|" (it is infinite there)
STEPS = (1e-6, 1e-9, 1e-12)  # one-sided steps, as fractions of the width


@dataclass(frozen=True)
class Excluded:
    """A point of [a, b] where f is undefined, with the limits of f on each side (±inf at a pole's side)."""

    x: float
    kind: str  # "pole" | "hole"
    left: float
    right: float
    exact: sp.Expr | None = field(default=None, compare=False)

    def to_json(self) -> dict:
        """A point of the contract's `excluded` list, its exact form as text (see Analysis.to_json for why by hand)."""
        return {"x": self.x, "kind": self.kind, "exact": None if self.exact is None else str(self.exact)}

    def limits_json(self) -> dict:
        return {"x": self.x, "left": limit_json(self.left), "right": limit_json(self.right)}


def limit_json(value: float) -> float | str:
    """A limit for JSON: a number, or "+inf" / "-inf"."""
    return ("+inf" if value > 0 else "-inf") if math.isinf(value) else value


def side_limit(expr: sp.Expr, at: sp.Expr | float, side: int, width: float) -> float:
    """The limit of f at `at` from `side` (−1 left, +1 right): the value the 40-digit values settle to, ±inf
    where they grow by orders of magnitude, NaN where they do neither (no limit, or not real)."""
    values = [one_sided(expr, at, side, h * width) for h in STEPS]
    if not all(math.isfinite(v) for v in values):
        last = values[-1]
        return math.copysign(math.inf, last) if math.isinf(last) else math.nan
    near, nearer, nearest = values
    if abs(nearest) > 100 * abs(nearer) > 1e4 * abs(near) and abs(nearest) > 1e6:
        return math.copysign(math.inf, nearest)
    if abs(nearest - nearer) <= 1e-6 * (1 + abs(nearest)):
        return nearest
    return math.nan


def classify(expr: sp.Expr, point: sp.Expr, width: float, shown: str, where: str) -> Excluded:
    """What f does at a point where it is undefined, or an UndefinedError saying why it cannot be taught."""
    x = float(sp.N(point, 30))
    left, right = (side_limit(expr, point, side, width) for side in (-1, 1))
    written = _exact_text(point, x)
    hint = f"choose a domain that does not contain {written}"
    if math.isnan(left) or math.isnan(right):
        raise UndefinedError(f"{shown} has no limit at x = {written}, {where} (it oscillates without settling, "
                             f"or is not real on one side); {hint}")
    if math.isinf(left) or math.isinf(right):
        return Excluded(x, "pole", left, right, point)
    if abs(left - right) > 1e-6 * (1 + abs(left) + abs(right)):
        raise UndefinedError(f"{shown} jumps at x = {written} (from {left:.4g} to {right:.4g}), {where}: it has "
                             f"neither a value nor a limit there; {hint}")
    middle = 0.5 * (left + right)
    return Excluded(x, "hole", middle, middle, point)


def _exact_text(point: sp.Expr, x: float) -> str:
    text = str(point)
    return text if len(text) <= 12 else f"{x:.4g}"


def excluded_points(expr: sp.Expr, points: list[sp.Expr], width: float, shown: str,
                    where: str) -> tuple[Excluded, ...]:
    """Each point where f is undefined, classified (sorted by x); too many of them is refused."""
    if len(points) > MAX_EXCLUDED:
        raise UndefinedError(f"{shown} is undefined at {len(points)} points {where}, too many to show (at most "
                             f"{MAX_EXCLUDED}); narrow the domain")
    return tuple(sorted((classify(expr, p, width, shown, where) for p in points), key=lambda e: e.x))


def near_pole(x: float, poles: tuple[float, ...], width: float) -> bool:
    """Within POLE_MARGIN of the width of a pole."""
    return any(abs(x - p) < POLE_MARGIN * width for p in poles)
