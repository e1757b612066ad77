"""No wrong answer with exit 0: a derivative the scan cannot resolve is refused; cusps do not fake plateaus."""

import pytest

from mathcore import analyze
from mathcore.errors import TooComplexError


@pytest.mark.parametrize("text, domain", [("sin(100000x)", (-1, 1)), ("sin(x^50)", (-3, 3))])
def test_a_derivative_faster_than_the_scan_is_refused_not_undercounted(text, domain):
    with pytest.raises(TooComplexError, match="changes sign faster than the analysis can follow"):
        analyze(text, *domain)


@pytest.mark.parametrize("text, domain, count", [
    ("sin(x)", (-100, 100), 64),
    ("sin(1/x)", (0.01, 1), 32),
    ("(x - 1)^2 (x - 1.0001)^2", (0, 2), 3),  # roots closer than a grid step are still resolved
    ("x^4 - 2x^2", (-2, 2), 3),
])
def test_resolved_oscillation_and_close_roots_are_still_analysed(text, domain, count):
    assert len(analyze(text, *domain).critical_points) == count


@pytest.mark.parametrize("text, domain", [("x^(1/3)", (-1, 1)), ("x^(4/5)", (-1, 1)), ("x^(2/3)", (-1, 1)),
                                          ("sqrt(x)", (0, 4)), ("x^(1/3)", (0, 1))])
def test_an_unbounded_derivative_does_not_make_every_stretch_a_plateau(text, domain):
    analysis = analyze(text, *domain)
    assert analysis.plateaus == ()
    assert "DiracDelta" not in str(analysis.function.derivative)


def test_a_cusp_beside_a_real_plateau_keeps_the_plateau():
    analysis = analyze("x^(2/3) exp(-x^2)", -4, 4)  # a cusp at 0, flat tails beyond ±2.6
    assert [(round(p.start, 2), round(p.end, 2)) for p in analysis.plateaus] == [(-4, -2.63), (2.63, 4)]


def test_smooth_functions_keep_the_plain_maximum_as_the_scale():
    analysis = analyze("(sigmoid(2x) - 0.9)^2", -7, 4)
    assert analysis.landscape.slope_threshold == pytest.approx(0.01 * analysis.landscape.slope_scale)
