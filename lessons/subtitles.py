"""Caption cues to subtitle standards: how long a cue shows, how its text is broken into lines, and the rules
a cue track is checked against.

The rules (Netflix's timed-text style guides for Vietnamese and English; the BBC subtitle guidelines for
synchronisation):

- at most 42 characters a line and 2 lines a cue, broken at a phrase boundary (after a comma, before a
  conjunction), never inside a word, never between a relation or operator and what it relates (not
  "|f′| = / 0,06"), nor between a number and its unit ("60 / bước"); the two lines as balanced as those
  allow (the lower one the longer, when they differ);
- a cue lasts from 5/6 s to 7 s;
- reading speed at most 17 characters a second in Vietnamese, 20 in English (spaces and punctuation count);
- at least 2 frames between consecutive cues;
- a cue is shown no earlier than its speech starts and no more than 0.5 s after it ends.

A scene times its cues with `display_end` (a cue stays up a little after its speech when its text needs it,
never more than 0.5 s) and asks the voice for at least `min_speech` seconds (espeak-ng and Piper are slowed
down to that; a teacher's recording is what it is, and a cue it makes break a rule is reported). No manim
here: the scene base, the layout check, the captions writer and the tests all use this one module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_LINE = 42
MAX_LINES = 2
MIN_CUE_S = 5 / 6
MAX_CUE_S = 7.0
MAX_CPS = {"vi": 17.0, "en": 20.0}
MIN_GAP_FRAMES = 2
MAX_LINGER_S = 0.5  # a cue may stay up this long after its speech has ended
EPSILON = 1e-6
MARGIN_S = 0.02  # shown this much longer than the rules' least, so rounded timestamps still keep them

# a token made only of these relates or combines what is either side of it: no line break on either side
RELATIONS = set("=≈≤≥<>≠⇒⇔→←∈∉·×+−/")
_NUMBER = re.compile(r"^[−\-+(]?[≈=]?\d[\d.,]*(?:×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?[)%]?[;,:.]?$")
# the units the lesson writes after a number: "60 bước" stays one unit; "0,0001234 nằm" may break
UNITS = {"%", "bước", "step", "steps", "lần", "times", "giây", "s", "px", "x", "×"}
# a new line may well start with one of these words (a clause or a phrase begins)
CONJUNCTIONS = {
    "vi": {"và", "nhưng", "thì", "dù", "khi", "nơi", "rồi", "để", "vì", "nên", "hay", "hoặc", "còn", "mà", "với",
           "trong", "trên", "sau", "ở", "tại", "từ", "của", "cho", "đến", "tới", "giảm", "tăng", "chưa", "không"},
    "en": {"and", "but", "though", "so", "while", "where", "when", "which", "that", "of", "to", "in", "on", "for",
           "with", "after", "within", "from", "at", "then", "or", "because", "is", "are", "falls", "rises"},
}


def reading_speed(text: str, seconds: float) -> float:
    """Characters a second (spaces and punctuation included) of `text` shown for `seconds`."""
    return len(text) / seconds if seconds > 0 else math.inf


def reading_time(texts: Mapping[str, str]) -> float:
    """The shortest time the cue's texts (language → text) can be read in, at each language's speed."""
    return max((len(text) / MAX_CPS[language] for language, text in texts.items()), default=0.0)


def needed_time(texts: Mapping[str, str]) -> float:
    """How long a cue is shown at least: its reading time and 5/6 s, with a margin that survives the caption
    file's millisecond timestamps."""
    return max(reading_time(texts), MIN_CUE_S) + MARGIN_S


def min_speech(texts: Mapping[str, str]) -> float:
    """The shortest speech after which the cue may stay up long enough to be read (at most 0.5 s more)."""
    return needed_time(texts) - MAX_LINGER_S


def display_end(texts: Mapping[str, str], start: float, speech: float | None) -> float:
    """When a cue that starts with its speech (`speech` seconds, None when silent) leaves the screen: with its
    speech, or later when it needs more time to be read or to last 5/6 s, but never more than 0.5 s after
    the speech. A silent cue lasts as long as it takes to read."""
    needed = needed_time(texts)
    if speech is None:
        return start + needed
    return start + min(max(speech, needed), speech + MAX_LINGER_S)


def gap(fps: float) -> float:
    """The least time between two cues: 2 frames."""
    return MIN_GAP_FRAMES / fps


# line breaking ------------------------------------------------------------------------------------------------

# Vietnamese words of two syllables (written with a space) that the lesson uses: a line never breaks inside one
COMPOUNDS_VI = (
    "ảnh hưởng", "bão hòa", "bảng dấu", "biến mất", "cực đại", "cực tiểu", "cực trị", "dao động", "đạo hàm",
    "điểm gãy", "đồ thị", "độ dốc", "hệ số", "số góc", "đổi dấu", "đứng yên", "gần như", "hạ giang", "hàm số",
    "hội tụ", "học sâu",
    "kết luận", "kết quả", "kỹ thuật", "lan truyền", "mắc kẹt", "mất mát", "nằm ngang", "nền tảng", "nhận ra",
    "phân biệt", "phân kỳ", "phản ví", "ví dụ", "quán tính", "quả bóng", "sai số", "sườn dốc", "tiếp tuyến",
    "tối ưu", "tốc độ", "tới hạn", "thuật toán", "tồn tại", "tuyệt đối", "trị tuyệt", "ứng viên", "vùng phẳng",
    "xấp xỉ", "lớn nhất", "nhỏ nhất", "bên trái", "bên phải", "hai bên", "hai phía", "cập nhật", "thay thế",
    "thất bại", "bài học", "giá trị", "điểm tới", "mạng sigmoid", "đáy phẳng", "khoảng rộng", "nơ-ron sigmoid",
    "trượt dọc", "chỉ đường", "ngừng tiến", "đi tiếp", "vẫn còn", "không quá", "không có", "không đổi",
    "không phải", "không tồn", "chưa tới", "chưa chắc", "lăn nhanh", "rời khỏi", "thoát khỏi", "tăng dần",
    "giảm dần", "nhỏ dần", "một bước", "sau cùng", "đầu mút", "hai đầu", "biến thiên",
    "xác định", "tiệm cận", "yên ngựa", "đường thẳng", "tùy ý", "đồng mức", "hai biến", "vô nghiệm",
)
_COMPOUND_PAIRS = frozenset(tuple(word.split(" ")) for word in COMPOUNDS_VI)


RELATION_WORDS = {"bằng", "equals"}  # a relation said in words, before the number it relates
_PUNCTUATION = "()[]{},.;:!?\"“”"


def _is_relation(token: str) -> bool:
    return bool(token) and all(ch in RELATIONS for ch in token)


def break_allowed(before: str, after: str) -> bool:
    """Whether a line may end with the word `before` and the next begin with `after`: never beside a
    relation or operator, nor between a number and its unit."""
    if _is_relation(before) or _is_relation(after) or before[-1] in RELATIONS or after[0] in "=≈≤≥<>≠⇒⇔→∈":
        return False
    if _NUMBER.match(before) and not before.endswith((",", ";", ":", ".", ")")) and \
            after.rstrip(_PUNCTUATION).lower() in UNITS:
        return False
    if before.lower() in RELATION_WORDS and _NUMBER.match(after):  # "bằng / 0." reads as a relation cut off
        return False
    if "[" in before and before.endswith((";", ",")) and after.rstrip(".,;:").endswith("]"):  # inside [a; b]
        return False
    if before[-1] in _PUNCTUATION:  # a clause ends here, whatever the words
        return True
    return (before.lstrip(_PUNCTUATION).lower(), after.rstrip(_PUNCTUATION).lower()) not in _COMPOUND_PAIRS


def bind_unbreakable(text: str) -> str:
    """`text` with a no-break space wherever `break_allowed` forbids a line break (inside a word such as
    "cực tiểu", beside a relation, between a number and its unit): on screen, Typst then wraps a paragraph
    by the same rules a caption is broken by."""
    words = text.split(" ")
    out = [words[0]]
    for before, after in zip(words, words[1:]):
        out.append(("\u00a0" if before and after and not break_allowed(before, after) else " ") + after)
    return "".join(out)


def _break_cost(before: str, after: str, language: str, depth: int) -> float:
    """How bad a break between `before` and `after` reads (0 at a clause boundary)."""
    if before.endswith((".", ";", ":", "!", "?")):
        cost = 0.0
    elif before.endswith(","):
        cost = 2.0
    elif after.lower() in CONJUNCTIONS.get(language, set()):
        cost = 6.0
    else:
        cost = 14.0
    return cost + (25.0 if depth > 0 else 0.0)  # inside brackets


def break_lines(text: str, language: str = "vi") -> tuple[str, ...]:
    """`text` as the lines of one cue: one line when it fits, else the best allowed break into two (a phrase
    boundary, balanced, the lower line the longer), else the best break into two even if a line is too long
    (the rules then report it)."""
    text = " ".join(text.split())
    if len(text) <= MAX_LINE:
        return (text,)
    words = text.split(" ")
    best: tuple[float, int] | None = None  # (cost, where) of the best break whose lines fit
    fallback: tuple[int, float, int] | None = None  # (characters over, cost, where) of the least bad one
    depth = 0
    for i in range(1, len(words)):
        depth += words[i - 1].count("(") - words[i - 1].count(")")
        if not break_allowed(words[i - 1], words[i]):
            continue
        top, bottom = " ".join(words[:i]), " ".join(words[i:])
        cost = _break_cost(words[i - 1], words[i], language, depth) + abs(len(top) - len(bottom)) * 0.6 + (
            1.0 if len(top) > len(bottom) else 0.0)
        over = max(len(top), len(bottom)) - MAX_LINE
        if over <= 0 and (best is None or cost < best[0]):
            best = (cost, i)
        if fallback is None or (max(over, 0), cost) < fallback[:2]:
            fallback = (max(over, 0), cost, i)
    if best is None and fallback is None:
        return (text,)
    i = best[1] if best is not None else fallback[2]
    return (" ".join(words[:i]), " ".join(words[i:]))


# the rules ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Broken:
    """A rule a cue breaks: `rule` is its name, `detail` says by how much."""

    cue: str
    start: float
    language: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"cue {self.cue} at {self.start:.2f} s: caption ({self.language}) {self.rule}: {self.detail}"


def line_problems(lines: Sequence[str]) -> list[tuple[str, str]]:
    """(rule, detail) for each way the lines of one cue break the line rules."""
    found = []
    if len(lines) > MAX_LINES:
        found.append(("lines", f"{len(lines)} lines, at most {MAX_LINES}"))
    for line in lines:
        if len(line) > MAX_LINE:
            found.append(("line length", f"a line of {len(line)} characters, at most {MAX_LINE}: {line!r}"))
    for top, bottom in zip(lines, lines[1:]):
        before, after = top.split(" ")[-1], bottom.split(" ")[0]
        if not break_allowed(before, after):
            found.append(("line break", f"a break between {before!r} and {after!r}"))
    return found


def timing_problems(text: str, language: str, start: float, end: float,
                    speech: float | None) -> list[tuple[str, str]]:
    """(rule, detail) for each timing rule a cue shown from `start` to `end` breaks; `speech` is how long its
    speech lasts from `start` (None for a silent cue)."""
    found = []
    length = end - start
    if length > MAX_CUE_S + EPSILON:
        found.append(("duration", f"{length:.2f} s, at most {MAX_CUE_S:g} s"))
    if length < MIN_CUE_S - EPSILON:
        found.append(("duration", f"{length:.2f} s, at least 5/6 s"))
    cps = reading_speed(text, length)
    if cps > MAX_CPS[language] + 0.05:
        found.append(("reading speed", f"{cps:.1f} characters a second, at most {MAX_CPS[language]:g}"))
    if speech is not None and end > start + speech + MAX_LINGER_S + EPSILON:
        found.append(("sync", f"shown {end - start - speech:.2f} s after its speech ended, at most "
                              f"{MAX_LINGER_S:g} s"))
    return found


def cue_problems(cue, language: str) -> list[Broken]:
    """The rules a lessons.cues.Cue breaks in `language`: its lines and its timing (its speech starts with
    it, by construction of the scene)."""
    text = cue.text(language)
    speech = cue.speech if cue.audio or cue.speech else None
    found = line_problems(break_lines(text, language)) + timing_problems(text, language, cue.start, cue.end, speech)
    return [Broken(cue.id, cue.start, language, rule, detail) for rule, detail in found]


def merged(problems: Sequence[Broken]) -> list[str]:
    """Problems as lines, a rule broken the same way in both languages said once ("caption (vi, en) …")."""
    languages: dict[tuple, list[str]] = {}
    for p in problems:
        languages.setdefault((p.cue, p.start, p.rule, p.detail), []).append(p.language)
    return [str(Broken(cue, start, ", ".join(langs), rule, detail))
            for (cue, start, rule, detail), langs in languages.items()]


def track_problems(cues: Sequence, language: str, fps: float) -> list[Broken]:
    """Every rule a track of cues (in time order) breaks in `language`, the gaps between cues included."""
    ordered = sorted(cues, key=lambda c: c.start)
    found = [problem for cue in ordered for problem in cue_problems(cue, language)]
    least = gap(fps)
    for before, after in zip(ordered, ordered[1:]):
        if after.start - before.end < least - EPSILON:
            frames = (after.start - before.end) * fps
            found.append(Broken(after.id, after.start, language, "gap",
                                f"{frames:.1f} frames after the previous cue, at least {MIN_GAP_FRAMES}"))
    return found
