"""render.py without a sub-command: its validation and planning in-process (the same `main`), its real
renders through the CLI in subprocesses (the session's `rendered` lesson)."""

import json
import subprocess
from pathlib import Path

import pytest

from pipeline.render.media import frame_at, probe, sha256
from sections import SLUGS as SECTION_SLUGS
from sections import load_lesson, plan_section
from tests.helpers import LESSON, RENDER_PY, ROOT, render, run_main

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def check(*args, env=None):
    """render.py's main in this process: its validation and planning, without an interpreter start."""
    return run_main(*args, env=env)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("flag", ["--list", "--dry-run"])
def test_list_and_dry_run_write_nothing(tmp_path, flag):
    done = check(flag, "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    for stem in ("01_critical_points", "02_minima_vs_maxima", "03_plateaus", "04_gradient_descent", "05_conclusion"):
        assert f"{stem}.mp4" in done.stdout
    assert not (tmp_path / "out").exists()


def test_list_shows_overrides(tmp_path):
    done = check("--list", "--function", "x^2", "--domain", "-1", "1", "--section", "minima_vs_maxima")
    assert done.returncode == 0
    assert "f(x) = x^2  on [-1, 1]" in done.stdout and "critical_points" not in done.stdout
    assert f"output out/{LESSON}--x-2-on--1-1-" in done.stdout  # never the lesson's own folder


def test_a_function_without_plateau_or_minimum_still_plans_with_warnings(tmp_path):
    done = check("--dry-run", "--function", "exp(-x^2)", "--domain", "-3", "3")
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.strip().splitlines()
    assert len(warnings) == 2 and all(w.startswith("warning: section ") for w in warnings)
    assert "section plateaus" in warnings[0] and "section gradient_descent" in warnings[1]
    assert "03_plateaus.mp4  (its own function: no minimum)" in done.stdout


@pytest.mark.parametrize("args, needle", [
    (("--function", "log(x)", "--domain", "-1", "1"), "log(x) is undefined for x in [-1, 0]"),
    (("--function", "sin(1/x)", "--domain", "-1", "1"), "has no limit at x = 0"),
    (("--function", "sin(x)", "--domain", "-60", "60"), "too many to show legibly"),
    (("--function", "y^2",), "unknown name 'y'"),
    (("--section", "nope",), "invalid choice"),
    (("--config", "/nonexistent.toml"), "no such lesson file"),
])
def test_bad_input_exits_2_before_rendering_and_leaves_out_alone(tmp_path, args, needle):
    out = tmp_path / "out" / LESSON
    out.mkdir(parents=True)
    (out / "01_critical_points.mp4").write_bytes(b"previous good file")
    before = snapshot(tmp_path / "out")
    done = check(*args, "--out", str(tmp_path / "out"), "--quality", "tiny")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], done.stderr
    assert snapshot(tmp_path / "out") == before


def test_bad_lesson_file_is_refused_with_its_key(tmp_path):
    config = tmp_path / "lesson.toml"
    config.write_text('lesson = "x"\nfunction = "x^2"\ndomain = [-1, 1]\n[sections.plateaus]\nspeed = 3\n')
    done = check("--config", str(config), "--dry-run")
    assert done.returncode == 2 and "unknown key 'speed'" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("stem", ["01_critical_points", "02_minima_vs_maxima", "03_plateaus",
                                  "04_gradient_descent", "05_conclusion"])
def test_tiny_render_is_web_ready(rendered, stem):
    video = rendered / f"{stem}.mp4"
    info = probe(video)
    assert (info.codec, info.pixel_format, info.faststart) == ("h264", "yuv420p", True)
    assert (info.width, info.height, info.fps) == (256, 144, 10)
    # a teacher's pace (DESIGN: roughly 20-60 s a section); sections 3 and 4 say every statement in full while
    # it is shown (three learning rates one by one, each clause its own cue) and run to about 65 s
    assert 20 <= info.duration <= 70
    assert info.frames == pytest.approx(info.duration * info.fps, abs=1)
    middle = frame_at(video, info.duration / 2)
    assert middle.std() > 5 and middle.max() > 150  # not a blank frame
    poster = rendered / f"{stem}.png"
    assert poster.stat().st_size > 1000


@pytest.mark.slow
def test_manifest_describes_the_files(rendered):
    manifest = json.loads((rendered / "manifest.json").read_text())
    assert manifest["lesson"] == LESSON and manifest["language"] == "vi"
    entries = {e["slug"]: e for e in manifest["sections"]}
    assert list(entries) == list(SECTION_SLUGS)
    for slug, entry in entries.items():
        video = rendered / entry["file"]
        info = probe(video)
        assert entry["sha256"] == sha256(video)
        assert (entry["width"], entry["height"], entry["frames"]) == (info.width, info.height, info.frames)
        assert entry["duration"] == pytest.approx(info.duration)
        plan = plan_section(load_lesson(), slug)
        assert entry["function"] == plan.analysis.function.text and entry["domain"] == list(plan.analysis.domain)
        assert entry["substitute"] == plan.substitute and entry["runs"] == [r.to_json() for r in plan.runs]
        assert (rendered / entry["poster"]).exists()


@pytest.mark.slow
def test_captions_are_timed_inside_the_clip_without_overlaps(rendered):
    manifest = json.loads((rendered / "manifest.json").read_text())
    for entry in manifest["sections"]:
        for name in entry["captions"].values():
            text = (rendered / name).read_text(encoding="utf-8")
            assert text.startswith("WEBVTT")
            spans = []
            for line in text.splitlines():
                if "-->" in line:
                    start, end = (sum(float(p) * 60 ** (2 - i) for i, p in enumerate(t.strip().split(":")))
                                  for t in line.split("-->"))
                    spans.append((start, end))
            assert spans and all(0 <= s < e <= entry["duration"] + 1e-3 for s, e in spans)
            assert all(a[1] <= b[0] + 1e-9 for a, b in zip(spans, spans[1:]))
        assert "Điểm tới hạn" in (rendered / entry["captions"]["vi"]).read_text(encoding="utf-8") or \
            entry["slug"] != "critical_points"


@pytest.mark.slow
def test_a_failing_section_keeps_the_previous_file_and_the_others_render(rendered):
    out = rendered.parent
    first = rendered / "01_critical_points.mp4"
    before = sha256(first)
    second_before = json.loads((rendered / "manifest.json").read_text())["sections"][1]["rendered_at"]
    done = render("--quality", "tiny", "--out", str(out), "--section", "critical_points", "--section",
                  "minima_vs_maxima", "--force", env={"LESSON_VIDEO_FAIL_SECTION": "critical_points"})
    assert done.returncode == 1
    assert "section critical_points failed" in done.stderr and "fault injected" in done.stderr
    assert sha256(first) == before
    entries = json.loads((rendered / "manifest.json").read_text())["sections"]
    assert [e["slug"] for e in entries] == list(SECTION_SLUGS)
    assert entries[1]["rendered_at"] >= second_before
    assert not [p for p in rendered.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.slow
def test_a_rerun_with_nothing_changed_renders_nothing(rendered):
    before = {p.name: p.stat().st_mtime_ns for p in rendered.iterdir()}
    done = render("--quality", "tiny", "--out", str(rendered.parent))
    assert done.returncode == 0, done.stderr
    assert "nothing to render" in done.stdout and done.stdout.count("unchanged, skipped") == 5
    after = {p.name: p.stat().st_mtime_ns for p in rendered.iterdir()}
    assert before == after


@pytest.mark.slow
def test_changing_one_sections_parameters_rerenders_that_section_only(rendered, tmp_path):
    default = (ROOT / "lessons" / "aero_llm_14_derivatives_find_minima.toml").read_text(encoding="utf-8")
    changed = default.replace("counterexample_domain = [-1.5, 1.5]", "counterexample_domain = [-1.4, 1.4]")
    assert changed != default
    config = tmp_path / "lesson.toml"
    config.write_text(changed, encoding="utf-8")
    done = render("--quality", "tiny", "--out", str(rendered.parent), "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert "01_critical_points: done" in done.stdout
    assert done.stdout.count("unchanged, skipped") == 4
    done = render("--quality", "tiny", "--out", str(rendered.parent), "--section", "critical_points", "--force")
    assert "01_critical_points: done" in done.stdout


@pytest.mark.slow
def test_ctrl_c_leaves_the_previous_outputs_untouched(tmp_path):
    import signal
    import time

    out = tmp_path / "out"
    folder = out / LESSON
    folder.mkdir(parents=True)
    (folder / "01_critical_points.mp4").write_bytes(b"previous good file")
    (folder / "manifest.json").write_text(f'{{"lesson": "{LESSON}", "sections": []}}', encoding="utf-8")
    before = snapshot(out)
    process = subprocess.Popen([*RENDER_PY, "--quality", "tiny", "--out", str(out)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        if "rendering" in line:
            break
    time.sleep(4)  # the workers are rendering now
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "error: interrupted"
    assert snapshot(out) == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".tmp-")]

