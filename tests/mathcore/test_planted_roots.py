"""Property: polynomials built from planted roots of f' — every root found, kind by the sign test.

The expected kind is derived independently of the code: right of root r_i, f' has the sign of
c·∏_{j≠i} sign(r_i − r_j)^{m_j}; left of it that sign times (−1)^{m_i}.
"""

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathcore import analyze
from mathcore.parse import X
from tests.helpers import examples


def expected_kind(roots, multiplicities, leading, i):
    right = 1 if leading > 0 else -1
    for j, (r, m) in enumerate(zip(roots, multiplicities)):
        if j != i and (roots[i] - r < 0) and m % 2 == 1:
            right = -right
    left = right * (-1) ** multiplicities[i]
    return {(-1, 1): "min", (1, -1): "max"}.get((left, right), "neither")


planted = st.lists(st.integers(-10, 10), min_size=1, max_size=4, unique=True).flatmap(
    lambda quarters: st.tuples(st.just(sorted(quarters)),
                               st.lists(st.integers(1, 4), min_size=len(quarters), max_size=len(quarters)),
                               st.sampled_from([-3, -2, -1, 1, 2, 3]))).filter(
    lambda case: sum(case[1]) <= 8)  # keeps the typed polynomial within the parser's length limit


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planted)
def test_every_planted_root_is_found_and_classified(case):
    quarters, multiplicities, leading = case
    roots = [sp.Rational(q, 4) for q in quarters]
    derivative = leading * sp.prod([(X - r) ** m for r, m in zip(roots, multiplicities)])
    f = sp.integrate(sp.expand(derivative), X)
    result = analyze(str(f), -3, 3)
    found = result.critical_points
    assert [p.x for p in found] == pytest.approx([float(r) for r in roots], abs=1e-9)
    for i, point in enumerate(found):
        assert point.kind == expected_kind(roots, multiplicities, leading, i)
        assert point.exact == str(roots[i])
