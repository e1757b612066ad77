"""Section `plateaus`: descent stalls where the gradient vanishes, and converges from a slope.

`spec` (parameters, plan, demo rules) and `text` (its words) never import manim; `scene` draws the plan and
is imported only by the process that draws it."""

from .spec import SECTION

__all__ = ["SECTION"]
