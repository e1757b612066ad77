"""Points written for reading: the exact form a marker shows, or an honest decimal with its relation."""

import pytest
import sympy as sp

from lessons.formulas import plain_exact, shown_exactly, to_plain

S = sp.sqrt


@pytest.mark.parametrize("expr, vi, en", [
    (-5 * sp.pi / 8, "−5π/8", "−5π/8"), (3 * sp.pi / 2, "3π/2", "3π/2"), (-S(3), "−√3", "−√3"),
    (2 * S(3) / 3, "2√3/3", "2√3/3"), (-1 + S(5), "√5 − 1", "√5 − 1"), (sp.exp(-1), "e⁻¹", "e⁻¹"),
    (2 - 2 * sp.log(2), "2 − 2 ln 2", "2 − 2 ln 2"), (5 * sp.pi / 6 - S(3), "5π/6 − √3", "5π/6 − √3"),
    (sp.log(3), "ln 3", "ln 3"), (sp.Rational(7, 12), "7/12", "7/12"),
])
def test_exact_forms_read_like_the_markers(expr, vi, en):
    assert shown_exactly(expr)
    assert to_plain(expr, "vi") == vi and to_plain(expr, "en") == en


@pytest.mark.parametrize("expr", [-sp.asin(sp.Rational(1, 6)) / 3 + sp.pi / 3, -sp.Rational(1, 2) + S(2) * sp.pi / 4,
                                  sp.CRootOf(sp.Symbol("t") ** 5 - sp.Symbol("t") - 1, 0), None])
def test_long_or_unwritable_forms_fall_back_to_the_decimal(expr):
    assert not shown_exactly(expr)


def test_the_relation_says_approximately_only_when_the_decimal_rounds():
    assert plain_exact(4.71238898038469, 3 * sp.pi / 2, "vi", relation=True) == "= 3π/2"
    assert plain_exact(2.1497, None, "vi", relation=True) == "≈ 2,15"
    assert plain_exact(2.0, None, "vi", relation=True) == "= 2"
    assert plain_exact(0.05582, -sp.asin(sp.Rational(1, 6)) / 3 + sp.pi / 3, "en") == "0.05582"
    # an irrational value keeps its decimal beside it, a rational one does not need it
    assert plain_exact(0.6137056, 2 - 2 * sp.log(2), "vi", relation=True, beside=True) == "= 2 − 2 ln 2 ≈ 0,6137"
    assert plain_exact(7 / 12, sp.Rational(7, 12), "en", relation=True, beside=True) == "= 7/12"


def test_exact_numbers_are_written_as_a_teacher_writes_them():
    assert [to_plain(e, "vi") for e in (1 - S(2), 1 + S(2), S(2) - 1, -1 - S(2))] == [
        "1 − √2", "1 + √2", "√2 − 1", "−1 − √2"]


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
