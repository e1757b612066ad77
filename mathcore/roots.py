"""Roots of f' on [a, b]: exact where the bounded solver answers (mathcore.solve), numeric always, then merged.

The numeric scan does not miss roots of even multiplicity: f' = 3x² touches zero without changing sign,
but there f'' changes sign, so every local extremum of f' is bracketed through f'' and kept when f' is
(numerically) zero there. Intervals where f' is identically zero are returned as flat segments, not as
infinitely many roots.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .errors import TooComplexError
from .function import Function
from .precise import precise
from .solve import solve_on

ROOT_TOLERANCE = 1e-7  # |f'(r)| relative to max |f'| on the domain
MERGE_TOLERANCE = 1e-7  # roots closer than this fraction of the domain width are the same root
REFINE = 4  # the resolution check samples f' on a grid this many times finer than the scan's
SIGNIFICANT = 1e-3  # a sign of f' counts in that check where |f'| exceeds this fraction of max |f'|


@dataclass(frozen=True)
class Root:
    x: float
    exact: sp.Expr | None  # None when only a float is known


def slope_scale(fn: Function) -> float:
    """max |f'| over the grid, away from poles (where it is unbounded): the yardstick for "tiny" derivatives
    (1.0 when f' vanishes everywhere)."""
    values = np.abs(fn.df(fn.away_from_poles(fn.grid())))
    finite = values[np.isfinite(values)]
    scale = float(finite.max()) if finite.size else 0.0
    return scale if scale > 0 else 1.0


def bisect(func, lo: float, hi: float, flo: float | None = None) -> float:
    """Bisection to float resolution on a bracket with a sign change (NaNs nudged around)."""
    flo = func(lo) if flo is None else flo
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        fmid = func(mid)
        if math.isnan(fmid):
            fmid = func(mid + (hi - lo) * 1e-3)
        if fmid == 0:
            return mid
        if (fmid < 0) == (flo < 0):
            lo, flo = mid, fmid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _exactly_flat(fn: Function, x: float) -> bool:
    return precise(fn.derivative, x) == 0


def flat_segments(fn: Function, scale: float) -> tuple[tuple[float, float], ...]:
    """Maximal intervals (at least 3 grid steps wide) on which f' is identically zero.

    The grid proposes runs where float64 reads |f'| as ~0; a high-precision evaluation confirms them, so
    the far tail of exp(-x²), where f' is 1e-15 but not 0, is not mistaken for a flat segment.
    """
    xs = fn.grid()
    flat = np.abs(fn.df(xs)) <= 1e-13 * scale
    segments = []
    for start, stop in true_runs(flat):
        if stop - start < 3:
            continue
        probes = (xs[start], xs[(start + stop - 1) // 2], xs[stop - 1])
        if not all(_exactly_flat(fn, float(p)) for p in probes):
            continue
        lo = _edge(fn, xs[start - 1], xs[start]) if start > 0 else xs[0]
        hi = _edge(fn, xs[stop], xs[stop - 1]) if stop <= len(xs) - 1 else xs[-1]
        segments.append((float(lo), float(hi)))
    return tuple(segments)


def _edge(fn: Function, outside: float, inside: float) -> float:
    """Where f' stops being identically zero, between a non-flat and a flat grid point."""
    for _ in range(60):
        mid = 0.5 * (outside + inside)
        if mid in (outside, inside):
            break
        if _exactly_flat(fn, mid):
            inside = mid
        else:
            outside = mid
    return inside


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) index pairs of the True runs in a boolean array."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def numeric_roots(fn: Function, scale: float, flats: tuple[tuple[float, float], ...]) -> list[float]:
    a, b = fn.domain
    xs = fn.grid()
    g = fn.df(xs)
    g2 = fn.d2f(xs)
    tolerance = ROOT_TOLERANCE * scale
    crossing: list[float] = []  # f' changes sign: odd multiplicity, located by bisection on f'
    touching: list[float] = []  # f'' changes sign where f' ≈ 0: even multiplicity, bisection on f''

    def keep(r: float) -> bool:
        inside_flat = any(lo - 1e-12 <= r <= hi + 1e-12 for lo, hi in flats)
        return a < r < b and not inside_flat and abs(fn.slope(r)) <= tolerance and _confirmed(fn, r, scale)

    crossing += [float(xs[i]) for i in np.flatnonzero(g == 0)]
    crossing += [bisect(fn.slope, float(xs[i]), float(xs[i + 1]), float(g[i])) for i in sign_changes(g)]
    curvature = lambda x: float(fn.d2f(np.array([x]))[0])  # noqa: E731
    touching += [bisect(curvature, float(xs[i]), float(xs[i + 1]), float(g2[i])) for i in sign_changes(g2)]
    found = sorted([(r, 0) for r in crossing if keep(r)] + [(r, 1) for r in touching if keep(r)])
    return [_representative(fn, cluster) for cluster in _clusters(fn, found, tolerance)]


def _confirmed(fn: Function, r: float, scale: float) -> bool:
    """A root the float scan saw, confirmed at 40 digits: f' is 0 there, changes sign across it, or comes
    within 1e-25 of the slope scale of 0 next to it (a double root). Far out on tanh(x²), 1 − tanh²(x²) is
    0 in floats although f' ≈ 10⁻¹⁵ there: no root."""
    value = precise(fn.derivative, r)
    if value == 0:
        return True
    step = 1e-9 * fn.width
    left, right = precise(fn.derivative, r - step), precise(fn.derivative, r + step)
    if math.isfinite(left) and math.isfinite(right) and left * right < 0:
        return True
    ratio = (math.sqrt(5) - 1) / 2
    lo, hi = r - 1e3 * step, r + 1e3 * step
    for _ in range(60):
        x1, x2 = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if abs(precise(fn.derivative, x1)) <= abs(precise(fn.derivative, x2)):
            hi = x2
        else:
            lo = x1
    return abs(precise(fn.derivative, 0.5 * (lo + hi))) <= 1e-25 * scale


def _clusters(fn: Function, found: list[tuple[float, int]], tolerance: float) -> list[list[tuple[float, int]]]:
    """Group roots between which |f'| never rises above the tolerance: one multiple root, seen several
    times because rounding makes f' and f'' noisy next to it."""
    clusters: list[list[tuple[float, int]]] = []
    for root in found:
        if clusters:
            previous = clusters[-1][-1][0]
            between = np.linspace(previous, root[0], 9)
            if root[0] - previous <= MERGE_TOLERANCE * fn.width or \
                    np.all(np.abs(fn.df(between)) <= tolerance):
                clusters[-1].append(root)
                continue
        clusters.append([root])
    return clusters


def _representative(fn: Function, cluster: list[tuple[float, int]]) -> float:
    """A sign-change root when there is one (bisection pins it), else the smallest |f'| in the cluster."""
    best = min(cluster, key=lambda r: (r[1], abs(fn.slope(r[0]))))
    return best[0]


def sign_changes(values: np.ndarray) -> np.ndarray:
    """Indices i where values[i] and values[i + 1] are finite and of opposite signs."""
    finite = np.isfinite(values[:-1]) & np.isfinite(values[1:])
    with np.errstate(invalid="ignore"):
        return np.flatnonzero(finite & (values[:-1] * values[1:] < 0))


def exact_roots(fn: Function) -> list[sp.Expr]:
    """Exact real roots of f' strictly inside (a, b) that the bounded solver finds (maybe not all of them)."""
    solution = solve_on(fn.derivative, *fn.domain)
    return [] if solution is None else list(solution.roots)


def significant_sign_changes(values: np.ndarray, scale: float) -> int:
    """How often f' changes sign, reading only values clearly away from 0 (rounding noise next to a root of
    even multiplicity, or two roots closer than a grid step, do not count)."""
    with np.errstate(invalid="ignore"):
        clear = values[np.isfinite(values) & (np.abs(values) > SIGNIFICANT * scale)]
    signs = np.sign(clear)
    return int(np.count_nonzero(signs[1:] != signs[:-1]))


def check_resolved(fn: Function, scale: float) -> None:
    """Refuse a function whose f' changes sign faster than the scan's grid can follow (sin(100000x) on
    [-1, 1] has about 63 662 critical points; a 4001-point scan would see a few hundred, and read their
    kinds from aliased samples). Two other grids must see no sign change the scan's grid misses: one
    REFINE times finer (it contains the scan's points, so it can only see more), and one whose step is
    the scan's divided by π (an oscillation that aliases the same way on commensurate grids does not on
    it; a margin absorbs wiggles at the edge of significance). For a resolved f' all three agree."""
    steps = len(fn.grid()) - 1
    coarse = significant_sign_changes(fn.df(fn.grid()), scale)
    finer = significant_sign_changes(fn.df(fn.grid(REFINE * steps + 1)), scale)
    skew = significant_sign_changes(fn.df(fn.grid(int(math.pi * steps) + 1)), scale)
    if finer > coarse or skew > coarse + max(2, coarse // 10):
        a, b = fn.domain
        raise TooComplexError(f"f' changes sign faster than the analysis can follow on [{a:g}, {b:g}] (at least "
                              f"{max(finer, skew, coarse)} sign changes, more than a {steps + 1}-point scan "
                              "resolves); narrow the domain")


def derivative_roots(fn: Function) -> tuple[list[Root], tuple[tuple[float, float], ...]]:
    """All roots of f' inside (a, b) outside flat segments, exact forms attached where sympy found them.

    The exact roots the solver finds are taken whole (each checked at 40 digits): they can separate two
    high-multiplicity roots that are numerically one flat stretch. The numeric scan runs
    anyway as the second method, and a numeric root no exact root accounts for is added (sympy missed it).
    """
    scale = slope_scale(fn)
    check_resolved(fn, scale)
    flats = flat_segments(fn, scale)
    numeric = numeric_roots(fn, scale, flats)
    tolerance = ROOT_TOLERANCE * scale
    exact = [r for r in exact_roots(fn)
             if not any(lo <= float(r) <= hi for lo, hi in flats)
             and abs(precise(fn.derivative, r)) <= tolerance]
    roots = [Root(x=float(sp.N(r, 30)), exact=r) for r in exact]

    def accounted(x: float) -> bool:
        for root in roots:
            if abs(root.x - x) <= MERGE_TOLERANCE * fn.width:
                return True
            between = np.linspace(root.x, x, 9)
            if abs(root.x - x) <= 1e-2 * fn.width and np.all(np.abs(fn.df(between)) <= tolerance):
                return True
        return False

    roots += [Root(x=x, exact=None) for x in numeric if not accounted(x)]
    roots.sort(key=lambda r: r.x)
    return roots, flats
