"""What a sentence asserts, as data: the claims a lesson's statements make about a function on a domain.

A section's plan attaches to each statement the claims it makes (lessons.text.Statement.claims); the
sentence is written from the same values. `mathcore.verify` checks every claim by a second method,
independent of the analysis that produced it, before any frame is drawn (`render.py verify` runs that over
generated functions). A claim is a small frozen record: its kind is its class, and it travels with the plan
as a plain record (`claim_record`/`claim_from_record`).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import sympy as sp

from .records import expression, expression_record


@dataclass(frozen=True)
class Claim:
    """About `function` (as typed) on `domain`."""

    function: str
    domain: tuple[float, float]

    def describe(self) -> str:
        """The claim in a line, for the verify report."""
        fields = [f"{f.name}={_short(getattr(self, f.name))}" for f in dataclasses.fields(self)
                  if f.name not in ("function", "domain", "xs")]
        return f"{type(self).__name__}({', '.join(fields)})"


def _short(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_short(v) for v in value) + ")"
    return str(value)


@dataclass(frozen=True)
class CriticalSet(Claim):
    """These are all the critical points inside (a, b) (and f′ ≡ 0 exactly on the `flats`)."""

    xs: tuple[float, ...] = ()
    flats: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Tangent(Claim):
    """At x the graph has a horizontal tangent, a kink, a cusp or a vertical tangent."""

    x: float = 0.0
    tangent: str = "horizontal"
    exact: sp.Expr | None = None
    left: float | None = None  # the one-sided slopes a kink's sentence says (±inf where unbounded)
    right: float | None = None


@dataclass(frozen=True)
class PointKind(Claim):
    """x is a (local) minimum, maximum, or neither (non-strict: a flat side counts)."""

    x: float = 0.0
    kind: str = "neither"
    exact: sp.Expr | None = None
    gap: float = 0.0  # the distance to the nearest other point that matters (critical point, end, hole)


@dataclass(frozen=True)
class InDomain(Claim):
    """f is defined at x (a point a sentence names a value or a kind at)."""

    x: float = 0.0
    exact: sp.Expr | None = None


@dataclass(frozen=True)
class Undefined(Claim):
    """f is undefined at x (a pole or a hole a sentence names)."""

    x: float = 0.0
    exact: sp.Expr | None = None


@dataclass(frozen=True)
class ValueAt(Claim):
    """f(x) = y, in the exact forms where the sentence gives them."""

    x: float = 0.0
    x_exact: sp.Expr | None = None
    y: float = 0.0
    y_exact: sp.Expr | None = None


@dataclass(frozen=True)
class Extreme(Claim):
    """The lowest (kind "min") or highest value of f on [a, b] is y, reached exactly at `points` (ends
    included); or, with `missing`, f has none: near the hole `points[0]` it tends to y, which it never takes."""

    kind: str = "min"
    y: float = 0.0
    y_exact: sp.Expr | None = None
    points: tuple[float, ...] = ()
    flats: tuple[tuple[float, float], ...] = ()
    missing: bool = False
    exact_points: tuple[sp.Expr | None, ...] = ()  # the points' exact forms, where known


@dataclass(frozen=True)
class Unbounded(Claim):
    """Beside the pole x (where f is undefined), f takes values below (kind "min") or above (kind "max")
    any bound: f has no lowest (highest) value on [a, b]."""

    kind: str = "min"
    x: float = 0.0
    exact: sp.Expr | None = None


@dataclass(frozen=True)
class NoExtremum(Claim):
    """f has no local minimum (kind "min") or maximum inside (a, b)."""

    kind: str = "min"


@dataclass(frozen=True)
class SignOn(Claim):
    """f′ has this sign ("+", "-", or "0": identically zero) all over the open interval (lo, hi)."""

    lo: float = 0.0
    hi: float = 0.0
    sign: str = "+"


@dataclass(frozen=True)
class Plateau(Claim):
    """|f′| ≤ threshold all over [lo, hi], with no minimum or maximum inside."""

    lo: float = 0.0
    hi: float = 0.0
    threshold: float = 0.0


@dataclass(frozen=True)
class SlopeAt(Claim):
    """|f′(x)| is `size` (as said) and at most `bound`."""

    x: float = 0.0
    size: float = 0.0
    bound: float = 0.0


@dataclass(frozen=True)
class Run(Claim):
    """A descent run from `start` ends the way `outcome` says after `count` steps (the number its sentence
    says), its counter shows `drawn` at the end, and `xs` are its iterates. `threshold` is where |f′| counts
    as vanished; `exit_step` the step it leaves the drawn domain at, when the sentence says so."""

    optimizer: str = "gd"
    start: float = 0.0
    lr: float = 0.01
    momentum: float = 0.0
    steps: int = 1
    outcome: str = "converged"
    count: int = 0
    drawn: int = 0
    threshold: float = 0.0
    xs: tuple[float, ...] = ()
    exit_step: int | None = None
    rule: str = ""  # "kink" when the kink rule decided it: then it bounces within `band` of the kink `kink`
    kink: float | None = None
    band: float | None = None
    target: float | None = None  # converged: the minimum its sentence names (None: a flat one, by its stretch)


@dataclass(frozen=True)
class Solving(Claim):
    """f′(x) = 0 is solved by these lines (each a tuple of equations lhs = rhs joined by "or", k a whole
    number): the first is f′(x) = 0, each line's solutions in (a, b) satisfy the line before, every root
    satisfies every line, and the last line's solutions in (a, b) are `roots`, all the zeros of f′ there."""

    lines: tuple[tuple[tuple[sp.Expr, sp.Expr], ...], ...] = ()
    roots: tuple[sp.Expr, ...] = ()


@dataclass(frozen=True)
class Bracketed(Claim):
    """f′ has the sign `left` at lo and `right` at hi (opposite signs), and x, a zero of f′, lies between."""

    x: float = 0.0
    lo: float = 0.0
    hi: float = 0.0
    left: str = "-"
    right: str = "+"


@dataclass(frozen=True)
class SurfaceClaim(Claim):
    """About f(x, y) (as typed) on the box `domain` × `ydomain`."""

    ydomain: tuple[float, float] = (0.0, 1.0)


@dataclass(frozen=True)
class SurfaceCriticalSet(SurfaceClaim):
    """These are all the points inside the box where ∇f = 0."""

    points: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class SurfaceKind(SurfaceClaim):
    """(x, y) is a critical point of f of this kind: "min", "max" or "saddle"; `value` is f there (as said)."""

    x: float = 0.0
    y: float = 0.0
    kind: str = "saddle"
    value: float = 0.0


@dataclass(frozen=True)
class PlaneRun(SurfaceClaim):
    """A descent run in the plane from `start` ends the way `outcome` says after `count` steps, its iterates
    being `xs`; `threshold` is where |∇f| counts as vanished. Converged: at the minimum `target`. Stalled or
    still on its way: within `radius` of the point `near` (the saddle it crawls by, or where it is said to
    be). Oscillating: every move from step `count` on reverses the one before, for ever. Diverged: step
    `exit_step` is the first outside the box (len(xs): the step after the last), and the run goes on away."""

    optimizer: str = "gd"
    start: tuple[float, float] = (0.0, 0.0)
    lr: float = 0.01
    momentum: float = 0.0
    steps: int = 1
    outcome: str = "converged"
    count: int = 0
    threshold: float = 0.0
    xs: tuple[tuple[float, float], ...] = ()
    target: tuple[float, float] | None = None
    near: tuple[float, float] | None = None
    radius: float = 0.0
    exit_step: int | None = None



CLAIMS = {cls.__name__: cls for cls in (CriticalSet, Tangent, PointKind, InDomain, Undefined, ValueAt, Extreme,
                                         Unbounded, NoExtremum, SignOn, Plateau, SlopeAt, Run, Solving, Bracketed,
                                         SurfaceCriticalSet, SurfaceKind, PlaneRun)}


def _plain(value):
    """A field value as JSON: sympy forms as expression records, ±inf as text (JSON has no infinity)."""
    if isinstance(value, sp.Basic):
        return {"sympy": expression_record(value)}
    if isinstance(value, float) and math.isinf(value):
        return "+inf" if value > 0 else "-inf"
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _back(value):
    if isinstance(value, dict) and "sympy" in value:
        return expression(value["sympy"])
    if value in ("+inf", "-inf"):
        return float(value)
    if isinstance(value, list):
        return tuple(_back(v) for v in value)
    return value


def claim_record(claim: Claim) -> dict:
    """A claim as plain JSON: its class and fields."""
    fields = {f.name: _plain(getattr(claim, f.name)) for f in dataclasses.fields(claim)}
    return {"claim": type(claim).__name__, **fields}


def claim_from_record(data: dict) -> Claim:
    cls = CLAIMS[data["claim"]]
    return cls(**{f.name: _back(data[f.name]) for f in dataclasses.fields(cls)})
