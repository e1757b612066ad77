"""The batch file: read whole, every entry's shape checked, one line naming the entry for any mistake."""

from pathlib import Path

import pytest

from pipeline.batch.file import BatchFileError, Variant, read_batch
from pipeline.batch.run import Overrides, request_for
from tests.helpers import ROOT, one_line_error, run_main

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not

EXAMPLE = ROOT / "examples" / "exercises.toml"


def write(tmp_path: Path, text: str, name: str = "batch.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_exercise_sheet_reads_as_five_named_variants():
    batch = read_batch(EXAMPLE)
    assert [v.number for v in batch.variants] == [1, 2, 3, 4, 5]
    first = batch.variants[0]
    assert (first.function, first.domain, first.quality, first.name) == ("x^3 - 12x", (-3.5, 3.5), "high",
                                                                          "bai-1-x3-12x")
    assert len({v.name for v in batch.variants}) == 5


def test_defaults_apply_to_every_variant_and_a_variant_overrides_them(tmp_path):
    path = write(tmp_path, '[defaults]\nquality = "low"\nlang = "en"\n\n[[variant]]\nfunction = "x^2"\n'
                 'domain = [-1, 1]\n\n[[variant]]\nfunction = "x^4"\ndomain = [-2, 2]\nlang = "vi"\n'
                 'sections = ["plateaus", "critical_points"]\n')
    a, b = read_batch(path).variants
    assert (a.quality, a.language, b.quality, b.language) == ("low", "en", "low", "vi")
    assert b.sections == ("plateaus", "critical_points") and a.sections == ()


def test_command_line_options_override_the_file():
    variant = Variant(1, "x^2", (-1.0, 1.0), language="en", quality="low", voice="espeak", name="n")
    request = request_for(variant, Overrides(quality="tiny", voice="none", language="vi"), "out", 2)
    assert (request.quality, request.voice, request.language, request.name) == ("tiny", "none", "vi", "n")
    assert request_for(variant, Overrides(), "out", 2).quality == "low"
    assert request_for(Variant(1, "x^2", (-1.0, 1.0)), Overrides(), "out", 2).quality == "high"  # render.py's


@pytest.mark.parametrize("body, needle", [
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\n[[variant]]\nfunction = "x^3"\ndomain = [1]\n',
     "entry 2: domain must be two numbers"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nfunktion = "x"\n', "entry 1: unknown key 'funktion'"),
    ('[[variant]]\nfunction = 3\ndomain = [-1, 1]\n', "entry 1: function must be an expression"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nquality = "ultra"\n', "entry 1: quality must be one of"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nlang = "fr"\n', "entry 1: lang must be one of vi, en"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nvoice = "shout"\n', "entry 1: voice 'shout': choose espeak"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nname = "a/b"\n', "entry 1: name must be a lesson folder"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nsections = ["saddles"]\n', "entry 1: sections must be"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nconfig = "nowhere.toml"\n', "entry 1: config 'nowhere.toml'"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\n[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\n',
     "entry 2 repeats entry 1"),
    ('[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\n\n[[variant]]\nfunction = "x^3\ndomain = [-1, 1]\n',
     "entry 2: invalid TOML"),
    ('[defaults]\nfunction = "x^2"\n[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\n', "defaults: unknown key"),
    ('[variants]\nfunction = "x^2"\n', "unknown key 'variants'"),
    ('# nothing yet\n', "no variant"),
])
def test_a_shape_error_anywhere_refuses_the_whole_batch_naming_the_entry(tmp_path, body, needle):
    with pytest.raises(BatchFileError, match=needle.replace("[", r"\[").replace("(", r"\(")):
        read_batch(write(tmp_path, body))


def test_csv_is_a_shorthand_with_a_header_row(tmp_path):
    path = write(tmp_path, "function,start,end,lang\nx^3 - 3x,-2,2,en\n# a comment\n\"sin(x) + x/2\",-6,6,\n",
                 name="sheet.csv")
    a, b = read_batch(path).variants
    assert (a.function, a.domain, a.language) == ("x^3 - 3x", (-2.0, 2.0), "en")
    assert (b.function, b.domain, b.language, b.number) == ("sin(x) + x/2", (-6.0, 6.0), None, 2)
    with pytest.raises(BatchFileError, match="entry 1: end must be a number"):
        read_batch(write(tmp_path, "function,start,end\nx^2,-1,one\n", name="bad.csv"))
    with pytest.raises(BatchFileError, match="no 'end' column"):
        read_batch(write(tmp_path, "function,start\nx^2,-1\n", name="short.csv"))


def test_the_command_refuses_a_bad_file_with_one_line_and_status_2_before_anything_renders(tmp_path):
    path = write(tmp_path, '[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\n[[variant]]\nfunction = "x"\n')
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"))
    one_line_error(done, "entry 2: domain must be two numbers")
    assert not (tmp_path / "out").exists()
    one_line_error(run_main("batch", str(tmp_path / "missing.toml")), "no such batch file")
    one_line_error(run_main("batch", str(EXAMPLE), "--scheduler", "local:0"), "local:N starts a LocalCluster")


def test_two_variants_that_would_share_a_lesson_folder_refuse_the_batch(tmp_path):
    path = write(tmp_path, '[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nlang = "vi"\n'
                 '[[variant]]\nfunction = "x^2"\ndomain = [-1, 1]\nlang = "en"\n')
    done = run_main("batch", str(path), "--out", str(tmp_path / "out"), "--dry-run")
    one_line_error(done, "entries 1 and 2 would both render into")


def test_a_dry_run_says_what_would_render_and_shares_and_writes_nothing(tmp_path):
    done = run_main("batch", str(EXAMPLE), "--out", str(tmp_path / "out"), "--quality", "tiny", "--voice", "none",
                    "--dry-run")
    assert done.returncode == 0, done.stderr
    # x³ − 12x, (x+1)² and |x − 1| + x/2 have no plateau for the same reason: one sigmoid-loss section for three
    assert "25 sections: 23 to render, 2 shared, 0 up to date or in the store" in done.stdout
    assert not (tmp_path / "out").exists()
