"""Section 1 `critical_points`: where the derivative is 0 (or does not exist), and a candidate that fails."""

from __future__ import annotations

import math

import sympy as sp

from lessons.formulas import plain_equations, shown_exactly
from lessons.numbers import exact_digits
from lessons.params import SectionParams
from lessons.runs import point_claims, point_field, points_field
from lessons.scale import zooms
from lessons.section_plan import SectionPlan, Zoomed
from lessons.text import Equations, Exact, Fn, Members, Num, Points
from mathcore import Analysis, claims
from mathcore.solve import Move, Step
from mathcore.solving import Bracket, bracket, worked_solution

from ..planning import LessonContext, SectionError, SectionSpec
from .text import TEXT

say = TEXT.say


class Params(SectionParams):
    counterexample: str = "x^3"  # shown when the function has no flat non-extremum of its own
    counterexample_domain: tuple[float, float] = (-1.5, 1.5)


class Extra(Zoomed, frozen=True, kw_only=True):
    """Section 1's own data: the zoomed views of its points, and the counterexample it draws when the function
    has no flat non-extremum of its own (an x³-type point)."""

    counterexample: Analysis | None = None


def slope_field(value: float) -> Num | str:
    """A one-sided slope: its number, or ±∞ where it grows without bound."""
    return ("+∞" if value > 0 else "−∞") if math.isinf(value) else Num(value)


def tangent_statement(analysis: Analysis, point):
    """How the graph meets a critical point, said as it is: a horizontal tangent, a kink with its two
    one-sided slopes, a cusp, or a vertical tangent (which exists: it is the line x = x₀)."""
    x = point_field(point, relation=True)
    subject = (analysis.function.text, analysis.domain)
    made = (claims.Tangent(*subject, x=point.x, tangent=point.tangent, exact=point.x_expr, left=point.left_slope,
                          right=point.right_slope),
            claims.InDomain(*subject, x=point.x, exact=point.x_expr))
    if point.tangent == "horizontal":
        return say("cp.flat_here", x=x, claims=made)
    return say(f"cp.{point.tangent}_here", x=x, left=slope_field(point.left_slope),
               right=slope_field(point.right_slope), claims=made)


def excluded_field(analysis: Analysis) -> Points:
    """The points of [a; b] where f is undefined (its poles and holes), as a sentence lists places."""
    return Points(tuple(Exact(e.x, e.exact, relation=True) for e in analysis.function.excluded), conjunction=True)


def domain_statements(analysis: Analysis) -> list:
    """Where f is undefined (a pole, a hole), said when the graph is first drawn: the domain as a class writes
    it, D = [a; b] \\ {1} (only f's undefined points, each exact, are taken out: a rounded decimal is no member
    of a set), and each pole's vertical asymptote, the line x = … labelled on the graph (a hole is none)."""
    excluded = analysis.function.excluded
    if not excluded:
        return []
    subject = (analysis.function.text, analysis.domain)
    a, b = analysis.domain
    gaps = tuple(claims.Undefined(*subject, x=e.x, exact=e.exact) for e in excluded)
    if all(shown_exactly(e.exact) for e in excluded):
        domain = say("cp.domain", x=excluded_field(analysis), a=Num(a), b=Num(b),
                     members=Members(tuple(Exact(e.x, e.exact) for e in excluded)), claims=gaps)
    else:
        domain = say("cp.domain_near", x=excluded_field(analysis), claims=gaps)
    statements = [("domain", domain)]
    poles = [e for e in excluded if e.kind == "pole"]
    if poles:
        unbounded = tuple(claims.Unbounded(*subject, kind="min" if limit < 0 else "max", x=e.x, exact=e.exact)
                          for e in poles for limit in sorted({e.left, e.right}) if math.isinf(limit))
        lines = Points(tuple(Exact(e.x, e.exact, relation=True) for e in poles), conjunction=True)
        statements.append(("asymptote", say("cp.asymptotes" if len(poles) > 1 else "cp.asymptote", x=lines,
                                            claims=unbounded)))
    return statements


def none_statement(analysis: Analysis, complete: claims.CriticalSet):
    """f has no critical point: f′ keeps one sign all over (a, b), or, where f is undefined somewhere, f′ is 0
    nowhere and fails to exist only where f does."""
    subject = (analysis.function.text, analysis.domain)
    a, b = analysis.domain
    excluded = analysis.function.excluded
    if excluded:
        gaps = tuple(claims.Undefined(*subject, x=e.x, exact=e.exact) for e in excluded)
        return say("cp.none_undefined", x=excluded_field(analysis), claims=(complete, *gaps))
    sign = analysis.sign_chart[0].sign
    return say(f"cp.none_{'up' if sign == '+' else 'down'}", a=Num(a), b=Num(b),
               claims=(complete, claims.SignOn(*subject, lo=a, hi=b, sign=sign)))


MAX_LINES = 7  # lines of worked solving a lesson writes out; a longer chain is solved numerically on screen
MAX_EQUATIONS = 4  # equations on one line ("x = … hoặc x = …")
MAX_EQUATION_TEXT = 28  # characters of one equation as text (x = −arcsin(1/8 + √33/8) + π is too long to read)
MAX_LINE_TEXT = 56  # characters of a line as text: its caption stays within two lines and 7 s of speech
MAX_BRACKETS = 6  # zeros bracketed out loud, each on the board while it is said; the solution set lists them all


def readable(steps: tuple[Step, ...]) -> bool:
    """Whether the exact lines are what a class would write out: few lines, few and short equations."""
    return len(steps) <= MAX_LINES and all(
        len(step.equations) <= MAX_EQUATIONS and len(plain_equations(_line(step.equations).line, "vi")) <= MAX_LINE_TEXT
        and all(len(plain_equations(sp.Tuple(sp.Tuple(*equation)), "en")) <= MAX_EQUATION_TEXT
                for equation in step.equations) for step in steps)


def _line(equations) -> Equations:
    return Equations(sp.Tuple(*(sp.Tuple(*e) if isinstance(e, tuple) else e for e in equations)))


def step_statement(step: Step, claim: claims.Solving, domain: tuple[float, float]):
    """One line of the solving, said with what it did (factor, invert…) and its equations."""
    fields = {"eq": _line(step.equations)}
    key = f"cp.step.{step.move.value}"
    if step.never:
        fields["never"] = _line(step.never)
        key += "_never"
    if step.move is Move.IN_DOMAIN:  # as the set on screen: x ∈ {π/6; 5π/6}
        fields.update(eq=Equations(fields["eq"].line, members=True), a=Num(domain[0]), b=Num(domain[1]))
    return say(key, claims=(claim,), **fields)


def bracket_statement(analysis: Analysis, found: Bracket):
    """f′ has opposite signs at the two ends of a short interval: a zero lies inside (giải gần đúng)."""
    relation = {"+": ">", "-": "<"}
    return say("cp.bracket", lo=Num(found.lo, exact_digits(found.lo)), hi=Num(found.hi, exact_digits(found.hi)),
               ls=relation[found.left], rs=relation[found.right], x=Num(found.x),
               claims=(claims.Bracketed(analysis.function.text, analysis.domain, x=found.x, lo=found.lo, hi=found.hi,
                                        left=found.left, right=found.right),))


def solving_statements(analysis: Analysis, complete: claims.CriticalSet) -> list:
    """f′(x) = 0 solved through its steps where they are short enough to write, else "giải gần đúng" with the
    intervals where f′ changes sign; nothing where f′ = 0 is not one equation to solve (a kink, a flat piece)."""
    worked = worked_solution(analysis)
    if worked is None:
        return []
    if worked.steps and readable(worked.steps):
        subject = (analysis.function.text, analysis.domain)
        claim = claims.Solving(*subject, lines=tuple(step.equations for step in worked.steps),
                               roots=tuple(rhs for _, rhs in worked.steps[-1].equations))
        return [(f"step.{i}", step_statement(step, claim, analysis.domain)) for i, step in enumerate(worked.steps)]
    brackets = worked.brackets or tuple(b for p in analysis.critical_points if (b := bracket(analysis, p.x)))
    statements = [("numeric", say("cp.numeric_long" if worked.steps else "cp.numeric", claims=(complete,)))]
    statements += [(f"bracket.{i}", bracket_statement(analysis, b)) for i, b in enumerate(brackets[:MAX_BRACKETS])]
    a, b = analysis.domain
    count = len(analysis.critical_points)  # all of them stationary: f′(x) = 0 is one equation here
    summary = say("cp.numeric_one" if count == 1 else "cp.numeric_all", n=count, a=Num(a), b=Num(b),
                  claims=(complete,))
    return statements + [("numeric_set", summary)]


def board_statements(analysis: Analysis, complete: claims.CriticalSet) -> list:
    """Where f′(x) = 0 is not one equation to solve (a kink, a flat piece, f′ written piece by piece), the lines
    of the board under f′(x), each said on its own: where f′ = 0 (at points, on each flat piece, or nowhere),
    then where f′ is undefined (each kink, cusp or vertical tangent)."""
    if worked_solution(analysis) is not None:
        return []
    points = analysis.critical_points
    stationary = [p for p in points if p.differentiable]
    kinks = [p for p in points if not p.differentiable]
    flats = [(s.start, s.end) for s in analysis.sign_chart if s.sign == "0"]
    if not points and not flats:  # no critical point: `none` says why, with the line x ∈ ∅
        return []
    subject = (analysis.function.text, analysis.domain)
    a, b = analysis.domain
    zeros = []
    if stationary:
        zeros.append(say("cp.zero_at", x=points_field(stationary),
                         claims=(complete, *(c for p in stationary for c in tangent_statement(analysis, p).claims))))
    zeros += [say("cp.zero_on", lo=Num(lo), hi=Num(hi), claims=(complete, claims.SignOn(*subject, lo=lo, hi=hi,
                                                                                          sign="0")))
              for lo, hi in flats]
    if not zeros:
        zeros.append(say("cp.zero_none", a=Num(a), b=Num(b), claims=(complete,)))
    statements = [(f"zero.{i}", zero) for i, zero in enumerate(zeros)]
    if kinks:
        made = tuple(c for p in kinks for c in tangent_statement(analysis, p).claims)
        statements.append(("undefined", say("cp.undefined_at", x=points_field(kinks), claims=(complete, *made))))
    return statements


def plan(context: LessonContext, params: Params) -> SectionPlan:
    analysis = context.points(params)
    points = analysis.critical_points
    subject = (analysis.function.text, analysis.domain)
    flats = tuple((s.start, s.end) for s in analysis.sign_chart if s.sign == "0")  # f' ≡ 0 on an interval
    complete = claims.CriticalSet(*subject, xs=tuple(p.x for p in points), flats=flats)
    statements = [*domain_statements(analysis),
                  ("tangent", say("cp.tangent")),
                  ("solve", say("cp.solve" if all(p.differentiable for p in points) else "cp.solve_kink",
                                a=Num(analysis.domain[0]), b=Num(analysis.domain[1]), claims=(complete,))),
                  *solving_statements(analysis, complete),
                  *board_statements(analysis, complete),
                  ("candidates", say("cp.candidates", claims=(complete,))) if points or flats else
                  ("none", none_statement(analysis, complete))]
    for i, point in enumerate(points):
        statements.append((f"point.{i}", tangent_statement(analysis, point)))
    for j, (lo, hi) in enumerate(flats):
        statements.append((f"flat.{j}", say("cp.flat_piece", lo=Num(lo), hi=Num(hi),
                                            claims=(claims.SignOn(*subject, lo=lo, hi=hi, sign="0"),))))
    own = [p for p in points if p.kind == "neither" and p.differentiable]
    counter = None
    if own:
        statements.append(("counter", say("cp.own_counter", x=points_field(own),
                                          claims=tuple(c for p in own for c in point_claims(analysis, p)))))
    else:
        counter = context.analysis(params.counterexample, params.counterexample_domain)
        flat = [p for p in counter.critical_points if p.kind == "neither" and p.differentiable]
        if not flat:
            raise SectionError(f"the counterexample {params.counterexample} has no flat non-extremum on its "
                               "domain; choose one that has, like x^3 on [-1.5, 1.5]")
        point = flat[0]
        trend = "trend.+" if point.left_sign == "+" else "trend.-"
        g = (counter.function.text, counter.domain)
        sides = (claims.SignOn(*g, lo=counter.domain[0], hi=point.x, sign=point.left_sign),
                 claims.SignOn(*g, lo=point.x, hi=counter.domain[1], sign=point.right_sign))
        statements += [("counter", say("cp.counter", x=point_field(point, relation=True),
                                       claims=(*point_claims(counter, point), *sides))),
                       ("counter_caption", say("cp.counter_caption", f=Fn(params.counterexample),
                                               x=point_field(point, relation=True), trend=TEXT.ref(trend),
                                               claims=(claims.Tangent(*g, x=point.x, tangent="horizontal"),
                                                       *sides)))]
    return context.base("critical_points", analysis, statements=tuple(statements),
                        extra=Extra(counterexample=counter, zooms=zooms(analysis)))


SECTION = SectionSpec(slug="critical_points", params=Params, plan=plan, text=TEXT, extra=Extra, lists_points=True)
