"""One real tiny render of the section beyond one variable: its clip, and its manifest entry with the runs in the
plane (what `render.py --config examples/saddle.toml --section saddle_points` makes)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_cli


@pytest.mark.slow
def test_the_saddle_section_renders_with_its_runs_in_the_manifest(tmp_path):
    done = run_cli("--config", "examples/saddle.toml", "--section", "saddle_points", "--quality", "tiny", "--voice",
                   "none", "--out", str(tmp_path), "--jobs", "1", timeout=600)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "aero_llm_14_derivatives_find_minima_saddle"
    (entry,) = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["sections"]
    assert (entry["number"], entry["slug"], entry["file"]) == (5, "saddle_points", "05_saddle_points.mp4")
    assert entry["function"] == "x^4/4 - x^3/3 - x^2 + 1 + y^2"
    assert [(r["role"], r["outcome"]) for r in entry["runs"]] == [("gd", "stalled"), ("fast", "converged")]
    assert (folder / entry["file"]).stat().st_size > 0 and entry["duration"] > 30
    assert [c["id"] for c in entry["cues"]][:3] == ["title.saddle_points", "intro", "intro+2"]
