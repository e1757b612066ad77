"""The base class of every section scene: its plan, its statements, and its beats.

A beat is picture and speech together. `caption(what, duration, shows=...)` names the statement said and
the objects that show it (tagged on them for the beat check, scenes.beat_check); the base, not each scene,
keeps voice and picture together:

- the speech starts once every object it names is on screen and fully visible: at once when they are, else
  at the end of the first animation that brings them in, so a verdict is never said before it is shown;
- what shows a statement stays: an animation that would take one of those objects away (a FadeOut, a
  replacement, `remove`) while its cue is up first waits, in whole frames, until the cue has ended;
- the next beat waits for the cue still up plus the 2 frames subtitles need between cues;
- a statement with clause marks (lessons.text) is several cues, each spoken as its own segment, one after
  the other, all shown by the same objects;
- a cue shows from its speech's start for as long as its speech, or as long as reading it takes, at most
  0.5 s more (lessons.subtitles); the voice is asked for at least the speech reading needs (espeak-ng and
  Piper slow down to it), and a cue that still breaks a subtitle rule (a teacher's recording) is listed in
  `cue_problems`.

The scene also records where each beat ends (`spans`, lessons.cues.BeatSpan), for classroom mode: at the
first transition that begins once its last cue has ended (a wait is no transition), at the next beat's
caption when nothing moves before it, at the clip's end for the last one. Recorded while it plays, in
frames, so the stops are exact and follow the pacing: every cue lies inside its beat.

Narration follows manim-voiceover's pattern: the voice (handed in by the pipeline; none in the plain manim
CLI and the scene tests) makes the cue's speech before its beat. Without a voice a cue lasts its scripted
`duration`, or its reading time when that is longer.
"""

from __future__ import annotations

import copy
import math
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, Protocol

import svgelements
from manim import (
    AnimationGroup,
    FadeTransform,
    Mobject,
    ReplacementTransform,
    Scene,
    TransformMatchingShapes,
    Wait,
    config,
)

from lessons import subtitles
from lessons.catalog import SHARED
from lessons.config import LANGUAGES
from lessons.cues import BeatSpan, Cue
from lessons.section_plan import SectionPlan
from lessons.speech import speak
from lessons.text import Statement, Texts

from . import layout, theme
from .camera import LessonCamera

# A parsed SVG path (what a Typst glyph was built from) is never changed once its mobject exists, but manim
# deep-copies it with every copy of the glyph: the copy manim's SVG cache keeps of each new Typst mobject
# cost more than parsing it. Copies share it instead.
copy._deepcopy_dispatch[svgelements.Path] = copy._deepcopy_atomic

VISIBLE = 0.5  # an object shows its statement at this opacity or more
REPLACING = (ReplacementTransform, FadeTransform, TransformMatchingShapes)


class Voice(Protocol):
    """What a scene needs of a narration voice (pipeline.voice.Voice): speech for a cue, or None; the
    synthetic voices make it last at least `at_least` seconds and, when they can, at most `at_most`."""

    def say(self, cue_id: str, text: str, language: str, at_least: float = 0.0, at_most: float = math.inf): ...


class BeatError(RuntimeError):
    """A scene that says something it never shows: a fault of the scene, found when it is built."""


@dataclass(frozen=True)
class Beat:
    """One `caption` call: its cue ids (one per clause of the statement) and the objects that show it."""

    ids: tuple[str, ...]
    shows: tuple[Mobject, ...]

    @property
    def title(self) -> bool:
        return self.ids[0].startswith("title.")


@dataclass(frozen=True)
class _Line:
    """One cue to be: its texts, what is said and the speech made for it (None: silent, `scripted` long)."""

    id: str
    texts: tuple[tuple[str, str], ...]
    spoken: str
    speech: object | None
    scripted: float


class LessonScene(Scene):
    """A lesson section, built with its `plan` (the section's words, `texts`, give the headings and labels
    that state no fact). sections.section_scene.SectionScene plans the default lesson when no plan is
    given, for the plain manim CLI."""

    slug: ClassVar[str] = ""
    texts: ClassVar[Texts] = SHARED

    def __init__(self, plan: SectionPlan, voice: Voice | None = None, **kwargs) -> None:
        self.plan = plan
        self.voice = voice
        self.cues: list[Cue] = []
        self.beats: list[Beat] = []
        self.cue_problems: list[str] = []
        self.key_time: float | None = None
        self.spans: list[BeatSpan] = []  # the beats as played, in frames (classroom mode stops at their ends)
        self._open: tuple[str, ...] = ()  # the cues of the beat said and not yet ended
        self._cue_ids: Counter[str] = Counter()
        self._pending: tuple[Beat, list[_Line]] | None = None
        self._showing: tuple[Mobject, ...] = ()
        self._shown_until = 0.0  # the last cue's end: what shows it stays until then
        self._free_at = 0.0  # the next cue may start: the last cue's end and the gap after it
        self._playing = False
        super().__init__(**{"camera_class": LessonCamera, **kwargs})

    def setup(self) -> None:
        self.camera.background_color = theme.BACKGROUND

    @property
    def language(self) -> str:
        return self.plan.language

    def t(self, key: str, **fields: object) -> str:
        """A catalog string that states no fact about the function (a heading, a word, a unit)."""
        if key.startswith("title."):  # a title may say the section's number in its lesson ({number})
            fields.setdefault("number", self.plan.number)
        return self.plan.terms.word(self.texts.text(key, self.language, **fields), self.language)

    def says(self, name: str) -> str:
        """The plan's statement `name`, in the lesson's language, as the picture writes it (the whole sentence,
        in the textbook's notation where it has one)."""
        return self.writes(self.plan.say(name))

    def writes(self, statement: Statement) -> str:
        """A statement (a run's result, say) as the picture writes it, in the words the lesson chose."""
        return self.plan.terms.apply(statement).board_text(self.language)

    # beats -----------------------------------------------------------------------------------------------------
    def caption(self, what: str | Statement, duration: float, *, shows: Mobject | tuple | list = (),
                cue: str | None = None, **fields: object) -> None:
        """Say the plan's statement `what` (a name), a Statement (a run's result), or a catalog key with
        fields, shown by the objects `shows` (required for every cue but a title). The cue's id is `cue`,
        else the statement's name, numbered from its second use; every language is recorded with the same
        timing. With a voice the speech is made first and the cue lasts as long as it; without one, `duration`
        seconds (at least its reading time)."""
        if isinstance(what, Statement):
            statement = what
        elif self.plan.has(what):
            statement = self.plan.say(what)
        else:
            if what.startswith("title."):
                fields.setdefault("number", self.plan.number)
            statement = self.texts.say(what, **fields)
        statement = self.plan.terms.apply(statement)
        name = cue or (what if isinstance(what, str) else "line")
        shown = (shows,) if isinstance(shows, Mobject) else tuple(shows)
        if not shown and not name.startswith("title."):
            raise BeatError(f"cue {name}: name the objects that show it (caption(..., shows=...))")
        if self._pending is not None:
            raise BeatError(f"cue {self._pending[0].ids[0]} was never shown: its objects did not appear before "
                            f"the next caption")
        self.finish_speech()
        self._end_beat()  # nothing moved since the last beat was said: it ends where this one starts
        parts = statement.parts()
        first = self.cue_id(name)
        ids = (first, *[f"{first}+{k}" for k in range(2, len(parts) + 1)])
        lines = [self._line(cue_id, part, duration / len(parts)) for cue_id, part in zip(ids, parts)]
        beat = Beat(ids, shown)
        for mobject in shown:
            mobject.shows_cues = (*getattr(mobject, "shows_cues", ()), *ids)
        self.beats.append(beat)
        self._pending = (beat, lines)
        self._start_if_shown()

    def _line(self, cue_id: str, part: Statement, scripted: float) -> _Line:
        texts = tuple((lang, part.text(lang)) for lang in LANGUAGES)
        spoken = speak(part, self.language)
        speech = None
        if self.voice is not None:
            speech = self.voice.say(cue_id, spoken, self.language, at_least=subtitles.min_speech(dict(texts)),
                                    at_most=subtitles.MAX_CUE_S)
        return _Line(cue_id, texts, spoken, speech, scripted)

    def _start_if_shown(self) -> None:
        """Start the pending beat's cues now if everything that shows it is on screen."""
        beat, lines = self._pending
        if not all(self.visible(m) for m in beat.shows):
            return
        self._pending = None
        start, gap = self.renderer.time, subtitles.gap(self.fps)
        for line in lines:
            length = line.speech.duration if line.speech is not None else None
            end = subtitles.display_end(dict(line.texts), start, length)
            if length is None:
                end = max(end, start + min(line.scripted, subtitles.MAX_CUE_S))  # a long silent beat: no cue over 7 s
            cue = Cue(start=start, end=end, texts=line.texts, id=line.id, spoken=line.spoken,
                      audio=str(line.speech.path) if line.speech is not None else None, speech=length or 0.0,
                      source=getattr(line.speech, "source", "") if line.speech is not None else "")
            self.cues.append(cue)
            self.cue_problems += subtitles.merged([p for lang in LANGUAGES for p in subtitles.cue_problems(cue, lang)])
            self._shown_until, self._free_at = end, end + gap
            start = self.frame_at_or_after(end + gap)
        self._showing = beat.shows
        self._open = beat.ids

    def visible(self, mobject: Mobject) -> bool:
        """On screen (every drawn part of it in the scene: a group made after its parts were drawn counts) and
        drawn at opacity 0.5 or more."""
        return layout.on_screen(mobject, self.get_mobject_family_members()) and \
            layout.drawn_opacity(mobject) >= VISIBLE

    def cue_id(self, name: str) -> str:
        """A stable id: the statement's name (or catalog key), numbered from the second time it is said."""
        self._cue_ids[name] += 1
        count = self._cue_ids[name]
        return name if count == 1 else f"{name}-{count}"

    def key_frame(self) -> None:
        """Mark this moment as the one that shows the section's idea: the preview ends on it."""
        self.key_time = self.renderer.time

    # time ------------------------------------------------------------------------------------------------------
    @property
    def fps(self) -> float:
        return float(config.frame_rate) or 1.0

    def frame_at_or_after(self, t: float) -> float:
        return math.ceil(t * self.fps - 1e-6) / self.fps

    def wait_until(self, t: float) -> None:
        """Wait, in whole frames, until time `t` (nothing when it has passed)."""
        remaining = t - self.renderer.time
        if remaining > 1e-6:
            self.wait(math.ceil(remaining * self.fps - 1e-6) / self.fps)

    @property
    def frame(self) -> int:
        """The next frame's index on the clip's timeline."""
        return round(self.renderer.time * self.fps)

    def _end_beat(self) -> None:
        """End the beat said last (if its cues are recorded) here: the next one starts at this frame."""
        if not self._open:
            return
        start = self.spans[-1].end if self.spans else 0
        self.spans.append(BeatSpan(start, self.frame, self._open))
        self._open = ()

    def finish_speech(self) -> None:
        """Wait until the last cue has ended and the gap after it has passed."""
        self.wait_until(self._free_at)

    # what shows a statement stays while it is said ----------------------------------------------------------
    def _takes_away_shown(self, targets: list[Mobject]) -> bool:
        if self.renderer.time >= self._shown_until - 1e-9 or not self._showing:
            return False
        shown = {id(part) for m in self._showing for part in m.get_family()}
        return any(id(part) in shown for target in targets for part in target.get_family())

    def play(self, *animations, **kwargs) -> None:
        if self._takes_away_shown([a.mobject for a in _flatten(animations) if _removes(a)]):
            self.wait_until(self._shown_until)
        if self._open and self.renderer.time >= self._shown_until - 1e-9 and \
                not all(isinstance(a, Wait) for a in animations):
            self._end_beat()  # the first transition after the beat's speech: the beat ends before it
        self._playing = True
        try:
            super().play(*animations, **kwargs)
        finally:
            self._playing = False
        if self._pending is not None:
            self._start_if_shown()

    def remove(self, *mobjects: Mobject):
        if not self._playing and self._takes_away_shown(list(mobjects)):
            self.wait_until(self._shown_until)
        return super().remove(*mobjects)

    def tear_down(self) -> None:
        if self._pending is not None:
            raise BeatError(f"cue {self._pending[0].ids[0]} was never shown: its objects never appeared")
        self.wait_until(self._shown_until)
        if self._open:
            self._end_beat()
        elif self.spans:  # what moves after the last beat's speech is still that beat: up to the clip's end
            self.spans[-1] = BeatSpan(self.spans[-1].start, self.frame, self.spans[-1].cues)
        super().tear_down()


def _flatten(animations) -> list:
    """The animations of a play call, groups opened (a Mobject or `.animate` builder is no removal)."""
    out = []
    for animation in animations:
        if isinstance(animation, AnimationGroup):
            out += _flatten(animation.animations)
        elif hasattr(animation, "is_remover"):
            out.append(animation)
    return out


def _removes(animation) -> bool:
    return animation.is_remover() or isinstance(animation, REPLACING)
