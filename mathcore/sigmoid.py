"""Why deep sigmoid networks suffer: σ'(x) ≤ 1/4, so a chain of n sigmoid layers multiplies n such factors."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .parse import X, parse_function


@dataclass(frozen=True)
class ChainFactor:
    depth: int
    bound: sp.Rational  # (max σ')^depth, exact

    @property
    def value(self) -> float:
        return float(self.bound)


def sigmoid_slope_bound() -> sp.Expr:
    """max σ'(x), derived: σ'' = 0 only at x = 0, where σ'(0) = 1/4."""
    sigma = parse_function("sigmoid(x)")
    slope = sp.diff(sigma, X)
    (peak,) = sp.solveset(sp.diff(slope, X), X, sp.S.Reals)
    return sp.nsimplify(sp.simplify(slope.subs(X, peak)))


def chain_bounds(depths: tuple[int, ...]) -> tuple[ChainFactor, ...]:
    bound = sigmoid_slope_bound()
    return tuple(ChainFactor(depth=n, bound=bound ** n) for n in depths)
