"""The solution of f′(x) = 0 on screen: a set holds numbers, not relations; an interval where f′ ≡ 0 is an
interval, never "x ∈ ∅" beside a flat piece."""

from sections.critical_points.scene import solution_parts


def test_exact_points_make_a_set_and_a_flat_piece_joins_it_as_an_interval():
    assert solution_parts("f'(x) = 0", [("-1", False)], [("0", "2")], ";") == (
        "f'(x) = 0 quad arrow.l.r.double quad x in {", ["-1"], "} union (0; 2)")
    assert solution_parts("f'(x) = 0", [], [("0", "2")], ";") == (
        "f'(x) = 0 quad arrow.l.r.double quad x in ", ["(0; 2)"], "")


def test_a_rounded_point_is_written_with_its_relation_not_inside_a_set():
    head, items, tail = solution_parts("f'(x) = 0", [('-4","913', True), ("0", False)], [], ";")
    assert (head, items, tail) == ("f'(x) = 0 quad arrow.l.r.double quad ", ['x approx -4","913', "x = 0"], "")
