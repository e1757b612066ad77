"""Pacing: each caption's beat lasts at least as long as its speech, never overlapping the next cue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from manim import FadeIn, Square, tempconfig

from scenes.layout_check import DRY
from sections.critical_points.scene import CriticalPointsScene
from sections.section_scene import SectionScene


@dataclass(frozen=True)
class FakeSpeech:
    path: Path
    duration: float


class SlowVoice:
    """Half a second per word: longer than most scripted beats."""

    def __init__(self) -> None:
        self.heard: list[tuple[str, str, str]] = []

    def say(self, cue_id: str, text: str, language: str) -> FakeSpeech:
        self.heard.append((cue_id, text, language))
        return FakeSpeech(Path(f"/nowhere/{cue_id}.wav"), 0.5 * len(text.split()))


class TwoCues(SectionScene):
    slug = "critical_points"

    def construct(self) -> None:
        self.caption("title.critical_points", 1)
        self.play(FadeIn(Square()), run_time=0.5)
        self.caption("tangent", 1)
        self.caption("tangent", 1)  # said twice: the second gets its own stable id


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
        assert cue.end - cue.start == cue.speech > 1  # the caption is the speech segment
    for before, after in zip(cues, cues[1:]):
        assert after.start >= before.end - 1e-9  # never overlapping
    assert scene.renderer.time >= cues[-1].end - 1e-9  # the last speech is not cut
    assert all(language == "vi" and "′" not in text for _, text, language in voice.heard)


def test_without_a_voice_captions_keep_their_scripted_length(lesson_data, tmp_path):
    scene = render(TwoCues, lesson_data("critical_points"), None, tmp_path)
    assert [round(c.end - c.start, 6) for c in scene.cues] == [1, 1, 1]
    assert scene.renderer.time == 0.5


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
