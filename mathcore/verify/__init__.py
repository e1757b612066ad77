"""Every claim checked by a second method, independent of the analysis that made it (mathcore.claims).

The analysis works with sympy's f′ and f″, a float64 scan, bisection and the descent module. The checks here
use f alone, parsed again and evaluated with mpmath at 40 digits: slopes are difference quotients of f, a
point's kind comes from the values of f on both sides at several scales, an extreme from a dense sample
refined by golden-section search, a run is run again with its own stepping and 20 times longer, and a
count is recomputed from the iterates with a tolerance band around the threshold. `check(claim)` returns
None when the claim holds, else one line saying what the second method found.
"""

from __future__ import annotations

import mpmath

from .. import claims as c
from .model import DPS
from .points import (
    check_critical_set,
    check_extreme,
    check_in_domain,
    check_kind,
    check_no_extremum,
    check_plateau,
    check_sign,
    check_slope_at,
    check_tangent,
    check_unbounded,
    check_undefined,
    check_value,
)
from .runs import check_run
from .solving import check_bracketed, check_solving
from .surface import CHECKS as SURFACE_CHECKS

CHECKS = {c.CriticalSet: check_critical_set, c.Tangent: check_tangent, c.PointKind: check_kind,
          c.InDomain: check_in_domain, c.Undefined: check_undefined, c.ValueAt: check_value, c.Extreme: check_extreme,
          c.Unbounded: check_unbounded,
          c.NoExtremum: check_no_extremum, c.SignOn: check_sign, c.Plateau: check_plateau,
          c.SlopeAt: check_slope_at, c.Run: check_run, c.Solving: check_solving,
          c.Bracketed: check_bracketed, **SURFACE_CHECKS}


def check(claim: c.Claim) -> str | None:
    """None when the claim holds by the second method, else what that method found (one line). All of it
    at 40 digits: mpmath rounds every operation to the working precision, comparisons included."""
    with mpmath.workdps(DPS):
        return CHECKS[type(claim)](claim)
