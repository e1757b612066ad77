"""`render.py publish` against hostile docs trees and manifests: refused on one line, nothing written, nothing
outside the docs root touched, no temporary file left behind."""

import json
import os
import shutil

import pytest

from tests.helpers import LESSON, one_line_error, run_cli, run_main, tree_hash
from tests.helpers.fakes import FIXTURE, PAGE, fake_render, rerender

MEDIA = f"27_math_deep_learning/media/{LESSON}"


@pytest.fixture
def site(tmp_path):
    """A docs tree, a rendered lesson, and a folder beside the docs root that must never change."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    out = fake_render(tmp_path / "out")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text("## 1. Điểm tới hạn\n", encoding="utf-8")
    return docs, out, outside


def publish_cli(docs, out, *args):
    return run_main("publish", "--docs", str(docs), "--out", str(out.parent), *args)  # in process: the same code


def unchanged_after(tmp_path, action):
    before = tree_hash(tmp_path)
    done = action()
    assert tree_hash(tmp_path) == before, "something changed on disk"
    return done


@pytest.mark.parametrize("page, needle", [
    ("../outside/x.md", "is outside the docs root"),
    ("27_math_deep_learning", "is a folder, not a page"),
    ("", "must be a path relative to the docs root"),
])
def test_bad_pages_are_refused(site, tmp_path, page, needle):
    docs, out, _ = site
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out, "--page", page))
    one_line_error(done, needle)


def test_an_absolute_page_is_refused(site, tmp_path):
    docs, out, outside = site
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out, "--page", str(outside / "x.md")))
    one_line_error(done, "must be a path relative to the docs root")


def test_a_page_linked_to_outside_the_root_is_refused(site, tmp_path):
    docs, out, outside = site
    (docs / "linked.md").symlink_to(outside / "x.md")
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out, "--page", "linked.md"))
    one_line_error(done, "is outside the docs root")


def test_a_page_linked_inside_the_root_is_written_through(site):
    docs, out, _ = site
    (docs / "alias.md").symlink_to(docs / PAGE)
    done = publish_cli(docs, out, "--page", "alias.md")
    assert done.returncode == 0, done.stderr
    assert (docs / "alias.md").is_symlink()
    assert "lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin" in (docs / PAGE).read_text(encoding="utf-8")


def test_a_media_folder_linked_outside_the_root_is_refused(site, tmp_path):
    docs, out, outside = site
    (docs / "27_math_deep_learning" / "media").symlink_to(outside)
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out))
    one_line_error(done, "is outside the docs root")


def test_media_lesson_folder_being_a_file_is_refused(site, tmp_path):
    docs, out, _ = site
    (docs / MEDIA).parent.mkdir(parents=True)
    (docs / MEDIA).write_text("not a folder")
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out))
    one_line_error(done, "exists and is not a folder")


def test_a_media_name_taken_by_a_folder_is_refused_and_leaves_no_temporary_file(site, tmp_path):
    docs, out, _ = site
    (docs / MEDIA / "01_critical_points.mp4").mkdir(parents=True)
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out))
    one_line_error(done, "is in the way")


def test_an_unrelated_file_in_the_media_folder_is_not_overwritten(site, tmp_path):
    docs, out, _ = site
    (docs / MEDIA).mkdir(parents=True)
    (docs / MEDIA / "01_critical_points.png").write_bytes(b"the teacher's own picture")
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out))
    one_line_error(done, "was not written by publish")


def test_files_publish_wrote_are_replaced_on_the_next_publish(site):
    docs, out, _ = site
    assert publish_cli(docs, out).returncode == 0
    rerender(out, "01_critical_points.mp4", b"a newer render")
    done = publish_cli(docs, out)
    assert done.returncode == 0, done.stderr
    assert (docs / MEDIA / "01_critical_points.mp4").read_bytes() == b"a newer render"
    assert "1 media file(s) copied" in done.stdout


@pytest.mark.parametrize("manifest, needle", [
    ([1, 2], "not a JSON object"),
    ({"lesson": LESSON, "sections": [1]}, "sections[0] is not an object"),
    ("drop-number", "sections[0].number must be a section number"),
    ("escape-lesson", "'lesson' must be a lesson folder name"),
    ("escape-file", "sections[0].file must be a plain file name"),
    ("not json", "not valid JSON"),
])
def test_a_manifest_of_the_wrong_shape_is_refused(site, tmp_path, manifest, needle):
    docs, out, _ = site
    path = out / "manifest.json"
    good = json.loads(path.read_text(encoding="utf-8"))
    if manifest == "drop-number":
        del good["sections"][0]["number"]
        manifest = good
    elif manifest == "escape-lesson":
        manifest = {**good, "lesson": "../../outside"}
    elif manifest == "escape-file":
        good["sections"][0]["file"] = "../../outside/x.md"
        manifest = good
    path.write_text(manifest if isinstance(manifest, str) else json.dumps(manifest), encoding="utf-8")
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out))
    one_line_error(done, needle)


def test_fenced_code_is_not_page_structure(site):
    docs, out, _ = site
    page = docs / "fenced.md"
    text = ("# T\n\n```md\n## 1. Điểm tới hạn\n<!-- lesson-video:01_critical_points begin -->\n```\n\n"
            "~~~\n<!-- lesson-video:02_minima_vs_maxima end -->\n~~~\n\n## 1. Điểm tới hạn\n\nbody\n")
    page.write_text(text, encoding="utf-8")
    done = publish_cli(docs, out, "--page", "fenced.md")
    assert done.returncode == 0, done.stderr
    new = page.read_text(encoding="utf-8")
    fences_end = new.index("~~~\n\n## 1.")
    assert new[:fences_end] == text[:fences_end]  # the code blocks are untouched
    assert new.index("<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->", fences_end) > new.index("\n## 1.", fences_end)


def test_a_byte_order_mark_does_not_hide_the_first_heading(site):
    docs, out, _ = site
    page = docs / "bom.md"
    page.write_bytes("\ufeff## 1. Điểm tới hạn\n\nbody\n".encode())
    assert publish_cli(docs, out, "--page", "bom.md").returncode == 0
    text = page.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff## 1. Điểm tới hạn\n\n<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->")
    assert text.count("<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->") == 1


def test_dry_run_checks_the_same_things(site, tmp_path):
    docs, out, _ = site
    (docs / MEDIA).mkdir(parents=True)
    (docs / MEDIA / "01_critical_points.png").write_bytes(b"the teacher's own picture")
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out, "--dry-run"))
    one_line_error(done, "was not written by publish")
    assert not os.listdir(docs / MEDIA) == []


def test_a_file_that_no_longer_matches_the_manifest_is_not_published(site, tmp_path):
    docs, out, _ = site
    path = out / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["sections"][0]["hashes"] = {"01_critical_points.png": "0" * 64}
    path.write_text(json.dumps(manifest), encoding="utf-8")
    done = unchanged_after(tmp_path, lambda: publish_cli(docs, out))
    one_line_error(done, "01_critical_points.png does not match manifest.json")


@pytest.mark.parametrize("flag", ["--out", "--docs"])
def test_empty_folder_options_are_refused(site, tmp_path, flag):
    docs, out, _ = site
    args = {"--docs": str(docs), "--out": str(out.parent), flag: ""}
    done = unchanged_after(tmp_path, lambda: run_cli("publish", *[x for kv in args.items() for x in kv]))
    one_line_error(done, "must name folders")
