"""mathcore.verify.surface: claims about f(x, y) checked by the second method (rings of f values, a root finder on
difference gradients), for surfaces whose critical points are known by hand."""

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
