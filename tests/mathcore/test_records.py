"""Analyses as records (mathcore.records): a lossless round trip through JSON, and a reader that builds
nothing but sympy's own classes."""

from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp

from mathcore import analyze
from mathcore.parse import X
from mathcore.records import RecordError, analysis_from_record, analysis_record, expression, expression_record

CASES = [("x^3 - 12x", (-3.5, 3.5)), ("(x+1)^2", (-4.0, 2.0)), ("abs(x-1) + 0.5x", (-1.0, 3.0)),
         ("(sigmoid(2x) - 0.9)^2", (-7.0, 4.0)), ("sin(x)/x", (-5.0, 5.0)), ("x^(2/3)", (-1.0, 1.0)),
         ("relu(x-2) + relu(-x)", (-2.0, 4.0)), ("0.01(x^4 - 4x^2)", (-2.5, 2.5))]


@pytest.mark.parametrize("function, domain", CASES)
def test_an_analysis_comes_back_identical_through_json(function, domain):
    analysis = analyze(function, *domain)
    record = json.loads(json.dumps(analysis_record(analysis)))
    back = analysis_from_record(record)
    fn, again = analysis.function, back.function
    assert (again.text, again.domain, again.excluded) == (fn.text, fn.domain, fn.excluded)
    assert (again.expr, again.derivative, again.second) == (fn.expr, fn.derivative, fn.second)
    assert back.critical_points == analysis.critical_points
    assert [(p.x_expr, p.y_expr) for p in back.critical_points] == [(p.x_expr, p.y_expr)
                                                                     for p in analysis.critical_points]
    assert (back.sign_chart, back.plateaus, back.landscape) == (analysis.sign_chart, analysis.plateaus,
                                                                analysis.landscape)
    assert back.factored_derivative == analysis.factored_derivative
    assert (back.flat_extrema, back.derivative_pieces) == (analysis.flat_extrema, analysis.derivative_pieces)
    xs = fn.grid(801)
    for old, new in ((fn.f, again.f), (fn.df, again.df), (fn.d2f, again.d2f)):
        assert np.array_equal(old(xs), new(xs), equal_nan=True)
    assert analysis_record(back) == record


def test_a_factored_derivative_stays_factored():
    factored = sp.Mul(2, X + 1, evaluate=False)
    back = expression(json.loads(json.dumps(expression_record(factored))))
    assert back == factored and str(back) == "2*(x + 1)"


def test_exact_forms_keep_their_value_and_their_form():
    for exact in (1 - sp.sqrt(2), -3 * sp.pi / 2, sp.Rational(-4, 5), sp.Float("0.1", 30), sp.log(3) / 2):
        back = expression(json.loads(json.dumps(expression_record(exact))))
        assert back == exact and str(back) == str(exact)


def test_a_trajectory_keeps_its_reported_step_count_and_exit():
    from mathcore import DescentRequest
    from mathcore.records import trajectory_from_record, trajectory_record

    for request in (DescentRequest(start=1.0, lr=0.5, steps=50), DescentRequest(start=1.0, lr=100, steps=5)):
        run = analyze("x^2", -2, 2, request).descent
        assert trajectory_from_record(json.loads(json.dumps(trajectory_record(run)))) == run


@pytest.mark.parametrize("record", [["__import__", {"int": "1"}], ["Function", {"int": "1"}, {"int": "2"}],
                                    {"constant": "__class__"}, {"float": "Float(__import__('os'))"},
                                    ["ExprCondPair"] * 2, "os.system('true')"])
def test_a_record_names_nothing_but_sympy_classes_and_literals(record):
    with pytest.raises((RecordError, TypeError, ValueError)):
        expression(record)
