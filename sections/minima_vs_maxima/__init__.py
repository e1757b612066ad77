"""Section `minima_vs_maxima`: the sign of f′ on each side tells a minimum from a maximum.

`spec` (parameters, plan, demo rules) and `text` (its words) never import manim; `scene` draws the plan and
is imported only by the process that draws it."""

from .spec import SECTION

__all__ = ["SECTION"]
