import numpy as np
import pytest

from scenes.descent import step_arrow
from scenes.graphing import LessonGraph
from sections.gradient_descent.scene import GradientDescentScene
from tests.helpers import assert_layout_ok

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def test_negative_slope_steps_right_and_positive_slope_steps_left(lesson_data):
    data = lesson_data("gradient_descent")
    left, right = data.run("from_left"), data.run("from_right")
    assert left.slopes[0] < 0 < left.xs[1] - left.xs[0]
    assert right.slopes[0] > 0 > right.xs[1] - right.xs[0]
    # by hand: f'(x) = x³ − x² − 2x, f''(2) = 6, so η = 0.5/6 ≈ 0.08 (one digit); f'(1) = −2,
    # so x1 = 1 − 0.08·(−2) = 1.16
    assert left.lr == right.lr == 0.08
    assert (left.xs[0], left.slopes[0], left.xs[1]) == pytest.approx((1.0, -2.0, 1.16))


def test_step_arrows_are_drawn_to_scale(lesson_data):
    data = lesson_data("gradient_descent")
    graph = LessonGraph(data.analysis)
    run = data.run("from_right")
    arrow = step_arrow(graph, run.xs[0], run.xs[1], "#FFFFFF")
    shaft = arrow[0]
    unit = graph.axes.x_length / (graph.x_range[1] - graph.x_range[0])
    assert abs(shaft.get_end()[0] - shaft.get_start()[0]) == pytest.approx(run.lr * abs(run.slopes[0]) * unit)


def test_the_descent_ends_at_mathcores_minimum(lesson_data):
    data = lesson_data("gradient_descent")
    run = data.run("from_right")
    assert run.outcome == "converged"
    assert run.final_x == pytest.approx(2.0, abs=1e-6)  # f'(x) = x(x + 1)(x − 2)


def test_compared_learning_rates_show_mathcores_outcomes(built_scene, lesson_data):
    data = lesson_data("gradient_descent")
    scene, problems = built_scene("gradient_descent")
    expected = [(data.run(role).lr, data.run(role).outcome) for role in ("lr_small", "lr_good", "lr_large")]
    assert scene.rate_outcomes == expected
    # η = 0.36 > 2/f″(2) = 1/3: the swing keeps its size; 4.5× the good rate (never more than 20×)
    assert expected == [(0.004, "max_steps"), (0.08, "converged"), (0.36, "oscillating")]
    assert_layout_ok(problems)


def test_the_adaptive_optimizer_escapes_the_plateau_where_gd_stalls(lesson_data):
    data = lesson_data("gradient_descent")
    stall, escape = data.run("escape_gd"), data.run("escape")
    assert (stall.optimizer, stall.outcome) == ("gd", "stalled")
    assert (escape.optimizer, escape.outcome) == ("adam", "converged")
    assert escape.start == stall.start
    assert escape.final_x == pytest.approx(np.log(9) / 2, abs=1e-3)


def test_other_function_and_starts_from_the_command_line(run_scene, lesson_data):
    data = lesson_data("gradient_descent", function="(x - 1)^2 + 0.5", domain=(-2, 4))
    left, right = data.run("from_left"), data.run("from_right")
    assert left.xs[0] < 1 < right.xs[0]  # starts re-derived from the sign chart around the minimum at 1
    _, problems = run_scene(GradientDescentScene, data)
    assert_layout_ok(problems)
