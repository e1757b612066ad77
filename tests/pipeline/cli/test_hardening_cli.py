"""render.py's own edges: Ctrl-C before the modules load, counts and budgets checked, a full $TMPDIR, the
lock's holder named, folder names of overrides, limits named as written, a POSIX locale. Validation runs
`render.main` in-process; signals and locales run the real CLI in a subprocess."""

import fcntl
import os
import subprocess
import sys

import pytest

import render
from mathcore.budget import HANG_GUARD_ENV
from pipeline import lock
from pipeline.faults import FAULT_ENV
from pipeline.lock import FolderBusy, lesson_lock
from pipeline.render import run as render_run
from pipeline.render.plan import RenderRequest, make_plan
from pipeline.render.resources import DrawingBudget, Machine
from tests.helpers import LESSON, ROOT, one_line_error, run_cli, tree_hash

SECTION = ("--section", "minima_vs_maxima", "--quality", "tiny")


def error_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_ctrl_c_before_the_modules_have_loaded_is_one_line_not_a_traceback():
    done = run_cli("--dry-run", env={FAULT_ENV: "starting:SIGINT"}, timeout=60)
    assert done.returncode == 130, done.stderr
    assert done.stderr == "error: interrupted\n" and done.stdout == ""


@pytest.mark.parametrize("jobs, needle", [("0", "must be 1 or more"), ("-1", "must be 1 or more"),
                                          ("two", "must be a whole number of 1 or more, not 'two'")])
def test_a_jobs_count_below_one_is_refused(tmp_path, capsys, jobs, needle):
    assert render.main(["--jobs", jobs, "--out", str(tmp_path / "out"), *SECTION]) == 2
    lines = error_lines(capsys)
    assert len(lines) == 1 and lines[0].startswith("error: argument --jobs: ") and needle in lines[0], lines
    assert not (tmp_path / "out").exists()


def test_a_full_tmpdir_is_one_line_before_anything_renders(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(FAULT_ENV, "workdir:ENOSPC")  # raised where a section's work folder is made
    assert render.main(["--out", str(tmp_path / "out"), *SECTION]) == 2
    lines = error_lines(capsys)
    assert len(lines) == 1 and lines[0].startswith("error: cannot make a work folder in "), lines
    assert "(No space left on device); free space there or set TMPDIR to a writable folder" in lines[0]
    assert not (tmp_path / "out").exists()


def test_a_tmpdir_that_fills_up_during_the_run_fails_the_section_with_the_reason(monkeypatch):
    plan = make_plan(RenderRequest(sections=("minima_vs_maxima",), quality="tiny"))
    state = render_run.RunState(writer=None, budget=DrawingBudget(Machine(cores=2, memory=8 << 30), jobs=1, waiting=1))
    monkeypatch.setenv(FAULT_ENV, "workdir:ENOSPC")
    outcome = render_run.render_one(plan, plan.jobs[0], state)
    assert not outcome.ok and not state.processes
    assert outcome.message.startswith("cannot make a work folder in ") and "No space left on device" in outcome.message


def test_the_guard_against_hangs_can_be_set_and_says_the_machine_is_busy_when_passed(tmp_path, capsys, monkeypatch, fresh_planning):
    monkeypatch.setenv(HANG_GUARD_ENV, "0.001")
    assert render.main(["--dry-run", "--section", "critical_points"]) == 2
    assert error_lines(capsys) == ["error: planning the lesson took more than 0.001 s: the machine is too busy "
                                   "or the input too hard; try again, or simplify the function or use fewer steps"]
    monkeypatch.setenv(HANG_GUARD_ENV, "soon")
    assert render.main(["--dry-run", "--section", "critical_points"]) == 2
    assert error_lines(capsys) == ["error: LESSON_VIDEO_HANG_GUARD='soon': the guard against hangs must be a "
                                   "number of seconds above 0"]


@pytest.fixture
def held(tmp_path):
    """A lesson folder whose lock another process holds until the test ends."""
    folder = tmp_path / "lesson"
    folder.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys\nfd = os.open(sys.argv[1], os.O_RDONLY)\n"
                               "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\nsys.stdin.read()",
                               str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    yield folder, holder.pid
    holder.stdin.close()
    holder.wait(timeout=30)


def test_a_lock_whose_holder_is_not_found_at_first_is_refused_naming_it(held, monkeypatch):
    folder, pid = held
    looks = []
    real = lock._holder

    def holder(path):  # the first look at /proc/locks misses the holder (it was read mid-change)
        looks.append(path)
        return None if len(looks) == 1 else real(path)

    monkeypatch.setattr(lock, "_holder", holder)
    with pytest.raises(FolderBusy, match=f"is in use by process {pid} "):
        with lesson_lock(folder):
            pass
    assert len(looks) == 2


def test_a_holder_that_lets_go_in_between_is_no_reason_to_refuse(tmp_path, monkeypatch):
    folder = tmp_path / "lesson"
    folder.mkdir()
    other = os.open(folder, os.O_RDONLY)  # its own open file: flock conflicts with ours
    fcntl.flock(other, fcntl.LOCK_EX)

    def holder(path):  # the holder ends between our failed try and our look at /proc/locks
        os.close(other)
        return None

    monkeypatch.setattr(lock, "_holder", holder)
    with lesson_lock(folder):
        entered = True
    assert entered


def test_an_override_folder_name_keeps_the_domain_as_typed(capsys):
    assert render.main(["--list", "--function", "x^2", "--domain", "-1e6", "1e6", "--section", "critical_points"]) == 0
    out = capsys.readouterr().out
    assert f"output out/{LESSON}--x-2-on--1e6-1e6-" in out and "1e-06" not in out


def test_a_step_count_too_large_is_refused_with_the_number_written(tmp_path, capsys):
    default = (ROOT / "lessons" / f"{LESSON}.toml").read_text(encoding="utf-8")
    config = tmp_path / "lesson.toml"
    config.write_text(default.replace("steps = 60", "steps = 50000"), encoding="utf-8")
    assert render.main(["--config", str(config), "--dry-run"]) == 2
    lines = error_lines(capsys)
    assert len(lines) == 1 and "[sections.gradient_descent] steps = 50000 is out of range: from 1 to 25000" in lines[0]
    assert "200000" not in lines[0]


POSIX = {"PYTHONUTF8": "0", "LC_ALL": "POSIX", "PYTHONCOERCECLOCALE": "0"}


@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_a_function_with_non_ascii_signs_works_under_a_posix_locale(tmp_path):
    done = run_cli("analyze", "x² − 1", "--domain", "-2", "2", env=POSIX, timeout=60)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "f'(x)  = 2*x" in done.stdout and "(typed: x² − 1)" in done.stdout
    done = run_cli("--dry-run", "--function", "x² − 1", "--domain", "-2", "2", "--section", "critical_points",
                   "--out", str(tmp_path / "out"), env=POSIX, timeout=60)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "f(x) = x² − 1  on [-2, 2]" in done.stdout and f"{LESSON}--x-1-on--2-2-" in done.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("function, needle", [("y²", "unknown name 'y'"),
                                              (os.fsdecode(b"x\xff"), "unexpected character '\ufffd'")])
@pytest.mark.slow  # a real process (signals, process trees or a locale)
def test_a_bad_function_under_a_posix_locale_is_one_line(tmp_path, function, needle):
    before = tree_hash(tmp_path)
    done = run_cli("--dry-run", "--function", function, "--domain", "-2", "2", "--out", str(tmp_path / "out"),
                   env=POSIX, timeout=60)
    one_line_error(done, needle)
    assert tree_hash(tmp_path) == before
