"""The false sentences a review of new functions found, one kind each, kept as tests (hand-derived values):
each is now true for its example, and every claim of the example's lesson holds by the second method."""

from __future__ import annotations

import pytest

from lessons.config import with_overrides
from lessons.explore import grid_run
from lessons.formulas import to_typst
from lessons.speech import speak
from mathcore import DescentRequest, analyze
from mathcore.parse import parse_function
from sections import SECTIONS, SLUGS, LessonContext, load_lesson

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def lesson(function: str, domain: tuple[float, float], language: str = "vi") -> LessonContext:
    """The lesson planned strictly: a false claim would raise instead of planning."""
    return LessonContext(with_overrides(load_lesson(), function, domain, language), SECTIONS)


def every_claim_holds(context: LessonContext) -> None:
    for slug in SLUGS:
        context.plan(slug)
        assert context.findings[slug] == (), context.findings[slug]


@pytest.mark.parametrize("function, domain", [("exp(x) - 2x", (-1.0, 2.0)), ("softplus(x) - x/2", (-4.0, 4.0))])
def test_a_borderline_rate_is_never_called_too_large(function, domain):
    # e^x − 2x: f″(ln 2) = 2, the edge of stability is η = 1; softplus(x) − x/2: f″(0) = 1/4, η = 8
    edge = {"exp(x) - 2x": 1.0, "softplus(x) - x/2": 8.0}[function]
    context = lesson(function, domain)
    plan = context.plan("gradient_descent")
    large = plan.run("lr_large")
    assert not edge / 1.25 < large.lr < edge * 1.05  # never the slowly shrinking side, nor a swing too small to see
    assert large.outcome in ("oscillating", "diverged")
    every_claim_holds(context)


def test_the_borderline_run_itself_is_not_oscillating():
    # η = 1 on e^x − 2x from 1.4: analyze --steps 2000 converges in 1053 steps; in 60 it is still on its way
    analysis = analyze("exp(x) - 2x", -1, 2)
    assert analysis.run(DescentRequest(start=1.4, lr=1.0, steps=60)).outcome == "max_steps"
    assert analysis.run(DescentRequest(start=1.4, lr=1.0, steps=2000)).outcome == "converged"


def test_a_vertical_tangent_is_said_and_drawn_as_one():
    context = lesson("x^(1/3)", (-1.0, 1.0))
    point = context.plan("critical_points").say("point.0")
    assert point.text("vi") == "Tiếp tuyến thẳng đứng tại x = 0: f′ → +∞ ở cả hai phía, f′ không tồn tại"
    assert "Không có tiếp tuyến" not in point.text("vi")
    assert to_typst(parse_function("x^(1/3)")) == "root(3, x)"
    assert to_typst(parse_function("cbrt(x - 1)")) == "root(3, x - 1)"
    every_claim_holds(context)


@pytest.mark.parametrize("function, domain, expected", [
    ("x^(2/3)", (-1.0, 1.0), "Điểm nhọn tại x = 0: f′ → −∞ bên trái, +∞ bên phải; f′ không tồn tại"),
    ("abs(x - 1) + 0.5x", (-1.0, 3.0), "Điểm gãy tại x = 1: độ dốc bên trái −0,5, bên phải 1,5; f′ không tồn tại"),
])
def test_a_cusp_and_a_kink_are_told_apart(function, domain, expected):
    context = lesson(function, domain)
    assert context.plan("critical_points").say("point.0").text("vi") == expected
    every_claim_holds(context)


def test_nothing_is_said_at_a_hole():
    context = lesson("sin(x)/x", (-10.0, 10.0))
    plans = [context.plan(slug) for slug in SLUGS]
    assert all(abs(p.x) > 1 for p in plans[1].analysis.critical_points)  # no critical point at 0
    texts = [st.text("vi") for plan in plans for _, st in plan.statements]
    assert not any("x = 0 (cực đại)" in t or "f(0)" in t for t in texts)
    assert plans[1].say("highest").text("vi") == ("Trên [−10; 10], f không có giá trị lớn nhất: f(x) dần tới 1 khi "
                                                  "x dần tới 0, nhưng f không xác định tại x = 0.")
    every_claim_holds(context)


def test_every_point_at_the_lowest_and_highest_value_is_named():
    context = lesson("x^3 - 3x^2 + 2", (-1.0, 3.0))
    plan = context.plan("minima_vs_maxima")
    assert plan.say("lowest").text("vi") == "Giá trị nhỏ nhất của f trên [−1; 3] là −2, đạt tại x = −1 và x = 2."
    assert plan.say("highest").text("vi") == "Giá trị lớn nhất của f trên [−1; 3] là 2, đạt tại x = 0 và x = 3."
    assert plan.say("lowest").text("en") == "The lowest value on [−1, 3] is −2, at x = −1 and x = 2."
    # the picture writes the textbook's notation; captions, voice and transcript keep the sentence
    assert plan.say("lowest").board_text("vi") == "min_[−1; 3]\u00a0f(x) = −2, đạt tại x = −1 và x = 2"
    assert plan.say("highest").board_text("en") == "max_[−1, 3]\u00a0f(x) = 2, at x = 0 and x = 3"
    every_claim_holds(context)


@pytest.mark.parametrize("function, domain, lowest, highest", [
    ("x^3 - 3x", (-3.0, 3.0), "min_[−3; 3] f(x) = f(−3) = −18, ở đầu mút; cực tiểu f(1) = −2 lớn hơn",
     "max_[−3; 3] f(x) = f(3) = 18, ở đầu mút; cực đại f(−1) = 2 nhỏ hơn"),
    ("relu(x^2-1)", (-2.0, 2.0), "min_[−2; 2] f(x) = 0, trên cả đáy phẳng [−1; 1]",
     "f không có cực đại; max_[−2; 2] f(x) = f(±2) = 3, ở cả hai đầu mút"),
    ("x^4 - 2x^2", (-2.0, 2.0), "min_[−2; 2] f(x) = f(±1) = −1 (cực tiểu)",
     "max_[−2; 2] f(x) = f(±2) = 8, ở cả hai đầu mút; cực đại f(0) = 0 nhỏ hơn"),
])
def test_the_closed_interval_is_written_in_the_textbooks_notation(function, domain, lowest, highest):
    """min_[a; b] f and max_[a; b] f, every point that reaches the value, the end point that beats a local
    extremum, a flat bottom as a whole (derived by hand: x³ − 3x: f(±3) = ±18 beyond f(∓1) = ∓2)."""
    plan = lesson(function, domain).plan("minima_vs_maxima")
    said = tuple(plan.say(name).board_text("vi").replace("\xa0", " ") for name in ("lowest", "highest"))
    assert said == (lowest, highest)
    assert plan.say("lowest").text("vi").startswith("Trên [")  # the sentence said and captioned


@pytest.mark.parametrize("function, domain, name, screen, spoken", [
    ("x*log(x)", (0.1, 2.0), "verdict.0", "x = e⁻¹: cực tiểu", "x bằng e mũ âm 1: cực tiểu"),
    ("exp(x) - 2x", (-1.0, 2.0), "lowest", "Trên [−1; 2], giá trị nhỏ nhất là cực tiểu f(ln 2) = 2 − 2 ln 2 ≈ 0,6137.",
     "Trên đoạn từ âm 1 đến 2, giá trị nhỏ nhất là cực tiểu f của lô-ga-rít tự nhiên của 2 bằng 2 trừ 2 lô-ga-rít tự "
     "nhiên của 2, xấp xỉ 0,6137."),
    ("x^2*exp(-x^2)", (-2.0, 2.0), "highest", "Trên [−2; 2], giá trị lớn nhất là cực đại f(±1) = e⁻¹ ≈ 0,3679.",
     "Trên đoạn từ âm 2 đến 2, giá trị lớn nhất là cực đại f của cộng trừ 1 bằng e mũ âm 1, xấp xỉ 0,3679."),
    ("x + 2cos(x)", (0.0, 6.0), "lowest", "Trên [0; 6], giá trị nhỏ nhất là cực tiểu f(5π/6) = 5π/6 − √3 ≈ 0,8859.",
     "Trên đoạn từ 0 đến 6, giá trị nhỏ nhất là cực tiểu f của 5 pi trên 6 bằng 5 pi trên 6 trừ căn 3, xấp xỉ 0,8859."),
    ("x + 1/x", (0.25, 4.0), "highest", "Trên [0,25; 4], f không có cực đại; giá trị lớn nhất f(0,25) = f(4) = 4,25 nằm ở "
     "cả hai đầu mút.", None),
])
def test_a_value_is_said_in_the_exact_form_its_marker_shows(function, domain, name, screen, spoken):
    statement = lesson(function, domain).plan("minima_vs_maxima").say(name)
    assert statement.text("vi").replace("\u00a0", " ") == screen
    if spoken is not None:
        assert speak(statement, "vi") == spoken


@pytest.mark.parametrize("function, domain", [("x^3 - 3x^2 + 2", (-1.0, 3.0)), ("relu(x^2 - 1)", (-2.0, 2.0))])
def test_the_step_counter_stops_on_the_count_the_result_says(function, domain):
    context = lesson(function, domain)
    plan = context.plan("gradient_descent")
    for run in plan.runs:
        said = run.result().claims[0]
        assert said.drawn == len(run.drawn_xs()) - 1
        if run.trajectory.outcome == "converged" and run.kink() is None:
            assert len(run.drawn_xs()) - 1 == run.trajectory.nit == said.count
    every_claim_holds(context)


@pytest.mark.parametrize("domain", [(-2.0, 2.0), (-3.0, 3.0), (-2.5, 2.5), (-2.0, 3.0), (-4.0, 4.0)])
@pytest.mark.parametrize("lr", [0.1, 0.2, 0.3])
def test_mirror_image_runs_take_the_same_count(domain, lr):
    analysis = analyze("x^2*exp(-x^2)", *domain)
    right, left = (analysis.run(DescentRequest(start=s, lr=lr, steps=60)) for s in (0.5, -0.5))
    assert [abs(g) for g in right.slopes] == [abs(g) for g in left.slopes]
    assert (right.outcome, right.nit) == (left.outcome, left.nit)


def test_the_counterexample_is_named_g():
    context = lesson("x^4 - 2x^2", (-2.0, 2.0))  # f has a maximum at 0: the counterexample's 0 is not f's
    plan = context.plan("critical_points")
    assert plan.say("counter").text("vi") == "Tại x = 0, g′ = 0 nhưng g′ không đổi dấu, nên không phải cực trị của g."
    assert "g(x) = x³" in plan.say("counter_caption").text("vi")
    every_claim_holds(context)


def test_a_run_that_leaves_the_plot_says_that_it_left_and_when():
    context = lesson("x^3 - 3x^2 + 2", (-1.0, 3.0))
    tab = context.plan("gradient_descent").explore[0]
    run = grid_run(tab, "adam", min(r for r in dict(tab.rates)["adam"] if r >= 0.05), -0.3)
    t = run.trajectory
    assert t.outcome in ("max_steps", "stalled") and t.final_x < -1
    said = run.result()
    assert said.text("vi").startswith("Ra khỏi đồ thị: x rời đoạn [−1; 3] ở bước ")
    assert run.drawn_xs()[-1] < -1 and len(run.drawn_xs()) - 1 == run.exit_step()
