"""A line of f′(x) = 0 solved, written three ways from the same sympy forms: captions, voice, Typst."""

import json

import sympy as sp

from lessons.formulas import plain_equations, spoken_equations, typst_items
from mathcore.parse import X
from mathcore.solve import K
from sections import plan_from_record

FAMILIES = sp.Tuple(sp.Tuple(X, sp.pi / 6 + 2 * K * sp.pi), sp.Tuple(X, 5 * sp.pi / 6 + 2 * K * sp.pi))


def test_a_family_is_written_as_each_class_writes_it():
    assert plain_equations(FAMILIES, "vi") == "x = π/6 + k2π hoặc x = 5π/6 + k2π (k ∈ ℤ)"
    assert plain_equations(FAMILIES, "en") == "x = π/6 + 2kπ or x = 5π/6 + 2kπ (k ∈ ℤ)"
    assert spoken_equations(FAMILIES, "vi") == \
        "x bằng pi trên 6 cộng k nhân 2 pi hoặc x bằng 5 pi trên 6 cộng k nhân 2 pi, k nguyên"
    items, tail = typst_items(FAMILIES, "vi")
    assert items == ["x = frac(pi, 6) + k 2 pi", "x = frac(5 pi, 6) + k 2 pi"] and tail == " quad (k in ZZ)"


def test_a_product_an_exponential_and_no_solution():
    assert plain_equations(sp.Tuple(sp.Tuple(3 * X * (X - 2), 0)), "vi") == "3x(x − 2) = 0"
    assert spoken_equations(sp.Tuple(sp.Tuple(3 * X * (X - 2), 0)), "en") == "3 times x times x minus 2 equals 0"
    assert plain_equations(sp.Tuple(sp.Tuple(sp.exp(X), 2)), "en") == "eˣ = 2"
    assert plain_equations(sp.Tuple(), "vi") == "vô nghiệm"


def test_the_solutions_inside_the_domain_as_a_set():
    inside = sp.Tuple(sp.Tuple(X, sp.pi / 6), sp.Tuple(X, 5 * sp.pi / 6))
    assert plain_equations(inside, "vi", members=True) == "x ∈ {π/6; 5π/6}"
    assert spoken_equations(inside, "en", members=True) == "x equals pi over 6 or 5 pi over 6"


def test_a_statement_with_a_line_travels_in_a_plan_record(lesson_data):
    plan = lesson_data("critical_points", function="x + 2cos(x)", domain=(0, 6.5))
    back = plan_from_record(json.loads(json.dumps(plan.to_record())))
    assert back.say("step.2") == plan.say("step.2")
    assert back.say("step.2").text("vi") == "Suy ra x = π/6 + k2π hoặc x = 5π/6 + k2π (k ∈ ℤ)"
