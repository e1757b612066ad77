"""The explorable's grid (lessons/explore.py): every run the video shows is on it and reads back exactly as
the video has it; grid values are round numbers whose labels read back to themselves; the data stays within
its budget for the whole corpus."""

import json
from functools import cache

import pytest

from lessons.config import with_overrides
from lessons.explore import OUTCOMES, column, decode_path, encode_path, grid_data, typed
from lessons.runs import Run
from pipeline.pages.explorable import MAX_DATA_BYTES
from sections import context, load_lesson
from tests.helpers import read_label
from tests.lessons.corpus import CORPUS

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


@cache
def plan_of(function=None, domain=None, language=None):
    lesson = with_overrides(load_lesson(None), function, domain, language)
    return context(lesson).plan("gradient_descent"), context(lesson).plan("plateaus")


# the default lesson's grid takes seconds to make: the tests that read it share one worker, which makes it once
ONE_GRID = pytest.mark.xdist_group("explore_grid")


@cache
def data_of(function=None, domain=None, language="vi"):
    plan, _ = plan_of(function, domain)
    return grid_data(plan.explore, language)


def grid_run(tab: dict, optimizer: str, start_index: int, rate_index: int) -> dict:
    runs, index = tab["runs"][optimizer], rate_index * len(tab["starts"]) + start_index
    return {"outcome": OUTCOMES[int(runs["outcome"][index])], "nit": runs["nit"][index],
            "final_x": runs["final"][index], "sentence": tab["sentences"][runs["say"][index]],
            "columns": decode_path(runs["path"][index])}


@ONE_GRID
def test_every_run_the_video_shows_is_on_the_grid_exactly():
    plan, plateau_plan = plan_of()
    data = data_of()
    shown = {("descent", run.role): run for run in plan.runs[:5]}
    shown.update({("plateau", run.role): run for run in (*plateau_plan.runs, *plan.runs[5:])})
    tabs = {tab["kind"]: tab for tab in data["tabs"]}
    assert {tab["function"] for tab in tabs.values()} == {plan.analysis.function.text, plateau_plan.analysis.function.text}
    found = set()
    for kind, tab in tabs.items():
        for item in tab["shown"]:
            run = shown[(kind, item["role"])]
            t = run.trajectory
            assert tab["starts"][item["start"]] == t.start and tab["rates"][item["optimizer"]][item["rate"]] == t.lr
            assert item["optimizer"] == t.optimizer
            got = grid_run(tab, item["optimizer"], item["start"], item["rate"])
            assert (got["outcome"], got["nit"], got["final_x"]) == (t.outcome, t.nit, t.final_x), item
            assert got["sentence"] == run.result().text("vi")  # the caption's very words
            assert got["columns"] == [column(x, run.analysis.domain) for x in run.drawn_xs()]
            found.add((kind, item["role"]))
    assert found == set(shown)  # from_left … lr_large, slope, plateau, escape_gd, escape


@ONE_GRID
def test_the_default_lessons_grid_spans_too_small_to_too_large():
    plan, _ = plan_of()
    tab = next(t for t in data_of()["tabs"] if t["kind"] == "descent")
    rates = {run.role: run.trajectory.lr for run in plan.runs[:5]}
    assert (rates["lr_small"], rates["lr_good"], rates["lr_large"]) == (0.004, 0.08, 0.36)
    ladder = tab["rates"]["gd"]
    assert ladder == sorted(ladder) and ladder[0] < 0.004 and ladder[-1] > 0.36 and {0.004, 0.08, 0.36} <= set(ladder)
    assert tab["rates"]["momentum"] == ladder and tab["optimizerLabels"]["momentum"] == "Có quán tính, μ = 0,9"
    assert tab["rates"]["adam"] == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]  # its own range: width 5 × 0.002 … 0.2
    assert tab["steps"] == 60 and tab["stepsLabel"] == "Tối đa 60 bước, như trong video"
    assert tab["starts"][0] == -2 and tab["starts"][-1] == 3 and len(tab["starts"]) <= 41
    # the grid's runs end in every way the lesson names
    outcomes = {o for runs in tab["runs"].values() for o in runs["outcome"]}
    assert {OUTCOMES[int(o)] for o in outcomes} >= {"converged", "oscillating", "diverged", "max_steps"}


@ONE_GRID
def test_every_label_reads_back_to_the_number_the_run_used():
    data = data_of()
    for tab in data["tabs"]:
        assert [read_label(t) for t in tab["startLabels"]] == tab["starts"]
        for optimizer, rates in tab["rates"].items():
            assert [read_label(t) for t in tab["rateLabels"][optimizer]] == rates
            assert all(len(f"{r:g}") <= 6 for r in rates)  # round numbers: 0.36, 0.002, 5
    plan, _ = plan_of()
    for tab in plan.explore:  # in English too (the same values: the plan's, not the language's)
        assert [read_label(typed(v, "en")) for v in tab.starts] == list(tab.starts)
        assert [read_label(typed(v, "en")) for _, rates in tab.rates for v in rates] == \
            [v for _, rates in tab.rates for v in rates]
    assert typed(-1.5, "vi") == "−1,5" and typed(5e-05, "en") == "5×10⁻⁵" and read_label("5×10⁻⁵") == 5e-05
    assert typed(0.36, "vi") == "0,36" and typed(2.5, "en") == "2.5"


@ONE_GRID
def test_the_page_words_are_the_lessons_language():
    from lessons.explore import WORDS

    assert data_of()["words"]["rate"] == "Tốc độ học η" and data_of()["language"] == "vi"
    assert {key: entry["en"] for key, entry in WORDS.items()}["rate"] == "Learning rate η"
    plan, _ = plan_of()
    assert plan.runs[1].result().text("en") == "Converged to the minimum x = 2 in 4 steps."


def test_paths_survive_their_encoding():
    for columns in ([0], [5, 5, 5, 5], [1023, 0, 1023], list(range(0, 1000, 7)), [3] * 200 + [40, 41, 900],
                    [512, 542, 482, 513]):
        assert decode_path(encode_path(columns)) == columns
    assert len(encode_path([500] * 300)) <= 3 + 2 * 5  # a stalled ball costs a few characters


@ONE_GRID
def test_the_default_lessons_data_fits_its_budget():
    text = json.dumps(data_of(), ensure_ascii=False, separators=(",", ":"))
    assert len(text.encode()) <= MAX_DATA_BYTES


@pytest.mark.slow
@pytest.mark.parametrize("function, domain", CORPUS)
def test_every_corpus_lessons_data_fits_its_budget(function, domain):
    data = data_of(function, domain)
    assert len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()) <= MAX_DATA_BYTES
    plan, _ = plan_of(function, domain)
    tab = next(t for t in data["tabs"] if t["kind"] == "descent")
    for run in plan.runs[:5]:
        item = next(i for i in tab["shown"] if i["role"] == run.role)
        got = grid_run(tab, item["optimizer"], item["start"], item["rate"])
        assert (got["outcome"], got["nit"], got["final_x"]) == (run.trajectory.outcome, run.trajectory.nit,
                                                                run.trajectory.final_x)
        assert got["sentence"] == Run(run.role, run.trajectory, run.analysis).result().text("vi")


@ONE_GRID
def test_the_y_axis_and_the_plateaus_are_drawn_where_mathcore_puts_them():
    """Each tick's row is its value's row on the plot, its label the value as the video writes it; the L tab
    shades the plateaus mathcore found on L (the descent tab's f has none), each from its first column to its
    last, its name on the side the curve leaves free."""
    from lessons.explore import ROWS

    data = data_of()
    for tab in data["tabs"]:
        ticks = tab["yTicks"]
        assert 4 <= len(ticks) <= 7 and all(0 <= t["row"] <= ROWS - 1 for t in ticks)
        values = [read_label(t["label"]) for t in ticks]
        step = values[1] - values[0]
        assert all(abs((b - a) - step) < 1e-9 * max(1.0, abs(step)) for a, b in zip(values, values[1:]))
        rows_per_unit = (ticks[0]["row"] - ticks[-1]["row"]) / (values[-1] - values[0])
        assert all(abs(t["row"] - (ticks[0]["row"] - (v - values[0]) * rows_per_unit)) <= 1
                   for t, v in zip(ticks, values))
    descent, plateau = data["tabs"]
    _, plateau_plan = plan_of()
    analysis = plateau_plan.analysis
    domain = analysis.domain
    assert descent["plateaus"] == [] and len(plateau["plateaus"]) == len(analysis.plateaus) >= 1
    for band, found in zip(plateau["plateaus"], analysis.plateaus):
        assert band[:2] == [column(found.start, domain), column(found.end, domain)]
        curve = [plateau["curve"][c] for c in range(band[0], band[1] + 1)]
        assert min(abs(row - band[2]) for row in curve) > 100  # the name is far from the curve
