"""Section 4's runs: round starts that still reach the minimum."""

import pytest

from mathcore import analyze
from sections.gradient_descent.demo import descent_pair


def test_the_corpus_cosine_starts_are_round_and_still_reach_the_minimum():
    analysis = analyze("cos(x)", -6.0, 6.0)
    pair = descent_pair(analysis, steps=60)
    assert (pair.from_left.start, pair.from_right.start) == (-4.5, -1.5)
    for run in (pair.from_left, pair.from_right):
        assert run.outcome == "converged" and run.final_x == pytest.approx(-3.14159265, abs=1e-3)
