"""The words a teacher chooses where textbooks differ (a lesson file's [terms]): strict or non-strict extrema,
and the slope's Vietnamese name."""

from __future__ import annotations

import dataclasses

import pytest

from lessons.config import ConfigError, parse_terms, with_overrides
from lessons.terms import Terms
from sections import SECTIONS, LessonContext, load_lesson


def lesson(function: str, domain: tuple[float, float], language: str = "vi", **terms) -> LessonContext:
    chosen = dataclasses.replace(with_overrides(load_lesson(), function, domain, language), terms=Terms(**terms))
    return LessonContext(chosen, SECTIONS)  # planned strictly: a false claim would raise


def written(plan, name: str, language: str = "vi") -> str:
    return plan.terms.apply(plan.say(name)).board_text(language).replace("\xa0", " ")


def test_a_lesson_file_chooses_its_terms_in_one_line_or_is_told_why(tmp_path):
    path = tmp_path / "l.toml"
    path.write_text('lesson = "t"\nfunction = "x^2"\ndomain = [-1, 1]\n[terms]\nextrema = "strict"\n'
                    'slope = "hệ số góc"\n', encoding="utf-8")
    assert load_lesson(path).terms == Terms(extrema="strict", slope="hệ số góc")
    assert load_lesson().terms == Terms()  # the default lesson: non-strict, "độ dốc"
    for table, message in [({"extrema": "loose"}, 'x.toml: [terms]: extrema must be "non-strict" or "strict"'),
                           ({"slope": "dốc"}, 'x.toml: [terms]: slope must be "độ dốc" or "hệ số góc"'),
                           ({"words": 1}, "x.toml: [terms]: unknown key 'words': choose from extrema, slope")]:
        with pytest.raises(ConfigError) as raised:
            parse_terms(table, "x.toml")
        assert str(raised.value) == message


def test_every_point_of_a_flat_bottom_is_a_non_strict_minimum_by_default():
    """relu(x² − 1) on [−2; 2]: f = 0 on [−1; 1] (derived by hand), f′ = −2 left of −1 and 2 right of 1."""
    context = lesson("relu(x^2 - 1)", (-2.0, 2.0))
    plan = context.plan("minima_vs_maxima")
    assert written(plan, "verdict_flat.0") == "Mọi x ∈ [−1; 1]: cực tiểu không chặt (đáy phẳng)"
    assert written(plan, "rule_flat.0") == "− rồi 0 rồi +  ⇒  đáy phẳng: cực tiểu không chặt"
    ends = [p for p in plan.analysis.critical_points if abs(p.x) == 1]
    assert [plan.terms.kind_key(p) for p in ends] == ["kind.min_loose"] * 2  # the markers' labels at ±1
    spoken = [plan.say(name).text("vi") for name, _ in plan.statements]
    assert not any(t.endswith("cực tiểu") or "cực tiểu (" in t for t in spoken)


def test_strict_extrema_call_a_flat_bottom_no_minimum_and_say_where_f_is_lowest():
    context = lesson("relu(x^2 - 1)", (-2.0, 2.0), extrema="strict")
    plan = context.plan("minima_vs_maxima")
    assert written(plan, "verdict_flat.0") == "Trên cả [−1; 1], f nhỏ nhất quanh đó: không có cực tiểu chặt"
    assert written(plan, "rule_flat.0") == "− rồi 0 rồi +  ⇒  đáy phẳng, không có cực tiểu chặt"
    assert written(plan, "verdict_flat.0", "en") == "On all of [−1, 1] f is lowest around: no strict minimum"
    assert {plan.terms.kind_key(p) for p in plan.analysis.critical_points if abs(p.x) == 1} == {"kind.not_strict"}
    assert "không chặt" not in " ".join(plan.say(name).text("vi") for name, _ in plan.statements)
    # a strict minimum stays one: x⁴ − 2x² at ±1
    other = lesson("x^4 - 2x^2", (-2.0, 2.0), extrema="strict").plan("minima_vs_maxima")
    assert {other.terms.kind_key(p) for p in other.analysis.critical_points} == {"kind.min", "kind.max"}


def test_the_slope_is_called_as_the_teacher_chooses_in_every_sentence_and_label():
    plan = lesson("relu(x^2 - 1)", (-2.0, 2.0), slope="hệ số góc").plan("critical_points")
    assert written(plan, "tangent") == "Tiếp tuyến trượt dọc đồ thị; hệ số góc của nó là f′(x)."
    assert written(plan, "point.0") == "Điểm gãy tại x = −1: hệ số góc bên trái −2, bên phải 0; f′ không tồn tại"
    assert plan.terms.apply(plan.say("tangent")).spoken_template("vi").count("hệ số góc") == 1
    assert written(plan, "tangent", "en") == plan.say("tangent").board_text("en")  # English keeps "slope"
    assert plan.terms.word("Độ dốc lớn nhất", "vi") == "Hệ số góc lớn nhất"
