"""The published page as GitHub shows it: rendered by a GFM renderer, then sanitized the way GitHub's
sanitizer is reported to work (an allowlist of tags and attributes; `<video>`, `<source>`, `<track>`,
`<audio>` and `<script>` dropped with their contents; `class`, `style` and `hidden` dropped). Each section
must keep its preview linking to the MP4 and its transcript, with paths that resolve from the page's folder."""

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import cmarkgfm
import nh3
import pytest
from cmarkgfm.cmark import Options

from pipeline.pages.embed import FALLBACK_CLASS
from pipeline.publish.run import publish

from .test_publish import LESSON, PAGE, SLUGS, fake_render, version

# The element and attribute allowlist GitHub's markdown pipeline published (html-pipeline's
# SanitizationFilter); `video` is not on it and is removed with what it holds.
GITHUB_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "br", "b", "i", "strong", "em", "a", "pre",
               "code", "img", "tt", "div", "ins", "del", "sup", "sub", "p", "ol", "ul", "table", "thead",
               "tbody", "tfoot", "blockquote", "dl", "dt", "dd", "kbd", "q", "samp", "var", "hr", "ruby", "rt",
               "rp", "li", "tr", "td", "th", "s", "strike", "summary", "details"}
GITHUB_ATTRIBUTES = {"a": {"href"}, "img": {"src", "longdesc"},
                     "*": {"abbr", "align", "alt", "border", "colspan", "dir", "height", "lang", "name",
                           "open", "rel", "rowspan", "span", "start", "summary", "title", "type", "width"}}
DROPPED_WITH_CONTENTS = {"video", "audio", "source", "track", "script", "style"}


def github_html(markdown: str) -> str:
    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return nh3.clean(rendered, tags=GITHUB_TAGS, clean_content_tags=DROPPED_WITH_CONTENTS,
                     attributes=GITHUB_ATTRIBUTES, link_rel=None, strip_comments=True)


class Visible(HTMLParser):
    """Links, images and text of sanitized HTML (nothing in it can be hidden: no style, class or hidden)."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, list[str]]] = []  # (href, image srcs inside the link)
        self.images: list[str] = []
        self.text: list[str] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        assert not {"style", "class", "hidden"} & set(attrs), (tag, attrs)
        if tag == "a":
            self._open.append((attrs["href"], []))
        elif tag == "img":
            self.images.append(attrs["src"])
            if self._open:
                self._open[-1][1].append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "a":
            self.links.append(self._open.pop())

    def handle_data(self, data):
        self.text.append(data)


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

    from .test_publish import FIXTURE

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
