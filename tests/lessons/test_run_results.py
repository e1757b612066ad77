"""A run's result sentence holds for the run drawn: where it left the domain, the kink it bounces around,
a position that does not quote floating-point noise."""

from lessons.config import with_overrides
from sections import context, load_lesson


def plan_of(function, domain, slug="gradient_descent"):
    return context(with_overrides(load_lesson(), function, domain)).plan(slug)


def test_a_run_at_a_kink_is_said_to_bounce_around_the_kink_not_to_converge_at_its_last_iterate():
    plan = plan_of("abs(x-1) + 0.5x", (-1.0, 3.0))
    assert plan.say("result").key == "gd.result_kink"
    assert "x = 1" in plan.say("result").text("en")
    good = plan.result("lr_good")
    assert good.key == "run.result_kink" and "kink x = 1" in good.text("en")


def test_a_run_that_leaves_the_domain_is_counted_to_the_step_it_left():
    for function, domain in (("(x+2)^2*(x-1)^3", (-3.0, 2.0)), ("x^5 - 5x^4 + 5x^3", (-1.0, 4.0))):
        plan = plan_of(function, domain)
        entry = plan.run_entry("lr_large")
        xs, (a, b) = entry.trajectory.xs, domain
        gone = next((k for k, x in enumerate(xs) if not a <= x <= b), None)
        if gone is None:
            continue
        assert a <= xs[gone - 1] <= b and not a <= xs[gone] <= b
        statement = plan.result("lr_large")
        assert dict(statement.fields)["n"] == gone
        assert statement.key in ("run.result_gone", "run.result_out")


def test_a_converged_position_is_rounded_to_the_domain_not_quoted_as_noise():
    plan = plan_of("x^2*exp(-x)", (-1.0, 6.0))
    text = plan.say("result").text("vi")
    assert "≈ 0 " in text or "= 0 " in text, text
    assert "10" not in text.split("x")[1].split("trong")[0]  # no ×10ⁿ of a float error


def test_the_too_large_rate_is_visibly_wrong_not_the_borderline_two_over_f_second():
    for function, domain in (("cos(x)", (-6.0, 6.0)), ("(x+1)^2", (-4.0, 2.0)), ("50x^2 - 20x^4", (-1.5, 1.5))):
        plan = plan_of(function, domain)
        large = plan.run("lr_large")
        minimum = plan.run("lr_good").final_x
        second = plan.analysis.function.d2f(minimum)
        assert large.lr * second > 2.0 + 1e-9, (function, large.lr, second)
