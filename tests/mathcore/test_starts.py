import pytest

from mathcore import analyze
from mathcore.sigmoid import sigmoid_slope_bound
from mathcore.starts import main_minimum, plateau_start, starts_around_minimum, steep_start


def test_starts_around_the_lowest_minimum_have_the_right_slopes():
    analysis = analyze("x^4/4 - x^3/3 - x^2 + 1", -2, 3)
    assert main_minimum(analysis) == 2.0  # f(2) = -5/3 < f(-1) = 7/12
    left, right = starts_around_minimum(analysis)
    assert (left, right) == (1.0, 2.5)  # middles of the sign-chart intervals [0, 2] and [2, 3]
    assert analysis.function.slope(left) < 0 < analysis.function.slope(right)


def test_configured_starts_on_the_wrong_side_are_replaced():
    analysis = analyze("(x - 1)^2", -2, 4)
    assert starts_around_minimum(analysis, left=3.0, right=-1.0) == (-0.5, 2.5)
    assert starts_around_minimum(analysis, left=0.0, right=2.0) == (0.0, 2.0)


def test_plateau_start_lies_on_the_widest_plateau():
    analysis = analyze("(sigmoid(2x) - 0.9)^2", -7, 4)
    start = plateau_start(analysis)
    widest = max(analysis.plateaus, key=lambda p: p.end - p.start)
    assert widest.contains(start)
    assert plateau_start(analysis, -6.0) == -6.0


def test_steep_start_is_where_the_slope_is_largest():
    analysis = analyze("x^2", -1, 3)
    assert steep_start(analysis) == 3.0


def test_sigmoid_slope_bound_is_a_quarter():
    assert sigmoid_slope_bound() == pytest.approx(0.25) and str(sigmoid_slope_bound()) == "1/4"
