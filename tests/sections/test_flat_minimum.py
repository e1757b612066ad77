"""relu(x − 2) + relu(−x) on [−2, 4], constant at its lowest level on [0, 2], taught truthfully in every
section: f′ = 0 on (0; 2), the whole of [0; 2] a minimum, descent into it converging; or the section's own
function with that reason."""

import pytest

from lessons.config import with_overrides
from sections import SLUGS, context, load_lesson

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not

FLAT = ("relu(x-2) + relu(-x)", (-2.0, 4.0))


def plans():
    planning = context(with_overrides(load_lesson(), *FLAT))
    return {slug: planning.plan(slug) for slug in SLUGS}


def test_section_one_says_f_prime_is_zero_on_the_whole_open_interval():
    plan = plans()["critical_points"]
    assert plan.say("flat.0").text("en") == "On all of (0, 2) the tangent is horizontal: f′ = 0 at every point."
    assert [plan.say(f"point.{i}").key for i in (0, 1)] == ["cp.kink_here", "cp.kink_here"]  # ∄ at 0 and 2


def test_section_two_calls_every_point_of_zero_to_two_a_minimum():
    plan = plans()["minima_vs_maxima"]
    assert plan.say("verdict_flat.0").text("vi") == "Mọi x ∈ [0; 2]: cực tiểu không chặt (đáy phẳng)"
    assert plan.say("rule_flat.0").text("en") == "− then 0 then +  ⇒  flat minimum, not strict"
    assert not plan.has("verdict.0") and not plan.has("verdict.1")  # the ends are examined with it, as a whole
    assert plan.say("chart").key == "mm.chart_flat"
    assert plan.say("lowest").text("en") == "On [−2, 4] the lowest value is f = 0, on the whole flat minimum [0, 2]."


def test_section_four_draws_it_and_its_runs_converge_into_the_flat_bottom():
    plan = plans()["gradient_descent"]
    assert plan.substitute is None and plan.analysis.function.text == FLAT[0]
    for role in ("from_left", "from_right", "lr_good"):
        run = plan.run(role)
        assert run.outcome == "converged" and 0.0 <= run.final_x <= 2.0
    assert plan.say("result").text("en").startswith("Converged into the flat minimum [0, 2] in ")
    assert plan.run("lr_large").outcome == "oscillating"  # jumps over the whole bottom


def test_section_three_draws_its_own_loss_and_says_the_flat_piece_is_a_minimum_not_a_plateau():
    plan = plans()["plateaus"]
    assert plan.substitute == "no_plateau" and plan.say("substitute").key == "pl.sub.flat_minimum"


def test_every_statement_of_every_section_is_free_of_the_old_falsehoods():
    for plan in plans().values():
        for _, statement in plan.statements:
            text = statement.text("en")
            assert "no local minimum" not in text and "no extremum inside" not in text
            assert "f has no minimum" not in text


def test_the_flat_minimum_is_said_without_brackets():
    from lessons.speech import speak

    found = plans()
    assert speak(found["critical_points"].say("flat.0"), "vi") == (
        "Trên cả khoảng từ 0 đến 2, tiếp tuyến nằm ngang: f phẩy bằng 0 tại mọi điểm.")
    assert speak(found["minima_vs_maxima"].say("verdict_flat.0"), "en") == "Every x from 0 to 2: a minimum, not strict, a flat minimum"
    assert "[" not in speak(found["plateaus"].say("substitute"), "vi")
