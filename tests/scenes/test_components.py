import numpy as np
import pytest
from manim import ValueTracker

from mathcore import analyze
from scenes import theme
from scenes.graphing import LessonGraph, clip_segment, fit_y_range
from scenes.layout import box_of, polyline_samples
from scenes.markers import CriticalMarker
from scenes.sign_chart import SignChart
from scenes.tangent import Tangent


@pytest.fixture(scope="module")
def well():
    return analyze("x^4/4 - x^3/3 - x^2 + 1", -2, 3)


def line_slope(tangent: Tangent) -> float:
    start, end = tangent.line.get_start(), tangent.line.get_end()
    return (end[1] - start[1]) / (end[0] - start[0])


def test_tangent_is_horizontal_and_yellow_at_every_critical_point(well):
    graph = LessonGraph(well)
    for point in well.critical_points:
        tangent = Tangent(graph, ValueTracker(point.x))
        assert abs(line_slope(tangent)) < 1e-9
        assert tangent.line.get_color().to_hex().upper() == theme.FLAT.upper()


def test_tangent_slope_on_screen_matches_f_prime(well):
    graph = LessonGraph(well)
    x = 0.5  # f'(0.5) = 0.125 - 0.25 - 1 = -1.125
    tangent = Tangent(graph, ValueTracker(x))
    expected = -1.125 * (graph.axes.y_length / (graph.y_range[1] - graph.y_range[0])) / (graph.axes.x_length / 5)
    assert line_slope(tangent) == pytest.approx(expected, rel=1e-9)
    assert tangent.line.get_color().to_hex().upper() == theme.NEGATIVE.upper()


def test_tangent_follows_its_tracker(well):
    graph = LessonGraph(well)
    tracker = ValueTracker(-1.5)
    tangent = Tangent(graph, tracker)
    tracker.set_value(2.0)
    tangent.update()
    assert np.allclose(tangent.dot.get_center(), graph.c2p(2.0, -5 / 3))
    assert abs(line_slope(tangent)) < 1e-9


def test_at_a_kink_the_two_one_sided_tangents_are_drawn_each_on_its_side():
    analysis = analyze("abs(x)", -1, 1)
    graph = LessonGraph(analysis)
    tangent = Tangent(graph, ValueTracker(0.0))
    centre = graph.point(0.0)
    left, right = tangent.line, tangent.other
    assert left.get_stroke_opacity() == 1 and right.get_stroke_opacity() == 1
    for line, side in ((left, -1), (right, 1)):  # each leaves the point on its own side, along slope ∓1
        far = line.get_end() if np.allclose(line.get_start(), centre) else line.get_start()
        assert np.sign(far[0] - centre[0]) == side
        assert (far[1] - centre[1]) / (far[0] - centre[0]) == pytest.approx(graph.scene_slope(side), rel=1e-6)


@pytest.mark.parametrize("function, up", [("x^(1/3)", None), ("x^(2/3)", True)])
def test_a_vertical_tangent_and_a_cusp_are_drawn_vertical(function, up):
    analysis = analyze(function, -1, 1)
    graph = LessonGraph(analysis)
    tangent = Tangent(graph, ValueTracker(0.0))
    start, end = tangent.line.get_start(), tangent.line.get_end()
    assert tangent.line.get_stroke_opacity() == 1 and abs(start[0] - end[0]) < 1e-9
    centre = graph.point(0.0)
    if up is None:  # the vertical line through the point
        assert min(start[1], end[1]) < centre[1] < max(start[1], end[1])
    else:  # the ray both branches of the cusp leave along: up, at a minimum
        assert min(start[1], end[1]) == pytest.approx(centre[1]) and max(start[1], end[1]) > centre[1]


def test_markers_sit_at_mathcores_points(well):
    graph = LessonGraph(well)
    for point in well.critical_points:
        marker = CriticalMarker(graph, point)
        assert np.allclose(marker.dot.get_center(), graph.c2p(point.x, point.y))
    assert [p.y for p in well.critical_points] == pytest.approx([7 / 12, 1, -5 / 3])


def test_a_marker_with_no_free_spot_is_named_by_a_letter_never_a_digit_like_the_ticks(well):
    from manim import Rectangle

    from scenes.markers import marker_name
    from scenes.placement import graph_obstacles

    graph = LessonGraph(well)
    marker = CriticalMarker(graph, well.critical_points[0])
    everywhere = Rectangle(width=30, height=20)
    assert marker.place(graph_obstacles(graph, everywhere), 1) is False
    assert marker.text.typst_code.strip("$ ") == '"A"'
    assert marker.legend[0].typst_code.strip("$ ") == '"A":'
    assert [marker_name(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_sign_chart_cells_span_mathcores_intervals_with_their_colours(well):
    graph = LessonGraph(well)
    chart = SignChart(graph, well)
    assert len(chart.cells) == len(well.sign_chart) == 4
    for (cell, _), interval in zip(chart.cells, well.sign_chart):
        assert cell.get_left()[0] == pytest.approx(graph.c2p(interval.start, 0)[0], abs=1e-6)
        assert cell.get_right()[0] == pytest.approx(graph.c2p(interval.end, 0)[0], abs=1e-6)
        assert cell.get_fill_color().to_hex().upper() == theme.SIGN_COLORS[interval.sign].upper()
    assert [s.sign for s in well.sign_chart] == ["-", "+", "-", "+"]


def test_curve_stays_inside_the_axes_box():
    analysis = analyze("1/(x^2 + 0.01)", -2, 2)  # a spike far above the fitted range
    graph = LessonGraph(analysis)
    left, right, bottom, top = graph.box()
    for piece in graph.curve:
        points = piece.points
        assert points[:, 1].max() <= top + 1e-6 and points[:, 1].min() >= bottom - 1e-6
        assert points[:, 0].min() >= left - 1e-6 and points[:, 0].max() <= right + 1e-6


def test_fitted_range_holds_every_critical_value(well):
    lo, hi = fit_y_range(well)
    assert lo <= -5 / 3 and hi == pytest.approx(11 / 3)  # f(-2) = 11/3 is the highest value on [-2, 3]
    graph = LessonGraph(well)
    assert graph.y_range[0] < lo and graph.y_range[1] > hi  # room for labels above and below


def test_clip_segment_keeps_the_inside_part():
    start, end = clip_segment(np.array([-2.0, 0, 0]), np.array([2.0, 0, 0]), (-1, 1, -1, 1))
    assert start[0] == pytest.approx(-1) and end[0] == pytest.approx(1)


def test_painting_a_marker_keeps_its_label_readable(well):
    from manim import Scene

    graph = LessonGraph(well)
    marker = CriticalMarker(graph, well.critical_points[0], color=theme.FLAT)
    scene = Scene()
    scene.add(marker)
    scene.play(marker.paint(theme.MINIMUM), run_time=0.1)
    assert marker.dot.get_color().to_hex().upper() == theme.MINIMUM.upper()
    assert marker.text.background_rectangle.get_color().to_hex().upper() == theme.BACKGROUND.upper()


def test_glyph_number_writes_the_vietnamese_decimal_comma():
    from scenes.readouts import GlyphNumber

    assert GlyphNumber(2.15, decimals=2, size=30, language="vi").value == "2,15"


def test_glyph_number_changes_in_place_and_keeps_its_position():
    from scenes.readouts import GlyphNumber

    number = GlyphNumber(-1.125, decimals=3, size=30)
    assert number.value == "-1.125" and len(number.submobjects) == 1 + GlyphNumber.POOL
    number.move_to([2.0, 1.0, 0])
    left, bottom = number.get_left()[0], number.anchor.points[0][1]
    number.set_value(-0.0004)
    assert number.value == "0.000"  # no "-0.000"
    number.set_value(12.5)
    assert number.value == "12.500" and len(number.submobjects) == 1 + GlyphNumber.POOL
    assert number.anchor.points[0][1] == bottom and abs(number.get_left()[0] - left) < 0.05
    digits = number.submobjects[1:7]
    assert all(np.ptp(g.points[:, 0]) == 0 for g in number.submobjects[7:])  # unused glyphs are empty
    assert all(a.get_right()[0] < b.get_left()[0] for a, b in zip(digits, digits[1:]))


def test_glyph_number_bounds_a_positive_value_below_its_last_decimal():
    from scenes.readouts import GlyphNumber

    assert GlyphNumber(0.0004, decimals=3, size=30, relation=True, bound=True).value == "<0.001"
    assert GlyphNumber(3e-7, decimals=6, size=30, language="vi", relation=True, bound=True).value == "<0,000001"
    assert GlyphNumber(0.25, decimals=2, size=30, relation=True, bound=True).value == "=0.25"
    assert GlyphNumber(0.0, decimals=2, size=30, relation=True, bound=True).value == "=0.00"
    # a signed value (f' sliding through a critical point) rounds to 0 without a bound
    assert GlyphNumber(1e-17, decimals=2, size=30, relation=True).value == "=0.00"
    assert GlyphNumber(-0.0004, decimals=3, size=30, relation=True).value == "=0.000"


def test_the_y_axis_is_broken_where_the_y_range_leaves_0_out():
    """x + 1/x on [0.25, 4] takes values in [2, 4.25]: the x axis sits at the range's bottom, not at y = 0, and a
    zigzag on the y axis just above it says so; x² on [−1, 1] has 0 in range and no break."""
    broken = LessonGraph(analyze("x + 1/x", 0.25, 4))
    assert broken.y_range[0] > 0 and len(broken.axis_break) == 2
    zigzag = broken.axis_break[1].get_all_points()
    axis_x, axis_y = broken.axes.y_axis.get_center()[0], broken.axes.x_axis.get_center()[1]
    assert zigzag[:, 1].min() > axis_y and zigzag[:, 1].max() < axis_y + 0.3
    assert zigzag[:, 0].min() < axis_x < zigzag[:, 0].max()
    assert len(LessonGraph(analyze("x^2", -1, 1)).axis_break) == 0


def test_the_y_axis_keeps_its_scale_where_the_curve_climbs_it():
    """sin(x)/x climbs the y axis to its hole at (0, 1): the label 1 is covered on both sides, so the axis is
    ticked at half its step, and the labels the curve leaves free (0,5 and 1,5 above, −0,5 below) stay."""
    graph = LessonGraph(analyze("sin(x)/x", -10, 10), height=3.55, label_room=(1.0, 0.95))
    shown = sorted(round(float(graph.axes.y_axis.p2n(mark.get_center())), 6)
                   for mark, _ in graph.tick_pairs if graph._is_y(mark))
    assert shown == [-0.5, 0.5, 1.5]
    samples = polyline_samples(graph.curve)
    assert not any(box_of(text).grown(0.04).contains_any(samples) for _, text in graph.tick_pairs)


def test_tick_labels_that_stick_out_of_the_safe_area_move_inside_or_go():
    """A zoomed view of x·e^(−x−1) sits in the main graph's place, its y axis at the safe area's left edge: its
    labels (0,125 is wider than 0,5) move to the axis's right, inside the view."""
    from scenes.layout import safe_area

    graph = LessonGraph(analyze("x*exp(-x-1)", 0.5, 2), height=3.55)
    area = safe_area()
    graph.shift([area.left - graph.axes.y_axis.get_center()[0], 0, 0])
    assert any(not box_of(text).within(area) for _, text in graph.tick_pairs)
    graph.keep_ticks_inside(area)
    labels = [text for mark, text in graph.tick_pairs if graph._is_y(mark)]
    assert labels and all(box_of(t).within(area) for _, t in graph.tick_pairs)
    assert all(t.get_center()[0] > graph.axes.y_axis.get_center()[0] for t in labels)
