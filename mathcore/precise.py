"""f evaluated with many digits: where float64 loses the answer (the sign of f′ far out on a sigmoid tail, a
one-sided limit beside a pole or a hole)."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import mpmath
import sympy as sp

from .parse import X

EXACT_DIGITS = 40
EXP_CAP = 1e6  # e^(10⁶) is beyond any float already: a larger power is +inf, its negative 0, at once


def _capped_exp(z):
    """mpmath's exp, except that a real power beyond ±EXP_CAP gives inf or 0 at once: exp(exp(tan x)) beside
    tan's pole would otherwise compute e^(e^(10¹¹)) digit by digit, for minutes (or run out of memory)."""
    if isinstance(z, mpmath.mpf) and abs(z) > EXP_CAP:
        return mpmath.inf if z > 0 else mpmath.mpf(0)
    return mpmath.exp(z)


def without_delta(expr: sp.Expr) -> sp.Expr:
    """DiracDelta (from differentiating sign or Heaviside) is 0 wherever a float can land."""
    return expr.replace(lambda e: isinstance(e, sp.DiracDelta), lambda e: sp.S.Zero)


@lru_cache(maxsize=512)
def _mp_compiled(expr: sp.Expr) -> Callable:
    return sp.lambdify(X, without_delta(expr), modules=[{"exp": _capped_exp}, "mpmath"])


def _mp_point(at: float | sp.Expr, digits: int) -> mpmath.mpf:
    if isinstance(at, sp.Basic):
        return mpmath.mpf(str(sp.N(at, digits + 10)))
    return mpmath.mpf(repr(float(at)))


def _mp_value(expr: sp.Expr, point: mpmath.mpf) -> float:
    try:
        value = _mp_compiled(expr)(point)
    except (ZeroDivisionError, ValueError, OverflowError, TypeError, NameError, MemoryError):
        return math.nan  # MemoryError: a value beyond any float (exp(exp(tan x)) by its pole), like OverflowError
    if isinstance(value, mpmath.mpc):
        if value.imag != 0:
            return math.nan
        value = value.real
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def precise(expr: sp.Expr, at: float | sp.Expr, digits: int = EXACT_DIGITS) -> float:
    """expr at a point, evaluated with `digits` significant digits (NaN where undefined or complex).

    Used where float64 loses the answer: the sign of f' far out on a sigmoid tail, a one-sided limit.
    """
    with mpmath.workdps(digits):
        return _mp_value(expr, _mp_point(at, digits))


def one_sided(expr: sp.Expr, at: float | sp.Expr, side: int, h: float) -> float:
    """expr at `at` ± h, the offset added in high precision so that h = 1e-14 is not lost to rounding."""
    with mpmath.workdps(EXACT_DIGITS):
        return _mp_value(expr, _mp_point(at, EXACT_DIGITS) + side * mpmath.mpf(repr(h)))


def two_sided_limit(expr: sp.Expr, at: float, scale: float = 1.0) -> float:
    """The limit of expr at `at` from numeric one-sided values, or NaN when the sides disagree or blow up."""
    values = []
    for h in (1e-12 * scale, 1e-15 * scale):
        left, right = one_sided(expr, at, -1, h), one_sided(expr, at, +1, h)
        if not (math.isfinite(left) and math.isfinite(right)):
            return math.nan
        if abs(left - right) > 1e-6 * (1 + abs(left) + abs(right)):
            return math.nan
        values.append((left + right) / 2)
    if abs(values[0] - values[1]) > 1e-6 * (1 + abs(values[0])):
        return math.nan
    return values[1]


