"""Section `saddle_points` (beyond the lesson; shown only when the lesson has a surface): f(x, y) as contours,
its critical points as minimum / maximum / saddle, the two slices through a saddle drawn as the one-variable
lesson draws them (a minimum one way, a maximum the other: neither), gradient arrows to scale, and descent
from beside the saddle: plain descent crawls, momentum or Adam leaves.

Every number said or drawn comes from mathcore: the points and kinds (mathcore.surface), the slices' kinds
(the one-variable analysis of each slice, whose claims the one-variable second method checks), the runs
(mathcore.surface_descent). A surface without a saddle point, or whose saddle the axis slices do not show as a
minimum one way and a maximum the other, or with no run pair that crawls and leaves, shows what it has: each
part is said only when its fact was checked.
"""

from __future__ import annotations

import math

import msgspec

from lessons.config import LessonConfig
from lessons.formulas import to_typst
from lessons.params import ConfigError, SectionParams
from lessons.runs import kind_claim
from lessons.section_plan import SectionExtra, SectionPlan
from lessons.text import Exact, Fn, Num, Steps
from mathcore import Analysis, LessonInputError, claims
from mathcore.surface import SurfacePoint
from mathcore.surface_analysis import analyze_surface
from mathcore.surface_descent import PlaneTrajectory, plane_landscape

from ..planning import LessonContext, SectionError, SectionSpec
from .demo import Arrow, Bands, above, arrows, bands, saddle_runs, slice_texts
from .explore import SurfaceTab, surface_tab
from .text import TEXT

say = TEXT.say


class Params(SectionParams):
    def __post_init__(self) -> None:
        """Its function is the lesson's surface: a function of x here would be silently ignored."""
        if self.function is not None or self.domain is not None:
            raise ConfigError("takes no function or domain: f(x, y) is the lesson's [surface] table")


class Marked(msgspec.Struct, frozen=True, kw_only=True):
    """A critical point as the map marks it."""

    x: float
    y: float
    kind: str
    value: float


class Slice(msgspec.Struct, frozen=True, kw_only=True):
    """f along one axis through the saddle: its one-variable analysis and the saddle's kind on it."""

    axis: str  # "x" or "y"
    analysis: Analysis
    at: float  # the saddle's coordinate along this axis
    kind: str  # "min" | "max"


class Extra(SectionExtra, frozen=True, kw_only=True):
    """The section's own data: the surface, its contour bands, arrows, marked points, the saddle's slices and the
    two runs in the plane (manifest `runs`)."""

    function: str
    typst: str  # f(x, y) as Typst math (lessons.formulas), for the formula on screen
    box: tuple[tuple[float, float], tuple[float, float]]
    bands: Bands
    arrows: tuple[Arrow, ...]
    points: tuple[Marked, ...]
    saddle: int | None = None  # the index in `points` of the saddle the section slices and descends by
    slices: tuple[Slice, ...] = ()
    runs: tuple[tuple[str, PlaneTrajectory], ...] = ()  # (role, run): "gd", then "fast"
    explore: tuple[SurfaceTab, ...] = ()  # the explorable after the clip: the grid around the two runs

    def explorable(self) -> tuple[SurfaceTab, ...]:
        return self.explore

    def manifest(self, fields: dict) -> dict:
        return {**fields, "function": self.function, "domain": list(self.box[0]),
                "runs": [{"role": role, "function": self.function, "domain": list(self.box[0]),
                          "ydomain": list(self.box[1]), "optimizer": t.optimizer, "start": list(t.start), "lr": t.lr,
                          "momentum": t.momentum, "steps": t.steps, "nit": t.nit, "outcome": t.outcome,
                          "final": list(t.final)} for role, t in self.runs]}

    def described(self, language: str) -> str:
        (a, b), (c, d) = self.box
        return TEXT.text("sp.shown", language, f=Fn(self.function), a=Num(a), b=Num(b), c=Num(c), d=Num(d))

    def run(self, role: str) -> PlaneTrajectory:
        return dict(self.runs)[role]


def has_surface(lesson: LessonConfig) -> bool:
    return lesson.surface is not None


def _exact(point: SurfacePoint, axis: str) -> Exact:
    return Exact(getattr(point, axis), getattr(point, f"{axis}_exact"))


def _point_statement(subject, point: SurfacePoint):
    return say("sp.point", x=_exact(point, "x"), y=_exact(point, "y"), kind=TEXT.ref(f"sp.kind.{point.kind}"),
               v=Exact(point.value, point.value_exact, relation=True),
               claims=(claims.SurfaceKind(*subject, x=point.x, y=point.y, kind=point.kind, value=point.value),))


def _slices(context: LessonContext, surface, point: SurfacePoint) -> tuple[Slice, ...]:
    """The two axis slices through the saddle, when their one-variable analyses find a minimum along one and a
    maximum along the other at the saddle (else none: a saddle such as xy shows neither along the axes)."""
    (a, b), (c, d) = surface.box
    found = []
    for axis, text, domain, at in zip("xy", slice_texts(surface, point), ((a, b), (c, d)), (point.x, point.y)):
        try:
            analysis = context.analysis(text, domain)
        except LessonInputError:
            return ()
        here = [p for p in analysis.critical_points if abs(p.x - at) <= 1e-9 * (domain[1] - domain[0])]
        if len(here) != 1 or here[0].kind not in ("min", "max"):
            return ()
        found.append(Slice(axis=axis, analysis=analysis, at=here[0].x, kind=here[0].kind))
    return tuple(found) if {s.kind for s in found} == {"min", "max"} else ()


def _run_statement(key: str, run: PlaneTrajectory, subject, threshold: float, saddle: SurfacePoint,
                   **fields):
    """A run's outcome as its sentence says it, with the claim the second method checks (mathcore.claims.PlaneRun)."""
    end = run.final
    if run.outcome == "converged":
        claim = claims.PlaneRun(*subject, optimizer=run.optimizer, start=run.start, lr=run.lr, momentum=run.momentum,
                                steps=run.steps, outcome=run.outcome, count=run.nit, threshold=threshold, xs=run.xs,
                                target=fields.pop("target"))
        return say(key, n=Steps(run.nit), claims=(claim,), **fields)
    radius = above(math.hypot(end[0] - saddle.x, end[1] - saddle.y))
    claim = claims.PlaneRun(*subject, optimizer=run.optimizer, start=run.start, lr=run.lr, momentum=run.momentum,
                            steps=run.steps, outcome=run.outcome, count=len(run.xs) - 1, threshold=threshold,
                            xs=run.xs, near=(saddle.x, saddle.y), radius=radius)
    return say(key, n=Steps(len(run.xs) - 1), r=Num(radius), claims=(claim,), **fields)


def _curvature(points: tuple[SurfacePoint, ...]) -> float:
    """The largest |eigenvalue| of the Hessian at a critical point (1 where there is none, or it is 0)."""
    largest = max((abs(v) for p in points for v in p.eigenvalues if math.isfinite(v)), default=0.0)
    return largest if largest > 0 else 1.0


def plan(context: LessonContext, params: Params) -> SectionPlan:
    given = context.lesson.surface
    if given is None:
        raise SectionError("the section saddle_points needs a surface: [surface] in the lesson file, or --surface")
    try:
        found = analyze_surface(given.function, given.box)
    except LessonInputError as problem:  # say which function (the lesson has two), once
        message = str(problem).removeprefix(f"{given.function.strip()}: ")
        raise SectionError(f"the surface f(x, y) = {given.function}: {message}") from None
    surface, points = found.surface, found.points
    (a, b), (c, d) = surface.box
    subject = (surface.text, (a, b), (c, d))
    statements = [("intro", say("sp.intro", f=Fn(surface.text))), ("arrows", say("sp.arrows"))]
    located = claims.SurfaceCriticalSet(*subject, points=tuple((p.x, p.y) for p in points))
    statements.append(("critical", say("sp.critical", n=len(points), claims=(located,)) if len(points) != 1
                       else say("sp.critical_one", claims=(located,))))
    statements += [(f"point.{i}", _point_statement(subject, p)) for i, p in enumerate(points)]
    saddles = [i for i, p in enumerate(points) if p.kind == "saddle"]
    choice, slices = None, ()
    for i in saddles:  # the first saddle the axis slices show as a minimum one way and a maximum the other
        slices = _slices(context, surface, points[i])
        if slices:
            choice = i
            break
    if choice is None and saddles:
        choice = saddles[0]
    runs: tuple = ()
    if choice is not None:
        saddle = points[choice]
        named = claims.SurfaceKind(*subject, x=saddle.x, y=saddle.y, kind="saddle", value=saddle.value)
        if slices:
            along = {s.axis: s for s in slices}
            statements.append(("slices", say(
                "sp.slices", x=_exact(saddle, "x"), y=_exact(saddle, "y"),
                along_x=TEXT.ref(f"kind.{along['x'].kind}"), along_y=TEXT.ref(f"kind.{along['y'].kind}"),
                claims=tuple(kind_claim(s.analysis, s.at, s.kind) for s in slices) + (named,))))
        statements.append(("neither", say("sp.neither", claims=(named,))))
        landscape = plane_landscape(surface, points)
        pair = saddle_runs(surface, saddle, landscape)
        if pair is not None:
            minimum = min((p for p in points if p.kind == "min"),
                          key=lambda p: math.hypot(p.x - pair.fast.final[0], p.y - pair.fast.final[1]))
            name = TEXT.ref("sp.momentum") if pair.fast.optimizer == "momentum" else "Adam"
            statements += [
                ("descent", say("sp.descent")),
                ("outcome.gd", _run_statement("sp.run.stalled", pair.gd, subject, landscape.threshold, saddle)),
                ("outcome.fast", _run_statement("sp.run.converged", pair.fast, subject, landscape.threshold, saddle,
                                                optimizer=name, x=_exact(minimum, "x"),
                                                y=_exact(minimum, "y"), target=(minimum.x, minimum.y))),
                ("why", say("sp.why" if pair.fast.optimizer == "momentum" else "sp.why_adam",
                            claims=(named,)))]
            runs = (("gd", pair.gd), ("fast", pair.fast))
    extra = Extra(function=surface.text, typst=to_typst(surface.expr), box=surface.box, bands=bands(surface),
                  arrows=arrows(surface),
                  points=tuple(Marked(x=p.x, y=p.y, kind=p.kind, value=p.value) for p in points), saddle=choice,
                  slices=slices, runs=runs,
                  explore=(surface_tab(surface.text, surface.box, runs, _curvature(points)),))
    analysis = slices[0].analysis if slices else context.main()
    return context.base("saddle_points", analysis, statements=tuple(statements), extra=extra)


SECTION = SectionSpec(slug="saddle_points", params=Params, plan=plan, text=TEXT, extra=Extra, shown=has_surface,
                      shown_when="the lesson has a surface ([surface] in the lesson file, or --surface EXPR "
                                 "--surface-domain A B C D, or a batch variant's surface = {function, domain})")
