"""Descent trajectories: gradient descent and its torch.optim cousins on a 1-D function.

Update rules follow torch.optim exactly, so a trajectory can be checked against it:
- gd:        x ← x − lr·g                                   (SGD)
- momentum:  b ← g (first step), then b ← μ·b + g;  x ← x − lr·b         (SGD momentum, dampening 0)
- nesterov:  b as above;  x ← x − lr·(g + μ·b)                          (SGD nesterov=True)
- adam:      m ← m + (1−β1)(g − m);  v ← β2·v + (1−β2)·g²;
             x ← x − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)         (Adam, β=(0.9, 0.999), ε=1e-8)

Outcomes (the README's `analyze` contract): `converged` ends at a local minimum (inside the flat stretch
around one, or, at a kinked minimum such as |x − 1| + 0.5x or x^(4/5) where |f'| never gets small,
settled within one step of it: the last KINK_WINDOW iterates all lie within the largest step among them
of the kink, and that step is at most KINK_BAND of the domain width; bouncing around a kink more widely
than that is `oscillating`); `stalled` ends where the gradient vanished with no minimum around (a
plateau, an x³-type point); `oscillating` is a 2-cycle that does not shrink (an exact one, or, at the end
of the steps, one that still swings at least half as widely when run on 20 times as long; one that slowly
settles is `max_steps`); `diverged` overflows or leaves [a − 10w, b + 10w]; `max_steps` is still on its
way when the steps run out.

`nit` (like scipy's OptimizeResult.nit) is the step count a caption reports, decided per outcome:
- converged: the first step k from which every iterate meets the outcome's criterion — in the flat
  stretch (|f'| ≤ the slope threshold) around a minimum or inside a flat minimum, or, by the kink rule,
  within the final window's largest step of the kink — at least 1 (a run takes at least one step, and one
  that starts at the bottom is there after it); so x² with η = 0.5 converges in 1 step from any start
  (x₁ = 0), not in the 4 steps the run took to be sure it stays;
- oscillating: by the kink rule as above; otherwise the first step k from which every step reverses the one
  before (the iterates jump back and forth from step k on);
- diverged: the step whose iterate left [a − 10w, b + 10w] (or overflowed, or landed where f' is undefined):
  that iterate is not in `xs`, so nit = len(xs); `exit_x` holds it when it is a finite number;
- pole: likewise, the step that would cross (or land on) the pole: not in `xs`, nit = len(xs), in `exit_x`;
- stalled and max_steps: the steps run (len(xs) − 1): the run is still stuck, or still on its way, after them.
"""

from __future__ import annotations

import copy
import itertools
import math
from dataclasses import dataclass

import numpy as np

from .errors import ParameterError
from .function import Function, fmt

OPTIMIZERS = ("gd", "momentum", "nesterov", "adam")
ADAM_BETAS = (0.9, 0.999)
ADAM_EPS = 1e-8
MAX_STEPS = 100_000
ESCAPE_WIDTHS = 10.0
STATIONARY = 1e-12  # a step this small (relative to the domain width) moves nothing
CYCLE = 1e-9  # x_k and x_{k-2} this close (relative) close a 2-cycle
KINK_WINDOW = 10  # iterates that must stay within one step of a kinked minimum
KINK_BAND = 0.02  # ... and that step at most this fraction of the domain width
CONFIRM = 20  # an outcome at the end of a run is confirmed by running on this many times as long
CONFIRM_SWING = 100  # ... an oscillation this many times: a swing that slowly dies has visibly shrunk by then
MAX_CONFIRM = 30_000
ADAM_STABLE = 2 * (1 + ADAM_BETAS[0]) / (1 - ADAM_BETAS[0])  # 38: Adam's rest at a minimum holds while η_t·f″ is below


@dataclass(frozen=True)
class Landscape:
    """What the outcome test needs to know about f: its minima and where |f'| counts as vanished."""

    minima: tuple[float, ...]
    slope_threshold: float
    slope_scale: float  # max |f'| on the domain
    kinked_minima: tuple[float, ...] = ()  # minima where f' does not exist (not the ends of a flat minimum)
    flat_minima: tuple[tuple[float, float], ...] = ()  # intervals where f is constant at a minimum level
    basins: tuple[tuple[float, float], ...] = ()  # the flat stretches (|f'| ≤ threshold, edges by bisection)
    #                                              around a minimum or a flat minimum: where a run has arrived
    end_minima: tuple[float, ...] = ()  # domain ends where f' = 0 and f rises into the domain

    def reached(self, x: float, width: float) -> bool:
        """x is at a minimum: at one (within 1e-6 of the width), inside a flat minimum, or inside the flat
        stretch around one. Read from intervals, not a grid, so a run and its mirror image agree."""
        tolerance = 1e-6 * width
        return any(abs(x - m) <= tolerance for m in self.minima + self.end_minima) or \
            any(lo - tolerance <= x <= hi + tolerance for lo, hi in self.flat_minima) or \
            any(lo <= x <= hi for lo, hi in self.basins)


@dataclass(frozen=True)
class Trajectory:
    optimizer: str
    start: float
    lr: float
    momentum: float
    steps: int  # requested
    outcome: str
    xs: tuple[float, ...]  # start, then the iterate after each step
    ys: tuple[float, ...]  # f at each x
    slopes: tuple[float, ...]  # f' at each x
    reason: str  # one sentence: why this outcome
    nit: int = 0  # the steps the caption reports (see the module docstring): not the budget `steps`
    exit_x: float | None = None  # diverged: the finite iterate that left (it is not in xs)

    @property
    def final_x(self) -> float:
        return self.xs[-1]

    def to_json(self) -> dict:
        """The contract's `descent` object, with the derived `final_x` (see Analysis.to_json for why by hand)."""
        return {"optimizer": self.optimizer, "start": self.start, "lr": self.lr, "momentum": self.momentum,
                "steps": self.steps, "outcome": self.outcome, "reason": self.reason, "xs": list(self.xs),
                "ys": list(self.ys), "slopes": list(self.slopes), "final_x": self.final_x, "nit": self.nit,
                "exit_x": self.exit_x}


def check_optimizer(optimizer: str, lr: float, steps: int, momentum: float) -> None:
    """The optimizer's settings, the same for a run on a curve or on a surface."""
    if optimizer not in OPTIMIZERS:
        raise ParameterError(f"unknown optimizer '{optimizer}': choose one of {', '.join(OPTIMIZERS)}")
    if not (math.isfinite(lr) and 0 < lr <= 1e3):
        raise ParameterError(f"the learning rate {lr} must be a number in (0, 1000]")
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= MAX_STEPS:
        raise ParameterError(f"the number of steps {steps} must be a whole number from 1 to {MAX_STEPS}")
    if not (math.isfinite(momentum) and 0 <= momentum < 1):
        raise ParameterError(f"the momentum {momentum} must be in [0, 1)")


def check_parameters(fn: Function, start: float, optimizer: str, lr: float, steps: int, momentum: float) -> None:
    a, b = fn.domain
    if optimizer not in OPTIMIZERS:
        raise ParameterError(f"unknown optimizer '{optimizer}': choose one of {', '.join(OPTIMIZERS)}")
    if not (isinstance(start, (int, float)) and math.isfinite(start) and a <= start <= b):
        raise ParameterError(f"the start point {start} must lie inside the domain [{fmt(a)}, {fmt(b)}]")
    gap = next((e for e in fn.excluded if e.x == start), None)
    if gap is not None:
        raise ParameterError(f"f is undefined at the start point {fmt(start)} (a {gap.kind}): start beside it")
    check_optimizer(optimizer, lr, steps, momentum)


class _Optimizer:
    """One parameter's optimizer state, stepped exactly as torch.optim does."""

    def __init__(self, kind: str, lr: float, momentum: float) -> None:
        self.kind, self.lr, self.mu = kind, lr, momentum
        self.buf: float | None = None
        self.m = self.v = 0.0
        self.t = 0

    def step(self, x: float, g: float) -> float:
        if self.kind == "gd":
            return x - self.lr * g
        if self.kind in ("momentum", "nesterov"):
            self.buf = g if self.buf is None else self.mu * self.buf + g
            direction = g + self.mu * self.buf if self.kind == "nesterov" else self.buf
            return x - self.lr * direction
        beta1, beta2 = ADAM_BETAS
        self.t += 1
        self.m = self.m + (1 - beta1) * (g - self.m)
        self.v = self.v * beta2 + (1 - beta2) * g * g
        step_size = self.lr / (1 - beta1 ** self.t)
        denom = math.sqrt(self.v) / math.sqrt(1 - beta2 ** self.t) + ADAM_EPS
        return x - step_size * (self.m / denom)


def _first_from(count: int, holds) -> int:
    """The first index k in [0, count) from which `holds(j)` is true for every j ≥ k (count when none)."""
    k = count
    while k > 0 and holds(k - 1):
        k -= 1
    return k


def _around_kink(xs: list[float], landscape: Landscape) -> tuple[float, float] | None:
    """(kink, band) when the last KINK_WINDOW iterates all lie within `band` (their largest step) of a kinked
    minimum: fixed-rate descent cannot land on a kink, it can only settle within one step of it."""
    if len(xs) <= KINK_WINDOW or not landscape.kinked_minima:
        return None
    window = np.array(xs[-KINK_WINDOW - 1:])
    band = float(np.max(np.abs(np.diff(window))))
    for kink in landscape.kinked_minima:
        if np.all(np.abs(window[1:] - kink) <= band):
            return kink, band
    return None


def _is_two_cycle(xs: list[float], width: float) -> bool:
    if len(xs) < 5:
        return False
    same = abs(xs[-1] - xs[-3]) <= CYCLE * width and abs(xs[-2] - xs[-4]) <= CYCLE * width
    return same and abs(xs[-1] - xs[-2]) > 1e-6 * width


def _straddles_kink(xs: list[float], landscape: Landscape) -> bool:
    """The last two iterates lie on either side of a kinked minimum: the kink rule decides such a cycle."""
    lo, hi = sorted(xs[-2:])
    return any(lo <= kink <= hi for kink in landscape.kinked_minima)


def _alternating_without_shrinking(xs: list[float]) -> bool:
    if len(xs) < 12:
        return False
    steps = np.diff(xs[-12:])
    alternating = np.all(steps[1:] * steps[:-1] < 0)
    return bool(alternating and abs(steps[-1]) >= 0.9 * abs(steps[-11]) and abs(steps[-1]) > 0)


def descend(fn: Function, start: float, landscape: Landscape, optimizer: str = "gd", lr: float = 0.01,
            steps: int = 1000, momentum: float = 0.9) -> Trajectory:
    """Run the optimizer from `start` and say how the run ended, and after how many steps (the module
    docstring)."""
    check_parameters(fn, start, optimizer, lr, steps, momentum)
    a, b = fn.domain
    w = fn.width
    low, high = a - ESCAPE_WIDTHS * w, b + ESCAPE_WIDTHS * w
    state = _Optimizer(optimizer, lr, momentum if optimizer in ("momentum", "nesterov") else 0.0)
    xs, slopes = [float(start)], [fn.slope(start)]
    outcome, reason, still, rule, exit_x = None, "", 0, "", None
    for _ in range(steps):
        x_new = state.step(xs[-1], slopes[-1])
        pole = next((p for p in fn.poles if (xs[-1] - p) * (x_new - p) <= 0), None)
        if pole is not None and math.isfinite(x_new):
            outcome, rule, exit_x = "pole", "left", x_new
            reason = f"the step from x = {fmt(xs[-1])} would cross the pole at x = {fmt(pole)}, where f is undefined"
            break
        if not math.isfinite(x_new) or not low <= x_new <= high:
            outcome, rule = "diverged", "left"
            reason = f"x left [{fmt(low)}, {fmt(high)}] (the domain plus 10 widths each side)"
            exit_x = x_new if math.isfinite(x_new) else None
            break
        g_new = fn.slope(x_new)
        if not math.isfinite(g_new):
            outcome, rule, exit_x = "diverged", "left", x_new
            reason = f"f' is undefined at x = {fmt(x_new)}, outside where f is defined"
            break
        step = abs(x_new - xs[-1])
        xs.append(x_new)
        slopes.append(g_new)
        kink = _around_kink(xs, landscape)
        if kink is not None and _bounces_on(fn, copy.deepcopy(state), xs, g_new, steps, kink[0],
                                            kink[1] <= KINK_BAND * w):
            rule = "kink"
            if kink[1] <= KINK_BAND * w:
                outcome, reason = "converged", (f"settled at the kink x = {fmt(kink[0])}, every step within "
                                                f"{fmt(kink[1])} of it")
            else:
                outcome, reason = "oscillating", (f"x keeps jumping across the kink x = {fmt(kink[0])}, "
                                                  f"steps up to {fmt(kink[1])}")
            break
        if _is_two_cycle(xs, w) and not _straddles_kink(xs, landscape):
            outcome, reason, rule = "oscillating", f"x jumps between {fmt(xs[-2])} and {fmt(xs[-1])} forever", "swing"
            break
        still = still + 1 if step <= STATIONARY * w else 0
        if still >= 3 and abs(g_new) <= landscape.slope_threshold:
            break
    if outcome is None:
        outcome, reason, rule = _final_outcome(fn, xs, slopes, landscape)
        if outcome == "oscillating" and not _keeps_swinging(fn, copy.deepcopy(state), xs, slopes[-1], steps):
            outcome, rule = "max_steps", "budget"
            reason = f"still swinging after {len(xs) - 1} steps, but ever less widely, at x = {fmt(xs[-1])}"
        if outcome == "converged" and still < 3 and not _stays(fn, copy.deepcopy(state), xs, slopes[-1], steps,
                                                               landscape):
            outcome, rule = "max_steps", "budget"
            reason = f"at a minimum after {len(xs) - 1} steps, but still moving fast enough to leave it"
    nit = _nit(fn, xs, slopes, landscape, rule)
    return Trajectory(optimizer=optimizer, start=float(start), lr=lr, momentum=state.mu, steps=steps,
                      outcome=outcome, xs=tuple(xs), ys=tuple(float(v) for v in fn.f(np.array(xs))),
                      slopes=tuple(slopes), reason=reason, nit=nit, exit_x=exit_x)


def _nit(fn: Function, xs: list[float], slopes: list[float], landscape: Landscape, rule: str) -> int:
    """The step count the outcome reports (the module docstring), by the rule that decided it."""
    n = len(xs)
    if rule == "left":
        return n
    if rule == "kink":
        kink, band = _around_kink(xs, landscape)
        return max(_first_from(n, lambda j: abs(xs[j] - kink) <= band), 1)
    if rule == "swing":
        moves = np.diff(xs)
        return max(_first_from(n - 1, lambda j: j > 0 and moves[j] * moves[j - 1] < 0), 1)
    if rule == "flat":
        return max(_first_from(n, lambda j: abs(slopes[j]) <= landscape.slope_threshold
                               and landscape.reached(xs[j], fn.width)), 1)
    return n - 1


def _keeps_swinging(fn: Function, state: _Optimizer, xs: list[float], slope: float, steps: int) -> bool:
    """A run that ends jumping back and forth, continued privately CONFIRM_SWING times as long: it is oscillating
    only if it still does, at least half as widely as at its end (or flies off), not if it slowly settles
    (η at 2/f″(x*): the swing shrinks too slowly to see in the run, e^x − 2x with η = 1 converges in 1053
    steps)."""
    a, b = fn.domain
    low, high = a - ESCAPE_WIDTHS * fn.width, b + ESCAPE_WIDTHS * fn.width
    tail = list(xs[-21:])
    x, g = xs[-1], slope
    for _ in range(min(CONFIRM_SWING * steps, MAX_CONFIRM)):
        x = state.step(x, g)
        if not (math.isfinite(x) and low <= x <= high):
            return True
        g = fn.slope(x)
        if not math.isfinite(g):
            return True
        tail = (tail + [x])[-21:]
    moves = np.diff(tail)
    widest = float(np.max(np.abs(np.diff(xs[-21:]))))
    return bool(np.all(moves[1:] * moves[:-1] < 0) and np.max(np.abs(moves)) >= 0.5 * widest)


def _continued(fn: Function, state: _Optimizer, x: float, g: float, steps: int):
    """The run's private continuation, CONFIRM times as long, from x with the optimizer's state: its
    iterates, until it leaves the domain widened by ten widths (or f′ is undefined)."""
    a, b = fn.domain
    low, high = a - ESCAPE_WIDTHS * fn.width, b + ESCAPE_WIDTHS * fn.width
    for _ in range(min(CONFIRM * steps, MAX_CONFIRM)):
        x = state.step(x, g)
        if not (math.isfinite(x) and low <= x <= high):
            return
        g = fn.slope(x)
        if not math.isfinite(g):
            return
        yield x, g


def _stays(fn: Function, state: _Optimizer, xs: list[float], slope: float, steps: int,
           landscape: Landscape) -> bool:
    """A run that ends at a minimum while still moving has arrived only if, run on CONFIRM times as long, it
    stays there: momentum may carry it out of a flat minimum or over a small hill, a large η out again.
    Adam's run is judged only while its rest can hold (`adam_rest_holds`)."""
    limit = adam_rest_holds(state, float(fn.d2f(np.array([xs[-1]]))[0])) if state.kind == "adam" else None
    return all(abs(g) <= landscape.slope_threshold and landscape.reached(x, fn.width)
               for x, g in itertools.islice(_continued(fn, state, xs[-1], slope, steps), limit))


def adam_rest_holds(state: _Optimizer, curvature: float) -> int | None:
    """The steps for which Adam, at rest at a minimum where f″ = `curvature`, stays at rest (None: for ever).

    At a constant η Adam never settles for good: at rest, g ≈ 0, v̂ fades by β2 a step, and its rate
    η_t = η/(1 − β1^t)/(√v̂ + ε) grows towards η/ε. Linearised there (δ and m), Adam is heavy-ball descent
    with rate η_t(1 − β1) and momentum β1, stable while η_t·f″ < 2(1 + β1)/(1 − β1) = 38. Past that, any
    perturbation grows, and whether there is one hinges on the last bit of f′ (a float where f′ is exactly 0
    holds it for ever). So a run is confirmed only up to that step: what happens after is rounding's choice."""
    if not (math.isfinite(curvature) and curvature > 0):
        return None
    beta1, beta2 = ADAM_BETAS
    v, t = state.v, state.t
    for k in range(MAX_CONFIRM):
        t, v = t + 1, v * beta2
        rate = state.lr / (1 - beta1 ** t) / (math.sqrt(v / (1 - beta2 ** t)) + ADAM_EPS)
        if rate * curvature >= ADAM_STABLE:
            return k
    return None


def _bounces_on(fn: Function, state: _Optimizer, xs: list[float], slope: float, steps: int, kink: float,
                narrow: bool) -> bool:
    """A run bouncing across a kinked minimum, run on CONFIRM times as long, still does as the kink rule says:
    settled (`narrow`: every later iterate within KINK_BAND of the width of the kink; near a cusp, where f′ is
    unbounded, a run that comes close is kicked out again), or oscillating (still bouncing across that kink
    more widely than KINK_BAND; not if its steps come down, as Adam's do when its sign-flipping mean cancels,
    nor if it wanders off to another minimum)."""
    limit = KINK_BAND * fn.width
    tail = list(xs[-KINK_WINDOW - 1:])
    for x, _ in _continued(fn, state, xs[-1], slope, steps):
        if narrow and abs(x - kink) > limit:
            return False
        tail = (tail + [x])[-KINK_WINDOW - 1:]
    if narrow:
        return True
    band = max(abs(q - p) for p, q in zip(tail, tail[1:]))
    return band > limit and all(abs(x - kink) <= band for x in tail[1:])


def _final_outcome(fn: Function, xs: list[float], slopes: list[float],
                   landscape: Landscape) -> tuple[str, str, str]:
    """(outcome, reason, rule) of a run that ended without a decisive event."""
    x, g = xs[-1], slopes[-1]
    if abs(g) <= landscape.slope_threshold:
        if landscape.reached(x, fn.width):
            return "converged", f"reached the minimum near x = {fmt(x)}", "flat"
        return "stalled", f"|f'| fell to {fmt(abs(g))} at x = {fmt(x)}, with no minimum there", "stalled"
    if _alternating_without_shrinking(xs):
        return "oscillating", f"x keeps jumping across, {fmt(abs(xs[-1] - xs[-2]))} apart", "swing"
    return "max_steps", f"still moving after {len(xs) - 1} steps, at x = {fmt(x)}", "budget"
