"""The default lesson's section 3 teaches plateaus on its own material, the saturated sigmoid neuron's loss,
without apologising for it; a teacher's function is tried first and, when it cannot, gets the reason."""

import pytest

from lessons.config import with_overrides
from sections import context, load_lesson

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def test_the_default_lesson_introduces_the_sigmoid_loss_as_its_own_example_with_no_warning():
    planning = context(load_lesson())
    plan = planning.plan("plateaus")
    assert plan.analysis.function.text == "(sigmoid(2x) - 0.9)^2" and plan.substitute is None
    assert not plan.has("substitute") and "plateaus" not in planning.warnings
    assert plan.say("intro").text("vi") == ("Vùng phẳng là vấn đề phổ biến khi dùng hàm kích hoạt sigmoid trong "
                                            "mạng sâu. Ví dụ: hàm mất mát L của một nơ-ron sigmoid bão hòa.")
    assert plan.name == "L" and "|L′|" in plan.say("shaded").text("vi") and "|L′|" in plan.say("saturated").text("en")
    assert all("f′" not in s.text("vi") and "f has no" not in s.text("en") for _, s in plan.statements)
    assert context(load_lesson()).plan("gradient_descent").extra.plateau_name == "L"


def test_a_teachers_function_is_tried_first_and_the_substitution_says_its_reason_everywhere():
    planning = context(with_overrides(load_lesson(), "x^3 - 12x", (-5.0, 5.0)))
    plan = planning.plan("plateaus")
    note = plan.say("substitute")
    assert plan.substitute == "no_plateau" and not plan.has("intro")
    assert note.text("en") == "f has no plateau on this domain; here is the loss of a saturated sigmoid neuron."
    assert planning.warnings["plateaus"] == f"section plateaus: x^3 - 12x on [-5, 5]: {note.text('en')}"


def test_a_flat_minimum_is_named_as_such_when_it_is_why_section_three_draws_its_own_function():
    planning = context(with_overrides(load_lesson(), "relu(x-2) + relu(-x)", (-2.0, 4.0)))
    note = planning.plan("plateaus").say("substitute")
    assert note.key == "pl.sub.flat_minimum"
    assert note.text("en").startswith("f's flat piece [0, 2] is a flat minimum (not strict), not a plateau")
    assert planning.warnings["plateaus"].endswith(note.text("en"))


def test_section_four_says_its_own_reason_and_names_its_function_g_as_section_five_does():
    planning = context(with_overrides(load_lesson(), "exp(-x^2)", (-3.0, 3.0)))
    descent = planning.plan("gradient_descent")
    note = descent.say("substitute")
    assert descent.substitute == "no_minimum" and note.key == "gd.sub.no_minimum"
    assert "g(x) = x⁴/4 − x³/3 − x² + 1" in note.text("vi")
    assert descent.name == "g" and "g′ < 0" in descent.say("from_left").text("en")
    assert planning.plan("conclusion").extra.descent_name == "g"
    assert planning.warnings["gradient_descent"].endswith(note.text("en"))
