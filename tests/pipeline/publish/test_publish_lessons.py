"""Two lessons published onto one page (issue 33): the markers carry the lesson, so each publish touches its
own blocks and media only, and `--check` of either is stable; a page of the markers before (no lesson) is
taken over in place; a media folder no page links any more is reported."""

import json
import shutil

import pytest

from pipeline.publish.run import publish
from tests.helpers import LESSON, run_main, tree_hash
from tests.helpers.fakes import FIXTURE, PAGE, fake_render

OTHER = "bai_tap_x3"  # a second lesson, e.g. a teacher's own function


@pytest.fixture
def docs(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(FIXTURE, target)
    return target


def other_render(out):
    """A second lesson's folder: the fake render under another lesson name."""
    folder = fake_render(out / "tmp")
    target = out / OTHER
    folder.rename(target)
    (out / "tmp").rmdir()
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["lesson"] = OTHER
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return target


def check(docs, out, lesson):
    return run_main("publish", "--docs", str(docs), "--page", PAGE, "--out", str(out), "--lesson", lesson, "--check")


def test_a_second_lesson_on_the_page_lives_beside_the_first(docs, tmp_path):
    """The markers named the section only: the second publish replaced the first lesson's blocks, its media
    stayed behind for good, and --check flipped between the two."""
    out = tmp_path / "out"
    first, second = fake_render(out), other_render(out)
    publish(docs, PAGE, first)
    publish(docs, PAGE, second)
    text = (docs / PAGE).read_text(encoding="utf-8")
    for lesson in (LESSON, OTHER):
        assert text.count(f"<!-- lesson-video:{lesson}.01_critical_points begin -->") == 1
        assert text.count(f'src="../media/{lesson}/01_critical_points.mp4') == 1
    heading = text.index("## 1. ")
    assert heading < text.index(f"lesson-video:{LESSON}.01_critical_points begin") \
        < text.index(f"lesson-video:{OTHER}.01_critical_points begin") < text.index("## 2. ")  # in publish order
    for lesson in (LESSON, OTHER):
        done = check(docs, out, lesson)
        assert (done.returncode, done.stdout.strip()) == (0, f"{docs / PAGE}: up to date"), done.stdout
    before = tree_hash(docs)
    publish(docs, PAGE, first)
    publish(docs, PAGE, second)
    assert tree_hash(docs) == before  # each publish again changes nothing


def test_a_section_removed_from_one_lesson_empties_its_block_only(docs, tmp_path):
    out = tmp_path / "out"
    first, second = fake_render(out), other_render(out)
    publish(docs, PAGE, first)
    publish(docs, PAGE, second)
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    manifest["sections"] = manifest["sections"][1:]
    (second / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    publish(docs, PAGE, second, drop_missing=True)
    text = (docs / PAGE).read_text(encoding="utf-8")
    assert f"<!-- lesson-video:{OTHER}.01_critical_points begin --><!-- lesson-video:{OTHER}.01_critical_points " \
           "end -->" in text
    assert text.count(f'src="../media/{LESSON}/01_critical_points.mp4') == 1  # the first lesson's is untouched


def test_a_page_of_the_markers_before_is_taken_over_in_place(docs, tmp_path):
    out = tmp_path / "out"
    first = fake_render(out)
    publish(docs, PAGE, first)
    current = (docs / PAGE).read_text(encoding="utf-8")
    legacy = current.replace(f"lesson-video:{LESSON}.", "lesson-video:")  # as the publish before wrote it
    (docs / PAGE).write_text(legacy, encoding="utf-8")
    done = check(docs, out, LESSON)
    assert done.returncode == 1 and "the page's block has the markers without the lesson" in done.stdout
    publish(docs, PAGE, first)
    assert (docs / PAGE).read_text(encoding="utf-8") == current  # the same page, markers renamed in place


def test_a_media_folder_no_page_links_is_reported(docs, tmp_path, capsys):
    """What the old markers left: a second lesson published over the first; the first's media stayed."""
    out = tmp_path / "out"
    first, second = fake_render(out), other_render(out)
    publish(docs, PAGE, first)
    page = (docs / PAGE).read_text(encoding="utf-8")
    (docs / PAGE).write_text(page.replace(f"lesson-video:{LESSON}.", "lesson-video:")
                             .replace(f"media/{LESSON}/", f"media/{OTHER}/"), encoding="utf-8")  # taken over
    publish(docs, PAGE, second)
    done = check(docs, out, OTHER)
    orphan = (f"{docs / PAGE}: media/{LESSON}/: files an earlier publish wrote there, which no page in "
              f"{docs / '27_math_deep_learning'} links any more (its lesson was taken off its page); remove the "
              "folder")
    assert (done.returncode, done.stdout.splitlines()) == (1, [orphan])
    assert run_main("publish", "--docs", str(docs), "--page", PAGE, "--out", str(out), "--lesson", OTHER) \
        .stderr.splitlines() == [f"warning: {orphan}"]
    shutil.rmtree(docs / "27_math_deep_learning" / "media" / LESSON)
    assert check(docs, out, OTHER).returncode == 0


def test_a_block_of_the_markers_before_linking_another_lesson_is_left_alone(docs, tmp_path):
    out = tmp_path / "out"
    first, second = fake_render(out), other_render(out)
    publish(docs, PAGE, second)
    theirs = (docs / PAGE).read_text(encoding="utf-8").replace(f"lesson-video:{OTHER}.", "lesson-video:")
    (docs / PAGE).write_text(theirs, encoding="utf-8")  # the other lesson, published with the markers before
    publish(docs, PAGE, first)
    text = (docs / PAGE).read_text(encoding="utf-8")
    start, end = "<!-- lesson-video:01_critical_points begin -->", "<!-- lesson-video:01_critical_points end -->"
    assert text[text.index(start):text.index(end)] == theirs[theirs.index(start):theirs.index(end)]
    assert text.count(f"<!-- lesson-video:{LESSON}.01_critical_points begin -->") == 1
