"""The benchmarks stay runnable: `make bench` is run by hand, so an import broken by a refactor would go
unseen until someone needs the figures."""

import importlib

from tests.lessons.corpus import CORPUS


def test_the_benchmark_scripts_import_and_know_the_sections():
    analyze_speed = importlib.import_module("bench.analyze_speed")
    render_speed = importlib.import_module("bench.render_speed")
    assert callable(analyze_speed.main) and callable(render_speed.main)
    assert render_speed.SECTION_SLUGS[0] == "critical_points" and len(render_speed.SECTION_SLUGS) == 5
    batch_speed = importlib.import_module("bench.batch_speed")
    assert callable(batch_speed.main) and len(batch_speed.VARIANTS) == 8
    memory_peak = importlib.import_module("bench.memory_peak")
    assert memory_peak.QUALITIES == ("high", "4k") and callable(memory_peak.main)


def test_the_restructure_benchmarks_import_and_cover_the_default_lesson_and_the_corpus():
    same_bytes = importlib.import_module("bench.same_bytes")
    assert [name for name, _ in same_bytes.CASES][:2] == ["default", "corpus-01"]
    assert len(same_bytes.CASES) == 1 + len(CORPUS)  # the default lesson and every corpus function
    manifest = {"rendered_at": "t", "sections": [{"content_key": "a", "rendered_at": "u", "slug": "s"}]}
    assert same_bytes.without(manifest, ("rendered_at", *same_bytes.CODE_KEYS)) == {"sections": [{"slug": "s"}]}
    typed_files = importlib.import_module("bench.typed_files")
    assert callable(typed_files.main) and "--voice" in typed_files.NOOP
