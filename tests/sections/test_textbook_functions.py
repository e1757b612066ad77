"""The functions teachers type first (issue: poles, holes, no critical point), derived by hand: every
section plans strictly (a false claim would refuse the lesson) and says what the textbook says."""

from __future__ import annotations

import pytest

from lessons.config import with_overrides
from lessons.demos import SLIDE_ROLE
from sections import SECTIONS, SLUGS, LessonContext, load_lesson

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def planned(function: str, domain: tuple[float, float], language: str = "en") -> LessonContext:
    context = LessonContext(with_overrides(load_lesson(), function, domain, language), SECTIONS)
    for slug in SLUGS:
        context.plan(slug)
        assert context.findings[slug] == ()
    return context


def said(context: LessonContext, slug: str, name: str) -> str:
    return context.plan(slug).say(name).text(context.lesson.language)


def test_x_plus_one_over_x():
    """f′ = 1 − 1/x²: a maximum −2 at −1 below a minimum 2 at 1; a pole at 0 where f′ keeps its sign −, so
    no extremum there; beside it f goes below and above any value: no lowest, no highest value."""
    context = planned("x + 1/x", (-3.0, 3.0))
    analysis = context.plan("critical_points").analysis
    assert [(p.x, p.kind, p.y) for p in analysis.critical_points] == [(-1.0, "max", -2.0), (1.0, "min", 2.0)]
    assert [(e.x, e.kind, e.left, e.right) for e in analysis.function.excluded] == [
        (0.0, "pole", float("-inf"), float("inf"))]
    assert [(s.start, s.end, s.sign) for s in analysis.sign_chart] == [
        (-3.0, -1.0, "+"), (-1.0, 0.0, "-"), (0.0, 1.0, "-"), (1.0, 3.0, "+")]
    assert said(context, "minima_vs_maxima", "lowest") == \
        "On [−3, 3] f has no lowest value: near x = 0, f takes values as low as one likes."
    assert said(context, "minima_vs_maxima", "highest") == \
        "On [−3, 3] f has no highest value: near x = 0, f takes values as high as one likes."
    assert said(context, "conclusion", "lowest") == said(context, "minima_vs_maxima", "lowest")


def test_the_textbook_rational_function_in_vietnamese():
    """(x² − 2x + 2)/(x − 1): f′ = x(x − 2)/(x − 1)², a maximum f(0) = −2, a minimum f(2) = 2, a pole at 1."""
    context = planned("(x^2 - 2x + 2)/(x - 1)", (-2.0, 4.0), "vi")
    analysis = context.plan("minima_vs_maxima").analysis
    assert [(p.x, p.kind, p.y) for p in analysis.critical_points] == [(0.0, "max", -2.0), (2.0, "min", 2.0)]
    assert said(context, "minima_vs_maxima", "lowest") == \
        "Trên [−2; 4], f không có giá trị nhỏ nhất: gần x = 1, f nhận giá trị nhỏ tuỳ ý."


def test_two_poles():
    """1/(1 − x²): f′ = 2x/(1 − x²)², a minimum f(0) = 1 between the poles ±1, named together."""
    context = planned("1/(1 - x^2)", (-3.0, 3.0))
    analysis = context.plan("critical_points").analysis
    assert [(p.x, p.kind, p.y) for p in analysis.critical_points] == [(0.0, "min", 1.0)]
    assert [e.x for e in analysis.function.excluded] == [-1.0, 1.0]
    assert said(context, "minima_vs_maxima", "highest") == \
        "On [−3, 3] f has no highest value: near x = ±1, f takes values as high as one likes."


def test_a_hole_is_no_maximum():
    """sin(x)/x is undefined at 0 (limit 1): no critical point there, and no highest value on [−10, 10]."""
    context = planned("sin(x)/x", (-10.0, 10.0))
    analysis = context.plan("critical_points").analysis
    assert [(e.x, e.kind, e.left) for e in analysis.function.excluded] == [(0.0, "hole", 1.0)]
    assert all(abs(p.x) > 4 for p in analysis.critical_points)
    assert said(context, "minima_vs_maxima", "highest") == \
        "On [−10, 10] f has no highest value: f(x) tends to 1 as x tends to 0, but f is undefined at x = 0."


@pytest.mark.parametrize("function, domain", [("tanh(x)", (-5.0, 5.0)), ("sigmoid(x)", (-10.0, 10.0))])
def test_no_critical_point_is_the_vanishing_gradient(function, domain):
    """f′ > 0 everywhere: no critical point, increasing so no extremum, its own plateaus in section 3, and
    descent in section 4 sliding from the steepest point (0) down, each step shorter than the last."""
    context = planned(function, domain)
    a, b = (f"{v:g}".replace("-", "−") for v in domain)
    assert said(context, "critical_points", "none") == \
        f"f′(x) > 0 on all of ({a}, {b}): f′ is never 0, so f has no critical point."
    assert said(context, "minima_vs_maxima", "intro") == \
        f"f′ > 0 on all of ({a}, {b}): f is increasing on [{a}, {b}], so it has no extremum."
    plateaus = context.plan("plateaus")
    assert plateaus.substitute is None and plateaus.analysis.function.text == function
    assert [run.role for run in plateaus.runs] == [SLIDE_ROLE, "plateau"]
    descent = context.plan("gradient_descent")
    assert descent.substitute is None and [run.role for run in descent.runs] == [SLIDE_ROLE]
    slide = descent.run(SLIDE_ROLE)
    assert slide.start == 0.0 and slide.final_x < -2
    steps = [abs(q - p) for p, q in zip(slide.xs, slide.xs[1:])]
    assert all(later < earlier for earlier, later in zip(steps, steps[1:]))
    assert context.plan("conclusion").runs[1].role == SLIDE_ROLE


def test_a_slide_that_does_not_slow_draws_its_own_function():
    """x³ + x: f′ = 3x² + 1 ≥ 1, no critical point, but the slope steepens again past 0: no slide to show;
    section 4 says why and draws g."""
    context = planned("x^3 + x", (-2.0, 2.0))
    descent = context.plan("gradient_descent")
    assert descent.substitute == "no_slide"
    assert said(context, "gradient_descent", "substitute").startswith(
        "f has no critical point, and descent on f does not slow down; in this section, g(x) = ")
