"""The lesson's words: catalog entries and the statements made from them.

An entry is a template per language (`{name}` fields), with its spoken form where the screen text does
not read well aloud (lessons.speech) and, for a statement a section says, a description of what the
picture shows meanwhile (the transcript's "(Picture: …)" line). Each section keeps its own entries
(`sections/<slug>/text.py`) on top of the shared ones (lessons.catalog), in a `Texts`.

An entry may also have a board form: the textbook's notation (min_[−1; 3] f = −2), which only the picture
writes; captions, voice and transcript keep the sentence. A `Statement` carries its templates and its field
values, so it can be written in any language, spoken, serialised and read back without any catalog: the plan
that holds it is all a worker needs to draw it.
Strings are NFC-normalised when written: decomposed Vietnamese (e + combining marks) breaks glyph mapping.

A template too long for one caption cue marks its clause boundaries with `‖` (CLAUSE), in every language and
spoken form alike (the same number of parts, so both caption tracks keep one timing): the screen shows the
whole sentence, the captions and the voice take it a part at a time (`Statement.parts`, lessons.subtitles).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from mathcore.claims import Claim

Entry = Mapping[str, str]  # language -> template
CLAUSE = "‖"  # a clause boundary where a long statement's caption is cut into cues
_CLAUSE = re.compile(r"\s*‖\s*")


def whole(template: str) -> str:
    """A template without its clause marks: the sentence as the screen shows it."""
    return _CLAUSE.sub(" ", template)


def clauses(template: str) -> tuple[str, ...]:
    """A template's parts between clause marks (one part when it has none)."""
    return tuple(part.strip() for part in template.split(CLAUSE))
Pairs = tuple[tuple[str, str], ...]  # the same, frozen: (language, template)


def _pairs(entry: Entry | None) -> Pairs:
    return tuple(sorted(entry.items())) if entry else ()


@dataclass(frozen=True)
class Ref:
    """A field value that is itself a catalog entry (a word such as "cực tiểu"), translated with the
    statement that holds it."""

    key: str
    screen: Pairs = ()
    spoken: Pairs = ()

    def text(self, language: str) -> str:
        return dict(self.screen)[language]


@dataclass(frozen=True)
class Num:
    """A field value that is a number: written by lessons.numbers in the string's language, with `digits`
    significant digits (None: the formatter's usual 4)."""

    value: float
    digits: int | None = None


@dataclass(frozen=True)
class Fn:
    """A field value that is a function as typed: written for reading (x³ − 12x) in the string's language."""

    text: str


@dataclass(frozen=True)
class Exact:
    """A field value that is a number mathcore knows exactly (a point, a value): its exact form where it is
    shown as such (lessons.formulas.shown_exactly: '3π/2', 'e⁻¹', '2 − 2 ln 2'), else the decimal; with
    `relation`, preceded by '=' or '≈' (templates write "x {x}"); with `beside`, an irrational exact form
    is followed by its decimal ('2 − 2 ln 2 ≈ 0,6137')."""

    value: float
    expr: sp.Expr | None = None
    relation: bool = False
    beside: bool = False


@dataclass(frozen=True)
class Pos:
    """A field value that is where a run ended, on a domain `width` wide: '≈ 2', '= 0,5' (templates write
    "x {x}")."""

    value: float
    width: float


@dataclass(frozen=True)
class Points:
    """A field value that is several points sharing one statement (templates write "x {x}"): '= ±1' for a
    point and its opposite, else each with its relation, 'x = −1; x ≈ 2,15' ('x = −1, x ≈ 2.15')."""

    items: tuple[Exact, ...]
    relation: bool = True  # False: the bare numbers, '±1' (for "f({x})")
    conjunction: bool = False  # the last one joined by "và"/"and" ('= −1 và x = 2'), as a list of places

    def pair(self) -> Exact | None:
        """The positive one of ±a, when the points are exactly a point and its opposite."""
        if len(self.items) != 2:
            return None
        low, high = sorted(self.items, key=lambda e: e.value)
        same_form = (low.expr is None) == (high.expr is None) and (low.expr is None or low.expr == -high.expr)
        return high if high.value > 0 and low.value == -high.value and same_form else None


@dataclass(frozen=True)
class Members:
    """A field value that is the members of a set of points, written bare as inside braces: '1', '−1; 1'
    ('−1, 1' in English); each exact where shown as such (a rounded decimal is no member: give Points)."""

    items: tuple[Exact, ...]


@dataclass(frozen=True)
class Value:
    """A field value that is f at one or more points, all the same value: 'f(2) = −16', 'f(±1) = −1',
    'f(−2) = f(4) = 2'."""

    points: tuple[Exact, ...]  # without relation: the bare x
    y: Exact  # with its relation
    name: str = "f"


@dataclass(frozen=True)
class Steps:
    """A field value that is a count of descent steps, written with its noun: '1 bước', '1 step', '12 steps'."""

    count: int

    def text(self, language: str) -> str:
        if language == "vi":
            return f"{self.count} bước"
        return f"{self.count} step" if self.count == 1 else f"{self.count} steps"


@dataclass(frozen=True)
class Equations:
    """A field value that is a line of f′(x) = 0 solved on screen (mathcore.solve.Step): equations lhs = rhs,
    a `sp.Tuple` of `sp.Tuple(lhs, rhs)`, joined by "hoặc"/"or", with "k ∈ ℤ" where a family of solutions
    has one (lessons.formulas.plain_equations); none: "vô nghiệm"/"no solution". With `members`, a line of x = r
    written as the set x ∈ {r₁; r₂} (the solutions inside the domain)."""

    line: sp.Basic
    members: bool = False


def resolve(value: object, language: str) -> object:
    """A field value written for the screen in `language`."""
    from .formulas import plain_exact
    from .numbers import plain, plain_function, plain_position

    if isinstance(value, Ref):
        return value.text(language)
    if isinstance(value, Num):
        return plain(value.value, language) if value.digits is None else plain(value.value, language, value.digits)
    if isinstance(value, Fn):
        return plain_function(value.text, language)
    if isinstance(value, Pos):
        return plain_position(value.value, value.width, language)
    if isinstance(value, Exact):
        return plain_exact(value.value, value.expr, language, value.relation, value.beside)
    if isinstance(value, Steps):
        return value.text(language)
    if isinstance(value, Points):
        return plain_points(value, language)
    if isinstance(value, Members):
        from .numbers import LIST_SEPARATOR
        return LIST_SEPARATOR[language].join(plain_exact(e.value, e.expr, language) for e in value.items)
    if isinstance(value, Value):
        return plain_value(value, language)
    if isinstance(value, Equations):
        from .formulas import plain_equations
        return plain_equations(value.line, language, value.members)
    return value


def plain_value(value: Value, language: str) -> str:
    from .formulas import plain_exact
    from .numbers import LIST_SEPARATOR

    pair = Points(value.points).pair()
    xs = [f"±{plain_exact(pair.value, pair.expr, language)}"] if pair is not None else \
        [plain_exact(e.value, e.expr, language) for e in value.points]
    y = plain_exact(value.y.value, value.y.expr, language, relation=True, beside=value.y.beside)
    if len(xs) > 2:  # f = −1 at x = −5π/8; −π/8; 3π/8; 7π/8: a caption line may break between the points
        where = LIST_SEPARATOR[language].join(x.replace(" ", "\u00a0") for x in xs)
        return f"{value.name}\u00a0{y.replace(' ', chr(0xA0))} {AT[language]} x\u00a0=\u00a0{where}"
    text = " = ".join(f"{value.name}({x})" for x in xs) + f" {y}"
    return text.replace(" ", "\u00a0")  # one unit: a line never breaks inside "f(−5) = −65"


AT = {"vi": "tại", "en": "at"}


def plain_points(value: Points, language: str) -> str:
    from .formulas import plain_exact
    from .numbers import LIST_SEPARATOR

    pair = value.pair()
    if pair is not None:
        relation, _, number = plain_exact(pair.value, pair.expr, language, True).partition(" ")
        return f"{relation} ±{number}" if value.relation else f"±{number}"
    written = [plain_exact(e.value, e.expr, language, True) for e in value.items]
    if value.conjunction and len(written) > 1:
        return f"{LIST_SEPARATOR[language]}x ".join(written[:-1]) + f" {AND[language]} x " + written[-1]
    return f"{LIST_SEPARATOR[language]}x ".join(written)


AND = {"vi": "và", "en": "and"}


def fill(template: str, language: str, fields: Mapping[str, Any]) -> str:
    resolved = {name: resolve(value, language) for name, value in fields.items()}
    template = whole(template)
    return unicodedata.normalize("NFC", template.format(**resolved) if resolved else template)


FIELDS = (Ref, Num, Fn, Exact, Pos, Points, Members, Value, Steps, Equations)
"""The value types a statement's field holds beside plain values (its `fields` are typed Any): a plan's record
writes each with its class's name, so it is read back as itself (lessons.section_plan)."""


@dataclass(frozen=True)
class Statement:
    """A sentence the plan checked: its catalog key, its templates (screen, and spoken where it differs),
    its fields (Num, Exact, Pos, Fn, Ref, Steps, Points, Members, Value or plain values), and the claims it makes
    (mathcore.claims), which mathcore.verify checks by a second method."""

    key: str
    screen: Pairs
    spoken: Pairs = ()
    fields: tuple[tuple[str, Any], ...] = ()
    claims: tuple[Claim, ...] = ()
    board: Pairs = ()  # the textbook's notation where the picture writes it so (min_[a; b] f = …), else ()

    def text(self, language: str) -> str:
        """The sentence as captions, the transcript and the pages give it."""
        return fill(dict(self.screen)[language], language, dict(self.fields))

    def board_text(self, language: str) -> str:
        """The sentence as the picture writes it: the textbook's notation where it has one, else `text`."""
        return fill(dict(self.board).get(language) or dict(self.screen)[language], language, dict(self.fields))

    def spoken_template(self, language: str) -> str:
        return dict(self.spoken).get(language) or dict(self.screen)[language]

    def parts(self) -> tuple[Statement, ...]:
        """The statement a clause at a time (itself when it has no clause marks): each part is one caption
        cue, spoken as its own segment. Every language and spoken form has the same number of parts."""
        count = clause_count(self.screen + self.spoken, self.key)
        if count == 1:
            return (self,)
        return tuple(Statement(self.key, tuple((lang, clauses(t)[i]) for lang, t in self.screen),
                               tuple((lang, clauses(t)[i]) for lang, t in self.spoken), self.fields, self.claims)
                     for i in range(count))

    def field_names(self) -> set[str]:
        """The `{name}` fields its templates need, over all its languages and forms."""
        return {name for _, template in (*self.screen, *self.spoken)
                for _, name, _, _ in string.Formatter().parse(template) if name}

    def with_claims(self, *claims: Claim) -> Statement:
        return Statement(self.key, self.screen, self.spoken, self.fields, self.claims + tuple(claims), self.board)


def clause_count(templates: Pairs, key: str) -> int:
    """How many clauses the templates of one entry have: the same in every language and form, or an error."""
    counts = {len(clauses(template)) for _, template in templates}
    if len(counts) > 1:
        raise ValueError(f"catalog entry {key!r} has a different number of clauses (‖) in its languages or "
                         f"spoken form: {sorted(counts)}")
    return counts.pop() if counts else 1


@dataclass(frozen=True)
class Texts:
    """A set of catalog entries on top of another (a section's own over the shared ones): `screen` (key →
    language → template), `spoken` (the same keys, only where the spoken form differs) and `visuals` (a
    statement's name → language → what the picture shows while it is said)."""

    screen: Mapping[str, Entry]
    spoken: Mapping[str, Entry] = field(default_factory=dict)
    visuals: Mapping[str, Entry] = field(default_factory=dict)
    parent: Texts | None = None
    board: Mapping[str, Entry] = field(default_factory=dict)  # the textbook's notation, for the picture only

    def __post_init__(self) -> None:
        unknown = (set(self.spoken) | set(self.board)) - set(self.screen)
        if unknown:
            raise KeyError(f"spoken or board forms without a screen entry: {sorted(unknown)}")
        for key, entry in self.screen.items():
            clause_count(_pairs(entry) + _pairs(self.spoken.get(key)), key)
        if self.parent is not None:
            shadowed = set(self.screen) & set(self.parent.keys())
            if shadowed:
                raise KeyError(f"entries already in the shared catalog: {sorted(shadowed)}")

    def keys(self) -> set[str]:
        return set(self.screen) | (self.parent.keys() if self.parent is not None else set())

    def entry(self, key: str) -> tuple[Entry, Entry | None]:
        """(screen, spoken or None) of `key`, here or in the parent."""
        if key in self.screen:
            return self.screen[key], self.spoken.get(key)
        if self.parent is not None:
            return self.parent.entry(key)
        raise KeyError(key)

    def say(self, key: str, *, claims: tuple[Claim, ...] = (), **fields: Any) -> Statement:
        """The statement `key` with its fields, and the claims it makes (mathcore.claims)."""
        screen, spoken = self.entry(key)
        return Statement(key, _pairs(screen), _pairs(spoken), tuple(fields.items()), tuple(claims),
                         _pairs(self.board_entry(key)))

    def board_entry(self, key: str) -> Entry | None:
        """The textbook notation of `key` (here, else in the parent), None where the picture writes the
        sentence itself."""
        if key in self.board:
            return self.board[key]
        return self.parent.board_entry(key) if self.parent is not None else None

    def ref(self, key: str) -> Ref:
        screen, spoken = self.entry(key)
        return Ref(key, _pairs(screen), _pairs(spoken))

    def text(self, key: str, language: str, **fields: Any) -> str:
        """A string that states no fact about the function (a heading, a word, a unit)."""
        return fill(self.entry(key)[0][language], language, fields)

    def visual(self, name: str) -> Entry | None:
        """What the picture shows while the statement `name` is said (here, else in the parent)."""
        if name in self.visuals:
            return self.visuals[name]
        return self.parent.visual(name) if self.parent is not None else None
