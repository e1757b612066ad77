"""The explorable in the plane (sections/saddle_points/explore.py): a lattice of round starts with square cells,
every run of a grid read back from its data exactly as mathcore ran it, each outcome's sentence true by the
second method, and false ones caught. A small grid on (x² − 1)² + y², whose runs are derived by hand: the
Hessian is diag(12x² − 4, 2), 8 in x at the minima (±1, 0), so plain descent past η = 1/4 (1 − 8η < −1) swings
across x = 1, and from (0, y₀) it slides down y to the saddle and stops there."""

from __future__ import annotations

import dataclasses

import pytest

from lessons.explore import OUTCOMES, decode_path
from mathcore.verify import check
from sections.saddle_points.explore import (
    SurfaceTab,
    grid_run,
    lattice_step,
    map_size,
    run_length,
    run_statement,
    surface_tab,
    tab_data,
)

WELL = "(x^2 - 1)^2 + y^2"
BOX = ((-1.6, 1.6), (-1.2, 1.2))
SMALL = SurfaceTab(WELL, BOX, steps=100, momentum=0.9, xs=(0.0, 0.5), ys=(0.5,),
                   rates=(("gd", (0.01, 0.1, 0.27, 0.6)), ("momentum", (0.01,)), ("adam", (0.1,))),
                   shown=(("gd", "gd", 0.0, 0.5, 0.01),))


def test_the_lattice_has_square_round_cells_and_at_most_81_starts():
    assert lattice_step(((-2, 3), (-1.5, 1.5))) == 0.5  # 11 × 7 = 77 starts (0.25 would give 21 × 13)
    assert lattice_step(((-1.6, 1.6), (-1.2, 1.2))) == 0.5  # 7 × 5; 0.25 gives 13 × 9 = 117
    assert lattice_step(((0, 100), (0, 100))) == 20  # 6 × 6; 10 gives 11 × 11 = 121
    assert lattice_step(((-0.01, 0.01), (-0.01, 0.01))) == 0.0025  # 9 × 9 = 81


def test_the_grid_takes_the_videos_start_and_rates_onto_round_ladders():
    """The section's runs for the default lesson lifted, f(x) + y²: its start joins the lattice's row and column,
    its rates the 1-3 ladders (plain η up to 30 times the video's, Adam's from 1 % of the box's shorter side)."""
    from mathcore.surface_descent import PlaneTrajectory

    def run(optimizer, lr):
        return PlaneTrajectory(optimizer, (5.8e-06, 0.38), lr, 0.0, 100, "stalled", ((5.8e-06, 0.38),), (1.0,),
                               ((0.0, 0.0),), "")
    tab = surface_tab("x^4/4 - x^3/3 - x^2 + 1 + y^2", ((-2.0, 3.0), (-1.5, 1.5)),
                      (("gd", run("gd", 0.01)), ("fast", run("adam", 0.15))))
    assert tab.xs == (-2.0, -1.5, -1.0, -0.5, 0.0, 5.8e-06, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
    assert tab.ys == (-1.5, -1.0, -0.5, 0.0, 0.38, 0.5, 1.0, 1.5)
    assert dict(tab.rates) == {"gd": (0.01, 0.03, 0.1, 0.3), "momentum": (0.01, 0.03, 0.1, 0.3),
                               "adam": (0.03, 0.1, 0.15, 0.3)}
    thinner = tab.thinned()
    assert thinner.xs == (-2.0, -1.0, 0.0, 5.8e-06, 1.0, 2.0, 3.0) and thinner.ys == (-1.5, -0.5, 0.38, 0.5, 1.5)


def test_band_rows_are_run_length_coded():
    assert run_length("0001112") == "0C1C2A"
    assert run_length("5" * 70) == "5_5F"  # 64, then 6
    assert map_size(((-2, 3), (-1.5, 1.5))) == (1000, 600)
    assert map_size(((0, 1), (0, 100))) == (450, 1000)  # the shorter side at least 45 %


@pytest.fixture(scope="module")
def small_data():
    return tab_data(SMALL, "vi")


def test_every_run_reads_back_as_mathcore_ran_it(small_data):
    width, height = small_data["width"], small_data["height"]
    (a, b), (c, d) = BOX
    index = 0
    for optimizer, rates in SMALL.rates:
        runs = small_data["runs"][optimizer]
        for lr in rates:
            for y in SMALL.ys:
                for x in SMALL.xs:
                    run = grid_run(SMALL, optimizer, lr, x, y)
                    at = index - sum(len(r) * 2 for o, r in SMALL.rates[:[o for o, _ in SMALL.rates].index(optimizer)])
                    assert OUTCOMES[int(runs["outcome"][at])] == run.outcome and runs["nit"][at] == run.nit
                    assert small_data["sentences"][runs["say"][at]] == run_statement(SMALL, run).text("vi")
                    columns, rows = decode_path(runs["path"][at]), decode_path(runs["pathY"][at])
                    assert len(columns) == len(rows) == len(run.xs)
                    px, py = run.xs[-1]
                    px, py = min(max(px, a), b), min(max(py, c), d)
                    assert (columns[-1], rows[-1]) == (round((px - a) / (b - a) * (width - 1)),
                                                       round((d - py) / (d - c) * (height - 1)))
                    index += 1
    assert small_data["shown"] == [{"role": "gd", "label": "hạ giang mắc kẹt", "optimizer": "gd", "x": 0, "y": 0,
                                    "rate": 0}]
    assert [p["label"] for p in small_data["points"]] == ["(−1; 0)", "(0; 0)", "(1; 0)"]


def test_each_outcome_is_said_truly(small_data):
    """By hand: from (0, 0.5) plain descent keeps x = 0 (∂f/∂x = 0 there) and y shrinks by 1 − 2η = 0.8 a step to the
    saddle, where it stalls. From (0.5, 0.5), x ↦ x − 4ηx(x² − 1): η = 0.27 settles into the 2-cycle 0.8357 ↔ 1.1079
    (a fixed point of the map applied twice, whose slope there is below 1 in size); η = 0.6 goes 0.5 → 1.4 → −1.8256,
    out of [−1.6, 1.6] at step 2, and then on to 8.3955 and away."""
    said = {}
    for optimizer, rates in SMALL.rates:
        for lr in rates:
            for x in SMALL.xs:
                run = grid_run(SMALL, optimizer, lr, x, 0.5)
                statement = run_statement(SMALL, run)
                said[(optimizer, lr, x)] = (run.outcome, statement.text("en"))
                assert [check(claim) for claim in statement.claims] == [None] * len(statement.claims), said
    assert said[("gd", 0.1, 0.0)][1].startswith("Stalled: after 100 steps the ball is less than ")
    assert said[("gd", 0.1, 0.0)][1].endswith("from the saddle point (0, 0), where |∇f| has all but vanished.")
    assert said[("gd", 0.27, 0.5)] == ("oscillating", "Oscillating: from step 2 on, the ball keeps jumping back and "
                                                      "forth and does not converge.")
    assert said[("gd", 0.6, 0.5)] == ("diverged", "Diverged: the ball leaves the box at step 2.")
    assert said[("gd", 0.1, 0.5)][1].startswith("Converged to the minimum (1, 0) in ")
    assert {outcome for outcome, _ in said.values()} >= {"converged", "stalled", "oscillating", "diverged"}


def test_a_false_sentence_about_a_run_is_caught():
    swing = grid_run(SMALL, "gd", 0.27, 0.5, 0.5)
    (claim,) = run_statement(SMALL, swing).claims
    assert check(dataclasses.replace(claim, count=claim.count + 3)) is not None  # it swings from earlier
    gone = grid_run(SMALL, "gd", 0.6, 0.5, 0.5)
    (claim,) = run_statement(SMALL, gone).claims
    assert check(dataclasses.replace(claim, exit_step=claim.exit_step - 1, count=claim.count - 1)) is not None
    # a run that converges said to swing for ever, or to leave
    calm = grid_run(SMALL, "gd", 0.1, 0.5, 0.5)
    claim = run_statement(SMALL, calm).claims[0]
    assert check(dataclasses.replace(claim, outcome="oscillating", count=1)) is not None
    assert check(dataclasses.replace(claim, outcome="diverged", count=len(calm.xs), exit_step=len(calm.xs))) \
        is not None
    stalled = grid_run(SMALL, "gd", 0.1, 0.0, 0.5)
    (claim,) = run_statement(SMALL, stalled).claims
    assert check(dataclasses.replace(claim, near=(0.5, 0.0))) is not None  # not within r of another point


def test_the_page_paints_the_bands_in_the_videos_colours():
    """The explorable's palette (scenes.theme.band_colours, written into the data file) is the one manim
    interpolates for the video's map, to the last bit of every band."""
    from manim.utils.color import ManimColor

    from scenes import theme

    for bands in (2, 10, 17):
        video = [tuple(ManimColor(theme.CONTOUR_LOW).interpolate(ManimColor(theme.CONTOUR_HIGH),
                                                                 k / (bands - 1)).to_int_rgba()) for k in range(bands)]
        assert [tuple(ManimColor(c).to_int_rgba()) for c in theme.band_colours(bands)] == video
    assert theme.band_colours(10)[0] == theme.CONTOUR_LOW and theme.band_colours(10)[-1] == theme.CONTOUR_HIGH


def test_a_surface_whose_video_shows_no_run_has_a_grid_across_the_stability_line():
    """x² + 10y²: no saddle, so the clip shows no run; its Hessian diag(2, 20) makes plain descent stable below
    η = 2/20 = 0.1 (y ↦ (1 − 20η)y), so the ladder 0.03/20 … 3/20 on the 1-3 scale is 0.003, 0.01, 0.03, 0.1,
    and at 0.1 y swings between ±y₀ for ever."""
    from dataclasses import replace

    from lessons.config import SurfaceInput
    from sections import context, load_lesson

    plan = context(replace(load_lesson(), surface=SurfaceInput("x^2 + 10y^2", ((-2.0, 2.0), (-1.0, 1.0))),
                           language="en")).plan("saddle_points")
    assert plan.extra.runs == ()
    (tab,) = plan.explore
    assert dict(tab.rates)["gd"] == (0.003, 0.01, 0.03, 0.1) and tab.shown == ()
    assert (len(tab.xs), len(tab.ys)) == (9, 5)
    swing = grid_run(tab, "gd", 0.1, -1.5, 0.5)
    assert swing.outcome == "oscillating" and swing.xs[1][1] == -0.5 and swing.xs[2][1] == 0.5
    statement = run_statement(tab, swing)
    assert statement.text("en") == ("Oscillating: from step 1 on, the ball keeps jumping back and forth and does "
                                    "not converge.")
    assert [check(c) for c in statement.claims] == [None]


def test_a_run_that_leaves_the_map_says_so():
    """f = xy on [−1, 1]²: ∇f = (y, x), so from (1/4, −1/4) plain descent moves along (1, −1), multiplying both
    coordinates by 1 + η a step. With η = 0.03 the ball passes 1 at step 47 (1.03⁴⁶ = 3.895, 1.03⁴⁷ = 4.012) and
    after 100 steps is at ±0.25 · 1.03¹⁰⁰ = ±4.805, inside the box widened ten times: still moving, off the map.
    With η = 0.1 it passes 1 at step 15 (1.1¹⁵ = 4.18) and leaves for good (past 1 + 10·2√2 at step 50)."""
    tab = SurfaceTab("x*y", ((-1.0, 1.0), (-1.0, 1.0)), 100, 0.9, (0.25,), (-0.25,), (("gd", (0.03, 0.1)),), ())
    slow, fast = grid_run(tab, "gd", 0.03, 0.25, -0.25), grid_run(tab, "gd", 0.1, 0.25, -0.25)
    said = run_statement(tab, slow)
    assert (slow.outcome, said.text("en")) == ("max_steps", "Off the map: the ball leaves the box at step 47, and "
                                                            "after 100 steps is at (4.8, −4.8).")
    assert (fast.outcome, run_statement(tab, fast).text("en")) == ("diverged", "Diverged: the ball leaves the box "
                                                                               "at step 15.")
    assert [check(c) for c in said.claims] == [None]
    assert check(dataclasses.replace(said.claims[0], exit_step=46)) is not None
