from lessons.config import load_lesson, parse_lesson
from pipeline.keys import section_key


def keys(lesson, quality="low"):
    return {s.slug: section_key(lesson, s.slug, quality) for s in lesson.sections}


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
    data["sections"]["plateaus"]["sigmoid_depths"] = [3]
    again = keys(parse_lesson(data, "a"))
    assert {slug for slug in base if changed[slug] != again[slug]} == {"plateaus"}
