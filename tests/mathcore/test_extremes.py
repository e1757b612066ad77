"""The lowest and highest values of f on the closed interval, against hand-computed values."""

from mathcore import analyze
from mathcore.extremes import global_extreme


def test_an_end_point_is_lower_than_the_local_minimum_of_x_cubed_minus_12x():
    # f(x) = x³ − 12x: f(2) = 8 − 24 = −16 (local min), f(−5) = −125 + 60 = −65, f(3) = 27 − 36 = −9
    a = analyze("x^3 - 12x", -5, 3)
    low = global_extreme(a, "min")
    assert (low.local.y, low.local.points) == (-16.0, (2.0,))
    assert (low.best.y, low.best.ends, low.best.points, str(low.best.y_expr)) == (-65.0, (-5.0,), (), "-65")
    high = global_extreme(a, "max")  # f(−2) = −8 + 24 = 16 beats both ends
    assert (high.best.y, high.best.points, high.best.ends) == (16.0, (-2.0,), ())


def test_levels_that_tie_are_all_named():
    a = analyze("x^4 - 2x^2", -2, 2)  # minima f(±1) = −1; maximum f(0) = 0 below the ends f(±2) = 16 − 8 = 8
    assert global_extreme(a, "min").best.points == (-1.0, 1.0)
    high = global_extreme(a, "max")
    assert (high.best.y, high.best.ends, high.local.y) == (8.0, (-2.0, 2.0), 0.0)


def test_a_flat_minimum_is_the_lowest_level_and_no_maximum_leaves_it_to_the_ends():
    a = analyze("relu(x-2) + relu(-x)", -2, 4)
    low, high = global_extreme(a, "min"), global_extreme(a, "max")
    assert low.best.flats == ((0.0, 2.0),) and low.best.y == 0.0
    assert high.local is None and (high.best.y, high.best.ends) == (2.0, (-2.0, 4.0))  # f(−2) = f(4) = 2
