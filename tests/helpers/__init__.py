"""What the test packages share: the project's paths, the render.py runner (a subprocess, or its `main` in this
process), folder fingerprints, one-line error checks, waits, and readers of what a render wrote. The browser's
helpers are in tests.helpers.browser, fake renders, docs sites and voices in tests.helpers.fakes; the fixtures
(the browser, the rendered lesson, scenes built once) in tests/conftest.py. No test module imports another."""

from __future__ import annotations

import hashlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LESSON = "aero_llm_14_derivatives_find_minima"  # the default lesson's folder
RENDER_PY = (sys.executable, str(ROOT / "render.py"))  # the command, as a user runs it


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120,
            stdin=None) -> subprocess.CompletedProcess:
    """render.py ARGS in a subprocess, its output captured: what renders video, and what signals, process
    trees, hangs and locales need."""
    return subprocess.run([*RENDER_PY, *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=timeout,
                          env={**os.environ, **(env or {})}, stdin=stdin)


def start_cli(*args: str, env: dict | None = None, **popen) -> subprocess.Popen:
    """render.py ARGS started and left running (a test interrupts it, or reads it as it goes)."""
    return subprocess.Popen([*RENDER_PY, *args], cwd=ROOT, env={**os.environ, **(env or {})}, **popen)


def run_main(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """render.py's `main` in this process, its output captured: the same code as the command (every user
    mistake is found there), without starting an interpreter. Signals, process trees, hangs and locales
    need the real process (`run_cli`)."""
    import contextlib
    import io

    import render

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.update(env or {})
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = render.main(list(args))
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["render.py", *args], code, out.getvalue(), err.getvalue())


def tree_hash(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (files by content hash, folders and links by kind), to prove nothing changed."""
    found = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "link:" + os.readlink(path)
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "dir"
    return found


def one_line_error(done: subprocess.CompletedProcess, needle: str, status: int = 2) -> None:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == status, (done.returncode, done.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert needle in lines[0], lines[0]
    assert "Traceback" not in done.stderr


def render(*args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """render.py ARGS in a subprocess with a render's time allowed (what renders video)."""
    return run_cli(*args, env=env, timeout=timeout)


def finishes(call, timeout: float = 60.0):
    """call()'s result, computed in a forked child allowed 1 GiB more memory and killed if it blocks: where the
    code is wrong (a FIFO waited on, /dev/zero read whole) the test fails instead of hanging or filling memory."""
    import pickle
    import resource

    results, answer = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(results)
        try:
            grown = Path("/proc/self/status").read_text().split("VmSize:")[1].split()[0]
            resource.setrlimit(resource.RLIMIT_AS, ((int(grown) << 10) + (1 << 30), resource.RLIM_INFINITY))
            payload = pickle.dumps(("result", call()))
        except BaseException as problem:  # noqa: BLE001 - handed to the test
            payload = pickle.dumps(("raised", f"{type(problem).__name__}: {problem}"))
        with os.fdopen(answer, "wb") as stream:
            stream.write(payload)
        os._exit(0)
    os.close(answer)
    try:
        ready, _, _ = select.select([results], [], [], timeout)
        if not ready:
            os.kill(child, signal.SIGKILL)
        with os.fdopen(results, "rb") as stream:
            payload = stream.read() if ready else b""
    finally:
        os.waitpid(child, 0)
    assert payload, "blocked"
    kind, value = pickle.loads(payload)
    assert kind == "result", value
    return value


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


NODE_MODULES = ROOT / "node_modules"


def node_checker(name: str, *args: str) -> dict:
    """Run tests/checkers/NAME with node on `args`; its JSON report. The npm packages it needs are installed by
    `make test` (npm ci): missing, the test fails, it is never skipped."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node and NODE_MODULES.is_dir(), "node and the npm packages are required: run `make test` (npm ci)"
    done = subprocess.run([node, str(ROOT / "tests" / "checkers" / name), *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
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


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wait_until(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found



def decoded(path):
    """A file's audio track as one array of samples, and its rate."""
    import av
    import numpy as np

    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(stream)]), stream.sample_rate


def vtt_starts(path):
    starts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "-->" in line:
            h, m, s = line.split(" --> ")[0].split(":")
            starts.append(int(h) * 3600 + int(m) * 60 + float(s))
    return starts


def manifest_entry(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["sections"][0]



def read_label(text: str) -> float:
    """A label as a student types it into `render.py analyze` (decimal comma, true minus, ×10ⁿ)."""
    superscripts = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
    text = text.replace("\u2212", "-").replace(",", ".")
    text = re.sub(r"×10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)", lambda m: "e" + m.group(1).translate(superscripts), text)
    return float(text)
