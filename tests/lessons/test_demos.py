"""The descent sections' shared rules: starts are round numbers a teacher can type, the goal is every lowest
minimum."""

import pytest

from lessons.demos import lowest_minima, nice_point
from mathcore import analyze


@pytest.mark.parametrize("x, width, expected", [
    (2.75336, 6.0, 2.8),      # grid 1 would move it 0.25 > 3 % of 6; 0.5 → 3.0 too far; 0.2 → 2.8
    (-1.5708, 12.0, -1.5),    # width 12: unit 10, grids 10, 5, 2, 1 too far; 0.5 → −1.5
    (0.559017, 3.0, 0.5),
    (-0.707107, 5.0, -0.8),   # grids 1 and 0.5 move it more than 0.15; 0.2 → −0.8 (moves 0.093)
    (1.0004, 0.01, 1.0005),   # width 0.01 (unit 0.01): 3 % is 0.0003, first met on the 0.0005 grid
    (3.0, 5.0, 3.0),
])
def test_nice_point_takes_the_coarsest_grid_within_three_percent_of_the_width(x, width, expected):
    assert nice_point(x, width, lambda v: True) == pytest.approx(expected, abs=1e-12)


def test_nice_point_keeps_the_condition_or_the_original():
    assert nice_point(2.75336, 6.0, lambda v: v < 2.76) == pytest.approx(2.75)
    assert nice_point(2.75336, 6.0, lambda v: False) == 2.75336


@pytest.mark.parametrize("function, domain, expected", [
    ("cos(x)", (-6.0, 6.0), [-3.141592653589793, 3.141592653589793]),  # equally low: both are the goal
    ("x^4/4 - x^3/3 - x^2 + 1", (-2.0, 3.0), [2.0]),                   # f(−1) = 7/12 > f(2) = −5/3
    ("x^3 - 12x", (-3.5, 3.5), [2.0]),
    ("x^3", (-1.0, 1.0), []),
])
def test_the_lowest_minima_are_all_the_minima_as_low_as_the_lowest(function, domain, expected):
    found = [p.x for p in lowest_minima(analyze(function, *domain))]
    assert found == pytest.approx(expected, abs=1e-9)
