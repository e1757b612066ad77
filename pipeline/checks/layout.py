"""The layout check (scenes.layout_check) over every section of a lesson, without video, with the beat check
and the subtitle rules in the same pass, timed by espeak-ng's real speech (`render.py layout`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scenes.layout_check import Problem, check_plan
from sections import context, scene_class

from ..voice import Voice, VoiceSpec, check_available, engine_of


@dataclass
class RememberedVoice:
    """espeak-ng for the dry pass, each text said once per process (the corpus repeats many lines)."""

    voice: Voice
    said: dict = field(default_factory=dict)

    def say(self, cue_id: str, text: str, language: str, at_least: float = 0.0, at_most: float = float("inf")):
        key = (text, language, round(at_least, 6), at_most)
        if key not in self.said:
            self.said[key] = self.voice.say(cue_id, text, language, at_least, at_most)
        return self.said[key]


def dry_voice(kind: str, media_dir: str):
    """The voice the check times beats with: espeak-ng (its real speech lengths), or none (scripted lengths)."""
    spec = VoiceSpec(kind)
    if engine_of(spec).silent:
        return None
    check_available(spec)
    return RememberedVoice(Voice(spec, Path(media_dir) / "dry-voice"))


def check_lesson(lesson, media_dir: str, sections: tuple[str, ...] = (), snapshots: str | None = None,
                 voice: str = "espeak") -> list[Problem]:
    planning = context(lesson)
    speaker = dry_voice(voice, media_dir)
    return [p for slug in planning.slugs if not sections or slug in sections
            for p in check_plan(scene_class(slug), planning.plan(slug), media_dir, snapshots, speaker)]
