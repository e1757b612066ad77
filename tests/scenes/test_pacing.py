"""Pacing: each caption's beat lasts at least as long as its speech, never overlapping the next cue, with the
subtitle gap between cues."""

from __future__ import annotations

import pytest
from manim import FadeIn, Square, tempconfig

from lessons import subtitles
from scenes.layout_check import DRY
from sections.critical_points.scene import CriticalPointsScene
from sections.section_scene import SectionScene
from tests.helpers.fakes import SlowVoice


class TwoCues(SectionScene):
    slug = "critical_points"

    def construct(self) -> None:
        self.caption("title.critical_points", 1)
        square = Square()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.caption("tangent", 1, shows=square)  # said twice: the second gets its own stable id


def render(scene_class, plan, voice, tmp_path):
    with tempconfig(DRY):
        scene = scene_class(plan=plan, voice=voice, skip_animations=True)
        scene.render()
    return scene


def test_beats_wait_for_their_speech_and_the_scene_for_the_last_one(lesson_data, tmp_path):
    voice = SlowVoice()
    scene = render(TwoCues, lesson_data("critical_points"), voice, tmp_path)
    cues = scene.cues
    assert [c.id for c in cues] == ["title.critical_points", "tangent", "tangent-2"]
    for cue in cues:
        assert cue.speech > 1  # the caption starts with its speech and lasts at least as long
        assert cue.speech - 1e-9 <= cue.end - cue.start <= cue.speech + subtitles.MAX_LINGER_S + 1e-9
    for before, after in zip(cues, cues[1:]):
        assert after.start >= before.end + subtitles.gap(10) - 1e-9  # never overlapping, 2 frames apart
    assert scene.renderer.time >= cues[-1].end - 1e-9  # the last speech is not cut
    assert all(language == "vi" and "′" not in text for _, text, language, _ in voice.heard)
    # the voice is asked for the speech the captions' reading speed needs (both languages' texts)
    title = next(h for h in voice.heard if h[0] == "title.critical_points")
    texts = dict(cues[0].texts)
    assert title[3] == subtitles.min_speech(texts) > 0


def test_without_a_voice_captions_keep_their_scripted_length_or_their_reading_time(lesson_data, tmp_path):
    scene = render(TwoCues, lesson_data("critical_points"), None, tmp_path)
    for cue in scene.cues:
        assert cue.end - cue.start == pytest.approx(max(1, subtitles.needed_time(dict(cue.texts))))
    assert scene.renderer.time >= scene.cues[-1].end - 1e-9


def test_a_whole_section_is_paced_by_its_speech(lesson_data, tmp_path):
    voice = SlowVoice()
    plan = lesson_data("critical_points")
    silent = render(CriticalPointsScene, plan, None, tmp_path / "a")
    scene = render(CriticalPointsScene, plan, voice, tmp_path / "b")
    assert len(scene.cues) == len(silent.cues) and len({c.id for c in scene.cues}) == len(scene.cues)
    for before, after in zip(scene.cues, scene.cues[1:]):
        assert after.start >= before.start + before.speech - 1e-9
    assert scene.renderer.time >= scene.cues[-1].end - 1e-9
    assert scene.renderer.time > silent.renderer.time
