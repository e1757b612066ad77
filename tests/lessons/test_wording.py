"""The lesson's wording as the course writes it (issue 23, item 9), in both languages."""

from lessons.config import with_overrides
from sections import context, load_lesson


def plan_of(slug, function=None, domain=None):
    return context(with_overrides(load_lesson(), function, domain)).plan(slug)


def test_the_counterexample_and_its_reason_are_said_plainly():
    plan = plan_of("critical_points")
    # the counterexample is another function, g: the lesson's own f may well have an extremum at 0
    assert plan.say("counter").text("en") == "At x = 0, g′ = 0 but g′ keeps its sign, so it is not an extremum of g."
    assert plan.say("counter").text("vi") == "Tại x = 0, g′ = 0 nhưng g′ không đổi dấu, nên không phải cực trị của g."
    from sections.critical_points.text import TEXT
    assert (TEXT.text("cp.counter_title", "vi"), TEXT.text("cp.counter_title", "en")) == ("Phản ví dụ",
                                                                                         "Counterexample")


def test_two_flat_non_extrema_are_named_together():
    # f′ = x⁴ − 2x² + 1 = (x² − 1)² ≥ 0: flat at ±1 and rising on both sides of each
    plan = plan_of("critical_points", "x^5/5 - 2x^3/3 + x", (-2.0, 2.0))
    assert plan.say("counter").text("vi") == "Tại x = ±1, f′ = 0 nhưng f′ không đổi dấu, nên không phải cực trị."


def test_descent_directions_and_the_closing_line():
    plan = plan_of("gradient_descent")
    assert plan.say("from_left").text("en") == "f′ < 0: the step goes right (x increases)"
    assert plan.say("from_right").text("en") == "f′ > 0: the step goes left (x decreases)"
    closing = plan_of("conclusion").say("closing").text("vi")
    assert "nhận biết vùng phẳng là nền tảng để hiểu các kỹ thuật tối ưu" in closing


def test_a_substitution_on_f_says_voi_ham_f():
    from sections.plateaus.text import TEXT
    assert TEXT.text("pl.sub.no_slope", "vi", what="x").startswith("Với hàm f, ")
    assert TEXT.text("pl.sub.no_stall", "vi", what="x").startswith("Với hàm f, ")



def test_the_members_of_a_set_are_written_bare_and_read_as_a_list():
    """D = [−3; 3] \\ {−1; 1}: a set's members without 'x =' (never ±1: that is no member), with the list
    separator of each language, read out with 'và'/'and'."""
    import sympy as sp

    from lessons.speech import spoken_value
    from lessons.text import Exact, Members, resolve

    members = Members((Exact(-1.0, sp.Integer(-1)), Exact(1.0, sp.Integer(1))))
    assert resolve(members, "vi") == "−1; 1" and resolve(members, "en") == "−1, 1"
    assert spoken_value(members, "vi") == "âm 1 và 1" and spoken_value(members, "en") == "minus 1 and 1"
    assert resolve(Members((Exact(1.0, sp.Integer(1)),)), "vi") == "1"
