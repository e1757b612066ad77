"""Sections 2 and 5 say which value is the lowest and which the highest on [a; b], as checked facts."""

import pytest

from lessons.config import with_overrides
from sections import context, load_lesson

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def said(function, domain, slug, name, language):
    return context(with_overrides(load_lesson(), function, domain)).plan(slug).say(name).text(language).replace(
        "\u00a0", " ")


def test_x_cubed_minus_12x_on_minus_five_to_three_has_its_global_minimum_at_the_end():
    for slug in ("minima_vs_maxima", "conclusion"):
        assert said("x^3 - 12x", (-5.0, 3.0), slug, "lowest", "en") == (
            "On [−5, 3] the minimum f(2) = −16 is not the lowest value: at the end point, f(−5) = −65 is lower.")
        assert said("x^3 - 12x", (-5.0, 3.0), slug, "lowest", "vi") == (
            "Trên [−5; 3], cực tiểu f(2) = −16 không phải giá trị nhỏ nhất: ở đầu mút, f(−5) = −65 nhỏ hơn.")
        assert said("x^3 - 12x", (-5.0, 3.0), slug, "highest", "en") == (
            "On [−5, 3] the highest value is the maximum f(−2) = 16.")


def test_the_default_lesson_names_its_lowest_minimum_and_the_end_above_its_maximum():
    assert said(None, None, "minima_vs_maxima", "lowest", "vi") == (
        "Trên [−2; 3], giá trị nhỏ nhất là cực tiểu f(2) = −5/3.")  # f(−1) = 7/12 is higher
    assert said(None, None, "minima_vs_maxima", "highest", "en") == (
        "On [−2, 3] the maximum f(0) = 1 is not the highest value: at the end point, f(−2) = 11/3 is higher.")


def test_two_points_at_one_level_are_named_together():
    assert said("x^4 - 2x^2", (-2.0, 2.0), "minima_vs_maxima", "lowest", "vi") == (
        "Trên [−2; 2], giá trị nhỏ nhất là cực tiểu f(±1) = −1.")
    assert said("exp(-x^2)", (-3.0, 3.0), "conclusion", "lowest", "en") == (
        "On [−3, 3] f has no local minimum; its lowest value f(±3) = e⁻⁹ ≈ 0.0001234 is at both end points.")
