"""The second method catches false claims: each claim kind, made deliberately wrong, is found false, and
made right, holds. Values are hand-derived."""

import math

import pytest
import sympy as sp

from mathcore import DescentRequest, analyze
from mathcore import claims as c
from mathcore.verify import check


def run_claim(text, domain, start, lr, steps, outcome=None, count=None, drawn=None, **extra):
    """A Run claim for the run mathcore makes (its own outcome and count unless overridden)."""
    analysis = analyze(text, *domain)
    t = analysis.run(DescentRequest(start=start, lr=lr, steps=steps))
    count = t.nit if count is None else count
    outcome = t.outcome if outcome is None else outcome
    drawn = (count if outcome == "converged" else len(t.xs) - 1) if drawn is None else drawn
    return c.Run(text, domain, optimizer="gd", start=start, lr=lr, momentum=0.0, steps=steps, outcome=outcome,
                 count=count, drawn=drawn, threshold=analysis.landscape.slope_threshold,
                 xs=t.xs + ((t.exit_x,) if t.exit_x is not None else ()), **extra)


def test_a_true_run_holds_and_a_wrong_step_count_is_caught():
    # x² with η = 0.25 from 2: x_k = 2·0.5^k; |f′| = 4·0.5^k ≤ 1 % of max |f′| (0.04) from k = 7 on
    right = run_claim("x^2", (-2.0, 2.0), 2.0, 0.25, 60, target=0.0)
    assert right.count == 7 and check(right) is None
    wrong = run_claim("x^2", (-2.0, 2.0), 2.0, 0.25, 60, count=5, target=0.0)
    assert "from step 7" in check(wrong)


def test_a_counter_that_does_not_stop_on_the_count_is_caught():
    wrong = run_claim("x^2", (-2.0, 2.0), 2.0, 0.25, 60, drawn=40, target=0.0)
    assert check(wrong) == "the step counter ends at 40, the sentence says 7"


def test_oscillating_said_of_a_run_that_converges_is_caught():
    # e^x − 2x with η = 1 = 2/f″(ln 2): the swing shrinks (converged in 1053 steps): never "oscillating"
    claim = run_claim("exp(x) - 2x", (-1.0, 2.0), 1.4, 1.0, 60, outcome="oscillating", count=1)
    assert "converges" in check(claim) or "stops jumping" in check(claim)
    t = analyze("exp(x) - 2x", -1, 2).run(DescentRequest(start=1.4, lr=1.0, steps=60))
    assert t.outcome == "max_steps"  # mathcore itself: still on its way, not oscillating


def test_a_true_oscillation_holds():
    # x² with η = 1: x ↦ −x, a 2-cycle for ever
    claim = run_claim("x^2", (-2.0, 2.0), 1.5, 1.0, 60)
    assert claim.outcome == "oscillating" and check(claim) is None


def test_a_tie_list_missing_a_point_or_naming_a_wrong_one_is_caught():
    # x³ − 3x² + 2 on [−1, 3]: the lowest value −2 at x = −1 and x = 2
    subject = ("x^3 - 3x^2 + 2", (-1.0, 3.0))
    right = c.Extreme(*subject, kind="min", y=-2.0, y_exact=sp.Integer(-2), points=(-1.0, 2.0),
                      exact_points=(sp.Integer(-1), sp.Integer(2)))
    assert check(right) is None
    missing = c.Extreme(*subject, kind="min", y=-2.0, y_exact=sp.Integer(-2), points=(2.0,),
                        exact_points=(sp.Integer(2),))
    assert "x = -1 is not named" in check(missing)
    lower = c.Extreme(*subject, kind="min", y=-1.0, y_exact=sp.Integer(-1), points=(2.0,))
    assert "is lower than" in check(lower) or "not -1" in check(lower)


def test_a_saturating_tail_is_no_tie():
    """tanh(−4x² − 3) on [−1.5, 4.5] falls all the way to x = 4.5, where f = −tanh(84) = −1 + 2·10⁻⁷³; at 40
    digits its tail beyond x ≈ 3.3 reads a flat −1 (f = −1 + 2·10⁻⁴² there), which looked like a second point
    reaching the lowest value; at 120 digits f is still falling. A tie with an irrational point (−2 at −1 and
    at 2 above) is still caught."""
    subject = ("tanh(-4x^2 - 3)", (-1.5, 4.5))
    claim = c.Extreme(*subject, kind="min", y=-1.0, y_exact=-sp.tanh(84), points=(4.5,),
                      exact_points=(sp.Rational(9, 2),))
    assert check(claim) is None


def test_a_near_tie_is_no_tie():
    # cos on [−6.2832, 6.2832]: cos(6.2832) = 1 − 3.5·10⁻¹¹, not the highest value 1
    claim = c.Extreme("cos(x)", (-6.2832, 6.2832), kind="max", y=1.0, y_exact=sp.Integer(1),
                      points=(-6.2832, -2 * math.pi, 0.0, 2 * math.pi, 6.2832),
                      exact_points=(sp.Rational("-6.2832"), -2 * sp.pi, sp.Integer(0), 2 * sp.pi, sp.Rational("6.2832")))
    assert "not 1" in check(claim)


def test_a_value_or_a_kind_at_a_hole_is_caught():
    assert "undefined at x = 0" in check(c.InDomain("sin(x)/x", (-10.0, 10.0), x=0.0, exact=sp.Integer(0)))
    assert check(c.Extreme("sin(x)/x", (-10.0, 10.0), kind="max", y=1.0, y_exact=sp.Integer(1), points=(0.0,),
                           exact_points=(sp.Integer(0),))) is not None
    assert check(c.Extreme("sin(x)/x", (-10.0, 10.0), kind="max", y=1.0, points=(0.0,), missing=True)) is None


@pytest.mark.parametrize("text, x, right, wrong", [
    ("x^(1/3)", 0.0, "vertical", "kink"), ("x^(2/3)", 0.0, "cusp", "vertical"), ("abs(x - 1) + 0.5x", 1.0, "kink", "cusp"),
    ("x^2", 0.0, "horizontal", "kink"),
])
def test_tangent_kinds_are_told_apart(text, x, right, wrong):
    subject = (text, (-1.0, 3.0) if "x - 1" in text else (-1.0, 1.0))
    assert check(c.Tangent(*subject, x=x, tangent=right, exact=sp.Integer(int(x)))) is None
    assert check(c.Tangent(*subject, x=x, tangent=wrong, exact=sp.Integer(int(x)))) is not None


def test_a_kinks_one_sided_slopes_are_checked():
    subject = ("abs(x - 1) + 0.5x", (-1.0, 3.0))
    assert check(c.Tangent(*subject, x=1.0, tangent="kink", exact=sp.Integer(1), left=-0.5, right=1.5)) is None
    assert "not 1.4" in check(c.Tangent(*subject, x=1.0, tangent="kink", exact=sp.Integer(1), left=-0.5, right=1.4))


def test_a_wrong_kind_and_a_missed_critical_point_are_caught():
    subject = ("x^4/4 - x^3/3 - x^2 + 1", (-2.0, 3.0))
    assert check(c.PointKind(*subject, x=0.0, kind="max", exact=sp.Integer(0), gap=1.0)) is None
    assert "not a min" in check(c.PointKind(*subject, x=0.0, kind="min", exact=sp.Integer(0), gap=1.0))
    assert check(c.CriticalSet(*subject, xs=(-1.0, 0.0, 2.0))) is None
    assert "x ≈ 2" in check(c.CriticalSet(*subject, xs=(-1.0, 0.0)))
    # x³ at 0: f′ vanishes without changing sign; leaving it out is caught too
    assert "without changing sign" in check(c.CriticalSet("x^3 + 1", (-1.0, 1.0), xs=()))


def test_a_wrong_sign_and_a_wrong_value_are_caught():
    subject = ("x^2", (-2.0, 2.0))
    assert check(c.SignOn(*subject, lo=0.0, hi=2.0, sign="+")) is None
    assert "not of sign -" in check(c.SignOn(*subject, lo=0.0, hi=2.0, sign="-"))
    assert check(c.ValueAt("exp(x) - 2x", (-1.0, 2.0), x=math.log(2), x_exact=sp.log(2), y=2 - 2 * math.log(2),
                           y_exact=2 - 2 * sp.log(2))) is None
    assert check(c.ValueAt("exp(x) - 2x", (-1.0, 2.0), x=math.log(2), x_exact=sp.log(2), y=0.6,
                           y_exact=sp.Rational(3, 5))) is not None


def test_no_minimum_is_checked():
    assert check(c.NoExtremum("exp(x)", (-2.0, 2.0), kind="min")) is None
    assert "local min" in check(c.NoExtremum("x^2", (-2.0, 2.0), kind="min"))


def test_claims_travel_as_records_and_come_back_equal():
    from mathcore.claims import claim_from_record, claim_record

    claim = c.Tangent("x^(1/3)", (-1.0, 1.0), x=0.0, tangent="vertical", exact=sp.Integer(0), left=math.inf,
                      right=math.inf)
    assert claim_from_record(claim_record(claim)) == claim
    extreme = c.Extreme("x", (0.0, 1.0), kind="min", y=0.0, points=(0.0,), exact_points=(sp.Integer(0),))
    assert claim_from_record(claim_record(extreme)) == extreme


def test_poles_and_holes_are_checked():
    """1/x² goes above any value beside 0, never below; tan at the exact π/2 is undefined though its float
    is not; sin(x)/x is undefined at its hole, x² nowhere; a pole is no local minimum of tan."""
    assert check(c.Unbounded("1/x^2", (-1.0, 1.0), kind="max", x=0.0)) is None
    assert "as low as one likes" in check(c.Unbounded("1/x^2", (-1.0, 1.0), kind="min", x=0.0))
    assert "is defined" in check(c.Unbounded("x^2", (-1.0, 1.0), kind="max", x=0.0))
    assert check(c.Unbounded("tan(x)", (0.0, 3.0), kind="min", x=math.pi / 2, exact=sp.pi / 2)) is None
    assert check(c.Undefined("sin(x)/x", (-1.0, 1.0), x=0.0)) is None
    assert check(c.Undefined("tan(x)", (0.0, 3.0), x=math.pi / 2, exact=sp.pi / 2)) is None
    assert "is defined" in check(c.Undefined("x^2", (-1.0, 1.0), x=0.0))
    assert check(c.NoExtremum("tan(x)", (0.0, 3.0), kind="min")) is None
    assert check(c.NoExtremum("1/x", (-3.0, 3.0), kind="max")) is None


def test_a_tiny_slope_far_out_on_softplus_is_read_to_its_digits():
    """softplus(u) with u = −5x² + 2x − 4: f′ = σ(u)·u′ vanishes only at x = 1/5; near −3, f ≈ 10⁻²⁴ is
    log(1 + 10⁻²⁴), whose 40 digits are digits of 1: the slope is read at more digits, not as a zero."""
    assert check(c.CriticalSet("softplus(-5x^2 + 2x - 4)", (-3.0, 0.5), xs=(0.2,))) is None


def test_a_kinked_minimum_with_one_flat_side_is_arrived_at_by_the_threshold():
    """relu(x) + 1.8x² on [−3, 1]: from −1.5 with η = 0.07, x_k = −1.5·0.748^k; |f′| = 3.6|x| ≤ 0.108 (1 % of
    the largest |f′|, 10.8 at −3) from 0.748^k ≤ 0.02, k = 14: the count the sentence says."""
    run = analyze("relu(x) + 1.8*x^2", -3, 1, descent=DescentRequest(start=-1.5, lr=0.07, steps=60)).descent
    assert run.outcome == "converged" and run.nit == 14


def test_tanhs_tail_is_neither_flat_nor_a_minimum():
    """tanh(3x² − 0.8) on [−4, 1]: tanh rounds to 1.0 beyond u = 19, where sympy's f′ = 6x(1 − tanh²) read 0
    and made a critical point of the tail; its f′ there is 6x/cosh²(u) ≈ −10⁻³⁹, so the only critical point is
    the minimum at 0, and a run stuck at x = −4 has stalled on a plateau: f is lower a little to the right, by
    10⁻³², which 40 digits of 1 − 10⁻⁴¹ do not see and 120 digits do."""
    from lessons.runs import Run
    from mathcore import DescentRequest, analyze_bounded

    analysis = analyze_bounded("tanh(3x^2 - 0.8)", -4, 1)
    assert [(p.x, p.kind) for p in analysis.critical_points] == [(0.0, "min")]
    assert analysis.function.slope(-4.0) < 0
    run = Run("explore", analysis.run(DescentRequest(start=-4, optimizer="gd", lr=0.001, steps=60)), analysis)
    assert run.trajectory.outcome == "stalled"
    assert [check(c) for c in run.result().claims] == [None] * len(run.result().claims)
    adam = Run("explore", analysis.run(DescentRequest(start=-2.4, optimizer="adam", lr=0.2, steps=60)), analysis)
    assert adam.trajectory.xs[1] != -2.4  # f′ ≈ −3·10⁻¹³ moves Adam by η·f′/(|f′| + ε)
    assert [check(c) for c in adam.result().claims] == [None] * len(adam.result().claims)


def test_an_end_typed_as_a_decimal_is_the_end_the_sample_reaches():
    """x + 2cos x on [0; 6.283185307179586]: the highest value is at the right end, said exactly at the decimal
    typed; the float end is 2.3·10⁻¹⁶ further, where f (rising at slope ≈ 1) is that much higher: no higher
    value for that."""
    import sympy as sp

    b = 6.283185307179586
    end = sp.Rational("6.283185307179586")
    claim = c.Extreme("x + 2cos(x)", (0.0, b), kind="max", y=b + 2 * math.cos(b), y_exact=end + 2 * sp.cos(end),
                           points=(b,), exact_points=(end,))
    assert check(claim) is None
    lower = c.Extreme("x + 2cos(x)", (0.0, b), kind="max", y=8.2831853, y_exact=sp.Rational("8.2831853"),
                           points=(b,), exact_points=(end,))
    assert check(lower) is not None
