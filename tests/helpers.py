"""Assertions several test packages share."""

from pathlib import Path


def assert_layout_ok(problems) -> None:
    assert not problems, "\n".join(str(p) for p in problems[:10])


def write_job(workdir, slug: str, quality: str = "tiny", voice: str = "none", processes: int = 1, lesson=None):
    """A worker's job file for one section of `lesson` (default: the default lesson), planned here as
    render.py plans it."""
    from pipeline.jobs import WorkerJob
    from sections import load_lesson, plan_section

    plan = plan_section(lesson if lesson is not None else load_lesson(), slug)
    return WorkerJob(workdir=str(workdir), plan=plan.to_record(), quality=quality, voice=voice,
                     processes=processes).write(workdir / "job.json")


def examples(full: int) -> int:
    """Hypothesis examples for a property: the full count in CI (`HYPOTHESIS_PROFILE=ci`, which `make test`
    sets), a sixth of it (at least 5) for a developer's `make test-fast`."""
    import os

    return full if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else max(5, full // 6)


def run_slowed(command: list[str], slowdown: float, timeout: float, **kwargs):
    """`command` run as on a machine `slowdown` times busier: its process group runs 20 ms, then stops
    (SIGSTOP) for (slowdown − 1) × 20 ms, in turn, until it ends. A stopped process burns no CPU, so the
    other test worker is not slowed; every clock the command reads (wall, CPU, interval timers) sees the
    stops as a loaded machine would show them. Returns (CompletedProcess, wall seconds)."""
    import os
    import signal
    import subprocess
    import threading
    import time

    on, off = 0.02, 0.02 * (slowdown - 1)
    started = time.monotonic()
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, **kwargs)
    done = threading.Event()

    def duty_cycle() -> None:
        while not done.wait(on):
            try:
                os.killpg(process.pid, signal.SIGSTOP)
                time.sleep(off)
                os.killpg(process.pid, signal.SIGCONT)
            except ProcessLookupError:
                return

    pacer = threading.Thread(target=duty_cycle, daemon=True)
    pacer.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    finally:
        done.set()
        pacer.join()
        try:
            os.killpg(process.pid, signal.SIGCONT)  # never leave a stopped group behind
        except ProcessLookupError:
            pass
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), time.monotonic() - started


ROOT_DIR = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT_DIR / "node_modules"


def node_checker(name: str, *args: str) -> dict:
    """Run tests/checkers/NAME with node on `args`; its JSON report. The npm packages it needs are installed by
    `make test` (npm ci): missing, the test fails, it is never skipped."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node and NODE_MODULES.is_dir(), "node and the npm packages are required: run `make test` (npm ci)"
    done = subprocess.run([node, str(ROOT_DIR / "tests" / "checkers" / name), *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT_DIR)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def check_vtt(paths) -> dict:
    """Every WebVTT file in `paths` through the strict parser (npm webvtt-parser): {path: its cues as a reader
    gets them, [{id, start, end, text}]}; any parser error fails the test, naming the file and the line."""
    report = node_checker("vtt.cjs", *map(str, paths))
    errors = {path: found["errors"] for path, found in report.items() if found["errors"]}
    assert not errors, errors
    return {path: found["cues"] for path, found in report.items()}


AXE_SERIOUS = ("serious", "critical")
AXE_RUN = """
const done = arguments[arguments.length - 1];
const where = arguments[0] === 'document' ? document : arguments[0];
const brief = (v) => ({id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary)});
axe.run(where, {resultTypes: ['violations']})
  .then((result) => done(result.violations.map(brief)),
        (error) => done([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]));
"""


def axe_violations(driver, context: str = "document") -> list[dict]:
    """axe-core (npm, the engine of the browsers' accessibility audits) run on the page open in `driver` (or on
    the elements `context` selects): its serious and critical violations, each with its rule, impact and the
    first nodes it names."""
    source = (NODE_MODULES / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    driver.execute_script(source)
    found = driver.execute_async_script(AXE_RUN, context)
    return [v for v in found if v["impact"] in AXE_SERIOUS]


def stored_section(key: str, video: bytes = b"mp4 bytes"):
    """A finished section as the batch's store holds it (section 3's files, small), under content key `key`."""
    from pipeline.batch.store import StoredSection
    from pipeline.manifest import SectionEntry

    entry = SectionEntry(number=3, slug="plateaus", stem="03_plateaus", file="03_plateaus.mp4",
                         poster="03_plateaus.png", preview="03_plateaus.webp",
                         captions={"vi": "03_plateaus.vi.vtt"}, explore={}, function="(sigmoid(2x) - 0.9)^2",
                         domain=(-7.0, 4.0), content_key=key, rendered_at="2026-12-01T00:00:00Z", width=256,
                         height=144, fps=10.0, duration=1.0)
    files = (("03_plateaus.mp4", video), ("03_plateaus.png", b"png"), ("03_plateaus.webp", b"webp"),
             ("03_plateaus.vi.vtt", "WEBVTT\n\nTiếng Việt".encode()))
    return StoredSection(entry, files)
