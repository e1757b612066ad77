"""Assertions several test packages share."""


def assert_layout_ok(problems) -> None:
    assert not problems, "\n".join(str(p) for p in problems[:10])


def write_job(workdir, slug: str, quality: str = "tiny", voice: str = "none", processes: int = 1, lesson=None):
    """A worker's job file for one section of `lesson` (default: the default lesson), planned here as
    render.py plans it."""
    from pipeline.jobs import WorkerJob
    from sections import load_lesson, plan_section

    plan = plan_section(lesson if lesson is not None else load_lesson(), slug)
    return WorkerJob(str(workdir), plan, quality, voice, processes).write(workdir / "job.json")


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
