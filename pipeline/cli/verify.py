"""`render.py verify`: the claims check. Every sentence a lesson would say about a function is a claim,
checked by a second method; this runs that check over functions drawn from the grammar of what teachers type
(`--corpus N --seed S`), or over one function (`--function F --domain A B`, the command each false claim's
line gives to reproduce it).

stdout: a line per false claim, then `N functions, K claims checked, F false, R refused`; stderr: progress
and the refusals by reason. Exit status 1 when a claim is false, 2 for a usage error, else 0.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections import Counter

from mathcore.generate import Generated, generate

from ..checks.claims import Checked, check_all
from .options import Parser, UsageError

MAX_CORPUS = 100_000


def parser() -> Parser:
    p = Parser(prog="render.py verify", description="check every claim the lesson makes, by a second method, "
                                                     "over generated functions or one function")
    p.add_argument("--corpus", type=int, metavar="N", help="how many generated functions to check")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="the generator's seed (default 0)")
    p.add_argument("--function", metavar="EXPR", help="check one function instead")
    p.add_argument("--domain", nargs=2, type=float, metavar=("A", "B"), help="its domain (with --function)")
    p.add_argument("--jobs", type=int, metavar="J", help="processes (default: one per core)")
    return p


def cases_of(args) -> list[Generated]:
    if args.function is not None:
        if args.corpus is not None or args.domain is None:
            raise UsageError("give --function EXPR --domain A B, or --corpus N [--seed S], not both")
        return [Generated(args.function, (args.domain[0], args.domain[1]), "given")]
    if args.corpus is None:
        raise UsageError("give --corpus N [--seed S], or --function EXPR --domain A B")
    if not 1 <= args.corpus <= MAX_CORPUS:
        raise UsageError(f"--corpus must be from 1 to {MAX_CORPUS}")
    return generate(args.corpus, args.seed)


def reproduce(case: Generated) -> str:
    a, b = case.domain
    return f"python render.py verify --function {shlex.quote(case.function)} --domain {a:g} {b:g}"


def reason_of(message: str, case: Generated) -> str:
    """A refusal's reason without the function and numbers that differ from case to case."""
    text = message.replace(case.function, "f")
    text = re.sub(r"section \w+: ", "", text)
    text = re.sub(r"-?\d+(\.\d+)?(e-?\d+)?", "#", text)
    return text[:100]


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    cases = cases_of(args)
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    total = len(cases)

    def progress(i: int, result: Checked) -> None:
        a, b = result.case.domain
        state = f"refused: {result.refused}" if result.refused else \
            f"{result.claims} claims, {len(result.false)} false"
        print(f"[{i + 1}/{total}] {result.case.function} on [{a:g}, {b:g}]: {state}", file=sys.stderr, flush=True)

    claims = false = refused = 0
    reasons: Counter[str] = Counter()
    for result in check_all(cases, min(jobs, total), progress):
        claims += result.claims
        if result.refused:
            refused += 1
            reasons[reason_of(result.refused, result.case)] += 1
        for line in result.false:
            false += 1
            a, b = result.case.domain
            print(f"false: {result.case.function} on [{a:g}, {b:g}] · {line.section} · {line.statement}: "
                  f"{line.claim} — second method: {line.found} — reproduce: {reproduce(result.case)}", flush=True)
    for reason, count in reasons.most_common():
        print(f"refused {count}×: {reason}", file=sys.stderr)
    print(f"{total} functions, {claims} claims checked, {false} false, {refused} refused", flush=True)
    return 1 if false else 0
