"""Formulas as a teacher writes them: exact numbers 1 − √2 (not −√2 + 1), the function in the teacher's own
term order (sin(x) + x²/4 stays that way), and f′ of a relu never with Heaviside's H."""

import sympy as sp

from lessons.formulas import function_typst, to_typst
from mathcore import analyze, prepare


def test_exact_numbers_lead_with_their_rational_part_unless_it_would_start_with_a_minus():
    assert [to_typst(e) for e in (1 - sp.sqrt(2), 1 + sp.sqrt(2), sp.sqrt(2) - 1, -1 - sp.sqrt(2))] == [
        "1 - sqrt(2)", "1 + sqrt(2)", "sqrt(2) - 1", "-1 - sqrt(2)"]


def test_the_function_keeps_the_teachers_term_order():
    assert function_typst(prepare("sin(x) + x^2/4", -4, 4)) == "sin(x) + frac(x^2, 4)"
    assert to_typst(prepare("sin(x) + x^2/4", -4, 4).expr) == "frac(x^2, 4) + sin(x)"  # sympy's own order
    assert function_typst(prepare("x^2 + 3x - x", -1, 1)) == "x^2 + 2 x"  # like terms combined: sympy's


def test_the_derivative_of_a_relu_sum_is_shown_piece_by_piece():
    pieces = analyze("relu(x-2) + relu(-x)", -2, 4).derivative_pieces
    assert [to_typst(p.expr) for p in pieces] == ["-1", "0", "1"]
    assert not any("H" in to_typst(p.expr) for p in pieces)
