"""Section 1 `critical_points`: where the derivative is 0 (or does not exist), and a candidate that fails."""

from __future__ import annotations

import math
from dataclasses import dataclass

from lessons.params import SectionParams
from lessons.runs import point_field, points_field
from lessons.scale import zooms
from lessons.section_plan import SectionPlan
from lessons.text import Fn, Num

from ..planning import LessonContext, SectionError, SectionSpec
from .text import TEXT

say = TEXT.say


@dataclass(frozen=True)
class Params(SectionParams):
    counterexample: str = "x^3"  # shown when the function has no flat non-extremum of its own
    counterexample_domain: tuple[float, float] = (-1.5, 1.5)


def slope_field(value: float) -> Num | str:
    """A one-sided slope: its number, or ±∞ where it grows without bound."""
    return ("+∞" if value > 0 else "−∞") if math.isinf(value) else Num(value)


def tangent_statement(point):
    """How the graph meets a critical point, said as it is: a horizontal tangent, a kink with its two
    one-sided slopes, a cusp, or a vertical tangent (which exists: it is the line x = x₀)."""
    x = point_field(point, relation=True)
    if point.tangent == "horizontal":
        return say("cp.flat_here", x=x)
    return say(f"cp.{point.tangent}_here", x=x, left=slope_field(point.left_slope),
               right=slope_field(point.right_slope))


def plan(context: LessonContext, params: Params) -> SectionPlan:
    analysis = context.points(params)
    points = analysis.critical_points
    statements = [("tangent", say("cp.tangent")),
                  ("solve", say("cp.solve" if all(p.differentiable for p in points) else "cp.solve_kink",
                                a=Num(analysis.domain[0]), b=Num(analysis.domain[1]))),
                  ("candidates", say("cp.candidates"))]
    for i, point in enumerate(points):
        statements.append((f"point.{i}", tangent_statement(point)))
    for j, piece in enumerate(s for s in analysis.sign_chart if s.sign == "0"):  # f' ≡ 0 on an interval
        statements.append((f"flat.{j}", say("cp.flat_piece", lo=Num(piece.start), hi=Num(piece.end))))
    own = [p for p in points if p.kind == "neither" and p.differentiable]
    counter = None
    if own:
        statements.append(("counter", say("cp.own_counter", x=points_field(own))))
    else:
        counter = context.analysis(params.counterexample, params.counterexample_domain)
        flat = [p for p in counter.critical_points if p.kind == "neither" and p.differentiable]
        if not flat:
            raise SectionError(f"the counterexample {params.counterexample} has no flat non-extremum on its "
                               "domain")
        point = flat[0]
        trend = "trend.+" if point.left_sign == "+" else "trend.-"
        statements += [("counter", say("cp.counter", x=point_field(point, relation=True))),
                       ("counter_caption", say("cp.counter_caption", f=Fn(params.counterexample),
                                               x=point_field(point, relation=True),
                                               trend=TEXT.ref(trend)))]
    return context.base("critical_points", analysis, statements=tuple(statements), counterexample=counter,
                        zooms=zooms(analysis))


SECTION = SectionSpec(slug="critical_points", params=Params, plan=plan, text=TEXT)
