"""Everything one section draws, computed by mathcore from the section's config.

Scenes read a `SectionData` and compute nothing; render.py builds the same data for every section before
rendering starts, so a function a section cannot show fails early with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass

from mathcore import Analysis, DescentRequest, LessonInputError, Trajectory, analyze
from mathcore.sigmoid import ChainFactor, chain_bounds
from mathcore.starts import plateau_start, starts_around_minimum, steep_start

from .config import LessonConfig, SectionConfig

MAX_SHOWN_POINTS = 9  # more critical points than this do not fit legibly on one graph


class SectionError(LessonInputError):
    """The section's function is valid but the section cannot show it well."""


@dataclass(frozen=True)
class SectionData:
    lesson: str
    language: str
    config: SectionConfig
    analysis: Analysis
    counterexample: Analysis | None = None  # an x³-type flat non-extremum, when `analysis` has none
    plateau: Analysis | None = None  # the plateau section's loss (for the escape run and the recap)
    runs: tuple[tuple[str, Trajectory], ...] = ()
    chain: tuple[ChainFactor, ...] = ()

    def run(self, name: str) -> Trajectory:
        for key, trajectory in self.runs:
            if key == name:
                return trajectory
        raise KeyError(name)

    def runs_named(self, prefix: str) -> tuple[Trajectory, ...]:
        return tuple(t for key, t in self.runs if key.startswith(prefix))


def _analysis(function: str, domain: tuple[float, float]) -> Analysis:
    return analyze(function, domain[0], domain[1])


def _needs_points(cfg: SectionConfig, analysis: Analysis) -> None:
    count = len(analysis.critical_points)
    if count == 0:
        raise SectionError(f"{cfg.function} has no critical point on [{cfg.domain[0]:g}, {cfg.domain[1]:g}]: "
                           "this section would have nothing to show; choose another function or domain")
    if count > MAX_SHOWN_POINTS:
        raise SectionError(f"{cfg.function} has {count} critical points on [{cfg.domain[0]:g}, "
                           f"{cfg.domain[1]:g}], too many to show legibly (at most {MAX_SHOWN_POINTS}); "
                           "narrow the domain")


def _critical_points(lesson: LessonConfig, cfg: SectionConfig) -> SectionData:
    analysis = _analysis(cfg.function, cfg.domain)
    _needs_points(cfg, analysis)
    counterexample = None
    if not any(p.kind == "neither" for p in analysis.critical_points):
        counterexample = _analysis(cfg.counterexample, cfg.counterexample_domain)
        if not any(p.kind == "neither" for p in counterexample.critical_points):
            raise SectionError(f"the counterexample {cfg.counterexample} has no flat non-extremum on its domain")
    return SectionData(lesson.slug, lesson.language, cfg, analysis, counterexample=counterexample)


def _minima_vs_maxima(lesson: LessonConfig, cfg: SectionConfig) -> SectionData:
    analysis = _analysis(cfg.function, cfg.domain)
    _needs_points(cfg, analysis)
    return SectionData(lesson.slug, lesson.language, cfg, analysis)


def _stall_run(analysis: Analysis, cfg: SectionConfig) -> Trajectory:
    start = plateau_start(analysis, cfg.start)
    return analysis.run(DescentRequest(start=start, lr=cfg.lr, steps=cfg.steps))


def _plateaus(lesson: LessonConfig, cfg: SectionConfig) -> SectionData:
    analysis = _analysis(cfg.function, cfg.domain)
    steep = analysis.run(DescentRequest(start=steep_start(analysis, cfg.contrast_start), lr=cfg.lr, steps=cfg.steps))
    return SectionData(lesson.slug, lesson.language, cfg, analysis, plateau=analysis,
                       runs=(("steep", steep), ("stall", _stall_run(analysis, cfg))),
                       chain=chain_bounds(cfg.sigmoid_depths))


def _gradient_descent(lesson: LessonConfig, cfg: SectionConfig) -> SectionData:
    analysis = _analysis(cfg.function, cfg.domain)
    if not any(p.kind == "min" for p in analysis.critical_points):
        raise SectionError(f"{cfg.function} has no local minimum on [{cfg.domain[0]:g}, {cfg.domain[1]:g}] "
                           "for gradient descent to reach; choose another function or domain")
    left, right = starts_around_minimum(analysis, cfg.start_left, cfg.start_right)
    runs = [("left", analysis.run(DescentRequest(start=left, lr=cfg.lr, steps=cfg.steps))),
            ("right", analysis.run(DescentRequest(start=right, lr=cfg.lr, steps=cfg.steps)))]
    for lr in cfg.learning_rates or (cfg.lr / 10, cfg.lr, cfg.lr * 10):
        runs.append((f"lr:{lr:g}", analysis.run(DescentRequest(start=right, lr=lr, steps=cfg.steps))))
    plateau_cfg = lesson.section("plateaus")
    plateau = _analysis(plateau_cfg.function, plateau_cfg.domain)
    stall = _stall_run(plateau, plateau_cfg)
    escape = plateau.run(DescentRequest(start=stall.start, optimizer=cfg.escape_optimizer, lr=cfg.escape_lr,
                                        steps=plateau_cfg.steps))
    runs += [("stall", stall), ("escape", escape)]
    return SectionData(lesson.slug, lesson.language, cfg, analysis, plateau=plateau, runs=tuple(runs))


def _conclusion(lesson: LessonConfig, cfg: SectionConfig) -> SectionData:
    analysis = _analysis(cfg.function, cfg.domain)
    plateau_cfg = lesson.section("plateaus")
    plateau = _analysis(plateau_cfg.function, plateau_cfg.domain)
    descent_cfg = lesson.section("gradient_descent")
    descent_fn = _analysis(descent_cfg.function, descent_cfg.domain)
    _, right = starts_around_minimum(descent_fn, descent_cfg.start_left, descent_cfg.start_right)
    runs = (("stall", _stall_run(plateau, plateau_cfg)),
            ("descent", descent_fn.run(DescentRequest(start=right, lr=descent_cfg.lr, steps=descent_cfg.steps))))
    return SectionData(lesson.slug, lesson.language, cfg, analysis, plateau=plateau, runs=runs)


_RUN_FIELDS = ("function", "domain", "start", "lr", "steps")
DEPENDS_ON = {  # the fields of other sections' configs that a section's data reads (for content keys)
    "gradient_descent": {"plateaus": _RUN_FIELDS},
    "conclusion": {"plateaus": _RUN_FIELDS,
                   "gradient_descent": ("function", "domain", "start_left", "start_right", "lr", "steps")},
}

BUILDERS = {
    "critical_points": _critical_points,
    "minima_vs_maxima": _minima_vs_maxima,
    "plateaus": _plateaus,
    "gradient_descent": _gradient_descent,
    "conclusion": _conclusion,
}


def section_data(lesson: LessonConfig, slug: str) -> SectionData:
    """The data of one section; any user-facing problem is raised naming the section."""
    cfg = lesson.section(slug)
    try:
        return BUILDERS[slug](lesson, cfg)
    except LessonInputError as problem:
        raise type(problem)(f"section {slug}: {problem}") from None
