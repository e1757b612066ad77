"""Functions as teachers type them, drawn at random from a small grammar, for checks at a scale no hand
review reaches (`render.py verify`, the exact-work rules' benchmark).

The grammar: polynomials up to degree 6 with small integer or one-decimal coefficients; rational functions
on domains without a pole; sums and products of such terms with exp, log, sqrt, abs, sin, cos, tanh,
sigmoid, softplus and relu; compositions of them; domains of a few units, some starting at a critical
point, some containing a flat piece. Every function is written as a teacher writes it ("x^3 - 3x^2 + 2",
"x^2 exp(-x)"), so the parser is part of what is checked. A draw depends on the seed alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from .errors import LessonInputError
from .parse import X, parse_function

__all__ = ["Generated", "generate"]


@dataclass(frozen=True)
class Generated:
    function: str
    domain: tuple[float, float]
    family: str  # which rule of the grammar drew it: "polynomial", "rational", "product", …


def _number(rng: random.Random, low: int = -5, high: int = 5, decimals: float = 0.2) -> Fraction:
    """A small non-zero coefficient: an integer, or now and then one decimal place."""
    while True:
        if rng.random() < decimals:
            value = Fraction(rng.randint(10 * low, 10 * high), 10)
        else:
            value = Fraction(rng.randint(low, high))
        if value:
            return value


def _coefficient(value: Fraction) -> str:
    text = str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
    return text


def _monomial(coefficient: Fraction, power: int, first: bool) -> str:
    sign = "-" if coefficient < 0 else ("" if first else "+")
    size = abs(coefficient)
    body = "" if size == 1 and power else _coefficient(size)
    variable = "" if power == 0 else ("x" if power == 1 else f"x^{power}")
    text = f"{body}{variable}" if body or variable else "1"
    return f"{sign}{text}" if first else f" {sign} {text}"


def polynomial(rng: random.Random, degree: int) -> str:
    """A polynomial of exactly `degree`, with two to four terms (teachers rarely type more)."""
    powers = sorted({degree, *rng.sample(range(degree), k=min(degree, rng.randint(1, 3)))}, reverse=True)
    return "".join(_monomial(_number(rng), p, i == 0) for i, p in enumerate(powers))


def _linear(rng: random.Random) -> str:
    """kx or kx + c with small integers: the argument of sin, exp, …"""
    k = rng.choice((1, 1, 1, 2, -1, 3, 0.5))
    c = rng.choice((0, 0, 0, 1, -1, 2))
    body = "x" if k == 1 else ("-x" if k == -1 else f"{k:g}x")
    return body if c == 0 else f"{body} {'+' if c > 0 else '-'} {abs(c)}"


def _positive(rng: random.Random) -> str:
    """An argument positive on every real x (for log, sqrt, a denominator): x^2 + c, or 1 + e^(kx)."""
    return rng.choice((f"x^2 + {rng.randint(1, 4)}", "1 + x^2", f"{rng.randint(1, 3)} + x^4", "1 + exp(x)"))


def _atom(rng: random.Random) -> str:
    u = _linear(rng)
    return rng.choice((
        f"exp({u})", "exp(-x^2)", f"sin({u})", f"cos({u})", f"tanh({u})", f"sigmoid({u})", f"softplus({u})",
        f"relu({u})", f"abs({u})", f"log({_positive(rng)})", f"sqrt({_positive(rng)})", "x", "x^2",
    ))


def _domain(rng: random.Random, low: float = -4, high: float = 4) -> tuple[float, float]:
    """A few units wide, ends on halves."""
    while True:
        a = rng.randint(int(2 * low), int(2 * high) - 1) / 2
        b = rng.randint(int(2 * a) + 2, int(2 * high) + 2) / 2
        if b - a >= 1:
            return float(a), float(b)


TRIES = 8  # domains drawn for a function until one shows it turning


def _turns(text: str, domain: tuple[float, float]) -> bool:
    """Whether f rises and falls somewhere inside the domain (sampled): a lesson about extrema has something
    to find there. Only sampled values of f: cheap, and not the analysis being checked."""
    try:
        f = sp.lambdify(X, parse_function(text), modules="numpy")
        with np.errstate(all="ignore"):
            ys = np.asarray(f(np.linspace(*domain, 401)), dtype=float) * np.ones(401)
    except (ValueError, TypeError, ZeroDivisionError, LessonInputError):
        return False
    steps = np.sign(np.diff(ys))
    steps = steps[np.isfinite(steps) & (steps != 0)]
    return bool(np.isfinite(ys).all() and np.any(steps[1:] != steps[:-1]))


def _domain_for(rng: random.Random, text: str, low: float = -4, high: float = 4) -> tuple[float, float]:
    """A domain on which the function turns, when one of a few tries gives it (else the last try)."""
    domain = _domain(rng, low, high)
    for _ in range(TRIES - 1):
        if _turns(text, domain):
            break
        domain = _domain(rng, low, high)
    return domain


def _polynomial_case(rng: random.Random) -> Generated:
    degree = rng.choice((2, 3, 3, 4, 4, 5, 6))
    text = polynomial(rng, degree)
    if rng.random() < 0.25:  # a domain that starts at a critical point: x^3 - 3x^2 on [0, …] or [2, …]
        text, domain = rng.choice((("x^3 - 3x^2 + 2", (0.0, 3.0)), ("x^3 - 3x^2 + 2", (-1.0, 2.0)),
                                   ("x^4 - 2x^2", (-1.0, 2.0)), ("x^4 - 2x^2", (0.0, 1.5)),
                                   ("x^3 - 12x", (-2.0, 3.0)), ("(x-1)^2", (1.0, 3.0))))
        return Generated(text, domain, "polynomial_at_critical")
    return Generated(text, _domain_for(rng, text, -3, 3), "polynomial")


def _rational_case(rng: random.Random) -> Generated:
    numerator = polynomial(rng, rng.choice((1, 1, 2, 2, 3)))
    denominator = _positive(rng)
    if rng.random() < 0.3:  # a real pole outside the domain: (…)/(x - r), r beyond the right end
        a, b = _domain(rng, -3, 2)
        return Generated(f"({numerator})/(x - {int(b) + 2})", (a, b), "rational")
    text = f"({numerator})/({denominator})"
    return Generated(text, _domain_for(rng, text), "rational")


def _product_case(rng: random.Random) -> Generated:
    left = rng.choice(("x", "x^2", "(x - 1)", polynomial(rng, 2)))
    right = _atom(rng)
    wrapped = left if len(left) <= 2 else f"({left})"
    text = f"{wrapped}*{right}"
    return Generated(text, _domain_for(rng, text), "product")


def _sum_case(rng: random.Random) -> Generated:
    parts = [_atom(rng) for _ in range(rng.randint(2, 3))]
    signs = [rng.choice(("+", "-")) for _ in parts[1:]]
    text = parts[0] + "".join(f" {s} {_coefficient(_number(rng, 1, 3, 0.3))}*{p}" for s, p in zip(signs, parts[1:]))
    return Generated(text, _domain_for(rng, text), "sum")


def _composition_case(rng: random.Random) -> Generated:
    inner = rng.choice((polynomial(rng, 2), "x^2", f"sin({_linear(rng)})", "x - 1", "2x"))
    outer = rng.choice(("exp(-({u}))", "sin({u})", "cos({u})", "log(1 + ({u})^2)", "sigmoid({u})", "tanh({u})",
                        "sqrt(1 + ({u})^2)", "softplus({u})", "({u})^2"))
    text = outer.format(u=inner)
    return Generated(text, _domain_for(rng, text), "composition")


def _flat_case(rng: random.Random) -> Generated:
    """A function with a flat piece (relu's, an abs difference), on a domain that contains it."""
    c = rng.randint(1, 2)
    text = rng.choice((f"relu(x - {c}) + relu(-x - {c})", f"relu(x - {c})^2 + relu(-x)",
                       f"abs(x - {c}) + abs(x + {c})", f"relu(x^2 - {c})", f"relu({c} - x^2)"))
    return Generated(text, (float(-c - rng.randint(1, 3)), float(c + rng.randint(1, 3))), "flat")


def _pole_case(rng: random.Random) -> Generated:
    """A rational function with a pole inside the domain, in the shapes textbooks ask first: x + c/x,
    (quadratic)/(x − r), c/(r² − x²)."""
    r = rng.randint(-1, 1)
    c = rng.choice((1, 2, 4))
    text, pole = rng.choice(((f"x + {c}/x", 0), (f"({polynomial(rng, 2)})/(x - {r})" if r else
                                                  f"({polynomial(rng, 2)})/x", r),
                             (f"{c}/({c} - x^2)", None), (f"{c}/(x^2 - {c})", None)))
    if pole is None:  # two poles at ±√c: a symmetric domain round both
        width = float(rng.choice((3, 4)))
        return Generated(text, (-width, width), "pole")
    return Generated(text, (float(pole - rng.randint(1, 3)), float(pole + rng.randint(1, 3))), "pole")


def _hole_case(rng: random.Random) -> Generated:
    """A removable hole: sin(kx)/x, (x² − r²)/(x − r) plus a turn, on a domain around it."""
    k = rng.randint(1, 3)
    r = rng.randint(-1, 2)
    text = rng.choice((f"sin({k}x)/x", f"(x^2 - {r * r})/(x - {r}) + (x - {r})^2" if r else "x^2/x + x^2",
                       "(exp(x) - 1)/x - x^2/4"))
    center = 0 if "sin" in text or "exp" in text else r
    return Generated(text, (float(center - rng.randint(2, 6)), float(center + rng.randint(2, 6))), "hole")


def _monotone_case(rng: random.Random) -> Generated:
    """No critical point at all: the vanishing gradient of tanh and sigmoid, and monotone functions whose
    slope steepens (no slide to show)."""
    text = rng.choice(("tanh(x)", "sigmoid(x)", "atan(x)", f"tanh({_linear(rng)})", "exp(x)", "-exp(-x)",
                       "x^3 + x", "softplus(x)", "sigmoid(2x) + 0.1x"))
    width = rng.choice((3, 5, 8, 10))
    return Generated(text, (float(-width), float(width)), "monotone")


_FAMILIES = ((_polynomial_case, 30), (_rational_case, 12), (_product_case, 20), (_sum_case, 15),
             (_composition_case, 15), (_flat_case, 8), (_pole_case, 8), (_hole_case, 5), (_monotone_case, 8))


def generate(count: int, seed: int) -> list[Generated]:
    """`count` functions drawn from the grammar; the same (count, seed) gives the same list."""
    rng = random.Random(seed)
    rules = [rule for rule, _ in _FAMILIES]
    weights = [weight for _, weight in _FAMILIES]
    return [rng.choices(rules, weights)[0](rng) for _ in range(count)]
