"""Section saddle_points' statements for surfaces whose critical points are found by hand, and when the section
is shown at all (only with a surface: the default lesson stays five sections)."""

from __future__ import annotations

import json
from dataclasses import replace

from lessons.config import SurfaceInput, with_overrides, with_surface
from sections import SLUGS, context, load_lesson, plan_from_record, title

DEFAULT_LIFTED = "x^4/4 - x^3/3 - x^2 + 1 + y^2"


def surface_plan(function: str, box, language: str = "vi"):
    lesson = replace(load_lesson(), surface=SurfaceInput(function, box), language=language)
    planning = context(lesson)
    return planning.plan("saddle_points"), planning


def test_the_double_well_has_minima_at_plus_minus_one_and_a_saddle_at_zero():
    """f = (x² − 1)² + y²: ∇f = (4x(x² − 1), 2y) vanishes at x ∈ {−1, 0, 1}, y = 0; the Hessian diag(12x² − 4, 2)
    is diag(8, 2) at ±1 (minima, f = 0) and diag(−4, 2) at 0 (a saddle, f = 1)."""
    plan, planning = surface_plan("(x^2 - 1)^2 + y^2", ((-1.6, 1.6), (-1.2, 1.2)))
    assert planning.findings["saddle_points"] == ()
    assert [(p.x, p.y, p.kind, p.value) for p in plan.extra.points] == [
        (-1.0, 0.0, "min", 0.0), (0.0, 0.0, "saddle", 1.0), (1.0, 0.0, "min", 0.0)]
    assert [plan.say(f"point.{i}").text("vi") for i in range(3)] == [
        "(−1; 0): cực tiểu, f = 0.", "(0; 0): điểm yên ngựa, f = 1.", "(1; 0): cực tiểu, f = 0."]
    assert plan.say("point.1").text("en") == "(0, 0): saddle point, f = 1."
    assert plan.say("critical").text("en") == "∇f = 0 at exactly 3 points in the box: the critical points."
    # f(x, 0) = (x² − 1)² has a maximum at 0, f(0, y) = 1 + y² a minimum
    assert plan.say("slices").text("vi") == ("Cắt qua điểm yên ngựa (0; 0): theo x, f(x, 0) có cực đại; theo y, "
                                             "f(0, y) có cực tiểu.")
    assert [(s.axis, s.kind, s.at) for s in plan.extra.slices] == [("x", "max", 0.0), ("y", "min", 0.0)]
    gd, fast = plan.extra.run("gd"), plan.extra.run("fast")
    assert gd.outcome == "stalled" and fast.outcome == "converged"
    assert gd.start == fast.start and abs(gd.start[0]) < 1e-4  # beside the saddle, along its falling direction
    assert abs(abs(fast.final[0]) - 1) < 0.01 and abs(fast.final[1]) < 0.01
    assert plan.say("outcome.fast").text("en").endswith(f"converges to the minimum ({fast.final[0]:.0f}, 0) in "
                                                        f"{fast.nit} steps.")


def test_the_lessons_f_lifted_keeps_its_minima_and_its_maximum_becomes_a_saddle():
    """f(x) + y² with f = x⁴/4 − x³/3 − x² + 1: f′ = x(x + 1)(x − 2), so (−1, 0) and (2, 0) are minima with
    f = 1/4 + 1/3 − 1 + 1 = 7/12 and 4 − 8/3 − 4 + 1 = −5/3; (0, 0) has f″(0) = −2 along x and 2 along y: a saddle,
    f = 1."""
    plan, planning = surface_plan(DEFAULT_LIFTED, ((-2.0, 3.0), (-1.5, 1.5)), "en")
    assert planning.findings["saddle_points"] == ()
    assert [plan.say(f"point.{i}").text("en") for i in range(3)] == [
        "(−1, 0): minimum, f = 7/12.", "(0, 0): saddle point, f = 1.", "(2, 0): minimum, f = −5/3."]
    assert plan.say("slices").text("en") == ("Slicing through the saddle point (0, 0): along x, f(x, 0) has a "
                                             "maximum; along y, f(0, y) has a minimum.")
    assert plan.extra.slices[0].analysis.function.text == "x**4/4 - x**3/3 - x**2 + 1"  # the lesson's own f
    # from (5.8·10⁻⁶, 0.38) with η = 0.01: y shrinks by 1 − 2η = 0.98 a step, to 0.38 · 0.98¹⁰⁰ = 0.0504; x grows by
    # 1 + 2η = 1.02, to 5.8·10⁻⁶ · 7.24 = 4.2·10⁻⁵: the ball is 0.0504 from the saddle, less than 0.051
    assert plan.say("outcome.gd").text("en").startswith("Plain gradient descent: after 100 steps the ball is "
                                                        "still less than 0.051 from the saddle point")
    assert plan.extra.run("gd").start == (5.8e-06, 0.38) and plan.extra.run("gd").lr == 0.01
    record = json.loads(json.dumps(plan.to_record()))
    assert plan_from_record(record) == plan
    manifest = plan.manifest()
    assert manifest["function"] == DEFAULT_LIFTED and manifest["domain"] == [-2.0, 3.0]
    assert [(r["role"], r["outcome"], r["ydomain"]) for r in manifest["runs"]] == [
        ("gd", "stalled", [-1.5, 1.5]), ("fast", "converged", [-1.5, 1.5])]


def test_only_a_lesson_with_a_surface_shows_the_section_and_its_conclusion_is_then_sixth():
    plain = load_lesson()
    assert context(plain).slugs == SLUGS and len(SLUGS) == 5
    assert context(with_overrides(plain, "x^3 - 12x", (-3.5, 3.5))).slugs == SLUGS  # --function adds no surface
    lifted = load_lesson("examples/saddle.toml")
    planning = context(lifted)
    assert planning.slugs == (*SLUGS[:4], "saddle_points", "conclusion")
    assert planning.numbers["conclusion"] == 6 and planning.plan("saddle_points").stem == "05_saddle_points"
    assert title("conclusion", "vi") == "5. Kết luận" and title("conclusion", "en", 6) == "6. Conclusion"
    assert with_surface(plain, "x*y", (-1, 1, -1, 1)).surface == SurfaceInput("x*y", ((-1.0, 1.0), (-1.0, 1.0)))


def test_a_saddle_the_axes_do_not_slice_is_named_but_not_sliced():
    """xy: ∇f = (y, x) vanishes at 0 only; the Hessian's eigenvalues are ±1 (a saddle), but f is 0 along both
    axes: neither slice shows a minimum or a maximum, so no slice is said."""
    plan, planning = surface_plan("x*y", ((-1.0, 1.0), (-1.0, 1.0)))
    assert planning.findings["saddle_points"] == ()
    assert [(p.x, p.y, p.kind) for p in plan.extra.points] == [(0.0, 0.0, "saddle")]
    assert plan.has("neither") and not plan.has("slices") and not plan.extra.slices
    assert plan.say("critical").text("en") == "∇f = 0 at exactly one point in the box: the critical point."


def test_the_second_method_refuses_a_run_that_says_the_wrong_count():
    from mathcore.verify import check

    plan, _ = surface_plan("(x^2 - 1)^2 + y^2", ((-1.6, 1.6), (-1.2, 1.2)))
    (claim,) = plan.say("outcome.gd").claims
    assert check(claim) is None
    assert "not 99" in check(replace(claim, count=99))
    assert "farther than" in check(replace(claim, radius=claim.radius / 100))
