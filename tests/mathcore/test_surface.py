"""Surfaces f(x, y): critical points and kinds derived by hand, and descent in the plane against a reference
of torch.optim's four update rules written here from its documentation (to 1e-9)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathcore.errors import LessonInputError, NotIsolatedError
from mathcore.surface import exact_points, prepare_surface, surface_points
from mathcore.surface_descent import descend_plane, plane_landscape

SQUARE = ((-2.0, 2.0), (-2.0, 2.0))


def points(text, box=SQUARE):
    return [(p.x, p.y, p.kind) for p in surface_points(prepare_surface(text, box))]


@pytest.mark.parametrize("text, box, expected", [
    # ∇ = (4x(x² − 1), 2y): minima (±1, 0), and (0, 0) a saddle (a maximum along x, a minimum along y)
    ("(x^2 - 1)^2 + y^2", SQUARE, [(-1, 0, "min"), (0, 0, "saddle"), (1, 0, "min")]),
    ("x^2 - y^2", SQUARE, [(0, 0, "saddle")]),
    ("xy", SQUARE, [(0, 0, "saddle")]),  # Hessian [[0, 1], [1, 0]]: eigenvalues ±1
    ("x^4 + y^4", SQUARE, [(0, 0, "min")]),  # Hessian 0 at the origin: the ring decides
    ("x^3 - 3x y^2", SQUARE, [(0, 0, "saddle")]),  # the monkey saddle: three valleys, Hessian 0
    # the lesson's f lifted: its minima stay minima, its maximum at 0 becomes a saddle
    ("x^4/4 - x^3/3 - x^2 + 1 + y^2", ((-2.0, 3.0), (-2.0, 2.0)), [(-1, 0, "min"), (0, 0, "saddle"), (2, 0, "min")]),
    ("x^3 - 3x + y^3 - 3y", SQUARE, [(-1, -1, "max"), (-1, 1, "saddle"), (1, -1, "saddle"), (1, 1, "min")]),
])
def test_hand_derived_critical_points_and_kinds(text, box, expected):
    found = points(text, box)
    assert [k for *_, k in found] == [k for *_, k in expected]
    for (x, y, _), (ex, ey, _) in zip(found, expected):
        assert (x, y) == pytest.approx((ex, ey), abs=1e-9)


def test_exact_forms_and_the_method_that_decided_each_kind():
    surface = prepare_surface("x^4/4 - x^3/3 - x^2 + 1 + y^2", ((-2.0, 3.0), (-2.0, 2.0)))
    found = surface_points(surface)
    assert [(str(p.x_exact), str(p.y_exact), str(p.value_exact)) for p in found] == [
        ("-1", "0", "7/12"), ("0", "0", "1"), ("2", "0", "-5/3")]
    assert [p.method for p in found] == ["hessian"] * 3
    assert found[1].eigenvalues == pytest.approx((-2.0, 2.0))  # f″(0) = −2 along x, 2 along y
    assert [p.method for p in surface_points(prepare_surface("x^4 + y^4", SQUARE))] == ["ring"]


def test_a_non_smooth_or_undefined_surface_is_refused_in_one_line():
    with pytest.raises(LessonInputError, match=r"not taught on surfaces yet .* needs a smooth f"):
        prepare_surface("abs(x) + y^2", SQUARE)
    with pytest.raises(LessonInputError, match=r"undefined or not real near"):
        prepare_surface("log(x) + y^2", SQUARE)
    with pytest.raises(LessonInputError, match=r"unknown name 'z': the variables are x and y"):
        prepare_surface("x + z", SQUARE)


class Reference:
    """torch.optim's update rules for a tensor of two parameters, from its documentation: SGD (momentum μ,
    dampening 0, nesterov), Adam (β = (0.9, 0.999), ε = 1e-8 added after the bias-corrected √v)."""

    def __init__(self, kind, lr, mu):
        self.kind, self.lr, self.mu, self.b, self.m, self.v, self.t = kind, lr, mu, None, np.zeros(2), np.zeros(2), 0

    def step(self, p, g):
        if self.kind == "gd":
            return p - self.lr * g
        if self.kind in ("momentum", "nesterov"):
            self.b = g if self.b is None else self.mu * self.b + g
            return p - self.lr * (g + self.mu * self.b if self.kind == "nesterov" else self.b)
        self.t += 1
        self.m = 0.9 * self.m + 0.1 * g
        self.v = 0.999 * self.v + 0.001 * g * g
        m_hat, v_hat = self.m / (1 - 0.9 ** self.t), self.v / (1 - 0.999 ** self.t)
        return p - self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)


@pytest.mark.parametrize("optimizer, lr", [("gd", 0.05), ("momentum", 0.02), ("nesterov", 0.02), ("adam", 0.05)])
def test_runs_in_the_plane_follow_torch_optim(optimizer, lr):
    surface = prepare_surface("(x^2 - 1)^2 + y^2", SQUARE)
    landscape = plane_landscape(surface, surface_points(surface))
    run = descend_plane(surface, (0.3, 1.5), landscape, optimizer, lr, 80)
    reference = Reference(optimizer, lr, 0.9 if optimizer in ("momentum", "nesterov") else 0.0)
    p = np.array([0.3, 1.5])
    for k in range(1, len(run.xs)):
        x, y = p
        p = reference.step(p, np.array([4 * x * (x * x - 1), 2 * y]))  # ∇f by hand
        assert run.xs[k] == pytest.approx(tuple(p), abs=1e-9), (optimizer, k)


def test_plain_descent_crawls_into_the_saddle_and_momentum_leaves_it():
    surface = prepare_surface("(x^2 - 1)^2 + y^2", SQUARE)
    landscape = plane_landscape(surface, surface_points(surface))
    on_the_ridge = descend_plane(surface, (0.0, 1.5), landscape, "gd", 0.05, 300)
    assert on_the_ridge.outcome == "stalled" and math.hypot(*on_the_ridge.final) < 1e-6  # at the saddle (0, 0)
    off = descend_plane(surface, (0.01, 1.5), landscape, "gd", 0.05, 300)  # a hair off the ridge: it gets away
    assert off.outcome == "converged" and off.final == pytest.approx((1.0, 0.0), abs=0.05)
    assert off.nit < len(off.xs) - 1  # counted to where it arrived, not to the end of the run
    # the nearer the ridge, the longer plain descent crawls by the saddle; Adam's step does not shrink with ∇f
    crawl = [descend_plane(surface, (off, 1.5), landscape, "gd", 0.05, 300).nit for off in (1e-2, 1e-4, 1e-6)]
    assert crawl == sorted(crawl) and crawl[0] < crawl[-1]
    adam = descend_plane(surface, (1e-6, 1.5), landscape, "adam", 0.05, 300)
    assert adam.outcome == "converged" and adam.nit < crawl[-1]


def test_a_run_that_flies_off_is_diverged_and_an_exact_swing_is_oscillating():
    surface = prepare_surface("x^2 + y^2", SQUARE)
    landscape = plane_landscape(surface, surface_points(surface))
    gone = descend_plane(surface, (1.0, 1.0), landscape, "gd", 2.0, 100)  # p ← p − 4p = −3p
    assert (gone.outcome, gone.nit) == ("diverged", len(gone.xs)) and gone.exit is not None
    swing = descend_plane(surface, (1.0, 0.5), landscape, "gd", 1.0, 100)  # p ← −p: a 2-cycle for ever
    assert swing.outcome == "oscillating" and swing.nit == 1


@pytest.mark.parametrize("text, expected", [
    # Hessians singular at 0, each direction's line through 0 a minimum: the saddle hides in a narrow wedge
    ("(y - x^2)(y - 2x^2)", "saddle"),  # Peano: f < 0 between the parabolas y = x² and y = 2x² only
    ("(x - 2y)^2 - x^4", "saddle"),  # below 0 only near the line x = 2y, no axis and no multiple of 5°
    ("(x - 3y)^2 - y^4", "saddle"),
    ("(x - 2y)^2 + x^4", "min"),
    ("y^2 - 0.6x^4", "saddle"),
])
def test_a_kind_hidden_in_a_wedge_narrower_than_the_ring_directions_is_found(text, expected):
    assert points(text, ((-1.0, 1.0), (-1.0, 1.0))) == [(0, 0, expected)]


def test_exact_points_of_a_cubic_gradient_are_square_roots_or_left_to_newton():
    """∇f of x⁴ + y⁴ − 4xy + 1 eliminates to y⁹ − y = y(y − 1)(y + 1)(y² + 1)(y⁴ + 1): the quartic has no real
    root, so the points are exact; 2x⁴ + x³y + 2y⁴ + 3x²y's eliminants have real roots of an irreducible
    cubic, which are left to Newton's method (sympy spent minutes writing them in radicals)."""
    found = surface_points(prepare_surface("x^4 + y^4 - 4xy + 1", SQUARE))
    assert [(p.x_exact, p.y_exact, p.kind) for p in found] == [(-1, -1, "min"), (0, 0, "saddle"), (1, 1, "min")]
    surface = prepare_surface("2x^4 + x^3*y + 2y^4 + 3x^2 y", ((-1.0, 1.0), (-2.5, 1.5)))
    assert exact_points(surface) is None
    found = surface_points(surface)
    assert [p.kind for p in found] == ["min", "saddle", "min"]
    assert all(p.x_exact is None for p in found)
    assert abs(found[1].x) < 1e-12 and abs(found[1].y) < 1e-12  # the degenerate saddle at the origin


@pytest.mark.parametrize("text, box, through", [
    ("x^2y^2", SQUARE, None),  # ∇f = (2xy², 2x²y) vanishes on both axes (through whichever point is met first)
    ("(x y - 1)^2", ((0.5, 2.5), (0.5, 2.5)), "(1, 1)"),  # minima along the whole curve xy = 1
    ("-x^2y^2 + 2x^2y - 2x^2", ((-2.5, 1.5), (-1.5, 1.5)), "(0, 1)"),  # −x²((y − 1)² + 1): the line x = 0
    # x²(3y² + 3x + y − 1.7): the line x = 0, where Newton found only the two points whose Hessian is 0
    ("3x^2 y^2 + 3x^3 + x^2y - 1.7x^2", ((-0.5, 1.5), (-1.5, 1.5)), None),
    ("1.5xy^3 + 3x y^2 + 3y^3", ((-1.0, 2.0), (-1.5, 2.5)), "(0, 0)"),  # y²(1.5xy + 3x + 3y): the line y = 0
    ("sin(x y)", SQUARE, None),  # cos(xy)·(y, x): the hyperbolas xy = ±π/2 (and a saddle at 0), not "53 points"
])
def test_critical_points_along_a_whole_curve_are_refused_as_such(text, box, through):
    """Not "has 151 critical points, too many to show" (there are infinitely many), nor one point of the line
    named as if it were the only one (which the second method finds false)."""
    with pytest.raises(NotIsolatedError, match="along a whole curve through") as refused:
        surface_points(prepare_surface(text, box))
    assert "\n" not in str(refused.value)
    assert through is None or f"along a whole curve through {through}," in str(refused.value)


@pytest.mark.parametrize("text", ["x^4 + y^4", "x^3 - 3x y^2", "(y - x^2)(y - 2x^2)", "x^2 + y^4"])
def test_an_isolated_degenerate_point_is_not_taken_for_a_curve(text):
    assert len(surface_points(prepare_surface(text, ((-1.0, 1.0), (-1.0, 1.0))))) == 1
