"""Classroom mode's stops are recorded by the scene as it plays (scenes.base): a beat ends at the first
transition after its speech, at the next caption when nothing moves before it, or at the clip's end; in
frames, so every cue lies inside exactly one beat and the beats tile the clip."""

from __future__ import annotations

from dataclasses import replace

import pytest
from manim import Circle, FadeIn, FadeOut, Square

from lessons.cues import BeatSpan, Cue, span_problems
from sections import SLUGS
from tests.helpers.fakes import SlowVoice, build_probe

FPS = 10  # scenes.layout_check.DRY


class QuickVoice(SlowVoice):
    """Every cue spoken in 1.5 s."""

    def say(self, cue_id, text, language, at_least=0.0, at_most=7.0):
        return replace(super().say(cue_id, text, language, at_least, at_most), duration=1.5)


def check_beats(scene) -> None:
    """The beats tile the clip from frame 0, each cue lies inside exactly one beat (the beat its caption made),
    and each beat ends between its last cue's end and the next cue's start."""
    spans, cues = scene.spans, scene.cues
    end_frame = round(scene.renderer.time * FPS)
    assert spans[0].start == 0 and spans[-1].end == end_frame
    assert all(a.end == b.start and a.end > a.start for a, b in zip(spans, spans[1:]))
    assert [span.cues for span in spans] == [beat.ids for beat in scene.beats]
    by_id = {cue.id: cue for cue in cues}
    for cue in cues:
        holding = [s for s in spans if s.start / FPS - 1e-9 <= cue.start and cue.end <= s.end / FPS + 1e-9]
        assert [s.cues for s in holding] == [next(s.cues for s in spans if cue.id in s.cues)], cue.id
    for span, following in zip(spans, spans[1:]):
        last, first_next = by_id[span.cues[-1]], by_id[following.cues[0]]
        assert last.end <= span.end / FPS + 1e-9 <= first_next.start + 1e-9


def test_a_beat_ends_where_the_first_transition_after_its_speech_begins(lesson_data):
    def construct(self):
        square, circle = Square(), Circle()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.wait(3)  # a still after the speech (1.5 s): the beat holds through it
        self.transition_at = self.renderer.time
        self.play(FadeOut(square), FadeIn(circle), run_time=0.5)
        self.caption("point.0", 1, shows=circle)
    scene = build_probe(construct, lesson_data, QuickVoice())
    first, second = scene.spans
    assert scene.transition_at == pytest.approx(3.5) and scene.cues[0].end <= 2.5 + 1e-9
    assert first.end == 35
    assert (first.start, first.cues, second.start, second.cues) == (0, ("tangent",), first.end, ("point.0",))
    check_beats(scene)


def test_a_beat_said_over_a_moving_picture_ends_after_that_movement(lesson_data):
    def construct(self):
        square, circle = Square(), Circle()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.play(square.animate.shift(1), run_time=6)  # begins while the cue is said: part of its beat
        self.moved_at = self.renderer.time
        self.play(FadeIn(circle), run_time=0.5)
        self.caption("point.0", 1, shows=circle)
    scene = build_probe(construct, lesson_data, QuickVoice())
    assert scene.cues[0].end < 3 and scene.spans[0].end == round(scene.moved_at * FPS) == 65
    check_beats(scene)


def test_beats_with_nothing_moving_between_them_end_where_the_next_is_said(lesson_data):
    def construct(self):
        square = Square()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.caption("point.0", 1, shows=square)
        self.play(square.animate.shift(1), run_time=2)  # after the last beat's speech: still the last beat
    scene = build_probe(construct, lesson_data)
    first, second = scene.spans
    assert first.end == round(scene.cues[1].start * FPS)
    assert second.end == round(scene.renderer.time * FPS)
    check_beats(scene)


def test_slower_speech_moves_the_stops_with_it(lesson_data):
    def construct(self):
        square, circle = Square(), Circle()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.play(FadeOut(square), FadeIn(circle), run_time=0.5)
        self.caption("point.0", 1, shows=circle)

    class SlowerVoice(SlowVoice):
        def say(self, cue_id, text, language, at_least=0.0, at_most=7.0):
            speech = super().say(cue_id, text, language, at_least, at_most)
            return replace(speech, duration=speech.duration + 1.5)
    quick, slow = build_probe(construct, lesson_data), build_probe(construct, lesson_data, SlowerVoice())
    assert slow.spans[0].end - quick.spans[0].end == 15  # 1.5 s more speech, 15 frames later
    check_beats(quick)
    check_beats(slow)


# one section in the fast tier; every section, and every corpus function through the layout check
# (tests/scenes/test_layout.py, which runs lessons.cues.span_problems), in the slow one
SECTIONS = [pytest.param(slug, marks=() if slug == "critical_points" else pytest.mark.slow) for slug in SLUGS]


@pytest.mark.parametrize("slug", SECTIONS)
def test_every_sections_beats_hold_its_cues(slug, built_scene):
    scene, _ = built_scene(slug)
    assert len(scene.spans) == len(scene.beats) >= 3
    check_beats(scene)
    assert span_problems(scene.spans, scene.cues, FPS, round(scene.renderer.time * FPS)) == []


def test_the_beat_check_sees_a_cue_outside_its_beat_and_a_gap():
    cues = [Cue(0.5, 2.0, (("vi", "a"),), id="a"), Cue(2.2, 3.0, (("vi", "b"),), id="b")]
    good = [BeatSpan(0, 21, ("a",)), BeatSpan(21, 40, ("b",))]
    assert span_problems(good, cues, 10, 40) == []
    early = [BeatSpan(0, 15, ("a",)), BeatSpan(15, 40, ("b",))]  # ends before its cue's speech
    assert span_problems(early, cues, 10, 40) == ["cue a (0.50–2.00 s) lies inside 0 beats"]
    a_frame_early = [BeatSpan(0, 19, ("a",)), BeatSpan(19, 40, ("b",))]  # its last frame 1.8–1.9 s: too early
    assert span_problems(a_frame_early, cues, 10, 40) == ["cue a (0.50–2.00 s) lies inside 0 beats"]
    mid_frame = [Cue(0.5, 2.05, (("vi", "a"),), id="a"), cues[1]]  # ends inside the beat's last frame (2.0–2.1 s)
    assert span_problems(good, mid_frame, 10, 40) == []
    late = [BeatSpan(0, 25, ("a",)), BeatSpan(25, 40, ("b",))]  # after the next cue has started
    assert span_problems(late, cues, 10, 40)[-1] == "beat 1 ends at 2.50 s, after the next cue starts"
    gap = [BeatSpan(0, 21, ("a",)), BeatSpan(22, 39, ("b",))]
    assert span_problems(gap, cues, 10, 40)[:2] == ["the beats cover frames 0..39, not the clip's 0..40",
                                                    "beat 1 ends at frame 21, the next starts at 22"]
