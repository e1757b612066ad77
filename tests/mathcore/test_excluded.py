"""Poles and holes inside the domain: found, never critical points, the sign chart broken there, descent
stopped before crossing, no lowest or highest value beside a pole. Values derived by hand."""

import json
import math

import pytest

from mathcore import DescentRequest, analyze
from mathcore import claims as c
from mathcore.extremes import global_extreme
from mathcore.verify import check


def test_x_plus_one_over_x_on_minus_3_to_3():
    # f′ = 1 − 1/x²: a maximum −2 at −1, a minimum 2 at 1, a pole at 0 (−∞ from the left, +∞ from the right)
    result = analyze("x + 1/x", -3, 3)
    assert [(p.exact, p.y_exact, p.kind) for p in result.critical_points] == [("-1", "-2", "max"), ("1", "2", "min")]
    assert [(s.start, s.end, s.sign) for s in result.sign_chart] == [(-3.0, -1.0, "+"), (-1.0, 0.0, "-"),
                                                                      (0.0, 1.0, "-"), (1.0, 3.0, "+")]
    low, high = global_extreme(result, "min"), global_extreme(result, "max")
    assert low.unbounded == (0.0,) and high.unbounded == (0.0,)  # f takes values as low and as high as one likes
    data = json.loads(json.dumps(result.to_json()))
    assert data["excluded"] == [{"x": 0.0, "kind": "pole", "exact": "0"}]
    assert data["limits"] == [{"x": -3.0, "right": pytest.approx(-10 / 3)}, {"x": 0.0, "left": "-inf", "right": "+inf"},
                              {"x": 3.0, "left": pytest.approx(10 / 3)}]


def test_a_lower_maximum_than_minimum_is_no_contradiction_beside_a_pole():
    # (x² − 2x + 2)/(x − 1) = (x − 1) + 1/(x − 1): maximum −2 at 0, minimum 2 at 2, pole at 1
    result = analyze("(x^2 - 2x + 2)/(x - 1)", -2, 4)
    assert [(p.exact, p.y_exact, p.kind) for p in result.critical_points] == [("0", "-2", "max"), ("2", "2", "min")]
    assert result.function.poles == (1.0,)


def test_two_poles_and_a_minimum_between():
    # 1/(1 − x²): minimum 1 at 0 between the poles ±1; beyond them f < 0 and → 0 at ±∞
    result = analyze("1/(1 - x^2)", -3, 3)
    assert [(p.exact, p.y_exact, p.kind) for p in result.critical_points] == [("0", "1", "min")]
    assert global_extreme(result, "min").unbounded == (-1.0, 1.0)


def test_descent_stops_before_a_step_that_would_cross_a_pole():
    result = analyze("x + 1/x", -3, 3)
    run = result.run(DescentRequest(start=-0.5, lr=0.5, steps=60))  # f′(−0.5) = −3: the step lands on 1
    assert (run.outcome, run.nit, run.xs, run.exit_x) == ("pole", 1, (-0.5,), 1.0)
    assert "cross the pole at x = 0" in run.reason
    safe = result.run(DescentRequest(start=2.0, lr=0.1, steps=200))  # stays right of the pole
    assert safe.outcome == "converged" and safe.final_x == pytest.approx(1.0, abs=0.05)


def test_the_claims_check_confirms_a_crossed_pole_and_refutes_an_invented_one():
    subject = ("x + 1/x", (-3.0, 3.0))
    true = c.Run(*subject, optimizer="gd", start=-0.5, lr=0.5, momentum=0.0, steps=60, outcome="pole", count=1,
                 drawn=0, threshold=0.4, xs=(-0.5, 1.0))
    assert check(true) is None
    false = c.Run("x^2", (-3.0, 3.0), optimizer="gd", start=1.0, lr=0.1, momentum=0.0, steps=10, outcome="pole",
                  count=1, drawn=0, threshold=0.06, xs=(1.0, 0.8))
    assert "no pole is crossed" in check(false)


def test_thresholds_leave_the_poles_out():
    # the largest |f′| away from x + 1/x's pole is at the ends: 1 − 1/9 = 8/9 … and near the clipped region;
    # beside the pole |f′| is unbounded and would make every slope "flat"
    result = analyze("x + 1/x", -3, 3)
    assert result.landscape.slope_scale < 100
    assert not result.plateaus
    assert math.isfinite(result.landscape.slope_threshold)
