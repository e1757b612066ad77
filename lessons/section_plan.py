"""What a section will show: the function it draws, the runs, and every sentence, each one a checked fact.

A section's `plan()` builds a `SectionPlan` from mathcore's results; a scene draws it and decides no
wording: it asks `plan.say(name)` for a statement, and a statement exists only when the plan checked its
fact for the function drawn. The plan holds what every section has; what one section alone shows (another
function it draws, its zoomed views, its explorable, the names other sections gave their functions) is that
section's own typed data, `extra`, a `SectionExtra` its folder declares (sections/<slug>/spec.py). A plan is
made once, in the process that plans the lesson, and handed to the worker that draws it as a record
(`to_record`/`from_record`, one pair for both sides, whatever the sections' data holds).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import msgspec
import sympy as sp

from mathcore import Analysis, Trajectory
from mathcore.claims import Claim, claim_from_record, claim_record
from mathcore.records import (
    analysis_from_record,
    analysis_record,
    expression,
    expression_record,
    trajectory_from_record,
    trajectory_record,
)

from .explore import ExploreTab, Tab
from .runs import Run
from .scale import Zoom
from .terms import DEFAULT_TERMS, Terms
from .text import FIELDS, Statement


class SectionExtra(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A section's own plan data: each section folder declares its subclass with typed fields (another function
    it draws is an `Analysis`, a run a `Run`…); the record of a plan writes and reads any of them."""

    def manifest(self, fields: dict) -> dict:
        """The section's manifest fields (function, domain, substitute, runs) as its own data tells them: a
        section that draws more than `analysis` and `runs` (a surface, runs in the plane) says so here."""
        return fields

    def described(self, language: str) -> str | None:
        """What the section draws, for its transcript's first "shown" line (None: the graph of `analysis`)."""
        return None

    def explorable(self) -> tuple[Tab, ...]:
        """The tabs of the explorable after the section's clip (lessons.explore.Tab), none by default."""
        return ()


class Zoomed(SectionExtra, frozen=True, kw_only=True):
    """A section that shows critical points, some of them in a zoomed view (lessons.scale): the graph's scale
    cannot show them as they are, too small to see or a rounded bottom that looks like a kink."""

    zooms: tuple[Zoom, ...] = ()


class Explorable(SectionExtra, frozen=True, kw_only=True):
    """A section with an explorable after its clip: the tabs, each a function and its grid of runs, run at
    render time (pipeline.pages.explorable)."""

    explore: tuple[ExploreTab, ...] = ()

    def explorable(self) -> tuple[Tab, ...]:
        return self.explore


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
    name: str = "f"  # what the section calls its function: the lesson's f, section 3's own loss L, section 4's g
    extra: SectionExtra | None = None  # the section's own data (its folder's SectionExtra), None when it has none
    terms: Terms = DEFAULT_TERMS  # the words the lesson's teacher chose (lessons.terms): the scene writes with them

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

    def has_run(self, role: str) -> bool:
        return any(run.role == role for run in self.runs)

    def zoom(self, x: float) -> Zoom | None:
        """The zoomed view that shows the critical point at `x`, when the graph's scale cannot (lessons.scale)."""
        zooms = self.extra.zooms if isinstance(self.extra, Zoomed) else ()
        return next((zoom for zoom in zooms if zoom.x == x), None)

    @property
    def explore(self) -> tuple[Tab, ...]:
        """The explorable's tabs, for a section that has one (else none)."""
        return self.extra.explorable() if self.extra is not None else ()

    def manifest(self) -> dict:
        fields = {"function": self.analysis.function.text, "domain": list(self.analysis.domain),
                  "substitute": self.substitute, "runs": [run.to_json() for run in self.runs]}
        return fields if self.extra is None else self.extra.manifest(fields)

    def to_record(self) -> dict:
        """Everything the section shows, as JSON: what a worker draws from (it plans nothing itself) and what
        the section's content key names. Analyses are mathcore's records, each written once (`analyses`) and
        referred to by its number wherever the plan or its section's data holds it. By hand, because mathcore's
        results are not msgspec types (their records are mathcore's own); everything else goes through msgspec."""
        analyses: list[dict] = []
        numbers: dict[tuple, int] = {}

        def encode(value: Any) -> Any:
            if isinstance(value, Analysis):
                key = (value.function.text, value.domain)
                if key not in numbers:
                    numbers[key] = len(analyses)
                    analyses.append(analysis_record(value))
                return numbers[key]
            if isinstance(value, Trajectory):
                return trajectory_record(value)
            if isinstance(value, Claim):
                return claim_record(value)
            if isinstance(value, FIELDS):  # a statement's field value, in a field typed Any: tagged with its class
                return {"field": type(value).__name__,
                        **{f.name: _sympy_or(encode, getattr(value, f.name)) for f in dataclasses.fields(value)}}
            if isinstance(value, msgspec.Struct):
                return {name: encode(getattr(value, name)) for name in value.__struct_fields__}
            if dataclasses.is_dataclass(value):
                return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
            if isinstance(value, (tuple, list)):
                return [encode(item) for item in value]
            return msgspec.to_builtins(value, enc_hook=_rational)
        return {**encode(self), "analyses": analyses}

    @staticmethod
    def from_record(data: dict, extra: type[SectionExtra] | None = None) -> SectionPlan:
        """The plan `to_record` wrote; `extra` is the type of its section's data (sections.plan_from_record
        knows each section's). A record of another shape raises msgspec.ValidationError. By hand for the same
        reason: mathcore's records are read back by mathcore, the rest by msgspec.convert."""
        analyses = [analysis_from_record(record) for record in data["analyses"]]

        def decode(value: Any, kind: msgspec.inspect.Type) -> Any:
            """`value` with mathcore's records turned into their objects, where `kind` says they are."""
            if isinstance(kind, msgspec.inspect.DataclassType) and kind.cls in READERS:
                return READERS[kind.cls](value, analyses)
            if isinstance(kind, (msgspec.inspect.DataclassType, msgspec.inspect.StructType)) \
                    and isinstance(value, dict):
                types = {f.encode_name: f.type for f in kind.fields}
                return {name: decode(item, types[name]) if name in types else item for name, item in value.items()}
            if isinstance(kind, msgspec.inspect.UnionType) and value is not None:
                return decode(value, next(t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType)))
            if isinstance(kind, (msgspec.inspect.VarTupleType, msgspec.inspect.ListType)) and isinstance(value, list):
                return [decode(item, kind.item_type) for item in value]
            if isinstance(kind, msgspec.inspect.TupleType) and isinstance(value, list):
                return [decode(item, t) for item, t in zip(value, kind.item_types)]
            return value

        plan = {key: value for key, value in data.items() if key not in ("analyses", "extra")}
        plan = msgspec.convert(decode(plan, msgspec.inspect.type_info(SectionPlan)), SectionPlan,
                               dec_hook=_from_rational)
        if data.get("extra") is None or extra is None:
            return plan
        own = msgspec.convert(decode(data["extra"], msgspec.inspect.type_info(extra)), extra,
                              dec_hook=_from_rational)
        return dataclasses.replace(plan, extra=own)


READERS = {Analysis: lambda number, analyses: analyses[number],
           Trajectory: lambda record, analyses: trajectory_from_record(record),
           Statement: lambda record, analyses: _build(record, msgspec.inspect.type_info(Statement))}
FIELD_TYPES = {cls.__name__: cls for cls in FIELDS}


def _sympy_or(encode, value: Any) -> Any:
    return expression_record(value) if isinstance(value, sp.Basic) else encode(value)


def _build(value: Any, kind: msgspec.inspect.Type) -> Any:
    """A statement and what it holds, built from its record by the types its dataclasses declare: claims are
    mathcore's records (a claim's class is in its record), sympy expressions too, and a field value typed Any
    names its class (FIELDS). Numbers stay as written: Num(2) is not made Num(2.0)."""
    if isinstance(value, dict) and "field" in value and isinstance(kind, msgspec.inspect.AnyType):
        kind = msgspec.inspect.type_info(FIELD_TYPES[value["field"]])
    if isinstance(kind, msgspec.inspect.DataclassType) and kind.cls is Claim:
        return claim_from_record(value)
    if isinstance(kind, msgspec.inspect.DataclassType):
        return kind.cls(**{f.name: _build(value[f.encode_name], f.type) for f in kind.fields
                           if f.encode_name in value})
    if isinstance(kind, msgspec.inspect.CustomType) and issubclass(kind.cls, sp.Basic):
        return expression(value)
    if isinstance(kind, msgspec.inspect.UnionType) and value is not None:
        return _build(value, next(t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType)))
    if isinstance(kind, msgspec.inspect.VarTupleType):
        return tuple(_build(item, kind.item_type) for item in value)
    if isinstance(kind, msgspec.inspect.TupleType):
        return tuple(_build(item, t) for item, t in zip(value, kind.item_types))
    return value


def _rational(value: Any) -> Any:
    if isinstance(value, sp.Rational):
        return [int(value.p), int(value.q)]
    raise NotImplementedError(f"{type(value).__name__} has no record")


def _from_rational(kind: type, value: Any) -> Any:
    if kind is sp.Rational or (isinstance(kind, type) and issubclass(kind, sp.Rational)):
        return sp.Rational(*value)
    raise NotImplementedError(f"{kind} has no record")
