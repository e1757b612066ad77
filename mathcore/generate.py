"""Functions as teachers type them, drawn at random from a small grammar, for checks at a scale no hand
review reaches (`render.py verify`, the exact-work rules' benchmark).

The grammar: polynomials up to degree 6 with small integer or one-decimal coefficients; rational functions
on domains without a pole; sums and products of such terms with exp, log, sqrt, abs, sin, cos, tanh,
sigmoid, softplus and relu; compositions of them; domains of a few units, some starting at a critical
point, some containing a flat piece. Every function is written as a teacher writes it ("x^3 - 3x^2 + 2",
"x^2 exp(-x)"), so the parser is part of what is checked. A draw depends on the seed alone.

Surfaces f(x, y) on a box (`generate_surfaces`, for the section saddle_points) come from a grammar of their
own, as a teacher types them: the textbook's surfaces with their coefficients varied ((x² − 1)² + y², x² − y²,
xy, the monkey saddle x³ − 3xy², x⁴ + y⁴ − 4xy + 1, Rosenbrock's valley, and those where the Hessian says
nothing: x² + y⁴, y² − x⁴, Peano's (y − x²)(y − 2x²)), polynomials in x and y of total degree
up to 4, a generated function of x lifted to f(x) ± ky², sums of a function of x and one of y, quadratic forms,
bumps (xy·e^(−x² − y²)) and losses of two weights ((xy − 1)², whose minima fill a curve), on boxes of a few
units, most of them around 0.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from .errors import LessonInputError
from .parse import X, parse_function

__all__ = ["Generated", "GeneratedSurface", "generate", "generate_surfaces"]


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


# Surfaces f(x, y) on a box [a, b] × [c, d]

Box = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class GeneratedSurface:
    function: str  # f(x, y) as typed
    box: Box
    family: str  # which rule drew it: "textbook", "polynomial", "lifted", "separable", "quadratic", "bump", "loss"


_VARIABLE_X = re.compile(r"(?<![a-z])x(?![a-z])")


def _in_y(text: str) -> str:
    """A function of x written in y (exp, max and the other names keep their x)."""
    return _VARIABLE_X.sub("y", text)


def _side(rng: random.Random, low: float = 1.0, high: float = 3.0) -> tuple[float, float]:
    """An interval around 0 (symmetric, or shifted by a half now and then), ends on halves."""
    half = rng.randint(int(2 * low), int(2 * high)) / 2
    shift = rng.choice((0.0, 0.0, 0.0, 0.5, -0.5))
    return (-half + shift, half + shift)


def _box(rng: random.Random, low: float = 1.0, high: float = 3.0) -> Box:
    return _side(rng, low, high), _side(rng, low, high)


def _signed(value: Fraction, first: bool) -> str:
    """A coefficient before a term: "", "-", "3", " + 3", " - 0.5" (1 is not written)."""
    size = "" if abs(value) == 1 else _coefficient(abs(value))
    if first:
        return f"{'-' if value < 0 else ''}{size}"
    return f" {'-' if value < 0 else '+'} {size}"


def _power_of(variable: str, power: int) -> str:
    return "" if power == 0 else variable if power == 1 else f"{variable}^{power}"


def _xy_monomial(rng: random.Random, i: int, j: int) -> str:
    """x^i y^j as teachers write it: "x^2y", "xy^2", "x^2 y", "xy", "x*y"."""
    px, py = _power_of("x", i), _power_of("y", j)
    if not px or not py:
        return px or py or "1"
    joint = rng.choice(("", "", " ", "*")) if i == 1 or j == 1 else rng.choice(("", " ", "*"))
    return f"{px}{joint}{py}"


def _textbook_surface(rng: random.Random) -> GeneratedSurface:
    a, k = rng.choice((1, 1, 2, 4)), rng.choice((1, 1, 2, 3, 0.5))
    ks = "" if k == 1 else f"{k:g}"
    text, box = rng.choice((
        (f"(x^2 - {a})^2 + {ks}y^2", ((-2.0, 2.0), (-1.5, 1.5)) if a == 1 else ((-2.5, 2.5), (-2.0, 2.0))),
        ("x^2 - y^2", _box(rng)), (f"{ks}x^2 - y^2", _box(rng)), ("y^2 - x^2", _box(rng)),
        ("xy", _box(rng)), (f"{ks}xy + 1", _box(rng)), ("x^2 + y^2", _box(rng)), ("-(x^2 + y^2)", _box(rng)),
        ("x^3 - 3xy^2", _box(rng, 1, 2)), ("x^3 + y^3 - 3xy", ((-1.5, 2.0), (-1.5, 2.0))),
        ("x^4 + y^4", _box(rng, 1, 2)), ("x^4 + y^4 - 4xy + 1", ((-2.0, 2.0), (-2.0, 2.0))),
        (f"x^2 + {ks}xy + y^2", _box(rng)), (f"x^2 + 3xy + {ks}y^2", _box(rng)),
        (f"x^3 - {3 * a}x + y^2", ((-2.5, 2.5), (-1.5, 1.5))), (f"x^4 - 2x^2 + {ks}y^2", ((-2.0, 2.0), (-1.5, 1.5))),
        (f"(1 - x)^2 + {rng.choice((1, 5, 10))}(y - x^2)^2", ((-1.5, 2.0), (-1.0, 3.0))),
        ("x^2y - x^2 - y^2", ((-2.0, 2.0), (-1.5, 2.5))), ("xy(x + y - 3)", ((-1.0, 3.0), (-1.0, 3.0))),
        ("sin(x)cos(y)", ((-2.0, 2.0), (-2.0, 2.0))), ("sin(x) + cos(y)", ((-2.0, 2.0), (-2.0, 2.0))),
        # where the second-derivative test says nothing (a singular Hessian): the textbook's counterexamples
        ("x^2 + y^4", _box(rng, 1, 2)), ("x^2 - y^4", _box(rng, 1, 2)), ("x^3 + y^2", _box(rng, 1, 2)),
        (f"y^2 - {ks}x^4", _box(rng, 1, 2)), ("(y - x^2)(y - 2x^2)", _box(rng, 1, 1.5)),
        (f"(x - 2y)^2 - {ks}x^4", _box(rng, 1, 2)), ("x^2y^2", _box(rng, 1, 2)), ("x^4 - y^4", _box(rng, 1, 2)),
    ))
    return GeneratedSurface(text, box, "textbook")


def _polynomial_surface(rng: random.Random) -> GeneratedSurface:
    """Two to four terms x^i y^j of total degree 1 to 4 (a y² or x² added when one variable is missing), small
    coefficients."""
    powers = [(i, j) for i in range(5) for j in range(5) if 1 <= i + j <= 4]
    chosen = sorted(set(rng.sample(powers, rng.randint(2, 4))), key=lambda p: (-(p[0] + p[1]), -p[0]))
    if not any(j for _, j in chosen):  # f depends on both variables
        chosen.append((0, 2))
    if not any(i for i, _ in chosen):
        chosen.append((2, 0))
    chosen = sorted(set(chosen), key=lambda p: (-(p[0] + p[1]), -p[0]))
    text = "".join(f"{_signed(_number(rng, -3, 3, 0.15), n == 0)}{_xy_monomial(rng, i, j)}"
                   for n, (i, j) in enumerate(chosen))
    return GeneratedSurface(text, _box(rng, 1, 2.5), "polynomial")


def _smooth_case(rng: random.Random) -> Generated:
    """A generated function of x for a surface: mostly the smooth families (a kink is refused on surfaces)."""
    rule = rng.choices((_polynomial_case, _product_case, _composition_case, _sum_case, _rational_case),
                       (40, 20, 15, 15, 10))[0]
    return rule(rng)


def _lifted_surface(rng: random.Random) -> GeneratedSurface:
    """f(x) ± ky² (or + y⁴ − 2y²) for a generated f of x: f's critical points become minima or saddles."""
    case = _smooth_case(rng)
    k = rng.choice((1, 1, 2, 0.5))
    ks = "" if k == 1 else f"{k:g}"
    tail = rng.choice((f" + {ks}y^2", f" + {ks}y^2", f" - {ks}y^2", " + y^4 - 2y^2"))
    return GeneratedSurface(f"{case.function}{tail}", (case.domain, _side(rng, 1, 2)), "lifted")


def _separable_surface(rng: random.Random) -> GeneratedSurface:
    """g(x) + h(y), each a small polynomial or one of the grammar's atoms."""
    def part() -> str:
        return polynomial(rng, rng.choice((2, 3, 4))) if rng.random() < 0.5 else _atom(rng)
    g, h = part(), _in_y(part())
    if "x" not in g.replace("exp", "") or "y" not in h:
        g, h = "x^2", "y^2" if "y" not in h else h
    if rng.random() < 0.7:  # g + h, as typed: g - y^4 - … rather than g + (-y^4 - …)
        text = f"{g} - {h[1:]}" if h.startswith("-") else f"{g} + {h}"
    else:
        text = f"{g} - {h}" if _one_term(h) else f"{g} - ({h})"
    return GeneratedSurface(text, _box(rng), "separable")


def _one_term(text: str) -> bool:
    """No + or − outside parentheses after the first character: a single term."""
    depth = 0
    for ch in text[1:]:
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and ch in "+-":
            return False
    return True


def _quadratic_surface(rng: random.Random) -> GeneratedSurface:
    """ax² + bxy + cy² + dx + ey: one critical point, a minimum, maximum or saddle by the discriminant."""
    terms = [(_number(rng, -3, 3, 0.1), "x^2"), (_number(rng, -4, 4, 0.1), rng.choice(("xy", "x y", "x*y"))),
             (_number(rng, -3, 3, 0.1), "y^2")]
    terms += [(_number(rng, -3, 3, 0), v) for v in ("x", "y") if rng.random() < 0.5]
    text = "".join(f"{_signed(value, n == 0)}{body}" for n, (value, body) in enumerate(terms))
    return GeneratedSurface(text, _box(rng, 1.5, 3), "quadratic")


def _bump_surface(rng: random.Random) -> GeneratedSurface:
    """Products with a Gaussian bump, the shapes of a plotting textbook's examples."""
    text = rng.choice(("x y exp(-x^2 - y^2)", "xy exp(-(x^2 + y^2)/2)", "x exp(-x^2 - y^2)",
                       "(x^2 - y^2) exp(-x^2 - y^2)", "(x + y) exp(-x^2 - y^2)", "exp(-x^2 - y^2) - x^2/10",
                       "(x^2 + 3y^2) exp(-x^2 - y^2)", "-exp(-(x - 1)^2 - y^2) - exp(-(x + 1)^2 - y^2)",
                       "x^2 + y^2 - 2exp(-x^2 - y^2)", "sin(x y)", "cos(x) + y^2/2"))
    return GeneratedSurface(text, _box(rng, 1.5, 3), "bump")


def _loss_surface(rng: random.Random) -> GeneratedSurface:
    """Losses of two weights as a machine-learning course writes them: a product of weights fitted to 1 (its
    minima fill the curve xy = 1), logistic and squared losses, a regularised one."""
    text, box = rng.choice((
        ("(x y - 1)^2", ((0.5, 2.5), (0.5, 2.5))), ("(xy - 1)^2 + 0.1(x^2 + y^2)", ((-2.0, 2.0), (-2.0, 2.0))),
        ("(x - 1)^2 + (y + 0.5)^2", _box(rng)), ("log(1 + exp(-x - y)) + 0.1(x^2 + y^2)", _box(rng)),
        ("(sigmoid(x) - 0.9)^2 + (sigmoid(y) - 0.2)^2", ((-4.0, 4.0), (-4.0, 4.0))),
        ("(x^2 - 1)^2 + (y^2 - 1)^2", ((-1.5, 1.5), (-1.5, 1.5))), ("x^2 + 10y^2", _box(rng)),
        ("(x + 2y - 3)^2 + (2x - y)^2", _box(rng, 1.5, 3)),
    ))
    return GeneratedSurface(text, box, "loss")


_SURFACE_FAMILIES = ((_textbook_surface, 25), (_polynomial_surface, 20), (_lifted_surface, 20),
                     (_separable_surface, 10), (_quadratic_surface, 10), (_bump_surface, 10), (_loss_surface, 5))


def generate_surfaces(count: int, seed: int) -> list[GeneratedSurface]:
    """`count` surfaces f(x, y) with their boxes, drawn from the grammar; the same (count, seed) gives the same
    list (a stream of its own: the functions of `generate(n, seed)` are not its prefix)."""
    rng = random.Random(f"surfaces {seed}")
    rules = [rule for rule, _ in _SURFACE_FAMILIES]
    weights = [weight for _, weight in _SURFACE_FAMILIES]
    return [rng.choices(rules, weights)[0](rng) for _ in range(count)]
