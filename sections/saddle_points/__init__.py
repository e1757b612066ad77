"""Section `saddle_points`: f(x, y), its saddle points, and descent beside them (beyond the lesson)."""

from .spec import SECTION

__all__ = ["SECTION"]
