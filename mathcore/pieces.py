"""f' written piece by piece where sympy writes it with Heaviside steps (the derivative of relu, max, min).

Students meet Heaviside's H only much later; a teacher writes the derivative of relu(x − 2) + relu(−x) as
−1 for x < 0, 0 for 0 < x < 2 and 1 for x > 2. The pieces are the intervals between the zeros of the
Heaviside arguments inside the domain; on each, every H(u) is 1 or 0 by the sign of u there. Adjacent
pieces with the same formula are merged.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .critical import zeros_of
from .exact import tidy
from .function import Function
from .precise import precise


@dataclass(frozen=True)
class Piece:
    """f' = `expr` on the open interval (start, end) (a domain end is included)."""

    start: float
    end: float
    expr: sp.Expr

    def to_json(self) -> dict:
        """A piece of the contract's piecewise f′, its formula as text (see Analysis.to_json for why by hand)."""
        return {"start": self.start, "end": self.end, "derivative": str(self.expr)}


def _steps(expr: sp.Expr) -> list[sp.Expr]:
    return [node.args[0] for node in sp.preorder_traversal(expr) if isinstance(node, sp.Heaviside)]


def derivative_pieces(fn: Function) -> tuple[Piece, ...]:
    """f' on each interval between the zeros of its Heaviside arguments, each Heaviside replaced by its
    value there; () when f' has no Heaviside."""
    steps = _steps(fn.derivative)
    if not steps:
        return ()
    a, b = fn.domain
    breaks = {x for step in steps for x in zeros_of(fn, step)}
    edges = [a, *sorted(x for x in breaks if a < x < b), b]
    pieces: list[Piece] = []
    for lo, hi in zip(edges, edges[1:]):
        mid = 0.5 * (lo + hi)
        values = {step: sp.S.One if precise(step, mid) > 0 else sp.S.Zero for step in steps}
        replaced = fn.derivative.replace(lambda e: isinstance(e, sp.Heaviside), lambda e, v=values: v[e.args[0]])
        simple = tidy(replaced)
        if pieces and tidy(pieces[-1].expr - simple) == 0:
            pieces[-1] = Piece(pieces[-1].start, hi, pieces[-1].expr)
        else:
            pieces.append(Piece(lo, hi, simple))
    return tuple(pieces)
