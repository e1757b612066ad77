"""Section `critical_points`: where the derivative is 0 (or does not exist), and a candidate that fails.

`spec` (parameters, plan, demo rules) and `text` (its words) never import manim; `scene` draws the plan and
is imported only by the process that draws it."""

from .spec import SECTION

__all__ = ["SECTION"]
