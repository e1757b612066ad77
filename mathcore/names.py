"""The function names a teacher may type, one row each: what the parser builds, how a formula on screen
writes it, how the narration says it, and where it is defined.

Everything that knows a name reads it from here (the parser, the Typst writer, the spoken forms, the domain
checks' tests), so adding a name such as `gelu` is one row. Spoken forms are text, not maths, but they are
keyed by the name as typed, so they live beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

__all__ = ["NAMES", "Name", "by_token"]


def real_root(u: sp.Expr, n: int) -> sp.Expr:
    """The real n-th root (odd n), defined for negative u too, as a teacher expects of cbrt(-8) = -2."""
    return sp.sign(u) * sp.Abs(u) ** sp.Rational(1, n)


@dataclass(frozen=True)
class Name:
    """One function name. `screen` is the Typst a formula writes for the sympy function it builds (None when
    it builds a composite the Typst writer prints by its own rules: log10(u) is ln(u)/ln(10), sigmoid(u) is
    σ(u)). `vi`/`en` are what the voice says before the argument. `defined` is where it is defined, as a
    set of u (None: wherever sympy's continuity check says, e.g. tan)."""

    token: str
    build: Callable[[sp.Expr], sp.Expr]
    screen: str | None
    vi: str
    en: str
    defined: sp.Set | None = sp.S.Reals


_POSITIVE, _NONNEGATIVE, _UNIT = sp.Interval.open(0, sp.oo), sp.Interval(0, sp.oo), sp.Interval(-1, 1)

NAMES: tuple[Name, ...] = (
    Name("sin", sp.sin, "sin", "sin của", "sine of"),
    Name("cos", sp.cos, "cos", "cô-sin của", "cosine of"),
    Name("tan", sp.tan, "tan", "tang của", "tangent of", None),
    Name("cot", sp.cot, "cot", "cô-tang của", "cotangent of", None),
    Name("sec", sp.sec, "sec", "sê-căng của", "secant of", None),
    Name("csc", sp.csc, "csc", "cô-sê-căng của", "cosecant of", None),
    Name("asin", sp.asin, "arcsin", "ác-sin của", "arc sine of", _UNIT),
    Name("arcsin", sp.asin, "arcsin", "ác-sin của", "arc sine of", _UNIT),
    Name("acos", sp.acos, "arccos", "ác-cô-sin của", "arc cosine of", _UNIT),
    Name("arccos", sp.acos, "arccos", "ác-cô-sin của", "arc cosine of", _UNIT),
    Name("atan", sp.atan, "arctan", "ác-tang của", "arc tangent of"),
    Name("arctan", sp.atan, "arctan", "ác-tang của", "arc tangent of"),
    Name("sinh", sp.sinh, "sinh", "sin hy-péc-bô-lích của", "hyperbolic sine of"),
    Name("cosh", sp.cosh, "cosh", "cô-sin hy-péc-bô-lích của", "hyperbolic cosine of"),
    Name("tanh", sp.tanh, "tanh", "tang hy-péc-bô-lích của", "hyperbolic tangent of"),
    Name("exp", sp.exp, None, "e mũ", "e to the"),
    Name("log", sp.log, "ln", "lô-ga-rít của", "log of", _POSITIVE),
    Name("ln", sp.log, "ln", "lô-ga-rít của", "log of", _POSITIVE),
    Name("log10", lambda u: sp.log(u, 10), None, "lô-ga-rít cơ số 10 của", "log base 10 of", _POSITIVE),
    Name("log2", lambda u: sp.log(u, 2), None, "lô-ga-rít cơ số 2 của", "log base 2 of", _POSITIVE),
    Name("sqrt", sp.sqrt, None, "căn của", "square root of", _NONNEGATIVE),
    Name("cbrt", lambda u: real_root(u, 3), None, "căn bậc ba của", "cube root of"),
    Name("abs", sp.Abs, None, "trị tuyệt đối của", "absolute value of"),
    Name("sigmoid", lambda u: 1 / (1 + sp.exp(-u)), None, "xích-ma-ít của", "sigmoid of"),
    Name("relu", lambda u: sp.Max(0, u), None, "rê-lu của", "relu of"),
    Name("softplus", lambda u: sp.log(1 + sp.exp(u)), None, "sốp-pờ-lát của", "softplus of"),
)


def by_token(token: str) -> Name | None:
    return next((name for name in NAMES if name.token == token), None)
