"""Spoken text: what the narration voice says for a statement, in each language.

Screen text does not read well aloud: `f′(x)`, `≈`, `−`, `η`, `|f′|`, `≤`, `3π/2`, `×10⁷`, `1/4`, and
English words inside a Vietnamese sentence (espeak-ng switches to its English voice for "gradient",
"sigmoid", "eta"). A statement is spoken by

1. taking the statement's spoken template (each catalog entry may have one beside its screen text, where
   the screen text's word order or symbols do not read well; otherwise the screen template itself),
2. filling its fields in spoken form (a number as the language reads it: Vietnamese "âm 2,15" with the
   decimal comma, which espeak-ng reads "hai phẩy mười lăm"; English "minus 2.15"; ×10ⁿ as "nhân mười mũ n"
   / "times ten to the n"; exact forms "ba pi trên hai" / "3 pi over 2"; a function as typed read out),
3. replacing the symbols left (f′(a) → "f phẩy của a", ≈ → "xấp xỉ", ≤, =, <, >, arrows) and the words
   espeak-ng would read in English (a Vietnamese phonetic spelling instead).

Every Vietnamese spoken line stays in the Vietnamese voice: tests/lessons/test_speech.py runs
`espeak-ng -v vi -x -q` over the spoken form of every statement the corpus plans and checks that no
`(en)` switch appears.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from mathcore.names import NAMES

from . import numbers
from .formulas import shown_exactly, spoken_equations, to_spoken
from .text import Equations, Exact, Fn, Members, Num, Points, Pos, Ref, Statement, Steps, Value, whole

_VI_WORDS = (("gradient", "gờ-ra-đi-en"), ("sigmoid", "xích-ma-ít"), ("momentum", "mô-men-tum"),
             ("Adam", "A-đam"), ("adam", "A-đam"))
_SYMBOLS = {
    "vi": (("≈", " xấp xỉ "), ("≤", " không quá "), ("≥", " ít nhất "), ("=", " bằng "), ("<", " nhỏ hơn "),
           (">", " lớn hơn "), ("+∞", " dương vô cùng "), ("−∞", " âm vô cùng "), ("→", " dần tới "),
           ("⇒", ", thì "), ("↗", ""), ("↘", ""), ("←", " được thay bằng "), ("·", " nhân "),
           ("×", " nhân "), ("η", "ê-ta"), ("σ", "xích-ma"), ("π", " pi "), ("∄", " không tồn tại "),
           ("−", " trừ "), ("|", " ")),
    "en": (("≈", " approximately "), ("≤", " at most "), ("≥", " at least "), ("=", " equals "),
           ("<", " less than "), (">", " greater than "), ("+∞", " plus infinity "), ("−∞", " minus infinity "),
           ("→", " tends to "), ("⇒", ": "), ("↗", ""), ("↘", ""), ("←", " becomes "),
           ("·", " times "), ("×", " times "), ("η", "eta"), ("σ", "sigma"), ("π", " pi "),
           ("∄", " does not exist "), ("−", " minus "), ("|", " ")),
}
_PRIME = {"vi": " phẩy", "en": " prime"}
_OF = {"vi": "của", "en": "of"}
_NEGATIVE = {"vi": "âm", "en": "minus"}
_TIMES_TEN = {"vi": "nhân mười mũ", "en": "times ten to the"}
_OVER = {"vi": "phần", "en": "over"}


def spoken_number(value: float, language: str, digits: int = numbers.SIGNIFICANT) -> str:
    """A number as the voice should read it: digits with the language's decimal mark (espeak-ng reads
    Vietnamese "2,15" as "hai phẩy mười lăm"), a sign word, "×10ⁿ" as words."""
    if not math.isfinite(value):
        return {"vi": "vô cùng", "en": "infinity"}[language]
    sign, mantissa, power = numbers._parts(value, digits)
    text = mantissa.replace(".", numbers.DECIMAL_MARK[language])
    if power is not None:
        exponent = f"{_NEGATIVE[language]} {abs(power)}" if power < 0 else str(power)
        text = f"{text} {_TIMES_TEN[language]} {exponent}"
    return f"{_NEGATIVE[language]} {text}" if sign else text


def spoken_exact_field(value: Exact, language: str) -> str:
    """A number read out as a caption writes it (lessons.formulas.plain_exact): the exact form where it is
    shown as such ("ba pi trên hai" is left to espeak-ng's digits: "3 pi trên 2"), else the decimal, with
    "bằng"/"xấp xỉ" when it has a relation, and its decimal beside an irrational exact value."""
    if shown_exactly(value.expr):
        said = to_spoken(value.expr, language)
        if value.beside and not value.expr.is_Rational:
            said += f", {'xấp xỉ' if language == 'vi' else 'approximately'} {spoken_number(value.value, language)}"
        relation = {"vi": "bằng", "en": "equals"}[language]
    else:
        said = spoken_number(value.value, language)
        approximate = numbers.approximate(value.value)
        relation = {"vi": "xấp xỉ" if approximate else "bằng",
                    "en": "approximately" if approximate else "equals"}[language]
    return f"{relation} {said}" if value.relation else said


def spoken_points(value: Points, language: str) -> str:
    """'= ±1' said "bằng cộng trừ 1" / "equals plus or minus 1"; a list said point by point."""
    pair = value.pair()
    if pair is not None:
        relation, _, said = spoken_exact_field(pair, language).partition(" ")
        plus_minus = f"{'cộng trừ' if language == 'vi' else 'plus or minus'} {said}"
        return f"{relation} {plus_minus}" if value.relation else plus_minus
    joiner = " và x " if language == "vi" else " and x "
    return joiner.join(spoken_exact_field(e, language) for e in value.items)


def spoken_value_of(value: Value, language: str) -> str:
    """'f(±1) = −1' said "f của cộng trừ 1 bằng âm 1" / "f of plus or minus 1 equals minus 1"."""
    pair = Points(value.points).pair()
    if pair is not None:
        xs = [f"{'cộng trừ' if language == 'vi' else 'plus or minus'} {spoken_exact_field(pair, language)}"]
    else:
        xs = [spoken_exact_field(e, language) for e in value.points]
    equals = " bằng " if language == "vi" else " equals "
    if len(xs) > 2:  # as written: "f = −1 at x = a; b; c"
        at = "tại x bằng" if language == "vi" else "at x equals"
        return f"{value.name} {spoken_exact_field(value.y, language)} {at} " + ", ".join(xs)
    return equals.join(f"{value.name} {_OF[language]} {x}" for x in xs) + " " + spoken_exact_field(value.y, language)


def spoken_position(value: Pos, language: str) -> str:
    """Where a run ended, as lessons.numbers.plain_position writes it ('≈ 2', '= 0,5'), read out."""
    step = 10.0 ** (math.floor(math.log10(value.width)) - 3)
    shown = round(value.value / step) * step
    exact = math.isclose(float(shown), value.value, rel_tol=0, abs_tol=1e-15)
    relation = {"vi": "bằng" if exact else "xấp xỉ", "en": "equals" if exact else "approximately"}[language]
    return f"{relation} {spoken_number(0.0 if shown == 0 else shown, language)}"


_FUNCTION_WORDS = {"vi": {name.token: name.vi for name in NAMES}, "en": {name.token: name.en for name in NAMES}}
_FN_TOKEN = re.compile(r"\s*(\d+(?:\.\d+)?|[A-Za-z_]\w*|π|\*\*|[-−+*/^×÷()²³⁴⁵⁶⁷⁸⁹⁰¹⁻])")
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def spoken_function(text: str, language: str) -> str:
    """A function as typed ('x^3 - 12x', '(sigmoid(2x) - 0.9)^2', 'exp(-x^2)') read out word by word.
    Brackets are not spoken; a function name is followed by "của"/"of" (exp by "mũ"/"to the")."""
    vi = language == "vi"
    words: list[str] = []
    position, previous = 0, None
    tokens: list[str] = []
    while position < len(text):
        match = _FN_TOKEN.match(text, position)
        if match is None:
            if text[position].isspace():
                position += 1
                continue
            tokens.append(text[position])
            position += 1
            continue
        tokens.append(match.group(1))
        position = match.end()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("^", "**"):
            if i + 1 < len(tokens) and tokens[i + 1] == "2":
                words.append("bình phương" if vi else "squared")
                previous, i = "2", i + 2
                continue
            words.append("mũ" if vi else "to the")
            previous, i = token, i + 1
            continue
        if re.fullmatch(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+", token):
            power = token.translate(_SUPER)
            words.append(("bình phương" if vi else "squared") if power == "2" else
                         f"{'mũ' if vi else 'to the'} {power.replace('-', _NEGATIVE[language] + ' ')}")
        elif re.fullmatch(r"\d+(?:\.\d+)?", token):
            words.append(token.replace(".", numbers.DECIMAL_MARK[language]))
        elif token in ("pi", "π"):
            words.append("pi")
        elif token == "e":
            words.append("e")
        elif token in _FUNCTION_WORDS[language]:
            words.append(_FUNCTION_WORDS[language][token])
        elif token in ("-", "−"):
            unary = previous in (None, "(", "^", "**", "*", "/", "+", "-", "−", "×", "÷")
            words.append(_NEGATIVE[language] if unary else ("trừ" if vi else "minus"))
        elif token == "+":
            words.append("cộng" if vi else "plus")
        elif token in ("*", "×"):
            words.append("nhân" if vi else "times")
        elif token in ("/", "÷"):
            words.append("chia" if vi else "over")
        elif token in ("(", ")"):
            pass
        else:
            words.append(token)
        previous = token
        i += 1
    return " ".join(words)


def spoken_value(value: Any, language: str) -> str:
    if isinstance(value, Ref):
        return spoken_form(dict(value.spoken).get(language) or value.text(language), language, {})
    if isinstance(value, Num):
        return spoken_number(value.value, language, value.digits or numbers.SIGNIFICANT)
    if isinstance(value, Fn):
        return spoken_function(value.text, language)
    if isinstance(value, Exact):
        return spoken_exact_field(value, language)
    if isinstance(value, Pos):
        return spoken_position(value, language)
    if isinstance(value, Steps):
        return value.text(language)
    if isinstance(value, Points):
        return spoken_points(value, language)
    if isinstance(value, Members):  # the members of a set, read as a list: "âm 1 và 1"
        said = [spoken_exact_field(e, language) for e in value.items]
        return f" {'và' if language == 'vi' else 'and'} ".join(filter(None, (", ".join(said[:-1]), said[-1])))
    if isinstance(value, Value):
        return spoken_value_of(value, language)
    if isinstance(value, Equations):
        return spoken_equations(value.line, language, value.members)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return spoken_number(value, language)
    return str(value)


_PRIME_CALL = re.compile(r"([A-Za-zσ])′\(([^()]*)\)")
_PRIME_ALONE = re.compile(r"([A-Za-zσ])′")
_CALL = re.compile(r"\b([fghL])\(([^()]*)\)")
_ABS = re.compile(r"\|([^|]+)\|")
_FRACTION = re.compile(r"(?<![\d,.])(\d+)/(\d+)(?![\d,.])")
_POWER = re.compile(r"\)?([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)")


def speak_symbols(text: str, language: str) -> str:
    """The symbols of screen text said as words (what no spoken template or field already said)."""
    text = _ABS.sub(lambda m: ("trị tuyệt đối của " if language == "vi" else "the absolute value of ") + m.group(1),
                    text)
    text = _PRIME_CALL.sub(lambda m: f"{m.group(1)}{_PRIME[language]} {_OF[language]} {m.group(2)}", text)
    text = _PRIME_ALONE.sub(lambda m: m.group(1) + _PRIME[language], text)
    text = _CALL.sub(lambda m: f"{m.group(1)} {_OF[language]} {m.group(2)}", text)
    text = _FRACTION.sub(lambda m: f"{m.group(1)} {_OVER[language]} {m.group(2)}", text)
    text = _POWER.sub(lambda m: f" {'mũ' if language == 'vi' else 'to the'} "
                                f"{m.group(1).translate(_SUPER).replace('-', _NEGATIVE[language] + ' ')}", text)
    for symbol, word in _SYMBOLS[language]:
        text = text.replace(symbol, word)
    text = text.replace("(", ", ").replace(")", ",")
    if language == "vi":
        for word, spelled in _VI_WORDS:
            text = re.sub(rf"\b{word}\b", spelled, text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.:;!?])", r"\1", text)
    text = re.sub(r",\s*([,.:;])", r"\1", text)
    return text.strip(" ,")


def spoken_form(template: str, language: str, fields: dict[str, Any]) -> str:
    """A template said aloud: its fields filled in spoken form, the symbols left said as words."""
    resolved = {name: spoken_value(value, language) for name, value in fields.items()}
    template = whole(template)
    text = template.format(**resolved) if resolved else template
    return unicodedata.normalize("NFC", speak_symbols(text, language))


def speak(statement: Statement, language: str) -> str:
    """The spoken text of a Statement in `language`: its spoken template where it has one, else its screen
    template (a part of it, Statement.parts, is spoken the same way)."""
    return spoken_form(statement.spoken_template(language), language, dict(statement.fields))
