"""The sign chart of f': on which intervals f rises (+), falls (−) or is flat (0)."""

from __future__ import annotations

from dataclasses import dataclass

from .function import Function
from .precise import precise

SAMPLE_FRACTIONS = (0.2, 0.5, 0.8)


@dataclass(frozen=True)
class SignInterval:
    start: float
    end: float
    sign: str  # "+", "-" or "0"

    def to_json(self) -> dict:
        """An interval of the contract's sign chart (see Analysis.to_json for why by hand)."""
        return {"start": self.start, "end": self.end, "sign": self.sign}


def derivative_sign(fn: Function, start: float, end: float) -> str:
    """Sign of f' on an interval with no critical point inside, read with high precision.

    Several samples guard against one unlucky point; float64 would read 0 far out on a sigmoid tail where
    f' is 1e-300 but still positive, so the values come from a 40-digit evaluation.
    """
    signs = []
    for t in SAMPLE_FRACTIONS:
        value = precise(fn.derivative, start + t * (end - start))
        if value == value:  # not NaN
            signs.append((value > 0) - (value < 0))
    nonzero = [s for s in signs if s != 0]
    if not nonzero:
        return "0"
    return "+" if sum(nonzero) > 0 else "-"


def sign_chart(fn: Function, breakpoints: list[float],
               flats: tuple[tuple[float, float], ...] = ()) -> tuple[SignInterval, ...]:
    """Intervals between consecutive breakpoints (critical points, flat-segment ends) with f''s sign."""
    a, b = fn.domain
    edges = [a, *[p for p in breakpoints if a < p < b], b]
    chart = []
    for start, end in zip(edges, edges[1:]):
        flat = any(lo <= start and end <= hi for lo, hi in flats)
        chart.append(SignInterval(start, end, "0" if flat else derivative_sign(fn, start, end)))
    return tuple(chart)
