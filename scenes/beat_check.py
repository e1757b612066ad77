"""The beat check: while a cue is said, what shows its statement is on screen — checked without video, in
the same dry pass as the layout check (scenes.layout_check.check_plan).

Every `caption(..., shows=...)` names the objects that show its statement (scenes.base). For every cue but a
title, at every sampled time inside it — the start and end of every animation, the middle of every
animation that overlaps it, the cue's start and its end minus one frame — each of those objects must be on
screen and drawn at opacity 0.5 or more, and the frame must hold more than the section's title. A problem
prints as `section [lang] cue ID at t s: statement not on screen: <object> (<the cue's text>)` or
`… : only the title on screen: <the cue's text>`.
"""

from __future__ import annotations

from manim import Mobject, Scene

from . import layout

FADED = 0.5
EPSILON = 1e-6


class _Samples(list):
    def close(self) -> None:
        pass


def describe(mobject: Mobject) -> str:
    code = getattr(mobject, "typst_code", None)
    text = f"{type(mobject).__name__}({code!r})" if code is not None else type(mobject).__name__
    return text if len(text) <= 70 else text[:67] + "…"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def watch_beats(scene: Scene, section: str, found: list, problem) -> None:
    """Hook `scene` (built in skip mode) so that every cue is checked at its sampled times; each problem is
    `problem(section, moment, kind, first)` appended to `found`, the first time per cue and object."""
    original_play = scene.play
    original_progression = scene._get_animation_time_progression
    original_update = scene.update_to_time
    state = {"t0": 0.0, "samples": set(), "progressions": 0}
    seen: set[tuple] = set()

    def samples(t0: float, duration: float) -> list[float]:
        times = {0.0, duration / 2, duration}
        for cue in scene.cues:
            for t in (cue.start, cue.end - 1 / scene.fps):
                if t0 - EPSILON <= t <= t0 + duration + EPSILON:
                    times.add(min(max(t - t0, 0.0), duration))
        return sorted(times)

    def report(cue, at: float, kind: str, what: str) -> None:
        key = (cue.id, kind, what)
        if key not in seen:
            seen.add(key)
            found.append(problem(section, f"cue {cue.id} at {at:.2f} s", kind, what))

    def check(at: float) -> None:
        family = scene.get_mobject_family_members()
        for cue in scene.cues:
            if not cue.start - EPSILON <= at < cue.end - EPSILON or cue.id.startswith("title."):
                continue
            beat = next(b for b in scene.beats if cue.id in b.ids)
            text = _short(cue.text(scene.language))
            for mobject in beat.shows:
                if not layout.on_screen(mobject, family) or layout.drawn_opacity(mobject) < FADED:
                    report(cue, at, "statement not on screen", f"{describe(mobject)} ({text})")
            if only_title(family):
                report(cue, at, "only the title on screen", text)

    def progression(animations, duration):
        inner = list(original_progression(animations, duration))
        state["t0"] = scene.renderer.time - duration  # a skipped play has moved the clock to its end already
        state["progressions"] += 1
        extra = samples(state["t0"], duration)
        state["samples"] = {round(t, 9) for t in extra}
        return _Samples(sorted(set(inner) | set(extra)))

    def update_to_time(t):
        original_update(t)
        if round(t, 9) in state["samples"]:
            check(state["t0"] + t)

    def play(*args, **kwargs):
        before, calls = scene.renderer.time, state["progressions"]
        original_play(*args, **kwargs)
        if state["progressions"] == calls:  # a frozen frame (a wait): nothing moved, check its moments
            for t in samples(before, scene.renderer.time - before):
                check(before + t)

    scene.play = play
    scene._get_animation_time_progression = progression
    scene.update_to_time = update_to_time


def only_title(family: list[Mobject]) -> bool:
    """Whether nothing is drawn (at any visible opacity) but the section's title, if even that."""
    title = {id(part) for m in family if getattr(m, "is_title", False) for part in m.get_family()}
    drawn = [m for m in family if m.has_points() and layout.opacity(m) > 0.01]
    return all(id(m) in title for m in drawn)
