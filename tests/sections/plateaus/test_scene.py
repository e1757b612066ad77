import numpy as np
import pytest
import sympy as sp
from manim import UP, ValueTracker

from scenes.descent import TrajectoryBall
from scenes.graphing import LessonGraph
from sections.plateaus.scene import PlateausScene
from tests.helpers import assert_layout_ok

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def test_ball_positions_are_mathcores_trajectory(lesson_data):
    data = lesson_data("plateaus")
    run = data.run("slope")
    graph = LessonGraph(data.analysis)
    tracker = ValueTracker(0)
    ball = TrajectoryBall(graph, run.xs, tracker)
    for k in (0, 1, 2, 5, len(run.xs) - 1):
        tracker.set_value(k)
        ball.update()
        expected = graph.c2p(run.xs[k], data.analysis.function.value(run.xs[k])) + UP * ball.radius
        assert np.allclose(ball.get_center(), expected)


def test_the_saturated_start_stalls_far_from_the_minimum(lesson_data):
    data = lesson_data("plateaus")
    stall = data.run("plateau")
    (minimum,) = [p.x for p in data.analysis.critical_points if p.kind == "min"]
    assert minimum == pytest.approx(np.log(9) / 2)  # σ(2x) = 0.9  ⇔  x = ln(9)/2
    assert stall.outcome == "stalled"
    assert abs(stall.final_x - minimum) > 0.5 * (data.analysis.domain[1] - data.analysis.domain[0])
    assert abs(stall.slopes[-1]) < data.analysis.landscape.slope_threshold
    assert any(p.contains(stall.final_x) for p in data.analysis.plateaus)


def test_the_steep_start_converges_to_the_minimum(lesson_data):
    data = lesson_data("plateaus")
    steep = data.run("slope")
    assert steep.outcome == "converged"
    assert steep.final_x == pytest.approx(np.log(9) / 2, abs=1e-6)


def test_sigmoid_chain_is_exact(lesson_data):
    chain = lesson_data("plateaus").extra.chain
    assert [(c.depth, c.bound) for c in chain] == [(1, sp.Rational(1, 4)), (2, sp.Rational(1, 16)),
                                                    (5, sp.Rational(1, 1024)), (10, sp.Rational(1, 1048576))]


def test_scene_text_stays_in_frame(built_scene):
    _, problems = built_scene("plateaus")
    assert_layout_ok(problems)


def test_a_function_without_plateau_draws_the_sigmoid_loss_and_says_why(run_scene, lesson_data):
    data = lesson_data("plateaus", function="x^4 - 2x^2", domain=(-2, 2))
    assert data.substitute == "no_plateau" and data.analysis.function.text == "(sigmoid(2x) - 0.9)^2"
    assert data.say("substitute").text("en") == ("f has no plateau on this domain; here is the loss of a saturated "
                                                 "sigmoid neuron.")
    assert data.run("plateau").outcome == "stalled"
    _, problems = run_scene(PlateausScene, data)
    assert_layout_ok(problems)


def test_a_function_with_a_plateau_is_drawn_itself(lesson_data):
    data = lesson_data("plateaus", function="(x+2)^2*(x-1)^3", domain=(-3, 2))
    assert data.substitute is None and data.analysis.function.text == "(x+2)^2*(x-1)^3"
    stall, slope = data.run("plateau"), data.run("slope")
    assert stall.outcome == "stalled" and abs(stall.final_x - 1) < 0.05  # the flat inflection at x = 1
    assert slope.outcome == "converged" and slope.final_x == pytest.approx(-0.8, abs=0.01)  # f' = 0 at −4/5
