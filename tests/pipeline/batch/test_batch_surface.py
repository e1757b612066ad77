"""A batch variant's surface f(x, y) (`surface = { function = "…", domain = [[a, b], [c, d]] }`, or the CSV
columns `surface` and `surface_domain`): read and checked with the file, handed to the render as --surface, and
keyed so the store tells apart the sections it changes."""

from pathlib import Path

import pytest

from lessons.config import SurfaceInput
from pipeline.batch.file import BatchFileError, Variant, read_batch
from pipeline.batch.run import Overrides, plan_lessons, request_for
from tests.helpers import one_line_error, run_main

LIFTED = "x^4/4 - x^3/3 - x^2 + 1"  # the default lesson's function, whose sections 1–4 every variant shares
HEAD = f'[[variant]]\nfunction = "{LIFTED}"\ndomain = [-2, 3]\n'


def write(tmp_path: Path, text: str, name: str = "batch.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_variant_carries_its_surface_as_an_inline_table_or_a_sub_table(tmp_path):
    path = write(tmp_path, HEAD + 'surface = { function = "x^2 - y^2", domain = [[-1, 1], [-2, 2.5]] }\n'
                 + HEAD + '[variant.surface]\nfunction = "xy"\ndomain = [[0, 1], [-1, 0]]\n' + HEAD)
    first, second, third = read_batch(path).variants
    assert first.surface == SurfaceInput("x^2 - y^2", ((-1.0, 1.0), (-2.0, 2.5)))
    assert second.surface == SurfaceInput("xy", ((0.0, 1.0), (-1.0, 0.0)))
    assert third.surface is None


def test_csv_gives_a_surface_in_two_columns(tmp_path):
    path = write(tmp_path, "function,start,end,surface,surface_domain\n"
                 "x^2,-1,1,x^2 - y^2,-1 1 -2 2.5\nx^3,-1,1,,\n", name="sheet.csv")
    first, second = read_batch(path).variants
    assert first.surface == SurfaceInput("x^2 - y^2", ((-1.0, 1.0), (-2.0, 2.5)))
    assert second.surface is None


def test_the_render_gets_the_surface_as_the_command_line_gives_it():
    variant = Variant(1, "x^2", (-1.0, 1.0), surface=SurfaceInput("xy", ((-1.0, 1.0), (-2.0, 2.0))))
    assert request_for(variant, Overrides(), "out", 1).surface == ("xy", (-1.0, 1.0, -2.0, 2.0))
    assert request_for(Variant(1, "x^2", (-1.0, 1.0)), Overrides(), "out", 1).surface == (None, None)


@pytest.mark.parametrize("body, needle", [
    ('surface = "x^2 - y^2"\n', "entry 1: surface must be a table of f(x, y) and its box"),
    ('surface = { function = "x^2 - y^2" }\n', "entry 1: surface must be a table"),
    ('surface = { function = "xy", domain = [-1, 1, -1, 1] }\n', "entry 1: surface must be a table"),
    ('surface = { function = "xy", domain = [[-1, 1], [-1]] }\n', "entry 1: surface must be a table"),
    ('surface = { function = " ", domain = [[-1, 1], [-1, 1]] }\n', "entry 1: surface must be a table"),
    ('surface = { function = "xy", domain = [[-1, 1e400], [-1, 1]] }\n', "entry 1: surface must be a table"),
    ('surface = { function = "xy", domain = [[1, -1], [-1, 1]] }\n',
     "entry 1: surface: domain [[1, -1], [-1, 1]] must be [[a, b], [c, d]] with a < b and c < d"),
    ('surface = { function = "xy", domain = [[-1, 1], [2, 2]] }\n', "with a < b and c < d"),
    ('surface = { function = "xy", domain = [[-1, 1], [-1, 1]], box = 1 }\n',
     "entry 1: surface: unknown key 'box' (a surface has function and domain)"),
])
def test_a_bad_surface_refuses_the_batch_in_one_line_naming_the_entry(tmp_path, body, needle):
    with pytest.raises(BatchFileError, match=needle.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        read_batch(write(tmp_path, HEAD + body))


@pytest.mark.parametrize("text, needle", [
    ("function,start,end,surface\nx^2,-1,1,xy\n", "entry 1: a surface needs both cells"),
    ("function,start,end,surface,surface_domain\nx^2,-1,1,xy,-1 1 -1\n", "entry 1: a surface needs both cells"),
    ("function,start,end,surface,surface_domain\nx^2,-1,1,xy,-1 1 -1 one\n",
     "entry 1: surface_domain must be a number, not 'one'"),
    ("function,start,end,surface,surface_domain\nx^2,-1,1,xy,1 -1 -1 1\n", "with a < b and c < d"),
])
def test_a_bad_csv_surface_is_one_line_too(tmp_path, text, needle):
    with pytest.raises(BatchFileError, match=needle.replace("(", r"\(")):
        read_batch(write(tmp_path, text, name="sheet.csv"))


def test_the_command_refuses_a_bad_surface_with_status_2_and_no_traceback(tmp_path):
    path = write(tmp_path, HEAD + 'surface = { function = "xy", domain = [[1, -1], [-1, 1]] }\n')
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"))
    one_line_error(done, f"{path}: entry 1: surface: domain [[1, -1], [-1, 1]] must be")
    assert not (tmp_path / "out").exists()


def test_variants_differing_only_in_their_surface_are_two_lessons_not_a_repeat(tmp_path):
    surfaces = (HEAD + 'surface = { function = "xy", domain = [[-1, 1], [-1, 1]] }\n'
                + HEAD + 'surface = { function = "xy", domain = [[-1, 1], [-1, 2]] }\n' + HEAD)
    assert [v.number for v in read_batch(write(tmp_path, surfaces)).variants] == [1, 2, 3]
    with pytest.raises(BatchFileError, match="entry 2 repeats entry 1"):
        read_batch(write(tmp_path, (HEAD + 'surface = { function = "xy", domain = [[-1, 1], [-1, 1]] }\n') * 2))


@pytest.mark.slow  # plans the saddle section and the conclusion (which replays every section) for three variants
def test_keys_tell_apart_the_sections_a_surface_changes_and_share_the_others(tmp_path):
    """Two surfaces: two saddle_points keys and two lesson folders; the conclusion is the same video for both
    (section 6, the same replay) and another without a surface (section 5)."""
    path = write(tmp_path, '[defaults]\nquality = "tiny"\nvoice = "none"\n'
                 'sections = ["critical_points", "saddle_points", "conclusion"]\n'
                 + HEAD + 'surface = { function = "x^2 - y^2", domain = [[-1, 1], [-1, 1]] }\n'
                 + HEAD + 'surface = { function = "(x^2 - 1)^2 + y^2", domain = [[-2, 2], [-1.5, 1.5]] }\n'
                 + HEAD + 'sections = ["critical_points", "conclusion"]\n')
    a, b, plain = plan_lessons(read_batch(path), Overrides(), str(tmp_path / "out"), 1)
    assert not (a.error or b.error or plain.error)
    assert a.keys["saddle_points"] != b.keys["saddle_points"]
    assert a.keys["critical_points"] == b.keys["critical_points"] == plain.keys["critical_points"]
    assert a.keys["conclusion"] == b.keys["conclusion"] != plain.keys["conclusion"]
    assert len({a.plan.out_dir, b.plan.out_dir, plain.plan.out_dir}) == 3
    assert [job.plan.extra.function for job in a.plan.jobs if job.slug == "saddle_points"] == ["x^2 - y^2"]
