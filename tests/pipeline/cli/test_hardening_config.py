"""Lesson files that are not what they seem: refused on one line before anything renders."""

import os

import pytest

from tests.helpers import one_line_error, run_cli, run_main, tree_hash


@pytest.mark.parametrize("kind", ["dev_zero", "fifo", "folder"])
def test_a_config_that_is_not_a_regular_file_is_refused_without_reading_it(tmp_path, kind):
    path = {"dev_zero": "/dev/zero", "folder": str(tmp_path)}.get(kind)
    if kind == "fifo":
        path = str(tmp_path / "lesson.toml")
        os.mkfifo(path)  # opening it for reading would block forever
    done = run_main("--config", path, "--dry-run", "--out", str(tmp_path / "out"))
    one_line_error(done, "not a regular file")
    assert not (tmp_path / "out").exists()


def test_a_lesson_file_with_a_byte_order_mark_is_read(tmp_path):
    config = tmp_path / "lesson.toml"
    config.write_bytes(b"\xef\xbb\xbf" + b'lesson = "bom"\nfunction = "x^3 - 3x"\ndomain = [-2, 2]\n'
                       b'[sections.plateaus.fallback]\nfunction = "(sigmoid(2x) - 0.9)^2"\ndomain = [-7, 4]\n'
                       b'[sections.gradient_descent.fallback]\nfunction = "x^4/4 - x^3/3 - x^2 + 1"\n'
                       b'domain = [-2, 3]\n')
    done = run_main("--config", str(config), "--list", "--section", "critical_points")
    assert done.returncode == 0, done.stderr
    assert "lesson bom" in done.stdout


def test_a_lesson_file_that_is_not_utf8_names_the_byte(tmp_path):
    config = tmp_path / "lesson.toml"
    config.write_bytes(b'lesson = "\xff"\n')
    before = tree_hash(tmp_path)
    one_line_error(run_main("--config", str(config), "--dry-run"), "not UTF-8 (byte 10)")
    assert tree_hash(tmp_path) == before


LESSON_HEAD = 'lesson = "bounds"\nfunction = "x^3 - 3x"\ndomain = [-2, 2]\n'


@pytest.mark.parametrize("table, needle", [
    ("[sections.plateaus]\nsigmoid_depths = [-1, 0]\n", "sigmoid_depths must be whole numbers from 1 to 50"),
    ("[sections.plateaus]\nsigmoid_depths = [1, 100000000]\n", "sigmoid_depths must be whole numbers from 1 to 50"),
    ("[sections.gradient_descent]\nlearning_rates = [" + ", ".join(["0.1"] * 100_000) + "]\n",
     "learning_rates has 100000 items; at most 10 are allowed"),
    ("[sections.plateaus]\nsigmoid_depths = [" + ", ".join(["1"] * 1_000) + "]\n",
     "sigmoid_depths has 1000 items"),
])
def test_lesson_file_values_are_bounded_before_anything_renders(tmp_path, table, needle):
    config = tmp_path / "lesson.toml"
    config.write_text(LESSON_HEAD + table, encoding="utf-8")
    done = run_main("--config", str(config), "--out", str(tmp_path / "out"), "--quality", "tiny")
    one_line_error(done, needle)
    assert not (tmp_path / "out").exists()


def test_the_render_path_refuses_a_deeply_nested_function_by_its_size_not_by_time(tmp_path):
    nested = "sigmoid(" * 29 + "x" + ")" * 29
    done = run_cli("--function", nested, "--domain", "-1", "1", "--out", str(tmp_path / "out"), timeout=60)
    one_line_error(done, "nests 29 functions inside each other (at most 8); simplify it")
    assert not (tmp_path / "out").exists()
