import pytest

from lessons.config import SECTION_SLUGS, ConfigError, load_lesson, parse_lesson, with_overrides
from lessons.data import SectionError, section_data


def test_default_lesson_has_every_section_in_order():
    lesson = load_lesson()
    assert lesson.slug == "aero_llm_14_derivatives_find_minima" and lesson.language == "vi"
    assert [s.slug for s in lesson.sections] == list(SECTION_SLUGS)
    assert [s.stem for s in lesson.sections][:2] == ["01_critical_points", "02_minima_vs_maxima"]
    assert lesson.section("plateaus").function == "(sigmoid(2x) - 0.9)^2"
    assert lesson.section("critical_points").function == "x^4/4 - x^3/3 - x^2 + 1"


def test_default_function_is_a_tilted_double_well():
    data = section_data(load_lesson(), "critical_points")
    points = data.analysis.critical_points
    assert [(p.exact, p.kind, p.y_exact) for p in points] == [("-1", "min", "7/12"), ("0", "max", "1"),
                                                               ("2", "min", "-5/3")]


@pytest.mark.parametrize("data, needle", [
    ({"lesson": "x", "function": "x", "domain": [0, 1], "colour": 1}, "unknown key 'colour'"),
    ({"lesson": "x", "function": "x", "domain": [0]}, "domain must be two numbers"),
    ({"lesson": "a b", "function": "x", "domain": [0, 1]}, "'lesson' must be a slug"),
    ({"lesson": "x", "domain": [0, 1]}, "'function'"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "language": "fr"}, "language must be one of"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "sections": {"intro": {}}}, "unknown section 'intro'"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "sections": {"plateaus": {"steps": 1.5}}},
     "steps must be a whole number"),
    ({"lesson": "x", "function": "x", "domain": [0, 1], "sections": {"gradient_descent": {"learning_rates": []}}},
     "non-empty list"),
])
def test_config_mistakes_name_the_key(data, needle):
    with pytest.raises(ConfigError, match=needle):
        parse_lesson(data, "lesson.toml")


def test_overrides_apply_to_every_section():
    lesson = with_overrides(load_lesson(), "x^2", (-1.0, 1.0), "en")
    assert lesson.language == "en"
    assert {(s.function, s.domain) for s in lesson.sections} == {("x^2", (-1.0, 1.0))}


def test_section_problems_name_the_section():
    lesson = with_overrides(load_lesson(), "exp(x)", (-1.0, 1.0))
    with pytest.raises(SectionError, match="section critical_points: exp\\(x\\) has no critical point"):
        section_data(lesson, "critical_points")
    with pytest.raises(SectionError, match="no local minimum"):
        section_data(lesson, "gradient_descent")


def test_bad_descent_parameter_is_reported_with_its_section():
    lesson = load_lesson()
    lesson = parse_lesson({"lesson": "x", "function": "x^2", "domain": [-1, 1],
                           "sections": {"plateaus": {"lr": -1.0}}}, "t.toml")
    with pytest.raises(Exception, match="section plateaus: the learning rate"):
        section_data(lesson, "plateaus")
