"""What a section will show: the function it draws, the runs, and every sentence, each one a checked fact.

A section's `plan()` builds a `SectionPlan` from mathcore's results; a scene draws it and decides no
wording: it asks `plan.say(name)` for a statement, and a statement exists only when the plan checked its
fact for the function drawn. A plan is made once, in the process that plans the lesson, and handed to the
worker that draws it as a record (`to_record`/`from_record`, one pair for both sides).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from mathcore import Analysis, Trajectory
from mathcore.descent import KINK_WINDOW
from mathcore.records import analysis_from_record, analysis_record, trajectory_from_record, trajectory_record
from mathcore.sigmoid import ChainFactor

from .catalog import SHARED
from .text import Exact, Pos, Statement


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
        outcome = SHARED.ref(f"outcome.{t.outcome}")
        gone = self.exit_step()
        if gone is not None:
            return SHARED.say("run.result_gone" if t.outcome == "diverged" else "run.result_out", outcome=outcome,
                              n=gone)
        if t.outcome == "diverged":
            return SHARED.say("run.result_gone", outcome=outcome, n=n)
        kink = self.kink()
        if kink is not None:
            return SHARED.say("run.result_kink", outcome=outcome, n=n, x=point_field(kink, relation=True))
        x = Pos(t.final_x, self.analysis.function.width)
        return SHARED.say("run.result_within" if t.outcome == "converged" else "run.result", outcome=outcome, n=n,
                          x=x)

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

    def to_record(self) -> dict:
        """Everything the section shows, as JSON: what a worker draws from (it plans nothing itself) and what
        the section's content key names. Analyses are written once and referred to by number."""
        analyses: list[dict] = []
        numbers: dict[tuple, int] = {}

        def ref(analysis: Analysis | None) -> int | None:
            if analysis is None:
                return None
            key = (analysis.function.text, analysis.domain)
            if key not in numbers:
                numbers[key] = len(analyses)
                analyses.append(analysis_record(analysis))
            return numbers[key]
        return {"slug": self.slug, "number": self.number, "lesson": self.lesson, "language": self.language,
                "analysis": ref(self.analysis),
                "statements": [[name, statement.to_record()] for name, statement in self.statements],
                "runs": [{"role": run.role, "trajectory": trajectory_record(run.trajectory),
                          "analysis": ref(run.analysis)} for run in self.runs],
                "substitute": self.substitute, "counterexample": ref(self.counterexample),
                "plateau": ref(self.plateau), "descent": ref(self.descent),
                "chain": [[factor.depth, factor.bound.p, factor.bound.q] for factor in self.chain],
                "analyses": analyses}

    @staticmethod
    def from_record(data: dict) -> SectionPlan:
        analyses = [analysis_from_record(record) for record in data["analyses"]]

        def at(index: int | None) -> Analysis | None:
            return None if index is None else analyses[index]
        return SectionPlan(slug=data["slug"], number=data["number"], lesson=data["lesson"],
                           language=data["language"], analysis=at(data["analysis"]),
                           statements=tuple((name, Statement.from_record(s)) for name, s in data["statements"]),
                           runs=tuple(Run(run["role"], trajectory_from_record(run["trajectory"]), at(run["analysis"]))
                                      for run in data["runs"]),
                           substitute=data["substitute"], counterexample=at(data["counterexample"]),
                           plateau=at(data["plateau"]), descent=at(data["descent"]),
                           chain=tuple(ChainFactor(depth, sp.Rational(p, q)) for depth, p, q in data["chain"]))
