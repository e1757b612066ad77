"""--surface EXPR --surface-domain A B C D and the lesson file's [surface]: a mistake is one line and exit
status 2, nothing written; a good surface adds the section saddle_points, and only it."""

from __future__ import annotations

import pytest

from tests.helpers import one_line_error, run_main

BOX = ("-1.6", "1.6", "-1.2", "1.2")


@pytest.mark.parametrize("args, says", [
    (("--surface", "(x^2 - 1)^2 +", "--surface-domain", *BOX), "(x^2 - 1)^2 +"),
    (("--surface", "log(x) + y^2", "--surface-domain", *BOX), "undefined"),
    (("--surface", "x^2 + z^2", "--surface-domain", *BOX), "z"),
    (("--surface", "x^2 + y^2", "--surface-domain", "1", "-1", "-1", "1"), "empty"),
    (("--surface", "x^2 + y^2", "--surface-domain", "-1", "1", "-1"), "expected 4 arguments"),
    (("--surface", "x^2 + y^2"), "--surface and --surface-domain go together"),
    (("--section", "saddle_points"), "shown only when the lesson has a surface"),
    (("--surface", "x^2y^2", "--surface-domain", *BOX), "x^2y^2: ∇f = 0 along a whole curve through ("),
])
def test_a_bad_surface_is_one_line_and_status_two(tmp_path, args, says):
    done = run_main(*args, "--section", "saddle_points", "--list", "--out", str(tmp_path / "out"))
    one_line_error(done, says)
    assert not (tmp_path / "out").exists()


def test_a_lesson_files_surface_table_is_checked(tmp_path):
    config = tmp_path / "lesson.toml"
    config.write_text('lesson = "s"\nfunction = "x^3 - 3x"\ndomain = [-2, 2]\n[surface]\nfunction = "x*y"\n'
                      'domain = [-1, 1]\n', encoding="utf-8")
    one_line_error(run_main("--config", str(config), "--list"), "[surface] needs function")


def test_a_surface_adds_its_section_as_the_fifth_and_keeps_its_folder_apart(tmp_path):
    done = run_main("--surface", "(x^2 - 1)^2 + y^2", "--surface-domain", *BOX, "--section", "saddle_points",
                    "--section", "conclusion", "--list")
    assert done.returncode == 0, done.stderr
    assert "5. saddle_points" in done.stdout and "6. conclusion" in done.stdout
    assert "A contour map of f(x, y) = (x² − 1)² + y² on [−1.6, 1.6] × [−1.2, 1.2]." in done.stdout
    assert "aero_llm_14_derivatives_find_minima--surface-" in done.stdout.splitlines()[0]


def test_analyze_refuses_critical_points_that_fill_a_curve_in_one_line():
    done = run_main("analyze", "(x y - 1)^2", "--domain", "0.5", "2.5", "--ydomain", "0.5", "2.5", "--json")
    one_line_error(done, "error: (x y - 1)^2: ∇f = 0 along a whole curve through (1, 1), not at separate points")
    assert done.stdout == ""
