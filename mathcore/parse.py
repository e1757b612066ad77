"""Safe parser: a teacher's function text -> a sympy expression in the real symbol x.

User text is never handed to `eval`, `sympify` or `parse_expr` (all of them execute code). A small
tokenizer and a recursive-descent parser accept exactly: numbers, `x`, `pi`/`π`, `e`, + − × ÷ ^ (also
`**`, `·`, `²`-style superscripts), parentheses, implicit multiplication (`2x`, `3(x+1)`, `x sin(x)`)
and the one-argument functions in `FUNCTIONS`. Every tree is built from sympy constructors directly.

Bounds keep hostile input from hanging the process: text length, nesting depth, constant exponents and
the size of constant powers are checked *before* sympy is asked to build anything.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from .errors import ParseError, TooComplexError, UndefinedError, UnknownNameError
from .names import NAMES

X = sp.Symbol("x", real=True)
Y = sp.Symbol("y", real=True)  # the second variable of a surface f(x, y) (mathcore.surface)

MAX_LENGTH = 300
MAX_DEPTH = 30
MAX_EXPONENT = 100
MAX_CONSTANT_DIGITS = 400
MAX_NUMBER_DIGITS = 30


# the one-argument functions a teacher may type, from the table of names (mathcore.names)
FUNCTIONS: dict[str, Callable[[sp.Expr], sp.Expr]] = {name.token: name.build for name in NAMES}
CONSTANTS: dict[str, sp.Expr] = {"x": X, "pi": sp.pi, "e": sp.E}

_CHAR_MAP = {
    "\u2212": "-",  # minus sign
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u00d7": "*",  # multiplication sign
    "\u00b7": "*",  # middle dot
    "\u22c5": "*",  # dot operator
    "\u2217": "*",  # asterisk operator
    "\u00f7": "/",  # division sign
    "\u2215": "/",  # division slash
    "\u03c0": " pi ",
}
_DIGITS = "0123456789"  # str.isdigit() is also true for '²', which must stay an exponent
_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
                 "⁸": "8", "⁹": "9", "⁻": "-"}


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "op", "end"
    text: str
    pos: int


def _tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS):
            j = i
            while j < n and (text[j] in _DIGITS or text[j] == "."):
                j += 1
            number = text[i:j]
            if number.count(".") > 1:
                raise ParseError(f"'{number}' is not a number (two decimal points)")
            if len(number) > MAX_NUMBER_DIGITS:
                raise TooComplexError(f"the number '{number[:12]}…' has more than {MAX_NUMBER_DIGITS} digits")
            if j + 1 < n and text[j] in "eE" and (text[j + 1] in _DIGITS or
                                                 (text[j + 1] in "+-" and j + 2 < n and text[j + 2] in _DIGITS)):
                k = j + 2
                while k < n and text[k] in _DIGITS:
                    k += 1
                literal = text[i:k] if len(text[i:k]) <= 20 else text[i:i + 17] + "…"
                raise ParseError(f"scientific notation like '{literal}' is ambiguous with the constant e; "
                                 "write the decimal (0.001) or a power of 10 (10^-3)")
            tokens.append(Token("num", number, i))
            i = j
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            j = i
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(Token("name", text[i:j], i))
            i = j
        elif ch in _SUPERSCRIPTS:
            j = i
            while j < n and text[j] in _SUPERSCRIPTS:
                j += 1
            digits = "".join(_SUPERSCRIPTS[c] for c in text[i:j])
            negative = digits.startswith("-")
            body = digits[1:] if negative else digits
            if not body.isdigit():
                raise ParseError(f"the superscript '{text[i:j]}' is not a whole-number exponent")
            tokens.append(Token("op", "^", i))
            if negative:
                tokens.append(Token("op", "-", i))
            tokens.append(Token("num", body, i))
            i = j
        elif text.startswith("**", i):
            tokens.append(Token("op", "^", i))
            i += 2
        elif ch in "+-*/^()":
            tokens.append(Token("op", ch, i))
            i += 1
        elif ch == "=" or ch in "<>!":
            raise ParseError("comparisons and '=' are not allowed: type an expression in x, like x^2 - 1, "
                             "not an equation")
        elif ch == ",":
            raise ParseError("',' is not allowed: every function takes one argument, and decimals use '.'")
        else:
            raise ParseError(f"unexpected character {ch!r} at position {i + 1}")
    tokens.append(Token("end", "", n))
    return tokens


def _describe(token: Token) -> str:
    return "end of input" if token.kind == "end" else f"'{token.text}' at position {token.pos + 1}"


class _Parser:
    """Recursive descent over the token list. `depth` counts nesting (parentheses, function arguments,
    unary signs, exponents): each level costs a handful of Python frames, so MAX_DEPTH keeps every input
    far from the recursion limit."""

    def __init__(self, tokens: list[Token], variables: dict[str, sp.Symbol] | None = None) -> None:
        self.tokens = tokens
        self.i = 0
        self.variables = variables or {"x": X}

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.take()
        if tok.text != text or tok.kind != "op":
            raise ParseError(f"expected '{text}' but found {_describe(tok)}")

    @staticmethod
    def check_depth(depth: int) -> None:
        if depth > MAX_DEPTH:
            raise TooComplexError(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)")

    def expression(self, depth: int) -> sp.Expr:
        self.check_depth(depth)
        value = self.term(depth)
        terms = [value]
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take().text
            rhs = self.term(depth)
            terms.append(rhs if op == "+" else -rhs)
            value = value + rhs if op == "+" else value - rhs
        if depth == 0:
            self.top_terms = terms  # the outermost sum's terms, in the order they were typed
        return value

    def term(self, depth: int) -> sp.Expr:
        value = self.unary(depth)
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in "*/":
                self.take()
                rhs = self.unary(depth)
                if tok.text == "*":
                    value = finite(value * rhs, f"{_short(value)}*{_short(rhs)}")
                else:
                    if rhs == 0:
                        raise ParseError("division by zero")
                    value = value / rhs
            elif tok.kind == "name" or (tok.kind == "op" and tok.text == "("):
                value = value * self.power(depth)  # implicit multiplication: 2x, 3(x+1), x sin(x)
            elif tok.kind == "num":
                raise ParseError(f"missing operator before the number {_describe(tok)}")
            else:
                return value

    def unary(self, depth: int) -> sp.Expr:
        self.check_depth(depth)
        tok = self.peek()
        if tok.kind == "op" and tok.text in "+-":
            self.take()
            operand = self.unary(depth + 1)
            return -operand if tok.text == "-" else operand
        return self.power(depth)

    def power(self, depth: int) -> sp.Expr:
        tok = self.peek()
        if tok.kind == "name" and self.is_product(tok.text):  # xy^2 is x·y², as a textbook writes it
            self.take()
            *head, last = tok.text
            return sp.Mul(*(self.variables[ch] for ch in head)) * self.raised(self.variables[last], depth)
        return self.raised(self.primary(depth), depth)

    def is_product(self, name: str) -> bool:
        """A name that is several variables written together (xy, xxy): their product."""
        return len(self.variables) > 1 and 1 < len(name) <= 4 and set(name) <= set(self.variables) and \
            name not in FUNCTIONS and name not in CONSTANTS

    def raised(self, base: sp.Expr, depth: int) -> sp.Expr:
        if self.peek().kind == "op" and self.peek().text == "^":
            self.take()
            exponent = self.unary(depth + 1)  # right-associative: 2^3^2 = 2^9; x^-1 allowed
            return finite(make_power(base, exponent), f"{_short(base)}^{_short(exponent)}")
        return base

    def primary(self, depth: int) -> sp.Expr:
        self.check_depth(depth)
        tok = self.take()
        if tok.kind == "num":
            return sp.Rational(tok.text)
        if tok.kind == "op" and tok.text == "(":
            if self.peek().kind == "op" and self.peek().text == ")":
                raise ParseError(f"empty parentheses at position {tok.pos + 1}")
            inner = self.expression(depth + 1)
            self.expect(")")
            return inner
        if tok.kind == "name":
            name = tok.text
            if name in FUNCTIONS:
                if not (self.peek().kind == "op" and self.peek().text == "("):
                    raise ParseError(f"the function {name} needs parentheses: write {name}(x)")
                self.take()
                argument = self.expression(depth + 1)
                self.expect(")")
                return finite(FUNCTIONS[name](argument), f"{name}({_short(argument)})")
            if name in self.variables:
                return self.variables[name]
            if name in CONSTANTS and name != "x":
                return CONSTANTS[name]
            said = "the variable is x" if len(self.variables) == 1 else \
                f"the variables are {' and '.join(self.variables)}"
            raise UnknownNameError(f"unknown name '{name}': {said}; constants pi, e; functions "
                                   + ", ".join(sorted(set(FUNCTIONS))))
        raise ParseError(f"unexpected {_describe(tok)}")


_NOT_FINITE = (sp.zoo, sp.oo, -sp.oo, sp.nan)


def finite(expr: sp.Expr, shown: str) -> sp.Expr:
    """`expr`, unless a constant in it is infinite or undefined (log(0), tan(pi/2), 0^-1): sympy would carry
    zoo/nan into every later step and fail far from the cause, so the cause is named here."""
    if expr.has(*_NOT_FINITE):
        raise UndefinedError(f"{shown} is infinite or undefined: it has no real value")
    return expr


def make_power(base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
    """base^exponent with the size checks that keep sympy from computing astronomically large numbers.

    A constant rational exponent with an odd denominator (x^(2/3)) means the *real* root, so the classic
    cusp x^(2/3) is defined for negative x, as in a calculus class; sympy's principal root is complex.
    """
    if exponent.is_number:
        value = complex(sp.N(exponent, 15)) if exponent.is_finite is not False else complex("nan")
        if not math.isfinite(value.real) or abs(value.real) > MAX_EXPONENT:
            raise TooComplexError(f"the exponent {_short(exponent)} is too large (the limit is {MAX_EXPONENT})")
        if base.is_number:
            magnitude = abs(complex(sp.N(base, 15)))
            if magnitude > 1 and abs(value.real) * math.log10(magnitude) > MAX_CONSTANT_DIGITS:
                raise TooComplexError(f"the constant {_short(base)}^{_short(exponent)} is too large")
        if isinstance(exponent, sp.Rational) and not exponent.is_integer and exponent.q % 2 == 1 \
                and (not base.is_number or base.is_extended_negative):
            p = exponent.p
            magnitude_power = sp.Abs(base) ** exponent
            return magnitude_power if p % 2 == 0 else sp.sign(base) * magnitude_power
    return sp.Pow(base, exponent)


def _short(expr: sp.Expr) -> str:
    text = str(expr)
    return text if len(text) <= 20 else text[:17] + "…"


def normalize(text: str) -> str:
    """NFC, then typographic operators (− × · ÷ π) mapped to their ASCII spelling."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_CHAR_MAP.get(ch, ch) for ch in text).strip()


def typed_order(text: str, expr: sp.Expr) -> tuple[sp.Expr, ...] | None:
    """The terms of the sum `expr` in the order the teacher typed them (sin(x) + x^2/4 stays in that order;
    sympy keeps its own), or None when `expr` is not a sum of exactly the typed terms (like terms combined:
    x^2 + 3x - x)."""
    if not isinstance(expr, sp.Add):
        return None
    try:
        parser = _Parser(_tokenize(normalize(text)))
        parser.expression(0)
    except (ParseError, TooComplexError, UndefinedError, UnknownNameError):
        return None
    typed = list(getattr(parser, "top_terms", ()))
    if len(typed) != len(expr.args):
        return None
    left = list(expr.args)
    ordered = []
    for term in typed:  # each typed term is one of the sum's terms (the expression's own, from its record)
        match = next((arg for arg in left if arg == term), None)
        if match is None:
            return None
        left.remove(match)
        ordered.append(match)
    return tuple(ordered)


def parse_function(text: str, two_variables: bool = False) -> sp.Expr:
    """Parse a teacher's function of x (or of x and y, for a surface) into a sympy expression, or raise a
    `LessonInputError`."""
    if not isinstance(text, str) or not text.strip():
        raise ParseError("the function is empty: type an expression in x, for example x^4 - 2x^2")
    if len(text) > MAX_LENGTH:
        raise TooComplexError(f"the function is {len(text)} characters long (the limit is {MAX_LENGTH})")
    parser = _Parser(_tokenize(normalize(text)), {"x": X, "y": Y} if two_variables else {"x": X})
    expr = parser.expression(0)
    tail = parser.peek()
    if tail.kind != "end":
        raise ParseError(f"unexpected {_describe(tail)}")
    if not isinstance(expr, sp.Expr):
        raise ParseError("the input is not an expression in x")
    return expr
