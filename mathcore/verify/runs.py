"""The checks of a descent run: replayed step by step against its update rule, then run again 20 times
longer, with its count recomputed from the iterates in a tolerance band around the threshold."""

from __future__ import annotations

import math

import mpmath
import numpy as np

from .. import claims as c
from .model import BAND, DPS, LONGER, LONGEST, MAX_RERUN, Model, of
from .points import golden


class _Stepper:
    """One parameter stepped by torch.optim's rules, written anew here (SGD with momentum or Nesterov,
    dampening 0; Adam with betas (0.9, 0.999), eps 1e-8)."""

    def __init__(self, claim: c.Run) -> None:
        self.kind, self.lr, self.mu = claim.optimizer, claim.lr, claim.momentum
        # a run at rest on a kink reads the subgradient 0; Adam elsewhere does not: it divides f′ by its own
        # size, so even f′ = 10⁻¹³ (tanh's tail) moves it by η·f′/(|f′| + ε) ≈ 10⁻⁵·η
        self.zero_below = 0.0 if claim.optimizer == "adam" and claim.rule != "kink" else 1e-12
        self.buf: float | None = None
        self.mean = self.var = 0.0
        self.t = 0

    def step(self, x: float, g: float) -> float:
        if self.kind == "gd":
            return x - self.lr * g
        if self.kind in ("momentum", "nesterov"):
            self.buf = g if self.buf is None else self.mu * self.buf + g
            return x - self.lr * (g + self.mu * self.buf if self.kind == "nesterov" else self.buf)
        self.t += 1
        self.mean = 0.9 * self.mean + 0.1 * g
        self.var = 0.999 * self.var + 0.001 * g * g
        corrected = math.sqrt(self.var) / math.sqrt(1 - 0.999 ** self.t) + 1e-8
        return x - self.lr / (1 - 0.9 ** self.t) * self.mean / corrected


REPLAYED = 400  # steps of a run checked one by one against the update rule (the rest only carry its state)


def _replay(m: Model, claim: c.Run) -> tuple[str | None, _Stepper]:
    """Each step of the run's iterates against the update rule with f′ from f at 40 digits: x_{k+1} is what
    the rule makes of x_k (up to the rounding of a float run). Returns the first disagreement, and the
    optimizer's state after the last step (to go on from there)."""
    stepper, xs = _Stepper(claim), claim.xs
    for k in range(len(xs) - 1):
        slope = _gradient(m, xs[k], stepper.zero_below) if k < REPLAYED else _float_slope(m, xs[k])
        if not math.isfinite(slope):
            return f"f′ is undefined at step {k}, x = {xs[k]:.10g}, yet the run goes on", stepper
        following = stepper.step(xs[k], slope)
        # a float run's f′ is off by its rounding (about 10⁻¹⁶ of its terms, which cancel where f is flat, as
        # 1 − tanh² does); Adam divides a tiny f′ by its ε = 10⁻⁸, so that error moves it by up to η·10⁻⁷
        rounding = 2e-7 if claim.optimizer == "adam" else 1e-9
        noise = 1e-6 * abs(xs[k + 1] - xs[k]) + rounding * claim.lr * (1 + m.scale) + 1e-12 * m.width
        if k < REPLAYED and abs(following - xs[k + 1]) > noise:
            return f"step {k + 1} should reach x = {following:.12g}, not {xs[k + 1]:.12g}", stepper
    return None, stepper


def _gradient(m: Model, x: float, zero_below: float) -> float:
    """f′(x) at 40 digits for a step; one below `zero_below` of the slope scale is the subgradient 0 a run at
    rest on a kinked minimum reads (sign(0) = 0), from which Adam's normalised step would otherwise make a
    full step."""
    slope = m.slope(x)
    if slope is None:
        return math.nan
    return 0.0 if abs(slope) <= zero_below * m.scale else float(slope)


def _float_slope(m: Model, x: float) -> float:
    """f′(x) as a float difference quotient of f; at 40 digits where floats overflow (softplus(x²) at 37)."""
    h = 1e-7 * m.width
    with np.errstate(all="ignore"):
        slope = float((m.f_np(x + h) - m.f_np(x - h)) / (2 * h))
    if math.isfinite(slope):
        return slope
    precise = m.slope(x)
    return float(precise) if precise is not None else math.nan


def _adam_at_rest(m: Model, stepper: _Stepper, x: float) -> int:
    """How long Adam at rest at x stays so, by its linearisation: with g = 0 its v̂ fades by 0.999 a step and
    its rate η/(1 − 0.9^t)/(√v̂ + 10⁻⁸) grows; with f″ > 0 the rest holds while rate·f″·0.1 (the mean's share)
    stays inside the heavy-ball region of momentum 0.9, rate·f″ < 2·1.9/0.1 = 38. Past it, what a run does
    depends on the rounding of f′, so a rerun is compared with the run only up to there (f″ here is a
    difference quotient of the 40-digit slopes)."""
    h = 1e-6 * m.width
    left, right = m.slope(x - h), m.slope(x + h)
    if left is None or right is None:
        return MAX_RERUN
    curvature = float((right - left) / (2 * h))
    if curvature <= 0:
        return MAX_RERUN
    var, t = stepper.var, stepper.t
    for k in range(MAX_RERUN):
        t, var = t + 1, var * 0.999
        rate = stepper.lr / (1 - 0.9 ** t) / (math.sqrt(var / (1 - 0.999 ** t)) + 1e-8)
        if rate * curvature >= 38:
            return k
    return MAX_RERUN


def _go_on(m: Model, stepper: _Stepper, x: float, steps: int) -> list[float]:
    """The run continued from x for `steps` more steps (f′ as a float difference quotient of f); stops when x
    leaves the domain widened by ten widths, or f′ is undefined."""
    low, high = m.a - 10 * m.width, m.b + 10 * m.width
    xs = [x]
    for _ in range(steps):
        g = _float_slope(m, x)
        if abs(g) <= 1e-4 * m.scale:  # at rest on a kink or a flat bottom: the float quotient's noise would
            g = _gradient(m, x, stepper.zero_below)  # push it off, as exact arithmetic does not
        if not math.isfinite(g):
            break
        x = stepper.step(x, g)
        xs.append(x)
        if not (math.isfinite(x) and low <= x <= high):
            break
    return xs


def _stretch(m: Model, x: float, threshold: float) -> tuple[float, float]:
    """The stretch around x where |f′| stays at most the threshold (1.01 of it, so rounding does not cut it),
    found on a grid of 4000 steps across the domain and its edges bisected: where a run arrived."""
    xs = np.linspace(m.a, m.b, 4001)
    h = 1e-7 * m.width
    with np.errstate(all="ignore"):
        slopes = np.abs((np.asarray(m.f_np(xs + h), dtype=float) - np.asarray(m.f_np(xs - h), dtype=float)) / (2 * h))
    small = np.where(np.isfinite(slopes), slopes <= 1.01 * threshold, False)
    i = int(np.clip(np.searchsorted(xs, x), 0, len(xs) - 1))
    lo_i = hi_i = i
    while lo_i > 0 and small[lo_i - 1]:
        lo_i -= 1
    while hi_i < len(xs) - 1 and small[hi_i + 1]:
        hi_i += 1
    return float(xs[max(lo_i - 1, 0)]), float(xs[min(hi_i + 1, len(xs) - 1)])


def _first_from(count: int, holds) -> int:
    k = count
    while k > 0 and holds(k - 1):
        k -= 1
    return k


def _lower(m: Model, there: float, here: float) -> bool:
    """f(there) < f(here), beyond 40 digits' rounding; two values within it are compared again at 120 digits
    (far out on tanh, f = 1 − 10⁻⁴¹ and 1 − 10⁻³² differ only there)."""
    a, b = m.value(there), m.value(here)
    if a is None or b is None:
        return False
    if a < b - mpmath.mpf(10) ** -30 * (1 + abs(b)):
        return True
    if abs(a - b) > mpmath.mpf(10) ** -30 * (1 + abs(b)):
        return False
    with mpmath.workdps(120):
        fine_a, fine_b = m.value_at(mpmath.mpf(there), 120), m.value_at(mpmath.mpf(here), 120)
        if fine_a is None or fine_b is None:
            return False
        return fine_a < fine_b - mpmath.mpf(10) ** -110 * (1 + abs(fine_b))


def _at_minimum(m: Model, x: float) -> bool:
    """f is no higher at x than a thousandth and a hundredth of the width away on both sides."""
    if m.value(x) is None:
        return False
    return not any(_lower(m, x + side * h * m.width, x) for h in (1e-3, 1e-2) for side in (-1, 1))


def check_run(claim: c.Run) -> str | None:
    m = of(claim)
    xs = list(claim.xs)
    a, b = m.a, m.b
    exit_step = next((k for k, x in enumerate(xs) if not a <= x <= b), None)
    last = len(xs) - 1
    outcome = claim.outcome
    left = outcome in ("stalled", "max_steps") and claim.exit_step is not None  # it left the plot
    # the count the sentence says, recomputed from the iterates
    if claim.exit_step is not None and claim.exit_step != exit_step:
        return f"the run leaves [{a:g}, {b:g}] at step {exit_step}, not {claim.exit_step}"
    if outcome == "pole":
        if claim.count != len(xs) - 1:
            return f"the step that reaches a pole is step {len(xs) - 1}, not {claim.count}"
    elif outcome == "diverged":
        if claim.count != (exit_step if exit_step is not None else len(xs)):
            return f"the run leaves at step {exit_step if exit_step is not None else len(xs)}, not {claim.count}"
    elif outcome == "converged" and claim.rule != "kink":
        slopes = [m.slope(x) for x in xs]

        lo, hi = _stretch(m, xs[-1], claim.threshold)

        def within(factor: float):
            return lambda j: slopes[j] is not None and abs(slopes[j]) <= claim.threshold * factor and \
                lo - 1e-9 * m.width <= xs[j] <= hi + 1e-9 * m.width
        strict, loose = _first_from(len(xs), within(1 - BAND)), _first_from(len(xs), within(1 + BAND))
        if not max(loose, 1) <= claim.count <= max(strict, 1):
            span = f"{max(loose, 1)}" + (f"–{max(strict, 1)}" if strict != loose else "")
            return f"|f′| stays at most the threshold from step {span}, not from step {claim.count}"
    elif claim.rule == "kink":
        found = max(_first_from(len(xs), lambda j: abs(xs[j] - claim.kink) <= claim.band), 1)
        if found != claim.count:
            return f"the run stays within {claim.band:.4g} of the kink from step {found}, not {claim.count}"
    elif outcome == "oscillating":
        moves = np.diff(xs)
        found = max(_first_from(len(moves), lambda j: j > 0 and moves[j] * moves[j - 1] < 0), 1)
        if found != claim.count:
            return f"the steps reverse every time from step {found}, not {claim.count}"
    elif outcome in ("stalled", "max_steps") and claim.count != last:
        return f"the run took {last} steps, not {claim.count}"
    # the counter the scene shows ends on that count
    if outcome == "pole":
        expected_drawn = len(xs) - 2  # the ball stops before the step that would cross
    elif outcome == "diverged" or left:
        expected_drawn = exit_step
    else:
        expected_drawn = claim.count if outcome == "converged" and claim.rule != "kink" else last
    if claim.drawn != expected_drawn:
        return f"the step counter ends at {claim.drawn}, the sentence says {expected_drawn}"
    # the iterates follow the update rule, and the outcome holds the same run continued 20 times longer
    wrong, stepper = _replay(m, claim)
    if wrong is not None:
        return wrong
    if outcome == "pole":
        return _crosses_a_pole(m, xs[-2], xs[-1])
    if outcome == "diverged":
        final = xs[-1]
        if math.isfinite(final) and a - 10 * m.width <= final <= b + 10 * m.width and m.slope(final) is not None:
            # stopped where a float overflowed, say: it must still leave when it goes on
            gone = _go_on(m, stepper, final, min(claim.steps * LONGER, MAX_RERUN))
            if math.isfinite(gone[-1]) and a - 10 * m.width <= gone[-1] <= b + 10 * m.width:
                return f"run on from x = {final:.10g}, it stays within the widened domain: not diverged"
        return None
    rerun = min(claim.steps * (LONGER - 1), MAX_RERUN)
    if claim.optimizer == "adam" and outcome in ("converged", "max_steps"):
        rerun = min(rerun, _adam_at_rest(m, stepper, xs[-1]))
    longer = _go_on(m, stepper, xs[-1], rerun)
    if claim.rule == "kink":
        return _check_kink_run(m, claim, longer)
    if outcome == "oscillating":
        if _exact_cycle(m, claim):
            return None
        longest = longer + _go_on(m, stepper, longer[-1], min(claim.steps * (LONGEST - LONGER), MAX_RERUN))[1:]
        if not (math.isfinite(longest[-1]) and a - 10 * m.width <= longest[-1] <= b + 10 * m.width):
            return None  # it never converges: it flies off in the end
        moves = np.diff(longest[-41:])
        swing = float(np.max(np.abs(np.diff(xs[-21:]))))  # the widest step of the last 20: robust when chaotic
        if len(moves) < 40 or np.count_nonzero(moves[1:] * moves[:-1] < 0) < 0.75 * (len(moves) - 1):
            return f"run {LONGEST}× longer, the run stops jumping back and forth"
        # a rerun of a chaotic swing differs from the run step by step, so what is checked is only that the
        # swing does not die away: a shrinking one has all but settled after a hundred times the steps
        at_20 = float(np.max(np.abs(np.diff(longer[-41:]))))
        at_100 = float(np.max(np.abs(moves)))
        if at_100 < 0.5 * swing and at_100 < 0.9 * at_20:  # still shrinking, and by half already: it settles
            return f"run {LONGEST}× longer, its swing shrinks from {swing:.4g} to {at_100:.4g}: it converges"
        return None
    final = xs[-1]
    slope = m.slope(final)
    if slope is None:
        return f"f′ is undefined where the run ends, x = {final:.10g}"
    if left:
        return None if not a <= final <= b else f"the run ends at x = {final:.10g}, inside the plot"
    if outcome == "converged":
        if abs(slope) > claim.threshold * (1 + BAND):
            return f"|f′| = {float(abs(slope)):.4g} where the run ends, more than the threshold {claim.threshold:.4g}"
        return _arrives(m, claim, final, longer)
    if outcome == "stalled":
        if abs(slope) > claim.threshold * (1 + BAND):
            return f"|f′| = {float(abs(slope)):.4g} where the run ends: more than the threshold, not stalled"
        if _at_minimum(m, final) and not _lower_within(m, final, 0.1):
            return f"the run ends at a minimum, x = {final:.10g}: it converged, it did not stall"
        return None
    if outcome == "max_steps" and abs(slope) <= claim.threshold * (1 - BAND) and _at_minimum(m, final):
        if all(abs(_float_slope(m, x)) <= claim.threshold for x in longer):  # it stays: it had arrived
            return f"the run is at a minimum when its steps run out (x = {final:.10g}), and stays: it has arrived"
    return None


def _crosses_a_pole(m: Model, x0: float, x1: float) -> str | None:
    """Between x0 and x1 lies a point where f is undefined and grows without bound: |f| at 400 points between
    them reaches a million times its size at both ends, or f cannot be evaluated there."""
    ends = [m.value(x0), m.value(x1)]
    size = 1 + sum(abs(v) for v in ends if v is not None)
    xs = np.linspace(min(x0, x1), max(x0, x1), 402)
    values = [m.value(float(x)) for x in xs]
    if any(v is None for v in values[1:-1]):
        return None
    i = max(range(1, len(xs) - 1), key=lambda k: abs(values[k]))

    def minus_size(t: float):
        v = m.value(t)
        return -mpmath.inf if v is None else -abs(v)
    _, peak = golden(minus_size, float(xs[i - 1]), float(xs[i + 1]), iterations=120)
    if peak == -mpmath.inf or -peak > 1e8 * size:  # it grows without bound as the search closes in
        return None
    return f"f stays bounded between x = {x0:.10g} and x = {x1:.10g}: no pole is crossed"


def _exact_cycle(m: Model, claim: c.Run) -> bool:
    """A plain descent run that ends in a 2-cycle (x_{k+2} = x_k) which is one at 40 digits too: it jumps
    between those two points for ever, whatever rounding would do to a longer float run."""
    xs = claim.xs
    if claim.optimizer != "gd" or len(xs) < 4 or abs(xs[-1] - xs[-3]) > 1e-9 * m.width:
        return False
    with mpmath.workdps(DPS):
        p, q = mpmath.mpf(xs[-2]), mpmath.mpf(xs[-1])
        sp_, sq = m.slope(p), m.slope(q)
        if sp_ is None or sq is None:
            return False
        there, back = p - claim.lr * sp_, q - claim.lr * sq
        return abs(there - q) <= 1e-12 * m.width and abs(back - p) <= 1e-12 * m.width


def _arrives(m: Model, claim: c.Run, final: float, longer: list[float]) -> str | None:
    """Converged: ended where |f′| is small around a minimum (the named one, `target`, or a flat one), and,
    run 20 times longer, it stays in that flat stretch and never moves away from the minimum (a slow
    approach such as |x|³'s goes on getting closer)."""
    end = longer[-1]
    if not all(abs(_float_slope(m, x)) <= claim.threshold * (1 + BAND) for x in longer[-10:]):
        return f"run {LONGER}× longer, it leaves the flat stretch it was said to have arrived in"
    if claim.target is not None and abs(end - claim.target) > abs(final - claim.target) + 0.02 * m.width:
        return f"run {LONGER}× longer, it moves away from the minimum x = {claim.target:.10g} (to x = {end:.10g})"
    slope = m.slope(end)
    if slope is None or abs(slope) > claim.threshold * (1 + BAND):
        return f"run {LONGER}× longer, it leaves the flat stretch (x = {end:.10g})"
    if claim.target is not None and not _at_minimum(m, claim.target):
        return f"x = {claim.target:.10g}, where it is said to converge, is not a minimum"
    if claim.target is None and not (_at_minimum(m, end) or m.slope(end) == 0):
        return f"run {LONGER}× longer, it ends at x = {end:.10g}, not at a minimum"
    return None


def _check_kink_run(m: Model, claim: c.Run, longer: list[float]) -> str | None:
    """Near a kinked minimum a fixed rate can only bounce around it: run 20× longer, the run stays within the
    band of the kink and crosses it; converged when that band is at most 2 % of the width, oscillating (and
    not shrinking below half of it) when wider."""
    if not _at_minimum(m, claim.kink):
        return f"x = {claim.kink:.10g} is not a minimum by the values of f around it"
    tail = np.array(longer[-50:]) - claim.kink
    step = float(np.max(np.abs(np.diff(longer[-50:])))) if len(longer) > 1 else 0.0
    if claim.outcome == "converged":
        if np.max(np.abs(tail)) > 0.02 * m.width * (1 + 1e-9):
            return f"run {LONGER}× longer, it goes {float(np.max(np.abs(tail))):.4g} from the kink, more than 2 % " \
                   "of the width"
        if claim.band > 0.02 * m.width * (1 + 1e-9):
            return f"it bounces {claim.band:.4g} around the kink, more than 2 % of the width: not converged"
        return None
    if claim.band <= 0.02 * m.width or step <= 0.02 * m.width:
        return f"run {LONGER}× longer, its steps shrink to {step:.4g} around the kink: it converges"
    if not (np.any(tail < 0) and np.any(tail > 0)):
        return f"run {LONGER}× longer, it stays on one side of the kink: it no longer jumps across it"
    return None


def _lower_within(m: Model, x: float, fraction: float) -> bool:
    return any(_lower(m, x + side * t * m.width, x) for t in np.linspace(0.001, fraction, 40) for side in (-1, 1))
