"""The whole analysis of one function on one domain: what scenes draw and `analyze --json` prints."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sympy as sp

from .budget import guarded
from .critical import CriticalPoint, critical_points
from .descent import Landscape, Trajectory, descend
from .errors import LessonInputError
from .exact import is_small, low_degree
from .function import Function, prepare
from .pieces import Piece, derivative_pieces
from .plateaus import FlatExtremum, Plateau, flat_extrema, flat_stretches, plateaus, slope_threshold
from .precise import precise
from .signs import SignInterval


@dataclass(frozen=True)
class DescentRequest:
    start: float
    optimizer: str = "gd"
    lr: float = 0.01
    steps: int = 1000
    momentum: float = 0.9


@dataclass(frozen=True)
class Analysis:
    function: Function
    critical_points: tuple[CriticalPoint, ...]
    sign_chart: tuple[SignInterval, ...]
    plateaus: tuple[Plateau, ...]
    landscape: Landscape
    descent: Trajectory | None = None
    factored_derivative: sp.Expr | None = None  # f' factored (x(x - 2)(x + 1)) when that is simpler to read
    flat_extrema: tuple[FlatExtremum, ...] = ()  # intervals where f is constant at a min or max level
    derivative_pieces: tuple[Piece, ...] = ()  # f' piece by piece where sympy writes it with Heaviside

    @property
    def domain(self) -> tuple[float, float]:
        return self.function.domain

    def run(self, request: DescentRequest) -> Trajectory:
        """Another descent on the same function (scenes compare learning rates and optimizers)."""
        return descend(self.function, request.start, self.landscape, optimizer=request.optimizer,
                       lr=request.lr, steps=request.steps, momentum=request.momentum)

    def limits_json(self) -> list[dict]:
        """The limits of f beside each excluded point (±inf beside a pole) and at the domain's ends (there f is
        defined, and its limit is its value), sorted by x."""
        a, b = self.domain
        ends = [{"x": a, "right": self.function.value(a)}, {"x": b, "left": self.function.value(b)}]
        return sorted([*ends, *(e.limits_json() for e in self.function.excluded)], key=lambda item: item["x"])

    def to_json(self) -> dict:
        """The `analyze --json` contract (README, docs/reference/analyze.md): written out by hand, as every
        mathcore `to_json` is, because it turns sympy forms into text and adds derived fields, and mathcore (pure
        maths) imports no file library; the typed files of the pipeline start from this dictionary."""
        return {
            "function": str(self.function.expr),
            "input": self.function.text,
            "derivative": str(self.function.derivative),
            "derivative_factored": None if self.factored_derivative is None else str(self.factored_derivative),
            "second_derivative": str(self.function.second),
            "domain": list(self.domain),
            "critical_points": [p.to_json() for p in self.critical_points],
            "sign_chart": [s.to_json() for s in self.sign_chart],
            "plateaus": [p.to_json() for p in self.plateaus],
            "plateau_slope_threshold": self.landscape.slope_threshold,
            "flat_extrema": [e.to_json() for e in self.flat_extrema],
            "derivative_pieces": [p.to_json() for p in self.derivative_pieces],
            "excluded": [e.to_json() for e in self.function.excluded],
            "limits": self.limits_json(),
            "descent": None if self.descent is None else self.descent.to_json(),
        }


MAX_FACTORED_DEGREE = 12


def _factored(fn: Function) -> sp.Expr | None:
    """f' as a product when it factors into more than one piece (how a teacher solves f' = 0 by hand)."""
    if not (is_small(fn.derivative, 80) and low_degree(fn.derivative, MAX_FACTORED_DEGREE)):
        return None
    try:
        factored = sp.factor(fn.derivative)
    except (sp.PolynomialError, NotImplementedError, ValueError, TypeError):
        return None
    if not isinstance(factored, sp.Mul) or factored == fn.derivative:
        return None
    if not fn.derivative.is_polynomial() and len(str(factored)) > len(str(fn.derivative)):
        return None
    return factored


END_FLAT = 1e-25  # f′ at an end this small (at 40 digits, relative to max |f′|) is 0: a critical point there


def end_minima(fn: Function, critical) -> tuple[float, ...]:
    """Domain ends that are minima of f itself: f′ = 0 there (at 40 digits) and f rises into the domain
    (x⁴ − 2x² on [−1, 2] at −1). A run that starts there stays, and has arrived; an end f merely falls to
    (a tail cut off by the domain) is not one."""
    chart = critical.sign_chart
    if not chart:
        return ()
    a, b = fn.domain
    found = []
    for end, sign in ((a, chart[0].sign == "+"), (b, chart[-1].sign == "-")):
        if sign and abs(precise(fn.derivative, end)) <= END_FLAT * critical.slope_scale:
            found.append(end)
    return tuple(found)


def analyze_function(fn: Function, descent: DescentRequest | None = None) -> Analysis:
    critical = critical_points(fn)
    threshold = slope_threshold(fn, critical)
    flats = flat_extrema(fn, critical)
    bottoms = tuple((e.start, e.end) for e in flats if e.kind == "min")
    ends = end_minima(fn, critical)
    minima = tuple(p.x for p in critical.points if p.kind == "min")
    touch = 1e-9 * fn.width  # a kinked minimum with one flat side (relu(x) + x²) ends its stretch
    basins = tuple((lo, hi) for lo, hi in flat_stretches(fn, threshold)
                   if any(lo - touch <= m <= hi + touch for m in minima + ends)
                   or any(lo <= q and p <= hi for p, q in bottoms))
    landscape = Landscape(minima=minima, basins=basins, end_minima=ends,
                          slope_threshold=threshold, slope_scale=critical.slope_scale,
                          kinked_minima=tuple(p.x for p in critical.points if p.kind == "min" and not p.differentiable
                                              and not any(p.x in pair for pair in bottoms)),
                          flat_minima=bottoms)
    result = Analysis(function=fn, critical_points=critical.points, sign_chart=critical.sign_chart,
                      plateaus=plateaus(fn, critical, threshold), landscape=landscape,
                      factored_derivative=_factored(fn), flat_extrema=flats, derivative_pieces=derivative_pieces(fn))
    if descent is None:
        return result
    return Analysis(**{**result.__dict__, "descent": result.run(descent)})


def analyze(text: str, a: float, b: float, descent: DescentRequest | None = None) -> Analysis:
    """Parse, check and analyse `text` on [a, b]; raises a LessonInputError for anything unusable."""
    return analyze_function(prepare(text, a, b), descent)


def analyze_bounded(text: str, a: float, b: float, descent: DescentRequest | None = None) -> Analysis:
    """`analyze` for every caller that takes input from a person (the analyze command, a lesson file,
    --function): hostile input is refused by static limits, a hang ends at the guard (mathcore.budget) with
    its own message, and a sympy or numpy failure on a strange input is reported as the input's fault, on
    one line."""
    with from_a_person(text, "simplify the function or narrow the domain"):
        return analyze(text, a, b, descent)


@contextmanager
def from_a_person(text: str, hint: str) -> Iterator[None]:
    """Analysing a person's input: the guard, and any sympy or numpy failure on a strange input reported as
    the input's fault, on one line."""
    shown = text.strip() if len(text.strip()) <= 60 else text.strip()[:57] + "…"
    try:
        with guarded(f"analysing {shown}", hint):
            yield
    except LessonInputError:
        raise
    except (ArithmeticError, TypeError, ValueError, AttributeError, NotImplementedError, KeyError) as failure:
        detail = str(failure).splitlines()[0] if str(failure) else "no details"
        raise LessonInputError(f"cannot analyse {shown!r}: {type(failure).__name__}: {detail}") from None
