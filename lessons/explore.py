"""The explorable beside the clips: a grid of descent runs (starts × learning rates × optimizers) on the
functions sections 3 and 4 draw, every run computed by mathcore at render time and said in the words the
video uses (`Run.result`), so the page only looks a run up and draws it: exact by construction.

A tab is what a section chose (its function, its step budget, the runs it shows by role); `grid_data` runs
the whole grid and packs it small (positions on the plot's grid of `LEVELS` columns, delta-coded; outcome,
`nit` and the exact final x per run; each distinct sentence once)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from mathcore import Analysis, DescentRequest
from mathcore.descent import MAX_STEPS

from .formulas import plain_exact
from .numbers import plain, plain_function
from .runs import Run
from .scale import fit_y_range

OPTIMIZER_ORDER = ("gd", "momentum", "adam")
MOMENTUM = 0.9  # μ of a momentum run the video does not fix (DescentRequest's default, as `analyze`)
MAX_STARTS = 41  # starts on the slider: a round step giving at most this many across the domain
START_STEPS = (1, 2, 2.5, 5)  # × a power of ten
RATE_STEPS = (1, 2, 5)  # the learning rates' log scale: 1-2-5 × a power of ten
RATE_BELOW, RATE_ABOVE = 3.0, 3.0  # the ladder reaches this far below the smallest and above the largest rate shown
RATE_SPAN = 1000.0  # ... and spans at least this ratio (three decades), widened evenly on the log scale
ADAM_RANGE = (0.002, 0.2)  # Adam's step is about η whatever the gradient: η from these fractions of the width
MAX_RATE = 1000.0  # what mathcore's descent accepts
LEVELS = 1024  # columns of the plot's grid a position is drawn on (0 … LEVELS − 1 across the domain)
ROWS = 512  # rows of the plot's grid for f
Y_TICKS = 6  # the y-axis: a round step no larger than the range drawn over this
NAME_MARGIN = 34  # rows between a plateau's name and the plot's top or bottom
OUTCOMES = ("converged", "oscillating", "diverged", "stalled", "max_steps", "pole")
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
DELTA = 30  # a move of at most this many columns is one character
ABSOLUTE, REPEAT = 61, 62  # codes: an absolute column follows (2 characters); the column stays n more steps

WORDS = {  # the page's own words (the runs' results are the video's sentences)
    "title": {"vi": "Tự thử: kéo điểm bắt đầu và tốc độ học", "en": "Try it: drag the start and the learning rate"},
    "tab.descent": {"vi": "Hạ giang trên {name}", "en": "Gradient descent on {name}"},
    "tab.plateau": {"vi": "Vùng phẳng trên {name}", "en": "The plateau of {name}"},
    "tab.surface": {"vi": "Hạ giang trên f(x, y)", "en": "Gradient descent on f(x, y)"},
    "startX": {"vi": "Điểm bắt đầu x₀", "en": "Start x₀"},
    "startY": {"vi": "Điểm bắt đầu y₀", "en": "Start y₀"},
    "map": {"vi": "Bản đồ đường đồng mức của f(x, y) với các điểm tới hạn và đường đi của bóng; "
                  "bấm vào bản đồ để chọn điểm bắt đầu",
            "en": "The contour map of f(x, y) with its critical points and the ball's path; "
                  "click the map to choose the start"},
    "pick": {"vi": "Bấm vào bản đồ để chọn điểm bắt đầu.", "en": "Click the map to choose the start."},
    "start": {"vi": "Điểm bắt đầu x₀", "en": "Start x₀"},
    "rate": {"vi": "Tốc độ học η", "en": "Learning rate η"},
    "optimizer": {"vi": "Thuật toán", "en": "Optimizer"},
    "gd": {"vi": "Hạ giang", "en": "Gradient descent"},
    "momentum": {"vi": "Có quán tính, μ = {mu}", "en": "Momentum, μ = {mu}"},
    "adam": {"vi": "Adam", "en": "Adam"},
    "steps": {"vi": "Tối đa {n} bước, như trong video", "en": "At most {n} steps, as in the video"},
    "stepsOwn": {"vi": "Tối đa {n} bước", "en": "At most {n} steps"},  # a tab whose video shows no run
    "step": {"vi": "Bước {k}", "en": "Step {k}"},
    "replay": {"vi": "Chạy lại", "en": "Replay"},
    "video": {"vi": "Các lần chạy trong video:", "en": "The video's runs:"},
    "command": {"vi": "Kiểm tra lần chạy này bằng dòng lệnh:", "en": "Check this run on the command line:"},
    "teachers": {"vi": "Dành cho giáo viên", "en": "For teachers"},
    "plateau": {"vi": "vùng phẳng", "en": "plateau"},
    "plot": {"vi": "Đồ thị của {name} với các điểm tới hạn và đường đi của bóng",
             "en": "The graph of {name} with its critical points and the ball's path"},
    "panel": {"vi": "Đồ thị, các điều khiển và kết quả", "en": "The graph, the controls and the outcome"},
    "min": {"vi": "cực tiểu", "en": "minimum"}, "max": {"vi": "cực đại", "en": "maximum"},
    "neither": {"vi": "không phải cực trị", "en": "not an extremum"},
}

ROLE_WORDS = {
    "from_left": {"vi": "từ trái", "en": "from the left"}, "from_right": {"vi": "từ phải", "en": "from the right"},
    "lr_small": {"vi": "η quá nhỏ", "en": "η too small"}, "lr_good": {"vi": "η vừa", "en": "η good"},
    "lr_large": {"vi": "η quá lớn", "en": "η too large"}, "slope": {"vi": "từ sườn dốc", "en": "from the slope"},
    "plateau": {"vi": "từ vùng phẳng", "en": "from the plateau"},
    "slide": {"vi": "trượt dọc sườn", "en": "sliding down"},
    "escape_gd": {"vi": "hạ giang mắc kẹt", "en": "descent stalls"},
    "escape": {"vi": "thoát ra", "en": "the escape"},
}


def round_value(value: float) -> float:
    """A grid value without float noise (0.6, not 0.6000000000000001), as a student types it."""
    return float(f"{value:.12g}") + 0.0


def typed(value: float, language: str) -> str:
    """A grid value written in the lesson's language with every digit it has, so the label read back is the
    very number the run used ('0,36', '−1,5', '5×10⁻⁵')."""
    digits = next(d for d in range(1, 18) if float(f"{value:.{d}g}") == value)
    return plain(value, language, max(digits, 1))


class Tab(Protocol):
    """What the explorable's files need of a tab, whatever it draws (a graph here, a contour map in a section
    of its own): its grid run into the page's data, a few of its runs' claims, and a smaller grid."""

    kind: str

    def data(self, language: str) -> dict: ...

    def sample_claims(self, count: int) -> list: ...

    def thinned(self) -> Tab | None: ...


@dataclass(frozen=True)
class ExploreTab:
    """One function the explorable offers, as a section chose it: its grid and the runs the video shows."""

    kind: str  # "descent" (section 4's function) or "plateau" (section 3's)
    analysis: Analysis = field(compare=False, repr=False)
    name: str  # f, L or g: what the video calls it
    steps: int  # the step budget the section's runs use
    momentum: float
    starts: tuple[float, ...]
    rates: tuple[tuple[str, tuple[float, ...]], ...]  # per optimizer, ascending
    shown: tuple[tuple[str, str, float, float], ...]  # the video's runs: (role, optimizer, start, lr)

    def data(self, language: str) -> dict:
        return tab_data(self, language)

    def sample_claims(self, count: int) -> list:
        return sample_claims(self, count)

    def thinned(self) -> ExploreTab | None:
        return thinned(self)


def round_starts(domain: tuple[float, float], wanted: tuple[float, ...], most: int = MAX_STARTS) -> tuple[float, ...]:
    """Multiples of the roundest step that gives at most `most` starts on the domain, and the starts the
    video uses (which are round too)."""
    a, b = domain
    width = b - a
    power = 10.0 ** math.floor(math.log10(width / (most - 1)))
    step = next(s * power * scale for scale in (1, 10) for s in START_STEPS
                if width / (s * power * scale) <= most - 1)
    return tuple(sorted(v for v in set(multiples(a, b, step)) | set(wanted) if a <= v <= b))


def multiples(low: float, high: float, step: float) -> tuple[float, ...]:
    """The multiples of `step` from `low` to `high`, without float noise."""
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return tuple(round_value(k * step) for k in range(first, last + 1))


MIN_STARTS = 11  # thinning a grid to fit the page's budget stops here


def thinned(tab: ExploreTab) -> ExploreTab | None:
    """The tab with every other start of its grid (the video's starts kept): a grid whose runs all move every
    step (a slide on tanh) makes a data file too large for a phone; None when it has few starts already."""
    if len(tab.starts) <= MIN_STARTS:
        return None
    shown = {start for _, _, start, _ in tab.shown}
    starts = tuple(x for i, x in enumerate(tab.starts) if i % 2 == 0 or x in shown)
    return dataclasses.replace(tab, starts=starts)


def rate_ladder(low: float, high: float, wanted: tuple[float, ...] = (),
                steps: tuple[float, ...] = RATE_STEPS) -> tuple[float, ...]:
    """The 1-2-5 rates (or `steps`) from `low` to `high` (a log scale of round numbers), with the rates the
    video uses."""
    found = set(wanted)
    for power in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        for s in steps:
            value = round_value(s * 10.0 ** power)
            if low <= value <= high:
                found.add(value)
    return tuple(sorted(v for v in found if 0 < v <= MAX_RATE))


def explore_tab(kind: str, analysis: Analysis, name: str, runs: tuple[Run, ...]) -> ExploreTab:
    """The grid for one function from the runs the video shows on it: the plain and momentum rates span
    the shown rates (too small … too large) on a 1-2-5 scale, Adam its own range of width fractions."""
    trajectories = [run.trajectory for run in runs]
    steps = max(t.steps for t in trajectories)
    momentum = next((t.momentum for t in trajectories if t.optimizer == "momentum"), MOMENTUM)
    shown_rates = {name: tuple(t.lr for t in trajectories if t.optimizer == name) for name in OPTIMIZER_ORDER}
    plain_rates = shown_rates["gd"] + shown_rates["momentum"]
    low, high = min(plain_rates) / RATE_BELOW, max(plain_rates) * RATE_ABOVE
    widen = math.sqrt(max(RATE_SPAN / (high / low), 1.0))
    ladder = rate_ladder(low / widen, high * widen, plain_rates)
    width = analysis.function.width
    adam = rate_ladder(ADAM_RANGE[0] * width, ADAM_RANGE[1] * width, shown_rates["adam"])
    rates = (("gd", ladder), ("momentum", ladder), ("adam", adam))
    gaps = {e.x for e in analysis.function.excluded}  # no run starts where f is undefined
    starts = tuple(x for x in round_starts(analysis.domain, tuple(t.start for t in trajectories)) if x not in gaps)
    shown = tuple((run.role, run.trajectory.optimizer, run.trajectory.start, run.trajectory.lr) for run in runs)
    return ExploreTab(kind, analysis, name, steps, momentum, starts, rates, shown)


def encode_path(columns: list[int]) -> str:
    """Columns as characters: the first absolute, then each step's move (±DELTA in one character), a longer
    jump absolute, and a column that stays put as one repeat code for up to 64 steps."""
    out = [ALPHABET[ABSOLUTE], ALPHABET[columns[0] >> 6], ALPHABET[columns[0] & 63]]
    i = 1
    while i < len(columns):
        move = columns[i] - columns[i - 1]
        if move == 0:
            count = 1
            while i + count < len(columns) and columns[i + count] == columns[i] and count < 64:
                count += 1
            out += [ALPHABET[REPEAT], ALPHABET[count - 1]]
            i += count
            continue
        if abs(move) <= DELTA:
            out.append(ALPHABET[move + DELTA])
        else:
            out += [ALPHABET[ABSOLUTE], ALPHABET[columns[i] >> 6], ALPHABET[columns[i] & 63]]
        i += 1
    return "".join(out)


def decode_path(text: str) -> list[int]:
    """The inverse of `encode_path` (what the page does, for the tests)."""
    codes = [ALPHABET.index(c) for c in text]
    columns: list[int] = []
    i = 0
    while i < len(codes):
        code = codes[i]
        if code == ABSOLUTE:
            columns.append((codes[i + 1] << 6) | codes[i + 2])
            i += 3
        elif code == REPEAT:
            columns += [columns[-1]] * (codes[i + 1] + 1)
            i += 2
        else:
            columns.append(columns[-1] + code - DELTA)
            i += 1
    return columns


def column(x: float, domain: tuple[float, float]) -> int:
    """The plot column of x, clamped to the domain (a run that leaves is drawn at the edge)."""
    a, b = domain
    return int(round((min(max(x, a), b) - a) / (b - a) * (LEVELS - 1)))


def _curve(analysis: Analysis) -> tuple[list[int | None], float, float]:
    """f at every column, as plot rows (0 at the top), and the y range drawn: the video's range (it does not
    chase a pole to infinity), padded. None where f is undefined or off the plot: the curve breaks there, in
    pieces, as the video draws it (the page puts a ball there at the edge where the curve left)."""
    a, b = analysis.domain
    xs = np.linspace(a, b, LEVELS)
    with np.errstate(all="ignore"):
        ys = np.asarray(analysis.function.f(xs), dtype=float)
    low, high = fit_y_range(analysis)
    pad = 0.06 * (high - low) if high > low else 1.0
    low, high = low - pad, high + pad
    rows = [int(round((high - y) / (high - low) * (ROWS - 1))) if math.isfinite(y) and low <= y <= high else None
            for y in ys]
    return rows, low, high


def _gaps(analysis: Analysis, low: float, high: float) -> tuple[list[int], list[list[int]]]:
    """The poles' columns (a dashed asymptote each) and the holes' [column, row] (an open circle each, at
    the limit f tends to, where it is on the plot)."""
    domain = analysis.domain
    poles = [column(e.x, domain) for e in analysis.function.excluded if e.kind == "pole"]
    holes = [[column(e.x, domain), _row(analysis, e.left, low, high)] for e in analysis.function.excluded
             if e.kind == "hole" and low <= e.left <= high]
    return poles, holes


def _row(analysis: Analysis, y: float, low: float, high: float) -> int:
    return int(round((high - y) / (high - low) * (ROWS - 1)))


def grid_runs(tab: ExploreTab):
    """Every (optimizer, rate, start) of the tab's grid, in the order the page stores them."""
    for optimizer, rates in tab.rates:
        for lr in rates:
            for start in tab.starts:
                yield optimizer, lr, start


def grid_run(tab: ExploreTab, optimizer: str, lr: float, start: float) -> Run:
    request = DescentRequest(start=start, optimizer=optimizer, lr=lr, steps=min(tab.steps, MAX_STEPS),
                             momentum=tab.momentum)
    return Run("explore", tab.analysis.run(request), tab.analysis)


def sample_claims(tab: ExploreTab, count: int) -> list:
    """The claims of `count` runs of the grid, evenly spread over it (the claims check reads these: the
    page says every run's sentence, and the whole grid is too many runs to check on every render)."""
    everything = list(grid_runs(tab))
    chosen = everything[::max(1, len(everything) // count)][:count]
    return [claim for entry in chosen for claim in grid_run(tab, *entry).result().claims]


def plateau_band(start: float, end: float, domain: tuple[float, float], rows: list[int | None]) -> list[int]:
    """A plateau as the page shades it: its first and last column, and the row for its name, away from the
    curve (at the bottom where the curve runs high over it, else at the top)."""
    first, last = column(start, domain), column(end, domain)
    over = [r for r in rows[first:last + 1] if r is not None]
    high = bool(over) and sum(over) / len(over) < (ROWS - 1) / 2
    return [first, last, ROWS - 1 - NAME_MARGIN if high else NAME_MARGIN]


def y_ticks(low: float, high: float, language: str) -> list[dict]:
    """The y-axis: round values (a 1-2-5 step, four to seven of them) inside the plotted range, each
    with its row and its label as the video writes numbers."""
    rough = (high - low) / Y_TICKS
    power = 10.0 ** math.floor(math.log10(rough))
    step = next((s * power for s in (1, 2, 5, 10) if s * power >= rough), 10 * power)
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    values = [round_value(k * step) for k in range(first, last + 1)]
    return [{"row": int(round((high - v) / (high - low) * (ROWS - 1))), "label": typed(v, language)} for v in values]


def tab_data(tab: ExploreTab, language: str) -> dict:
    """Every run of the tab's grid, run by mathcore, as the page reads it."""
    analysis, domain = tab.analysis, tab.analysis.domain
    rows, low, high = _curve(analysis)
    poles, holes = _gaps(analysis, low, high)
    sentences: dict[str, int] = {}
    runs = {}
    for optimizer, rates in tab.rates:
        outcome, nit, final, say, paths = [], [], [], [], []
        for lr in rates:
            for start in tab.starts:
                run = grid_run(tab, optimizer, lr, start)
                t = run.trajectory
                text = run.result().text(language)
                outcome.append(str(OUTCOMES.index(t.outcome)))
                nit.append(t.nit)
                final.append(t.final_x)
                say.append(sentences.setdefault(text, len(sentences)))
                paths.append(encode_path([column(x, domain) for x in run.drawn_xs()]))
        runs[optimizer] = {"outcome": "".join(outcome), "nit": nit, "final": final, "say": say, "path": paths}
    words = {key: entry[language] for key, entry in WORDS.items()}
    points = [{"column": column(p.x, domain), "row": _row(analysis, p.y, low, high), "kind": p.kind,
               "label": f"x {plain_exact(p.x, p.x_expr, language, relation=True)}"}
              for p in analysis.critical_points]
    lookup = {(o, s, r): (o, tab.starts.index(s), dict(tab.rates)[o].index(r)) for _, o, s, r in tab.shown}
    return {
        "kind": tab.kind, "name": tab.name, "function": analysis.function.text,
        "formula": f"{tab.name}(x) = {plain_function(analysis.function.text, language)}",
        "domain": list(domain), "domainLabels": [typed(v, language) for v in domain],
        "label": words[f"tab.{tab.kind}"].format(name=tab.name), "steps": tab.steps,
        "momentum": tab.momentum, "stepsLabel": words["steps"].format(n=tab.steps),
        "optimizerLabels": {"gd": words["gd"], "momentum": words["momentum"].format(mu=typed(tab.momentum, language)),
                            "adam": words["adam"]},
        "starts": list(tab.starts), "startLabels": [typed(v, language) for v in tab.starts],
        "rates": {o: list(r) for o, r in tab.rates},
        "rateLabels": {o: [typed(v, language) for v in r] for o, r in tab.rates},
        "curve": rows, "poles": poles, "holes": holes, "points": points, "yTicks": y_ticks(low, high, language),
        "plateaus": [plateau_band(p.start, p.end, domain, rows) for p in analysis.plateaus],
        "shown": [{"role": role, "label": ROLE_WORDS.get(role, {}).get(language, role),
                   "optimizer": lookup[(o, s, r)][0], "start": lookup[(o, s, r)][1], "rate": lookup[(o, s, r)][2]}
                  for role, o, s, r in tab.shown],
        "sentences": list(sentences), "runs": runs,
    }


def grid_data(tabs: tuple[Tab, ...], language: str) -> dict:
    """The explorable's data file: its words and every tab's grid (the page computes nothing)."""
    words = {key: entry[language] for key, entry in WORDS.items()}
    return {"version": 1, "language": language, "levels": LEVELS, "rows": ROWS, "outcomes": list(OUTCOMES),
            "optimizers": list(OPTIMIZER_ORDER), "words": words, "tabs": [t.data(language) for t in tabs]}
