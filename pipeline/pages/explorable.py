"""The explorable's files and its page block: section 4's plan names the grid (lessons.explore), this module
runs it into one JSON file and writes it, with the page's one ES module and stylesheet, into `explore/` of
the section's staging folder; `block` is the HTML that embeds it after section 4's clip.

The block is a custom element that the module defines (so it initialises on every page it is inserted
into, also under MkDocs Material's instant navigation, where inline scripts do not run again), in a div
and nothing else: GitHub's sanitizer drops the unknown element's tags and the div's class, and the element
holds no text, so a GitHub reader sees nothing of it — no empty box, no stray code. The module's `<script>`
goes inside section 4's `<video>` on a page (`script_tag`): a browser runs a script wherever the parser
meets it, while GitHub's renderer turns a `<script>` in markdown into visible text (GFM's tagfilter) —
except inside `<video>`, which its sanitizer drops with everything in it. The gallery, plain HTML, has it
after the element."""

from __future__ import annotations

import html
import json
from pathlib import Path

from lessons.explore import grid_data
from lessons.section_plan import SectionPlan
from scenes.theme import band_colours

FOLDER = "explore"
ASSETS = Path(__file__).with_name("explore_assets")
SCRIPT, STYLE = "explore.js", "explore.css"
MAX_DATA_BYTES = 300_000  # the data file's budget: one JSON file per lesson
ELEMENT = "lesson-explorable"
BLOCK_CLASS = "lesson-explorable-block"


class ExploreError(RuntimeError):
    """The grid's data would not fit its budget."""


def data_name(stem: str) -> str:
    return f"{FOLDER}/{stem}.json"


def data_text(plan: SectionPlan) -> str:
    """The grid run by mathcore, as compact JSON (the same plan gives the same bytes); a grid too large for
    its budget is thinned (each tab keeps fewer starts) until it fits, or cannot be thinned further."""
    tabs = plan.explore
    while True:
        data = grid_data(tabs, plan.language)
        for tab in data["tabs"]:  # a contour map is painted in the video's colours
            if "bands" in tab:
                tab["bands"]["colours"] = band_colours(tab["bands"]["count"])
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
        fewer = tuple(tab.thinned() or tab for tab in tabs)
        if len(text.encode("utf-8")) <= MAX_DATA_BYTES or fewer == tabs:
            return text
        tabs = fewer


def write_explorable(plan: SectionPlan, stage: Path) -> dict[str, Path]:
    """Write the data file, the module and the stylesheet into `stage/explore/`; the roles' paths."""
    folder = stage / FOLDER
    folder.mkdir(exist_ok=True)
    text = data_text(plan)
    size = len(text.encode("utf-8"))
    if size > MAX_DATA_BYTES:
        raise ExploreError(f"the explorable's data is {size} bytes, more than its budget of {MAX_DATA_BYTES}")
    data = stage / data_name(plan.stem)
    data.write_text(text, encoding="utf-8")
    files = {"data": data}
    for role, name in (("script", SCRIPT), ("style", STYLE)):
        files[role] = folder / name
        files[role].write_bytes((ASSETS / name).read_bytes())
    return files


def script_tag(urls: dict[str, str]) -> str:
    return f'<script type="module" src="{html.escape(urls["script"])}"></script>'


def block(urls: dict[str, str], language: str, script: bool = False) -> str:
    """The explorable's HTML: the element (its data and stylesheet as attributes, URLs already versioned),
    with the module that defines it when `script` (a page that is only HTML). One line each, no blank line:
    one raw-HTML block for GFM and MkDocs."""
    attributes = " ".join(f'data-{role}="{html.escape(urls[role])}"' for role in ("data", "style"))
    return (f'<div class="{BLOCK_CLASS}" lang="{language}">\n'
            f"<{ELEMENT} {attributes}></{ELEMENT}>\n" + (f"{script_tag(urls)}\n" if script else "") + "</div>")
