"""A run's result sentence holds for the run drawn: mathcore's reported step count (nit), the step it left
the drawn domain at, the kink it bounces around, the minimum it reached written as sections 1–2 write it."""

import pytest

from lessons.config import with_overrides
from lessons.runs import Run
from mathcore import DescentRequest, analyze
from sections import context, load_lesson

pytestmark = pytest.mark.slow  # plans lessons and runs descent: `make test` runs it, `make test-fast` does not


def plan_of(function, domain, slug="gradient_descent"):
    return context(with_overrides(load_lesson(), function, domain)).plan(slug)


def test_a_run_at_a_kink_is_said_in_plain_words_with_its_count_and_band():
    plan = plan_of("abs(x-1) + 0.5x", (-1.0, 3.0))
    result = plan.say("result")
    run = plan.run("from_right")
    point, band = plan.run_entry("from_right").kink()
    assert result.key == "run.converged_kink" and point.x == 1.0
    assert all(abs(x - 1.0) <= band for x in run.xs[run.nit:]) and abs(run.xs[run.nit - 1] - 1.0) > band
    n = run.nit
    assert result.text("en") == (f"After {n} steps the ball keeps bouncing close to the kink x = 1 (the minimum), "
                                 f"always within {band:.4g} of it.")
    assert result.text("vi").startswith(f"Sau {n} bước, bóng dao động sát điểm gãy x = 1 (cực tiểu), luôn cách nó "
                                        "không quá 0,")


def test_a_run_that_leaves_the_domain_is_counted_to_the_step_it_left_the_drawn_domain():
    for function, domain in (("(x+1)^2", (-4.0, 2.0)), ("x^5 - 5x^4 + 5x^3", (-1.0, 4.0))):
        plan = plan_of(function, domain)
        entry = plan.run_entry("lr_large")
        xs, (a, b) = entry.drawn_xs(), domain
        assert entry.trajectory.outcome == "diverged"
        gone = next(k for k, x in enumerate(xs) if not a <= x <= b)
        assert gone >= 3 and all(a <= x <= b for x in xs[:gone])  # followed for several steps inside the plot
        statement = plan.result("lr_large")
        assert statement.key == "run.diverged" and dict(statement.fields)["k"] == gone
    assert plan_of("(x+1)^2", (-4.0, 2.0)).result("lr_large").text("en") == "Diverged: x leaves [−4, 2] at step 3."


def test_a_rate_whose_first_step_leaves_is_seen_leaving_at_step_one():
    analysis = analyze("x^2", -2, 2)
    entry = Run("lr_large", analysis.run(DescentRequest(start=1.0, lr=100, steps=60)), analysis)
    assert entry.drawn_xs() == (1.0, -199.0) and entry.exit_step() == 1  # seen leaving, at step 1
    assert entry.result().text("en") == "Diverged: x leaves [−2, 2] at step 1."
    assert entry.result().text("vi") == "Phân kỳ: x ra khỏi đoạn [−2; 2] ở bước 1."


def test_x_squared_at_one_half_is_said_to_converge_in_one_step():
    analysis = analyze("x^2", -2, 2)
    entry = Run("lr_good", analysis.run(DescentRequest(start=1.5, lr=0.5, steps=60)), analysis)
    assert entry.result().text("en") == "Converged to the minimum x = 0 in 1 step."
    assert entry.result().text("vi") == "Hội tụ tới cực tiểu x = 0 sau 1 bước."
    assert entry.to_json()["nit"] == 1 and entry.to_json()["steps"] == 60


def test_the_sigmoid_slope_run_converges_in_its_own_count_not_the_budget():
    plan = plan_of(None, None, "plateaus")
    slope, stall = plan.run("slope"), plan.run("plateau")
    assert (slope.steps, slope.nit, stall.nit) == (300, 26, 300)
    assert plan.result("slope").text("vi") == "Hội tụ tới cực tiểu x = ln 3 sau 26 bước."
    assert plan.result("plateau").text("vi") == ("Mắc kẹt: sau 300 bước, bóng ở x ≈ −5,99, nơi gradient gần như "
                                                 "bằng 0.")


def test_a_converged_point_is_written_as_sections_one_and_two_write_it():
    # x⁴/4 − 5x² + 3x on [−5, 5]: the lowest minimum x ≈ −3,3028 is "−3,303" in sections 1, 2 and 4 alike
    # (rounded to the domain's width, as a run's end used to be written, it read "−3,3")
    planning = context(with_overrides(load_lesson(), "x^4/4 - 5x^2 + 3x", (-5.0, 5.0)))
    assert planning.plan("critical_points").say("point.0").text("vi") == "Tiếp tuyến nằm ngang tại x ≈ −3,303: f′ = 0"
    assert planning.plan("minima_vs_maxima").say("verdict.0").text("vi") == "x ≈ −3,303: cực tiểu"
    result = planning.plan("gradient_descent").say("result")
    assert result.text("vi").startswith("Hội tụ tới cực tiểu x ≈ −3,303 sau ")
    assert result.text("en").startswith("Converged to the minimum x ≈ −3.303 in ")


@pytest.mark.parametrize("function, domain", [("cos(x)", (-6.0, 6.0)), ("(x+1)^2", (-4.0, 2.0)),
                                              ("50x^2 - 20x^4", (-1.5, 1.5))])
def test_the_too_large_rate_is_visibly_wrong_and_at_most_twenty_times_the_good_one(function, domain):
    plan = plan_of(function, domain)
    large, good = plan.run("lr_large"), plan.run("lr_good")
    second = plan.analysis.function.d2f(good.final_x)
    assert large.lr * second > 2.0 + 1e-9, (function, large.lr, second)
    assert large.lr <= 20 * good.lr


@pytest.mark.parametrize("function, start, key", [
    ("tanh(x)", 1.0, "run.slide"),  # towards tanh's flat tail: |f′| shrinks under the ball
    ("atan(x)", 5.0, "run.slide_on"),  # from atan's tail towards 0, where it is steepest: not slowing down
])
def test_a_slide_says_slowing_down_only_where_the_slope_shrank(function, start, key):
    from mathcore.verify import check
    analysis = analyze(function, -10, 10)
    run = analysis.run(DescentRequest(start=start, lr=1.0, steps=30))
    assert run.outcome == "max_steps"
    result = Run("slide", run, analysis).result()
    assert result.key == key
    assert (abs(run.slopes[-1]) < abs(run.slopes[0])) == (key == "run.slide")
    assert not [problem for claim in result.claims if (problem := check(claim))]


@pytest.mark.parametrize("function, domain, start, steps, nit", [
    ("sin(2x)/x", (-6, 6), 2.5, 60, 59),  # the check's 40-digit rerun regrew past the rest's end; the float run did not
    ("x^4 - 2x^2", (-2, 2), 0.4, 300, 51),  # the float rerun regrew, the 40-digit one landed on x = 1 exactly
])
def test_adam_converges_by_what_holds_before_its_rest_turns_unstable(function, domain, start, steps, nit):
    """Both methods judge Adam's arrival only while its rest can hold, so rounding's luck after it (a float
    where f′ is exactly 0, or not) decides nothing: converged, with its count, and the check agrees."""
    from mathcore import analyze_bounded
    from mathcore.verify import check

    analysis = analyze_bounded(function, *domain)
    run = Run("explore", analysis.run(DescentRequest(start=start, optimizer="adam", lr=0.5, steps=steps)), analysis)
    assert (run.trajectory.outcome, run.trajectory.nit) == ("converged", nit)
    assert [check(c) for c in run.result().claims] == [None] * len(run.result().claims)
