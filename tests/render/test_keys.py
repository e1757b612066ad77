from lessons.config import load_lesson, parse_lesson
from lessons.sections import SLUGS, dependencies
from pipeline.keys import section_key


def keys(lesson, quality="low"):
    return {slug: section_key(lesson, slug, quality) for slug in SLUGS}


def test_dependencies_come_from_the_specs():
    assert dependencies("conclusion") == ("plateaus", "gradient_descent")
    assert dependencies("gradient_descent") == ("plateaus",) and dependencies("critical_points") == ()


def test_keys_are_stable_and_depend_on_quality():
    lesson = load_lesson()
    assert keys(lesson) == keys(lesson)
    assert keys(lesson, "low")["critical_points"] != keys(lesson, "high")["critical_points"]


def test_a_plateau_run_change_reaches_the_sections_that_replay_it():
    import tomllib
    from lessons.config import DEFAULT_LESSON

    data = tomllib.loads(DEFAULT_LESSON.read_text(encoding="utf-8"))
    base = keys(parse_lesson(data, "a"))
    data["sections"]["plateaus"]["lr"] = 2.0
    changed = keys(parse_lesson(data, "a"))
    differs = {slug for slug in base if base[slug] != changed[slug]}
    assert differs == {"plateaus", "gradient_descent", "conclusion"}
    data["sections"]["critical_points"]["counterexample"] = "x^5"
    again = keys(parse_lesson(data, "a"))
    assert {slug for slug in base if changed[slug] != again[slug]} == {"critical_points"}
    data["function"] = "x^2"
    assert all(v != again[k] for k, v in keys(parse_lesson(data, "a")).items())
