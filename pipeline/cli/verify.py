"""`render.py verify`: the claims check. Every sentence a lesson would say about a function is a claim,
checked by a second method; this runs that check over functions drawn from the grammar of what teachers type
(`--corpus N --seed S`), over surfaces f(x, y) drawn from theirs (`--surfaces M`, the section saddle_points;
with or without `--corpus`), or over one function (`--function F --domain A B`) or one surface (`--surface
EXPR --surface-domain A B C D`): the commands each false claim's line gives to reproduce it.

stdout: a line per false claim, then `N functions, K claims checked, F false, R refused` (`M surfaces, …`
with --surfaces alone, `N functions, M surfaces, …` with both); stderr: progress and the refusals by reason.
Exit status 1 when a claim is false, 2 for a usage error, else 0.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections import Counter

from mathcore.generate import Generated, GeneratedSurface, generate, generate_surfaces

from ..checks.claims import Checked, check_all
from .options import Parser, UsageError

MAX_CORPUS = 100_000


def parser() -> Parser:
    p = Parser(prog="render.py verify", description="check every claim the lesson makes, by a second method, "
                                                     "over generated functions and surfaces, or one of either")
    p.add_argument("--corpus", type=int, metavar="N", help="how many generated functions to check")
    p.add_argument("--surfaces", type=int, metavar="M", help="how many generated surfaces f(x, y) to check (the "
                                                             "section saddle_points), with or without --corpus")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="the generator's seed (default 0)")
    p.add_argument("--function", metavar="EXPR", help="check one function instead")
    p.add_argument("--domain", nargs=2, type=float, metavar=("A", "B"), help="its domain (with --function)")
    p.add_argument("--surface", metavar="EXPR", help="check one surface f(x, y) instead")
    p.add_argument("--surface-domain", nargs=4, type=float, metavar=("A", "B", "C", "D"),
                   help="its box [A, B] × [C, D] (with --surface)")
    p.add_argument("--jobs", type=int, metavar="J", help="processes (default: one per core)")
    return p


Case = Generated | GeneratedSurface
USAGE = "give --corpus N and/or --surfaces M [--seed S], or --function EXPR --domain A B, or --surface EXPR " \
        "--surface-domain A B C D"


def cases_of(args) -> list[Case]:
    generated = args.corpus is not None or args.surfaces is not None
    given = [mode for mode, on in (("--function", args.function is not None or args.domain is not None),
                                   ("--surface", args.surface is not None or args.surface_domain is not None)) if on]
    if len(given) + generated != 1:
        raise UsageError(USAGE + " (one of these)")
    if given == ["--function"]:
        if args.function is None or args.domain is None:
            raise UsageError("give --function EXPR --domain A B together")
        return [Generated(args.function, (args.domain[0], args.domain[1]), "given")]
    if given == ["--surface"]:
        if args.surface is None or args.surface_domain is None:
            raise UsageError("give --surface EXPR --surface-domain A B C D together")
        a, b, c, d = args.surface_domain
        return [GeneratedSurface(args.surface, ((a, b), (c, d)), "given")]
    for option, count in (("--corpus", args.corpus), ("--surfaces", args.surfaces)):
        if count is not None and not 1 <= count <= MAX_CORPUS:
            raise UsageError(f"{option} must be from 1 to {MAX_CORPUS}")
    return [*generate(args.corpus or 0, args.seed), *generate_surfaces(args.surfaces or 0, args.seed)]


def where(case: Case) -> str:
    if isinstance(case, GeneratedSurface):
        (a, b), (c, d) = case.box
        return f"{case.function} on [{a:g}, {b:g}] × [{c:g}, {d:g}]"
    a, b = case.domain
    return f"{case.function} on [{a:g}, {b:g}]"


def reproduce(case: Case) -> str:
    if isinstance(case, GeneratedSurface):
        (a, b), (c, d) = case.box
        return (f"python render.py verify --surface {shlex.quote(case.function)} "
                f"--surface-domain {a:g} {b:g} {c:g} {d:g}")
    a, b = case.domain
    return f"python render.py verify --function {shlex.quote(case.function)} --domain {a:g} {b:g}"


def reason_of(message: str, case: Case) -> str:
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
        state = f"refused: {result.refused}" if result.refused else \
            f"{result.claims} claims, {len(result.false)} false"
        print(f"[{i + 1}/{total}] {where(result.case)}: {state}", file=sys.stderr, flush=True)

    claims = false = refused = 0
    reasons: Counter[str] = Counter()
    for result in check_all(cases, min(jobs, total), progress):
        claims += result.claims
        if result.refused:
            refused += 1
            reasons[reason_of(result.refused, result.case)] += 1
        for line in result.false:
            false += 1
            print(f"false: {where(result.case)} · {line.section} · {line.statement}: "
                  f"{line.claim} — second method: {line.found} — reproduce: {reproduce(result.case)}", flush=True)
    for reason, count in reasons.most_common():
        print(f"refused {count}×: {reason}", file=sys.stderr)
    surfaces = sum(isinstance(case, GeneratedSurface) for case in cases)
    counted = ([f"{total - surfaces} functions"] if surfaces < total or not surfaces else []) + \
        ([f"{surfaces} surfaces"] if surfaces else [])
    print(f"{', '.join(counted)}, {claims} claims checked, {false} false, {refused} refused", flush=True)
    return 1 if false else 0
