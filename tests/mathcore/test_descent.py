"""Optimizer steps against the torch.optim update formulas worked by hand, and the outcome rules."""

import math

import pytest

from mathcore import DescentRequest, analyze
from mathcore.errors import ParameterError


def run(text, a, b, **kw):
    return analyze(text, a, b, DescentRequest(**kw)).descent


def test_gd_steps_on_x_squared():
    # f' = 2x: x ← x − 0.1·2x = 0.8x
    xs = run("x^2", -2, 2, start=1.0, lr=0.1, steps=3).xs
    assert xs == pytest.approx([1.0, 0.8, 0.64, 0.512], abs=1e-15)


def test_momentum_steps_on_x_squared():
    # b1 = g0 = 2 → x1 = 1 − 0.1·2 = 0.8;  g1 = 1.6, b2 = 0.9·2 + 1.6 = 3.4 → x2 = 0.8 − 0.34 = 0.46
    xs = run("x^2", -2, 2, start=1.0, lr=0.1, steps=2, optimizer="momentum", momentum=0.9).xs
    assert xs == pytest.approx([1.0, 0.8, 0.46], abs=1e-15)


def test_nesterov_steps_on_x_squared():
    # b1 = 2, d1 = 2 + 0.9·2 = 3.8 → x1 = 0.62; g1 = 1.24, b2 = 1.8 + 1.24 = 3.04,
    # d2 = 1.24 + 0.9·3.04 = 3.976 → x2 = 0.62 − 0.3976 = 0.2224
    xs = run("x^2", -2, 2, start=1.0, lr=0.1, steps=2, optimizer="nesterov", momentum=0.9).xs
    assert xs == pytest.approx([1.0, 0.62, 0.2224], abs=1e-15)


def test_adam_steps_on_x_squared():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    # step 1: g = 2, m = 0.2, v = 0.004, m̂ = 2, v̂ = 4
    x1 = 1 - lr * 2 / (2 + eps)
    # step 2: g = 2·x1
    g = 2 * x1
    m = 0.1 * 2 * b1 + (1 - b1) * g
    v = 0.001 * 4 * b2 + (1 - b2) * g * g
    x2 = x1 - lr * (m / (1 - b1 ** 2)) / (math.sqrt(v / (1 - b2 ** 2)) + eps)
    xs = run("x^2", -2, 2, start=1.0, lr=lr, steps=2, optimizer="adam").xs
    assert xs == pytest.approx([1.0, x1, x2], rel=1e-14)
    assert x2 == pytest.approx(0.800412, abs=1e-6)


def test_gd_converges_to_the_nearest_minimum_of_the_double_well():
    d = run("x^4 - 2x^2", -2, 2, start=0.3, lr=0.05)
    assert d.outcome == "converged"
    assert d.final_x == pytest.approx(1.0, abs=1e-8)
    assert d.ys[-1] == pytest.approx(-1.0)


def test_gd_on_x_cubed_stalls_at_the_flat_non_extremum():
    d = run("x^3", -2, 2, start=1.0, lr=0.1)
    assert d.outcome == "stalled"
    assert 0 < d.final_x < 0.01


def test_gd_on_the_shoulder_of_a_gaussian_well_stalls():
    d = run("1 - exp(-x^2)", -6, 6, start=4.0, lr=0.1)
    assert d.outcome == "stalled"
    assert d.final_x == pytest.approx(4.0, abs=1e-3)  # the minimum at 0 is far away


def test_too_large_learning_rate_diverges():
    d = run("x^2", -2, 2, start=1.0, lr=1.1)
    assert d.outcome == "diverged"
    # x_n = (−1.2)^n leaves [−42, 42] at n = 21
    assert len(d.xs) - 1 == 20
    assert d.xs[-1] == pytest.approx((-1.2) ** 20)


def test_learning_rate_one_on_x_squared_oscillates():
    d = run("x^2", -2, 2, start=1.0, lr=1.0)
    assert d.outcome == "oscillating"
    assert set(d.xs) == {1.0, -1.0}


def test_tiny_learning_rate_runs_out_of_steps():
    d = run("x^4 - 2x^2", -2, 2, start=-1.9, lr=0.001, steps=50)
    assert d.outcome == "max_steps"
    assert len(d.xs) == 51


def test_flat_bottom_of_x4_counts_as_converged():
    d = run("x^4", -2, 2, start=1.0, lr=0.01)
    assert d.outcome == "converged"


def test_negative_slope_steps_right_and_positive_slope_steps_left():
    left = run("x^4 - 2x^2", -2, 2, start=0.5, lr=0.01, steps=1)
    right = run("x^4 - 2x^2", -2, 2, start=1.5, lr=0.01, steps=1)
    assert left.slopes[0] < 0 < left.xs[1] - left.xs[0]
    assert right.slopes[0] > 0 > right.xs[1] - right.xs[0]


@pytest.mark.parametrize("kw", [dict(start=5.0), dict(start=0.0, lr=-1), dict(start=0.0, steps=0),
                                dict(start=0.0, steps=10**7), dict(start=0.0, momentum=1.5),
                                dict(start=0.0, optimizer="sgdx"), dict(start=float("nan"))])
def test_bad_parameters_are_refused(kw):
    with pytest.raises(ParameterError):
        run("x^2", -2, 2, **kw)


# nit: the step count a caption reports, decided per outcome (mathcore/descent.py), against hand-derived runs

@pytest.mark.parametrize("start", [1.0, -1.9, 0.3, 2.0, -0.7, 0.001])
def test_x_squared_at_rate_one_half_converges_in_one_step_from_any_start(start):
    # f' = 2x: x₁ = x₀ − 0.5·2x₀ = 0, the minimum, exactly; the run takes 3 more steps to be sure it stays
    d = run("x^2", -2, 2, start=start, lr=0.5, steps=100)
    assert d.xs[1] == 0.0 and d.outcome == "converged"
    assert d.nit == 1 and len(d.xs) - 1 == 4 and d.steps == 100


def test_a_diverging_run_reports_the_step_that_left_and_keeps_its_iterate():
    # x_n = (−1.2)^n: |x_20| = 38.3 is inside [−42, 42], |x_21| = 46.0 is not
    d = run("x^2", -2, 2, start=1.0, lr=1.1)
    assert d.nit == 21 == len(d.xs) and d.exit_x == pytest.approx((-1.2) ** 21)


def test_a_rate_whose_first_step_leaves_reports_step_one_not_zero():
    d = run("x^2", -2, 2, start=1.0, lr=100)  # x₁ = 1 − 100·2 = −199
    assert d.outcome == "diverged" and d.xs == (1.0,) and d.nit == 1 and d.exit_x == -199.0


def test_an_exact_two_cycle_oscillates_from_step_one():
    d = run("x^2", -2, 2, start=1.0, lr=1.0)  # 1, −1, 1, −1, …: every step reverses the one before
    assert d.outcome == "oscillating" and d.nit == 1


def test_stalled_and_max_steps_report_the_steps_run():
    stalled = run("1 - exp(-x^2)", -6, 6, start=4.0, lr=0.1, steps=300)
    assert stalled.outcome == "stalled" and stalled.nit == len(stalled.xs) - 1
    slow = run("x^4 - 2x^2", -2, 2, start=-1.9, lr=0.001, steps=50)
    assert slow.outcome == "max_steps" and slow.nit == 50


def test_a_converged_run_counts_to_its_first_step_in_the_flat_bottom_it_never_leaves():
    a = analyze("(sigmoid(2x) - 0.9)^2", -7, 4, DescentRequest(start=-1.5, lr=1.0, steps=300))
    d, threshold = a.descent, a.landscape.slope_threshold
    assert d.outcome == "converged" and len(d.xs) - 1 == 300
    assert abs(d.slopes[d.nit - 1]) > threshold and all(abs(g) <= threshold for g in d.slopes[d.nit:])
    assert d.nit == 26  # |L'(x_25)| = 0.00523 > 0.00505 ≥ |L'(x_26)| = 0.00477, near ln 9 / 2 from then on
    assert abs(d.xs[d.nit] - math.log(9) / 2) < 0.07


def test_descent_into_a_flat_minimum_converges_when_it_lands_inside():
    # relu(x − 2) + relu(−x): f' = 1 right of 2, so from 3.5 with η = 0.3: 3.2, 2.9, 2.6, 2.3, 2.0000…01, 1.7
    d = run("relu(x-2) + relu(-x)", -2, 4, start=3.5, lr=0.3, steps=100)
    assert d.outcome == "converged" and d.nit == 6 and d.final_x == pytest.approx(1.7)


def test_adams_rest_holds_while_its_linearisation_is_stable():
    """Adam at rest (g = 0) is heavy-ball descent in (δ, m) with rate η_t·(1 − β1) and momentum β1: its matrix
    [[1 − 0.1k, −0.9c], [0.1f″, 0.9]] (k = c·f″) has spectral radius below 1 exactly while k < 38, and with
    v̂ fading by 0.999 a step the step where k reaches 38 is ln(√v / (η·f″/38 − ε)) / ln(1/√0.999)."""
    import numpy as np

    from mathcore.descent import ADAM_STABLE, _Optimizer, adam_rest_holds

    def radius(k: float, curvature: float = 2.0) -> float:
        c = k / curvature
        return max(abs(np.linalg.eigvals(np.array([[1 - 0.1 * k, -0.9 * c], [0.1 * curvature, 0.9]]))))
    assert ADAM_STABLE == pytest.approx(38) and radius(37.9) < 1 < radius(38.1)
    state = _Optimizer("adam", 0.5, 0.0)
    state.t, state.v = 100_000, 1.0  # bias corrections 1 to 40 digits
    curvature = 2.0
    expected = math.log(math.sqrt(1.0) / (0.5 * curvature / 38 - 1e-8)) / math.log(1 / math.sqrt(0.999))
    assert adam_rest_holds(state, curvature) == math.ceil(expected) - 1
    assert adam_rest_holds(state, 0.0) is None  # a flat bottom: no linear instability to wait for

