"""sympy expression -> Typst math markup, so that formulas on screen are mathcore's own expressions.

Covers what the parser can produce: sums, products, powers, rationals, pi and e, the whitelisted
functions, Abs, sign, Max/Min and Heaviside. Numbers use Typst's minus sign automatically.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.precedence import PRECEDENCE, precedence

from lessons import numbers
from mathcore.names import NAMES
from mathcore.parse import X, typed_order

# how a formula writes the sympy function a typed name builds (mathcore.names), and sgn (a real root's sign)
FUNCTION_NAMES = {**{type(name.build(X)).__name__: name.screen for name in NAMES if name.screen is not None},
                  "sign": 'op("sgn")'}


def _wrap(expr: sp.Expr, parent_precedence: int) -> str:
    text = to_typst(expr)
    return f"({text})" if precedence(expr) < parent_precedence else text


def _number(expr: sp.Number) -> str:
    if isinstance(expr, sp.Integer):
        return str(int(expr))
    if isinstance(expr, sp.Rational):
        sign = "-" if expr < 0 else ""
        return f"{sign}frac({abs(expr.p)}, {expr.q})"
    value = float(expr)
    return f"{value:.6g}"


def _mul(expr: sp.Mul) -> str:
    if expr.could_extract_minus_sign():
        return "-" + _wrap(-expr, PRECEDENCE["Mul"])
    numerator, denominator = sp.fraction(expr, exact=True)
    if denominator != 1:
        return f"frac({to_typst(numerator)}, {to_typst(denominator)})"
    coefficient, rest = expr.as_coeff_Mul()
    factors = list(sp.Mul.make_args(rest))
    parts = [] if coefficient == 1 else [_number(coefficient) if coefficient.is_Rational else to_typst(coefficient)]
    for factor in factors:
        parts.append(_wrap(factor, PRECEDENCE["Mul"]))
    out = parts[0]
    for previous, current in zip(parts, parts[1:]):
        joiner = " dot " if previous[-1].isdigit() and current[0].isdigit() else " "
        out += joiner + current
    return out


def _sigmoid_argument(base: sp.Expr) -> sp.Expr | None:
    """u when base is 1 + e^(−u), so that 1/(1 + e^(−u)) prints as σ(u), the way the lesson writes it."""
    if isinstance(base, sp.Add) and len(base.args) == 2 and sp.S.One in base.args:
        other = next(a for a in base.args if a != 1)
        if isinstance(other, sp.exp):
            return -other.args[0]
    return None


def _pow(expr: sp.Pow) -> str:
    base, exponent = expr.as_base_exp()
    if exponent == -1 and _sigmoid_argument(base) is not None:
        return f"sigma({to_typst(_sigmoid_argument(base))})"
    if exponent == sp.Rational(1, 2):
        return f"sqrt({to_typst(base)})"
    if exponent.is_Rational and exponent < 0:
        return f"frac(1, {to_typst(base ** -exponent)})"
    if base == sp.E:
        return f"e^({to_typst(exponent)})"
    base_text = _wrap(base, PRECEDENCE["Pow"] + 1)
    if isinstance(base, sp.Function) and not isinstance(base, sp.Abs):
        base_text = f"({to_typst(base)})"
    exponent_text = to_typst(exponent)
    simple = exponent.is_Integer and exponent >= 0
    return f"{base_text}^{exponent_text}" if simple else f"{base_text}^({exponent_text})"


def _variable_order(expr: sp.Add) -> list[sp.Expr]:
    """x² − 2x + 1: sympy's order of the terms in x, the constant last."""
    ordered = expr.as_ordered_terms()
    return [t for t in ordered if not t.is_Number] + [t for t in ordered if t.is_Number]


def _sum(terms: list[sp.Expr]) -> str:
    out = to_typst(terms[0])
    for term in terms[1:]:
        if term.could_extract_minus_sign():
            out += " - " + _wrap(-term, PRECEDENCE["Add"] + 1)
        else:
            out += " + " + _wrap(term, PRECEDENCE["Add"] + 1)
    return out


def function_typst(fn) -> str:
    """f as the teacher typed it, term for term in their order (sin(x) + x²/4, not x²/4 + sin(x))."""
    order = typed_order(fn.text, fn.expr)
    return _sum(list(order)) if order else to_typst(fn.expr)


def to_typst(expr: sp.Expr) -> str:
    """Typst math source for a sympy expression (without the surrounding $ $)."""
    if expr is sp.pi:
        return "pi"
    if expr is sp.E:
        return "e"
    if isinstance(expr, sp.Symbol):
        return expr.name
    if isinstance(expr, sp.Number):
        return _number(expr)
    if isinstance(expr, sp.Add):
        return _sum(numbers.constant_terms(expr) if expr.is_number else _variable_order(expr))
    if isinstance(expr, sp.Mul):
        return _mul(expr)
    if isinstance(expr, sp.Pow):
        return _pow(expr)
    if isinstance(expr, sp.exp):
        return f"e^({to_typst(expr.args[0])})"
    if isinstance(expr, sp.Abs):
        return f"abs({to_typst(expr.args[0])})"
    if isinstance(expr, (sp.Max, sp.Min)):
        return f"{type(expr).__name__.lower()}({', '.join(to_typst(a) for a in expr.args)})"
    if isinstance(expr, sp.Heaviside):
        return f'op("H")({to_typst(expr.args[0])})'
    if isinstance(expr, sp.DiracDelta):
        return f"delta({to_typst(expr.args[0])})"
    if isinstance(expr, sp.Function):
        name = FUNCTION_NAMES.get(type(expr).__name__, f'op("{type(expr).__name__}")')
        return f"{name}({', '.join(to_typst(a) for a in expr.args)})"
    return str(expr)
