import pytest

from scenes import theme
from sections.minima_vs_maxima.scene import MinimaVsMaximaScene, side_offset
from tests.helpers import assert_layout_ok


def test_sign_chart_and_verdicts_come_from_mathcore(run_scene, lesson_data):
    data = lesson_data("minima_vs_maxima")
    scene, problems = run_scene(MinimaVsMaximaScene, data)
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
