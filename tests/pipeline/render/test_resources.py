"""How many processes draw at once (pipeline.render.resources): the cores, and what the available memory holds at
the quality drawn, measured through probes the tests replace (LESSON_VIDEO_CORES, LESSON_VIDEO_MEMORY)."""

import pytest

from pipeline.render import resources
from pipeline.render import run as render_run
from pipeline.render.plan import RenderRequest, make_plan
from pipeline.render.resources import DRAWING_MEMORY, GIB, DrawingBudget, Machine, capped_jobs, machine
from pipeline.render.section import SectionFailed
from tests.helpers import one_line_error, run_main


def test_a_section_alone_at_4k_gets_the_processes_the_memory_holds_not_one_per_core():
    """4k takes about 6 GiB a drawing process: 16 cores with 64 GiB would have asked for about 100 GiB."""
    budget = DrawingBudget(Machine(cores=16, memory=64 * GIB), jobs=1, waiting=1)
    assert budget.take("4k") == 64 * GIB // DRAWING_MEMORY["4k"] == 9
    budget = DrawingBudget(Machine(cores=16, memory=64 * GIB), jobs=1, waiting=1)
    assert budget.take("high") == 16  # at 1080p the cores decide
    budget = DrawingBudget(Machine(cores=16, memory=2 * GIB), jobs=1, waiting=1)
    assert budget.take("4k") == 1  # short of memory: one process still renders


def test_sections_running_at_once_never_hold_more_drawing_processes_than_the_memory():
    found = Machine(cores=8, memory=20 * GIB)  # three 4k processes fit
    budget = DrawingBudget(found, jobs=3, waiting=5)
    taken = [budget.take("4k") for _ in range(3)]  # the first leaves room for the two that start beside it
    assert taken == [1, 1, 1] and budget.in_use <= found.memory
    budget.give_back(1, "4k")
    assert budget.take("4k") == 1 and budget.in_use <= found.memory
    budget.give_back(1, "4k")
    budget.give_back(1, "4k")
    assert budget.take("4k") == 2  # the last one: every core the memory holds (20 GiB - one running)
    roomy = DrawingBudget(Machine(cores=8, memory=64 * GIB), jobs=2, waiting=4)
    assert [roomy.take("high"), roomy.take("high")] == [4, 4]  # memory to spare: the cores are shared


def test_the_last_section_to_start_takes_every_core_it_has_memory_for():
    budget = DrawingBudget(Machine(cores=4, memory=64 * GIB), jobs=2, waiting=3)
    assert [budget.take("high") for _ in range(3)] == [2, 2, 4]


def test_jobs_beyond_what_the_memory_holds_are_capped_with_a_warning():
    found = Machine(cores=2, memory=8 * GIB)
    assert capped_jobs(None, found, "high") == (2, "")  # the default: the cores
    assert capped_jobs(3, found, "tiny") == (3, "")
    jobs, warning = capped_jobs(100, found, "high")
    assert jobs == 8 * GIB // DRAWING_MEMORY["high"] == 5
    assert warning == ("--jobs 100: this machine holds 5 sections at once (2 cores, 8.0 GiB of memory available, "
                       "about 1.6 GiB per section at high); rendering 5 at once")


def test_the_probes_can_be_replaced_and_a_bad_value_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv(resources.CORES_ENV, "3")
    monkeypatch.setenv(resources.MEMORY_ENV, "5G")
    assert machine() == Machine(cores=3, memory=5 * GIB)
    assert resources.parse_size("512M") == 512 << 20 and resources.parse_size("1.5GiB") == 3 << 29 and resources.parse_size("lots") is None
    monkeypatch.delenv(resources.CORES_ENV)
    monkeypatch.delenv(resources.MEMORY_ENV)
    real = machine()
    assert real.cores >= 1 and real.memory > 0
    one_line_error(run_main("--dry-run", "--section", "critical_points", env={resources.MEMORY_ENV: "lots"}),
                   f"{resources.MEMORY_ENV}='lots': must be a positive size such as 4G")


def test_render_warns_and_caps_jobs_beyond_the_memory(capsys):
    done = run_main("--dry-run", "--section", "critical_points", "--quality", "4k", "--jobs", "100",
                    env={resources.CORES_ENV: "16", resources.MEMORY_ENV: "20G"})
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == ("warning: --jobs 100: this machine holds 3 sections at once (16 cores, "
                                           "20.0 GiB of memory available, about 6.5 GiB per section at 4k); "
                                           "rendering 3 at once")


def test_a_section_is_drawn_by_the_processes_its_share_of_the_memory_holds(monkeypatch):
    """The processes a section's worker is told to use, with a machine of 16 cores and 14 GiB faked."""
    plan = make_plan(RenderRequest(sections=("minima_vs_maxima",), quality="4k"))
    told = []

    def draw(section_plan, workdir, quality, voice, processes, run):
        told.append(processes)
        raise SectionFailed("stopped here")
    monkeypatch.setattr(render_run, "draw", draw)
    state = render_run.RunState(writer=None, budget=DrawingBudget(Machine(cores=16, memory=14 * GIB), 1, 1))
    outcome = render_run.render_one(plan, plan.jobs[0], state)
    assert not outcome.ok and told == [2] and state.budget.in_use == 0


@pytest.mark.parametrize("quality", ["tiny", "low", "medium", "high", "4k"])
def test_every_quality_has_a_memory_figure_that_grows_with_the_frame(quality):
    order = ["tiny", "low", "medium", "high", "4k"]
    assert all(DRAWING_MEMORY[a] < DRAWING_MEMORY[b] for a, b in zip(order, order[1:]))
    assert DRAWING_MEMORY[quality] >= 256 << 20
