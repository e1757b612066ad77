"""Spoken forms: what the narration voice reads, checked with espeak-ng's own phoneme output."""

from __future__ import annotations

import re
import shutil
import string
import subprocess

import pytest
import sympy as sp

from lessons.catalog import SHARED
from lessons.config import with_overrides
from lessons.formulas import to_spoken
from lessons.speech import speak, spoken_function, spoken_number
from lessons.text import Exact, Num, Pos, Statement, Steps, Texts
from sections import SECTIONS, SLUGS, context, load_lesson
from tests.lessons.corpus import CORPUS

ALL_TEXTS: tuple[Texts, ...] = (SHARED, *(spec.text for spec in SECTIONS))


def texts_of(key: str) -> Texts:
    """The section text (or the shared one) that holds `key`."""
    return next(texts for texts in ALL_TEXTS[1:] + ALL_TEXTS[:1] if key in texts.screen)


def spoken(key: str, language: str, **fields) -> str:
    texts = texts_of(key)
    fields = {name: texts.ref(value.key) if isinstance(value, Ref) else value for name, value in fields.items()}
    return speak(texts.say(key, **fields), language)


class Ref:
    """A field naming a catalog entry, looked up where the statement's own entry is."""

    def __init__(self, key: str) -> None:
        self.key = key

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
# what a spoken line may contain: letters (Vietnamese included), digits, spaces, plain punctuation
SPEAKABLE = re.compile(r"[\w\s,.:;!?'-]+")


def phonemes(text: str, language: str) -> str:
    return subprocess.run(["espeak-ng", "-v", language, "-x", "-q", text], capture_output=True, text=True,
                          check=True, timeout=30).stdout


@pytest.fixture(scope="module")
def statements() -> list[Statement]:
    """Every statement the default lesson and the corpus plan, and every catalog string without fields."""
    found: dict[tuple, Statement] = {}
    for function, domain in [(None, None), *CORPUS]:
        planning = context(with_overrides(load_lesson(), function, domain))
        for slug in SLUGS:
            plan = planning.plan(slug)
            results = [run.result() for run in plan.runs]  # run outcomes the scenes caption
            for statement in [statement for _, statement in plan.statements] + results:
                found[(statement.key, repr(statement.fields))] = statement
    for texts in ALL_TEXTS:
        for key in texts.screen:
            statement = texts.say(key)
            if not statement.field_names():
                found[(key, "()")] = statement
    return list(found.values())


def test_spoken_templates_sit_beside_catalog_strings_with_the_same_fields():
    for texts in ALL_TEXTS:
        for key, entry in texts.spoken.items():
            assert set(entry) == set(texts.screen[key]), key

            def names(templates):
                return {name for template in templates for _, name, _, _ in string.Formatter().parse(template)
                        if name}
            assert names(entry.values()) == names(texts.screen[key].values()), key


def test_numbers_are_read_as_the_language_reads_them():
    assert spoken_number(2.15, "vi") == "2,15"
    assert spoken_number(-1.5, "vi") == "âm 1,5"
    assert spoken_number(-1.5, "en") == "minus 1.5"
    assert spoken_number(6.273e7, "vi") == "6,273 nhân mười mũ 7"
    assert spoken_number(4.291e-6, "en") == "4.291 times ten to the minus 6"
    assert to_spoken(-3 * sp.pi / 2, "vi") == "âm 3 pi trên 2"
    assert to_spoken(-sp.sqrt(3), "en") == "minus root 3"
    assert to_spoken(2 - 2 * sp.log(2), "vi") == "2 trừ 2 lô-ga-rít tự nhiên của 2"
    assert to_spoken(sp.exp(-1), "en") == "e to the minus 1"
    assert spoken_function("x^3 - 12x", "vi") == "x mũ 3 trừ 12 x"
    assert spoken_function("exp(-x^2)", "en") == "e to the minus x squared"


def test_screen_symbols_become_words():
    flat = spoken("cp.flat_here", "vi", x=Exact(-1.7320508075688772, -sp.sqrt(3), True))
    assert flat == "Tiếp tuyến nằm ngang tại x bằng âm căn 3: f phẩy bằng 0"
    assert spoken("cp.flat_here", "en", x=Exact(4.71238898, 3 * sp.pi / 2, True)) == \
        "Horizontal tangent at x equals 3 pi over 2: f prime equals 0"
    assert spoken("cp.flat_here", "vi", x=Exact(2.1389, None, True)) == "Tiếp tuyến nằm ngang tại x xấp xỉ 2,139: f phẩy bằng 0"
    result = spoken("run.max_steps", "vi", n=Steps(12), x=Pos(2.1534, 1.0))
    assert "xấp xỉ 2,153" in result and "≈" not in result
    assert spoken("run.converged", "vi", n=Steps(1), x=Exact(2.0, sp.Integer(2), True)) == "Hội tụ tới cực tiểu x bằng 2 sau 1 bước."
    assert spoken("run.converged", "en", n=Steps(1), x=Exact(2.0, sp.Integer(2), True)) == \
        "Converged to the minimum x equals 2 in 1 step."
    assert spoken("run.diverged", "vi", a=Num(-2.0), b=Num(3.0), k=1) == "Phân kỳ: x ra khỏi đoạn từ âm 2 đến 3 ở bước 1."
    assert "ê-ta" in spoken("cc.descent", "vi") and "trừ" in spoken("cc.descent", "vi")


@pytest.mark.slow  # plans every corpus lesson (the module's fixture)
def test_every_spoken_line_is_plain_words(statements):
    for statement in statements:
        for language in ("vi", "en"):
            said = speak(statement, language)
            assert said and SPEAKABLE.fullmatch(said), (statement.key, language, said)


@needs_espeak
@pytest.mark.slow  # plans every corpus lesson (the module's fixture)
def test_no_vietnamese_spoken_line_switches_to_the_english_voice(statements):
    lines = sorted({speak(s, "vi") for s in statements})
    switching = [line for line in lines if "(en)" in phonemes(line, "vi")]
    assert not switching, switching[:5]


@needs_espeak
def test_vietnamese_decimals_are_read_with_phay_not_cham():
    said = spoken("run.max_steps", "vi", n=Steps(12), x=Pos(2.1534, 1.0))
    out = phonemes(said, "vi")
    assert "f'@I4" in out.replace(",", "'") or "f,@I4" in out  # "phẩy"
    assert "tS@3m" not in out  # "chấm"
