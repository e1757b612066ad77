"""scenes.fades: a fade that moves nothing keeps every point bit for bit (so the lesson camera's cached
paths stay valid) and gives the colours manim's fade gives, frame by frame; a moving fade is manim's."""

from __future__ import annotations

import numpy as np
import pytest
from manim import RIGHT, Circle, Group, Square, ValueTracker
from manim import FadeIn as ManimFadeIn
from manim import FadeOut as ManimFadeOut

from scenes.fades import FadeIn, FadeOut


def shapes() -> Group:
    return Group(Circle(radius=1.3, fill_opacity=0.4, stroke_width=3).shift(0.37 * RIGHT),
                  Square(side_length=0.7, fill_opacity=0.9).rotate(0.3), ValueTracker(2.5))


def colours(group: Group) -> np.ndarray:
    return np.concatenate([np.concatenate([m.get_fill_rgbas(), m.get_stroke_rgbas()], axis=1)
                           for m in group.family_members_with_points() if not isinstance(m, ValueTracker)])


@pytest.mark.parametrize("ours, manims", [(FadeIn, ManimFadeIn), (FadeOut, ManimFadeOut)])
def test_a_still_fade_keeps_the_points_and_gives_manims_colours(ours, manims):
    group, reference = shapes(), shapes()
    points = [m.points.copy() for m in group.family_members_with_points()]
    fade, stock = ours(group), manims(reference)
    fade.begin()
    stock.begin()
    moved = False
    for alpha in np.linspace(0, 1, 17):
        fade.interpolate(alpha)
        stock.interpolate(alpha)
        assert all(np.array_equal(m.points, p) for m, p in zip(group.family_members_with_points(), points))
        moved |= not all(np.array_equal(m.points, p) for m, p in zip(reference.family_members_with_points(),
                                                                   points))
        np.testing.assert_allclose(colours(group), colours(reference), atol=1e-12)
    assert moved  # manim's own fade does perturb them: what the camera's path cache could not reuse
    assert group[2].get_value() == 2.5


def test_fade_in_goes_from_transparent_to_the_objects_opacities():
    group = shapes()
    fade = FadeIn(group)
    fade.begin()
    fade.interpolate(0)
    assert not colours(group)[:, [3, 7]].any()
    fade.interpolate(0.5)
    assert colours(group)[0, 3] == pytest.approx(0.2)
    fade.finish()
    assert colours(group)[0, 3] == pytest.approx(0.4) and colours(group)[-1, 3] == pytest.approx(0.9)


def test_a_moving_fade_is_manims():
    group, reference = shapes(), shapes()
    fade, stock = FadeIn(group, shift=RIGHT), ManimFadeIn(reference, shift=RIGHT)
    fade.begin()
    stock.begin()
    fade.interpolate(0.25)
    stock.interpolate(0.25)
    assert np.array_equal(group[0].points, reference[0].points)
    assert group[0].get_center()[0] < 0.37 - 0.5  # still on its way in from the left
