import av
import numpy as np
import pytest

from pipeline.render.media import frame_at, last_frame, probe, top_level_atoms


@pytest.mark.slow
def test_seeking_frame_at_returns_the_frame_a_full_decode_shows(rendered):
    video = rendered / "04_gradient_descent.mp4"
    with av.open(str(video)) as container:
        frames = [(f.time, f.to_ndarray(format="rgb24")) for f in container.decode(video=0)]
    for seconds in (0.0, 3.05, probe(video).duration / 2, 1e9):
        expected = [pixels for time, pixels in frames if time <= seconds + 1e-9][-1]
        assert np.array_equal(frame_at(video, seconds), expected)
    assert np.array_equal(last_frame(video), frames[-1][1])


@pytest.mark.slow
def test_published_mp4_has_moov_before_mdat(rendered):
    atoms = top_level_atoms(rendered / "01_critical_points.mp4")
    assert atoms.index("moov") < atoms.index("mdat")
