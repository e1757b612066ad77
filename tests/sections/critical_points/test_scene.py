import numpy as np
import pytest

from sections.critical_points.scene import CriticalPointsScene
from tests.helpers import assert_layout_ok

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def test_default_lesson_scene_marks_every_critical_point(built_scene, lesson_data):
    data = lesson_data("critical_points")
    scene, problems = built_scene("critical_points")
    points = data.analysis.critical_points
    assert [m.point_data.x for m in scene.markers] == [p.x for p in points] == [-1.0, 0.0, 2.0]
    for marker, point in zip(scene.markers, points):
        assert np.allclose(marker.dot.get_center(), scene.graph.c2p(point.x, point.y))
    assert_layout_ok(problems)


def test_tracker_visits_each_critical_point_exactly(built_scene, lesson_data):
    scene, _ = built_scene("critical_points")
    for point in lesson_data("critical_points").analysis.critical_points:
        assert any(v == point.x for v in scene.tracker_values)


def test_counterexample_inset_is_shown_when_the_function_has_no_flat_non_extremum(lesson_data):
    data = lesson_data("critical_points")
    assert data.extra.counterexample is not None
    assert [p.kind for p in data.extra.counterexample.critical_points] == ["neither"]


def test_a_function_with_its_own_flat_non_extremum_and_a_kink(run_scene, lesson_data):
    data = lesson_data("critical_points", function="x^3 - abs(x+1)", domain=(-2, 1.5))
    own = [p for p in data.analysis.critical_points if p.kind == "neither" and p.differentiable]
    assert (data.extra.counterexample is None) == bool(own)
    kinds = [(p.kind, p.differentiable) for p in data.analysis.critical_points]
    assert ("max", False) in kinds or ("min", False) in kinds or ("neither", False) in kinds
    _, problems = run_scene(CriticalPointsScene, data)
    assert_layout_ok(problems)


def test_english_text_fits_too(run_scene, lesson_data):
    _, problems = run_scene(CriticalPointsScene, lesson_data("critical_points", language="en"))
    assert_layout_ok(problems)


def zoomed_graphs(beat):
    from scenes.graphing import LessonGraph

    return [m for m in beat.shows if isinstance(m, LessonGraph) and m.x_range != m.analysis.domain]


def test_a_maximum_too_small_for_the_scale_is_named_on_a_zoomed_view_only(run_scene, lesson_data, zoom_headings):
    """x⁵ − 5x⁴ + 5x³ on [−1, 4]: its maximum f(1) = 1 sits 1 above the flat point beside it, on a graph
    drawn from −27 to 64; the tangent's stop there is said on a zoomed view of the plan's window."""
    data = lesson_data("critical_points", function="x^5 - 5x^4 + 5x^3", domain=(-1, 4))
    zoom = data.zoom(1.0)
    assert zoom is not None and [z.x for z in data.extra.zooms] == [1.0]
    scene, problems = run_scene(CriticalPointsScene, data)
    assert_layout_ok(problems)
    main = {m.point_data.x: m for m in scene.markers}
    assert not main[1.0].labelled and main[1.0].text not in main[1.0].get_family()  # its dot alone
    assert main[0.0].labelled and main[3.0].labelled
    beats = {beat.ids[0]: beat for beat in scene.beats}
    (view,) = zoomed_graphs(beats["point.1"])
    assert view.x_range == zoom.x_range
    (marker,) = [m for m in beats["point.1"].shows if getattr(m, "point_data", None) is not None]
    assert marker.graph is view and marker.labelled and marker.point_data.x == 1.0
    assert np.allclose(marker.dot.get_center(), view.c2p(1.0, 1.0))
    # on the view the height difference is a quarter of the axes or more (on the main graph: 1 % of them)
    rise = view.c2p(1.0, 1.0)[1] - view.c2p(0.0, 0.0)[1]
    assert rise >= 0.25 * view.axes.height
    main_rise = scene.graph.c2p(1.0, 1.0)[1] - scene.graph.c2p(0.0, 0.0)[1]
    assert main_rise < 0.02 * scene.graph.axes.height
    for name in ("point.0", "point.2", "tangent", "solve", "candidates"):
        assert zoomed_graphs(beats[name]) == []
    assert zoom_headings == [("small", "Phóng to: quá nhỏ ở tỉ lệ này")]  # it says why it zoomed


def test_a_bottom_rounded_so_sharply_it_looks_like_a_kink_is_said_on_a_zoomed_view(run_scene, lesson_data,
                                                                                     zoom_headings):
    """sqrt(x² + 0.0001) on [−2, 2] looks like |x| on its graph: the tangent's stop at its minimum is said on a
    zoomed view of the plan's window, where the bottom is plainly round and the tangent on it horizontal."""
    from lessons.scale import ZoomKind
    from scenes.tangent import Tangent

    data = lesson_data("critical_points", function="sqrt(x^2 + 0.0001)", domain=(-2, 2))
    (zoom,) = data.extra.zooms
    assert zoom.kind is ZoomKind.ROUNDED and zoom.x == 0.0
    scene, problems = run_scene(CriticalPointsScene, data)
    assert_layout_ok(problems)
    (main,) = scene.markers
    assert not main.labelled and main.text not in main.get_family()  # its dot alone on the main graph
    beats = {beat.ids[0]: beat for beat in scene.beats}
    (view,) = zoomed_graphs(beats["point.0"])
    assert view.x_range == zoom.x_range
    (marker,) = [m for m in beats["point.0"].shows if getattr(m, "point_data", None) is not None]
    assert marker.graph is view and marker.labelled and np.allclose(marker.dot.get_center(), view.c2p(0.0, 0.01))
    (tangent,) = [m for m in beats["point.0"].shows if isinstance(m, Tangent)]
    start, end = tangent.line.get_start(), tangent.line.get_end()
    assert tangent.graph is view and abs(start[1] - end[1]) < 1e-6 and abs(end[0] - start[0]) > 1.0  # horizontal
    assert np.allclose(tangent.dot.get_center(), view.c2p(0.0, 0.01))
    # the bottom is round on the view: half way from the bottom to the window's edge the curve has risen a
    # fifth of the way or more (|x| would rise half of it) and less than half; on the main graph the turn is
    # narrower than a 1/40 of the axes' width
    edge = zoom.x_range[1]
    rise = (view.point(edge / 2)[1] - view.point(0.0)[1]) / (view.point(edge)[1] - view.point(0.0)[1])
    assert 0.2 < rise < 0.5
    turn = scene.graph.c2p(0.0115 / 2, 0)[0] - scene.graph.c2p(-0.0115 / 2, 0)[0]
    assert turn < scene.graph.axes.width / 40
    for name in ("tangent", "solve", "candidates"):
        assert zoomed_graphs(beats[name]) == []
    assert zoom_headings == [("rounded", "Phóng to: tròn, không gãy góc")]


@pytest.mark.slow  # the English twin of a fast test: CI runs it, the fast tier skips it
def test_english_rounded_zoomed_view_fits_too(run_scene, lesson_data):
    _, problems = run_scene(CriticalPointsScene, lesson_data("critical_points", "sqrt(x^2 + 0.0001)", (-2, 2), "en"))
    assert_layout_ok(problems)


def test_the_default_lesson_labels_every_point_on_its_own_graph(built_scene, lesson_data):
    data = lesson_data("critical_points")
    assert data.extra.zooms == ()
    scene, _ = built_scene("critical_points")
    assert all(m.labelled for m in scene.markers)
    assert all(zoomed_graphs(beat) == [] for beat in scene.beats)
