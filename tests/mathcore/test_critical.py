"""Named cases with exact expected points and kinds (hand-derived)."""

import math

import pytest

from mathcore import analyze


def points(text, a, b):
    return [(p.x, p.kind) for p in analyze(text, a, b).critical_points]


def assert_points(text, a, b, expected, tol=1e-9):
    found = points(text, a, b)
    assert len(found) == len(expected), found
    for (x, kind), (ex, ekind) in zip(found, expected):
        assert x == pytest.approx(ex, abs=tol), found
        assert kind == ekind, found


def test_double_well_has_two_minima_and_a_maximum():
    result = analyze("x^4 - 2x^2", -2, 2)
    assert [(p.exact, p.kind, p.y_exact) for p in result.critical_points] == [
        ("-1", "min", "-1"), ("0", "max", "0"), ("1", "min", "-1")]
    assert [p.second_derivative for p in result.critical_points] == [8.0, -4.0, 8.0]


def test_x_cubed_is_a_flat_non_extremum():
    (p,) = analyze("x^3", -2, 2).critical_points
    assert (p.x, p.kind, p.differentiable, p.second_derivative) == (0.0, "neither", True, 0.0)
    assert (p.left_sign, p.right_sign) == ("+", "+")


def test_x_to_the_fourth_is_a_minimum_where_the_second_derivative_test_is_silent():
    (p,) = analyze("x^4", -2, 2).critical_points
    assert (p.x, p.kind, p.second_derivative) == (0.0, "min", 0.0)


def test_abs_has_a_minimum_without_a_derivative():
    (p,) = analyze("abs(x)", -1, 1).critical_points
    assert (p.x, p.kind, p.differentiable, p.second_derivative) == (0.0, "min", False, None)


def test_cusp_of_x_two_thirds_is_a_minimum_without_a_derivative():
    (p,) = analyze("x^(2/3)", -1, 1).critical_points
    assert (p.x, p.kind, p.differentiable) == (0.0, "min", False)


def test_triple_roots_of_x2_minus_1_cubed():
    # f' = 6x(x²-1)²: sign changes only at 0; ±1 are double roots of f' (flat, no extremum)
    assert_points("(x^2-1)^3", -2, 2, [(-1, "neither"), (0, "min"), (1, "neither")])


def test_x5_minus_5x3():
    # f' = 5x²(x²-3): max at -√3, flat non-extremum at 0, min at √3
    result = analyze("x^5 - 5x^3", -3, 3)
    assert [(p.exact, p.kind) for p in result.critical_points] == [
        ("-sqrt(3)", "max"), ("0", "neither"), ("sqrt(3)", "min")]
    assert result.critical_points[0].y == pytest.approx(6 * math.sqrt(3))


def test_sine_on_minus_7_to_7_in_exact_multiples_of_pi():
    result = analyze("sin(x)", -7, 7)
    assert [(p.exact, p.kind) for p in result.critical_points] == [
        ("-3*pi/2", "max"), ("-pi/2", "min"), ("pi/2", "max"), ("3*pi/2", "min")]
    assert [p.y for p in result.critical_points] == pytest.approx([1, -1, 1, -1])


def test_x_exp_minus_x_has_its_maximum_at_1():
    (p,) = analyze("x*exp(-x)", -1, 5).critical_points
    assert (p.exact, p.kind, p.y_exact) == ("1", "max", "exp(-1)")
    assert p.second_derivative == pytest.approx(-math.exp(-1))


def test_exp_has_no_critical_point():
    result = analyze("exp(x)", -2, 2)
    assert result.critical_points == ()
    assert [s.sign for s in result.sign_chart] == ["+"]


def test_transcendental_derivative_with_several_roots():
    # f' = -sin(x) - 1/5 = 0  ⇔  sin(x) = -1/5: x = -asin(1/5) + 2kπ (max) and π + asin(1/5) + 2kπ (min)
    s = math.asin(0.2)
    expected = [(-2 * math.pi - s, "max"), (-math.pi + s, "min"), (-s, "max"), (math.pi + s, "min"),
                (2 * math.pi - s, "max")]
    assert_points("cos(x) - x/5", -7, 7, expected, tol=1e-12)


def test_sinc_roots_solve_tan_x_equals_x_numerically():
    # f' = (x cos x − sin x)/x² = 0 ⇔ tan x = x; first positive root 4.493409457909064 (tables)
    result = analyze("sin(x)/x", -10, 10)
    xs = [p.x for p in result.critical_points]
    assert xs == pytest.approx([-7.725251836937707, -4.493409457909064, 4.493409457909064, 7.725251836937707],
                               abs=1e-9)
    assert [p.kind for p in result.critical_points] == ["max", "min", "min", "max"]
    # 0 is no point of the domain (sin(0)/0 is undefined): never a critical point, but f' changes sign there
    assert [(s.start, s.sign) for s in result.sign_chart][2:4] == [(-4.493409457909064, "+"), (0.0, "-")]


def test_sigmoid_has_no_critical_point_and_two_plateaus():
    result = analyze("sigmoid(x)", -10, 10)
    assert result.critical_points == ()
    assert len(result.plateaus) == 2
    # σ'(x) = σ(1−σ) ≤ 0.01·σ'(0) = 0.0025  ⇔  |x| ≥ ln((1+√(1−4·0.0025))/(1−√(1−4·0.0025))) ≈ 5.9864
    edge = math.log((1 + math.sqrt(1 - 0.01)) / (1 - math.sqrt(1 - 0.01)))
    assert result.plateaus[0].start == -10 and result.plateaus[0].end == pytest.approx(-edge, abs=1e-9)
    assert result.plateaus[1].start == pytest.approx(edge, abs=1e-9) and result.plateaus[1].end == 10


def test_flat_bottom_is_a_flat_minimum_not_a_plateau_nor_infinitely_many_critical_points():
    result = analyze("abs(x-1) + abs(x+1)", -3, 3)
    assert [(p.x, p.kind, p.differentiable) for p in result.critical_points] == [
        (-1.0, "min", False), (1.0, "min", False)]
    assert [(s.start, s.end, s.sign) for s in result.sign_chart] == [
        (-3, -1, "-"), (-1, 1, "0"), (1, 3, "+")]
    assert [(e.start, e.end, e.kind, e.y) for e in result.flat_extrema] == [(-1.0, 1.0, "min", 2.0)]
    assert result.plateaus == ()


def test_whole_domain_flat_does_not_hang():
    result = analyze("abs(x-1) + abs(x+1)", -1, 1)
    assert result.critical_points == ()
    assert [s.sign for s in result.sign_chart] == ["0"]
    assert [(p.start, p.end) for p in result.plateaus] == [(-1.0, 1.0)]


def test_x_abs_x_is_differentiable_at_0_but_has_no_second_derivative():
    (p,) = analyze("x*abs(x)", -1, 1).critical_points
    assert (p.x, p.kind, p.differentiable, p.second_derivative) == (0.0, "neither", True, None)


def test_irrational_roots_of_a_cubic_derivative_are_located_precisely():
    # f' = 4x³ − 4x + 0.5 ⇔ x³ + px + q = 0 with p = −1, q = 1/8; trigonometric (Viète) formula:
    # x_k = 2√(−p/3)·cos(arccos((3q/2p)·√(−3/p))/3 − 2πk/3)
    p, q = -1.0, 0.125
    angle = math.acos((3 * q / (2 * p)) * math.sqrt(-3 / p)) / 3
    roots = sorted(2 * math.sqrt(-p / 3) * math.cos(angle - 2 * math.pi * k / 3) for k in range(3))
    result = analyze("x^4 - 2x^2 + 0.5x", -2, 2)
    assert [pt.x for pt in result.critical_points] == pytest.approx(roots, abs=1e-12)
    assert [pt.kind for pt in result.critical_points] == ["min", "max", "min"]
