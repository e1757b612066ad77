"""Exceptions for user mistakes: one type per kind, each with a one-line message a teacher can act on.

The CLI turns any `LessonInputError` into `error: <message>` and exit status 2, so a message must make
sense on its own, without a traceback.
"""


class LessonInputError(ValueError):
    """Base class: something the user typed or configured cannot be used."""


class ParseError(LessonInputError):
    """The function text is not a valid expression in x."""


class UnknownNameError(ParseError):
    """The function text names something outside the whitelist (a variable, a function, an attribute)."""


class TooComplexError(LessonInputError):
    """The input is too long, too deeply nested, or asks for numbers too large to handle safely."""


class TooBusyError(LessonInputError):
    """Work went on past the guard against hangs: the machine is too busy, or the input needs work no static
    limit foresaw. Not a verdict on the input: the same input may well finish on a quieter machine."""


class DomainError(LessonInputError):
    """The domain [a, b] itself is unusable (a >= b, not finite, absurdly wide)."""


class UndefinedError(LessonInputError):
    """The function is undefined, complex or infinite somewhere inside the domain."""


class ParameterError(LessonInputError):
    """A descent or rendering parameter is out of range (learning rate, steps, start point, ...)."""


class NotIsolatedError(LessonInputError):
    """The critical points of f(x, y) are not separate points: ∇f vanishes along a whole curve."""
