"""Section `conclusion`: the four ideas replayed small, from the very runs sections 3 and 4 drew.

`spec` (parameters, plan, demo rules) and `text` (its words) never import manim; `scene` draws the plan and
is imported only by the process that draws it."""

from .spec import SECTION

__all__ = ["SECTION"]
