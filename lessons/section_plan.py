"""What a section will show: the function it draws, the runs, and every sentence, each one a checked fact.

A section's `plan()` builds a `SectionPlan` from mathcore's results; a scene draws it and decides no
wording: it asks `plan.say(name)` for a statement, and a statement exists only when the plan checked its
fact for the function drawn. A plan is made once, in the process that plans the lesson, and handed to the
worker that draws it as a record (`to_record`/`from_record`, one pair for both sides).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from mathcore import Analysis, Trajectory
from mathcore.records import analysis_from_record, analysis_record, trajectory_from_record, trajectory_record
from mathcore.sigmoid import ChainFactor

from .explore import ExploreTab
from .runs import Run
from .scale import Zoom
from .text import Statement


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
    name: str = "f"  # what the section calls its function: the lesson's f, section 3's own loss L, section 4's g
    plateau_name: str = "f"  # the name section 3 gave the function of `plateau`
    descent_name: str = "f"  # the name section 4 gave the function of `descent`
    explore: tuple = ()  # section 4: the explorable's tabs (lessons.explore.ExploreTab), its grid run at render
    zooms: tuple[Zoom, ...] = ()  # the critical points the graph's scale cannot show as they are (too small to see,
    #                               or a rounded bottom that looks like a kink), each with its window

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

    def zoom(self, x: float) -> Zoom | None:
        """The zoomed view that shows the critical point at `x`, when the graph's scale cannot (lessons.scale)."""
        return next((zoom for zoom in self.zooms if zoom.x == x), None)

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
                "names": [self.name, self.plateau_name, self.descent_name],
                "explore": [tab.to_record(ref(tab.analysis)) for tab in self.explore],
                "zooms": [zoom.to_record() for zoom in self.zooms], "analyses": analyses}

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
                           chain=tuple(ChainFactor(depth, sp.Rational(p, q)) for depth, p, q in data["chain"]),
                           name=data["names"][0], plateau_name=data["names"][1], descent_name=data["names"][2],
                           explore=tuple(ExploreTab.from_record(tab, at(tab["analysis"]))
                                         for tab in data.get("explore", ())),
                           zooms=tuple(Zoom.from_record(zoom) for zoom in data.get("zooms", ())))
