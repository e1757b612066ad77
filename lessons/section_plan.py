"""What a section will show: the function it draws, the runs, and every sentence, each one a checked fact.

A spec's `plan()` builds a `SectionPlan` from mathcore's results; a scene draws it and decides no wording:
it asks `plan.say(name)` for a statement, and a statement exists only when the plan checked its fact for
the function drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mathcore import Analysis, Trajectory
from mathcore.descent import KINK_WINDOW
from mathcore.sigmoid import ChainFactor

from .catalog import Exact, Pos, Ref, text


@dataclass(frozen=True)
class Statement:
    """A catalog string and its fields (Num, Exact, Ref, Fn or plain values), written in any language."""

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def text(self, language: str) -> str:
        return text(self.key, language, **dict(self.fields))


def say(key: str, **fields: Any) -> Statement:
    return Statement(key, tuple(fields.items()))


def point_field(point, relation: bool = False) -> Exact:
    """A critical point's x for a statement: the same exact form its marker shows, when short."""
    return Exact(point.x, str(point.x_expr) if point.x_expr is not None else None, relation)


@dataclass(frozen=True)
class Run:
    """One descent run the section draws, with the role it plays (and the outcome that role claims)."""

    role: str
    trajectory: Trajectory
    analysis: Analysis = field(compare=False, repr=False)

    def exit_step(self) -> int | None:
        """The first step whose x is outside the drawn domain (None when the run stays inside)."""
        a, b = self.analysis.domain
        return next((k for k, x in enumerate(self.trajectory.xs) if not a <= x <= b), None)

    def kink(self):
        """The kinked minimum a converged run settled around (None for a smooth one)."""
        t = self.trajectory
        if t.outcome != "converged":
            return None
        kinks = [p for p in self.analysis.critical_points if p.kind == "min" and not p.differentiable]
        window = t.xs[-KINK_WINDOW - 1:]  # the iterates mathcore's kinked-minimum rule looked at
        step = max((abs(q - p) for p, q in zip(window, window[1:])), default=0.0)
        return next((p for p in kinks if abs(t.final_x - p.x) <= step + 1e-12), None)

    def result(self) -> Statement:
        """The run's outcome as a sentence that holds for it: the step it left the drawn domain at, the kink
        it settles around, 'within n steps' for a run that converged (it may have stopped at the budget)."""
        t = self.trajectory
        n = len(t.xs) - 1
        outcome = Ref(f"outcome.{t.outcome}")
        gone = self.exit_step()
        if gone is not None:
            return say("run.result_gone" if t.outcome == "diverged" else "run.result_out", outcome=outcome, n=gone)
        if t.outcome == "diverged":
            return say("run.result_gone", outcome=outcome, n=n)
        kink = self.kink()
        if kink is not None:
            return say("run.result_kink", outcome=outcome, n=n, x=point_field(kink, relation=True))
        x = Pos(t.final_x, self.analysis.function.width)
        return say("run.result_within" if t.outcome == "converged" else "run.result", outcome=outcome, n=n, x=x)

    def to_json(self) -> dict:
        t = self.trajectory
        return {"role": self.role, "function": self.analysis.function.text, "domain": list(self.analysis.domain),
                "optimizer": t.optimizer, "start": t.start, "lr": t.lr, "momentum": t.momentum, "steps": t.steps,
                "outcome": t.outcome, "final_x": t.final_x}


# the outcome each role claims (the manifest and the tests hold a run to it)
ROLE_OUTCOMES = {
    "plateau": ("stalled",), "slope": ("converged",),
    "from_left": ("converged",), "from_right": ("converged",),
    "lr_small": ("max_steps",), "lr_good": ("converged",), "lr_large": ("oscillating", "diverged"),
    "escape_gd": ("stalled",), "escape": ("converged",),
}


@dataclass(frozen=True)
class SectionPlan:
    slug: str
    number: int
    lesson: str
    language: str
    analysis: Analysis  # the function the section draws (the main one, or its own when `substitute`)
    statements: tuple[tuple[str, Statement], ...] = ()
    runs: tuple[Run, ...] = ()
    substitute: str | None = None  # why the section draws its own function instead of the main one
    counterexample: Analysis | None = None  # section 1: an x³-type point when f has none
    plateau: Analysis | None = None  # the plateau section's function (section 4's escape, section 5)
    descent: Analysis | None = None  # the gradient-descent section's function (section 5)
    chain: tuple[ChainFactor, ...] = ()

    @property
    def stem(self) -> str:
        return f"{self.number:02d}_{self.slug}"

    def say(self, name: str) -> Statement:
        return dict(self.statements)[name]

    def has(self, name: str) -> bool:
        return name in dict(self.statements)

    def run(self, role: str) -> Trajectory:
        return self.run_entry(role).trajectory

    def result(self, role: str) -> Statement:
        return self.run_entry(role).result()

    def run_entry(self, role: str) -> Run:
        for run in self.runs:
            if run.role == role:
                return run
        raise KeyError(role)

    def has_run(self, role: str) -> bool:
        return any(run.role == role for run in self.runs)

    def manifest(self) -> dict:
        return {"function": self.analysis.function.text, "domain": list(self.analysis.domain),
                "substitute": self.substitute, "runs": [run.to_json() for run in self.runs]}
