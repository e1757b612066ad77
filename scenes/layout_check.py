"""The layout test's eyes: what is on screen after every animation of a section, checked without video.

Rules (README, "Layout"): every drawn thing inside the safe area; no two texts overlapping; no point label or
panel text crossing a curve or an axis line (tick labels and axis names are exempt: they sit by their axis);
no text on a region it does not belong to (the sign chart) or on a marker; every marker inside its axes;
no text on a tinted band of its own colour; every text at least its legible size, measured on its em as
drawn (after every scaling): body text (set at `theme.LABEL_SIZE` or larger) at least 1/40 of the frame
height, tick labels and small annotations 1/60.
Animations that drive a `ValueTracker` (sliding tangents, read-outs, balls) are also checked at a few times
inside them. Faded things (opacity < 0.5: a recap under the closing box) are background and only need to be
inside the safe area.

The same dry pass, spoken by the lesson's synthetic voice (its real speech lengths, at 60 fps), also runs
the beat check (scenes.beat_check: what shows a statement is on screen while it is said) and the subtitle
rules over every caption cue in both languages (lessons.subtitles).

`python render.py layout [--function F --domain A B] [--lang vi|en] [--section SLUG]` prints the problems of
a lesson (pipeline.checks.layout).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from manim import Mobject, Scene, Typst, ValueTracker, config, tempconfig
from PIL import Image

from lessons import subtitles
from lessons.config import LANGUAGES
from lessons.cues import span_problems

from . import layout
from .beat_check import watch_beats
from .layout import AXIS, HIGHLIGHT, LINE, MARKER, REGION, TEXT, TICK, Box, box_of
from .text import em_height, least_em

OVERLAP = 0.02  # scene units two boxes may share (anti-aliasing, glyph side bearings)
FADED = 0.5
SAMPLES = (0.25, 0.5, 0.75)
ALL_SNAPSHOTS: dict[str, bool] = {}  # set by --all-snapshots


@dataclass(frozen=True)
class Problem:
    section: str
    moment: str  # "animation 7" or "animation 7 at 50 %"
    kind: str
    first: str
    second: str = ""

    def __str__(self) -> str:
        pair = f"{self.first} / {self.second}" if self.second else self.first
        return f"{self.section} {self.moment}: {self.kind}: {pair}"


@dataclass(frozen=True)
class Item:
    mobject: Mobject
    role: str
    ancestors: tuple[Mobject, ...]
    box: Box
    opaque: bool

    @property
    def name(self) -> str:
        code = getattr(self.mobject, "typst_code", None)
        if code is None and hasattr(self.mobject, "value"):
            code = str(self.mobject.value)
        text = f"{type(self.mobject).__name__}({code!r})" if code is not None else type(self.mobject).__name__
        return text if len(text) <= 70 else text[:67] + "…"


def _visible_box(mobject: Mobject) -> tuple[Box | None, float]:
    """The box of the parts of `mobject` that are drawn, and their largest opacity."""
    boxes, opacity = [], 0.0
    for part in mobject.family_members_with_points():
        alpha = layout.opacity(part)
        if alpha <= 0.01:
            continue
        b = box_of(part)
        if b.width <= 1e-6 and b.height <= 1e-6:
            continue
        boxes.append(b)
        opacity = max(opacity, alpha)
    if not boxes:
        return None, 0.0
    return Box(min(b.left for b in boxes), min(b.bottom for b in boxes), max(b.right for b in boxes),
               max(b.top for b in boxes)), opacity


def too_small(item: Item) -> list[tuple[Typst, float]]:
    """The Typst texts of `item` drawn smaller than their least em, with their em as a fraction of the frame."""
    found = []
    for part in item.mobject.get_family():
        if isinstance(part, Typst) and em_height(part) < least_em(part) * (1 - 1e-3):
            found.append((part, em_height(part) / config.frame_height))
    return found


def items_on_screen(mobjects: list[Mobject]) -> list[Item]:
    """Every tagged unit (and every text) on screen, with its ancestors; other drawn leaves as `None` role."""
    out: list[Item] = []
    stack = [(m, ()) for m in mobjects]
    while stack:
        mobject, ancestors = stack.pop()
        role = layout.role_of(mobject) or (TEXT if isinstance(mobject, Typst) else None)
        if role is not None or not mobject.submobjects:
            box, opacity = _visible_box(mobject)
            if box is not None:
                out.append(Item(mobject, role or "", ancestors, box, opacity >= FADED))
            if role is not None and role != REGION:
                continue
        stack.extend((sub, ancestors + (mobject,)) for sub in mobject.submobjects)
    return out


def problems_now(mobjects: list[Mobject], section: str, moment: str) -> list[Problem]:
    items = items_on_screen(mobjects)
    found: list[Problem] = []

    def report(kind: str, a: Item, b: Item | None = None) -> None:
        found.append(Problem(section, moment, kind, a.name, b.name if b else ""))

    safe = layout.safe_area()
    for item in items:
        if not item.box.within(safe):
            report("outside the safe area", item)
    texts = [i for i in items if i.role in (TEXT, TICK) and i.opaque]
    for a, b in itertools.combinations(texts, 2):
        if a.box.overlap(b.box) > OVERLAP:
            report("texts overlap", a, b)
    for text in texts:
        for part, em in too_small(text):
            found.append(Problem(section, moment, "text too small", Item(part, TEXT, (), text.box, True).name,
                                 f"em 1/{1 / em:.0f} of the frame height, at least 1/"
                                 f"{config.frame_height / least_em(part):.0f}"))
    lines = [(i, layout.polyline_samples(i.mobject)) for i in items if i.role in (LINE, AXIS) and i.opaque]
    for text in texts:
        inner = text.box.grown(-OVERLAP)
        for line, samples in lines:
            if (text.role != TICK or line.role == LINE) and inner.contains_any(samples):
                report("text crosses a line", text, line)
    for text in texts:
        colour = text.mobject.get_color().to_hex().lower()
        for band in (i for i in items if i.role == HIGHLIGHT):
            if band.mobject.get_fill_color().to_hex().lower() == colour and text.box.overlap(band.box) > OVERLAP:
                report("text on a highlight of its own colour", text, band)
    regions = [i for i in items if i.role == REGION and i.opaque]
    markers = [i for i in items if i.role == MARKER and i.opaque]
    for text in texts:
        for region in regions:
            owner = getattr(region.mobject, "layout_owner", None)
            if owner is not None and (getattr(text.mobject, "layout_owner", None) is owner
                                      or any(owner is a for a in text.ancestors)):
                continue
            if text.box.overlap(region.box) > OVERLAP:
                report("text on a region", text, region)
        for marker in markers:
            if text.role != TICK and text.box.overlap(marker.box) > OVERLAP:
                report("text on a marker", text, marker)
    for marker in markers:
        graph = getattr(marker.mobject, "layout_owner", None)
        if graph is None:
            continue
        left, right, bottom, top = graph.box()
        x, y = marker.mobject.get_center()[:2]
        if not (left - 1e-3 <= x <= right + 1e-3 and bottom - 1e-3 <= y - _lift(marker.mobject) <= top + 1e-3):
            report("marker outside its axes", marker)
    return found


def _lift(marker: Mobject) -> float:
    """A ball sits on the curve, its centre one radius above the point it marks."""
    return float(getattr(marker, "radius", 0.0)) if getattr(marker, "sits_on_curve", False) else 0.0


class _Samples(list):
    def close(self) -> None:
        pass


def watch(scene: Scene, section: str, found: list[Problem], snapshots: str | None = None) -> None:
    """Hook a scene so that every `play` is checked at its end (and inside, when it drives a tracker);
    with `snapshots` (a folder), the frame of every moment with a problem is saved there as a PNG. No other
    frame is drawn: a skipping renderer still draws one per `play` (a tenth of a dry pass), and nothing here
    reads it."""
    draw = scene.renderer.update_frame
    scene.renderer.update_frame = lambda *args, **kwargs: None
    original_play = scene.play
    original_progression = scene._get_animation_time_progression
    original_update = scene.update_to_time
    count = itertools.count()
    state = {"index": 0, "sampling": False, "duration": 1.0}

    def progression(animations, duration):
        state["sampling"] = any(isinstance(a.mobject, ValueTracker) for a in animations)
        state["duration"] = duration
        if state["sampling"]:
            return _Samples([duration * s for s in SAMPLES] + [duration])
        return original_progression(animations, duration)

    def check(moment: str) -> None:
        new = problems_now(scene.mobjects, section, moment)
        found.extend(new)
        if snapshots and (new or ALL_SNAPSHOTS.get("on")):
            scene.renderer.static_image = None  # never drawn: the whole frame is drawn anew
            draw(scene, ignore_skipping=True)
            name = f"{section} {moment}".replace(" ", "_").replace("%", "pc").replace("[", "").replace("]", "")
            Path(snapshots).mkdir(parents=True, exist_ok=True)
            Image.fromarray(scene.renderer.get_frame()).save(Path(snapshots) / f"{name}.png")

    def update_to_time(t):
        original_update(t)
        if state["sampling"] and t < state["duration"]:
            check(f"animation {state['index']} at {round(100 * t / state['duration'])} %")

    def play(*args, **kwargs):
        state["index"] = next(count)
        original_play(*args, **kwargs)
        check(f"animation {state['index']}")

    scene.play = play
    scene._get_animation_time_progression = progression
    scene.update_to_time = update_to_time


DRY = {"dry_run": True, "pixel_width": 256, "pixel_height": 144, "frame_rate": 10, "disable_caching": True,
       "progress_bar": "none", "verbosity": "ERROR", "write_to_movie": False}
CHECK_FPS = 60  # the check times beats as the 1080p60 render does


def check_plan(scene_class, plan, media_dir: str, snapshots: str | None = None, voice=None) -> list[Problem]:
    """Build a section's scene (of `scene_class`) without video, spoken by `voice` (pipeline.voice; None:
    scripted lengths), and return its problems, each at the first moment it shows: layout, statements not on
    screen while said (scenes.beat_check) and captions that break a subtitle rule (lessons.subtitles), in
    every language."""
    found: list[Problem] = []
    size = {"pixel_width": 854, "pixel_height": 480} if snapshots else {}
    section = f"{plan.slug} [{plan.language}]"
    with tempconfig({**DRY, **size, "frame_rate": CHECK_FPS, "media_dir": media_dir}):
        scene = scene_class(plan=plan, voice=voice, skip_animations=True)
        watch(scene, section, found, snapshots)
        watch_beats(scene, section, found, Problem)
        scene.render()
        for language in LANGUAGES:
            found += [Problem(section, f"cue {b.cue} at {b.start:.2f} s", f"caption ({b.language}) {b.rule}", b.detail)
                      for b in subtitles.track_problems(scene.cues, language, CHECK_FPS)]
        frames = round(scene.renderer.time * CHECK_FPS)  # classroom mode's stops (lessons.cues.BeatSpan)
        found += [Problem(section, "beats", "beat", problem) for problem in
                  span_problems(scene.spans, scene.cues, CHECK_FPS, frames)]
    first: dict[tuple[str, str, str], Problem] = {}
    for problem in found:
        first.setdefault((problem.kind, problem.first, problem.second), problem)
    return list(first.values())
