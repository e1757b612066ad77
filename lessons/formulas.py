"""sympy expressions written three ways: Typst math for the screen (`to_typst`), Unicode text for captions
and transcripts (`to_plain`) and words for the voice (`to_spoken`), so a formula on screen is mathcore's own
expression, and a caption and the voice say the number a marker shows in the very form it shows it.

Typst covers what the parser can produce: sums, products, powers, rationals, pi and e, the whitelisted
functions, Abs, sign, Max/Min and Heaviside (numbers use Typst's minus sign automatically). The text and
spoken writers cover exact numbers: rationals, π, e, roots, logarithms, exponentials and the functions a
solution names (arcsin …). `shown_exactly` is the one rule for whether an exact number is shown as such.
"""

from __future__ import annotations

import re

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


def _real_root(expr: sp.Mul) -> sp.Pow | None:
    """sgn(u)·|u|^(p/q) (how the parser builds the real root of an odd q) as the power u^(p/q) it was typed as."""
    factors = sp.Mul.make_args(expr)
    if len(factors) != 2:
        return None
    sign = next((f for f in factors if isinstance(f, sp.sign)), None)
    power = next((f for f in factors if isinstance(f, sp.Pow) and isinstance(f.base, sp.Abs)), None)
    if sign is None or power is None or sign.args[0] != power.base.args[0] or not power.exp.is_Rational:
        return None
    return sp.Pow(sign.args[0], power.exp, evaluate=False)


def _pow(expr: sp.Pow) -> str:
    base, exponent = expr.as_base_exp()
    if exponent == -1 and _sigmoid_argument(base) is not None:
        return f"sigma({to_typst(_sigmoid_argument(base))})"
    if exponent == sp.Rational(1, 2):
        return f"sqrt({to_typst(base)})"
    if exponent == sp.Rational(1, 3) and not isinstance(base, sp.Abs):
        return f"root(3, {to_typst(base)})"
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
    """x² − 2x + 1: sympy's order of the terms in x, the constant last; a difference of two terms that would
    open with a minus opens with the other, as textbooks write 1 − tanh²x (not −tanh²x + 1)."""
    ordered = expr.as_ordered_terms()
    terms = [t for t in ordered if not t.is_Number] + [t for t in ordered if t.is_Number]
    if len(terms) == 2 and terms[0].could_extract_minus_sign():
        first = next((t for t in terms if not t.could_extract_minus_sign()), None)
        if first is not None:
            terms.remove(first)
            terms.insert(0, first)
    return terms


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
        root = _real_root(expr)
        return _pow(root) if root is not None else _mul(expr)
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


MAX_EXACT = 10  # characters of text: an exact number longer than this (arcsin(1/6)/3) is written as a decimal


def shown_exactly(expr: sp.Expr | None, room: int = MAX_EXACT) -> bool:
    """Whether an exact number is shown as such (on a marker, in a caption, by the voice), else as a decimal
    with ≈: one rule for all three, so what is said is what is shown. Measured on the text form ('5π/6 − √3'
    is 9 characters), which is as wide as the formula on screen."""
    return expr is not None and expr.is_number and not expr.has(sp.CRootOf, sp.Float) and \
        len(to_plain(expr, "en")) <= room


def plain_exact(value: float, expr: sp.Expr | None, language: str, relation: bool = False,
                beside: bool = False) -> str:
    """A number for text: its exact form where it is shown as such, else the decimal; with `relation`,
    preceded by '=' or, when the decimal rounds the value, '≈' ("x = 3π/2", "x ≈ 2,15"); with `beside`, an
    irrational exact form followed by its decimal ("= 2 − 2 ln 2 ≈ 0,6137")."""
    if shown_exactly(expr):
        text = to_plain(expr, language)
        if beside and not expr.is_Rational:
            text += f" ≈ {numbers.plain(value, language)}"
        return f"= {text}" if relation else text
    text = numbers.plain(value, language)
    if not relation:
        return text
    return f"{'≈' if numbers.approximate(value) else '='} {text}"


_SUPER = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_PLAIN_NAMES = {"log": "ln", "asin": "arcsin", "acos": "arccos", "atan": "arctan"}


def _plain_number(value: sp.Number, language: str) -> str:
    if isinstance(value, sp.Integer):
        return str(int(value)).replace("-", numbers.MINUS)
    if isinstance(value, sp.Rational):
        return f"{numbers.MINUS if value < 0 else ''}{abs(value.p)}/{value.q}"
    return numbers.plain(float(value), language)


def _plain_wrapped(expr: sp.Expr, language: str, parent: int) -> str:
    text = to_plain(expr, language)
    return f"({text})" if precedence(expr) < parent else text


def _plain_product(expr: sp.Mul, language: str) -> str:
    if expr.could_extract_minus_sign():
        return numbers.MINUS + _plain_wrapped(-expr, language, PRECEDENCE["Mul"])
    numerator, denominator = sp.fraction(expr, exact=True)
    if denominator != 1:
        top = _plain_wrapped(numerator, language, PRECEDENCE["Mul"])
        if " " in top and not top.startswith("("):  # "sin 10/10" would read sin(1); "(sin 10)/10" cannot
            top = f"({top})"
        return f"{top}/{_plain_wrapped(denominator, language, PRECEDENCE['Pow'])}"
    coefficient, rest = expr.as_coeff_Mul()
    parts = [] if coefficient == 1 else [_plain_number(coefficient, language)]
    parts += [_plain_wrapped(f, language, PRECEDENCE["Mul"]) for f in sp.Mul.make_args(rest)]
    out = parts[0]
    for previous, current in zip(parts, parts[1:]):
        spaced = current[0].isalpha() and current[0] not in "πe" or previous[-1].isdigit() and current[0].isdigit()
        out += (" " if spaced else "") + current
    return out


def _plain_power(expr: sp.Pow, language: str) -> str:
    base, exponent = expr.as_base_exp()
    if exponent == sp.Rational(1, 2):
        inner = to_plain(base, language)
        return f"√{inner}" if base.is_Atom else f"√({inner})"
    if exponent.is_Rational and exponent < 0 and base != sp.E:
        return f"1/{_plain_wrapped(base ** -exponent, language, PRECEDENCE['Pow'])}"
    base_text = "e" if base == sp.E else _plain_wrapped(base, language, PRECEDENCE["Pow"] + 1)
    if exponent.is_Integer:
        return base_text + str(int(exponent)).translate(_SUPER)
    return f"{base_text}^({to_plain(exponent, language)})"


def to_plain(expr: sp.Expr, language: str) -> str:
    """An exact number as caption text: '5π/6 − √3', '2 − 2 ln 2', 'e⁻¹', '(1 + √5)/2' (the sign a true minus)."""
    if expr is sp.pi:
        return "π"
    if expr is sp.E:
        return "e"
    if isinstance(expr, sp.Symbol):
        return expr.name
    if isinstance(expr, sp.Number):
        return _plain_number(expr, language)
    if isinstance(expr, sp.Add):
        terms = numbers.constant_terms(expr) if expr.is_number else _variable_order(expr)
        out = to_plain(terms[0], language)
        for term in terms[1:]:
            negative = term.could_extract_minus_sign()
            out += f" {numbers.MINUS if negative else '+'} " + _plain_wrapped(-term if negative else term, language,
                                                                           PRECEDENCE["Add"] + 1)
        return out
    if isinstance(expr, sp.Mul):
        return _plain_product(expr, language)
    if isinstance(expr, sp.Pow):
        return _plain_power(expr, language)
    if isinstance(expr, sp.exp):
        return _plain_power(sp.Pow(sp.E, expr.args[0], evaluate=False), language)
    if isinstance(expr, sp.Function) and len(expr.args) == 1:
        name = _PLAIN_NAMES.get(type(expr).__name__, type(expr).__name__)
        argument = to_plain(expr.args[0], language)
        simple = isinstance(expr.args[0], (sp.Integer, sp.Symbol)) and expr.args[0] >= 0 if \
            expr.args[0].is_number else isinstance(expr.args[0], sp.Symbol)
        return f"{name} {argument}" if simple else f"{name}({argument})"
    return str(expr)


_SPOKEN_NAMES = {"vi": {"log": "lô-ga-rít tự nhiên của", "asin": "ác-sin của", "acos": "ác-cô-sin của",
                        "atan": "ác-tang của", "sin": "sin của", "cos": "cô-sin của", "tan": "tang của"},
                 "en": {"log": "natural log of", "asin": "arc sine of", "acos": "arc cosine of",
                        "atan": "arc tangent of", "sin": "sine of", "cos": "cosine of", "tan": "tangent of"}}
_WORDS = {"vi": {"minus": "trừ", "negative": "âm", "plus": "cộng", "over": "trên", "root": "căn",
                 "power": "mũ", "square": "bình phương"},
          "en": {"minus": "minus", "negative": "minus", "plus": "plus", "over": "over", "root": "root",
                 "power": "to the", "square": "squared"}}


def to_spoken(expr: sp.Expr, language: str) -> str:
    """An exact number read out: "năm pi trên sáu trừ căn ba" is left to espeak-ng's digits — "5 pi trên 6 trừ
    căn 3" / "5 pi over 6 minus root 3", "e mũ âm 1", "2 trừ 2 lô-ga-rít tự nhiên của 2"."""
    words = _WORDS[language]
    if expr is sp.pi:
        return "pi"
    if expr is sp.E:
        return "e"
    if isinstance(expr, sp.Number):
        if isinstance(expr, sp.Rational) and not isinstance(expr, sp.Integer):
            sign = f"{words['negative']} " if expr < 0 else ""
            return f"{sign}{abs(expr.p)} {words['over']} {expr.q}"
        text = str(int(expr)) if isinstance(expr, sp.Integer) else numbers.plain(float(expr), language)
        return text.replace("-", f"{words['negative']} ").replace(numbers.MINUS, f"{words['negative']} ")
    if isinstance(expr, sp.Add):
        terms = numbers.constant_terms(expr) if expr.is_number else _variable_order(expr)
        out = to_spoken(terms[0], language)
        for term in terms[1:]:
            negative = term.could_extract_minus_sign()
            out += f" {words['minus'] if negative else words['plus']} " + to_spoken(-term if negative else term,
                                                                                   language)
        return out
    if isinstance(expr, sp.Mul):
        if expr.could_extract_minus_sign():
            return f"{words['negative']} {to_spoken(-expr, language)}"
        numerator, denominator = sp.fraction(expr, exact=True)
        if denominator != 1:
            return f"{to_spoken(numerator, language)} {words['over']} {to_spoken(denominator, language)}"
        return " ".join(to_spoken(f, language) for f in sp.Mul.make_args(expr))
    if isinstance(expr, (sp.Pow, sp.exp)):
        base, exponent = (sp.E, expr.args[0]) if isinstance(expr, sp.exp) else expr.as_base_exp()
        if exponent == sp.Rational(1, 2):
            return f"{words['root']} {to_spoken(base, language)}"
        if exponent.is_Rational and exponent < 0 and base != sp.E:
            return f"1 {words['over']} {to_spoken(base ** -exponent, language)}"
        if exponent == 2:
            return f"{to_spoken(base, language)} {words['square']}"
        return f"{to_spoken(base, language)} {words['power']} {to_spoken(exponent, language)}"
    if isinstance(expr, sp.Function) and len(expr.args) == 1:
        name = _SPOKEN_NAMES[language].get(type(expr).__name__, type(expr).__name__)
        return f"{name} {to_spoken(expr.args[0], language)}"
    return str(expr)


# f′(x) = 0 solved on screen (mathcore.solve.Step): a line of equations joined by "or", a family with k ----------
OR = {"vi": "hoặc", "en": "or"}
NO_SOLUTION = {"vi": "vô nghiệm", "en": "no solution"}
WHOLE_K = {"vi": "k ∈ ℤ", "en": "k ∈ ℤ"}
_SPOKEN_K = {"vi": "k nguyên", "en": "k a whole number"}
_SPOKEN_EQUALS = {"vi": "bằng", "en": "equals"}


def _family(rhs: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """(base, period) of base + k·period, the way a family of solutions is written; None without k."""
    k = next((s for s in rhs.free_symbols if s.name == "k"), None)
    if k is None:
        return None
    base = rhs.subs(k, 0)
    return base, sp.expand((rhs - base) / k)


def _k_period(period: sp.Expr, language: str, write, kind: str) -> str:
    """k·2π as Vietnamese classes write it (k2π, kπ), 2kπ in English; said "k nhân 2 pi" / "2 k pi"."""
    times = period / sp.pi  # 2π/π is 2 as built: no simplify (its work is unbounded)
    pi = write(sp.pi)
    if kind == "spoken":
        return f"{times if times != 1 else ''} k pi".strip() if language == "en" and times.is_Integer else \
            f"k {'nhân ' if language == 'vi' else 'times '}{write(period)}" if period != sp.pi else "k pi"
    if language == "en" and times.is_Integer:
        return f"{'' if times == 1 else int(times)}k{' ' if kind == 'typst' else ''}{pi}"
    return f"k {write(period)}" if kind == "typst" else f"k{write(period)}"


_PLUS = {"plain": "+", "typst": "+", "spoken": {"vi": "cộng", "en": "plus"}}


def _side(expr: sp.Expr, write, language: str, kind: str) -> str:
    family = _family(expr)
    if family is None:
        text = write(expr)
        if kind != "plain":
            return text
        return re.sub(r"(?<![\w.,])(\d+) (?=x(?![a-z]))", r"\1", text).replace("e^(x)", "eˣ")  # 3x², eˣ
    base, period = family
    k = _k_period(period, language, write, kind)
    plus = _PLUS[kind] if kind != "spoken" else _PLUS[kind][language]
    return k if base == 0 else f"{write(base)} {plus} {k}"


def _equations(line, language: str, write, equals: str, whole_k: str, joiner: str, kind: str) -> str:
    if not len(line):
        return NO_SOLUTION[language]
    pairs = [item if len(item.args) == 2 and isinstance(item, sp.Tuple) else None for item in line]
    text = joiner.join(_side(item, write, language, kind) if pair is None else
                       f"{_side(pair[0], write, language, kind)} {equals} {_side(pair[1], write, language, kind)}"
                       for item, pair in zip(line, pairs))  # a bare expression (a factor that never vanishes)
    return text + whole_k if any(pair is not None and _family(pair[1]) is not None for pair in pairs) else text


def plain_equations(line, language: str, members: bool = False) -> str:
    """A line of the solving as caption text: 'x = π/6 + k2π hoặc x = 5π/6 + k2π (k ∈ ℤ)'; with `members`, the
    set of its solutions, 'x ∈ {π/6; 5π/6}'."""
    if members and len(line):
        values = f"{numbers.LIST_SEPARATOR[language].strip()} ".join(to_plain(e.args[1], language) for e in line)
        return f"x ∈ {{{values}}}"
    return _equations(line, language, lambda e: to_plain(e, language), "=", f" ({WHOLE_K[language]})",
                      f" {OR[language]} ", "plain")


def _spoken_side(expr: sp.Expr, language: str) -> str:
    """A side read out; a product of sums with "nhân"/"times" between its factors (brackets are not heard)."""
    if isinstance(expr, sp.Mul) and any(isinstance(f, sp.Add) for f in expr.args) and \
            not expr.could_extract_minus_sign():
        return f" {'nhân' if language == 'vi' else 'times'} ".join(to_spoken(f, language) for f in expr.args)
    return to_spoken(expr, language)


def spoken_equations(line, language: str, members: bool = False) -> str:
    """A line of the solving read out: "x bằng pi trên 6 cộng k 2 pi hoặc …, k nguyên"; with `members`, "x bằng
    pi trên 6 hoặc 5 pi trên 6"."""
    if members and len(line):
        values = f" {OR[language]} ".join(_spoken_side(e.args[1], language) for e in line)
        return f"x {_SPOKEN_EQUALS[language]} {values}"
    return _equations(line, language, lambda e: _spoken_side(e, language), _SPOKEN_EQUALS[language],
                      f", {_SPOKEN_K[language]}", f" {OR[language]} ", "spoken")


def typst_items(line, language: str) -> tuple[list[str], str]:
    """A line of the solving in Typst, an equation at a time (a line too wide is wrapped between them), and what
    closes it: "(k ∈ ℤ)" where a family has k."""
    items = [typst_equations(sp.Tuple(item), language) for item in line]
    tail = " quad (k in ZZ)"
    has_k = any(item.endswith(tail) for item in items)
    return [item.removesuffix(tail) for item in items], tail if has_k else ""


def typst_equations(line, language: str) -> str:
    """A line of the solving in Typst math: `x = pi/6 + k 2pi " hoặc " …  (k in ZZ)`."""
    if not len(line):
        return f'"{NO_SOLUTION[language]}"'
    return _equations(line, language, to_typst, "=", " quad (k in ZZ)", f' "  {OR[language]}  " ', "typst")
