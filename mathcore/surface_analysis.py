"""`analyze` for f(x, y) on a box: the critical points and their kinds, and (with a start) a descent run in
the plane. The JSON extends the one-variable contract: `ydomain` is present, points carry `y`, and
`descent.xs` is a list of [x, y] pairs, every iterate the run took."""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import from_a_person
from .surface import Surface, SurfacePoint, prepare_surface, surface_points
from .surface_descent import PlaneTrajectory, descend_plane, plane_landscape


@dataclass(frozen=True)
class SurfaceAnalysis:
    surface: Surface
    points: tuple[SurfacePoint, ...]
    descent: PlaneTrajectory | None = None

    def to_json(self) -> dict:
        """The `analyze --ydomain` contract (docs/reference/analyze.md), by hand as Analysis.to_json is."""
        (a, b), (c, d) = self.surface.box
        return {"function": self.surface.text, "domain": [a, b], "ydomain": [c, d],
                "critical_points": [p.to_json() for p in self.points],
                "descent": None if self.descent is None else self.descent.to_json()}


def analyze_surface(text: str, box, start: tuple[float, float] | None = None, optimizer: str = "gd",
                    lr: float = 0.01, steps: int = 1000, momentum: float = 0.9) -> SurfaceAnalysis:
    """f(x, y) on `box` = ((a, b), (c, d)), for a person's input: refused in one line when it cannot be
    analysed (the same static limits and guard as one variable)."""
    with from_a_person(text, "simplify the function or narrow the box"):
        surface = prepare_surface(text, box)
        points = surface_points(surface)
        run = None if start is None else descend_plane(surface, start, plane_landscape(surface, points),
                                                       optimizer, lr, steps, momentum)
        return SurfaceAnalysis(surface, points, run)
