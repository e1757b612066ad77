"""f′(x) = 0 solved on screen through its steps (hand-derived below), said and captioned in both languages, or
"giải gần đúng" with the interval where f′ changes sign; every step's claim confirmed by the second method."""

import math

import pytest

from lessons.speech import speak
from sections.critical_points.scene import CriticalPointsScene
from sections.planning import false_claims
from tests.helpers import assert_layout_ok


def said(plan, prefix: str, language: str) -> list[str]:
    return [statement.text(language) for name, statement in plan.statements if name.startswith(prefix)]


def test_a_factorisation(lesson_data):
    plan = lesson_data("critical_points", function="x^3 - 3x^2 + 2", domain=(-1, 3))
    assert said(plan, "step", "vi") == ["f′(x) = 3x² − 6x = 0", "Phân tích thành nhân tử: 3x(x − 2) = 0",
                                        "Suy ra x = 0 hoặc x = 2"]
    assert said(plan, "step", "en")[-1] == "So x = 0 or x = 2"
    assert false_claims(plan) == ()


def test_a_trigonometric_base_equation_then_the_solutions_in_the_domain(lesson_data):
    plan = lesson_data("critical_points", function="x + 2cos(x)", domain=(0, 2 * math.pi))
    assert said(plan, "step", "vi") == [
        "f′(x) = 1 − 2 sin x = 0", "Suy ra sin x = 1/2", "Suy ra x = π/6 + k2π hoặc x = 5π/6 + k2π (k ∈ ℤ)",
        "Nghiệm trong (0; 6,283): x ∈ {π/6; 5π/6}"]
    assert said(plan, "step", "en")[2] == "So x = π/6 + 2kπ or x = 5π/6 + 2kπ (k ∈ ℤ)"
    assert speak(plan.say("step.1"), "vi") == "Suy ra sin của x bằng 1 trên 2"  # the voice says the step too
    assert false_claims(plan) == ()


def test_an_exponential_equation(lesson_data):
    plan = lesson_data("critical_points", function="exp(x) - 2x", domain=(-1, 2))
    assert said(plan, "step", "vi") == ["f′(x) = eˣ − 2 = 0", "Suy ra eˣ = 2", "Suy ra x = ln 2"]
    assert speak(plan.say("step.2"), "en") == "So x equals natural log of 2"


def test_no_closed_form_is_solved_numerically_and_says_so(lesson_data):
    plan = lesson_data("critical_points", function="x^4 + x + sin(3x)", domain=(-2, 2))
    assert not plan.has("step.0")
    assert "giải gần đúng" in plan.say("numeric").text("vi")
    assert "solved numerically" in plan.say("numeric").text("en")
    assert said(plan, "bracket", "vi") == [
        "f′(−0,56) < 0 và f′(−0,55) > 0: f′ đổi dấu, nên có nghiệm x ≈ −0,5577 ở giữa."]
    assert false_claims(plan) == ()


def test_a_sum_of_fractions_is_solved_as_the_one_fraction_a_class_reduces_it_to(lesson_data):
    """(x² − 2x + 2)/(x − 1): sympy's f′ = (2x − 2)/(x − 1) − (x² − 2x + 2)/(x − 1)² was too long for a line and
    sent the lesson to "giải gần đúng"; by hand, f′ = x(x − 2)/(x − 1)², zero at 0 and 2 (x = 1 is the pole)."""
    plan = lesson_data("critical_points", function="(x^2 - 2x + 2)/(x - 1)", domain=(-2, 4))
    steps = said(plan, "step", "vi")
    assert steps[0] == "f′(x) = (x(x − 2))/(x − 1)² = 0" and steps[-1] == "Suy ra x = 0 hoặc x = 2"
    assert not plan.has("bracket.0") and false_claims(plan) == ()


def test_a_sign_change_places_a_zero_it_does_not_give_its_exact_value(lesson_data):
    """sin 4x on [−3; 3] is solved numerically (its exact chain is too long to write): each bracket says x ≈ …,
    as it would where the zero found is a short decimal such as 0."""
    plan = lesson_data("critical_points", function="sin(4x)", domain=(-3, 3))
    brackets = said(plan, "bracket", "vi")
    assert brackets and all("nên có nghiệm x ≈ " in line for line in brackets)


@pytest.mark.slow  # builds two scenes (no video); the layout corpus draws them in both languages too
@pytest.mark.parametrize("function, domain, language", [("x + 2cos(x)", (0, 2 * math.pi), "vi"),
                                                        ("x^4 + x + sin(3x)", (-2, 2), "en")])
def test_the_steps_fit_the_panel(run_scene, lesson_data, function, domain, language):
    plan = lesson_data("critical_points", function=function, domain=domain, language=language)
    _, problems = run_scene(CriticalPointsScene, plan)
    assert_layout_ok(problems)
