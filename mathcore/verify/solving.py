"""The checks of f′(x) = 0 solved on screen: every line evaluated at 40 digits with mpmath (k, a whole number,
read off each equation), and the roots compared with the second method's own scan of f's difference quotients.
"""

from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp

from .. import claims as c
from ..parse import X
from .model import DPS, Model, of, sign_of
from .points import check_critical_set

K_NAME = "k"  # the whole number of periods in a family of solutions (mathcore.solve.K)
MAX_FAMILY = 400  # members of one family inside (a, b) that are checked, at most
TOLERANCE = mpmath.mpf(10) ** (12 - DPS)  # an equation holds when its sides agree this closely (relatively)
QUOTIENT = mpmath.mpf(10) ** -12  # a difference quotient (step 10⁻²⁰ of the width) keeps about 20 of the 40 digits


class _Equation:
    """lhs = rhs evaluated at 40 digits at a point x, for the whole number k that fits it best."""

    def __init__(self, lhs: sp.Expr, rhs: sp.Expr) -> None:
        k = next((s for s in (lhs - rhs).free_symbols if s.name == K_NAME), None)
        self.k = k
        self.explicit = lhs == X
        self.lhs = sp.lambdify((X, k or sp.Dummy()), lhs, modules="mpmath")
        self.rhs = sp.lambdify((X, k or sp.Dummy()), rhs, modules="mpmath")
        self.text = f"{lhs} = {rhs}"

    def _sides(self, x, k) -> tuple | None:
        try:
            left, right = self.lhs(x, k), self.rhs(x, k)
            left, right = mpmath.mpmathify(left), mpmath.mpmathify(right)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return None
        if isinstance(left, mpmath.mpc) or isinstance(right, mpmath.mpc):
            if abs(mpmath.im(left)) + abs(mpmath.im(right)) > TOLERANCE:
                return None
            left, right = mpmath.re(left), mpmath.re(right)
        return left, right

    def holds(self, x) -> bool:
        k = 0
        if self.k is not None:  # the sides differ by a linear function of k: read k off, it must be whole
            at0, at1 = self._sides(x, 0), self._sides(x, 1)
            if at0 is None or at1 is None:
                return False
            gap0, gap1 = at0[0] - at0[1], at1[0] - at1[1]
            if gap1 == gap0:
                return False
            k = mpmath.nint(gap0 / (gap0 - gap1))
        sides = self._sides(x, k)
        if sides is None:
            return False
        left, right = sides
        return abs(left - right) <= TOLERANCE * max(1, abs(left), abs(right))

    def solutions(self, a, b) -> list | None:
        """x = value(k): the values inside (a, b); None when the equation does not give x."""
        if not self.explicit:
            return None
        if self.k is None:
            value = self.rhs(0, 0)
            return [value] if a < value < b else []
        base, period = self.rhs(0, 0), self.rhs(0, 1) - self.rhs(0, 0)
        ends = sorted([(a - base) / period, (b - base) / period])
        ks = range(int(mpmath.ceil(ends[0])), int(mpmath.floor(ends[1])) + 1)
        if len(ks) > MAX_FAMILY:
            return None
        return [base + k * period for k in ks if a < base + k * period < b]


def _close(p, q, width: float) -> bool:
    return abs(p - q) <= mpmath.mpf(10) ** (10 - DPS) * max(1, width)


def check_solving(claim: c.Solving) -> str | None:
    """The first line is f′ (its left side agrees with f's difference quotients); every root is a zero of f′
    inside (a, b) and satisfies every line; each explicit line's solutions satisfy the line before; the last
    line's solutions are the roots; and f′ changes sign nowhere else (the critical-set scan)."""
    m = of(claim)
    if not claim.lines:
        return "no lines"
    lines = [[_Equation(lhs, rhs) for lhs, rhs in line] for line in claim.lines]
    roots = [mpmath.mpf(str(sp.N(r, DPS + 5))) for r in claim.roots]
    first = _first_line(m, claim.lines[0])
    if first:
        return first
    for r, exact in zip(roots, claim.roots):
        if not m.a < r < m.b:
            return f"the root {exact} is not inside ({m.a:g}, {m.b:g})"
        slope = m.slope(r)
        if slope is None or abs(slope) > QUOTIENT * m.scale:
            return f"f′({exact}) ≈ {mpmath.nstr(slope, 5)} is not 0"
        for i, line in enumerate(lines):
            if not any(e.holds(r) for e in line):
                return f"line {i + 1} loses the root {exact}"
    for i in range(1, len(lines)):
        for equation in lines[i]:
            for s in equation.solutions(m.a, m.b) or []:
                if not any(e.holds(s) for e in lines[i - 1]):
                    return f"x = {mpmath.nstr(s, 10)} solves line {i + 1} ({equation.text}) but not line {i}"
    last = [s for e in lines[-1] for s in (e.solutions(m.a, m.b) or [])]
    if any(not e.explicit for e in lines[-1]) or len(last) != len(roots) or \
            not all(any(_close(s, r, m.width) for s in last) for r in roots):
        return "the last line's solutions in (a, b) are not the roots named"
    return check_critical_set(c.CriticalSet(claim.function, claim.domain, xs=tuple(float(r) for r in roots)))


def _first_line(m: Model, first) -> str | None:
    """The first line is f′(x) = 0: its left side, at seven points, is f's difference quotient there."""
    if len(first) != 1 or first[0][1] != 0:
        return "the first line is not one equation g(x) = 0"
    g = sp.lambdify(X, first[0][0], modules="mpmath")
    for t in np.linspace(m.a, m.b, 9)[1:-1]:
        slope = m.slope(float(t))
        try:
            value = mpmath.mpmathify(g(mpmath.mpf(float(t))))
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            continue  # a pole of f′ (and of f) at a sample point
        if slope is not None and abs(value - slope) > QUOTIENT * max(m.scale, abs(slope)):
            return f"the first line's left side is not f′ at x = {t:.6g}"
    return None


def check_bracketed(claim: c.Bracketed) -> str | None:
    """f′ (f's difference quotient) has the said, opposite signs at both ends, and x lies between them."""
    m = of(claim)
    if not (m.a < claim.lo < claim.x < claim.hi < m.b):
        return f"x = {claim.x:.10g} is not inside [{claim.lo:g}, {claim.hi:g}] within the domain"
    noise = 1e-25 * m.scale
    found = {side: sign_of(m.slope(at), noise) for side, at in (("left", claim.lo), ("right", claim.hi))}
    said = {"left": 1 if claim.left == "+" else -1, "right": 1 if claim.right == "+" else -1}
    if found != said or said["left"] == said["right"]:
        return f"f′ has the signs {found} at {claim.lo:g} and {claim.hi:g}, not {said}"
    return None


__all__ = ["check_bracketed", "check_solving"]
