"""Pure maths for the lesson: parse a function, find and classify critical points, plateaus, descent runs.

No manim import here: scenes read these results and compute nothing of their own.
"""

from .analysis import Analysis, DescentRequest, analyze, analyze_bounded, analyze_function
from .critical import CriticalPoint
from .descent import Trajectory
from .errors import LessonInputError
from .function import Function, prepare
from .pieces import Piece
from .plateaus import FlatExtremum, Plateau
from .signs import SignInterval

__all__ = ["Analysis", "CriticalPoint", "DescentRequest", "FlatExtremum", "Function", "LessonInputError", "Piece",
           "Plateau", "SignInterval", "Trajectory", "analyze", "analyze_bounded", "analyze_function", "prepare"]
