"""One way to write a number, on screen (Typst math) and in captions (plain Unicode), in each language.

- Significant digits by scale: 4 by default, trailing zeros dropped (0.000375, 622.3, 2.15, −1);
  ×10ⁿ outside [10⁻⁴, 10⁵) (6.273×10⁷, 4.291×10⁻⁶); never a raw float.
- The minus sign is U+2212 in captions (Typst sets its own).
- Decimal mark: Vietnamese writes a comma ("2,15", the national convention, as in the course's
  textbooks) and separates a list of numbers with "; "; English writes "2.15" and ", ".
- `approximate` tells whether the text rounds the value (the caller then writes ≈, not =).
"""

from __future__ import annotations

import math
import re

import sympy as sp

SIGNIFICANT = 4
SMALL, LARGE = 1e-4, 1e5
MINUS = "\u2212"
SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
DECIMAL_MARK = {"vi": ",", "en": "."}
LIST_SEPARATOR = {"vi": "; ", "en": ", "}


def _parts(value: float, digits: int) -> tuple[str, str, int | None]:
    """(sign, mantissa with '.' as mark, power of ten or None)."""
    if value == 0 or not math.isfinite(value):
        return "", "0" if value == 0 else str(value), None
    sign = "-" if value < 0 else ""
    size = abs(value)
    if SMALL <= size < LARGE:
        decimals = max(digits - 1 - math.floor(math.log10(size)), 0)
        text = f"{size:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return (sign if float(text) != 0 else ""), text, None
    mantissa, _, power = f"{size:.{digits - 1}e}".partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return sign, mantissa, int(power)


def plain(value: float, language: str, digits: int = SIGNIFICANT) -> str:
    """The number for captions and transcripts: '−0,000375', '6,273×10⁷'."""
    sign, mantissa, power = _parts(value, digits)
    text = (MINUS if sign else "") + mantissa.replace(".", DECIMAL_MARK[language])
    return text if power is None else f"{text}×10{str(power).translate(SUPERSCRIPTS)}"


def typst(value: float, language: str, digits: int = SIGNIFICANT) -> str:
    """The number as Typst math: the decimal comma quoted so Typst adds no space after it."""
    sign, mantissa, power = _parts(value, digits)
    mark = '","' if DECIMAL_MARK[language] == "," else "."
    text = sign + mantissa.replace(".", mark)
    return text if power is None else f"{text} times 10^({power})"


def rounded(value: float, digits: int = SIGNIFICANT) -> float:
    """The value `plain`/`typst` show, as a number."""
    sign, mantissa, power = _parts(value, digits)
    return float(f"{sign}{mantissa}e{power or 0}") if math.isfinite(value) else value


def bound_digits(value: float, bound: float, least: int = 2, most: int = 8) -> int:
    """The fewest significant digits (at least `least`) that write `bound` so that `value`, written as usual,
    reads as no more than it: "|f′| = 0,00502 ≤ 0,00505", never "≤ 0,005" (value ≤ bound holds exactly)."""
    shown = rounded(value)
    for digits in range(least, most + 1):
        if shown <= rounded(bound, digits):
            return digits
    return most


def approximate(value: float, digits: int = SIGNIFICANT) -> bool:
    """Whether `plain`/`typst` round the value (then '≈' belongs before it)."""
    sign, mantissa, power = _parts(value, digits)
    shown = float(f"{sign}{mantissa}e{power or 0}")
    return not math.isclose(shown, value, rel_tol=1e-12, abs_tol=0.0)


def constant_terms(expr: sp.Add) -> list[sp.Expr]:
    """The terms of an exact number in the order a teacher writes them: 1 − √2, 1 + √2, √2 − 1, −1 − √2 —
    the rational part first, unless it is negative and another term is positive (then that term leads)."""
    ordered = expr.as_ordered_terms()
    rational = [t for t in ordered if t.is_Rational]
    others = [t for t in ordered if not t.is_Rational]
    if rational and (rational[0] > 0 or all(t.could_extract_minus_sign() for t in others)):
        return rational + others
    positive = [t for t in others if not t.could_extract_minus_sign()]
    return positive + [t for t in others if t not in positive] + rational


def plain_position(value: float, width: float, language: str) -> str:
    """A position on a domain `width` wide, to 4 significant digits of the width (so a run that converged
    to 0 reads "≈ 0", not "≈ 3,638×10⁻¹²"), with '=' or '≈'."""
    step = 10.0 ** (math.floor(math.log10(width)) - 3)
    shown = round(value / step) * step
    text = plain(0.0 if shown == 0 else shown, language)
    return f"{'=' if math.isclose(float(shown), value, rel_tol=0, abs_tol=1e-15) else '≈'} {text}"


def exact_digits(value: float, most: int = 7) -> int:
    """The fewest significant digits (at least 4, at most `most`) that write `value` exactly, so a worked
    step (0,04 · 10,6875 = 0,4275) adds up on screen; 4 when no such number of digits exists."""
    for digits in range(SIGNIFICANT, most + 1):
        if not approximate(value, digits):
            return digits
    return SIGNIFICANT


def shown(value: float, digits: int = SIGNIFICANT) -> float:
    """The value as `plain`/`typst` write it with `digits` significant digits, read back."""
    sign, mantissa, power = _parts(value, digits)
    return float(f"{sign}{mantissa}e{power or 0}") if math.isfinite(value) else value


def worked_digits(x0: float, lr: float, slope: float, x1: float, most: int = 7) -> tuple[int, int, int, int, int]:
    """Significant digits for (x0, η, f′(x0), η·f′(x0), x1) in the worked step "η·f′(x0) = η·f′ ≈ step" and
    "x1 = x0 − step ≈ x1" so that both check with the digits shown: 0,2 · (−2,0197) ≈ −0,4039, not
    0,2 · (−2,02), whose product is −0,404. Each number keeps 4 digits unless the check needs more."""
    step = lr * slope
    d_x0, d_lr, d_x1 = exact_digits(x0, most), exact_digits(lr, most), exact_digits(x1, most)
    for d_step in range(exact_digits(step, most), most + 1):
        if shown(shown(x0, d_x0) - shown(step, d_step), d_x1) != shown(x1, d_x1):
            continue
        for d_slope in range(exact_digits(slope, most), most + 1):
            if shown(shown(lr, d_lr) * shown(slope, d_slope), d_step) == shown(step, d_step):
                return d_x0, d_lr, d_slope, d_step, d_x1
    return d_x0, d_lr, most, most, d_x1


def worked_step(x0: float, lr: float, slope: float, x1: float, language: str, name: str = "f") -> tuple[str, str]:
    """The two lines of a worked descent step as Typst math, checking with the digits shown (worked_digits):
    "η·f′(x0) = η · f′ ≈ step" and "x₁ = x0 − step ≈ x1"; a factor in brackets only when it is negative
    (x₁ = 2,5 − 0,35 = 2,15; 0,2 · (−2,0197) ≈ −0,4039)."""
    d_x0, d_lr, d_slope, d_step, d_x1 = worked_digits(x0, lr, slope, x1)
    step = lr * slope

    def factor(value: float, digits: int) -> str:
        text = typst(value, language, digits)
        return f"({text})" if value < 0 else text

    def relation(value: float, digits: int) -> str:
        return f"{'approx' if approximate(value, digits) else '='} {typst(value, language, digits)}"
    first = (f"eta dot {name}'({typst(x0, language, d_x0)}) = {typst(lr, language, d_lr)} dot "
             f"{factor(slope, d_slope)} {relation(step, d_step)}")
    second = f"x_1 = {typst(x0, language, d_x0)} - {factor(step, d_step)} {relation(x1, d_x1)}"
    return first, second


def readout_decimals(values, digits: int = 3, most: int = 6) -> int:
    """Fixed decimals for a live read-out over `values`: the typical size keeps `digits` significant digits,
    so the read-out neither shows 0.00 for a real slope nor jitters in width."""
    sizes = sorted(abs(v) for v in values if math.isfinite(v) and v != 0)
    if not sizes:
        return 2
    typical = sizes[len(sizes) // 2]
    return int(min(max(digits - 1 - math.floor(math.log10(typical)), 0), most))


_POWER = re.compile(r"(?:\*\*|\^)(\d+)(?![\d.])")
_POWER_NEG = re.compile(r"(?:\*\*|\^)\(?(-\d+)\)?")
_IMPLICIT = re.compile(r"(\d)\s*\*\s*(?=[a-zA-Zπ(√])")


def plain_function(text: str, language: str) -> str:
    """A function as the teacher typed it, written for captions: x³ − 12x, x²·exp(−x), not x^3 - 12*x."""
    text = " ".join(text.split()).replace("**", "^")
    text = _POWER_NEG.sub(lambda m: m.group(1).translate(SUPERSCRIPTS), text)
    text = _POWER.sub(lambda m: m.group(1).translate(SUPERSCRIPTS), text)
    text = _IMPLICIT.sub(r"\1", text)
    text = re.sub(r"\s*\*\s*", "·", text)
    text = re.sub(r"(?<=\S)\s*([+])\s*", r" \1 ", text)
    text = re.sub(r"(?<=[\w)²³⁴⁵⁶⁷⁸⁹⁰¹])\s*-\s*", " − ", text)
    text = re.sub(r"(?<=\d)\.(?=\d)", DECIMAL_MARK[language], text)
    text = re.sub(r"\blog(?=\()", "ln", text)  # natural, as on screen: a plain "log" reads as base 10 in school
    return text.replace("-", MINUS).replace("pi", "π")
