"""The batch's index, beside its lesson folders in `--out`: `batch.json` for programs (its shape is documented
in the README) and `batch.html`, a gallery of every lesson with posters, durations, substitutions and status.
Both are made from the run's result alone and written atomically."""

from __future__ import annotations

import html
import json
from pathlib import Path
from urllib.parse import quote

import msgspec

from ..pages.favicon import LINK as FAVICON
from ..render.landing import write_atomically
from .run import FAILED, RENDERED, SHARED, BatchResult, Lesson, lesson_reason

INDEX_JSON, INDEX_HTML = "batch.json", "batch.html"
STATE_WORDS = {"rendered": "rendered", "shared": "shared (rendered once for this batch)",
               "from_store": "from the store", "up_to_date": "up to date", "failed": "FAILED"}


def lesson_status(lesson: Lesson) -> str:
    if lesson.plan is None:
        return "refused"
    return "ok" if lesson.ok else "failed"


class SectionState(msgspec.Struct, frozen=True, kw_only=True):
    """A section of a lesson of the batch: what became of it, and its files in the lesson folder."""

    slug: str
    stem: str
    state: str  # rendered, shared, from_store, up_to_date or failed
    content_key: str | None
    error: str | None
    substitute: str | None  # why the section draws its own function
    function: str  # the function it draws
    duration: float | None
    video: str | None  # relative to the batch's --out
    poster: str | None


class SurfaceState(msgspec.Struct, frozen=True, kw_only=True):
    """A variant's f(x, y) on its box (its `surface`), which adds the section saddle_points."""

    function: str
    domain: tuple[tuple[float, float], tuple[float, float]]


class LessonState(msgspec.Struct, frozen=True, kw_only=True):
    """A variant of the batch file, as a lesson: its status (ok, failed, or refused when planning refused it),
    its folder and settings, and its sections."""

    entry: int
    name: str | None
    label: str
    function: str | None
    domain: tuple[float, float] | None
    surface: SurfaceState | None = None  # the variant's own surface (None: none, or the lesson file's)
    status: str
    error: str | None
    folder: str | None
    language: str | None
    quality: str | None
    voice: str | None
    warnings: tuple[str, ...] | msgspec.UnsetType = msgspec.UNSET  # a refused variant has none to say
    duration: float
    sections: tuple[SectionState, ...]


class Totals(msgspec.Struct, frozen=True, kw_only=True):
    lessons: int
    ok: int
    failed: int
    sections: int
    rendered: int
    shared: int
    from_store: int
    up_to_date: int
    failed_sections: int


class BatchIndex(msgspec.Struct, frozen=True, kw_only=True):
    """`batch.json`: the batch file, where its jobs ran, the code version, how long it took, the totals and
    every lesson."""

    batch: str
    where: str
    code_version: str
    seconds: float
    totals: Totals
    lessons: tuple[LessonState, ...]


def lesson_state(lesson: Lesson, out: Path) -> LessonState:
    v = lesson.variant
    surface = None if v.surface is None else SurfaceState(function=v.surface.function, domain=v.surface.box)
    common = {"entry": v.number, "name": v.name, "label": v.label, "function": v.function, "domain": v.domain,
              "surface": surface, "status": lesson_status(lesson), "error": lesson_reason(lesson) or None}
    plan = lesson.plan
    if plan is None:
        return LessonState(**common, folder=None, language=v.language, quality=v.quality, voice=v.voice,
                           duration=0.0, sections=())
    folder = plan.out_dir.relative_to(out).as_posix() if plan.out_dir.is_relative_to(out) else str(plan.out_dir)
    sections = []
    for job in plan.jobs:
        entry = lesson.entries.get(job.slug)
        sections.append(SectionState(
            slug=job.slug, stem=job.stem, state=lesson.states.get(job.slug, FAILED),
            content_key=lesson.keys.get(job.slug), error=lesson.reasons.get(job.slug),
            substitute=job.plan.substitute, function=job.plan.manifest()["function"],
            duration=entry.duration if entry is not None else None,
            video=f"{folder}/{entry.file}" if entry is not None else None,
            poster=f"{folder}/{entry.poster}" if entry is not None else None))
    return LessonState(**common, folder=folder, language=plan.lesson.language, quality=plan.request.quality,
                       voice=str(plan.voice), warnings=tuple(plan.warnings),
                       duration=round(sum(s.duration or 0.0 for s in sections), 3), sections=tuple(sections))


def batch_index(result: BatchResult, out: Path) -> BatchIndex:
    lessons = [lesson_state(lesson, out) for lesson in result.lessons]
    states = [s.state for lesson in lessons for s in lesson.sections]
    totals = Totals(lessons=len(lessons), ok=sum(lesson.status == "ok" for lesson in lessons),
                    failed=sum(lesson.status != "ok" for lesson in lessons), sections=len(states),
                    rendered=states.count(RENDERED), shared=states.count(SHARED),
                    from_store=states.count("from_store"), up_to_date=states.count("up_to_date"),
                    failed_sections=states.count(FAILED))
    return BatchIndex(batch=result.batch.source, where=result.where, code_version=result.version,
                      seconds=round(result.seconds, 1), totals=totals, lessons=tuple(lessons))


def write_index(result: BatchResult, out: Path) -> tuple[Path, Path]:
    record = msgspec.json.decode(msgspec.json.encode(batch_index(result, out)))
    data = write_atomically(out / INDEX_JSON, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    page = write_atomically(out / INDEX_HTML, index_html(record))
    return data, page


def index_html(record: dict) -> str:
    totals = record["totals"]
    cards = [_card(lesson) for lesson in record["lessons"]]
    summary = (f"{totals['lessons']} lessons: {totals['ok']} ready, {totals['failed']} failed · "
               f"{totals['sections']} sections: {totals['rendered']} rendered, {totals['shared']} shared, "
               f"{totals['from_store']} from the store, {totals['up_to_date']} up to date")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(Path(record["batch"]).name)}: batch</title>
{FAVICON}
<style>
body {{ font-family: system-ui, sans-serif; background: #11151c; color: #f1f3f5; margin: 2rem auto;
       max-width: 1100px; padding: 0 1rem; }}
a {{ color: #74c0fc; }} code {{ color: #ffe066; }}
.lesson {{ border-top: 1px solid #343a40; padding: 1rem 0; }}
.status-ok {{ color: #8ce99a; }} .status-failed, .status-refused, .failed {{ color: #ff8787; }}
.sections {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: .75rem; }}
figure {{ margin: 0; }} figure img {{ width: 100%; height: auto; background: #000; }}
figcaption {{ font-size: .85rem; }}
</style>
</head>
<body>
<main>
<h1>Batch {html.escape(Path(record["batch"]).name)}</h1>
<p>{html.escape(summary)} · {html.escape(record["where"])}</p>
{"".join(cards)}
</main>
</body>
</html>
"""


def _card(lesson: dict) -> str:
    status = lesson["status"]
    domain = ", ".join(f"{v:g}" for v in lesson["domain"]) if lesson["domain"] else ""
    head = (f'<section class="lesson" id="entry-{lesson["entry"]}" data-status="{status}">\n'
            f'<h2>{lesson["entry"]}. {html.escape(lesson["label"])} '
            f'<span class="status-{status}">{status}</span></h2>\n'
            f'<p>f(x) = <code>{html.escape(lesson["function"] or "")}</code> on [{domain}]')
    if lesson.get("surface"):
        (a, b), (c, d) = lesson["surface"]["domain"]
        head += (f' · f(x, y) = <code>{html.escape(lesson["surface"]["function"])}</code> on '
                 f'[{a:g}, {b:g}] × [{c:g}, {d:g}]')
    if lesson["folder"]:
        head += (f' · {html.escape(lesson["language"])} · {html.escape(lesson["quality"])} · '
                 f'{lesson["duration"]:.1f} s · <a href="{quote(lesson["folder"])}/index.html">the lesson</a>')
    head += "</p>\n"
    if lesson["error"]:
        head += f'<p class="failed">{html.escape(lesson["error"])}</p>\n'
    figures = []
    for s in lesson["sections"]:
        image = f'<img src="{quote(s["poster"])}" alt="{html.escape(s["stem"])}" loading="lazy">' if s["poster"] else ""
        duration = f' · {s["duration"]:.1f} s' if s["duration"] is not None else ""
        own = (f'<br>its own function <code>{html.escape(s["function"])}</code> '
               f'({html.escape(s["substitute"].replace("_", " "))})') if s["substitute"] else ""
        state = f'<span class="{"failed" if s["state"] == FAILED else ""}">{STATE_WORDS[s["state"]]}</span>'
        figures.append(f'<figure data-state="{s["state"]}">{image}<figcaption>{html.escape(s["stem"])}{duration}'
                       f'<br>{state}{own}</figcaption></figure>')
    return head + f'<div class="sections">{"".join(figures)}</div>\n</section>\n'
