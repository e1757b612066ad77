import numpy as np

from sections.critical_points.scene import CriticalPointsScene
from tests.helpers import assert_layout_ok


def test_default_lesson_scene_marks_every_critical_point(run_scene, lesson_data):
    data = lesson_data("critical_points")
    scene, problems = run_scene(CriticalPointsScene, data)
    points = data.analysis.critical_points
    assert [m.point_data.x for m in scene.markers] == [p.x for p in points] == [-1.0, 0.0, 2.0]
    for marker, point in zip(scene.markers, points):
        assert np.allclose(marker.dot.get_center(), scene.graph.c2p(point.x, point.y))
    assert_layout_ok(problems)


def test_tracker_visits_each_critical_point_exactly(run_scene, lesson_data, monkeypatch):
    visited = []
    original = CriticalPointsScene.play

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if hasattr(self, "tracker"):
            visited.append(self.tracker.get_value())

    monkeypatch.setattr(CriticalPointsScene, "play", spy)
    data = lesson_data("critical_points")
    run_scene(CriticalPointsScene, data)
    for point in data.analysis.critical_points:
        assert any(v == point.x for v in visited)


def test_counterexample_inset_is_shown_when_the_function_has_no_flat_non_extremum(lesson_data):
    data = lesson_data("critical_points")
    assert data.counterexample is not None
    assert [p.kind for p in data.counterexample.critical_points] == ["neither"]


def test_a_function_with_its_own_flat_non_extremum_and_a_kink(run_scene, lesson_data):
    data = lesson_data("critical_points", function="x^3 - abs(x+1)", domain=(-2, 1.5))
    own = [p for p in data.analysis.critical_points if p.kind == "neither" and p.differentiable]
    assert (data.counterexample is None) == bool(own)
    kinds = [(p.kind, p.differentiable) for p in data.analysis.critical_points]
    assert ("max", False) in kinds or ("min", False) in kinds or ("neither", False) in kinds
    _, problems = run_scene(CriticalPointsScene, data)
    assert_layout_ok(problems)


def test_english_text_fits_too(run_scene, lesson_data):
    _, problems = run_scene(CriticalPointsScene, lesson_data("critical_points", language="en"))
    assert_layout_ok(problems)
