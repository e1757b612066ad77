"""Publish reads a page as its readers' renderers do: any line ending (LF, CRLF, CR, mixed), headings and
markers inside code (fenced, indented, spans) and HTML comments are text. Whatever the page, a second
publish changes nothing (bytes equal), and the text outside publish's markers is kept byte for byte."""

import json
import re
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import render
from pipeline.manifest import parse_manifest
from pipeline.publish.run import PublishError, render_page
from pipeline.publish.structure import PageError, scan_page
from tests.helpers import LESSON
from tests.helpers.fakes import SLUGS, fake_render

NEWLINE = r"(?:\r\n|\r|\n)"


def skeleton(text: str) -> str:
    """`text` with the content of each of its live blocks cleared."""
    for block in sorted(scan_page(text, "p.md").blocks, key=lambda b: b.start, reverse=True):
        text = text[:block.start] + text[block.end:]
    return text


def plain(text: str) -> str:
    """Markers named as before they carried the lesson (publish renames its own blocks of those in place)."""
    return text.replace(f"lesson-video:{LESSON}.", "lesson-video:")


def without_blocks(text: str, original: str) -> str:
    """The published `text`, its blocks' content cleared and the blocks publish added removed: the
    original page's skeleton if publish kept every byte outside its blocks but the lesson in the markers
    it took over (the block at the end may follow a line ending publish added to an unfinished last
    line)."""
    def unnamed(name: str) -> str:
        return name.removeprefix(f"{LESSON}.")
    kept = {unnamed(b.name) for b in scan_page(original, "p.md").blocks}
    stripped = skeleton(text)
    for name in {b.name for b in scan_page(text, "p.md").blocks if unnamed(b.name) not in kept}:
        empty = re.escape(f"<!-- lesson-video:{name} begin --><!-- lesson-video:{name} end -->")
        pattern = rf"{NEWLINE}{empty}{NEWLINE}\Z" if name.endswith(".sections") else rf"{NEWLINE}{{2}}{empty}"
        stripped = re.sub(pattern, "", stripped, count=1)
    stripped, original = plain(stripped), plain(skeleton(original))
    if stripped != original and stripped.startswith(original) and stripped[len(original):] in ("\n", "\r\n", "\r"):
        return original
    return stripped


@pytest.fixture
def site(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    return docs, fake_render(tmp_path / "out")


def publish_twice(docs, out, raw: bytes, name="page.md") -> tuple[bytes, bytes]:
    page = docs / name
    page.write_bytes(raw)
    args = ["publish", "--docs", str(docs), "--page", name, "--out", str(out.parent)]
    assert render.main(args) == 0
    first = page.read_bytes()
    assert render.main(args) == 0
    return first, page.read_bytes()


def headed_page(newline: str) -> str:
    return newline.join(["# Bài học", "", "```py", "## 1. not a heading", "x = 1", "```", "",
                         "## 1. Điểm tới hạn", "", "text", "", "~~~", "<!-- lesson-video:x begin -->", "~~~", "",
                         "## 2. Cực tiểu", "", "more", ""])


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_fenced_code_and_headings_with_any_line_ending(site, newline, capsys):
    """On CRLF (or CR) the closing fence was never seen: the rest of the page was code, every run
    appended another block at the end and the headings never got theirs."""
    docs, out = site
    first, second = publish_twice(docs, out, headed_page(newline).encode())
    assert second == first  # the second run changes nothing
    text = first.decode()
    assert text.count("<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->") == 1
    assert text.index("## 1. Điểm tới hạn") < text.index("<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->") \
        < text.index("## 2. Cực tiểu") < text.index("<!-- lesson-video:aero_llm_14_derivatives_find_minima.02_minima_vs_maxima begin -->")
    assert text.count("<video") == len(SLUGS)  # sections 3-5 (no heading) in the one block at the end
    assert without_blocks(text, headed_page(newline)) == headed_page(newline)
    others = text.replace("\r\n", "") if newline == "\r\n" else text.replace(newline, "")
    assert "\r" not in others and "\n" not in others  # publish's blocks use the page's line ending
    assert "up to date; 0 media file(s) copied" in capsys.readouterr().out.splitlines()[-1]


def test_mixed_line_endings_are_kept_and_stable(site):
    docs, out = site
    raw = "# T\r\n\r\n```\r\ncode\n```\n\n## 1. Điểm tới hạn\r\n\r\nbody\n## 2. Cực tiểu\rend\r\n".encode()
    first, second = publish_twice(docs, out, raw)
    assert second == first
    assert without_blocks(first.decode(), raw.decode()) == raw.decode()
    assert first.decode().index("## 2. Cực tiểu") < first.decode().index("lesson-video:aero_llm_14_derivatives_find_minima.02_minima_vs_maxima begin")


def test_a_heading_inside_an_html_comment_is_not_live(site):
    """A block after a commented-out heading would sit inside the comment, and its first `-->` would end
    the comment early, leaving the rest of the comment on the page and a stray `-->`."""
    docs, out = site
    raw = ("# T\n\n<!--\n## 1. Điểm tới hạn (draft)\n\nold notes\n-->\n\n"
           "## 2. Cực tiểu <!-- a note --> `<!--`\n\nbody\n").encode()
    first, second = publish_twice(docs, out, raw)
    assert second == first
    text = first.decode()
    comment_end = text.index("-->\n\n## 2.")
    assert text[:comment_end] == raw.decode()[:comment_end]  # nothing inserted into the comment
    assert text.index("lesson-video:aero_llm_14_derivatives_find_minima.02_minima_vs_maxima begin") > text.index("## 2. Cực tiểu")
    assert "01_critical_points.mp4" in text[text.index("lesson-video:aero_llm_14_derivatives_find_minima.sections begin"):]  # in the end block
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    assert "old notes" not in re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
    assert "--&gt;" not in html and html.count("<video") == len(SLUGS)


def test_markers_in_code_spans_indented_code_and_comments_are_text(site):
    """A page that documents the markers was refused ('never closed', 'without its begin')."""
    docs, out = site
    raw = ("# T\n\nWrite `<!-- lesson-video:01_critical_points begin -->` and ``x <!-- lesson-video:x end --> y``.\n"
           "\n    <!-- lesson-video:02_minima_vs_maxima begin -->\n    indented code\n\n"
           "<!-- the end marker: <!-- lesson-video:03_plateaus end --> -->\n\n"
           "## 1. Điểm tới hạn\n\nbody\n").encode()
    first, second = publish_twice(docs, out, raw)
    assert second == first
    text = first.decode()
    assert text.count("<!-- lesson-video:01_critical_points begin -->") == 1  # the span's, as written
    assert text.count("<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->") == 1
    assert text.index("## 1. Điểm tới hạn\n\n<!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->") > 0
    assert without_blocks(text, raw.decode()) == raw.decode()


def test_an_indented_line_that_continues_a_paragraph_is_not_code(site):
    docs, out = site
    raw = b"para\n    <!-- lesson-video:aero_llm_14_derivatives_find_minima.01_critical_points begin -->\n"
    (docs / "page.md").write_bytes(raw)
    assert render.main(["publish", "--docs", str(docs), "--page", "page.md", "--out", str(out.parent)]) == 2
    assert (docs / "page.md").read_bytes() == raw


@pytest.mark.parametrize("tail, needle", [("```\ncode without its fence", "the code block opened on line 3"),
                                          ("<!-- never closed\n", "the HTML comment opened on line 3")])
def test_a_page_ending_inside_code_or_a_comment_is_refused_when_a_block_must_go_there(site, capsys, tail, needle):
    """The block would land inside the code or the comment, be text on the next run, and be added again."""
    docs, out = site
    raw = f"# T\n\n{tail}".encode()
    (docs / "page.md").write_bytes(raw)
    assert render.main(["publish", "--docs", str(docs), "--page", "page.md", "--out", str(out.parent)]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and needle in error[0] and "close it" in error[0]
    assert (docs / "page.md").read_bytes() == raw and not (docs / "media").exists()


def test_a_headings_own_code_span_ends_with_its_line():
    text = "## 1. A `tick\n\nb` text\n"
    structure = scan_page(text, "p.md")
    assert [text[h.start:h.end] for h in structure.headings] == ["## 1. A `tick"]
    assert structure.live(text.index("b`"))


def test_a_backslash_escapes_a_comment_and_a_code_span():
    text = "\\<!-- lesson-video:x begin --> and \\`<!-- lesson-video:x end -->`\n"
    with pytest.raises(PageError, match="without its begin"):
        scan_page(text, "p.md")  # the second marker is live: its backtick is escaped, so no span


PIECES = ["# T", "## 1. Điểm tới hạn", "## 2. Cực tiểu", "## 3) Vùng phẳng", "#### 4. Hạ gradient", "## 5. x `y",
          "text", "text `", "", "", "```", "~~~~", "   ```", "    indented", "\tindented", "`", "``x``", "<!--", "-->",
          "<!-- c -->", "x <!-- y", "<!-- lesson-video:01_critical_points begin -->",
          "<!-- lesson-video:01_critical_points end -->", "<!-- lesson-video:sections begin -->",
          "<!-- lesson-video:sections end -->", "\\`", "\ufeff",
          f"<!-- lesson-video:{LESSON}.02_minima_vs_maxima begin -->",
          f"<!-- lesson-video:{LESSON}.02_minima_vs_maxima end -->"]
PAGES = st.tuples(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(["\n", "\r\n", "\r", "", " "])),
                           max_size=16), st.booleans())


def page_of(pieces) -> str:
    lines, final = pieces
    text = "".join(line + ending for line, ending in lines)
    return text if final else text.rstrip("\r\n")


def manifests(tmp_path_factory):
    """A rendered lesson, the same after a re-render (new hashes, a transcript with backticks, blank lines
    and a comment opener), and after a render that lists two sections only."""
    out = fake_render(tmp_path_factory.mktemp("render") / "out")
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    again = json.loads(json.dumps(data))
    for entry in again["sections"]:
        entry["hashes"] = {name: "ab" * 32 for name in entry["hashes"]}
        entry["transcript"] = {"vi": "một `dòng`\n\nhai ```x", "en": "a `b` c\n\n<!-- x"}
    fewer = {**again, "sections": again["sections"][:2]}
    return [parse_manifest(d, out / "manifest.json") for d in (data, again, fewer)]


@pytest.fixture(scope="module")
def lesson_versions(tmp_path_factory):
    return manifests(tmp_path_factory)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=PAGES)
@example(pieces=([("# T", "\n"), ("<!-- lesson-video:sections begin -->", "\n"),
                  ("<!-- lesson-video:sections end -->", "\n")], True))  # a block publish names in place
def test_any_page_reads_the_same_after_publish_filled_it(lesson_versions, pieces):
    """Either publish refuses the page, or the text outside its blocks is the original and publishing
    again — the same render, a re-render with other content, fewer sections, then the first again —
    changes nothing the second time of each (bytes equal) and ends where it started."""
    text = page_of(pieces)
    first, again, fewer = lesson_versions
    try:
        published = render_page(text, first, Path("p.md")).text
    except PublishError:
        return
    assert without_blocks(published, text) == plain(skeleton(text))
    assert published.count("<video") == len(SLUGS)
    page = published
    for manifest in (again, fewer, first):
        page = render_page(page, manifest, Path("p.md")).text
        assert render_page(page, manifest, Path("p.md")).text == page
    assert page == published


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=PAGES)
@example(pieces=([("```", ""), ("<!-- lesson-video:01_critical_points begin -->", ""), ("## 5. x `y", "\n"),
                  ("<!-- lesson-video:01_critical_points end -->", "\n"), ("```", "\n")], False))  # no fence to cmark
def test_a_block_goes_under_a_heading_only_where_github_renders_one(lesson_versions, pieces):
    """GitHub's renderer (cmark-gfm) must see each block publish put after a heading right after that
    heading, and every player as live HTML: never inside code or a comment."""
    text = page_of(pieces)
    try:
        published = render_page(text, lesson_versions[0], Path("p.md")).text
    except PublishError:
        return
    html = cmarkgfm.github_flavored_markdown_to_html(published.replace("\r\n", "\n").replace("\r", "\n"),
                                                      options=Options.CMARK_OPT_UNSAFE)
    assert re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL).count("<video") == len(SLUGS), published
    added = {plain(b.name) for b in scan_page(published, "p.md").blocks} - \
        {plain(b.name) for b in scan_page(text, "p.md").blocks}  # a block of the markers before is renamed in place
    for number in range(1, 6):
        stem = f"{number:02d}_{SLUGS[number - 1]}"
        if stem in added:
            assert re.search(rf"<h\d>{number}[.)] .*?</h\d>\s*<!-- lesson-video:aero_llm_14_derivatives_find_minima.{stem} begin -->", html), published
