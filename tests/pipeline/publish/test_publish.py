"""render.py publish on a copy of a docs tree shaped like the course's, with a fake rendered lesson."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.publish.run import PublishError, publish
from tests.helpers import LESSON, run_cli
from tests.helpers.fakes import FIXTURE, PAGE, SLUGS, build_mkdocs, fake_render, version


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def docs(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(FIXTURE, target)
    return target


def cli(*args):
    return run_cli("publish", *args)


def test_clips_go_after_their_headings_and_outside_text_is_kept(docs, tmp_path):
    out = fake_render(tmp_path / "out")
    original = (docs / PAGE).read_bytes()
    result = publish(docs, PAGE, out)
    text = (docs / PAGE).read_text(encoding="utf-8")
    assert result.page_changed
    for number, slug in enumerate(SLUGS, start=1):
        heading = text.index(f"## {number}. ")
        begin = text.index(f"<!-- lesson-video:aero_llm_14_derivatives_find_minima.{number:02d}_{slug} begin -->")
        assert heading < begin < text.index("\n## ", heading + 1) if number < 5 else heading < begin
        stem = f"{number:02d}_{slug}"
        clip, preview = version(out / f"{stem}.mp4"), version(out / f"{stem}.webp")
        assert f'src="../media/{LESSON}/{stem}.mp4{clip}"' in text
        assert "[![" in text and f"](media/{LESSON}/{stem}.webp{preview})](media/{LESSON}/{stem}.mp4{clip})" in text
        assert f'poster="../media/{LESSON}/{stem}.png{version(out / f"{stem}.png")}"' in text
        assert f'<track kind="captions" srclang="vi" label="Tiếng Việt" src="../media/{LESSON}/{stem}.vi.vtt' \
               f'{version(out / f"{stem}.vi.vtt")}"' in text
    # removing our blocks gives back the original bytes exactly
    import re
    stripped = re.sub(r"\n\n<!-- lesson-video:(\S+) begin -->.*?<!-- lesson-video:\1 end -->", "", text,
                      flags=re.DOTALL)
    assert stripped.encode("utf-8") == original
    media = docs / "27_math_deep_learning" / "media" / LESSON
    assert sorted(p.name for p in media.iterdir() if p.name != ".published.json") == \
        sorted(p.name for p in out.iterdir() if p.name != "manifest.json")


def test_publishing_twice_changes_nothing(docs, tmp_path):
    out = fake_render(tmp_path / "out")
    publish(docs, PAGE, out)
    first = (docs / PAGE).read_bytes()
    media = docs / "27_math_deep_learning" / "media" / LESSON
    stamps = {p.name: p.stat().st_mtime_ns for p in media.iterdir()}
    again = publish(docs, PAGE, out)
    assert not again.page_changed and again.copied == () and again.diff == ""
    assert (docs / PAGE).read_bytes() == first
    assert {p.name: p.stat().st_mtime_ns for p in media.iterdir()} == stamps


def test_a_page_without_section_headings_gets_one_block(docs, tmp_path):
    out = fake_render(tmp_path / "out")
    page = docs / "other.md"
    page.write_text("# Trang khác\n\nNội dung.\n", encoding="utf-8")
    publish(docs, "other.md", out)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Trang khác\n\nNội dung.\n\n<!-- lesson-video:aero_llm_14_derivatives_find_minima.sections begin -->")
    assert text.count("<video") == 5
    assert 'src="../media/' in text  # other.md is served at other/ with directory URLs
    publish(docs, "other.md", out)
    assert page.read_text(encoding="utf-8") == text


def test_crlf_pages_keep_their_line_endings(docs, tmp_path):
    out = fake_render(tmp_path / "out")
    page = docs / "crlf.md"
    page.write_bytes("# A\r\n\r\n## 1. Điểm tới hạn\r\ntext\r\n".encode())
    publish(docs, "crlf.md", out)
    raw = page.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.parametrize("page_text, needle", [
    ("a\n<!-- lesson-video:01_critical_points begin -->\nb\n", "never closed"),
    ("a\n<!-- lesson-video:01_critical_points end -->\n", "without its begin"),
    ("<!-- lesson-video:x begin --><!-- lesson-video:x end -->\n<!-- lesson-video:x begin --><!-- lesson-video:x end -->",
     "appears twice"),
    ("<!-- lesson-video:x begin --><!-- lesson-video:y begin -->", "inside the unfinished block"),
])
def test_broken_markers_are_refused_and_the_page_left_untouched(docs, tmp_path, page_text, needle):
    out = fake_render(tmp_path / "out")
    page = docs / "broken.md"
    page.write_text(page_text, encoding="utf-8")
    with pytest.raises(PublishError, match=needle):
        publish(docs, "broken.md", out)
    assert page.read_text(encoding="utf-8") == page_text
    assert not (docs / "media").exists()


def test_a_page_that_is_not_utf8_is_refused(docs, tmp_path):
    out = fake_render(tmp_path / "out")
    page = docs / "latin1.md"
    page.write_bytes("# Điểm".encode("utf-16"))
    done = cli("--docs", str(docs), "--page", "latin1.md", "--out", str(out.parent))
    assert done.returncode == 2 and "is not UTF-8" in done.stderr
    assert page.read_bytes() == "# Điểm".encode("utf-16")


def test_dry_run_shows_the_diff_and_writes_nothing(docs, tmp_path):
    out = fake_render(tmp_path / "out")
    before = (docs / PAGE).read_bytes()
    done = cli("--docs", str(docs), "--out", str(out.parent), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"--- a/{PAGE}") and "+<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->" in done.stdout
    assert (docs / PAGE).read_bytes() == before
    assert not (docs / "27_math_deep_learning" / "media").exists()


def test_cli_publish_reports_and_is_idempotent(docs, tmp_path):
    out = fake_render(tmp_path / "out")
    done = cli("--docs", str(docs), "--out", str(out.parent))
    assert done.returncode == 0 and "updated" in done.stdout and "35 media file(s) copied" in done.stdout
    done = cli("--docs", str(docs), "--out", str(out.parent))
    assert done.returncode == 0 and "up to date; 0 media file(s) copied" in done.stdout


def test_publishing_before_rendering_says_so(docs, tmp_path):
    done = cli("--docs", str(docs), "--out", str(tmp_path / "nothing"))
    assert done.returncode == 2 and "render the lesson first" in done.stderr


def test_a_real_mkdocs_site_resolves_every_embedded_path(docs, tmp_path):
    """Build the fixture docs with MkDocs (use_directory_urls: true) and follow every src/href from the
    lesson page's URL to a file of the built site; the GitHub fallback stays raw and hidden."""
    import re
    from urllib.parse import urljoin

    from pipeline.pages.embed import FALLBACK_CLASS

    out = fake_render(tmp_path / "out")
    publish(docs, PAGE, out)
    site = build_mkdocs(docs, tmp_path / "site")
    page_url = f"/27_math_deep_learning/{LESSON}/"
    html = (site / "27_math_deep_learning" / LESSON / "index.html").read_text(encoding="utf-8")
    assert html.count("<video") == 5
    targets = re.findall(r'(?:src|poster|href)="([^"]+)"', html)
    media = [t for t in targets if "media/" in t]
    assert len(media) == 5 * (4 + 2)  # per clip: poster, source, two caption tracks, two transcript files
    for target in media:
        path, _, query = urljoin(page_url, target).partition("?")
        assert (site / path.lstrip("/")).is_file(), (target, path)
        assert query == version(site / path.lstrip("/"))[1:], target  # the URL changes with the file
    fallbacks = re.findall(rf'<div class="{FALLBACK_CLASS}" hidden style="display: none">(.*?)</div>', html,
                           flags=re.DOTALL)
    assert len(fallbacks) == 5
    assert all("<img" not in f and "<a " not in f for f in fallbacks)  # left raw: nothing fetched or clickable


def test_a_renumbered_section_keeps_its_place_on_the_page(docs, tmp_path):
    """Identity is the slug: the conclusion published as section 5, then rendered as section 6 (a section
    inserted before it), replaces its own block where it is, markers and media renamed, nothing left over."""
    out = fake_render(tmp_path / "out")
    publish(docs, PAGE, out)
    where = (docs / PAGE).read_text(encoding="utf-8").index("<!-- lesson-video:aero_llm_14_derivatives_find_minima.05_conclusion begin -->")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["sections"][-1]
    for key in ("file", "poster", "preview"):
        (out / entry[key]).rename(out / entry[key].replace("05_", "06_"))
    for group in ("captions", "transcripts"):
        for name in entry[group].values():
            (out / name).rename(out / name.replace("05_", "06_"))
    renamed = json.loads(json.dumps(entry).replace("05_conclusion", "06_conclusion"))
    renamed["number"] = 6
    manifest["sections"][-1] = renamed
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    publish(docs, PAGE, out)
    text = (docs / PAGE).read_text(encoding="utf-8")
    assert "05_conclusion" not in text
    assert text.index("<!-- lesson-video:aero_llm_14_derivatives_find_minima.06_conclusion begin -->") == where
    media = docs / "27_math_deep_learning" / "media" / LESSON
    assert not list(media.glob("05_conclusion*")) and len(list(media.glob("06_conclusion*"))) == 7
    assert not publish(docs, PAGE, out).page_changed
