"""Caption files (pipeline.pages.captions) read by a strict WebVTT parser (npm webvtt-parser): every sign of a cue
survives ("f′ < 0", "&", "x > 2"), the manifest's cues stay plain text, and the whole-lesson tracks keep the
sections' cues at their place in the lesson."""

from __future__ import annotations

import pytest

from lessons.cues import Cue
from lessons.subtitles import break_lines
from pipeline.pages.captions import Timed, escape, timed_cues, to_vtt, vtt
from tests.helpers import check_vtt

SIGNS = [Cue(0.0, 2.5, (("vi", "f′ < 0: bước đi sang phải (x tăng)"), ("en", "f′ < 0: the step goes right (x increases)")),
             id="rule"),
         Cue(2.6, 5.0, (("vi", "Cực tiểu & cực đại: f(x) > 0 khi x > 2"), ("en", "Minima & maxima: f(x) > 0 for x > 2")),
             id="both"),
         Cue(5.1, 9.0, (("vi", "a <b> c &amp; d &lt;"), ("en", "<v Bob>not a voice</v> &#x3C;")), id="tags")]


def test_cue_text_is_escaped_and_reads_back_as_written(tmp_path):
    files = []
    for language in ("vi", "en"):
        path = tmp_path / f"signs.{language}.vtt"
        path.write_text(to_vtt(SIGNS, language, 9.0), encoding="utf-8")
        files.append((language, path))
    read = check_vtt(path for _, path in files)
    for language, path in files:
        assert [c["text"] for c in read[str(path)]] == ["\n".join(break_lines(c.text(language), language))
                                                        for c in SIGNS]
        assert [(c["start"], c["end"]) for c in read[str(path)]] == [(0.0, 2.5), (2.6, 5.0), (5.1, 9.0)]
    assert "f′ &lt; 0: the step goes right" in files[1][1].read_text(encoding="utf-8")
    assert escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"


def test_unescaped_text_is_what_the_strict_parser_and_chromium_cut(tmp_path):
    """The old files, written as the text was: the parser reports the '<' and the reader loses the rest."""
    path = tmp_path / "old.vtt"
    path.write_text("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.500\nf′ < 0: the step goes right\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="old.vtt"):
        check_vtt([path])


def test_a_section_moved_into_the_lesson_keeps_its_times_and_clips(tmp_path):
    moved = timed_cues(SIGNS, "en", 8.0, offset=30.0)
    assert [(c.start, c.end) for c in moved] == [(30.0, 32.5), (32.6, 35.0), (35.1, 38.0)]  # clipped at 8 s
    path = tmp_path / "lesson.en.vtt"
    path.write_text(vtt([Timed(0.0, 30.0, ("1. Critical points",)), *moved]), encoding="utf-8")
    read = check_vtt([path])[str(path)]
    assert [c["id"] for c in read] == ["1", "2", "3", "4"]
    assert read[1]["text"].startswith("f′ < 0")
