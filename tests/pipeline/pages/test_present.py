"""Classroom mode's page (pipeline.pages.present) from a manifest, without a render: the beats and cues the manifest
keeps, the page's embedded data (its stops, its caption lines, its versioned clips, nothing from outside),
written with every landing, restored when gone, and published beside the clips."""

import json
import re
import shutil

import pytest

from lessons.subtitles import break_lines
from pipeline.manifest import ManifestError, entry_record, manifest_record, read_manifest
from pipeline.pages.favicon import LINK as FAVICON
from pipeline.pages.present import PAGE, present_html
from pipeline.publish.run import publish
from pipeline.render.landing import ManifestWriter, write_manifest
from tests.helpers import LESSON, sha256
from tests.helpers.fakes import FIXTURE, fake_render, with_beats
from tests.helpers.fakes import PAGE as DOCS_PAGE

LONG_VI = "Tiếp tuyến trượt dọc đồ thị; độ dốc của nó là f′(x), và nó nằm ngang tại điểm tới hạn."


def page_data(text: str) -> dict:
    found = re.search(r'<script type="application/json" id="present-data">(.*?)</script>', text, re.S)
    return json.loads(found.group(1))


def test_the_manifest_keeps_the_beats_and_cues_and_lists_the_page(tmp_path):
    folder = fake_render(tmp_path / "out")
    manifest = with_beats(folder)
    entry = manifest.sections[0]
    assert [(b.start, b.end, b.cues) for b in entry.beats] == [(0, 300, ("title",)), (300, 1800, ("tangent", "tangent+2"))]
    assert entry.cues[1].text("vi") == LONG_VI and entry.cues[1].start == 5.1
    assert manifest_record(manifest)["present"] == PAGE == "present.html"
    assert entry_record(entry)["beats"][1] == {"start": 300, "end": 1800, "cues": ["tangent", "tangent+2"]}


@pytest.mark.parametrize("beats", [
    [{"start": 0, "end": 300, "cues": []}, {"start": 301, "end": 1800, "cues": []}],  # a gap
    [{"start": 10, "end": 300, "cues": []}],  # not from frame 0
    [{"start": 0, "end": 0, "cues": []}],  # empty
    [{"start": 0, "end": 2.5, "cues": []}],  # not frames
])
def test_a_manifest_with_beats_that_do_not_follow_each_other_is_refused(beats, tmp_path):
    folder = fake_render(tmp_path / "out")
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data["sections"][0]["beats"] = beats
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ManifestError, match=r"sections\[0\]\.beats must be beats one after the other"):
        read_manifest(folder)


def test_the_page_holds_the_stops_the_captions_and_the_versioned_clips_and_nothing_from_outside(tmp_path):
    folder = fake_render(tmp_path / "out")
    manifest = with_beats(folder)
    text = present_html(manifest)
    data = page_data(text)
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5] and data["language"] == "vi"
    first = data["sections"][0]
    assert first["beats"] == [[0, 300], [300, 1800]] and first["fps"] == 60.0 and first["frames"] == 1800
    assert first["src"] == f"01_critical_points.mp4?v={sha256(folder / '01_critical_points.mp4')[:12]}"
    assert first["title"]["vi"].startswith("1.") and first["title"]["en"].startswith("1.")
    tangent = first["cues"][1]
    assert tangent["t"]["vi"] == list(break_lines(LONG_VI, "vi")) and len(tangent["t"]["vi"]) == 2
    assert (tangent["s"], tangent["e"]) == (5.1, 11.0)
    assert FAVICON in text and FAVICON.startswith('<link rel="icon" type="image/svg+xml" href="data:')  # inline: no request
    assert not re.search(r"https?:|//[a-z]|<link (?!rel=\"icon\" type=\"image/svg\+xml\" href=\"data:)|<track|src=", text)  # one file: inline script, no fetch but the clips
    assert "requestVideoFrameCallback" in text and "'timeupdate'" not in text  # stops by frames, not by its events


def test_the_page_is_written_with_every_landing_and_restored_when_gone(tmp_path):
    folder = fake_render(tmp_path / "out", slugs=["critical_points"])
    manifest = with_beats(folder)
    write_manifest(folder, LESSON, "vi", list(manifest.sections), {})
    assert (folder / PAGE).read_text(encoding="utf-8") == present_html(read_manifest(folder))
    assert [s["slug"] for s in page_data((folder / PAGE).read_text(encoding="utf-8"))["sections"]] == ["critical_points"]
    (folder / PAGE).unlink()
    ManifestWriter(folder, LESSON, "vi", {}).refresh_pages()
    assert (folder / PAGE).read_text(encoding="utf-8") == present_html(manifest)
    assert 'href="present.html"' in (folder / "index.html").read_text(encoding="utf-8")


def test_publish_puts_the_page_beside_the_clips(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    folder = fake_render(tmp_path / "out")
    manifest = with_beats(folder)
    write_manifest(folder, LESSON, "vi", list(manifest.sections), {})
    result = publish(docs, DOCS_PAGE, folder)
    media = docs / "27_math_deep_learning" / "media" / LESSON
    assert (media / PAGE).read_bytes() == (folder / PAGE).read_bytes()
    assert media / PAGE in result.copied
    record = json.loads((media / ".published.json").read_text(encoding="utf-8"))
    assert record["files"][PAGE] == sha256(media / PAGE)
    again = publish(docs, DOCS_PAGE, folder)
    assert again.copied == () and not again.page_changed
    assert publish(docs, DOCS_PAGE, folder, check=True).stale == ()
