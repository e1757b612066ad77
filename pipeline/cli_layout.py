"""`render.py layout`: the layout check (scenes.layout_check) over every section of a lesson, without video,
with the beat check and the subtitle rules in the same pass, timed by espeak-ng's real speech.

Prints each problem as `section [lang] animation N: kind: object / object` (layout) or `section [lang] cue ID
at t s: kind: …` (a statement not on screen while said, a caption rule), then their count; exit 1 when there
are any. `--snapshots DIR` saves the frame of every layout problem as a PNG.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from lessons.config import with_overrides
from pipeline.cli_options import Parser, add_lesson_options, domain_of
from pipeline.voice import Voice, VoiceSpec, check_available
from scenes.layout_check import ALL_SNAPSHOTS, Problem, check_plan
from sections import SLUGS, context, load_lesson, scene_class


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
    if kind == "none":
        return None
    spec = VoiceSpec("espeak")
    check_available(spec)
    return RememberedVoice(Voice(spec, Path(media_dir) / "dry-voice"))


def check_lesson(lesson, media_dir: str, sections: tuple[str, ...] = (), snapshots: str | None = None,
                 voice: str = "espeak") -> list[Problem]:
    planning = context(lesson)
    speaker = dry_voice(voice, media_dir)
    return [p for slug in SLUGS if not sections or slug in sections
            for p in check_plan(scene_class(slug), planning.plan(slug), media_dir, snapshots, speaker)]


def main(argv: list[str] | None = None) -> int:
    parser = add_lesson_options(Parser(prog="render.py layout", description=__doc__.splitlines()[0]), language=None,
                                sections="a section (repeatable; default: all)")
    parser.add_argument("--lang", choices=("vi", "en"), action="append", help="a language (default: both)")
    parser.add_argument("--snapshots", metavar="DIR", help="save the frame of every problem as a PNG in DIR")
    parser.add_argument("--all-snapshots", action="store_true", help="with --snapshots: after every animation")
    parser.add_argument("--voice", choices=("espeak", "none"), default="espeak",
                        help="time the beats by espeak-ng's speech (default) or by their scripted lengths")
    args = parser.parse_args(argv)
    ALL_SNAPSHOTS["on"] = args.all_snapshots
    lesson = with_overrides(load_lesson(args.config), args.function, domain_of(args))
    total = 0
    with tempfile.TemporaryDirectory() as media:
        for language in args.lang or ("vi", "en"):
            for problem in check_lesson(replace(lesson, language=language), media, tuple(args.section or ()),
                                        args.snapshots, args.voice):
                print(problem)
                total += 1
    print(f"{total} problem(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
