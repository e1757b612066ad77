"""Analyses as plain records and back, losslessly, so a plan made in one process is drawn in another
without analysing anything again.

Floats travel as JSON numbers (a round trip through `repr`, exact); sympy expressions travel as their
trees, node by node (`expression_record`), and come back through `expression`, which builds sympy's own
classes from them (no `eval`, no `sympify`: a record cannot run code). The numeric evaluators are rebuilt
from the expressions exactly as `prepare` builds them.
"""

from __future__ import annotations

import math
import re

import sympy as sp

from .analysis import Analysis
from .critical import CriticalPoint
from .descent import Landscape, Trajectory
from .excluded import Excluded
from .function import Function, with_evaluators
from .pieces import Piece
from .plateaus import FlatExtremum, Plateau
from .signs import SignInterval

__all__ = ["analysis_from_record", "analysis_record", "expression", "expression_record", "trajectory_from_record",
           "trajectory_record"]


class RecordError(ValueError):
    """A record that this module did not write (or that was changed since)."""


def expression_record(expr: sp.Basic | None):
    """The expression tree as nested lists, node by node as sympy stores it (so it comes back identical,
    2*(x + 1) still factored): atoms as tagged values, every other node as [class name, *arguments]."""
    if expr is None:
        return None
    if isinstance(expr, sp.Integer):
        return {"int": str(expr.p)}
    if isinstance(expr, sp.Rational):
        return {"rational": [str(expr.p), str(expr.q)]}
    if isinstance(expr, sp.Float):
        return {"float": sp.srepr(expr)}
    if isinstance(expr, sp.Symbol):
        return {"symbol": expr.name, "assumptions": {k: v for k, v in expr.assumptions0.items() if v is not None}}
    if isinstance(expr, sp.Atom):
        name = next((n for n in ("pi", "E", "I", "oo", "zoo", "nan", "true", "false", "EulerGamma")
                     if getattr(sp, n) is expr), None)
        if name is None:
            raise RecordError(f"no record for the sympy atom {expr!r}")
        return {"constant": name}
    name = type(expr).__name__
    if getattr(sp, name, None) is not type(expr):
        raise RecordError(f"no record for the sympy class {name}")
    return [name, *(expression_record(arg) for arg in expr.args)]


def expression(record) -> sp.Basic | None:
    """The expression `expression_record` wrote. Only sympy's own classes and literals are built: no
    text is evaluated, so a record cannot run code."""
    if record is None:
        return None
    if isinstance(record, dict):
        if "int" in record:
            return sp.Integer(int(record["int"]))
        if "rational" in record:
            return sp.Rational(int(record["rational"][0]), int(record["rational"][1]))
        if "float" in record:
            return _float(record["float"])
        if "symbol" in record:
            return sp.Symbol(record["symbol"], **{k: bool(v) for k, v in record["assumptions"].items()})
        if record.get("constant") in ("pi", "E", "I", "oo", "zoo", "nan", "true", "false", "EulerGamma"):
            return getattr(sp, record["constant"])
        raise RecordError(f"unexpected expression record {record!r}")
    if not (isinstance(record, list) and record and isinstance(record[0], str)):
        raise RecordError("an expression record is a list [class name, *arguments]")
    cls = getattr(sp, record[0], None)
    if not (isinstance(cls, type) and issubclass(cls, sp.Basic)):
        raise RecordError(f"{record[0]!r} is not a sympy class")
    args = [expression(arg) for arg in record[1:]]
    try:
        return cls(*args, evaluate=False)
    except TypeError:  # a class that always takes its arguments as they are (ExprCondPair, Tuple)
        return cls(*args)


def _float(text: str) -> sp.Float:
    """Float('1.5', precision=53) as srepr writes it."""
    match = re.fullmatch(r"Float\('([-+0-9.eE]+|[-+]?(?:inf|nan))', precision=(\d+)\)", text)
    if match is None:
        raise RecordError(f"unexpected float record {text!r}")
    return sp.Float(match.group(1), precision=int(match.group(2)))


def function_record(fn: Function) -> dict:
    return {"text": fn.text, "expr": expression_record(fn.expr), "derivative": expression_record(fn.derivative),
            "second": expression_record(fn.second), "domain": list(fn.domain),
            "excluded": [[e.x, e.kind, _plain_limit(e.left), _plain_limit(e.right), expression_record(e.exact)]
                         for e in fn.excluded]}


def function_from_record(data: dict) -> Function:
    return with_evaluators(data["text"], expression(data["expr"]), expression(data["derivative"]),
                           expression(data["second"]), (float(data["domain"][0]), float(data["domain"][1])),
                           tuple(Excluded(x, kind, float(left), float(right), expression(exact))
                                 for x, kind, left, right, exact in data["excluded"]))


def point_record(point: CriticalPoint) -> dict:
    return {**point.to_json(), "x_expr": expression_record(point.x_expr), "y_expr": expression_record(point.y_expr)}


def point_from_record(data: dict) -> CriticalPoint:
    return CriticalPoint(x=data["x"], y=data["y"], kind=data["kind"], differentiable=data["differentiable"],
                         exact=data["exact"], y_exact=data["y_exact"], second_derivative=data["second_derivative"],
                         left_sign=data["left_sign"], right_sign=data["right_sign"], tangent=data["tangent"],
                         left_slope=_slope(data["left_slope"]), right_slope=_slope(data["right_slope"]),
                         x_expr=expression(data["x_expr"]), y_expr=expression(data["y_expr"]))


def _plain_limit(value: float) -> float | str:
    return str(value) if math.isinf(value) else value


def _slope(value: float | str | None) -> float | None:
    return float(value) if isinstance(value, str) else value


def trajectory_record(run: Trajectory) -> dict:
    return run.to_json()


def trajectory_from_record(data: dict) -> Trajectory:
    return Trajectory(optimizer=data["optimizer"], start=data["start"], lr=data["lr"], momentum=data["momentum"],
                      steps=data["steps"], outcome=data["outcome"], xs=tuple(data["xs"]), ys=tuple(data["ys"]),
                      slopes=tuple(data["slopes"]), reason=data["reason"], nit=data["nit"], exit_x=data["exit_x"])


def analysis_record(analysis: Analysis) -> dict:
    land = analysis.landscape
    return {"function": function_record(analysis.function),
            "critical_points": [point_record(p) for p in analysis.critical_points],
            "sign_chart": [s.to_json() for s in analysis.sign_chart],
            "plateaus": [p.to_json() for p in analysis.plateaus],
            "landscape": {"minima": list(land.minima), "slope_threshold": land.slope_threshold,
                          "slope_scale": land.slope_scale, "kinked_minima": list(land.kinked_minima),
                          "flat_minima": [list(pair) for pair in land.flat_minima],
                          "basins": [list(pair) for pair in land.basins], "end_minima": list(land.end_minima)},
            "descent": None if analysis.descent is None else trajectory_record(analysis.descent),
            "factored_derivative": expression_record(analysis.factored_derivative),
            "flat_extrema": [e.to_json() for e in analysis.flat_extrema],
            "derivative_pieces": [[p.start, p.end, expression_record(p.expr)] for p in analysis.derivative_pieces]}


def analysis_from_record(data: dict) -> Analysis:
    land = data["landscape"]
    return Analysis(function=function_from_record(data["function"]),
                    critical_points=tuple(point_from_record(p) for p in data["critical_points"]),
                    sign_chart=tuple(SignInterval(**s) for s in data["sign_chart"]),
                    plateaus=tuple(Plateau(**p) for p in data["plateaus"]),
                    landscape=Landscape(minima=tuple(land["minima"]), slope_threshold=land["slope_threshold"],
                                        slope_scale=land["slope_scale"], kinked_minima=tuple(land["kinked_minima"]),
                                        flat_minima=tuple(tuple(pair) for pair in land["flat_minima"]),
                                        basins=tuple(tuple(pair) for pair in land["basins"]),
                                        end_minima=tuple(land["end_minima"])),
                    descent=None if data["descent"] is None else trajectory_from_record(data["descent"]),
                    factored_derivative=expression(data["factored_derivative"]),
                    flat_extrema=tuple(FlatExtremum(**e) for e in data["flat_extrema"]),
                    derivative_pieces=tuple(Piece(start, end, expression(expr))
                                            for start, end, expr in data["derivative_pieces"]))
