"""Identity is the slug, numbers are for display: a section renumbered since the last render (a section
inserted before it) keeps its manifest entry's meaning, and its files under the old stem are replaced."""

from __future__ import annotations

import json

from pipeline.manifest import manifest_record, read_entry, read_manifest
from pipeline.render.landing import ManifestWriter, land_section
from pipeline.render.section import SectionOutput
from tests.helpers import LESSON


def entry(number: int, slug: str) -> dict:
    stem = f"{number:02d}_{slug}"
    return {"number": number, "slug": slug, "stem": stem, "file": f"{stem}.mp4", "poster": f"{stem}.png",
            "preview": f"{stem}.webp", "captions": {"vi": f"{stem}.vi.vtt", "en": f"{stem}.en.vtt"},
            "transcripts": {}, "transcript": {}, "width": 256, "height": 144, "fps": 10, "duration": 1.0,
            "function": "x^2", "domain": [-1, 1], "substitute": None, "runs": [], "quality": "tiny",
            "language": "vi", "voice": "none", "voice_warnings": [], "audio": None, "content_key": "k",
            "sizes": {}, "hashes": {}}


def test_a_renumbered_sections_old_files_are_replaced_and_others_kept(tmp_path):
    out = tmp_path / LESSON
    out.mkdir()
    old = entry(5, "conclusion")
    names = [old["file"], old["poster"], old["preview"], *old["captions"].values()]
    for name in names:
        (out / name).write_bytes(b"old")
    (out / "notes.txt").write_text("someone else's file")
    manifest = {"lesson": LESSON, "language": "vi", "generator": {}, "sections": [entry(1, "critical_points"), old]}
    (out / "manifest.json").write_text(json.dumps(manifest))
    assert read_manifest(out).entry("conclusion").number == 5  # an old number is still the same section
    stage = tmp_path / "stage"
    stage.mkdir()
    new = entry(6, "conclusion")
    files = []
    for name in (new["file"], new["poster"], new["preview"], *new["captions"].values()):
        (stage / name).write_bytes(b"new")
        files.append(stage / name)
    typed = read_entry(new, out / "manifest.json")
    land_section(SectionOutput(stem=new["stem"], files=tuple(files), entry=typed),
                 ManifestWriter(out, LESSON, "vi", {}))
    landed = read_manifest(out)
    assert [(e.number, e.slug) for e in landed.sections] == [(1, "critical_points"), (6, "conclusion")]
    assert not any((out / name).exists() for name in names)
    assert all((out / path.name).read_bytes() == b"new" for path in files)
    assert (out / "notes.txt").exists()


def test_a_manifest_written_before_the_restructure_reads_and_writes_back_unchanged(tmp_path):
    """manifest.json as the previous layout wrote it (a real tiny render's): the typed entry reads every field
    and writes back the same JSON, so a lesson folder from before keeps working."""
    from pathlib import Path

    source = Path(__file__).with_name("fixtures") / "manifest_of_the_previous_layout.json"
    (tmp_path / "manifest.json").write_bytes(source.read_bytes())
    manifest = read_manifest(tmp_path)
    assert [e.slug for e in manifest.sections] == ["critical_points", "minima_vs_maxima", "plateaus",
                                                   "gradient_descent", "conclusion"]
    assert manifest_record(manifest) == json.loads(source.read_text(encoding="utf-8"))
    assert manifest.entry("plateaus").substitute == "no_plateau" and manifest.entry("plateaus").runs[0]["role"] == "slope"
