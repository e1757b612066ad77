"""Which critical points are too small for the graph's scale, and the window of the zoomed view that shows
each (lessons.scale): decided once, in the plan, drawn by the scenes."""

from __future__ import annotations

import json

import pytest

from lessons.scale import CORNER, ROUND_WIDTHS, SMALL_SHARE, TURN_SHARE, ZoomKind, fit_y_range, turn, zooms
from sections import context, load_lesson, plan_from_record
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


# a rounded bottom that looks like a kink ---------------------------------------------------------------------
ROUNDED = ("sqrt(x^2 + 0.0001)", (-2.0, 2.0))


def turn_of(function, domain, index=0):
    analysis = analysis_of(function, domain)
    return turn(analysis, analysis.critical_points[index], fit_y_range(analysis))


def test_a_bottom_rounded_within_0_3_percent_of_the_width_looks_like_a_kink_and_gets_a_window():
    """sqrt(x² + 0.0001) on [−2, 2], drawn from 0.01 to 2: its sides are ±2 (visual slopes f′·4/1.99 up to the
    domain's ends), and from half of one to half of the other between x = ±0.0058, a turn of 0.0115 (0.29 % of
    the width), where 2·(Y/X)/f″(0) with f″(0) = 100 gives 0.00995."""
    analysis = analysis_of(*ROUNDED)
    (point,) = analysis.critical_points
    assert point.differentiable and point.kind == "min" and point.second_derivative == pytest.approx(100.0)
    lo, hi = fit_y_range(analysis)
    bend = turn(analysis, point, (lo, hi))
    assert bend.left == pytest.approx(-2.01, abs=0.01) and bend.right == pytest.approx(2.01, abs=0.01)
    assert bend.right - bend.left >= CORNER
    assert bend.width == pytest.approx(0.01155, rel=1e-3) and bend.width < TURN_SHARE * 4.0
    assert bend.looks_like_a_kink(analysis.domain)
    d = bend.width / 2  # there the visual slope is half the side's
    assert analysis.function.slope(d) * 4.0 / (hi - lo) == pytest.approx(bend.right / 2, rel=1e-6)
    assert 2 * (hi - lo) / 4.0 / point.second_derivative == pytest.approx(0.00995, rel=1e-3)  # constant-f″ estimate
    (zoom,) = zooms(analysis)
    assert zoom.kind is ZoomKind.ROUNDED and zoom.x == 0.0 and zoom.neighbour is None and zoom.height is None
    assert zoom.x_range == pytest.approx((-ROUND_WIDTHS * bend.width, ROUND_WIDTHS * bend.width))
    assert zoom.y_range == pytest.approx((0.01, analysis.function.value(ROUND_WIDTHS * bend.width)))
    assert zoom.y_range[1] == pytest.approx(0.02517, rel=1e-3)


def test_on_its_window_the_rounded_bottom_is_no_corner():
    """The same measure on the window's own scale: its turn is wider than 10 % of the view (on the graph, 0.29 %),
    while the sides leaving it are steep, as on the graph."""
    analysis = analysis_of(*ROUNDED)
    (zoom,) = zooms(analysis)
    (x0, x1), (y0, y1) = zoom.x_range, zoom.y_range
    visual = (x1 - x0) / (y1 - y0)  # f′ as a slope on the view
    slope = analysis.function.slope
    assert slope(0.05 * (x1 - x0)) * visual < 1.0  # at ±5 % of its width the slope on the view is not yet ±1
    assert slope(x1) * visual > 2.5


@pytest.mark.parametrize("function, domain", [("x^2", (-2.0, 2.0)), ("x^4 - 2x^2", (-2.0, 2.0)),
                                              ("abs(x - 1) + 0.5x", (-1.0, 3.0))])
def test_a_parabola_a_double_well_and_a_real_kink_get_no_view(function, domain):
    """x² (a turn of 2, half the width) and x⁴ − 2x² (0.40 and 0.79) are plainly smooth; abs(x − 1) + 0.5x is not
    differentiable at 1: it is the kink it looks like."""
    assert zooms(analysis_of(function, domain)) == ()


def test_the_counter_examples_turns():
    assert turn_of("x^2", (-2.0, 2.0)).width == pytest.approx(2.0, rel=1e-6)  # from −2 to +2 over [−1, 1]
    double = analysis_of("x^4 - 2x^2", (-2.0, 2.0))
    widths = [turn(double, p, fit_y_range(double)).width for p in double.critical_points]
    assert widths == pytest.approx([0.787, 0.401, 0.787], abs=0.002)
    kink = analysis_of("abs(x - 1) + 0.5x", (-1.0, 3.0))
    (point,) = kink.critical_points
    assert not point.differentiable and turn(kink, point, fit_y_range(kink)) is None


def test_every_peak_of_sin_4x_turns_fast_but_its_sides_keep_bending():
    """sin(4x) on [−3, 3]: from −1 to +1 within 0.042 (0.7 % of the width: the f″ sketch would zoom into all
    eight), but its sides are ±12 at their steepest and their halves 0.26 apart: round, no view."""
    analysis = analysis_of("sin(4x)", (-3.0, 3.0))
    lo, hi = fit_y_range(analysis)
    peak = analysis.critical_points[1]
    assert 2 * (hi - lo) / 6.0 / abs(peak.second_derivative) == pytest.approx(0.0417, rel=1e-2)
    bend = turn(analysis, peak, (lo, hi))
    assert (bend.left, bend.right) == pytest.approx((-12.0, 12.0), rel=1e-3)
    assert bend.width == pytest.approx(0.2618, rel=1e-2) and not bend.looks_like_a_kink(analysis.domain)
    assert zooms(analysis) == ()
    assert zooms(analysis_of("exp(-x^2)", (-3.5, 3.5))) == ()


def test_a_maximum_rounded_as_sharply_looks_like_a_kink_too():
    (zoom,) = zooms(analysis_of("-sqrt(x^2 + 0.0001)", (-2.0, 2.0)))
    assert zoom.kind is ZoomKind.ROUNDED and zoom.y_range == pytest.approx((-0.02517, -0.01), rel=1e-3)


def test_a_smoothed_corner_with_unlike_sides_is_a_kink_to_the_eye():
    """sqrt((x − 1)² + 0.0001) + 0.5x on [−1, 3]: the smooth twin of the real kink, sides −2/3 and +2 (its
    visual slope never reaches −1), turning within 0.014 (0.35 % of the width)."""
    analysis = analysis_of("sqrt((x-1)^2 + 0.0001) + 0.5x", (-1.0, 3.0))
    (zoom,) = zooms(analysis)
    assert zoom.kind is ZoomKind.ROUNDED and zoom.x == pytest.approx(1 - 3 ** 0.5 / 300)
    bend = turn_of("sqrt((x-1)^2 + 0.0001) + 0.5x", (-1.0, 3.0))
    assert (bend.left, bend.right) == pytest.approx((-2 / 3, 2.0), abs=0.01)
    assert bend.width == pytest.approx(0.0140, rel=2e-2)


def test_the_turn_is_read_from_f_prime_not_from_f_second_at_the_point():
    """(x⁴ + 10⁻⁸)^(1/4) has f″(0) = 0 and looks like |x|; x² + 0.001·sqrt(x² + 10⁻¹⁰) has f″(0) = 102 and looks
    like the parabola it nearly is."""
    flat_bottom = analysis_of("(x^4 + 10^-8)^(1/4)", (-2.0, 2.0))
    assert flat_bottom.critical_points[0].second_derivative == 0.0
    assert [z.kind for z in zooms(flat_bottom)] == [ZoomKind.ROUNDED]
    bumped = analysis_of("x^2 + 0.001*sqrt(x^2 + 10^-10)", (-2.0, 2.0))
    assert bumped.critical_points[0].second_derivative == pytest.approx(102.0)
    assert zooms(bumped) == ()


def test_the_rule_is_2_percent_of_the_width_drawn():
    """sqrt(x² + c) on [−2, 2]: its turn is about 1.15·sqrt(c); 2 % of the width is 0.08."""
    assert TURN_SHARE == 0.02
    assert turn_of("sqrt(x^2 + 0.004)", (-2.0, 2.0)).width == pytest.approx(0.0727, rel=1e-2)
    assert [z.kind for z in zooms(analysis_of("sqrt(x^2 + 0.004)", (-2.0, 2.0)))] == [ZoomKind.ROUNDED]
    assert turn_of("sqrt(x^2 + 0.006)", (-2.0, 2.0)).width == pytest.approx(0.0892, rel=1e-2)
    assert zooms(analysis_of("sqrt(x^2 + 0.006)", (-2.0, 2.0))) == ()


def test_sides_that_make_no_corner_are_no_kink():
    """A turn within 2 % of the width between sides whose slopes differ by less than 2 is an obtuse bend."""
    from lessons.scale import Turn

    assert Turn(-0.9, 0.9, 0.001).looks_like_a_kink((-2.0, 2.0)) is False
    assert Turn(-1.0, 1.0, 0.001).looks_like_a_kink((-2.0, 2.0)) is True
    assert Turn(-1.0, 1.0, 0.08).looks_like_a_kink((-2.0, 2.0)) is False  # 2 % of the width: seen round


def test_a_point_too_small_gets_one_view_of_that_kind():
    assert [z.kind for z in zooms(analysis_of(*QUINTIC))] == [ZoomKind.SMALL]


def test_the_plans_that_name_points_carry_the_zoom_and_bring_it_back_from_their_record():
    from dataclasses import replace

    from lessons.config import with_overrides

    planning = context(with_overrides(load_lesson(), QUINTIC[0], QUINTIC[1]))
    for slug in ("critical_points", "minima_vs_maxima"):
        plan = planning.plan(slug)
        assert [z.x for z in plan.extra.zooms] == [1.0]
        assert plan.zoom(1.0) == plan.extra.zooms[0] and plan.zoom(0.0) is None
        back = plan_from_record(json.loads(json.dumps(plan.to_record())))
        assert back.extra.zooms == plan.extra.zooms and back == replace(plan, statements=back.statements)
    assert context(load_lesson()).plan("critical_points").extra.zooms == ()


def test_the_plans_carry_a_rounded_bottoms_zoom_and_bring_its_kind_back():
    from lessons.config import with_overrides

    planning = context(with_overrides(load_lesson(), ROUNDED[0], ROUNDED[1]))
    for slug in ("critical_points", "minima_vs_maxima"):
        plan = planning.plan(slug)
        assert [(z.x, z.kind) for z in plan.extra.zooms] == [(0.0, ZoomKind.ROUNDED)]
        back = plan_from_record(json.loads(json.dumps(plan.to_record())))
        assert back.extra.zooms == plan.extra.zooms and back.extra.zooms[0].kind is ZoomKind.ROUNDED
