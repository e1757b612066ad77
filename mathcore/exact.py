"""Exact forms by bounded work: whether one is attempted is a static rule on the expression's size, and the
work itself is a fixed sequence of polynomial-time rewrites (substitution, expansion, cancellation), never
sympy's open-ended `simplify`. So the same input gives the same exact forms on any machine at any load.
"""

from __future__ import annotations

import sympy as sp

from .parse import X

MAX_OPS = 150  # sympy's count_ops of an expression: larger ones get no exact work (decimals only)
MAX_EXPANDED_POWER = 12  # (1 + √3)^k is expanded up to this k


def is_small(expr: sp.Expr, limit: int = MAX_OPS) -> bool:
    """Whether exact work on `expr` is attempted: a static rule, the same on any machine at any load."""
    return sp.count_ops(expr) <= limit


def low_degree(expr: sp.Expr, limit: int) -> bool:
    """Whether expr, as one fraction, is a polynomial ratio of degree ≤ limit in every generator (x, sin x,
    e^x, …): the size polynomial algebra (factoring, cancelling) is bounded by."""
    try:
        parts = sp.fraction(sp.together(expr))
        return all(max(sp.Poly(part).degree_list(), default=0) <= limit for part in parts if part.has(X))
    except (sp.PolynomialError, sp.polys.polyerrors.GeneratorsNeeded, ValueError, TypeError):
        return False


def tree_size(expr: sp.Expr) -> int:
    """Nodes in the expression tree: what every later step's work grows with."""
    return sum(1 for _ in sp.preorder_traversal(expr))


def function_depth(expr: sp.Expr) -> int:
    """How deeply function applications nest (sigmoid(sigmoid(x)) is 2 exp's deep, plus the division's)."""
    if not expr.args:
        return 0
    inner = max(function_depth(arg) for arg in expr.args)
    return inner + 1 if isinstance(expr, sp.Function) else inner


def _expandable(expr: sp.Expr) -> bool:
    return all(not (p.exp.is_Integer and abs(p.exp) > MAX_EXPANDED_POWER and p.base.is_Add)
               for p in expr.atoms(sp.Pow))


def shortest(expr: sp.Expr) -> sp.Expr:
    """`expr`, its expansion (−√3 + π/3 rather than π/3 − 2·(√3/2)), or its expansion with the radicals
    out of the denominator (1 + √5 rather than 2√5/(5/2 − √5/2)), whichever prints shortest. The
    expansion keeps exponentials and logarithms whole (e^(a+b) is not split)."""
    if not _expandable(expr):
        return expr
    candidates = [expr, sp.expand(expr, power_exp=False, log=False)]
    if expr.has(sp.Pow) and not expr.has(sp.Function):
        candidates.append(sp.expand(sp.radsimp(sp.together(expr)), power_exp=False, log=False))
    return min(candidates, key=lambda e: len(str(e)))


def value_at(expr: sp.Expr, point: sp.Expr) -> sp.Expr | None:
    """expr at an exact point, in exact form (f(ln 2) = 2 − 2 ln 2), or None when there is none to give:
    too large to attempt, not a real number, or not finite."""
    if not (is_small(expr) and is_small(point)):
        return None
    try:
        value = shortest(expr.xreplace({X: point}))
    except (ValueError, TypeError, ZeroDivisionError, NotImplementedError):
        return None
    if value.has(X) or value.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or not value.is_number:
        return None
    return value


def tidy(expr: sp.Expr) -> sp.Expr:
    """A formula after substitution, cancelled where it is rational in x (2·x·1 + 0 reads 2x)."""
    if is_small(expr) and expr.is_rational_function(X):
        return sp.cancel(expr)
    return expr
