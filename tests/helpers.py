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


def stored_section(key: str, video: bytes = b"mp4 bytes"):
    """A finished section as the batch's store holds it (section 3's files, small), under content key `key`."""
    from pipeline.manifest import SectionEntry
    from pipeline.store import StoredSection

    entry = SectionEntry(number=3, slug="plateaus", stem="03_plateaus", file="03_plateaus.mp4",
                         poster="03_plateaus.png", preview="03_plateaus.webp",
                         captions={"vi": "03_plateaus.vi.vtt"}, explore={}, function="(sigmoid(2x) - 0.9)^2",
                         domain=(-7.0, 4.0), content_key=key, rendered_at="2026-12-01T00:00:00Z")
    files = (("03_plateaus.mp4", video), ("03_plateaus.png", b"png"), ("03_plateaus.webp", b"webp"),
             ("03_plateaus.vi.vtt", "WEBVTT\n\nTiếng Việt".encode()))
    return StoredSection(entry, files)
