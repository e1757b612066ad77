import pytest

from tests.helpers import assert_layout_ok

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def test_recap_uses_the_lessons_data_and_fits(built_scene, lesson_data):
    data = lesson_data("conclusion")
    assert data.run("plateau").outcome == "stalled" and data.run("from_right").outcome == "converged"
    _, problems = built_scene("conclusion")
    assert_layout_ok(problems)
