"""`render.py analyze EXPR --domain A B [--start X0 --lr LR --steps N --optimizer … --momentum MU] [--json]`:
check a function before rendering it (the JSON is a documented contract). With `--ydomain C D`, EXPR is
f(x, y) on the box [A, B] × [C, D] and `--start X0 Y0` starts a run in the plane."""

from __future__ import annotations

import json

from lessons.config import argument_text
from mathcore import DescentRequest, analyze_bounded
from mathcore.descent import OPTIMIZERS
from mathcore.surface_analysis import analyze_surface

from .options import Parser, UsageError
from .report import render_report, surface_report


def parser() -> Parser:
    p = Parser(prog="render.py analyze", description="Analyse f on [A, B]: critical points, sign chart, "
               "plateaus and (with --start) a descent run.")
    p.add_argument("expr", metavar="EXPR", help="the function of x, e.g. 'x^4 - 2x^2'")
    p.add_argument("--domain", nargs=2, type=float, metavar=("A", "B"), required=True)
    p.add_argument("--ydomain", nargs=2, type=float, metavar=("C", "D"),
                   help="analyse f(x, y) on the box [A, B] × [C, D] (saddle points, descent in the plane)")
    p.add_argument("--start", nargs="+", type=float, metavar="X0",
                   help="start point of a descent run: X0, or X0 Y0 with --ydomain (omit for no run)")
    p.add_argument("--lr", type=float, default=0.01, help="learning rate η (default 0.01)")
    p.add_argument("--steps", type=int, default=1000, help="at most this many steps (default 1000)")
    p.add_argument("--optimizer", choices=OPTIMIZERS, default="gd")
    p.add_argument("--momentum", type=float, default=0.9, help="μ for momentum/nesterov (default 0.9)")
    p.add_argument("--json", action="store_true", help="print the JSON contract instead of the report")
    return p


def protect_leading_minus(argv: list[str]) -> list[str]:
    """`analyze -x^2 ...`: a function that starts with '-' is not an option."""
    if argv and argv[0].startswith("-") and not argv[0].startswith("--") and argv[0] != "-h":
        return [" " + argv[0], *argv[1:]]
    return argv


def main(argv: list[str]) -> int:
    args = parser().parse_args(protect_leading_minus(argv))
    wanted = 1 if args.ydomain is None else 2
    if args.start is not None and len(args.start) != wanted:
        raise UsageError(f"--start takes {'X0' if wanted == 1 else 'X0 Y0'}"
                         f"{'' if wanted == 1 else ' with --ydomain'}, not {len(args.start)} numbers")
    if args.ydomain is not None:
        surface = analyze_surface(argument_text(args.expr), (tuple(args.domain), tuple(args.ydomain)),
                                  None if args.start is None else tuple(args.start), args.optimizer, args.lr,
                                  args.steps, args.momentum)
        print(json.dumps(surface.to_json(), ensure_ascii=False) if args.json else surface_report(surface))
        return 0
    request = None
    if args.start is not None:
        request = DescentRequest(start=args.start[0], optimizer=args.optimizer, lr=args.lr, steps=args.steps,
                                 momentum=args.momentum)
    analysis = analyze_bounded(argument_text(args.expr), args.domain[0], args.domain[1], request)
    print(json.dumps(analysis.to_json(), ensure_ascii=False) if args.json else render_report(analysis))
    return 0
