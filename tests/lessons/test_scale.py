"""Which critical points are too small for the graph's scale, and the window of the zoomed view that shows
each (lessons.scale): decided once, in the plan, drawn by the scenes."""

from __future__ import annotations

import json

import pytest

from lessons.scale import SMALL_SHARE, Zoom, fit_y_range, zooms
from lessons.section_plan import SectionPlan
from sections import context, load_lesson
from sections.planning import analysis_of
from tests.lessons.corpus import CORPUS

QUINTIC = ("x**5 - 5*x**4 + 5*x**3", (-1.0, 4.0))
END = 0.0632455532  # -x² on [-2, END]: its maximum at 0 lies 0.004 above the value at the end


def test_the_quintics_maximum_one_above_the_flat_point_beside_it_is_too_small():
    analysis = analysis_of(*QUINTIC)
    assert fit_y_range(analysis) == (-27.0, 64.0)
    (zoom,) = zooms(analysis)
    assert (zoom.x, zoom.neighbour, zoom.height) == (1.0, 0.0, 1.0)  # f(1) = 1 beside f(0) = 0: 1.1 % of 91
    assert zoom.x_range == (-0.5, 1.5) and zoom.y_range == (-0.5, 1.5)


def test_the_window_shows_the_point_and_its_neighbour_with_the_difference_half_its_height():
    for zoom in zooms(analysis_of(*QUINTIC)) + zooms(analysis_of("-x**2", (-2.0, END))):
        lo, hi = zoom.x_range
        assert lo <= min(zoom.x, zoom.neighbour) and max(zoom.x, zoom.neighbour) <= hi
        bottom, top = zoom.y_range
        assert zoom.height / (top - bottom) == pytest.approx(0.5)


def test_the_default_lesson_has_nothing_too_small():
    assert zooms(analysis_of("x**4 - 2*x**2", (-2.0, 2.0))) == ()


def test_a_maximum_0_004_above_the_domains_end_value_is_too_small():
    analysis = analysis_of("-x**2", (-2.0, END))
    assert analysis.function.value(0.0) - analysis.function.value(END) == pytest.approx(0.004)
    (zoom,) = zooms(analysis)
    assert zoom.x == 0.0 and zoom.neighbour == END  # the end beside it, not the far end at -2 (4 below)
    assert zoom.height == pytest.approx(0.004)
    assert zoom.x_range == pytest.approx((-END / 2, END))  # never past the domain's end
    assert zoom.y_range == pytest.approx((-0.006, 0.002))


def test_the_rule_is_2_percent_of_the_y_range_drawn():
    analysis = analysis_of(*QUINTIC)
    assert SMALL_SHARE == 0.02
    assert [z.x for z in zooms(analysis, (0.0, 1.0 / 0.0199))] == [1.0]  # the difference 1 is 1.99 % of it
    assert zooms(analysis, (0.0, 1.0 / 0.0201)) == ()  # 2.01 %: seen


def test_a_flat_minimum_is_no_difference_and_the_other_side_decides():
    assert zooms(analysis_of("relu(x)", (-2.0, 2.0))) == ()  # f ≡ 0 on [-2, 0]: drawn as the flat piece it is


@pytest.mark.parametrize("function, domain", [c for c in CORPUS if c[0] != "x^5 - 5x^4 + 5x^3"])
def test_no_other_corpus_function_has_a_point_too_small(function, domain):
    assert zooms(analysis_of(function, domain)) == ()


def test_a_zoom_comes_back_from_its_record():
    zoom = Zoom(1.0, 0.0, 1.0, (-0.5, 1.5), (-0.5, 1.5))
    assert Zoom.from_record(json.loads(json.dumps(zoom.to_record()))) == zoom


def test_the_plans_that_name_points_carry_the_zoom_and_bring_it_back_from_their_record():
    from dataclasses import replace

    from lessons.config import with_overrides

    planning = context(with_overrides(load_lesson(), QUINTIC[0], QUINTIC[1]))
    for slug in ("critical_points", "minima_vs_maxima"):
        plan = planning.plan(slug)
        assert [z.x for z in plan.zooms] == [1.0]
        assert plan.zoom(1.0) == plan.zooms[0] and plan.zoom(0.0) is None
        back = SectionPlan.from_record(json.loads(json.dumps(plan.to_record())))
        assert back.zooms == plan.zooms and back == replace(plan, statements=back.statements)
    assert context(load_lesson()).plan("critical_points").zooms == ()
