"""What a docs repository's CI needs from publish: `--check` says, one line per section, whether the page
and its media are what publish would write (exit 1) or up to date (exit 0), writing nothing; publish
removes the files it wrote earlier that the manifest no longer lists (never anyone else's); and every
media URL carries the file's content hash, so a re-rendered clip is never served stale from a cache."""

import json
import shutil

import pytest

from pipeline.manifest import parse_manifest
from pipeline.pages.embed import embed_markdown, gallery_html
from tests.helpers import LESSON, one_line_error, run_main, sha256, tree_hash
from tests.helpers.fakes import FIXTURE, PAGE, SLUGS, fake_render, rerender

MEDIA = f"27_math_deep_learning/media/{LESSON}"
STEMS = [f"{n:02d}_{slug}" for n, slug in enumerate(SLUGS, start=1)]


@pytest.fixture
def site(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    return docs, fake_render(tmp_path / "out")


def publish_cli(docs, out, *args):
    return run_main("publish", "--docs", str(docs), "--out", str(out.parent), *args)  # in process: the same code


def check(docs, out, tmp_path, *args):
    """`publish --check`, proving it writes nothing."""
    before = tree_hash(tmp_path)
    done = publish_cli(docs, out, "--check", *args)
    assert tree_hash(tmp_path) == before, "--check changed something"
    assert done.stderr == "", done.stderr
    return done


def drop_section(out, slug):
    """A render whose manifest no longer lists `slug`: published with --drop-missing (or a section no longer
    in the lesson's table of contents), its block is emptied and its files removed."""
    path = out / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    entry = next(e for e in manifest["sections"] if e["slug"] == slug)
    manifest["sections"].remove(entry)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return entry


def test_check_before_publishing_names_every_section_and_writes_nothing(site, tmp_path):
    docs, out = site
    done = check(docs, out, tmp_path)
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and len(lines) == len(SLUGS)
    for stem, line in zip(STEMS, lines, strict=True):
        assert line == f"{docs / PAGE}: {stem}: not on the page yet; missing in media/{LESSON}/: " + ", ".join(
            f"{stem}.{kind}" for kind in ("mp4", "png", "webp", "vi.vtt", "en.vtt", "vi.txt", "en.txt")), line


def test_check_after_publishing_is_up_to_date(site, tmp_path):
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    done = check(docs, out, tmp_path)
    assert done.returncode == 0 and done.stdout == f"{docs / PAGE}: up to date\n"


def test_a_re_rendered_clip_makes_its_section_stale(site, tmp_path):
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    rerender(out, "02_minima_vs_maxima.mp4", b"a newer clip")
    done = check(docs, out, tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [(
        f"{docs / PAGE}: 02_minima_vs_maxima: the page's block is out of date; "
        f"out of date in media/{LESSON}/: 02_minima_vs_maxima.mp4")]
    assert publish_cli(docs, out).returncode == 0
    assert check(docs, out, tmp_path).returncode == 0


def test_a_missing_media_file_makes_its_section_stale(site, tmp_path):
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    (docs / MEDIA / "04_gradient_descent.en.vtt").unlink()
    done = check(docs, out, tmp_path)
    assert done.returncode == 1 and done.stdout.splitlines() == [
        f"{docs / PAGE}: 04_gradient_descent: missing in media/{LESSON}/: 04_gradient_descent.en.vtt"]


def test_an_edited_block_makes_its_section_stale(site, tmp_path):
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    page = docs / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("Tệp bản ghi", "Files", 1), encoding="utf-8")
    done = check(docs, out, tmp_path)
    assert done.returncode == 1
    assert done.stdout == f"{docs / PAGE}: 01_critical_points: the page's block is out of date\n"


def test_a_section_the_manifest_no_longer_lists_is_removed_with_its_files_only(site, tmp_path):
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    (docs / MEDIA / "teacher_notes.pdf").write_bytes(b"the teacher's own file")
    entry = drop_section(out, "plateaus")
    done = check(docs, out, tmp_path, "--drop-missing")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [(
        f"{docs / PAGE}: 03_plateaus: a block of a section the manifest no longer lists (publish empties it); "
        f"no longer in the manifest (publish removes them) in media/{LESSON}/: {', '.join(sorted(entry['hashes']))}")]
    done = publish_cli(docs, out, "--drop-missing")
    assert done.returncode == 0, done.stderr
    assert "; 7 no longer listed, removed" in done.stdout
    left = sorted(p.name for p in (docs / MEDIA).iterdir())
    assert not [name for name in left if name.startswith("03_")]
    assert "teacher_notes.pdf" in left and len(left) == 4 * 7 + 2  # 4 sections, the record, the teacher's
    text = (docs / PAGE).read_text(encoding="utf-8")
    assert "<!-- lesson-video:aero_llm_14_derivatives_find_minima.03_plateaus begin --><!-- lesson-video:aero_llm_14_derivatives_find_minima.03_plateaus end -->" in text
    assert "03_plateaus." not in text  # the page no longer links the removed files
    assert "03_plateaus.mp4" not in json.loads((docs / MEDIA / ".published.json").read_text())["files"]
    assert check(docs, out, tmp_path).returncode == 0


def test_a_folder_lacking_published_sections_is_refused_unless_they_are_to_be_dropped(site, tmp_path):
    """`render.py --section 2 --out fresh/` then publish: the folder has one section of five; publishing it as
    it is would take the four others off the page and delete their media. Refused in one line (publish,
    --check and --dry-run alike) with nothing changed; --drop-missing does it."""
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    for slug in ("critical_points", "plateaus", "gradient_descent", "conclusion"):
        drop_section(out, slug)
    before = tree_hash(tmp_path)
    for mode in ((), ("--check",), ("--dry-run",)):
        done = publish_cli(docs, out, *mode)
        one_line_error(done, f"{out} lacks 01_critical_points, 03_plateaus, 04_gradient_descent, 05_conclusion, "
                             "which the page shows: publishing it would take them off the page; render the whole "
                             "lesson into that folder, or add --drop-missing to take them off (nothing was changed)")
        assert tree_hash(tmp_path) == before
    done = publish_cli(docs, out, "--drop-missing")
    assert done.returncode == 0 and "; 28 no longer listed, removed" in done.stdout, done.stdout + done.stderr
    assert sorted({p.name.partition(".")[0] for p in (docs / MEDIA).glob("0*")}) == ["02_minima_vs_maxima"]
    text = (docs / PAGE).read_text(encoding="utf-8")
    assert "<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin --><!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points end -->" in text


def test_a_section_no_longer_in_the_lesson_is_taken_off_without_being_asked(site, tmp_path, monkeypatch):
    """A section removed from the table of contents is not a partial render: publish removes it as before."""
    import sections

    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    monkeypatch.setattr(sections, "SLUGS", tuple(s for s in sections.SLUGS if s != "plateaus"))
    drop_section(out, "plateaus")
    done = publish_cli(docs, out)
    assert done.returncode == 0 and "; 7 no longer listed, removed" in done.stdout, done.stdout + done.stderr
    assert not list((docs / MEDIA).glob("03_*"))


def test_a_file_changed_since_publish_wrote_it_is_never_removed(site, tmp_path):
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    (docs / MEDIA / "05_conclusion.png").write_bytes(b"the teacher replaced it")
    drop_section(out, "conclusion")
    done = publish_cli(docs, out, "--drop-missing")
    assert done.returncode == 0, done.stderr
    assert (docs / MEDIA / "05_conclusion.png").read_bytes() == b"the teacher replaced it"
    assert "warning: kept" in done.stderr and "05_conclusion.png" in done.stderr
    assert "05_conclusion.png" not in json.loads((docs / MEDIA / ".published.json").read_text())["files"]
    assert not (docs / MEDIA / "05_conclusion.mp4").exists()


def test_a_record_naming_files_elsewhere_removes_nothing_there(site, tmp_path):
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    victim = docs / "27_math_deep_learning" / "keep.md"
    victim.write_text("mine", encoding="utf-8")
    record = docs / MEDIA / ".published.json"
    data = json.loads(record.read_text())
    data["files"].update({"../keep.md": sha256(victim), "../../27_math_deep_learning/keep.md": sha256(victim)})
    record.write_text(json.dumps(data))
    assert publish_cli(docs, out).returncode == 0
    assert victim.read_text(encoding="utf-8") == "mine"


def test_check_and_dry_run_are_one_or_the_other(site):
    docs, out = site
    one_line_error(publish_cli(docs, out, "--check", "--dry-run"), "not allowed with argument")


def test_player_and_preview_urls_carry_the_clips_content_hash(site):
    """In the published page, embed.md and index.html: a new render means a new URL for every cache."""
    docs, out = site
    assert publish_cli(docs, out).returncode == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    page = (docs / PAGE).read_text(encoding="utf-8")
    typed = parse_manifest(manifest, out / "manifest.json")
    embed, gallery = embed_markdown(typed), gallery_html(typed)
    for entry in manifest["sections"]:
        clip = f"{entry['file']}?v={sha256(out / entry['file'])[:12]}"
        poster = f"{entry['poster']}?v={sha256(out / entry['poster'])[:12]}"
        preview = f"{entry['preview']}?v={sha256(out / entry['preview'])[:12]}"
        assert f'<source src="../media/{LESSON}/{clip}"' in page and f'poster="../media/{LESSON}/{poster}"' in page
        assert f"(media/{LESSON}/{preview})](media/{LESSON}/{clip})" in page
        assert f'<source src="{clip}"' in embed and f"({preview})]({clip})" in embed
        assert f'<source src="{clip}"' in gallery and f'poster="{poster}"' in gallery
    rerender(out, "01_critical_points.mp4", b"another clip")
    assert publish_cli(docs, out).returncode == 0
    assert f"01_critical_points.mp4?v={sha256(out / '01_critical_points.mp4')[:12]}" in (docs / PAGE).read_text()
