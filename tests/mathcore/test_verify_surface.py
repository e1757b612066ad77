"""mathcore.verify.surface: claims about f(x, y) checked by the second method (rings of f values, a root finder on
difference gradients), for surfaces whose critical points are known by hand."""

import math

import pytest

from mathcore import claims
from mathcore.verify import check

DOUBLE_WELL = ("(x^2 - 1)^2 + y^2", (-1.6, 1.6), (-1.2, 1.2))
BOX = ((-1.0, 1.0), (-1.0, 1.0))


@pytest.mark.parametrize("function, x, y, kind, value", [
    ("x^2 - y^2", 0.0, 0.0, "saddle", 0.0),
    ("x*y", 0.0, 0.0, "saddle", 0.0),
    ("x^4 + y^4", 0.0, 0.0, "min", 0.0),  # a singular Hessian: the rings decide
    ("x^3 - 3x*y^2", 0.0, 0.0, "saddle", 0.0),  # the monkey saddle
    ("-(x^2 + y^2)", 0.0, 0.0, "max", 0.0),
])
def test_hand_derived_kinds_hold(function, x, y, kind, value):
    assert check(claims.SurfaceKind(function, *BOX, x=x, y=y, kind=kind, value=value)) is None
    assert check(claims.SurfaceCriticalSet(function, *BOX, points=((x, y),))) is None


@pytest.mark.parametrize("kind, fields, found", [
    ("SurfaceKind", {"x": 0.0, "y": 0.0, "kind": "min", "value": 1.0}, "makes it saddle, not min"),
    ("SurfaceKind", {"x": 0.5, "y": 0.0, "kind": "saddle", "value": 1.0}, "not a critical point"),
    ("SurfaceKind", {"x": 1.0, "y": 0.0, "kind": "min", "value": 0.5}, "not 0.5"),
    ("SurfaceCriticalSet", {"points": ((-1.0, 0.0), (1.0, 0.0))}, "leaves out"),
])
def test_the_second_method_refuses_a_false_surface_claim(kind, fields, found):
    assert found in check(getattr(claims, kind)(*DOUBLE_WELL, **fields))


@pytest.mark.parametrize("function, kind, wrong", [
    ("y^2 - 0.6x^4", "saddle", "min"),  # below 0 only within about 0.8·r radians of the x axis
    ("(y - x^2)(y - 2x^2)", "saddle", "min"),  # Peano: below 0 only between its two parabolas
    ("(x - 2y)^2 - x^4", "saddle", "min"),  # below 0 only near the line x = 2y
    ("-x^3 + 5 - exp(-y^2)", "saddle", "max"),  # below f(0) in a wedge around +x that narrows as √r
    ("(x - 2y)^2 + x^4", "min", "saddle"),
])
def test_a_dip_narrower_than_the_ring_directions_decides_the_kind(function, kind, wrong):
    """60 directions 6° apart see none of these dips at the rings' radii: each ring's extremes are refined."""
    value = 4.0 if "exp" in function else 0.0
    assert check(claims.SurfaceKind(function, *BOX, x=0.0, y=0.0, kind=kind, value=value)) is None
    assert f"makes it {kind}, not {wrong}" in check(claims.SurfaceKind(function, *BOX, x=0.0, y=0.0, kind=wrong,
                                                                        value=value))


def test_a_degenerate_point_is_one_point_and_a_vanishing_slope_is_none():
    """Near Peano's saddle |∇f| ~ r³ passes for zero over a whole neighbourhood, and σ(3x² + 4x)'s slope e⁻⁶⁴ at
    x = 4 is below what 40 digits resolve next to f ≈ 1: neither is another critical point."""
    assert check(claims.SurfaceCriticalSet("(y - x^2)(y - 2x^2)", *BOX, points=((0.0, 0.0),))) is None
    assert check(claims.SurfaceCriticalSet("sigmoid(3x^2 + 4x) + y^2", (-1.0, 4.5), (-1.5, 0.5),
                                           points=((-2 / 3, 0.0),))) is None
    # and a point left out is still found
    assert "leaves out" in check(claims.SurfaceCriticalSet(*DOUBLE_WELL, points=((0.0, 0.0), (1.0, 0.0))))


def test_a_minimum_beside_a_saddle_is_judged_on_rings_that_hold_no_other_critical_point():
    """−3y³ + 3x² + 0.3xy: ∇f = (6x + 0.3y, −9y² + 0.3x) vanishes at (0, 0), a saddle, and at (1/12000, −1/600), a
    minimum (Hessian [[6, 0.3], [0.3, 0.03]], determinant 0.09) 0.0017 away: rings of 0.3 % of the diagonal would
    circle both."""
    box = ((-1.5, 0.5), (-1.5, 1.5))
    x, y = 1 / 12000, -1 / 600
    value = -3 * y**3 + 3 * x**2 + 0.3 * x * y
    assert check(claims.SurfaceKind("-3y^3 + 3x^2 + 0.3xy", *box, x=x, y=y, kind="min", value=value)) is None
    assert check(claims.SurfaceKind("-3y^3 + 3x^2 + 0.3xy", *box, x=0.0, y=0.0, kind="saddle", value=0.0)) is None
    assert "not saddle" in check(claims.SurfaceKind("-3y^3 + 3x^2 + 0.3xy", *box, x=x, y=y, kind="saddle", value=value))


def test_a_saddle_whose_dip_is_a_cusp_is_found_on_rings_not_shrunk_by_a_phantom_neighbour():
    """2x³y + 2x²y² − 3y³ + y² ≈ y(y + 2x³) near 0: below 0 only between y = 0 and y = −2x³, a cusp of width
    about 2r² radians. The root finder's stop short of the degenerate origin must not count as another critical
    point beside it (which shrank the rings until the dip was below 40 digits' reach)."""
    function, box = "2x^3y + 2x^2*y^2 - 3y^3 + y^2", ((-2.0, 2.0), (-1.5, 0.5))
    assert check(claims.SurfaceKind(function, *box, x=0.0, y=0.0, kind="saddle", value=0.0)) is None
    assert "makes it saddle, not min" in check(claims.SurfaceKind(function, *box, x=0.0, y=0.0, kind="min", value=0.0))


def test_a_shallow_maximum_beside_a_degenerate_saddle_is_judged_where_its_quadratic_terms_decide():
    """−2x³y + y⁴ + xy² − 2y³ has a maximum at (0.0467…, 0.0131…) whose Hessian's eigenvalues are −0.065 and −0.0043,
    0.048 from the degenerate saddle at 0: on rings wider than about 10⁻³ the cubic terms win and f rises on one
    side, so only small rings see the maximum."""
    function, box = "-2x^3y + y^4 + xy^2 - 2y^3", ((-1.5, 1.5), (-2.5, 2.5))
    x, y = 0.046703785628807726, 0.013087461552369764
    value = -2 * x**3 * y + y**4 + x * y**2 - 2 * y**3
    assert check(claims.SurfaceKind(function, *box, x=x, y=y, kind="max", value=value)) is None
    assert "not min" in check(claims.SurfaceKind(function, *box, x=x, y=y, kind="min", value=value))


def test_a_run_converged_in_a_long_flat_valley_is_at_its_minimum_as_the_plane_defines_it():
    """(xy − 1)² + 0.1(x² + y²): plain descent from (−1.5, 2) ends 0.43 from the minimum (√0.9, √0.9), on the flat
    bottom joined to it (|∇f| within 1 % of its largest all the way): converged, as mathcore.surface_descent says
    it; a run stopped before the valley is not."""
    from mathcore.surface import prepare_surface, surface_points
    from mathcore.surface_descent import descend_plane, plane_landscape

    box = ((-2.0, 2.0), (-2.0, 2.0))
    surface = prepare_surface("(xy - 1)^2 + 0.1(x^2 + y^2)", box)
    landscape = plane_landscape(surface, surface_points(surface))
    run = descend_plane(surface, (-1.5, 2.0), landscape, "gd", 0.0091, 100)
    target = (0.9486832980505138, 0.9486832980505138)
    assert run.outcome == "converged" and 0.3 < math.dist(run.final, target) < 0.5

    def said(xs, count):
        return claims.PlaneRun("(xy - 1)^2 + 0.1(x^2 + y^2)", *box, optimizer="gd", start=run.start, lr=0.0091,
                               steps=100, outcome="converged", count=count, threshold=landscape.threshold, xs=xs,
                               target=target)
    assert check(said(run.xs, run.nit)) is None
    assert "not at the minimum" in check(said(run.xs[:3], 2))
