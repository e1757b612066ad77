import numpy as np
import pytest

from scenes import theme
from sections.minima_vs_maxima.scene import MinimaVsMaximaScene, side_offset
from tests.helpers import assert_layout_ok

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def test_sign_chart_and_verdicts_come_from_mathcore(built_scene, lesson_data):
    data = lesson_data("minima_vs_maxima")
    scene, problems = built_scene("minima_vs_maxima")
    assert [s.sign for s in data.analysis.sign_chart] == ["-", "+", "-", "+"]
    assert [p.kind for p in data.analysis.critical_points] == ["min", "max", "min"]
    colours = [m.dot.get_color().to_hex().upper() for m in scene.markers.values()]
    assert colours == [theme.MINIMUM.upper(), theme.MAXIMUM.upper(), theme.MINIMUM.upper()]
    assert_layout_ok(problems)


def test_probe_tangents_stay_inside_the_neighbouring_intervals(lesson_data):
    analysis = lesson_data("minima_vs_maxima").analysis
    breakpoints = [s.start for s in analysis.sign_chart[1:]]
    for point in analysis.critical_points:
        delta = side_offset(point, breakpoints, analysis.domain)
        assert delta > 0
        left_slope = analysis.function.slope(point.x - delta)
        right_slope = analysis.function.slope(point.x + delta)
        assert (left_slope > 0) == (point.left_sign == "+")
        assert (right_slope > 0) == (point.right_sign == "+")


@pytest.mark.parametrize("function, domain", [("sin(x)", (-7, 7)), ("x^5 - 5x^3", (-3, 3)), ("abs(x)", (-1, 1))])
def test_other_functions_fit_the_frame(run_scene, lesson_data, function, domain):
    _, problems = run_scene(MinimaVsMaximaScene, lesson_data("minima_vs_maxima", function, domain))
    assert_layout_ok(problems)


def zoomed_graphs(beat):
    from scenes.graphing import LessonGraph

    return [m for m in beat.shows if isinstance(m, LessonGraph) and m.x_range != m.analysis.domain]


def test_a_maximum_too_small_for_the_scale_is_judged_on_a_zoomed_view(run_scene, lesson_data):
    """x⁵ − 5x⁴ + 5x³ on [−1, 4]: the maximum f(1) = 1 (1 above the flat point x = 0, on a range of 91) gets its
    sign rule and verdict on a zoomed view; the highest value, the end f(4) = 64 that beats it, is said with the
    main graph's end dot and a zoomed inset of the maximum beside it."""
    data = lesson_data("minima_vs_maxima", function="x^5 - 5x^4 + 5x^3", domain=(-1, 4))
    zoom = data.zoom(1.0)
    scene, problems = run_scene(MinimaVsMaximaScene, data)
    assert_layout_ok(problems)
    assert not scene.markers[1.0].labelled and scene.markers[0.0].labelled and scene.markers[3.0].labelled
    assert scene.markers[1.0].dot.get_color().to_hex().upper() == theme.MAXIMUM.upper()  # judged, unnamed
    beats = {beat.ids[0]: beat for beat in scene.beats}
    for name in ("rule.1", "verdict.1", "highest"):
        (view,) = zoomed_graphs(beats[name])
        assert view.x_range == zoom.x_range
    (marker,) = [m for m in beats["verdict.1"].shows if getattr(m, "point_data", None) is not None]
    assert marker.graph is zoomed_graphs(beats["verdict.1"])[0] and marker.labelled and marker.verdict is not None
    assert "f(4) = 64" in data.say("highest").text("en").replace("\xa0", " ")
    end_dots = [m for m in beats["highest"].shows if np.allclose(m.get_center(), scene.graph.point(4.0))]
    assert len(end_dots) == 1  # the end that beats the maximum, on the main graph
    for name in ("rule.0", "verdict.0", "rule.2", "verdict.2", "lowest", "chart"):
        assert zoomed_graphs(beats[name]) == []


@pytest.mark.slow  # the English twin of a fast test: CI runs it, the fast tier skips it
def test_english_zoomed_views_fit_too(run_scene, lesson_data):
    _, problems = run_scene(MinimaVsMaximaScene, lesson_data("minima_vs_maxima", "x^5 - 5x^4 + 5x^3", (-1, 4), "en"))
    assert_layout_ok(problems)


def test_a_maximum_0_004_above_the_end_is_the_highest_value_said_on_its_zoomed_inset(run_scene, lesson_data):
    data = lesson_data("minima_vs_maxima", "-x^2", (-2, 0.0632455532))
    assert [z.x for z in data.extra.zooms] == [0.0]
    scene, problems = run_scene(MinimaVsMaximaScene, data)
    assert_layout_ok(problems)
    beats = {beat.ids[0]: beat for beat in scene.beats}
    assert [g.x_range for g in zoomed_graphs(beats["highest"])] == [data.extra.zooms[0].x_range]


def test_a_bottom_rounded_so_sharply_it_looks_like_a_kink_is_judged_on_a_zoomed_view(run_scene, lesson_data):
    """sqrt(x² + 0.0001) on [−2, 2] looks like |x| on its graph: its sign rule and verdict are said on a zoomed
    view where the bottom is round, with the horizontal tangent at the point between the two probes; the lowest
    value, f(0) = 0.01, beside a zoomed inset of it."""
    from lessons.scale import ZoomKind
    from scenes.tangent import Tangent

    data = lesson_data("minima_vs_maxima", "sqrt(x^2 + 0.0001)", (-2, 2))
    (zoom,) = data.extra.zooms
    assert zoom.kind is ZoomKind.ROUNDED
    scene, problems = run_scene(MinimaVsMaximaScene, data)
    assert_layout_ok(problems)
    assert not scene.markers[0.0].labelled
    assert scene.markers[0.0].dot.get_color().to_hex().upper() == theme.MINIMUM.upper()  # judged, unnamed
    beats = {beat.ids[0]: beat for beat in scene.beats}
    for name in ("rule.0", "verdict.0", "lowest"):
        (view,) = zoomed_graphs(beats[name])
        assert view.x_range == zoom.x_range
    view = zoomed_graphs(beats["rule.0"])[0]
    tangents = [t for m in beats["rule.0"].shows for t in [m, *m.submobjects] if isinstance(t, Tangent)]
    left, middle, right = sorted(t.tracker.get_value() for t in tangents)  # the probes either side, and the point
    assert middle == 0.0 and left == -right < 0
    (flat,) = [t for t in tangents if t.tracker.get_value() == 0.0]
    assert flat.graph is view and abs(flat.line.get_start()[1] - flat.line.get_end()[1]) < 1e-6
    (marker,) = [m for m in beats["verdict.0"].shows if getattr(m, "point_data", None) is not None]
    assert marker.graph is zoomed_graphs(beats["verdict.0"])[0] and marker.labelled and marker.verdict is not None
    assert zoomed_graphs(beats["chart"]) == []


@pytest.mark.slow  # the English twin of a fast test: CI runs it, the fast tier skips it
def test_english_rounded_zoomed_views_fit_too(run_scene, lesson_data, zoom_headings):
    _, problems = run_scene(MinimaVsMaximaScene, lesson_data("minima_vs_maxima", "sqrt(x^2 + 0.0001)", (-2, 2), "en"))
    assert_layout_ok(problems)
    assert zoom_headings == [("rounded", "Zoomed in: rounded, not a kink")] * 2  # the verdict's view, the inset
