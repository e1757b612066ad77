"""How f′(x) = 0 is solved on screen (section 1): the lines of the exact solving where the bounded solver
(solve.py) finds every root in closed form, else the honest alternative a class uses, "giải gần đúng": each
zero of f′ in a small interval at whose ends f′ has opposite signs (the bracketing a calculator refines).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from .analysis import Analysis
from .solve import Step, solve_on

MAX_REFINE = 4  # a bracket is narrowed by tenths at most this many times to separate a zero from its neighbours


@dataclass(frozen=True)
class Bracket:
    """f′ changes sign on [lo, hi], so f′(x) = 0 inside, at the point x the scan found: f′(lo) has the sign
    `left`, f′(hi) the sign `right` ("+" or "-"). lo and hi are short decimals, written as they are."""

    x: float
    lo: float
    hi: float
    left: str
    right: str


@dataclass(frozen=True)
class WorkedSolution:
    """f′(x) = 0 as section 1 solves it: `steps` (solve.Step lines, g = 0 down to the roots in (a, b)) when
    every root is exact, else `brackets`, one per zero of f′ where it changes sign."""

    steps: tuple[Step, ...] = ()
    brackets: tuple[Bracket, ...] = ()

    @property
    def numeric(self) -> bool:
        return not self.steps


def worked_solution(analysis: Analysis) -> WorkedSolution | None:
    """The solving of f′(x) = 0 on (a, b), or None where it is not one equation to solve (f′ fails to exist
    somewhere, is written piece by piece, vanishes on a whole stretch, or has no zero at all)."""
    fn = analysis.function
    points = analysis.critical_points
    if not points or analysis.derivative_pieces or any(not p.differentiable for p in points) or \
            any(s.sign == "0" for s in analysis.sign_chart):
        return None
    solution = solve_on(_as_written(fn.derivative), *fn.domain)
    if solution is not None and solution.complete and solution.steps and _closed(solution.steps) and \
            len(solution.roots) == len(points) and \
            all(math.isclose(float(sp.N(r, 30)), p.x, rel_tol=0, abs_tol=1e-9 * fn.width)
                for r, p in zip(solution.roots, points)):
        return WorkedSolution(steps=solution.steps)
    brackets = tuple(b for p in points if (b := bracket(analysis, p.x)) is not None)
    return WorkedSolution(brackets=brackets)


def _as_written(derivative: sp.Expr) -> sp.Expr:
    """f′ as the first line writes it: a sum of fractions as the one fraction a class reduces it to
    ((2x − 2)/(x − 1) − (x² − 2x + 2)/(x − 1)² is x(x − 2)/(x − 1)²); a polynomial as sympy gives it, so its
    factorisation stays a line of its own."""
    together = sp.together(derivative)
    if together == derivative or sp.denom(together).is_number:
        return derivative
    return sp.factor(together)


def _closed(steps: tuple[Step, ...]) -> bool:
    """Every form a line writes is a closed form a class writes by hand (no RootOf, no float)."""
    return not any(side.has(sp.CRootOf, sp.Float) for step in steps for equation in step.equations
                   for side in equation if isinstance(side, sp.Basic)) and \
        all(step.equations or step is steps[-1] for step in steps)


def _sign(value: float) -> str:
    return "+" if value > 0 else "-"


def bracket(analysis: Analysis, x: float) -> Bracket | None:
    """A short interval [lo, hi] round the zero x of f′ (ends on a decimal grid a tenth of a percent of the
    width, finer where needed) with f′(lo) and f′(hi) of opposite signs and no other critical point inside;
    None where f′ does not change sign at x (a flat non-extremum)."""
    fn = analysis.function
    a, b = fn.domain
    others = [p.x for p in analysis.critical_points if p.x != x]
    step = 10.0 ** (math.floor(math.log10(fn.width)) - 2)
    for _ in range(MAX_REFINE):
        decimals = max(0, -math.floor(math.log10(step)))
        lo = round(math.floor(x / step) * step, decimals)
        if lo >= x:
            lo = round(lo - step, decimals)
        hi = round(lo + step, decimals)
        if hi <= x:
            hi = round(hi + step, decimals)
        if a < lo and hi < b and not any(lo <= o <= hi for o in others):
            left, right = fn.slope(lo), fn.slope(hi)
            if math.isfinite(left) and math.isfinite(right) and left * right < 0:
                return Bracket(x=x, lo=lo, hi=hi, left=_sign(left), right=_sign(right))
        step /= 10
    return None


__all__ = ["Bracket", "WorkedSolution", "bracket", "worked_solution"]
