"""Section 3's runs: a plateau start is a round number that moves, never the flat critical point."""

from mathcore import DescentRequest, analyze
from sections.plateaus.demo import plateau_demo


def test_a_plateau_start_is_never_the_flat_critical_point_inside_it():
    analysis = analyze("(x+2)^2*(x-1)^3", -3.0, 2.0)
    demo = plateau_demo(analysis, steps=300)
    start = demo.stall.start
    assert start == 1.2 and start != 1.0  # 1 is the flat inflection: descent from it never moves
    again = analysis.run(DescentRequest(start=start, lr=demo.stall.lr, steps=300))
    assert again.xs[1] != again.xs[0]
