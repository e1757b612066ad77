"""The beat check (scenes.beat_check) sees a statement that leaves the screen while it is said, and a cue
spoken over a frame that holds only the title."""

from __future__ import annotations

from manim import FadeIn, Square, tempconfig

from scenes.beat_check import watch_beats
from scenes.layout_check import CHECK_FPS, DRY, Problem
from scenes.text import section_title
from sections.section_scene import SectionScene
from tests.helpers.fakes import SlowVoice


def checked(construct, lesson_data) -> tuple[list[Problem], object]:
    scene_class = type("Probe", (SectionScene,), {"slug": "critical_points", "construct": construct})
    found: list[Problem] = []
    with tempconfig({**DRY, "frame_rate": CHECK_FPS}):
        scene = scene_class(plan=lesson_data("critical_points"), voice=SlowVoice(), skip_animations=True)
        watch_beats(scene, "probe [vi]", found, Problem)
        scene.render()
    return found, scene


def test_a_tagged_object_faded_in_the_middle_of_its_cue_is_reported(lesson_data):
    def construct(self):
        square = Square()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)  # 7.5 s of SlowVoice speech
        self.wait(2)
        self.play(square.animate.set_opacity(0.2), run_time=0.5)  # not a removal: the base lets it through
        self.wait(1)
    found, scene = checked(construct, lesson_data)
    cue = scene.cues[0]
    assert [p.kind for p in found] == ["statement not on screen"]
    message = str(found[0])
    assert message.startswith("probe [vi] cue tangent at 3.00 s: statement not on screen: Square (Tiếp tuyến trượt")
    assert cue.start == 0.5 and cue.end > 7  # faded at the end of the fade (at its middle it is still at 0.6), mid-cue


def test_a_cue_said_over_a_frame_with_only_the_title_is_reported(lesson_data):
    def construct(self):
        title = section_title(self.t("title.critical_points"))
        square = Square()
        self.play(FadeIn(title), FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.wait(1)
        self.play(square.animate.set_opacity(0), run_time=0.5)
        self.wait(1)
    found, _ = checked(construct, lesson_data)
    kinds = [p.kind for p in found]
    assert kinds == ["statement not on screen", "only the title on screen"]
    assert str(found[1]).startswith("probe [vi] cue tangent at 2.00 s: only the title on screen: Tiếp tuyến")


def test_a_statement_kept_on_screen_while_said_passes(lesson_data):
    def construct(self):
        square = Square()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.wait(1)
        self.play(square.animate.set_opacity(0.2), run_time=0.5)  # deferred by hand to the cue's end
    found, _ = checked(construct, lesson_data)
    assert [p.kind for p in found] == ["statement not on screen"]  # the fade above is mid-cue: still seen

    def patient(self):
        square = Square()
        self.play(FadeIn(square), run_time=0.5)
        self.caption("tangent", 1, shows=square)
        self.finish_speech()
        self.play(square.animate.set_opacity(0.2), run_time=0.5)
    found, _ = checked(patient, lesson_data)
    assert found == []
