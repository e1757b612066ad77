"""mathcore.generate: the surfaces f(x, y) `render.py verify --surfaces` draws are what a teacher types, the same
for a seed, and each on a usable box."""

from __future__ import annotations

import math
from collections import Counter

import sympy as sp

from mathcore.generate import GeneratedSurface, generate, generate_surfaces
from mathcore.parse import X, Y, parse_function

SAMPLE = generate_surfaces(600, 7)


def test_a_seed_gives_the_same_surfaces_and_another_seed_others():
    assert generate_surfaces(50, 7) == SAMPLE[:50]
    assert generate_surfaces(50, 8) != SAMPLE[:50]
    assert all(isinstance(case, GeneratedSurface) for case in SAMPLE)


def test_surfaces_are_a_stream_of_their_own_beside_the_functions():
    """Adding --surfaces to a run does not change which functions --corpus checks, nor the other way round."""
    assert [case.function for case in generate(20, 7)] == [case.function for case in generate(20, 7)]
    assert {case.function for case in generate_surfaces(20, 7)}.isdisjoint(case.function for case in generate(20, 7))


def test_every_surface_parses_as_a_function_of_x_and_y():
    for case in SAMPLE:
        expr = parse_function(case.function, two_variables=True)
        assert expr.free_symbols <= {X, Y} and expr.free_symbols, case


def test_every_surface_depends_on_both_variables():
    both = sum(parse_function(case.function, two_variables=True).free_symbols == {X, Y} for case in SAMPLE)
    assert both == len(SAMPLE)


def test_every_box_is_finite_ordered_and_a_few_units_wide():
    for case in SAMPLE:
        (a, b), (c, d) = case.box
        assert all(math.isfinite(v) for v in (a, b, c, d)), case
        assert 0.5 <= b - a <= 10 and 0.5 <= d - c <= 10, case
        assert all(2 * v == int(2 * v) for v in (a, b, c, d)), case  # ends on halves, as a teacher writes them


def test_the_grammar_draws_every_family_and_the_textbook_shapes():
    families = Counter(case.family for case in SAMPLE)
    assert set(families) == {"textbook", "polynomial", "lifted", "separable", "quadratic", "bump", "loss"}
    assert min(families.values()) >= 10
    typed = {case.function for case in SAMPLE}
    for shape in ("x^2 - y^2", "xy", "x^3 - 3xy^2", "x^4 + y^4", "x y exp(-x^2 - y^2)", "(y - x^2)(y - 2x^2)"):
        assert shape in typed, shape
    assert any(t.startswith("(x^2 - 1)^2 + ") and t.endswith("y^2") for t in typed)


def test_a_lifted_surface_is_a_generated_function_of_x_plus_a_term_in_y():
    """f(x) ± ky² keeps f's box along x: the one-variable grammar's function, lifted."""
    lifted = [case for case in SAMPLE if case.family == "lifted"]
    assert lifted
    for case in lifted:
        expr = parse_function(case.function, two_variables=True)
        in_y = sum(term for term in sp.Add.make_args(sp.expand(expr)) if term.has(Y))
        rest = sp.simplify(expr - in_y)
        assert not rest.has(Y) and rest.has(X), case
        assert sp.simplify(in_y.diff(X)) == 0, case


def test_variables_written_together_are_drawn_as_a_teacher_writes_them():
    """xy, x^2y, xy^2 and x y all occur, so the parser's reading of each is part of what verify checks."""
    typed = " ".join(case.function for case in SAMPLE)
    for spelling in ("xy", "x^2y", "xy^2", "x y", "x*y"):
        assert spelling in typed, spelling
