"""How section 1 solves f′(x) = 0: the exact lines where every root is in closed form, else brackets where f′
changes sign ("giải gần đúng"); both checked by the second method (mathcore.verify.solving)."""

import math

import sympy as sp

from mathcore import analyze, claims
from mathcore.parse import X
from mathcore.solving import worked_solution
from mathcore.verify import check

TWO_PI = 2 * math.pi


def solving_claim(text: str, a: float, b: float) -> claims.Solving:
    steps = worked_solution(analyze(text, a, b)).steps
    return claims.Solving(text, (a, b), lines=tuple(s.equations for s in steps),
                          roots=tuple(r for _, r in steps[-1].equations))


def test_exact_lines_for_the_three_textbook_equations_hold_at_forty_digits():
    for text, a, b, roots in [("x^3 - 3x^2 + 2", -1, 3, (0, 2)), ("x + 2cos(x)", 0, TWO_PI, (sp.pi / 6, 5 * sp.pi / 6)),
                              ("exp(x) - 2x", -1, 2, (sp.log(2),))]:
        claim = solving_claim(text, a, b)
        assert claim.roots == roots
        assert check(claim) is None, text


def test_a_line_that_loses_or_adds_a_root_is_found():
    claim = solving_claim("x + 2cos(x)", 0, TWO_PI)
    lost = claim.lines[:-1] + (claim.lines[-1][:1],)  # x = 5π/6 left out of the last line
    assert "line 4 loses the root 5*pi/6" in check(claims.Solving(claim.function, claim.domain, lines=lost,
                                                                 roots=claim.roots))
    wrong = claim.lines[:1] + (((sp.sin(X), sp.Rational(1, 3)),),) + claim.lines[2:]  # sin x = 1/3
    assert "loses the root" in check(claims.Solving(claim.function, claim.domain, lines=wrong, roots=claim.roots))
    extra = claim.lines[:-1] + (claim.lines[-1] + ((X, sp.Integer(1)),),)  # x = 1 does not solve sin x = 1/2
    assert "but not line 3" in check(claims.Solving(claim.function, claim.domain, lines=extra, roots=claim.roots))


def test_a_root_left_out_everywhere_is_found_by_the_scan():
    claim = solving_claim("x^3 - 3x^2 + 2", -1, 3)
    fewer = claims.Solving(claim.function, claim.domain, lines=(claim.lines[0], ((X, sp.Integer(0)),)),
                           roots=(sp.Integer(0),))
    assert "f′ changes sign at x ≈ 2" in check(fewer)


def test_no_closed_form_is_solved_numerically_by_brackets_where_f_prime_changes_sign():
    worked = worked_solution(analyze("x^4 + x + sin(3x)", -2, 2))
    assert worked.numeric and worked.steps == ()
    (found,) = worked.brackets
    assert (found.lo, found.hi, found.left, found.right) == (-0.56, -0.55, "-", "+")
    claim = claims.Bracketed("x^4 + x + sin(3x)", (-2, 2), x=found.x, lo=found.lo, hi=found.hi, left="-", right="+")
    assert check(claim) is None
    swapped = claims.Bracketed("x^4 + x + sin(3x)", (-2, 2), x=found.x, lo=found.lo, hi=found.hi, left="+", right="-")
    assert check(swapped) is not None


def test_no_worked_solving_where_f_prime_fails_to_exist():
    assert worked_solution(analyze("abs(x) + x^2", -1, 1)) is None


def test_claims_travel_as_records():
    claim = solving_claim("x + 2cos(x)", 0, TWO_PI)
    assert claims.claim_from_record(claims.claim_record(claim)) == claim
