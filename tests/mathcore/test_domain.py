import math

import pytest

from mathcore import analyze
from mathcore.errors import DomainError, UndefinedError


@pytest.mark.parametrize("text, message", [
    ("log(x)", r"log\(x\) is undefined for x in \[-1, 0\], inside the domain \[-1, 1\]"),
    ("sqrt(x)", r"sqrt\(x\) is undefined for x in \[-1, 0\)"),
    ("sin(1/x)", r"sin\(1/x\) has no limit at x = 0, inside the domain \[-1, 1\] \(it oscillates without "
                 r"settling, or is not real on one side\); choose a domain that does not contain 0"),
    ("x/sqrt(x^2)", r"x/sqrt\(x\^2\) jumps at x = 0 \(from -1 to 1\), inside the domain \[-1, 1\]: it has neither a "
                    r"value nor a limit there; choose a domain that does not contain 0"),
])
def test_undefined_inside_the_domain_says_where(text, message):
    with pytest.raises(UndefinedError, match=message):
        analyze(text, -1, 1)


def test_a_pole_at_an_end_of_the_domain_is_refused():
    with pytest.raises(UndefinedError, match=r"1/x is undefined at x = 0, inside the domain \[0, 1\]"):
        analyze("1/x", 0, 1)


def test_too_many_poles_to_show_are_refused():
    with pytest.raises(UndefinedError, match=r"tan\(x\) is undefined wherever the sine or cosine in a denominator .* "
                                             r"up to 65 times inside the domain \[-100, 100\], too many to show "
                                             r"\(at most 8\); narrow the domain"):
        analyze("tan(x)", -100, 100)
    assert len(analyze("1/(x^3 - 3x)", -2, 2).function.poles) == 3  # a few poles are fine


@pytest.mark.parametrize("text, domain, expected", [
    ("x + 1/x", (-3, 3), [(0.0, "pole", -math.inf, math.inf)]),
    ("(x^2 - 2x + 2)/(x - 1)", (-2, 4), [(1.0, "pole", -math.inf, math.inf)]),
    ("1/(1 - x^2)", (-3, 3), [(-1.0, "pole", -math.inf, math.inf), (1.0, "pole", math.inf, -math.inf)]),
    ("1/x^2", (-1, 2), [(0.0, "pole", math.inf, math.inf)]),
    ("sin(x)/x", (-10, 10), [(0.0, "hole", 1.0, 1.0)]),
    ("tan(x)", (-2, 2), [(-math.pi / 2, "pole", math.inf, -math.inf), (math.pi / 2, "pole", math.inf, -math.inf)]),
])
def test_poles_and_holes_are_found_with_their_one_sided_limits(text, domain, expected):
    # hand-derived: x + 1/x → −∞ left of 0, +∞ right; 1/(1 − x²) → −∞ left of −1 (1 − x² < 0), +∞ right of it
    found = analyze(text, *domain).function.excluded
    assert [(e.kind, e.left, e.right) for e in found] == [(k, left, right) for _, k, left, right in expected]
    assert [e.x for e in found] == pytest.approx([x for x, *_ in expected])


def test_overflow_is_reported_as_such():
    with pytest.raises(UndefinedError, match="overflow"):
        analyze("exp(exp(exp(x)))", -1, 2)


@pytest.mark.parametrize("a, b", [(2, 1), (1, 1), (0, float("nan")), (float("-inf"), 0), (0, 1e9)])
def test_unusable_domains(a, b):
    with pytest.raises(DomainError):
        analyze("x^2", a, b)


def test_a_hole_is_no_point_of_the_domain():
    result = analyze("sin(x)/x", -1, 1)
    assert math.isnan(result.function.value(0.0))  # f(0) does not exist, whatever its limit
    assert result.function.holes == (0.0,) and result.function.poles == ()
    assert result.critical_points == ()  # sin(x)/x would have its maximum there


def test_log_on_a_positive_domain_is_fine():
    (p,) = analyze("x - log(x)", 0.1, 3).critical_points
    assert (p.exact, p.kind) == ("1", "min")
