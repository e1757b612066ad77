"""The words a teacher chooses where textbooks differ (a lesson file's `[terms]`).

- `extrema`: "non-strict" (the default, the optimisation view: every point of a flat bottom is a minimum,
  called "cực tiểu không chặt", never a bare "cực tiểu") or "strict" (SGK's definition: a flat bottom's points
  are no cực tiểu; the lesson says that f takes its lowest value there on the whole interval). What `analyze`
  reports (`kind`) does not change: only what the lesson says.
- `slope`: the Vietnamese word for the slope, "độ dốc" (the default) or "hệ số góc".

Sections choose their sentences by `extrema`; the slope word is put into every Vietnamese sentence and label
as the scene writes it (`Terms.apply`, `Terms.word`), so no template has to know the choice.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import msgspec

from .text import Ref, Statement

DEFAULT_SLOPE = "độ dốc"


class Terms(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    extrema: Literal["non-strict", "strict"] = "non-strict"
    slope: Literal["độ dốc", "hệ số góc"] = DEFAULT_SLOPE

    @property
    def strict(self) -> bool:
        return self.extrema == "strict"

    def kind_key(self, point) -> str:
        """The catalog key of a critical point's kind as this lesson says it: a minimum or maximum with a flat
        side (f′ = 0 on one side, a flat bottom's end) is a non-strict one, or, with strict extrema, none."""
        if point.kind not in ("min", "max") or "0" not in (point.left_sign, point.right_sign):
            return f"kind.{point.kind}"
        return "kind.not_strict" if self.strict else f"kind.{point.kind}_loose"

    def strict_key(self, key: str) -> str:
        """`key`, or its strict-extrema variant (`key`_strict) when the lesson chose strict extrema."""
        return f"{key}_strict" if self.strict else key

    def word(self, text: str, language: str) -> str:
        """`text` (a label, a heading) with the chosen slope word."""
        if language != "vi" or self.slope == DEFAULT_SLOPE:
            return text
        return text.replace(DEFAULT_SLOPE, self.slope).replace(DEFAULT_SLOPE.capitalize(), self.slope.capitalize())

    def apply(self, statement: Statement) -> Statement:
        """`statement` with the chosen slope word in its Vietnamese templates and words (its claims unchanged)."""
        if self.slope == DEFAULT_SLOPE:
            return statement

        def pairs(forms):
            return tuple((lang, self.word(template, lang)) for lang, template in forms)
        fields = tuple((name, Ref(value.key, pairs(value.screen), pairs(value.spoken)) if isinstance(value, Ref)
                        else value) for name, value in statement.fields)
        return replace(statement, screen=pairs(statement.screen), spoken=pairs(statement.spoken),
                       board=pairs(statement.board), fields=fields)


DEFAULT_TERMS = Terms()
