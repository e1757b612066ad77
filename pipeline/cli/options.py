"""What every verb of render.py shares: the parser whose complaints are one line, and the lesson options
(--config, --function, --domain, --lang, --section), declared once."""

from __future__ import annotations

import argparse
import re

from sections import ALL_SLUGS

# argparse takes '-1e-12' for an option (its own pattern knows only -1 and -1.5); any number is a value
NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|infinity|nan)$", re.IGNORECASE)


class UsageError(Exception):
    """An argparse complaint, reported on one line like every other user error."""


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(message)


FUNCTION_HELP = ("the lesson's function (a section that cannot show its idea with it draws its own, with a "
                 "warning); a lesson of its own: out/<lesson>--<function>-<hash>/")


def add_lesson_options(parser: argparse.ArgumentParser, *, language: str | None = "language of on-screen text "
                       "(default: the lesson's)", sections: str | None = "only this section (repeatable): "
                       + ", ".join(ALL_SLUGS), function: str = FUNCTION_HELP) -> argparse.ArgumentParser:
    """The options that say which lesson (and which of its sections): the same names and meaning for every
    verb; a verb passes None for an option it does not take."""
    parser.add_argument("--config", metavar="FILE", help="a lesson TOML file (default: the embedded lesson)")
    parser.add_argument("--function", metavar="EXPR", help=function)
    parser.add_argument("--domain", nargs=2, type=float, metavar=("A", "B"), help="the lesson's domain")
    if language is not None:
        parser.add_argument("--lang", choices=["vi", "en"], help=language)
    if sections is not None:
        parser.add_argument("--section", action="append", choices=ALL_SLUGS, metavar="SLUG", default=[], help=sections)
    return parser


def add_surface_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """--surface/--surface-domain: the lesson's f(x, y), which adds the sections beyond one variable."""
    parser.add_argument("--surface", metavar="EXPR", help="f(x, y) for the sections beyond one variable "
                        "(saddle points); with --surface-domain, or completing the lesson file's [surface]")
    parser.add_argument("--surface-domain", nargs=4, type=float, metavar=("A", "B", "C", "D"),
                        help="the surface's box [A, B] × [C, D]")
    return parser


def surface_of(args: argparse.Namespace) -> tuple[str | None, tuple[float, float, float, float] | None]:
    return args.surface, tuple(args.surface_domain) if args.surface_domain else None


def domain_of(args: argparse.Namespace) -> tuple[float, float] | None:
    return tuple(args.domain) if args.domain else None


def sections_of(args: argparse.Namespace) -> tuple[str, ...]:
    return tuple(dict.fromkeys(args.section))


def positive_count(text: str) -> int:
    """--jobs: a whole number of 1 or more (0 or -1 used to run silently as 1)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (the sections rendered at once), not {value}")
    return value
