"""HTML/markdown that embeds the clips: embed.md and index.html beside the outputs, and the page blocks
that `publish` writes into the course docs.

A page block has to read right in two places that treat it differently:
- a MkDocs site renders raw HTML as written (never rewriting its paths: with `use_directory_urls: true`,
  page a/b.md is served at a/b/, so raw HTML paths climb one more level) and rewrites markdown links so
  they resolve from the page's URL;
- GitHub resolves markdown links from the page's folder, and its sanitizer drops `<video>` together with
  everything inside it, `style`, `class` and `hidden` attributes, and `<style>` elements' tags (not their
  text, which it shows as text).
So the player is raw HTML (MkDocs shows it, GitHub drops it), the fallback preview is markdown inside a
`<div hidden style="display: none">` after the player (MkDocs hides it and, raw HTML being opaque to it,
never renders or fetches it; GitHub drops the attributes and shows the preview), and the transcript's
file links are a markdown line that both resolve.

Every media URL carries its file's content hash (`?v=<first 12 hex digits of its sha256>`, from the
manifest's `hashes`): a re-rendered clip gets a new URL, so no browser or CDN serves the old one.
"""

from __future__ import annotations

import html
import re

import sections

from ..manifest import PRESENT as PRESENT_PAGE
from ..manifest import LessonVideo, Manifest, SectionEntry
from .explorable import block as explore_html
from .explorable import script_tag
from .favicon import LINK as FAVICON


def section_title(entry: SectionEntry, language: str) -> str:
    return sections.title(entry.slug, language, entry.number)


def lesson_title(language: str) -> str:
    """The lesson's title: the heading of its pages."""
    return LESSON_TITLE.get(language, LESSON_TITLE["en"])


LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
FALLBACK_CLASS = "lesson-video-fallback"
SHA256 = re.compile(r"[0-9a-f]{64}")
VERSION_DIGITS = 12


def media_url(entry: SectionEntry | LessonVideo, prefix: str, name: str) -> str:
    """`prefix + name`, versioned by the file's hash when the manifest records one."""
    digest = entry.hashes.get(name)
    version = f"?v={digest[:VERSION_DIGITS]}" if isinstance(digest, str) and SHA256.fullmatch(digest) else ""
    return f"{prefix}{name}{version}"


def markdown_text(value: str) -> str:
    """`value` as literal markdown inline text (a title inside a link's brackets)."""
    return re.sub(r"([\\`*_\[\]<>!])", r"\\\1", value)


def caption_tracks(entry: SectionEntry, language: str, prefix: str) -> list[str]:
    """One <track> per caption file; the lesson's language is the default track."""
    return [f'<track kind="captions" srclang="{lang}" label="{LANGUAGE_NAMES.get(lang, lang)}" '
            f'src="{html.escape(media_url(entry, prefix, name))}"{" default" if lang == language else ""}>'
            for lang, name in entry.captions.items()]


LESSON_TITLE = {"vi": "Tìm cực trị bằng đạo hàm", "en": "Finding minima and maxima with derivatives"}
PRESENT_LINK = {"vi": "Trình chiếu trên lớp (present.html): dừng ở từng ý, bấm Space để tiếp",
                "en": "Classroom mode (present.html): stops at every beat, press Space to go on"}
WHOLE = {"vi": "Cả bài trong một tệp", "en": "The whole lesson in one file"}
WHOLE_PARTS = {"vi": ("{n} chương", "phụ đề", "chương", "bản ghi"), "en": ("{n} chapters", "captions", "chapters",
                                                                        "transcript")}
TRANSCRIPT_SUMMARY = {"vi": "Bản ghi (lời thuyết minh và hình ảnh)", "en": "Transcript (narration and visuals)"}
TRANSCRIPT_FILES = {"vi": "Tệp bản ghi", "en": "Transcript files"}


def transcript_details(entry: SectionEntry, language: str, links_prefix: str | None = None) -> str:
    """The section's transcript as HTML in a collapsed <details> (raw HTML: MkDocs renders no markdown
    inside it unless md_in_html is on); '' without one. With `links_prefix` it also links the text files
    in every language, as HTML (for pages that are only HTML, where one prefix is right everywhere)."""
    texts = entry.transcript
    if language not in texts:
        return ""
    lines = "<br>\n".join(html.escape(line) for line in texts[language].strip().splitlines())
    links = "" if links_prefix is None else " · ".join(
        f'<a href="{html.escape(media_url(entry, links_prefix, name))}">{LANGUAGE_NAMES.get(lang, lang)}</a>'
        for lang, name in entry.transcripts.items())
    return (f'<details class="transcript">\n<summary>{TRANSCRIPT_SUMMARY.get(language, "Transcript")}</summary>\n'
            f"<p>{lines}</p>\n" + (f"<p>{links}</p>\n" if links else "") + "</details>")


def transcript_links(entry: SectionEntry, language: str, prefix: str) -> str:
    """The transcript files as a markdown line: the only kind of link both GitHub and MkDocs resolve."""
    files = entry.transcripts
    if not files or language not in entry.transcript:
        return ""
    links = " · ".join(f"[{LANGUAGE_NAMES.get(lang, lang)}]({media_url(entry, prefix, name)})"
                      for lang, name in files.items())
    return f"{TRANSCRIPT_FILES.get(language, 'Transcript files')}: {links}"


def explore_urls(entry: SectionEntry, prefix: str) -> dict[str, str]:
    return {role: media_url(entry, prefix, name) for role, name in entry.explore.items()}


def explore_block(entry: SectionEntry, language: str, prefix: str, script: bool = False) -> str:
    """The explorable after section 4's clip (pipeline.pages.explorable): '' for a section without one."""
    return explore_html(explore_urls(entry, prefix), language, script) if entry.explore else ""


def video_block(entry: SectionEntry, language: str, html_prefix: str, md_prefix: str) -> str:
    """The player (raw HTML, `html_prefix` paths), then the GitHub fallback — the animated preview linking
    to the MP4, in markdown with `md_prefix` paths — hidden from browsers that get the player, then the
    transcript. Blank lines matter: GFM parses the markdown between them, MkDocs keeps the div raw."""
    title = section_title(entry, language)
    tracks = "\n".join("  " + track for track in caption_tracks(entry, language, html_prefix))
    poster = html.escape(media_url(entry, html_prefix, entry.poster))
    parts = [f'<video controls preload="metadata" playsinline width="{entry.width}" '
             f'style="max-width: 100%; height: auto" poster="{poster}" '
             f'title="{html.escape(title)}">\n'
             f'  <source src="{html.escape(media_url(entry, html_prefix, entry.file))}" type="video/mp4">\n'
             f"{tracks}\n"
             + (f"  {script_tag(explore_urls(entry, html_prefix))}\n" if entry.explore else "")
             + "</video>\n"
             f'<div class="{FALLBACK_CLASS}" hidden style="display: none">\n\n'
             f"[![{markdown_text(title)}]({media_url(entry, md_prefix, entry.preview)})]"
             f"({media_url(entry, md_prefix, entry.file)})\n\n"
             f"</div>"]
    if details := transcript_details(entry, language):
        parts += [details, ""]
        if links := transcript_links(entry, language, md_prefix):
            parts.append(links)
    if explorable := explore_block(entry, language, html_prefix):
        parts += ["", explorable]  # raw HTML after a blank line: its own block for GFM and MkDocs
    return "\n".join(parts).rstrip("\n")


def embed_markdown(manifest: Manifest) -> str:
    """embed.md: one snippet per section, paths relative to the folder the clips are in."""
    language = manifest.language
    parts = [f"# {manifest.lesson}: embed snippets", "",
             "Paste a snippet into a page that sits next to these files (or use `render.py publish`, which also",
             "handles pages in another folder). A MkDocs site shows the player; GitHub, which drops `<video>`,",
             "shows the animated preview linking to the MP4.", ""]
    for entry in manifest.sections:
        parts += [f"## {section_title(entry, language)}", "", video_block(entry, language, "", ""), ""]
    return "\n".join(parts)


def whole_lesson_links(whole: LessonVideo | None, language: str) -> str:
    """The gallery's line for lesson.mp4 (pipeline.render.lesson_video) and its captions, chapters and transcripts."""
    if whole is None:
        return ""
    count, captions, chapters, transcripts = WHOLE_PARTS.get(language, WHOLE_PARTS["en"])

    def links(files: dict[str, str]) -> str:
        return " · ".join(f'<a href="{html.escape(media_url(whole, "", name))}">{LANGUAGE_NAMES.get(lang, lang)}</a>'
                          for lang, name in files.items())
    minutes, seconds = divmod(int(round(whole.duration)), 60)
    return (f'<p class="whole"><a href="{html.escape(media_url(whole, "", whole.file))}">'
            f"{WHOLE.get(language, WHOLE['en'])} ({whole.file}, {minutes}:{seconds:02d}, "
            f"{count.format(n=len(whole.sections))})</a><br>{captions}: {links(whole.captions)} · "
            f"{chapters}: {links(whole.chapters)} · {transcripts}: {links(whole.transcripts)}</p>\n")


def credit_line(entry: SectionEntry) -> str:
    """The attribution the narration voice's licence asks for (a CC BY Piper voice), or nothing."""
    credit = (entry.voice_model or {}).get("credit")
    return f'<p class="credit">{html.escape(credit)}</p>\n' if credit else ""


def gallery_html(manifest: Manifest) -> str:
    """index.html: every clip with selectable captions, title, duration and the function used."""
    language = manifest.language
    cards = []
    for entry in manifest.sections:
        title = html.escape(section_title(entry, language))
        tracks = "".join(caption_tracks(entry, language, ""))
        domain = ", ".join(f"{v:g}" for v in entry.domain)
        poster, clip = (html.escape(media_url(entry, "", name)) for name in (entry.poster, entry.file))
        cards.append(
            f'<section class="clip" id="{entry.slug}" data-duration="{entry.duration}" '
            f'data-width="{entry.width}" data-height="{entry.height}">\n'
            f"<h2>{title}</h2>\n"
            f'<video controls preload="metadata" playsinline poster="{poster}">'
            f'<source src="{clip}" type="video/mp4">{tracks}</video>\n'
            f'<p>{entry.duration:.1f} s · {entry.width}×{entry.height} · {entry.fps:g} fps · '
            f"f(x) = <code>{html.escape(entry.function)}</code> on [{domain}]</p>\n{credit_line(entry)}"
            f"{transcript_details(entry, language, links_prefix='')}\n</section>")
        if explorable := explore_block(entry, language, "", script=True):
            cards.append(f'<div class="explore" id="explore-{entry.slug}">\n{explorable}\n</div>')
    body = "\n".join(cards)
    title = html.escape(lesson_title(language))
    return f"""<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {html.escape(manifest.lesson)}</title>
{FAVICON}
<style>
body {{ font-family: system-ui, sans-serif; background: #11151c; color: #f1f3f5; margin: 2rem auto;
       max-width: 980px; padding: 0 1rem; }}
a, a:visited {{ color: #74c0fc; }}
a:focus-visible, summary:focus-visible {{ outline: 3px solid #4dabf7; outline-offset: 2px; }}
video {{ width: 100%; height: auto; background: #000; }}
code {{ color: #ffe066; }}
.lesson-name {{ color: #ced4da; margin-top: -0.5rem; }}
.clip {{ margin-bottom: 2.5rem; }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="lesson-name">{html.escape(manifest.lesson)}</p>
<p><a href="{PRESENT_PAGE}">{PRESENT_LINK.get(language, PRESENT_LINK["en"])}</a></p>
{whole_lesson_links(manifest.lesson_video, language)}</header>
<main>
{body}
</main>
</body>
</html>
"""
