"""Spoken text: what the narration voice says for a statement, in each language.

Screen text does not read well aloud: `f′(x)`, `≈`, `−`, `η`, `|f′|`, `≤`, `3π/2`, `×10⁷`, `1/4`, and
English words inside a Vietnamese sentence (espeak-ng switches to its English voice for "gradient",
"sigmoid", "eta"). A statement is spoken by

1. taking the catalog key's spoken template (`SPOKEN`, beside the catalog: only where the screen text's
   word order or symbols do not read well; otherwise the screen template itself),
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
import string
import unicodedata
from typing import Any

from . import numbers
from .catalog import CATALOG, Exact, Fn, Num, Pos, Ref

# Spoken templates, beside the catalog's screen templates (same keys, same fields).
SPOKEN: dict[str, dict[str, str]] = {
    "title.gradient_descent": {"vi": "4. Hạ giang.", "en": "4. Gradient descent."},
    "cp.solve": {"vi": "Giải f phẩy của x bằng 0 trên đoạn từ {a} đến {b}.",
                 "en": "Solve f prime of x equals 0 on the interval from {a} to {b}."},
    "cp.solve_kink": {"vi": "Giải f phẩy của x bằng 0, và tìm nơi f phẩy không tồn tại, trên đoạn từ {a} đến {b}.",
                      "en": "Solve f prime of x equals 0, and find where f prime does not exist, on the interval "
                            "from {a} to {b}."},
    "mm.rule_min": {"vi": "âm rồi dương, thì là cực tiểu", "en": "minus then plus: a minimum"},
    "mm.rule_max": {"vi": "dương rồi âm, thì là cực đại", "en": "plus then minus: a maximum"},
    "mm.rule_neither": {"vi": "không đổi dấu, thì không phải cực trị", "en": "no sign change: not an extremum"},
    "mm.chart": {"vi": "Bảng dấu của f phẩy: f tăng khi f phẩy dương, giảm khi f phẩy âm.",
                 "en": "Sign chart of f prime: f rises where f prime is positive, falls where it is negative."},
    "pl.shaded": {"vi": "Vùng phẳng: trị tuyệt đối của f phẩy không quá {threshold} trên cả một khoảng rộng, "
                        "dù không có cực trị ở đó.",
                  "en": "Plateau: the absolute value of f prime is at most {threshold} over a wide stretch, "
                        "though no extremum is there."},
    "pl.saturated": {"vi": "Bắt đầu trong vùng phẳng, nơ-ron bão hòa: trị tuyệt đối của f phẩy bằng {g}, "
                           "không quá {threshold}.",
                     "en": "Starting on the plateau, a saturated neuron: the absolute value of f prime is {g}, "
                           "at most {threshold}."},
    "pl.on_plateau": {"vi": "Bắt đầu trong vùng phẳng: trị tuyệt đối của f phẩy bằng {g}, không quá {threshold}.",
                      "en": "Starting on the plateau: the absolute value of f prime is {g}, at most {threshold}."},
    "pl.stalled": {"vi": "Sau {n} bước, trị tuyệt đối của f phẩy chỉ còn {g}: bóng dừng lại dù ở đó không có "
                         "cực tiểu.",
                   "en": "After {n} steps the absolute value of f prime is only {g}: the ball stops, though no "
                         "minimum is there."},
    "pl.chain": {"vi": "Vì sao mạng xích-ma-ít sâu bị ảnh hưởng: đạo hàm của xích-ma-ít không quá 1 phần 4, "
                       "và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                 "en": "Why deep sigmoid networks suffer: the derivative of the sigmoid is at most one quarter, "
                       "and backpropagation multiplies the derivatives of every layer."},
    "pl.chain_general": {"vi": "Vùng phẳng hay gặp trong mạng xích-ma-ít sâu: đạo hàm của xích-ma-ít không quá "
                               "1 phần 4, và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                         "en": "Plateaus are common in deep sigmoid networks: the derivative of the sigmoid is at "
                               "most one quarter, and backpropagation multiplies the derivatives of every layer."},
    "gd.arrow": {"vi": "Mũi tên dài đúng bằng ê-ta nhân trị tuyệt đối của f phẩy của x.",
                 "en": "The arrow is exactly eta times the absolute value of f prime of x long."},
    "gd.momentum": {"vi": "hạ giang có quán tính", "en": "gradient descent with momentum"},
    "gd.rates": {"vi": "So sánh tốc độ học ê-ta", "en": "Comparing learning rates eta"},
    "gd.rates_caption": {"vi": "ê-ta quá nhỏ thì chậm, vừa phải thì hội tụ, quá lớn thì {wild}.",
                         "en": "Too small an eta is slow, a good one converges, too large a one {wild}."},
    "cc.points_kink": {"vi": "Điểm tới hạn: f phẩy bằng 0 hoặc không tồn tại",
                       "en": "Critical points: f prime is 0 or undefined"},
    "cc.descent": {"vi": "Hạ giang: x được thay bằng x trừ ê-ta nhân f phẩy của x",
                   "en": "Gradient descent: x becomes x minus eta times f prime of x"},
}

# Words espeak-ng's Vietnamese voice reads in English, and how to spell them so it reads them in Vietnamese.
_VI_WORDS = (("gradient", "gờ-ra-đi-en"), ("sigmoid", "xích-ma-ít"), ("momentum", "mô-men-tum"),
             ("Adam", "A-đam"), ("adam", "A-đam"))
_SYMBOLS = {
    "vi": (("≈", " xấp xỉ "), ("≤", " không quá "), ("≥", " ít nhất "), ("=", " bằng "), ("<", " nhỏ hơn "),
           (">", " lớn hơn "), ("⇒", ", thì "), ("↗", ""), ("↘", ""), ("←", " được thay bằng "), ("·", " nhân "),
           ("×", " nhân "), ("η", "ê-ta"), ("σ", "xích-ma"), ("π", " pi "), ("∄", " không tồn tại "),
           ("−", " trừ "), ("|", " ")),
    "en": (("≈", " approximately "), ("≤", " at most "), ("≥", " at least "), ("=", " equals "),
           ("<", " less than "), (">", " greater than "), ("⇒", ": "), ("↗", ""), ("↘", ""), ("←", " becomes "),
           ("·", " times "), ("×", " times "), ("η", "eta"), ("σ", "sigma"), ("π", " pi "),
           ("∄", " does not exist "), ("−", " minus "), ("|", " ")),
}
_PRIME = {"vi": " phẩy", "en": " prime"}
_OF = {"vi": "của", "en": "of"}
_NEGATIVE = {"vi": "âm", "en": "minus"}
_TIMES_TEN = {"vi": "nhân mười mũ", "en": "times ten to the"}
_OVER = {"vi": "phần", "en": "over"}


def spoken_number(value: float, language: str) -> str:
    """A number as the voice should read it: digits with the language's decimal mark (espeak-ng reads
    Vietnamese "2,15" as "hai phẩy mười lăm"), a sign word, "×10ⁿ" as words."""
    if not math.isfinite(value):
        return {"vi": "vô cùng", "en": "infinity"}[language]
    sign, mantissa, power = numbers._parts(value, numbers.SIGNIFICANT)
    text = mantissa.replace(".", numbers.DECIMAL_MARK[language])
    if power is not None:
        exponent = f"{_NEGATIVE[language]} {abs(power)}" if power < 0 else str(power)
        text = f"{text} {_TIMES_TEN[language]} {exponent}"
    return f"{_NEGATIVE[language]} {text}" if sign else text


_EXACT_TOKEN = re.compile(r"\s*(\d+(?:\.\d+)?|pi|sqrt\(\d+\)|[-+*/()])")


def spoken_exact(form: str, language: str) -> str | None:
    """A short sympy exact form ('-3*pi/2', '-sqrt(3)', '1/4', '1 + sqrt(2)') read out, or None."""
    if numbers.short_exact(form, language) is None:
        return None
    words: list[str] = []
    position, previous = 0, None
    while position < len(form):
        match = _EXACT_TOKEN.match(form, position)
        if match is None:
            return None
        token = match.group(1)
        position = match.end()
        if re.fullmatch(r"\d+(?:\.\d+)?", token):
            words.append(token.replace(".", numbers.DECIMAL_MARK[language]))
        elif token == "pi":
            words.append("pi")
        elif token.startswith("sqrt"):
            words.append(("căn " if language == "vi" else "root ") + token[5:-1])
        elif token == "-":
            words.append(_NEGATIVE[language] if previous in (None, "(", "*", "/", "+", "-")
                         else {"vi": "trừ", "en": "minus"}[language])
        elif token == "+":
            words.append({"vi": "cộng", "en": "plus"}[language])
        elif token == "/":
            words.append({"vi": "trên", "en": "over"}[language])
        previous = token
    return " ".join(words)


def spoken_exact_field(value: Exact, language: str) -> str:
    said = spoken_exact(value.form, language) if value.form else None
    if said is not None:
        relation = {"vi": "bằng", "en": "equals"}[language]
    else:
        said = spoken_number(value.value, language)
        approximate = numbers.approximate(value.value)
        relation = {"vi": "xấp xỉ" if approximate else "bằng",
                    "en": "approximately" if approximate else "equals"}[language]
    return f"{relation} {said}" if value.relation else said


def spoken_position(value: Pos, language: str) -> str:
    """Where a run ended, as lessons.numbers.plain_position writes it ('≈ 2', '= 0,5'), read out."""
    step = 10.0 ** (math.floor(math.log10(value.width)) - 3)
    shown = round(value.value / step) * step
    exact = math.isclose(float(shown), value.value, rel_tol=0, abs_tol=1e-15)
    relation = {"vi": "bằng" if exact else "xấp xỉ", "en": "equals" if exact else "approximately"}[language]
    return f"{relation} {spoken_number(0.0 if shown == 0 else shown, language)}"


_FUNCTION_WORDS = {
    "vi": {"sin": "sin", "cos": "cô-sin", "tan": "tang", "cot": "cô-tang", "sec": "sê-căng", "csc": "cô-sê-căng",
           "asin": "ác-sin", "acos": "ác-cô-sin", "atan": "ác-tang", "arcsin": "ác-sin", "arccos": "ác-cô-sin",
           "arctan": "ác-tang", "sinh": "sin hy-péc-bô-lích", "cosh": "cô-sin hy-péc-bô-lích",
           "tanh": "tang hy-péc-bô-lích", "exp": "e mũ", "log": "lô-ga-rít", "ln": "lô-ga-rít",
           "log10": "lô-ga-rít cơ số 10", "log2": "lô-ga-rít cơ số 2", "sqrt": "căn", "cbrt": "căn bậc ba",
           "abs": "trị tuyệt đối", "sigmoid": "xích-ma-ít", "relu": "rê-lu", "softplus": "sốp-pờ-lát"},
    "en": {"sin": "sine", "cos": "cosine", "tan": "tangent", "cot": "cotangent", "sec": "secant",
           "csc": "cosecant", "asin": "arc sine", "acos": "arc cosine", "atan": "arc tangent",
           "arcsin": "arc sine", "arccos": "arc cosine", "arctan": "arc tangent", "sinh": "hyperbolic sine",
           "cosh": "hyperbolic cosine", "tanh": "hyperbolic tangent", "exp": "e to the", "log": "log",
           "ln": "log", "log10": "log base 10", "log2": "log base 2", "sqrt": "square root", "cbrt": "cube root",
           "abs": "absolute value", "sigmoid": "sigmoid", "relu": "relu", "softplus": "softplus"},
}
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
            name = _FUNCTION_WORDS[language][token]
            words.append(name if token == "exp" else f"{name} {_OF[language]}")
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
        return spoken(value.key, language)
    if isinstance(value, Num):
        return spoken_number(value.value, language)
    if isinstance(value, Fn):
        return spoken_function(value.text, language)
    if isinstance(value, Exact):
        return spoken_exact_field(value, language)
    if isinstance(value, Pos):
        return spoken_position(value, language)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return spoken_number(value, language)
    return str(value)


_PRIME_CALL = re.compile(r"([A-Za-zσ])′\(([^()]*)\)")
_PRIME_ALONE = re.compile(r"([A-Za-zσ])′")
_CALL = re.compile(r"\b([fgh])\(([^()]*)\)")
_ABS = re.compile(r"\|([^|]+)\|")
_FRACTION = re.compile(r"(?<![\d,.])(\d+)/(\d+)(?![\d,.])")
_POWER = re.compile(r"\)?([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)")
_SECTION_NUMBER = re.compile(r"^(\d+)\.\s")


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


def spoken(key: str, language: str, **fields: Any) -> str:
    """The spoken form of catalog string `key` in `language`, its fields filled in spoken form."""
    entry = SPOKEN.get(key) or CATALOG[key]
    template = entry[language]
    resolved = {name: spoken_value(value, language) for name, value in fields.items()}
    text = template.format(**resolved) if resolved else template
    return unicodedata.normalize("NFC", speak_symbols(text, language))


def speak(statement, language: str) -> str:
    """The spoken text of a Statement (lessons.section_plan) in `language`; statements shown together
    (scenes.base.Together) are said one after the other."""
    if hasattr(statement, "statements"):
        return "; ".join(speak(s, language) for s in statement.statements)
    return spoken(statement.key, language, **dict(statement.fields))


def spoken_field_names(key: str) -> set[str]:
    return {name for template in SPOKEN[key].values() for _, name, _, _ in string.Formatter().parse(template)
            if name}
