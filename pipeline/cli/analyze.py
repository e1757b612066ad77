"""`render.py analyze EXPR --domain A B [--start X0 --lr LR --steps N --optimizer … --momentum MU] [--json]`:
check a function before rendering it (the JSON is a documented contract)."""

from __future__ import annotations

import json

from lessons.config import argument_text
from mathcore import DescentRequest, analyze_bounded
from mathcore.descent import OPTIMIZERS

from .options import Parser
from .report import render_report


def parser() -> Parser:
    p = Parser(prog="render.py analyze", description="Analyse f on [A, B]: critical points, sign chart, "
               "plateaus and (with --start) a descent run.")
    p.add_argument("expr", metavar="EXPR", help="the function of x, e.g. 'x^4 - 2x^2'")
    p.add_argument("--domain", nargs=2, type=float, metavar=("A", "B"), required=True)
    p.add_argument("--start", type=float, help="start point of a descent run (omit for no run)")
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
    request = None
    if args.start is not None:
        request = DescentRequest(start=args.start, optimizer=args.optimizer, lr=args.lr, steps=args.steps,
                                 momentum=args.momentum)
    analysis = analyze_bounded(argument_text(args.expr), args.domain[0], args.domain[1], request)
    print(json.dumps(analysis.to_json(), ensure_ascii=False) if args.json else render_report(analysis))
    return 0
