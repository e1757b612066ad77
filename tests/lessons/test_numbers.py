"""Points written for reading: the exact form a marker shows, or an honest decimal with its relation."""

import pytest

from lessons.numbers import plain_exact, short_exact


@pytest.mark.parametrize("form, vi, en", [
    ("-5*pi/8", "−5π/8", "−5π/8"), ("3*pi/2", "3π/2", "3π/2"), ("-sqrt(3)", "−√3", "−√3"),
    ("2*sqrt(3)/3", "2√3/3", "2√3/3"), ("-1 + sqrt(5)", "−1 + √5", "−1 + √5"), ("0.5", "0,5", "0.5"),
])
def test_short_exact_forms_read_like_the_markers(form, vi, en):
    assert short_exact(form, "vi") == vi and short_exact(form, "en") == en


@pytest.mark.parametrize("form", ["-asin(1/6)/3 + pi/3", "log(2)", "-1/2 + sqrt(2)*pi/4", None, ""])
def test_long_or_non_algebraic_forms_fall_back_to_the_decimal(form):
    assert short_exact(form, "en") is None


def test_the_relation_says_approximately_only_when_the_decimal_rounds():
    assert plain_exact(4.71238898038469, "3*pi/2", "vi", relation=True) == "= 3π/2"
    assert plain_exact(2.1497, None, "vi", relation=True) == "≈ 2,15"
    assert plain_exact(2.0, None, "vi", relation=True) == "= 2"
    assert plain_exact(0.05582, "-asin(1/6)/3 + pi/3", "en") == "0.05582"


def test_exact_numbers_are_written_as_a_teacher_writes_them():
    import sympy as sp

    from lessons.numbers import exact_form, short_exact

    assert [short_exact(exact_form(e), "vi") for e in (1 - sp.sqrt(2), 1 + sp.sqrt(2), sp.sqrt(2) - 1,
                                                         -1 - sp.sqrt(2))] == ["1 − √2", "1 + √2", "√2 − 1", "−1 − √2"]


def test_a_worked_step_shows_the_digits_that_make_it_check_and_brackets_only_negatives():
    from lessons.numbers import worked_step

    # f′(1) = −2,0197312: with 4 digits 0,2 · (−2,02) = −0,404, not the −0,4039 shown; 5 digits check
    product, difference = worked_step(1.0, 0.2, -2.0197312, 1.0 + 0.2 * 2.0197312, "vi")
    assert product == "eta dot f'(1) = 0\",\"2 dot (-2\",\"0197) approx -0\",\"4039"
    assert difference == 'x_1 = 1 - (-0","4039) approx 1","404'
    product, difference = worked_step(2.5, 0.08, 4.375, 2.5 - 0.08 * 4.375, "en", name="g")
    assert product == "eta dot g'(2.5) = 0.08 dot 4.375 = 0.35" and difference == "x_1 = 2.5 - 0.35 = 2.15"


def test_a_bound_is_written_with_the_digits_that_keep_a_comparison_with_it_true():
    from lessons.numbers import bound_digits, plain, rounded

    # |f′| = 0,00502 at the start, the plateau threshold 0,005049: "≤ 0,005" would read false
    assert bound_digits(0.00502, 0.005049) == 3 and plain(0.005049, "vi", 3) == "0,00505"
    assert bound_digits(2.212e-5, 0.005049) == 2 and plain(0.005049, "vi", 2) == "0,005"
    assert bound_digits(0.0050489, 0.005049) == 3 and rounded(0.0050489) == 0.005049 <= rounded(0.005049, 3)
    assert rounded(-0.0123456) == -0.01235 and rounded(6.2731e7, 2) == 6.3e7
