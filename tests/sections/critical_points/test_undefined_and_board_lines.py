"""Section 1 says what its board and graph show: where f is undefined (the domain as a class writes it, a
pole's asymptote named x = …, a hole no asymptote), every root a sign change brackets and then all of them
together, and, where f′ = 0 is not one equation, where f′ = 0 and where f′ is undefined, each on its own cue."""

import pytest

from lessons.speech import speak
from mathcore import claims
from sections.critical_points.scene import CriticalPointsScene
from sections.planning import false_claims
from tests.helpers import assert_layout_ok


def names(plan) -> list[str]:
    return [name for name, _ in plan.statements]


def test_a_pole_is_stated_as_the_domain_without_it_and_its_asymptote_before_the_tangent_slides(lesson_data):
    plan = lesson_data("critical_points", function="(x^2 - 2x + 2)/(x - 1)", domain=(-2, 4))
    assert names(plan)[:3] == ["domain", "asymptote", "tangent"]
    domain, asymptote = plan.say("domain"), plan.say("asymptote")
    assert domain.text("vi") == "f không xác định tại x = 1: tập xác định D = [−2; 4] \\ {1}."
    assert domain.board_text("vi") == "Tập xác định: D = [−2; 4] \\ {1}"
    assert domain.text("en") == "f is undefined at x = 1: its domain is D = [−2, 4] \\ {1}."
    assert speak(domain, "vi").endswith("tập xác định D là đoạn từ âm 2 đến 4, bỏ đi 1.")
    assert [type(c) for c in domain.claims] == [claims.Undefined] and domain.claims[0].x == 1.0
    assert asymptote.text("vi") == "Đường thẳng x = 1 là tiệm cận đứng: gần đó, |f(x)| lớn tùy ý."
    assert {(c.kind, c.x) for c in asymptote.claims} == {("min", 1.0), ("max", 1.0)}  # −∞ left, +∞ right
    assert false_claims(plan) == ()


def test_the_domain_survives_the_plan_record(lesson_data):
    """The plan crosses to the worker as its record: the set's members come back as themselves."""
    from sections import plan_from_record

    plan = lesson_data("critical_points", function="1/(x^2 - 1)", domain=(-3, 3))
    back = plan_from_record(plan.to_record())
    assert back.say("domain") == plan.say("domain")
    assert back.say("domain").board_text("vi") == "Tập xác định: D = [−3; 3] \\ {−1; 1}"
    assert back.say("asymptote").text("vi").startswith("Các đường thẳng x = ±1 là tiệm cận đứng")
    assert false_claims(plan) == ()


def test_another_pole_in_english(lesson_data):
    plan = lesson_data("critical_points", function="1/(x-1) + x", domain=(-3, 3), language="en")
    assert plan.say("domain").text("en") == "f is undefined at x = 1: its domain is D = [−3, 3] \\ {1}."
    assert plan.say("asymptote").text("en") == ("The line x = 1 is a vertical asymptote: near it, |f(x)| grows "
                                                "without bound.")
    assert false_claims(plan) == ()


def test_a_hole_is_undefined_and_no_asymptote(lesson_data):
    plan = lesson_data("critical_points", function="sin(x)/x", domain=(-6, 6))
    assert plan.say("domain").text("vi") == "f không xác định tại x = 0: tập xác định D = [−6; 6] \\ {0}."
    assert not plan.has("asymptote")
    assert not any("tiệm cận" in s.text("vi") or "asymptote" in s.text("en") for _, s in plan.statements)
    assert false_claims(plan) == ()


def test_a_false_domain_would_be_refused():
    """The claim the domain sentence makes is checked: f = (x² − 1)/(x − 1) is undefined at 1, not at 2."""
    from mathcore.verify import check

    subject = ("(x^2-1)/(x-1)", (-2.0, 3.0))
    assert check(claims.Undefined(*subject, x=1.0)) is None
    assert check(claims.Undefined(*subject, x=2.0)) is not None


def test_a_function_defined_everywhere_states_no_domain(lesson_data):
    plan = lesson_data("critical_points", function="x^3 - 3x", domain=(-2, 2))
    assert not plan.has("domain") and not plan.has("asymptote")


def test_every_root_a_sign_change_brackets_is_said_then_all_of_them_on_a_line_of_its_own(lesson_data):
    """cos 3x + x/2 on [−3; 3]: five roots solved numerically; only three were bracketed out loud and the line
    listing all five had no cue."""
    plan = lesson_data("critical_points", function="cos(3x) + x/2", domain=(-3, 3))
    assert plan.has("numeric")
    brackets = [name for name in names(plan) if name.startswith("bracket.")]
    assert len(brackets) == len(plan.analysis.critical_points) == 5
    summary = plan.say("numeric_set")
    assert summary.text("vi") == "Vậy f′(x) = 0 có 5 nghiệm trong (−3; 3): các điểm đã đánh dấu trên đồ thị."
    assert summary.text("en") == "So f′(x) = 0 has 5 solutions in (−3, 3): the points marked on the graph."
    assert any(isinstance(c, claims.CriticalSet) for c in summary.claims)
    assert false_claims(plan) == ()


def test_where_f_prime_is_zero_and_where_it_is_undefined_are_said_in_words(lesson_data):
    plan = lesson_data("critical_points", function="relu(x^2 - 1)", domain=(-2, 2))
    assert plan.say("zero.0").text("vi") == "f′(x) = 0 tại mọi x trong khoảng (−1; 1)"
    undefined = plan.say("undefined")
    assert undefined.text("vi") == "f′ không xác định tại x = ±1"
    assert undefined.text("en") == "f′ is undefined at x = ±1"
    assert speak(undefined, "vi") == "f phẩy không xác định tại x bằng cộng trừ 1"
    assert {c.tangent for c in undefined.claims if isinstance(c, claims.Tangent)} == {"kink"}
    assert not any("∄" in s.text(language) for _, s in plan.statements for language in ("vi", "en"))
    assert false_claims(plan) == ()


def test_a_kink_with_no_zero_says_f_prime_is_never_zero(lesson_data):
    plan = lesson_data("critical_points", function="abs(x)", domain=(-1, 2))
    assert plan.say("zero.0").text("vi") == "f′(x) = 0 vô nghiệm trên (−1; 2)"
    assert plan.say("undefined").text("en") == "f′ is undefined at x = 0"
    assert false_claims(plan) == ()


def test_a_point_and_a_flat_piece_where_f_prime_is_zero_are_said_one_after_the_other(lesson_data):
    """relu(x)² on [−2; 2]: f′ = 0 on (−2; 0) and at 0, where f turns smoothly upwards; one board line, two cues."""
    plan = lesson_data("critical_points", function="relu(x)^2", domain=(-2, 2))
    assert [plan.say(f"zero.{i}").text("vi") for i in (0, 1)] == [
        "f′(x) = 0 tại x = 0", "f′(x) = 0 tại mọi x trong khoảng (−2; 0)"]
    assert not plan.has("undefined") and false_claims(plan) == ()


def cue_ids(scene) -> list[str]:
    return [cue.id.split("+")[0] for cue in scene.cues]


@pytest.mark.slow  # builds scenes (no video)
def test_the_asymptote_is_labelled_on_the_graph_beside_its_line(run_scene, lesson_data):
    plan = lesson_data("critical_points", function="(x^2 - 2x + 2)/(x - 1)", domain=(-2, 4))
    scene, problems = run_scene(CriticalPointsScene, plan)
    assert_layout_ok(problems)
    (label,) = scene.asymptote_labels
    line = scene.graph.asymptotes[0]
    assert abs(label.get_center()[0] - line.get_center()[0]) < 0.2 + label.width / 2
    assert label in [m for beat in scene.beats if beat.ids[0] == "asymptote" for m in beat.shows][0]
    assert cue_ids(scene).index("domain") < cue_ids(scene).index("tangent")


@pytest.mark.slow
@pytest.mark.parametrize("function, domain, language", [("cos(3x) + x/2", (-3, 3), "vi"),
                                                        ("relu(x^2 - 1)", (-2, 2), "en"),
                                                        ("1/(x-1) + x", (-3, 3), "en"),
                                                        ("relu(x)^2", (-2, 2), "vi")])
def test_each_board_line_has_its_own_cue_and_fits(run_scene, lesson_data, function, domain, language):
    plan = lesson_data("critical_points", function=function, domain=domain, language=language)
    scene, problems = run_scene(CriticalPointsScene, plan)
    assert_layout_ok(problems)
    assert not scene.cue_problems
    said = set(cue_ids(scene))
    assert {name for name, _ in plan.statements if name.split(".")[0] in
            ("bracket", "numeric_set", "zero", "undefined", "domain", "asymptote")} <= said
