"""f of one claim, parsed again and evaluated with mpmath at 40 digits: the second method's only view of f."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp

from .. import claims as c
from ..parse import X, parse_function

DPS = 40
SAMPLES = 600  # slopes sampled across the domain for the critical set
DENSE = 3000  # values sampled for extremes
LONGER = 20  # a run's outcome is confirmed by the same run this many times longer
LONGEST = 100  # ... an oscillation by a run this many times longer: a slowly shrinking swing has settled by then
BAND = 1e-6  # a count may hinge on |f′| this close (relatively) to the threshold: both readings are accepted
MAX_RERUN = 100_000


@dataclass(frozen=True)
class Model:
    """f of one claim's subject: mpmath and numpy evaluators of f (never f′), its width and slope scale."""

    a: float
    b: float
    expr: sp.Expr
    f_mp: object
    f_np: object
    scale: float  # a typical |f′| (90th percentile of the sampled slopes): the yardstick for "small"

    @property
    def width(self) -> float:
        return self.b - self.a

    def value(self, x) -> mpmath.mpf | None:
        """f(x) at 40 digits, None where f is undefined, not real or not finite."""
        with mpmath.workdps(DPS):
            try:
                v = self.f_mp(mpmath.mpf(x) if not isinstance(x, mpmath.mpf) else x)
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                return None
            if isinstance(v, mpmath.mpc):
                if abs(v.imag) > mpmath.mpf(10) ** (-DPS + 5) * (1 + abs(v.real)):
                    return None
                v = v.real
            try:
                v = mpmath.mpf(v)
            except (TypeError, ValueError):
                return None
            return v if mpmath.isfinite(v) else None

    def slope(self, x, h_fraction: float = 1e-20) -> mpmath.mpf | None:
        """f′(x) by a central difference quotient of f: a step of 1e-20 of the width (error ~h²), so a float
        next to a kink (1.9999999999999993 beside relu's 2) reads its own side. At 40 digits, or more where
        the difference is lost in f's own digits (far out on tanh, f′ ≈ 10⁻²³ beside f ≈ 1; far out on
        softplus, f ≈ 10⁻²⁴ is 1 + 10⁻²⁴ under a log)."""
        for digits in (DPS, 2 * DPS, 4 * DPS):
            with mpmath.workdps(digits):
                at = mpmath.mpf(x)
                h = mpmath.mpf(h_fraction) * self.width
                left, right = self.value_at(at - h, digits), self.value_at(at + h, digits)
                if left is None or right is None:
                    return None
                # the digits f is good to: relative to its size, or to 1 where f is computed as 1 + tiny
                # (softplus far out: log(1 + e⁻⁵⁵) carries 10⁻⁴⁰ of 1, not of its 10⁻²⁴)
                if abs(right - left) > mpmath.mpf(10) ** (10 - digits) * max(abs(left) + abs(right), 1) or \
                        digits == 4 * DPS:
                    return (right - left) / (2 * h)
        return None

    def value_at(self, x, digits: int) -> mpmath.mpf | None:
        """f(x) at `digits` digits (where 40 cannot tell two values apart), None where f is undefined."""
        with mpmath.workdps(digits):
            try:
                v = self.f_mp(x)
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                return None
            if isinstance(v, mpmath.mpc):
                if abs(v.imag) > mpmath.mpf(10) ** (5 - digits) * (1 + abs(v.real)):
                    return None
                v = v.real
            return mpmath.mpf(v) if mpmath.isfinite(v) else None

    def quotient(self, x, side: int, h_fraction: float) -> mpmath.mpf | None:
        """The one-sided difference quotient (f(x ± h) − f(x)) / (±h)."""
        with mpmath.workdps(DPS):
            x = mpmath.mpf(x)
            h = mpmath.mpf(h_fraction) * self.width
            here, there = self.value(x), self.value(x + side * h)
            return None if here is None or there is None else (there - here) / (side * h)


@lru_cache(maxsize=64)
def model(function: str, domain: tuple[float, float]) -> Model:
    expr = parse_function(function)
    a, b = domain
    f_mp = sp.lambdify(X, expr, modules="mpmath")
    f_np = sp.lambdify(X, expr, modules="numpy")
    probe = Model(a, b, expr, f_mp, f_np, 1.0)
    xs = np.linspace(a, b, 203)[1:-1]
    slopes = [probe.slope(x) for x in xs]
    sizes = sorted(float(abs(s)) for s in slopes if s is not None)
    scale = sizes[int(0.9 * (len(sizes) - 1))] if sizes else 1.0
    return Model(a, b, expr, f_mp, f_np, scale if scale > 0 else 1.0)


def of(claim: c.Claim) -> Model:
    return model(claim.function, tuple(claim.domain))


def number(expr: sp.Expr | None, fallback: float) -> mpmath.mpf:
    with mpmath.workdps(DPS):
        if expr is None:
            return mpmath.mpf(repr(float(fallback)))
        return mpmath.mpf(str(sp.N(expr, DPS + 5)))


def sign_of(value, noise: float) -> int:
    return 0 if value is None or abs(value) <= noise else (1 if value > 0 else -1)
