"""Section 4's explorable in the lesson folder's contracts: listed in the manifest (one folder deep, never
outside), copied by publish into media/<lesson>/explore/ under the same confinement and overwrite rules,
embedded after section 4's clip, and invisible on GitHub (its script and element dropped, no text left)."""

import json
import shutil

import pytest

from pipeline.manifest import ManifestError, read_manifest
from pipeline.pages.embed import embed_markdown, gallery_html
from pipeline.pages.explorable import BLOCK_CLASS, ELEMENT
from pipeline.publish.run import PublishError, publish
from tests.helpers import LESSON, sha256
from tests.helpers.fakes import FIXTURE, PAGE, Visible, fake_render, github_html, version

EXPLORE = {"data": "explore/04_gradient_descent.json", "script": "explore/explore.js", "style": "explore/explore.css"}


def with_explorable(folder):
    """A fake render whose section 4 has an explorable, as pipeline.render.section lists it."""
    (folder / "explore").mkdir()
    for role, name in EXPLORE.items():
        (folder / name).write_text(f"/* {role} */\n" if role != "data" else '{"tabs": []}\n', encoding="utf-8")
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    entry = next(e for e in manifest["sections"] if e["slug"] == "gradient_descent")
    entry["explore"] = EXPLORE
    for name in EXPLORE.values():
        entry["hashes"][name], entry["sizes"][name] = sha256(folder / name), (folder / name).stat().st_size
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def lesson(tmp_path):
    return with_explorable(fake_render(tmp_path / "out"))


@pytest.fixture
def docs(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(FIXTURE, target)
    return target


def test_publish_copies_the_explorable_and_embeds_it_after_section_4s_clip(lesson, docs):
    result = publish(docs, PAGE, lesson)
    media = docs / "27_math_deep_learning" / "media" / LESSON
    for name in EXPLORE.values():
        assert (media / name).read_bytes() == (lesson / name).read_bytes()
    recorded = json.loads((media / ".published.json").read_text(encoding="utf-8"))["files"]
    assert {name: sha256(lesson / name) for name in EXPLORE.values()}.items() <= recorded.items()
    page = (docs / PAGE).read_text(encoding="utf-8")
    block = page[page.index("<!-- lesson-video:aero_llm_14_derivatives_find_minima.04_gradient_descent begin -->"):
                 page.index("<!-- lesson-video:aero_llm_14_derivatives_find_minima.04_gradient_descent end -->")]
    prefix = f"../media/{LESSON}/"  # raw HTML under use_directory_urls climbs one level
    data, style, script = (prefix + EXPLORE[r] + version(lesson / EXPLORE[r]) for r in ("data", "style", "script"))
    assert f'<{ELEMENT} data-data="{data}" data-style="{style}"></{ELEMENT}>' in block
    # the module inside the player, which GitHub drops with its contents (pipeline.pages.explorable)
    assert f'  <script type="module" src="{script}"></script>\n</video>' in block
    assert block.index("</video>") < block.index(ELEMENT)  # after the clip
    assert page.count(f"<{ELEMENT} ") == 1  # section 4 only
    again = publish(docs, PAGE, lesson)
    assert not again.page_changed and again.copied == ()
    assert publish(docs, PAGE, lesson, check=True).stale == ()
    assert result.copied


def test_a_changed_explorable_is_stale_then_republished(lesson, docs):
    publish(docs, PAGE, lesson)
    name = EXPLORE["data"]
    (lesson / name).write_text('{"tabs": [1]}\n', encoding="utf-8")
    manifest = json.loads((lesson / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["sections"] if e["slug"] == "gradient_descent")
    entry["hashes"][name], entry["sizes"][name] = sha256(lesson / name), (lesson / name).stat().st_size
    (lesson / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    stale = publish(docs, PAGE, lesson, check=True).stale
    assert any(f"out of date in media/{LESSON}/: {name}" in line for line in stale), stale
    publish(docs, PAGE, lesson)
    media = docs / "27_math_deep_learning" / "media" / LESSON
    assert (media / name).read_text(encoding="utf-8") == '{"tabs": [1]}\n'


def test_an_explore_folder_leading_outside_the_docs_is_refused(lesson, docs, tmp_path):
    media = docs / "27_math_deep_learning" / "media" / LESSON
    media.mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (media / "explore").symlink_to(outside)
    page = (docs / PAGE).read_bytes()
    with pytest.raises(PublishError, match="explore is in the way"):
        publish(docs, PAGE, lesson)
    assert list(outside.iterdir()) == [] and (docs / PAGE).read_bytes() == page


def test_someone_elses_file_in_the_explore_folder_is_never_overwritten(lesson, docs):
    media = docs / "27_math_deep_learning" / "media" / LESSON
    (media / "explore").mkdir(parents=True)
    (media / "explore" / "explore.js").write_text("// theirs\n", encoding="utf-8")
    with pytest.raises(PublishError, match="was not written by publish"):
        publish(docs, PAGE, lesson)
    assert (media / "explore" / "explore.js").read_text(encoding="utf-8") == "// theirs\n"


def test_github_shows_nothing_of_the_explorable(lesson, docs):
    publish(docs, PAGE, lesson)
    page = (docs / PAGE).read_text(encoding="utf-8")
    html = github_html(page)
    assert ELEMENT not in html and "<script" not in html and "explore/" not in html
    seen = Visible()
    seen.feed(html)
    text = "".join(seen.text)
    for leak in ("explore", "data-", "import", "{", "<"):
        assert leak not in text, leak
    # the block itself leaves one empty div: no text, no box, no stray code
    start = page.index(f'<div class="{BLOCK_CLASS}"')
    block = page[start:page.index("</div>", start) + len("</div>")]
    assert github_html(block).replace("\n", "") == '<div lang="vi"></div>', github_html(block)


def test_embed_md_and_the_gallery_embed_it_with_paths_beside_the_clips(lesson):
    manifest = read_manifest(lesson)
    md, gallery = embed_markdown(manifest), gallery_html(manifest)
    for text in (md, gallery):
        assert f'data-data="{EXPLORE["data"]}{version(lesson / EXPLORE["data"])}"' in text
        assert f'<script type="module" src="{EXPLORE["script"]}{version(lesson / EXPLORE["script"])}"></script>' in text
        assert text.count("<script") == 1
    assert gallery.index('id="gradient_descent"') < gallery.index(ELEMENT) < gallery.index('id="conclusion"')


@pytest.mark.parametrize("name", ["../escape.json", "explore/../x.js", "/tmp/x.json", "explore/sub/x.js", "x.json"])
def test_a_manifest_naming_explore_files_outside_explore_is_refused(lesson, name):
    path = lesson / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    next(e for e in manifest["sections"] if e["slug"] == "gradient_descent")["explore"]["data"] = name
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ManifestError, match="explore"):
        read_manifest(lesson)
