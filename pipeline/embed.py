"""HTML/markdown that embeds the clips: embed.md and index.html beside the outputs, and the page blocks
that `publish` writes into the course docs.

Two kinds of path, because the two renderers of the docs differ:
- markdown links and images are resolved by GitHub from the page's folder, and rewritten by MkDocs to
  match, so they are written relative to the page file;
- raw HTML (<video>) is rendered only by MkDocs (GitHub strips it) and never rewritten, so with
  `use_directory_urls: true` (page a/b.md served at a/b/) its paths climb one more level.
"""

from __future__ import annotations

import html

from lessons.catalog import text


def section_title(entry: dict, language: str) -> str:
    return text(f"title.{entry['slug']}", language)


LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def caption_tracks(entry: dict, language: str, prefix: str) -> list[str]:
    """One <track> per caption file; the lesson's language is the default track."""
    return [f'<track kind="captions" srclang="{lang}" label="{LANGUAGE_NAMES.get(lang, lang)}" '
            f'src="{html.escape(prefix + name)}"{" default" if lang == language else ""}>'
            for lang, name in entry["captions"].items()]


TRANSCRIPT_SUMMARY = {"vi": "Bản ghi (lời thuyết minh và hình ảnh)", "en": "Transcript (narration and visuals)"}


def transcript_details(entry: dict, language: str, prefix: str) -> str:
    """The section's transcript as HTML in a collapsed <details> (raw HTML: MkDocs renders no markdown
    inside it unless md_in_html is on), with links to the text files in every language; '' without one."""
    texts = entry.get("transcript") or {}
    if language not in texts:
        return ""
    lines = "<br>\n".join(html.escape(line) for line in texts[language].strip().splitlines())
    links = " · ".join(f'<a href="{html.escape(prefix + name)}">{LANGUAGE_NAMES.get(lang, lang)}</a>'
                       for lang, name in (entry.get("transcripts") or {}).items())
    return (f'<details class="transcript">\n<summary>{TRANSCRIPT_SUMMARY.get(language, "Transcript")}</summary>\n'
            f"<p>{lines}</p>\n" + (f"<p>{links}</p>\n" if links else "") + "</details>")


def video_block(entry: dict, language: str, html_prefix: str, md_prefix: str) -> str:
    """<video> with captions, and inside it a markdown fallback (the animated preview linking to the MP4)
    that GitHub shows once it has stripped the video tags; a browser that plays video never shows it."""
    title = html.escape(section_title(entry, language))
    tracks = "\n".join("  " + track for track in caption_tracks(entry, language, html_prefix))
    return (f'<video controls preload="metadata" playsinline width="{entry["width"]}" '
            f'style="max-width: 100%; height: auto" poster="{html_prefix}{entry["poster"]}" title="{title}">\n'
            f'  <source src="{html_prefix}{entry["file"]}" type="video/mp4">\n'
            f"{tracks}\n\n"
            f"[![{section_title(entry, language)}]({md_prefix}{entry['preview']})]({md_prefix}{entry['file']})\n\n"
            f"</video>" + (f"\n{details}" if (details := transcript_details(entry, language, html_prefix)) else ""))


def embed_markdown(manifest: dict) -> str:
    """embed.md: one snippet per section, paths relative to the folder the clips are in."""
    language = manifest.get("language", "vi")
    parts = [f"# {manifest['lesson']}: embed snippets", "",
             "Paste a snippet into a page that sits next to these files (or use `render.py publish`).", ""]
    for entry in manifest["sections"]:
        parts += [f"## {section_title(entry, language)}", "", video_block(entry, language, "", ""), "",
                  "Markdown only (no video tag):", "", f"[![{section_title(entry, language)}]({entry['poster']})]"
                  f"({entry['file']})", ""]
    return "\n".join(parts)


def gallery_html(manifest: dict) -> str:
    """index.html: every clip with selectable captions, title, duration and the function used."""
    language = manifest.get("language", "vi")
    cards = []
    for entry in manifest["sections"]:
        title = html.escape(section_title(entry, language))
        tracks = "".join(caption_tracks(entry, language, ""))
        domain = ", ".join(f"{v:g}" for v in entry["domain"])
        cards.append(
            f'<section class="clip" id="{entry["slug"]}" data-duration="{entry["duration"]}" '
            f'data-width="{entry["width"]}" data-height="{entry["height"]}">\n'
            f"<h2>{title}</h2>\n"
            f'<video controls preload="metadata" playsinline poster="{html.escape(entry["poster"])}">'
            f'<source src="{html.escape(entry["file"])}" type="video/mp4">{tracks}</video>\n'
            f'<p>{entry["duration"]:.1f} s · {entry["width"]}×{entry["height"]} · {entry["fps"]:g} fps · '
            f"f(x) = <code>{html.escape(entry['function'])}</code> on [{domain}]</p>\n"
            f"{transcript_details(entry, language, '')}\n</section>")
    body = "\n".join(cards)
    return f"""<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(manifest['lesson'])}</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #11151c; color: #f1f3f5; margin: 2rem auto;
       max-width: 980px; padding: 0 1rem; }}
video {{ width: 100%; height: auto; background: #000; }}
code {{ color: #ffe066; }}
.clip {{ margin-bottom: 2.5rem; }}
</style>
</head>
<body>
<h1>{html.escape(manifest['lesson'])}</h1>
{body}
</body>
</html>
"""
