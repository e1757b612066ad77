"""Section `gradient_descent`: x ← x − η·f′(x), from both sides, three learning rates, and an escape.

`spec` (parameters, plan, demo rules) and `text` (its words) never import manim; `scene` draws the plan and
is imported only by the process that draws it."""

from .spec import SECTION

__all__ = ["SECTION"]
