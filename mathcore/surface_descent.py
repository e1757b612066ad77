"""Descent in the plane on a surface f(x, y): the four optimizers of mathcore.descent, coordinate by
coordinate exactly as torch.optim steps a tensor of two parameters, with the same outcomes and `nit` rules,
the threshold of "vanished" now on |∇f| (1 % of its largest size on the box).

- converged: ends where |∇f| ≤ the threshold around a local minimum (joined to it by a segment on which
  |∇f| stays that small); nit = the first step from which every iterate is there;
- stalled: |∇f| vanished with no minimum around: near a saddle, on a plateau; nit = the steps run;
- oscillating: a 2-cycle that does not shrink (an exact one, or at the end of the steps one whose moves
  keep reversing, confirmed on the run continued 100 times as long); nit = the first step from which every
  move reverses the one before;
- diverged: leaves the box widened by ten times its size on each side, overflows, or ∇f is undefined;
  that iterate is not in `xs`, nit = len(xs);
- max_steps: still on its way; nit = the steps run.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np

from .descent import ADAM_BETAS, ADAM_EPS, MAX_STEPS, OPTIMIZERS, check_optimizer
from .errors import ParameterError
from .function import fmt
from .surface import Surface, SurfacePoint, gradient_scale

THRESHOLD = 0.01  # |∇f| at most this fraction of its largest size on the box counts as vanished
WIDEN = 10.0
STATIONARY = 1e-12
CYCLE = 1e-9
CONFIRM_SWING = 100
MAX_CONFIRM = 30_000


@dataclass(frozen=True)
class PlaneLandscape:
    minima: tuple[tuple[float, float], ...]
    threshold: float
    size: float

    def reached(self, surface: Surface, p: np.ndarray) -> bool:
        """p is at a minimum: |∇f| ≤ the threshold on the whole segment from p to the nearest minimum."""
        if not self.minima:
            return False
        target = np.array(min(self.minima, key=lambda m: math.hypot(p[0] - m[0], p[1] - m[1])))
        for t in np.linspace(0.0, 1.0, 21):
            q = p + t * (target - p)
            if not np.hypot(*surface.grad(*q)) <= self.threshold:
                return False
        return True


def plane_landscape(surface: Surface, points: tuple[SurfacePoint, ...]) -> PlaneLandscape:
    return PlaneLandscape(minima=tuple((p.x, p.y) for p in points if p.kind == "min"),
                          threshold=THRESHOLD * gradient_scale(surface), size=surface.size)


@dataclass(frozen=True)
class PlaneTrajectory:
    optimizer: str
    start: tuple[float, float]
    lr: float
    momentum: float
    steps: int
    outcome: str
    xs: tuple[tuple[float, float], ...]  # the start, then the iterate after each step
    values: tuple[float, ...]
    gradients: tuple[tuple[float, float], ...]
    reason: str
    nit: int = 0
    exit: tuple[float, float] | None = None

    @property
    def final(self) -> tuple[float, float]:
        return self.xs[-1]

    def to_json(self) -> dict:
        """The surface contract's `descent` object, iterates as [x, y] pairs (see Analysis.to_json for why)."""
        return {"optimizer": self.optimizer, "start": list(self.start), "lr": self.lr, "momentum": self.momentum,
                "steps": self.steps, "outcome": self.outcome, "reason": self.reason,
                "xs": [list(p) for p in self.xs], "values": list(self.values),
                "gradients": [list(g) for g in self.gradients], "final": list(self.final), "nit": self.nit,
                "exit": None if self.exit is None else list(self.exit)}


class _PlaneOptimizer:
    """Two parameters stepped exactly as torch.optim steps them (SGD with momentum/nesterov, dampening 0;
    Adam with betas (0.9, 0.999), eps 1e-8 after bias correction), coordinate by coordinate."""

    def __init__(self, kind: str, lr: float, momentum: float) -> None:
        self.kind, self.lr, self.mu = kind, lr, momentum
        self.buf: np.ndarray | None = None
        self.m = np.zeros(2)
        self.v = np.zeros(2)
        self.t = 0

    def step(self, p: np.ndarray, g: np.ndarray) -> np.ndarray:
        if self.kind == "gd":
            return p - self.lr * g
        if self.kind in ("momentum", "nesterov"):
            self.buf = g.copy() if self.buf is None else self.mu * self.buf + g
            return p - self.lr * (g + self.mu * self.buf if self.kind == "nesterov" else self.buf)
        beta1, beta2 = ADAM_BETAS
        self.t += 1
        self.m = self.m + (1 - beta1) * (g - self.m)
        self.v = self.v * beta2 + (1 - beta2) * g * g
        denom = np.sqrt(self.v) / math.sqrt(1 - beta2 ** self.t) + ADAM_EPS
        return p - (self.lr / (1 - beta1 ** self.t)) * (self.m / denom)


def _finite(v: np.ndarray) -> bool:
    """Both coordinates finite (np.all(np.isfinite(v)) at a tenth of the cost: this runs on every step)."""
    return math.isfinite(v[0]) and math.isfinite(v[1])


def _first_from(count: int, holds) -> int:
    k = count
    while k > 0 and holds(k - 1):
        k -= 1
    return k


def descend_plane(surface: Surface, start: tuple[float, float], landscape: PlaneLandscape, optimizer: str = "gd",
                  lr: float = 0.01, steps: int = 1000, momentum: float = 0.9) -> PlaneTrajectory:
    """Run the optimizer from `start` on f(x, y) and say how the run ended, and after how many steps."""
    check_optimizer(optimizer, lr, steps, momentum)
    if not (len(start) == 2 and all(isinstance(v, (int, float)) and math.isfinite(v) for v in start)
            and surface.inside(*start)):
        (a, b), (c, d) = surface.box
        raise ParameterError(f"the start point {tuple(start)} must lie inside the box [{fmt(a)}, {fmt(b)}] × "
                             f"[{fmt(c)}, {fmt(d)}]")
    state = _PlaneOptimizer(optimizer, lr, momentum if optimizer in ("momentum", "nesterov") else 0.0)
    (a, b), (c, d) = surface.box
    wide = WIDEN * surface.size
    xs, grads = [np.array(start, dtype=float)], [surface.grad(*start)]
    outcome, reason, rule, exit_point, still = None, "", "", None, 0
    for _ in range(steps):
        p = state.step(xs[-1], grads[-1])
        if not (_finite(p) and a - wide <= p[0] <= b + wide and c - wide <= p[1] <= d + wide):
            outcome, rule = "diverged", "left"
            reason = "the point left the box widened by ten times its size"
            exit_point = tuple(float(v) for v in p) if np.all(np.isfinite(p)) else None
            break
        g = surface.grad(*p)
        if not _finite(g):
            outcome, rule, exit_point = "diverged", "left", (float(p[0]), float(p[1]))
            reason = "∇f is undefined there"
            break
        move = float(np.hypot(*(p - xs[-1])))
        xs.append(p)
        grads.append(g)
        if len(xs) >= 5 and np.hypot(*(xs[-1] - xs[-3])) <= CYCLE * surface.size and \
                np.hypot(*(xs[-2] - xs[-4])) <= CYCLE * surface.size and move > 1e-6 * surface.size:
            outcome, rule, reason = "oscillating", "swing", "the point jumps between two places for ever"
            break
        still = still + 1 if move <= STATIONARY * surface.size else 0
        if still >= 3 and np.hypot(*g) <= landscape.threshold:
            break
    if outcome is None:
        outcome, reason, rule = _final(surface, xs, grads, landscape, copy.deepcopy(state), steps)
        if outcome == "converged" and still < 3 and not _stays(surface, copy.deepcopy(state), xs[-1], grads[-1],
                                                               steps, landscape):
            outcome, rule, reason = "max_steps", "budget", "at a minimum, but still moving fast enough to leave it"
    nit = _nit(surface, xs, grads, landscape, rule)
    return PlaneTrajectory(optimizer=optimizer, start=(float(start[0]), float(start[1])), lr=lr, momentum=state.mu,
                           steps=steps, outcome=outcome, xs=tuple((float(p[0]), float(p[1])) for p in xs),
                           values=tuple(surface.value(*p) for p in xs),
                           gradients=tuple((float(g[0]), float(g[1])) for g in grads), reason=reason, nit=nit,
                           exit=exit_point)


def _reverses(xs: list[np.ndarray], k: int) -> bool:
    """The move into xs[k + 1] points against the move into xs[k]."""
    return float(np.dot(xs[k + 1] - xs[k], xs[k] - xs[k - 1])) < 0


def _final(surface: Surface, xs, grads, landscape: PlaneLandscape, state: _PlaneOptimizer,
           steps: int) -> tuple[str, str, str]:
    p, g = xs[-1], grads[-1]
    if np.hypot(*g) <= landscape.threshold:
        if landscape.reached(surface, p):
            return "converged", f"reached the minimum near ({fmt(p[0])}, {fmt(p[1])})", "flat"
        return "stalled", f"|∇f| fell to {fmt(float(np.hypot(*g)))} at ({fmt(p[0])}, {fmt(p[1])}), with no minimum " \
                          "there", "stalled"
    if len(xs) >= 12 and all(_reverses(xs, k) for k in range(len(xs) - 11, len(xs) - 1)) and \
            _keeps_swinging(surface, state, xs, g, steps):
        return "oscillating", "the point keeps jumping back and forth", "swing"
    return "max_steps", f"still moving after {len(xs) - 1} steps, at ({fmt(p[0])}, {fmt(p[1])})", "budget"


def _continued(surface: Surface, state: _PlaneOptimizer, p: np.ndarray, g: np.ndarray, count: int):
    (a, b), (c, d) = surface.box
    wide = WIDEN * surface.size
    for _ in range(count):
        p = state.step(p, g)
        if not (_finite(p) and a - wide <= p[0] <= b + wide and c - wide <= p[1] <= d + wide):
            return
        g = surface.grad(*p)
        if not _finite(g):
            return
        yield p, g


def _keeps_swinging(surface: Surface, state, xs, g, steps: int) -> bool:
    """Continued CONFIRM_SWING times as long, the moves still reverse and are at least half as wide."""
    widest = max(float(np.hypot(*(q - p))) for p, q in zip(xs[-21:], xs[-20:]))
    tail = list(xs[-21:])
    for p, _ in _continued(surface, state, xs[-1], g, min(CONFIRM_SWING * steps, MAX_CONFIRM)):
        tail = (tail + [p])[-21:]
    moves = [q - p for p, q in zip(tail, tail[1:])]
    reversing = all(float(np.dot(m1, m0)) < 0 for m0, m1 in zip(moves, moves[1:]))
    return reversing and max(float(np.hypot(*m)) for m in moves) >= 0.5 * widest


def _stays(surface: Surface, state, p, g, steps: int, landscape: PlaneLandscape) -> bool:
    """Continued 20 times as long, |∇f| stays vanished all the way, and it ends at a minimum."""
    last = p
    for q, h in _continued(surface, state, p, g, min(20 * steps, MAX_CONFIRM)):
        if np.hypot(*h) > landscape.threshold:
            return False
        last = q
    return landscape.reached(surface, last)


def _nit(surface: Surface, xs, grads, landscape: PlaneLandscape, rule: str) -> int:
    n = len(xs)
    if rule == "left":
        return n
    if rule == "swing":
        return max(_first_from(n - 1, lambda j: j > 0 and _reverses(xs, j)), 1)
    if rule == "flat":
        return max(_first_from(n, lambda j: np.hypot(*grads[j]) <= landscape.threshold
                               and landscape.reached(surface, xs[j])), 1)
    return n - 1


__all__ = ["MAX_STEPS", "OPTIMIZERS", "PlaneLandscape", "PlaneTrajectory", "descend_plane", "plane_landscape"]
