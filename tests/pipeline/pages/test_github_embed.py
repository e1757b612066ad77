"""The published page as GitHub shows it: rendered by a GFM renderer, then sanitized the way GitHub's
sanitizer is reported to work (an allowlist of tags and attributes; `<video>`, `<source>`, `<track>`,
`<audio>` and `<script>` dropped with their contents; `class`, `style` and `hidden` dropped). Each section
must keep its preview linking to the MP4 and its transcript, with paths that resolve from the page's folder."""

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from pipeline.pages.embed import FALLBACK_CLASS
from pipeline.publish.run import publish
from tests.helpers import LESSON
from tests.helpers.fakes import FIXTURE, PAGE, SLUGS, Visible, fake_render, github_html, version


def resolves(docs: Path, page: str, target: str) -> bool:
    """Whether GitHub's page-relative resolution of `target` lands on a file of the docs tree (the query,
    publish's `?v=` content hash, is not part of the path)."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(urlsplit(target).path)))
    return not path.startswith("..") and (docs / path).is_file()


def path_of(target: str) -> str:
    return urlsplit(target).path


@pytest.fixture
def published(tmp_path):
    import shutil


    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    publish(docs, PAGE, fake_render(tmp_path / "out"))
    return docs


def test_each_section_keeps_a_preview_linking_to_its_clip_on_github(published):
    seen = Visible()
    seen.feed(github_html((published / PAGE).read_text(encoding="utf-8")))
    for number, slug in enumerate(SLUGS, start=1):
        stem = f"{number:02d}_{slug}"
        clip, preview = f"media/{LESSON}/{stem}.mp4", f"media/{LESSON}/{stem}.webp"
        folder = published / posixpath.dirname(PAGE)
        versioned = (clip + version(folder / clip), [preview + version(folder / preview)])
        assert versioned in seen.links, stem  # each URL carries its file's content hash
        assert resolves(published, PAGE, versioned[0]) and resolves(published, PAGE, versioned[1][0])
    assert len(seen.images) == len(SLUGS)  # the previews and nothing else


def test_transcripts_and_their_files_survive_with_paths_that_resolve_on_github(published):
    html = github_html((published / PAGE).read_text(encoding="utf-8"))
    assert html.count("<details>") == len(SLUGS) and html.count("<summary>") == len(SLUGS)
    seen = Visible()
    seen.feed(html)
    texts = [href for href, _ in seen.links if path_of(href).endswith(".txt")]
    assert len(texts) == 2 * len(SLUGS)
    assert all(resolves(published, PAGE, href) for href in texts), texts


def test_nothing_meant_for_mkdocs_leaks_into_githubs_page(published):
    html = github_html((published / PAGE).read_text(encoding="utf-8"))
    seen = Visible()
    seen.feed(html)
    text = "".join(seen.text)
    assert "<video" not in html and "../media/" not in html
    for leak in ("[![", "](media/", "display", "{", "lesson-video"):
        assert leak not in text, leak


def test_the_simulated_sanitizer_drops_what_github_drops():
    """Guards the simulation itself: the old design (fallback inside <video>) loses its preview here, as
    it was reported to on GitHub, and a <style> element never reaches the page."""
    old = ('<video controls>\n  <source src="a.mp4" type="video/mp4">\n\n[![t](a.webp)](a.mp4)\n\n</video>\n\n'
           '<style>.x { display: none }</style>\n\n<div class="x" hidden style="display: none">\n\nkept\n\n</div>\n')
    html = github_html(old)
    assert "a.webp" not in html and "a.mp4" not in html and "<style" not in html
    assert re.search(r"<div>\s*<p>kept</p>\s*</div>", html), html


def test_the_fallback_is_hidden_from_browsers_and_its_markdown_left_raw_for_mkdocs():
    """In the page block the fallback div carries `hidden` and an inline display: none (what MkDocs keeps),
    with the markdown between blank lines (what GFM parses)."""
    from pipeline.manifest import SectionEntry
    from pipeline.pages.embed import video_block

    entry = SectionEntry(number=1, slug="critical_points", stem="01", file="01.mp4", poster="01.png",
                         preview="01.webp", width=256, height=144, fps=10.0, duration=1.0,
                         captions={"vi": "01.vi.vtt"}, function="x^2", domain=(-1.0, 1.0))
    block = video_block(entry, "vi", "../m/", "m/")
    start = block.index(f'<div class="{FALLBACK_CLASS}" hidden style="display: none">\n\n')
    assert block.index("</video>") < start
    assert block[start:].split("\n\n")[1] == "[![1. Điểm tới hạn: nơi đạo hàm bằng 0](m/01.webp)](m/01.mp4)"
