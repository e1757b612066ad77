"""The bounded exact solver: the roots a teacher finds by hand (hand-derived below), each checked against a
high-precision evaluation, and `complete` only when nothing is left to the numeric scan."""

import math

import mpmath
import pytest
import sympy as sp

from mathcore import analyze
from mathcore.errors import TooComplexError
from mathcore.exact import function_depth, shortest, value_at
from mathcore.function import differentiate
from mathcore.generate import generate
from mathcore.parse import X, parse_function
from mathcore.solve import solve_on


def roots(text: str, a: float, b: float) -> tuple[list[str], bool]:
    solution = solve_on(differentiate(parse_function(text)), a, b)
    return [str(r) for r in solution.roots], solution.complete


@pytest.mark.parametrize("text, domain, expected", [
    ("x^3 - 3x", (-2, 2), ["-1", "1"]),  # f' = 3(x − 1)(x + 1)
    ("x^3 - 3x^2 + 2", (-1, 3), ["0", "2"]),  # f' = 3x(x − 2)
    ("x^5 - 5x^3", (-3, 3), ["-sqrt(3)", "0", "sqrt(3)"]),  # f' = 5x²(x² − 3)
    ("exp(x) - 2x", (-1, 2), ["log(2)"]),  # e^x = 2
    ("x*log(x)", (0.1, 2), ["exp(-1)"]),  # ln x + 1 = 0
    ("x + 2cos(x)", (0, 6), ["pi/6", "5*pi/6"]),  # 1 − 2 sin x = 0 ⇔ sin x = 1/2
    ("sin(x) + cos(x)", (-4, 4), ["-3*pi/4", "pi/4", "5*pi/4"]),  # cos x − sin x = 0 ⇔ tan x = 1
    ("sin(x)", (-7, 7), ["-3*pi/2", "-pi/2", "pi/2", "3*pi/2"]),  # cos x = 0
    ("(sin(x + 2))^2", (2.5, 5), ["-2 + 3*pi/2", "-2 + 2*pi"]),  # sin(2(x + 2)) = 0
    ("x*exp(-x - 1)", (-1.5, 2), ["1"]),  # (1 − x)e^(−x−1): e^u never vanishes
    ("abs(x - 1) + 2exp(x + 1)", (-2.5, 1.5), ["-1 - log(2)"]),  # left of 1: 2e^(x+1) − 1 = 0
    ("(x - 1)*abs(x)", (-0.5, 4), ["1/2"]),  # right of 0: 2x − 1 = 0
    ("relu(x)^2 - x", (-1, 2), ["1/2"]),  # right of 0: 2x − 1 = 0
    ("(x^2 + 1)/(x - 3)", (-2, 2.5), ["3 - sqrt(10)"]),  # x² − 6x − 1 = 0, the pole at 3 outside
])
def test_hand_derived_roots_are_found_exactly_and_completely(text, domain, expected):
    found, complete = roots(text, *domain)
    assert found == expected
    assert complete


def test_sines_of_two_frequencies_become_a_polynomial_in_sin_x():
    # (sin 2x + cos x)′ = 2cos 2x − sin x = 2 − 4sin²x − sin x: sin x = (−1 ± √33)/8
    found, complete = roots("sin(2x) + cos(x)", -3, 3)
    assert complete and len(found) == 4
    s = (math.sqrt(33) - 1) / 8
    expected = sorted([math.asin(s), math.pi - math.asin(s), -math.asin(-s - 0.25) - math.pi, math.asin(-s - 0.25)])
    assert [float(sp.sympify(r)) for r in found] == pytest.approx(sorted(expected), abs=1e-12)


def test_what_it_cannot_solve_it_says_it_left_to_the_numeric_scan():
    found, complete = roots("sin(x + 2) + sin(2x)", 1.5, 4.5)  # two frequencies with a phase: no hand method
    assert not complete and found == []
    found, complete = roots("x^2 - 2x - sin(x)", -2, 3)  # a polynomial beside a sine: no closed form
    assert not complete


def test_an_equation_too_large_to_attempt_is_not_attempted():
    big = sum(sp.sin(k * X + k) * X ** k for k in range(1, 40))
    assert solve_on(big, -1, 1) is None


def test_every_exact_root_of_generated_functions_is_a_root_at_fifty_digits():
    """The solver's answers, checked by a second method: f' evaluated at 50 digits at each root is 0 (to
    45 digits of the slope's scale), over 150 functions drawn from the teachers' grammar."""
    checked = 0
    for case in generate(150, 11):
        expr = parse_function(case.function)
        derivative = differentiate(expr)
        solution = solve_on(derivative, *case.domain)
        if solution is None:
            continue
        evaluate = sp.lambdify(X, derivative, modules="mpmath")
        with mpmath.workdps(50):
            for r in solution.roots:
                at = mpmath.mpf(str(sp.N(r, 60)))
                assert case.domain[0] < at < case.domain[1], (case, r)
                assert abs(evaluate(at)) < mpmath.mpf(10) ** -40, (case, r)
                checked += 1
    assert checked > 50


def test_exact_values_at_exact_points():
    assert str(value_at(parse_function("exp(x) - 2x"), sp.log(2))) == "2 - 2*log(2)"
    assert str(value_at(parse_function("x - 2sin(x)"), sp.pi / 3)) == "-sqrt(3) + pi/3"
    # the radical leaves the denominator: (−4x + 2)/(1 + x²) at (1 − √5)/2 is 1 + √5
    assert str(value_at(parse_function("(-4x + 2)/(1 + x^2)"), (1 - sp.sqrt(5)) / 2)) == "1 + sqrt(5)"
    assert value_at(parse_function("1/x"), sp.Integer(0)) is None
    assert str(shortest(sp.pi / 3 - 2 * (sp.sqrt(3) / 2))) == "-sqrt(3) + pi/3"


def test_the_default_lesson_keeps_its_exact_forms():
    result = analyze("x^4/4 - x^3/3 - x^2 + 1", -2, 3)
    assert [(p.exact, p.y_exact, p.kind) for p in result.critical_points] == [
        ("-1", "7/12", "min"), ("0", "1", "max"), ("2", "-5/3", "min")]
    assert str(result.factored_derivative) == "x*(x - 2)*(x + 1)"


def test_nesting_is_limited_before_any_derivative_is_taken():
    assert function_depth(parse_function("sigmoid(sigmoid(x))")) == 2
    with pytest.raises(TooComplexError, match=r"nests 9 functions inside each other \(at most 8\)"):
        analyze("exp(sin(exp(sin(exp(sin(exp(sin(exp(x)))))))))", -1, 1)
    assert analyze("sigmoid(sigmoid(sigmoid(x)))", -2, 2).critical_points == ()


def test_a_derivative_too_large_is_refused_by_its_size(monkeypatch):
    from mathcore import function

    monkeypatch.setattr(function, "MAX_DERIVATIVE_NODES", 100)  # f' has 65 nodes, f'' more
    with pytest.raises(TooComplexError, match=r"has a derivative too large to analyse \(f'' has [0-9,]+ terms"):
        analyze("sin(x)*exp(x)*cos(2x)*log(x^2 + 1)", -1, 1)


def lines(text: str, a: float, b: float) -> list[tuple[str, list[str]]]:
    steps = solve_on(differentiate(parse_function(text)), a, b).steps
    return [(step.move.value, [f"{lhs} = {rhs}" for lhs, rhs in step.equations]) for step in steps]


def test_a_factorisation_is_written_line_by_line():
    # f' = 3x² − 6x = 3x(x − 2) = 0 ⇔ x = 0 or x = 2
    assert lines("x^3 - 3x^2 + 2", -1, 3) == [
        ("start", ["3*x**2 - 6*x = 0"]), ("factor", ["3*x*(x - 2) = 0"]), ("roots", ["x = 0", "x = 2"])]


def test_a_trigonometric_base_equation_goes_through_its_families_to_the_domain():
    # 1 − 2 sin x = 0 ⇔ sin x = 1/2 ⇔ x = π/6 + k2π or x = 5π/6 + k2π; in (0, 2π): π/6, 5π/6
    assert lines("x + 2cos(x)", 0, 2 * math.pi) == [
        ("start", ["1 - 2*sin(x) = 0"]), ("one_function", ["sin(x) = 1/2"]),
        ("invert", ["x = 2*pi*k + pi/6", "x = 2*pi*k + 5*pi/6"]), ("in_domain", ["x = pi/6", "x = 5*pi/6"])]


def test_an_exponential_equation_is_inverted_by_the_logarithm():
    assert lines("exp(x) - 2x", -1, 2) == [("start", ["exp(x) - 2 = 0"]), ("one_function", ["exp(x) = 2"]),
                                          ("invert", ["x = log(2)"])]


def test_a_factor_that_never_vanishes_is_dropped_and_named():
    steps = solve_on(differentiate(parse_function("x*exp(-x - 1)")), -1.5, 2).steps
    assert [s.move.value for s in steps] == ["start", "factor", "split", "roots"]
    assert steps[2].never == (sp.exp(-X - 1),)


def test_roots_outside_the_domain_are_left_out_by_a_last_line():
    assert lines("x^3 - 3x", 0, 2)[-2:] == [("roots", ["x = -1", "x = 1"]), ("in_domain", ["x = 1"])]


def test_no_steps_where_the_solver_gives_up_or_works_piece_by_piece():
    assert solve_on(differentiate(parse_function("x^4 + x + sin(3x)")), -2, 2).steps == ()
    assert solve_on(differentiate(parse_function("abs(x - 1) + 2exp(x + 1)")), -2.5, 1.5).steps == ()
