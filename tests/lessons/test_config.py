import pytest

from lessons.config import ConfigError, override_name, with_overrides
from sections import ALL_SLUGS, SLUGS, SectionError, context, load_lesson, parse_lesson, plan_section


def test_default_lesson_has_every_section_in_order():
    lesson = load_lesson()
    assert lesson.slug == "aero_llm_14_derivatives_find_minima" and lesson.language == "vi"
    assert [slug for slug, _ in lesson.params] == list(ALL_SLUGS)  # every section's table may be given
    assert context(lesson).slugs == SLUGS  # five: the section beyond one variable needs a surface
    assert plan_section(lesson, "minima_vs_maxima").stem == "02_minima_vs_maxima"
    assert lesson.params_of("plateaus").fallback.function == "(sigmoid(2x) - 0.9)^2"
    assert lesson.function == "x^4/4 - x^3/3 - x^2 + 1"


def test_default_function_is_a_tilted_double_well():
    points = plan_section(load_lesson(), "critical_points").analysis.critical_points
    assert [(p.exact, p.kind, p.y_exact) for p in points] == [("-1", "min", "7/12"), ("0", "max", "1"),
                                                               ("2", "min", "-5/3")]


@pytest.mark.parametrize("data, needle", [
    ({"lesson": "x", "function": "x", "domain": [0, 1], "colour": 1}, "unknown key 'colour'"),
    ({"lesson": "x", "function": "x", "domain": [0]}, "domain must be two numbers"),
    ({"lesson": "a b", "function": "x", "domain": [0, 1]}, "'lesson' must be a name"),
    ({"lesson": "x" * 101, "function": "x", "domain": [0, 1]}, "'lesson' must be a name of at most 100"),
    ({"lesson": "x", "domain": [0, 1]}, "'function'"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "language": "fr"}, "language must be one of"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "sections": {"intro": {}}}, "unknown section 'intro'"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "sections": {"plateaus": {"steps": 1.5}}},
     "steps must be a whole number"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "sections": {"gradient_descent": {"learning_rates": []}}},
     "non-empty list"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "sections": {"plateaus": {"start_left": 1.0}}},
     "unknown key 'start_left' \\(it belongs to \\[sections.gradient_descent\\]\\)"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "sections": {"plateaus": {"fallback": {"domain": [0, 1]}}}},
     "'function' is required"),
])
def test_config_mistakes_name_the_key(data, needle):
    with pytest.raises(ConfigError, match=needle):
        parse_lesson(data, "lesson.toml")


def test_overrides_set_the_lesson_function_and_its_own_folder():
    lesson = with_overrides(load_lesson(), "x^2", (-1.0, 1.0), "en")
    assert (lesson.language, lesson.function, lesson.domain) == ("en", "x^2", (-1.0, 1.0))
    assert lesson.slug.startswith("aero_llm_14_derivatives_find_minima--x-2-on--1-1-")
    assert lesson.slug != with_overrides(load_lesson(), "x^2", (-1.0, 2.0)).slug
    long = override_name("l" * 100, "x^2 + " * 50 + "1", (-1, 1))
    assert len(long) <= 100 and long.startswith("l") and "--" in long


def test_a_function_with_no_critical_point_is_a_lesson_too():
    """exp(x): f′ = eˣ > 0 is never 0, said as such; the sign chart is one + interval."""
    lesson = with_overrides(load_lesson(), "exp(x)", (-1.0, 1.0), "en")
    plan = plan_section(lesson, "critical_points")
    assert not plan.has("candidates")
    assert plan.say("none").text("en") == "f′(x) > 0 on all of (−1, 1): f′ is never 0, so f has no critical point."


def test_an_explicit_section_function_that_cannot_show_the_idea_is_refused():
    """The message names the function as the lesson file gives it, and where to change it; no section slug
    of the code's own."""
    lesson = parse_lesson({"lesson": "x", "function": "x^2", "domain": [-1, 1],
                           "sections": {"gradient_descent": {"function": "exp(-x^2)", "domain": [-2, 2]}}}, "t.toml")
    with pytest.raises(SectionError, match="^exp\\(-x\\^2\\) on \\[-2, 2\\] cannot show gradient descent: it has no "
                                           "local minimum to reach; choose another function in "
                                           "\\[sections.gradient_descent\\], or remove it to draw the lesson's$"):
        plan_section(lesson, "gradient_descent")


def test_bad_descent_parameter_is_reported_with_its_section():
    lesson = parse_lesson({"lesson": "x", "function": "x^2", "domain": [-1, 1],
                           "sections": {"plateaus": {"function": "1 - exp(-x^2)", "domain": [-6, 6],
                                                     "lr": -1.0}}}, "t.toml")
    with pytest.raises(Exception, match="^\\[sections.plateaus\\]: the learning rate .*; change it in the lesson file$"):
        plan_section(lesson, "plateaus")
