"""A function constant at a minimum or maximum level on an interval: a flat minimum (đáy phẳng) or flat
maximum, reported as an interval of its own — not a plateau, and not infinitely many critical points."""

import json

import pytest

from mathcore import analyze


def test_relu_sum_is_flat_at_its_lowest_level_on_zero_to_two():
    a = analyze("relu(x-2) + relu(-x)", -2, 4)
    assert [(e.start, e.end, e.kind, e.y) for e in a.flat_extrema] == [(0.0, 2.0, "min", 0.0)]
    assert a.plateaus == ()
    assert [(p.x, p.kind, p.differentiable) for p in a.critical_points] == [(0.0, "min", False), (2.0, "min", False)]
    assert [(s.start, s.end, s.sign) for s in a.sign_chart] == [(-2, 0, "-"), (0, 2, "0"), (2, 4, "+")]
    assert a.landscape.flat_minima == ((0.0, 2.0),) and a.landscape.kinked_minima == ()


def test_its_derivative_is_written_piece_by_piece_not_with_heaviside():
    a = analyze("relu(x-2) + relu(-x)", -2, 4)
    assert [(p.start, p.end, str(p.expr)) for p in a.derivative_pieces] == [(-2, 0, "-1"), (0, 2, "0"), (2, 4, "1")]
    pieces = analyze("relu(x^2-1)", -2, 2).derivative_pieces  # (x² − 1)′ = 2x outside [−1, 1]
    assert [(p.start, p.end, str(p.expr)) for p in pieces] == [(-2, -1, "2*x"), (-1, 1, "0"), (1, 2, "2*x")]
    assert analyze("abs(x)", -1, 1).derivative_pieces == ()  # sign(x) is what a teacher writes


@pytest.mark.parametrize("text, domain, expected", [
    ("-relu(x-2) - relu(-x)", (-2, 4), [(0.0, 2.0, "max")]),  # rises, flat, falls
    ("relu(x)", (-2, 2), [(-2.0, 0.0, "min")]),  # flat from the domain's left end, rising after
    ("relu(-x) - relu(x-2)", (-2, 4), []),  # falls, flat, falls: a shelf, still a plateau
])
def test_flat_extrema_by_the_signs_outside_them(text, domain, expected):
    a = analyze(text, *domain)
    assert [(e.start, e.end, e.kind) for e in a.flat_extrema] == expected
    assert bool(a.plateaus) == (not expected)


def test_analyze_json_documents_the_flat_minimum():
    data = json.loads(json.dumps(analyze("relu(x-2) + relu(-x)", -2, 4).to_json()))
    assert data["flat_extrema"] == [{"start": 0.0, "end": 2.0, "kind": "min", "y": 0.0}]
    assert data["plateaus"] == [] and [s["sign"] for s in data["sign_chart"]] == ["-", "0", "+"]
