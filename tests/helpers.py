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
