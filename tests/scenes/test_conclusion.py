from scenes.conclusion import ConclusionScene
from tests.scenes.conftest import assert_text_inside_frame


def test_recap_uses_the_lessons_data_and_fits(run_scene, lesson_data):
    data = lesson_data("conclusion")
    assert data.run("plateau").outcome == "stalled" and data.run("from_right").outcome == "converged"
    _, snapshots = run_scene(ConclusionScene, data)
    assert_text_inside_frame(snapshots)
