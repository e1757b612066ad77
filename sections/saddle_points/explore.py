"""The explorable after the section's clip, in the plane: a student clicks a start on the contour map (or moves
x₀ and y₀), picks η and the optimizer, and sees the run mathcore made from there, said in a sentence whose
claims the second method checks. Every run of the grid is computed at render time; the page looks one up.

Kept small (one data file within the explorable's budget, pipeline.pages.explorable): starts on a round
lattice of at most LATTICE points per side plus the video's start; a few rates per optimizer on the 1-2-5
scale from the video's η upwards (Adam: fractions of the box); each run's path as two strings of map
positions, delta-coded as the graph's (lessons.explore.encode_path), a point at rest one repeat code; the
contour bands run-length coded; each distinct sentence once. A grid still too large loses every other start
on each side (`thinned`)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import ClassVar

from lessons.explore import OUTCOMES, START_STEPS, WORDS, encode_path, multiples, rate_ladder, typed
from lessons.formulas import plain_exact
from lessons.numbers import plain_function
from lessons.text import Exact, Num, Statement, Steps
from mathcore import claims
from mathcore.surface import Surface
from mathcore.surface_analysis import SurfaceAnalysis, analyze_surface
from mathcore.surface_descent import PlaneLandscape, PlaneTrajectory, descend_plane, plane_landscape

from .demo import BANDS, above, bands
from .text import TEXT

LATTICE = 81  # starts on the lattice at most (square cells of a round side; the video's start adds a row and column)
MIN_SIDE = 5  # thinning stops when a side has this few starts
RATE_STEPS = (1, 3)  # the rates' log scale: 1-3 × a power of ten (four rates span the video's η to 30 times it)
PLAIN_SPAN = 30.0  # plain descent and momentum: η from the video's up to this many times it
UNSHOWN_SPAN = (0.03, 3.0)  # plain η over the largest curvature at a critical point, when the video shows no run
ADAM_SPAN = (0.01, 0.1)  # Adam's η: these fractions of the box's shorter side, and the video's
MAP = 1000  # map units along the box's longer side (equal scales on both axes, as the video draws it)
LEAST_SIDE = 0.45  # the shorter side is at least this fraction of the longer (as the video's map)
RUN = 64  # a band's run longer than this is cut (one character codes its length)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass(frozen=True)
class SurfaceTab:
    """The section's grid: the surface, its starts (a lattice, x by y), rates per optimizer, and the video's
    runs, (role, optimizer, x₀, y₀, η)."""

    kind: ClassVar[str] = "surface"
    function: str
    box: tuple[tuple[float, float], tuple[float, float]]
    steps: int
    momentum: float
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    rates: tuple[tuple[str, tuple[float, ...]], ...]
    shown: tuple[tuple[str, str, float, float, float], ...]

    def data(self, language: str) -> dict:
        return tab_data(self, language)

    def sample_claims(self, count: int) -> list:
        """The claims of `count` runs of the grid, evenly spread over it."""
        everything = list(grid_runs(self))
        chosen = everything[::max(1, len(everything) // count)][:count]
        return [claim for entry in chosen for claim in run_statement(self, grid_run(self, *entry)).claims]

    def thinned(self) -> SurfaceTab | None:
        """Every other start on each side (the video's kept); None when the lattice is small already."""
        if min(len(self.xs), len(self.ys)) <= MIN_SIDE:
            return None
        def every_other(values: tuple[float, ...], kept: set[float]) -> tuple[float, ...]:
            lattice = [v for v in values if v not in kept]
            return tuple(sorted(set(lattice[::2]) | kept))
        return SurfaceTab(self.function, self.box, self.steps, self.momentum,
                          every_other(self.xs, {x for _, _, x, _, _ in self.shown}),
                          every_other(self.ys, {y for _, _, _, y, _ in self.shown}), self.rates, self.shown)


def surface_tab(function: str, box, runs: tuple[tuple[str, PlaneTrajectory], ...],
                curvature: float = 1.0, steps: int = 100) -> SurfaceTab:
    """The grid around the video's runs: their starts on the lattice, their rates on the ladders. Without runs
    (a surface with no saddle to crawl by: a bowl, a long valley), plain η spans 0.03 to 3 over the largest
    curvature at a critical point (descent is stable below 2 over it: the ladder crosses that line)."""
    trajectories = [t for _, t in runs]
    steps = max((t.steps for t in trajectories), default=steps)
    momentum = next((t.momentum for t in trajectories if t.optimizer == "momentum"), 0.9)
    (a, b), (c, d) = box
    plain = tuple(t.lr for t in trajectories if t.optimizer in ("gd", "momentum"))
    if plain:
        ladder = rate_ladder(min(plain), min(plain) * PLAIN_SPAN, plain, RATE_STEPS)
    else:
        ladder = rate_ladder(UNSHOWN_SPAN[0] / curvature, UNSHOWN_SPAN[1] / curvature, (), RATE_STEPS)
    side = min(b - a, d - c)
    adam = rate_ladder(ADAM_SPAN[0] * side, ADAM_SPAN[1] * side, tuple(t.lr for t in trajectories
                                                                       if t.optimizer == "adam"), RATE_STEPS)
    step = lattice_step(box)
    xs = _multiples(a, b, step, tuple(t.start[0] for t in trajectories))
    ys = _multiples(c, d, step, tuple(t.start[1] for t in trajectories))
    shown = tuple((role, t.optimizer, t.start[0], t.start[1], t.lr) for role, t in runs)
    return SurfaceTab(function, box, steps, momentum, xs, ys, (("gd", ladder), ("momentum", ladder), ("adam", adam)),
                      shown)


def _multiples(low: float, high: float, step: float, wanted: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(sorted(set(multiples(low, high, step)) | set(wanted)))


def lattice_step(box) -> float:
    """The roundest side of a square cell (1, 2, 2.5 or 5 × a power of ten) that puts at most LATTICE starts
    in the box."""
    (a, b), (c, d) = box
    power = 10.0 ** math.floor(math.log10(math.sqrt((b - a) * (d - c) / LATTICE)) - 1)
    return next(step for step in (s * power * scale for scale in (1, 10, 100) for s in START_STEPS)
                if len(multiples(a, b, step)) * len(multiples(c, d, step)) <= LATTICE)


@functools.lru_cache(maxsize=4)
def _found(function: str, box) -> tuple[SurfaceAnalysis, PlaneLandscape]:
    found = analyze_surface(function, box)
    return found, plane_landscape(found.surface, found.points)


def grid_runs(tab: SurfaceTab):
    """Every (optimizer, rate, x₀, y₀) of the grid, in the order the page stores them (x fastest)."""
    for optimizer, rates in tab.rates:
        for lr in rates:
            for y in tab.ys:
                for x in tab.xs:
                    yield optimizer, lr, x, y


def grid_run(tab: SurfaceTab, optimizer: str, lr: float, x: float, y: float) -> PlaneTrajectory:
    found, landscape = _found(tab.function, tab.box)
    return descend_plane(found.surface, (x, y), landscape, optimizer, lr, tab.steps, tab.momentum)


def _rounded(value: float, size: float) -> float:
    """A position as the sentence writes it: to a thousandth of the box's diagonal, a round decimal."""
    unit = 10.0 ** (math.floor(math.log10(size)) - 2)
    return round(round(value / unit) * unit, 12) + 0.0


def _exact(point, axis: str) -> Exact:
    return Exact(getattr(point, axis), getattr(point, f"{axis}_exact"))


def _outside(surface: Surface, p) -> bool:
    return not surface.inside(*p)


def run_statement(tab: SurfaceTab, run: PlaneTrajectory) -> Statement:
    """The run's outcome as a sentence that holds for it, with the claims the second method checks."""
    found, landscape = _found(tab.function, tab.box)
    surface, points = found.surface, found.points
    (a, b), (c, d) = surface.box
    subject = (surface.text, (a, b), (c, d))
    say = TEXT.say

    def claim(count: int, **fields) -> claims.PlaneRun:
        return claims.PlaneRun(*subject, optimizer=run.optimizer, start=run.start, lr=run.lr, momentum=run.momentum,
                               steps=run.steps, outcome=run.outcome, count=count, threshold=landscape.threshold,
                               xs=run.xs, **fields)

    end = run.final
    if run.outcome == "converged":
        minimum = min((p for p in points if p.kind == "min"), key=lambda p: math.hypot(p.x - end[0], p.y - end[1]))
        kind = claims.SurfaceKind(*subject, x=minimum.x, y=minimum.y, kind="min", value=minimum.value)
        return say("sp.x.converged", n=Steps(run.nit), x=_exact(minimum, "x"), y=_exact(minimum, "y"),
                   claims=(claim(run.nit, target=(minimum.x, minimum.y)), kind))
    if run.outcome == "oscillating":
        return say("sp.x.oscillating", k=run.nit, claims=(claim(run.nit),))
    if run.outcome == "diverged":
        gone = next((k for k, p in enumerate(run.xs) if _outside(surface, p)), None)
        if gone is None:  # ∇f undefined inside the box, or the step past the last iterate leaves it
            return say("sp.x.diverged_next", k=len(run.xs), claims=(claim(len(run.xs), exit_step=len(run.xs)),))
        return say("sp.x.diverged", k=gone, claims=(claim(gone, exit_step=gone),))
    steps = len(run.xs) - 1
    if run.outcome == "stalled" and points:
        near = min(points, key=lambda p: math.hypot(p.x - end[0], p.y - end[1]))
        radius = above(math.hypot(near.x - end[0], near.y - end[1]))
        if radius <= 0.05 * surface.size:
            return say("sp.x.stalled_near", n=Steps(steps), r=Num(radius), kind=TEXT.ref(f"sp.kind.{near.kind}"),
                       x=_exact(near, "x"), y=_exact(near, "y"),
                       claims=(claim(steps, near=(near.x, near.y), radius=radius),))
    said = (_rounded(end[0], surface.size), _rounded(end[1], surface.size))
    radius = max(above(math.hypot(said[0] - end[0], said[1] - end[1])), 1e-12)
    gone = next((k for k, p in enumerate(run.xs) if _outside(surface, p)), None)
    if gone is not None:  # drawn at the map's edge from that step on: the sentence says where it went
        return say("sp.x.left", m=gone, n=Steps(steps), x=Num(said[0], 12), y=Num(said[1], 12),
                   claims=(claim(steps, near=said, radius=radius, exit_step=gone),))
    key = "sp.x.stalled" if run.outcome == "stalled" else "sp.x.max_steps"
    return say(key, n=Steps(steps), x=Num(said[0], 12), y=Num(said[1], 12),
               claims=(claim(steps, near=said, radius=radius),))


def _position(tab: SurfaceTab, width: int, height: int):
    (a, b), (c, d) = tab.box

    def at(x: float, y: float) -> tuple[int, int]:
        """The map's column and row of (x, y) (row 0 at the top), clamped to the box: a run that leaves is
        drawn at the edge."""
        x, y = min(max(x, a), b), min(max(y, c), d)
        return round((x - a) / (b - a) * (width - 1)), round((d - y) / (d - c) * (height - 1))
    return at


def map_size(box) -> tuple[int, int]:
    (a, b), (c, d) = box
    longest = max(b - a, d - c)
    return (round(MAP * max((b - a) / longest, LEAST_SIDE)), round(MAP * max((d - c) / longest, LEAST_SIDE)))


def run_length(row: str) -> str:
    """A row of band digits as (band, length) pairs, one character each."""
    out, i = [], 0
    while i < len(row):
        j = i
        while j < len(row) and row[j] == row[i] and j - i < RUN:
            j += 1
        out += [row[i], ALPHABET[j - i - 1]]
        i = j
    return "".join(out)


def tab_data(tab: SurfaceTab, language: str) -> dict:
    """Every run of the grid, run by mathcore, with the map it is drawn on, as the page reads it."""
    found, _ = _found(tab.function, tab.box)
    surface = found.surface
    width, height = map_size(tab.box)
    at = _position(tab, width, height)
    contours = bands(surface)
    sentences: dict[str, int] = {}
    runs = {}
    for optimizer, rates in tab.rates:
        outcome, nit, say, columns, rows = [], [], [], [], []
        for lr in rates:
            for y in tab.ys:
                for x in tab.xs:
                    run = grid_run(tab, optimizer, lr, x, y)
                    text = run_statement(tab, run).text(language)
                    outcome.append(str(OUTCOMES.index(run.outcome)))
                    nit.append(run.nit)
                    say.append(sentences.setdefault(text, len(sentences)))
                    places = [at(*p) for p in run.xs]
                    columns.append(encode_path([p[0] for p in places]))
                    rows.append(encode_path([p[1] for p in places]))
        runs[optimizer] = {"outcome": "".join(outcome), "nit": nit, "say": say, "path": columns, "pathY": rows}
    (a, b), (c, d) = tab.box
    comma = "; " if language == "vi" else ", "
    points = [{"column": at(p.x, p.y)[0], "row": at(p.x, p.y)[1], "kind": p.kind,
               "label": f"({plain_exact(p.x, p.x_exact, language)}{comma}{plain_exact(p.y, p.y_exact, language)})",
               "name": TEXT.text(f"sp.kind.{p.kind}", language)} for p in found.points]
    shown = [{"role": role, "label": TEXT.text(f"sp.role.{role}", language), "optimizer": o,
              "x": tab.xs.index(x), "y": tab.ys.index(y), "rate": dict(tab.rates)[o].index(lr)}
             for role, o, x, y, lr in tab.shown]
    words = {key: entry[language] for key, entry in WORDS.items()}
    return {
        "kind": tab.kind, "name": "f", "function": surface.text,
        "formula": f"f(x, y) = {plain_function(surface.text, language)}",
        "box": [list(tab.box[0]), list(tab.box[1])],
        "boxLabels": [[typed(v, language) for v in (a, b)], [typed(v, language) for v in (c, d)]],
        "label": words["tab.surface"], "steps": tab.steps, "momentum": tab.momentum,
        "stepsLabel": words["steps" if tab.shown else "stepsOwn"].format(n=tab.steps),
        "optimizerLabels": {"gd": words["gd"], "momentum": words["momentum"].format(mu=typed(tab.momentum, language)),
                            "adam": words["adam"]},
        "width": width, "height": height,
        "bands": {"columns": len(contours.rows[0]), "count": BANDS,
                  "rows": [run_length(row) for row in reversed(contours.rows)]},
        "points": points,
        "xs": list(tab.xs), "ys": list(tab.ys),
        "xLabels": [typed(v, language) for v in tab.xs], "yLabels": [typed(v, language) for v in tab.ys],
        "startColumns": [at(x, c)[0] for x in tab.xs], "startRows": [at(a, y)[1] for y in tab.ys],
        "rates": {o: list(r) for o, r in tab.rates},
        "rateLabels": {o: [typed(v, language) for v in r] for o, r in tab.rates},
        "shown": shown, "sentences": list(sentences), "runs": runs,
    }


__all__ = ["SurfaceTab", "run_statement", "surface_tab", "tab_data"]
