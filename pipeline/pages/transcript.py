"""Per-section transcripts (accessibility): what is said and what is shown, in both languages.

A transcript is written from the same facts as the scene: the plan's function and domain, its critical
points and runs, and the cues the scene recorded (their timing and checked texts). Each cue's line is
followed by a short description of what the picture shows during that beat (the `VISUALS` of the
section's text, by statement name), so the transcript is a media alternative, not a copy of the captions
(WCAG 1.2.3/1.2.8).
Shipped as plain text, `<stem>.<lang>.txt` beside the clip (a docs site does not turn it into a page).
"""

from __future__ import annotations

import re

from lessons import numbers
from lessons.catalog import SHARED
from lessons.cues import Cue
from lessons.formulas import plain_exact
from lessons.variation import variation_table
from sections import spec_of, title

HEADER = {"vi": "Bản ghi video: lời thuyết minh và hình ảnh.", "en": "Video transcript: narration and visuals."}
SHOWN = {"vi": "Hình ảnh", "en": "Shown"}
GRAPH = {"vi": "Đồ thị của {name}(x) = {f} trên đoạn [{a}; {b}].", "en": "The graph of {name}(x) = {f} on [{a}, {b}]."}
TABLE = {"vi": "Bảng biến thiên", "en": "Variation table"}
POINTS = {"vi": "Điểm tới hạn: {points}.", "en": "Critical points: {points}."}
FLATS = {"vi": "Đoạn phẳng: {flats}.", "en": "Flat pieces: {flats}."}
FLAT_KIND = {"min": {"vi": "đáy phẳng, cực tiểu", "en": "a flat minimum"},
             "max": {"vi": "đỉnh phẳng, cực đại", "en": "a flat maximum"}}

def _base(cue_id: str) -> str:
    """'point.2' → 'point', 'run.result-3' → 'run', 'title.critical_points' → 'title', 'shaded+2' → 'shaded'."""
    return re.split(r"[.+-]", cue_id, maxsplit=1)[0]


def _visual(texts, plan, cue_id: str):
    """What the picture shows during the cue `cue_id`: the statement's picture, or where the cue is about a
    critical point the plan zooms into (a cue `<statement>.<index>`: `point.2`, `rule.2`, `verdict.2`) and the
    section describes that view (`point_small`, `point_rounded`, …: lessons.scale.ZoomKind), that."""
    base = _base(cue_id)
    index = re.fullmatch(r"[a-z_]+\.(\d+)", cue_id.split("+")[0])  # 'point.2+2', its next clause
    points = plan.analysis.critical_points
    if index is not None and int(index.group(1)) < len(points):
        zoom = plan.zoom(points[int(index.group(1))].x)
        zoomed = texts.visual(f"{base}_{zoom.kind.value}") if zoom is not None else None
        if zoomed is not None:
            return zoomed
    return texts.visual(base)


def _continued(cue: Cue, after: Cue | None) -> bool:
    """Whether the next cue is the next clause of the same statement ('shaded' then 'shaded+2')."""
    return after is not None and after.id.startswith(cue.id.split("+")[0] + "+")


def clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


CREDIT = {"vi": "Giọng đọc", "en": "Narration"}


def transcript(plan, cues: list[Cue], language: str, credit: str | None = None) -> str:
    """The section's transcript in `language` from its plan and the cues the scene recorded; `credit` is the
    attribution the narration voice's licence asks for (a CC BY Piper voice), at the end."""
    analysis = plan.analysis
    a, b = analysis.domain
    kinds = [f"x {plain_exact(p.x, p.x_expr, language, relation=True)} "
             f"({SHARED.text(f'kind.{p.kind}', language)})" for p in analysis.critical_points]
    separator = numbers.LIST_SEPARATOR[language]
    flats = [f"[{numbers.plain(e.start, language)}{separator}{numbers.plain(e.end, language)}] "
             f"({FLAT_KIND[e.kind][language]})" for e in analysis.flat_extrema]
    spec = spec_of(plan.slug)
    texts = spec.text
    lines = [title(plan.slug, language, plan.number), HEADER[language], "",
             f"{SHOWN[language]}: " + ((plan.extra.described(language) if plan.extra is not None else None) or
                                        GRAPH[language].format(name=plan.name,
                                                               f=numbers.plain_function(analysis.function.text,
                                                                                        language),
                                                               a=numbers.plain(a, language),
                                                               b=numbers.plain(b, language)))]
    if kinds and spec.lists_points:
        lines.append(POINTS[language].format(points=separator.join(kinds)))
        if flats:
            lines.append(FLATS[language].format(flats=separator.join(flats)))
    if spec.shows_table:  # the table as text rows, for a screen reader
        lines += [f"{TABLE[language]}:", *[f"  {row}" for row in variation_table(analysis, language).text_rows()]]
    lines.append("")
    ordered = sorted(cues, key=lambda c: c.start)
    for cue, after in zip(ordered, [*ordered[1:], None]):
        lines.append(f"[{clock(cue.start)}] {cue.text(language)}")
        visual = _visual(texts, plan, cue.id)
        if visual is not None and not _continued(cue, after):  # once, after a statement's last clause
            lines.append(f"    ({SHOWN[language]}: {visual[language]})")
    if credit:
        lines += ["", f"{CREDIT[language]}: {credit}"]
    return "\n".join(lines) + "\n"
