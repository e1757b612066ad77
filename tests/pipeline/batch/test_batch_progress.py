"""The batch's progress: a status line rewritten on a terminal, plain lines otherwise, time left at the pace so far."""

import io

from pipeline.batch.progress import BatchProgress, duration_text


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_plain_lines_count_lessons_sections_failures_and_time_left():
    out, clock = io.StringIO(), Clock()
    progress = BatchProgress(lessons=2, sections=10, renders=4, stream=out, clock=clock)
    progress.skipped(2)
    clock.now = 30.0
    progress.section("03_plateaus (x^2 and 1 more)", slots=2, ok=True, seconds=12.5)
    clock.now = 60.0
    progress.section("01_critical_points (x^2)", slots=1, ok=False, seconds=0.0, reason="worker died")
    progress.lesson("x^2", False, "01_critical_points: worker died")
    lines = out.getvalue().splitlines()
    assert lines[0] == "[lessons 0/2, sections 2/10, time left estimating] 2 sections up to date or in the store"
    # one render in 30 s, three to go: 90 s left; the shared section counts for both lessons
    assert lines[1] == ("[lessons 0/2, sections 4/10, time left 1 min 30 s] 03_plateaus (x^2 and 1 more): "
                        "rendered in 12.5 s, shared by 2 lessons")
    assert lines[2] == ("[lessons 0/2, sections 5/10, 1 failed, time left 1 min 00 s] 01_critical_points (x^2): "
                        "FAILED (worker died)")
    assert lines[3].startswith("[lessons 1/2, sections 5/10, 1 failed,") and "FAILED" in lines[3]
    assert "\r" not in out.getvalue()


def test_on_a_terminal_one_status_line_is_rewritten_and_failures_stay_above_it():
    out = io.StringIO()
    progress = BatchProgress(lessons=1, sections=2, renders=2, stream=out, terminal=True, clock=Clock())
    progress.section("01_critical_points (x^2)", 1, True, 3.0)
    progress.section("03_plateaus (x^2)", 1, False, 0.0, "boom")
    progress.finish()
    text = out.getvalue()
    assert text.count("\r\x1b[K") == 3
    assert "\r\x1b[K03_plateaus (x^2): FAILED (boom)\nlessons 0/1, sections 2/2, 1 failed" in text
    assert "rendered in 3.0 s" not in text  # a success only moves the status line
    assert text.endswith("lessons 0/1, sections 2/2, 1 failed, time left 0 s\n")


def test_durations_read_as_a_person_would_say_them():
    assert [duration_text(s) for s in (4.4, 59.6, 61, 3600 * 2 + 125)] == ["4 s", "1 min 00 s", "1 min 01 s",
                                                                        "2 h 02 min"]
