"""A descent run a section draws, with the role it plays and the sentence its outcome is said in; and the
fields a statement names a critical point by (the forms sections 1 and 2 write). Shared by the plans
(lessons.section_plan) and the explorable's grid (lessons.explore)."""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from mathcore import Analysis, FlatExtremum, Trajectory, claims
from mathcore.descent import KINK_WINDOW

from .catalog import SHARED
from .demos import slides
from .text import Exact, Num, Points, Pos, Statement, Steps


def gap(analysis: Analysis, x: float) -> float:
    """How far x is from the nearest other point that matters: a critical point, a flat piece's end, a hole,
    a domain end (how far the values either side may be read to tell its kind)."""
    flats = [e for flat in analysis.flat_extrema for e in (flat.start, flat.end)]
    others = [p.x for p in analysis.critical_points] + list(analysis.domain) + \
        [e.x for e in analysis.function.excluded] + flats
    return min((abs(o - x) for o in others if abs(o - x) > 1e-12 * analysis.function.width),
               default=analysis.function.width)


def kind_claim(analysis: Analysis, x: float, kind: str, exact=None) -> claims.PointKind:
    return claims.PointKind(analysis.function.text, analysis.domain, x=x, kind=kind, exact=exact,
                            gap=gap(analysis, x))


def point_claims(analysis: Analysis, point, kind: str | None = None) -> tuple[claims.Claim, ...]:
    """What naming a critical point claims: f is defined there, and it is of its kind (a minimum, …)."""
    return (claims.InDomain(analysis.function.text, analysis.domain, x=point.x, exact=point.x_expr),
            kind_claim(analysis, point.x, kind or point.kind, point.x_expr))


def point_field(point, relation: bool = False) -> Exact:
    """A critical point's x for a statement: the same exact form its marker shows, when short."""
    return Exact(point.x, point.x_expr, relation)


def points_field(points) -> Exact | Points:
    """Several points one statement names: '= ±1', or each with its relation."""
    items = tuple(point_field(p, relation=True) for p in points)
    return items[0] if len(items) == 1 else Points(items)


@dataclass(frozen=True)
class EndMinimum:
    """A domain end where f′ = 0 and f rises into the domain: a minimum a run may arrive at (as a point)."""

    x: float
    x_expr: sp.Expr
    kind: str = "min"


@dataclass(frozen=True)
class Run:
    """One descent run the section draws, with the role it plays (and the outcome that role claims)."""

    role: str
    trajectory: Trajectory
    analysis: Analysis = field(compare=False, repr=False)

    def positions(self) -> tuple[float, ...]:
        """The iterates, then the one that left the widened domain (a diverged run's last step)."""
        t = self.trajectory
        return t.xs + ((t.exit_x,) if t.exit_x is not None else ())

    def drawn_xs(self) -> tuple[float, ...]:
        """The positions a scene plays, so that its step counter ends on the count the run's sentence says:
        a run that leaves the drawn domain for good (diverged, or still away when its steps ran out) up to
        the step it leaves, so that step is seen (the ball becomes an arrowhead at the plot's edge and stays
        there, even when it is step 1); a run that converged into the flat stretch of a minimum up to the
        step it arrived (`nit`: the steps after it only make sure it stays); a run stopped by a pole before
        the step that would cross it; any other run whole."""
        xs, gone, t = self.positions(), self.exit_step(), self.trajectory
        if t.outcome == "pole":  # the ball stops before the step that would cross the pole
            return t.xs
        if gone is not None and (t.outcome == "diverged" or self.left()):
            return xs[:gone + 1]
        if t.outcome == "converged" and self.kink() is None:
            return xs[:t.nit + 1]
        return xs

    def left(self) -> bool:
        """A run still moving or stuck when its steps ran out, outside the drawn domain: it left the plot."""
        a, b = self.analysis.domain
        return self.trajectory.outcome in ("max_steps", "stalled") and not a <= self.trajectory.final_x <= b

    def exit_step(self) -> int | None:
        """The first step whose x is outside the drawn domain (None when the run stays inside)."""
        a, b = self.analysis.domain
        return next((k for k, x in enumerate(self.positions()) if not a <= x <= b), None)

    def kink(self):
        """(the kinked minimum, the band) a run decided by mathcore's kink rule bounces around: the band is
        the largest step among the last iterates the rule looked at (None for any other run)."""
        t = self.trajectory
        if t.outcome not in ("converged", "oscillating"):
            return None
        kinked = self.analysis.landscape.kinked_minima
        kinks = [p for p in self.analysis.critical_points if p.kind == "min" and p.x in kinked]
        window = t.xs[-KINK_WINDOW - 1:]  # the iterates mathcore's kinked-minimum rule looked at
        if len(t.xs) <= KINK_WINDOW:
            return None
        band = max((abs(q - p) for p, q in zip(window, window[1:])), default=0.0)
        point = next((p for p in kinks if all(abs(x - p.x) <= band for x in window[1:])), None)
        return None if point is None else (point, band)

    def bottom(self):
        """The minimum a converged run reached: a flat minimum it ended in, else the nearest minimum."""
        t, analysis = self.trajectory, self.analysis
        slack = 1e-6 * analysis.function.width
        flat = next((e for e in analysis.flat_extrema if e.kind == "min"
                     and e.start - slack <= t.final_x <= e.end + slack), None)
        if flat is not None:
            return flat
        minima = [p for p in analysis.critical_points if p.kind == "min"] + \
            [EndMinimum(x, sp.Rational(repr(x))) for x in analysis.landscape.end_minima]
        return min(minima, key=lambda p: abs(p.x - t.final_x)) if minima else None

    def claim(self, count: int, exit_step: int | None = None, target: float | None = None) -> claims.Run:
        """What the run's sentence asserts: its outcome, the count it says, where the counter stops, the step
        it leaves the plot at (when it says so), checked by mathcore.verify against the run done again."""
        t, analysis, kink = self.trajectory, self.analysis, self.kink()
        return claims.Run(analysis.function.text, analysis.domain, optimizer=t.optimizer, start=t.start, lr=t.lr,
                          momentum=t.momentum, steps=t.steps, outcome=t.outcome, count=count,
                          drawn=len(self.drawn_xs()) - 1, threshold=analysis.landscape.slope_threshold,
                          xs=self.positions(), exit_step=exit_step, rule="kink" if kink else "",
                          kink=kink[0].x if kink else None, band=kink[1] if kink else None, target=target)

    def result(self) -> Statement:
        """The run's outcome as a sentence that holds for it, with the count mathcore reports (`nit`): the
        step it left the drawn domain at, the kink it bounces around, the minimum it converged to (written
        as sections 1 and 2 write it); with the claims it makes (`claim`)."""
        t = self.trajectory
        n, width = Steps(t.nit), self.analysis.function.width
        a, b = (Num(v) for v in self.analysis.domain)
        subject = (self.analysis.function.text, self.analysis.domain)
        gone = self.exit_step()
        if t.outcome == "diverged":
            k = gone if gone is not None else t.nit
            return SHARED.say("run.diverged", a=a, b=b, k=k, claims=(self.claim(k, gone),))
        if t.outcome == "pole":
            pole = min(self.analysis.function.poles, key=lambda p: abs(p - t.xs[-1]))
            exact = next((e.exact for e in self.analysis.function.excluded if e.x == pole), None)
            return SHARED.say("run.pole", k=t.nit, p=Exact(pole, exact, relation=True),
                              claims=(self.claim(t.nit, gone if gone is not None and gone < t.nit else None),))
        if self.left():
            return SHARED.say("run.left", a=a, b=b, m=gone, n=n, x=Pos(t.final_x, width),
                              claims=(self.claim(t.nit, gone),))
        kink = self.kink()
        if kink is not None:
            key = "run.converged_kink" if t.outcome == "converged" else "run.oscillating_kink"
            return SHARED.say(key, n=n, k=t.nit, x=point_field(kink[0], relation=True), band=Num(kink[1]),
                              claims=(self.claim(t.nit), point_claims(self.analysis, kink[0])[0]))
        if t.outcome == "oscillating":
            if gone is not None:
                return SHARED.say("run.oscillating_out", k=t.nit, a=a, b=b, m=gone, claims=(self.claim(t.nit, gone),))
            return SHARED.say("run.oscillating", k=t.nit, claims=(self.claim(t.nit),))
        if t.outcome == "converged":
            bottom = self.bottom()
            if isinstance(bottom, FlatExtremum):
                return SHARED.say("run.converged_flat", n=n, lo=Num(bottom.start), hi=Num(bottom.end),
                                  x=Pos(t.final_x, width), claims=(self.claim(t.nit),))
            return SHARED.say("run.converged", n=n, x=point_field(bottom, relation=True),
                              claims=(self.claim(t.nit, target=bottom.x), *point_claims(self.analysis, bottom)))
        if t.outcome == "max_steps" and slides(self.analysis):  # no bottom to reach: it slides on
            first, last = abs(t.slopes[0]), abs(t.slopes[-1])
            if last < first:  # the slope flattened under the ball (tanh's tail)
                said = claims.SlopeAt(*subject, x=t.final_x, size=last, bound=first)
                return SHARED.say("run.slide", n=n, x=Pos(t.final_x, width), g=Num(last), g0=Num(first),
                                  claims=(self.claim(t.nit), said))
            # towards a steeper stretch (atan from x = 5 towards 0): not slowing down
            said = claims.SlopeAt(*subject, x=t.start, size=first, bound=last)
            return SHARED.say("run.slide_on", n=n, x=Pos(t.final_x, width), g=Num(last), g0=Num(first),
                              claims=(self.claim(t.nit), said))
        passing = t.outcome == "max_steps" and self.analysis.landscape.reached(t.final_x, width)
        return SHARED.say("run.passing" if passing else f"run.{t.outcome}", n=n, x=Pos(t.final_x, width),
                          claims=(self.claim(t.nit),))

    def to_json(self) -> dict:
        """The manifest's summary of the run (by hand: a view of mathcore's trajectory and analysis, never read
        back as a Run)."""
        t = self.trajectory
        return {"role": self.role, "function": self.analysis.function.text, "domain": list(self.analysis.domain),
                "optimizer": t.optimizer, "start": t.start, "lr": t.lr, "momentum": t.momentum, "steps": t.steps,
                "nit": t.nit, "outcome": t.outcome, "final_x": t.final_x}


# the outcome each role claims (the manifest and the tests hold a run to it)
ROLE_OUTCOMES = {
    "plateau": ("stalled",), "slope": ("converged",), "slide": ("stalled", "max_steps"),
    "from_left": ("converged",), "from_right": ("converged",),
    "lr_small": ("max_steps",), "lr_good": ("converged",), "lr_large": ("oscillating", "diverged"),
    "escape_gd": ("stalled",), "escape": ("converged",),
}
