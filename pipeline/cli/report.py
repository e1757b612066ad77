"""The human-readable `analyze` report: what a teacher checks before rendering a new function."""

from __future__ import annotations

from mathcore import Analysis
from mathcore.function import fmt

KIND_NAMES = {"min": "min (cực tiểu)", "max": "max (cực đại)", "neither": "neither (không phải cực trị)"}
SIGN_NAMES = {"+": "+  increasing ↗", "-": "−  decreasing ↘", "0": "0  flat →"}
SIGN_GLYPHS = {"+": "+", "-": "−", "0": "0"}


KIND_NAMES_EXCLUDED = {"pole": "pole (tiệm cận đứng)", "hole": "hole (điểm bị khuyết)"}


def _limit(value: float) -> str:
    return ("+∞" if value > 0 else "−∞") if value in (float("inf"), float("-inf")) else fmt(value)


def pretty(expr_text: str) -> str:
    """sympy's str with the teacher's power sign."""
    return expr_text.replace("**", "^")


def _table(rows: list[list[str]], header: list[str]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def render_report(analysis: Analysis) -> str:
    fn = analysis.function
    a, b = analysis.domain
    out = [f"f(x)   = {pretty(str(fn.expr))}      (typed: {fn.text})",
           f"f'(x)  = {pretty(str(fn.derivative))}",
           *(["       = " + "; ".join(f"{pretty(str(p.expr))} on ({fmt(p.start)}, {fmt(p.end)})"
                                       for p in analysis.derivative_pieces)] if analysis.derivative_pieces else []),
           f"f''(x) = {pretty(str(fn.second))}",
           f"domain = [{fmt(a)}, {fmt(b)}]", ""]
    excluded = fn.excluded
    out.append(f"Excluded points: {len(excluded)} (where f is undefined: a pole |f| → ∞, or a hole)")
    if excluded:
        out += _table([[fmt(e.x), "" if e.exact is None else pretty(str(e.exact)), KIND_NAMES_EXCLUDED[e.kind],
                        _limit(e.left), _limit(e.right)] for e in excluded],
                      ["x", "exact x", "kind", "limit from the left", "limit from the right"])
    out.append("")
    points = analysis.critical_points
    out.append(f"Critical points: {len(points)} (where f'(x) = 0 or f' does not exist)")
    if points:
        rows = [[fmt(p.x), p.exact or "", fmt(p.y), p.y_exact or "",
                 "—" if p.second_derivative is None else fmt(p.second_derivative),
                 f"{SIGN_GLYPHS[p.left_sign]} | {SIGN_GLYPHS[p.right_sign]}",
                 "yes" if p.differentiable else "no (kink/cusp)", KIND_NAMES[p.kind]]
                for p in points]
        out += _table(rows, ["x", "exact x", "f(x)", "exact f(x)", "f''(x)", "f' left|right",
                             "f' exists", "kind (sign test)"])
    out += ["", "Sign chart of f'"]
    out += _table([[f"[{fmt(s.start)}, {fmt(s.end)}]", SIGN_NAMES[s.sign]] for s in analysis.sign_chart],
                  ["interval", "sign of f'"])
    if analysis.flat_extrema:
        out += ["", "Flat minima and maxima (đáy phẳng / đỉnh phẳng): f constant at a min or max level, f' = 0 inside"]
        out += _table([[f"[{fmt(e.start)}, {fmt(e.end)}]", fmt(e.y), KIND_NAMES[e.kind]]
                       for e in analysis.flat_extrema],
                      ["interval", "f(x) there", "kind (every point of it)"])
    threshold = fmt(analysis.landscape.slope_threshold)
    out += ["", f"Plateaus (vùng phẳng): |f'| ≤ {threshold} (1% of the largest |f'|) over ≥ 5% of the domain, "
                "no extremum inside"]
    if analysis.plateaus:
        out += _table([[f"[{fmt(p.start)}, {fmt(p.end)}]", fmt(p.max_slope)] for p in analysis.plateaus],
                      ["interval", "max |f'| there"])
    else:
        out.append("  none")
    run = analysis.descent
    if run is not None:
        momentum = f", momentum {fmt(run.momentum)}" if run.optimizer in ("momentum", "nesterov") else ""
        out += ["", f"Descent: {run.optimizer}, lr {fmt(run.lr)}{momentum}, from x = {fmt(run.start)}, "
                    f"at most {run.steps} steps",
                f"  outcome: {run.outcome}, reported after {run.nit} steps (nit; the run took {len(run.xs) - 1}) — "
                f"{run.reason}",
                f"  final x = {fmt(run.final_x)}, f(x) = {fmt(run.ys[-1])}, f'(x) = {fmt(run.slopes[-1])}"]
    return "\n".join(out)


SURFACE_KINDS = {"min": "minimum (cực tiểu)", "max": "maximum (cực đại)", "saddle": "saddle point (điểm yên ngựa)",
                 "degenerate": "undecided (degenerate)"}


def surface_report(analysis) -> str:
    """The text report of f(x, y) on a box: its critical points with their kinds and Hessian eigenvalues, and
    a run in the plane."""
    surface = analysis.surface
    (a, b), (c, d) = surface.box
    out = [f"f(x, y) = {pretty(str(surface.expr))}      (typed: {surface.text})",
           f"box     = [{fmt(a)}, {fmt(b)}] × [{fmt(c)}, {fmt(d)}]", "",
           f"Critical points: {len(analysis.points)} (where the gradient ∇f = 0)"]
    if analysis.points:
        def exact(e) -> str:
            return "" if e is None else pretty(str(e))
        out += _table([[fmt(p.x), fmt(p.y), exact(p.x_exact), exact(p.y_exact), fmt(p.value),
                        f"{fmt(p.eigenvalues[0])}, {fmt(p.eigenvalues[1])}", p.method, SURFACE_KINDS[p.kind]]
                       for p in analysis.points],
                      ["x", "y", "exact x", "exact y", "f(x, y)", "Hessian eigenvalues", "decided by", "kind"])
    run = analysis.descent
    if run is not None:
        x, y = run.final
        out += ["", f"Descent ({run.optimizer}, η = {fmt(run.lr)}) from ({fmt(run.start[0])}, {fmt(run.start[1])}): "
                    f"{run.outcome} after {run.nit} of {run.steps} steps, at ({fmt(x)}, {fmt(y)}); {run.reason}"]
    return "\n".join(out)
