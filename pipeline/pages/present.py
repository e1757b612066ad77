"""Classroom mode: `present.html`, the lesson as a presentation that stops at every beat.

One self-contained file beside the clips (its script, stylesheet and data inline: opened by double-click
from `file://`, where Chromium loads no module script and no `<track>` file, from any static server, and
from a published docs tree, where `publish` puts it beside the clips). It is made from the manifest alone,
with every section that has landed, and written with it (pipeline.render.landing), so it never names a clip that is
not there.

Exact by construction: the stops are the beats the scene recorded while it played (lessons.cues.BeatSpan,
in frames, stored in the manifest); the page stops on frame `end - 1` of a beat by pausing before it and
seeking to that frame, never by watching `timeupdate`. The captions are the manifest's cues, broken into
lines as the caption files are, and drawn by the page.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import sections
from lessons.config import LANGUAGES
from lessons.subtitles import break_lines

from ..manifest import PRESENT, Manifest, SectionEntry
from .embed import lesson_title, media_url
from .favicon import LINK as FAVICON

PAGE = PRESENT
ASSETS = Path(__file__).with_name("present_assets")
SCRIPT, STYLE = "present.js", "present.css"

WORDS = {
    "vi": {"title": "Trình chiếu", "hint": "Space / → / PageDown: tiếp · ← / PageUp: lùi · Home / End · 1–5: phần · "
                                           "B: màn đen · F: toàn màn hình · C: phụ đề",
           "captions": {"vi": "Phụ đề: Tiếng Việt", "en": "Phụ đề: English", "off": "Phụ đề: tắt"},
           "empty": "Chưa có phần nào được dựng."},
    "en": {"title": "Presentation",
           "hint": "Space / → / PageDown: next · ← / PageUp: back · Home / End · 1–5: section · B: blank · "
                   "F: full screen · C: captions",
           "captions": {"vi": "Captions: Tiếng Việt", "en": "Captions: English", "off": "Captions: off"},
           "empty": "No section has been rendered yet."},
}


def _url(entry: SectionEntry, name: str) -> str:
    return media_url(entry, "", name)  # versioned by the file's hash, as in the gallery


def section_data(entry: SectionEntry) -> dict:
    """What the page needs of one section: its clip, its beats in frames, its cues with their lines."""
    cues = sorted(entry.cues, key=lambda c: c.start)
    shown = []
    for i, cue in enumerate(cues):
        end = min(cue.end, entry.duration, cues[i + 1].start if i + 1 < len(cues) else cue.end)
        shown.append({"s": cue.start, "e": end, "id": cue.id,
                      "t": {lang: list(break_lines(cue.text(lang), lang)) for lang in LANGUAGES}})
    return {"number": entry.number, "slug": entry.slug, "stem": entry.stem,
            "title": {lang: sections.title(entry.slug, lang, entry.number) for lang in LANGUAGES},
            "src": _url(entry, entry.file), "fps": entry.fps,
            "frames": entry.frames, "width": entry.width, "height": entry.height,
            "beats": [[beat.start, beat.end] for beat in entry.beats], "cues": shown}


def present_data(manifest: Manifest) -> dict:
    return {"lesson": manifest.lesson, "language": manifest.language, "words": WORDS,
            "sections": [section_data(e) for e in manifest.sections if e.beats]}


def _json_in_html(data: dict) -> str:
    """JSON safe inside a <script> element: no '<' that could close it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")


def present_html(manifest: Manifest) -> str:
    language = manifest.language
    words = WORDS.get(language, WORDS["en"])
    style = (ASSETS / STYLE).read_text(encoding="utf-8")
    script = (ASSETS / SCRIPT).read_text(encoding="utf-8")
    return f"""<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(lesson_title(language))} · {words["title"]}</title>
{FAVICON}
<style>
{style}</style>
</head>
<body>
<main aria-label="{words["title"]}">
<div id="stage"></div>
<div id="captions" aria-live="off"></div>
<div id="blank" hidden></div>
<div id="indicator" role="status"></div>
<p id="hint">{html.escape(words["hint"])}</p>
</main>
<script type="application/json" id="present-data">{_json_in_html(present_data(manifest))}</script>
<script>
{script}</script>
</body>
</html>
"""
