"""A function name is one row (mathcore.names): the parser, the Typst writer and the voice all read it, and
its domain is what the analysis enforces."""

from __future__ import annotations

import pytest
import sympy as sp

from lessons.formulas import to_typst
from lessons.speech import spoken_function
from mathcore import analyze
from mathcore.errors import UndefinedError
from mathcore.names import NAMES, Name
from mathcore.parse import FUNCTIONS, X, parse_function


def test_every_name_has_all_its_forms():
    assert len({name.token for name in NAMES}) == len(NAMES)
    for name in NAMES:
        assert name.token.isidentifier() and name.vi.strip() and name.en.strip(), name.token
        assert isinstance(name.build(X), sp.Expr), name.token
        assert name.defined is None or isinstance(name.defined, sp.Set), name.token
        assert FUNCTIONS[name.token] is name.build


@pytest.mark.parametrize("name", NAMES, ids=lambda n: n.token)
def test_every_name_is_parsed_written_and_said(name: Name):
    expr = parse_function(f"{name.token}(x)")
    assert expr == name.build(X)
    typst = to_typst(expr)
    assert typst and "op(" not in typst.replace('op("sgn")', ""), typst  # never a sympy class name
    if name.screen is not None:
        assert typst.startswith(name.screen), typst
    assert spoken_function(f"{name.token}(x)", "vi") == f"{name.vi} x"
    assert spoken_function(f"{name.token}(x)", "en") == f"{name.en} x"


@pytest.mark.parametrize("name", [n for n in NAMES if n.defined not in (None, sp.S.Reals)], ids=lambda n: n.token)
def test_a_name_is_refused_outside_where_it_is_defined(name: Name):
    inside = name.defined.intersect(sp.Interval(-2, 2))
    a, b = float(inside.inf), float(inside.sup)
    middle = (a + b) / 2
    analyze(f"{name.token}(x)", middle - (b - a) / 4, middle + (b - a) / 4)  # well inside: accepted
    with pytest.raises(UndefinedError):
        analyze(f"{name.token}(x)", a - 1.0, b)


def test_adding_a_name_is_one_row(monkeypatch):
    import mathcore.parse

    gelu = Name("gelu", lambda u: u / 2 * (1 + sp.erf(u / sp.sqrt(2))), None, "gê-lu của", "gelu of")
    monkeypatch.setattr(mathcore.parse, "FUNCTIONS", {**FUNCTIONS, gelu.token: gelu.build})
    assert parse_function("gelu(x)") == gelu.build(X)
