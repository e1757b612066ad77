import pytest

from mathcore import analyze
from mathcore.errors import DomainError, UndefinedError


@pytest.mark.parametrize("text, message", [
    ("log(x)", r"log\(x\) is undefined for x in \[-1, 0\], inside the domain \[-1, 1\]"),
    ("sqrt(x)", r"sqrt\(x\) is undefined for x in \[-1, 0\)"),
    ("1/x", r"1/x is undefined at x = 0, inside"),
    ("tan(x)", r"undefined at x = -pi/2, pi/2"),
])
def test_undefined_inside_the_domain_says_where(text, message):
    with pytest.raises(UndefinedError, match=message):
        analyze(text, -1 if text != "tan(x)" else -2, 1 if text != "tan(x)" else 2)


def test_overflow_is_reported_as_such():
    with pytest.raises(UndefinedError, match="overflow"):
        analyze("exp(exp(exp(x)))", -1, 2)


@pytest.mark.parametrize("a, b", [(2, 1), (1, 1), (0, float("nan")), (float("-inf"), 0), (0, 1e9)])
def test_unusable_domains(a, b):
    with pytest.raises(DomainError):
        analyze("x^2", a, b)


def test_removable_singularity_is_filled_with_its_limit():
    result = analyze("sin(x)/x", -1, 1)
    assert result.function.value(0.0) == 1.0
    assert result.function.removable == (0.0,)


def test_log_on_a_positive_domain_is_fine():
    (p,) = analyze("x - log(x)", 0.1, 3).critical_points
    assert (p.exact, p.kind) == ("1", "min")
