"""A beat is picture and speech together, kept so by the scene base (scenes.base), not by each scene: speech
starts once what shows it is on screen, what shows it is not taken away while it is said, and a statement
with clauses is several cues spoken one after the other."""

from __future__ import annotations

import pytest
from manim import Circle, FadeIn, FadeOut, Square

from lessons import subtitles
from lessons.text import Statement
from scenes.base import BeatError
from tests.helpers.fakes import SlowVoice, build_probe

TWO_CLAUSES = Statement("probe", (("en", "The first clause of a long statement, ‖ and then its second clause."),
                                  ("vi", "Vế đầu của một câu dài, ‖ rồi đến vế thứ hai của nó.")))


def test_speech_starts_when_the_picture_it_names_has_appeared(lesson_data):
    def construct(self):
        square = Square()
        self.caption("tangent", 1, shows=square)  # asked for before the square is drawn
        self.play(FadeIn(square), run_time=0.8)
        self.seen = self.renderer.time
    scene = build_probe(construct, lesson_data)
    assert scene.cues[0].start == pytest.approx(0.8)  # not at 0, while nothing was on screen


def test_what_shows_a_statement_is_not_taken_away_while_it_is_said(lesson_data):
    def construct(self):
        square, circle = Square(), Circle()
        self.play(FadeIn(square), FadeIn(circle), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.play(FadeOut(circle), run_time=0.5)  # not what shows it: at once
        self.circle_gone = self.renderer.time
        self.play(FadeOut(square), run_time=0.5)  # waits for the cue's end
        self.square_gone = self.renderer.time
    scene = build_probe(construct, lesson_data)
    cue = scene.cues[0]
    assert scene.circle_gone == pytest.approx(1.0)
    assert cue.end > 2 and scene.square_gone - 0.5 >= cue.end - 1e-9
    assert scene.square_gone - 0.5 < cue.end + 0.1 + 1e-9  # in whole frames (10 fps), no later


def test_removing_what_shows_a_statement_waits_too(lesson_data):
    def construct(self):
        square = Square()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.remove(square)
        self.removed_at = self.renderer.time
    scene = build_probe(construct, lesson_data)
    assert scene.removed_at >= scene.cues[0].end - 1e-9


def test_a_statement_with_clauses_is_one_cue_a_clause_each_spoken_as_its_own_segment(lesson_data):
    voice = SlowVoice()

    def construct(self):
        square = Square()
        self.play(FadeIn(square), run_time=0.5)
        self.caption(TWO_CLAUSES, 2, cue="probe", shows=square)
    scene = build_probe(construct, lesson_data, voice)
    first, second = scene.cues
    assert (first.id, second.id) == ("probe", "probe+2")
    assert first.text("en") == "The first clause of a long statement," and second.text("vi") == "rồi đến vế thứ hai của nó."
    assert [h[1] for h in voice.heard] == ["Vế đầu của một câu dài", "rồi đến vế thứ hai của nó."]
    assert second.start >= first.end + subtitles.gap(10) - 1e-9
    assert scene.beats[-1].ids == ("probe", "probe+2") and scene.beats[-1].shows[0].shows_cues == ("probe", "probe+2")
    assert TWO_CLAUSES.text("en") == "The first clause of a long statement, and then its second clause."  # on screen


def test_a_cue_must_name_what_shows_it_and_that_must_appear(lesson_data):
    def unnamed(self):
        self.caption("tangent", 1)
    with pytest.raises(BeatError, match="cue tangent: name the objects that show it"):
        build_probe(unnamed, lesson_data)

    def never_drawn(self):
        self.caption("tangent", 1, shows=Square())
        self.wait(1)
    with pytest.raises(BeatError, match="cue tangent was never shown"):
        build_probe(never_drawn, lesson_data)

    def faded(self):  # on screen, but too faint to show anything
        square = Square().set_opacity(0.2)
        self.add(square)
        self.caption("tangent", 1, shows=square)
        self.caption("solve", 1, shows=square)
    with pytest.raises(BeatError, match="cue tangent was never shown"):
        build_probe(faded, lesson_data)
