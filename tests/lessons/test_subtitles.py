"""The subtitle rules (lessons.subtitles), one test per rule, and the way cues are timed and broken into
lines so that they keep them. Every caption the corpus produces is checked against them with espeak-ng's
timing in tests/scenes/test_layout.py."""

from __future__ import annotations

import pytest

from lessons import subtitles
from lessons.cues import Cue
from lessons.subtitles import break_lines, line_problems, timing_problems, track_problems


def cue(start: float, end: float, vi: str = "Một câu ngắn.", en: str = "A short line.", speech: float | None = None,
        id: str = "c") -> Cue:
    return Cue(start=start, end=end, texts=(("vi", vi), ("en", en)), id=id, speech=speech or 0.0,
               audio="/x.wav" if speech else None)


def rules(found) -> list[str]:
    return [rule for rule, _ in found]


def test_a_line_of_43_characters_is_too_long_42_is_not():
    assert rules(line_problems(["x" * 43])) == ["line length"]
    assert line_problems(["x" * 42]) == []


def test_three_lines_are_too_many():
    assert rules(line_problems(["a", "b", "c"])) == ["lines"]


def test_a_cue_of_7_1_s_is_too_long_and_one_of_0_8_s_too_short():
    assert rules(timing_problems("Một câu ngắn.", "vi", 0.0, 7.1, None)) == ["duration"]
    assert rules(timing_problems("Ngắn.", "vi", 0.0, 0.8, None)) == ["duration"]
    assert timing_problems("Một câu ngắn.", "vi", 0.0, 7.0, None) == []


def test_18_characters_a_second_is_too_fast_in_vietnamese_but_not_in_english():
    text = "x" * 36  # shown for 2 s: 18 characters a second
    assert rules(timing_problems(text, "vi", 10.0, 12.0, None)) == ["reading speed"]
    assert timing_problems(text, "en", 10.0, 12.0, None) == []  # 20 a second in English
    assert rules(timing_problems("x" * 42, "en", 10.0, 12.0, None)) == ["reading speed"]


def test_a_one_frame_gap_between_cues_is_too_short_two_frames_are_enough():
    one = [cue(0.0, 2.0, id="a"), cue(2.0 + 1 / 60, 4.0, id="b")]
    found = track_problems(one, "vi", fps=60)
    assert [(p.cue, p.rule) for p in found] == [("b", "gap")]
    assert str(found[0]) == "cue b at 2.02 s: caption (vi) gap: 1.0 frames after the previous cue, at least 2"
    assert track_problems([cue(0.0, 2.0), cue(2.0 + 2 / 60, 4.0)], "vi", fps=60) == []


def test_a_break_after_an_equals_sign_is_refused():
    assert rules(line_problems(["Sau 300 bước |f′| =", "0,06 rồi bóng dừng lại."])) == ["line break"]
    assert rules(line_problems(["Sau 300 bước |f′|", "= 0,06 rồi bóng dừng lại."])) == ["line break"]
    assert rules(line_problems(["chưa tới đáy sau 60", "bước, rồi dừng lại."])) == ["line break"]  # a number and its unit
    assert rules(line_problems(["một điểm cực", "tiểu của f."])) == ["line break"]  # inside a Vietnamese word
    assert line_problems(["Sau 300 bước |f′| = 0,06:", "bóng dừng lại."]) == []


def test_a_cue_shown_more_than_half_a_second_after_its_speech_is_out_of_sync():
    assert rules(timing_problems("Một câu ngắn.", "vi", 0.0, 2.6, speech=2.0)) == ["sync"]
    assert timing_problems("Một câu ngắn.", "vi", 0.0, 2.5, speech=2.0) == []


def test_lines_break_at_a_phrase_boundary_balanced_never_beside_a_relation():
    text = "Sau 300 bước |f′| chỉ còn 0,06619: bóng dừng lại dù ở đó không có cực tiểu."
    assert break_lines(text, "vi") == ("Sau 300 bước |f′| chỉ còn 0,06619:", "bóng dừng lại dù ở đó không có cực tiểu.")
    assert break_lines("x = 2: cực tiểu", "vi") == ("x = 2: cực tiểu",)  # one line when it fits
    long = "The absolute value of f prime at the start is 0.06619 = 6.619 × 10⁻²"
    for top, bottom in [break_lines(long, "en")]:
        assert not top.endswith(("=", "×")) and not bottom.startswith(("=", "×"))
        assert max(len(top), len(bottom)) <= 42
    balanced = break_lines("Cả cực tiểu lẫn cực đại đều có f′ = 0. Hãy nhìn dấu của f′ ở hai bên.", "vi")
    assert balanced == ("Cả cực tiểu lẫn cực đại đều có f′ = 0.", "Hãy nhìn dấu của f′ ở hai bên.")


def test_a_cue_stays_up_long_enough_to_be_read_but_never_more_than_half_a_second_past_its_speech():
    texts = {"vi": "x" * 51, "en": "y" * 51}  # 3 s at 17 a second in Vietnamese, 2.55 s in English
    assert subtitles.display_end(texts, 10.0, 2.8) == pytest.approx(13.0 + subtitles.MARGIN_S)
    assert subtitles.display_end(texts, 10.0, 4.0) == 14.0  # with its speech, when that is longer
    assert subtitles.display_end(texts, 10.0, 1.0) == 11.5  # at most 0.5 s more: the rules then flag it
    assert subtitles.min_speech(texts) == pytest.approx(3.0 + subtitles.MARGIN_S - 0.5)
    assert subtitles.display_end({"vi": "Có.", "en": "Yes."}, 0.0, 0.4) == pytest.approx(5 / 6 + subtitles.MARGIN_S)


def test_a_long_statement_is_cut_at_its_clause_marks_the_same_way_in_every_language_and_spoken_form():
    from lessons.speech import speak
    from lessons.text import Num, Texts
    from sections.plateaus.text import TEXT

    statement = TEXT.say("pl.saturated", g=Num(0.00502), threshold=Num(0.005049, 3), name="f")
    first, second = statement.parts()
    assert (first.text("vi"), second.text("vi")) == ("Bắt đầu trong vùng phẳng (nơ-ron bão hòa):", "|f′| = 0,00502 ≤ 0,00505.")
    assert second.text("en") == "|f′| = 0.00502 ≤ 0.00505."
    assert speak(second, "vi") == "trị tuyệt đối của f phẩy bằng 0,00502, không quá 0,00505."
    assert statement.text("vi") == "Bắt đầu trong vùng phẳng (nơ-ron bão hòa): |f′| = 0,00502 ≤ 0,00505."  # the screen
    with pytest.raises(ValueError, match="different number of clauses"):
        Texts({"k": {"vi": "một, ‖ hai", "en": "one, two"}})


def test_a_word_is_never_broken_beside_its_brackets_and_a_relation_in_words_keeps_its_number():
    from lessons.subtitles import bind_unbreakable, break_allowed

    assert not break_allowed("bão", "hòa):")  # "(nơ-ron bão / hòa)" split the word "bão hòa"
    assert not break_allowed("(cực", "tiểu")
    assert break_allowed("cực,", "tiểu")  # a clause boundary, not the word
    assert not break_allowed("bằng", "0.") and not break_allowed("equals", "0,5")
    assert break_allowed("bằng", "cách")
    assert bind_unbreakable("(nơ-ron bão hòa): gần như bằng 0.") == "(nơ-ron bão\u00a0hòa): gần\u00a0như bằng\u00a00."
