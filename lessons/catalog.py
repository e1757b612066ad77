"""The lesson's text: every on-screen and caption string, in Vietnamese (the course language) and English.

Which string a section shows is decided by its plan (lessons/sections), from facts mathcore checked.

Strings are NFC-normalised on lookup: decomposed Vietnamese (e + combining marks) breaks glyph mapping.
`{name}` fields are filled from the keyword arguments of `text()`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """A field value that is itself a catalog entry, translated with the string that holds it."""

    key: str


@dataclass(frozen=True)
class Num:
    """A field value that is a number: written by lessons.numbers in the string's language."""

    value: float


@dataclass(frozen=True)
class Fn:
    """A field value that is a function as typed: written for reading (x³ − 12x) in the string's language."""

    text: str


@dataclass(frozen=True)
class Exact:
    """A field value that is a point mathcore solved exactly: its short exact form ('3π/2'), else the
    decimal; with `relation`, preceded by '=' or '≈' (templates write "x {x}")."""

    value: float
    form: str | None = None
    relation: bool = False


@dataclass(frozen=True)
class Pos:
    """A field value that is where a run ended, on a domain `width` wide: '≈ 2', '= 0,5' (templates write
    "x {x}")."""

    value: float
    width: float


def resolve(value: object, language: str) -> object:
    from .numbers import plain, plain_exact, plain_function, plain_position

    if isinstance(value, Ref):
        return text(value.key, language)
    if isinstance(value, Num):
        return plain(value.value, language)
    if isinstance(value, Fn):
        return plain_function(value.text, language)
    if isinstance(value, Pos):
        return plain_position(value.value, value.width, language)
    if isinstance(value, Exact):
        return plain_exact(value.value, value.form, language, value.relation)
    return value

CATALOG: dict[str, dict[str, str]] = {
    # section titles
    "title.critical_points": {"vi": "1. Điểm tới hạn: nơi đạo hàm bằng 0",
                              "en": "1. Critical points: where the derivative is 0"},
    "title.minima_vs_maxima": {"vi": "2. Phân biệt cực tiểu và cực đại",
                               "en": "2. Telling minima from maxima"},
    "title.plateaus": {"vi": "3. Vùng phẳng và gradient biến mất", "en": "3. Plateaus and the vanishing gradient"},
    "title.gradient_descent": {"vi": "4. Hạ giang (gradient descent)", "en": "4. Gradient descent"},
    "title.conclusion": {"vi": "5. Kết luận", "en": "5. Conclusion"},
    # kinds and signs
    "kind.min": {"vi": "cực tiểu", "en": "minimum"},
    "kind.max": {"vi": "cực đại", "en": "maximum"},
    "kind.neither": {"vi": "không phải cực trị", "en": "not an extremum"},
    "sign.-": {"vi": "giảm", "en": "falling"},
    "sign.+": {"vi": "tăng", "en": "rising"},
    "sign.0": {"vi": "phẳng", "en": "flat"},
    "readout.undefined": {"vi": "không tồn tại", "en": "does not exist"},
    # section 1
    "cp.function": {"vi": "Hàm số", "en": "The function"},
    "cp.slope": {"vi": "Độ dốc của tiếp tuyến", "en": "Slope of the tangent"},
    "cp.tangent": {"vi": "Tiếp tuyến trượt dọc đồ thị; độ dốc của nó là f′(x).",
                   "en": "A tangent slides along the graph; its slope is f′(x)."},
    "cp.flat_here": {"vi": "Tiếp tuyến nằm ngang tại x {x}: f′ = 0", "en": "Horizontal tangent at x {x}: f′ = 0"},
    "cp.kink_here": {"vi": "Không có tiếp tuyến tại x {x}: f′ không tồn tại",
                     "en": "No tangent at x {x}: f′ does not exist"},
    "cp.solve": {"vi": "Giải f′(x) = 0 trên [{a}; {b}]", "en": "Solve f′(x) = 0 on [{a}, {b}]"},
    "cp.solve_kink": {"vi": "Giải f′(x) = 0 và tìm nơi f′ không tồn tại, trên [{a}; {b}]",
                      "en": "Solve f′(x) = 0 and find where f′ does not exist, on [{a}, {b}]"},
    "cp.candidates": {"vi": "Đây mới là ứng viên cực trị, chưa chắc là cực trị.",
                      "en": "These are only candidates for extrema, not guaranteed ones."},
    "cp.counter_title": {"vi": "Ứng viên thất bại", "en": "A candidate that fails"},
    "cp.counter": {"vi": "Tại x {x}: f′ = 0 nhưng f′ không đổi dấu, không phải cực trị.",
                   "en": "At x {x}: f′ = 0 but f′ keeps its sign, not an extremum."},
    "cp.counter_caption": {"vi": "Với f(x) = {f}, tiếp tuyến tại x {x} nằm ngang, nhưng hàm vẫn {trend} "
                                 "ở cả hai phía.",
                           "en": "For f(x) = {f} the tangent at x {x} is flat, yet the function keeps "
                                 "{trend} on both sides."},
    "cp.own_counter": {"vi": "x {x}: f′ = 0 nhưng f′ không đổi dấu, không phải cực trị.",
                       "en": "x {x}: f′ = 0 but f′ keeps its sign, not an extremum."},
    "trend.+": {"vi": "tăng", "en": "rising"},
    "trend.-": {"vi": "giảm", "en": "falling"},
    # section 2
    "mm.intro": {"vi": "Cả cực tiểu lẫn cực đại đều có f′ = 0. Hãy nhìn dấu của f′ ở hai bên.",
                 "en": "Minima and maxima both have f′ = 0. Look at the sign of f′ on each side."},
    "mm.intro_kink": {"vi": "Tại cực tiểu hay cực đại, f′ = 0 hoặc f′ không tồn tại. Hãy nhìn dấu của f′ "
                            "ở hai bên.",
                      "en": "At a minimum or a maximum f′ = 0 or f′ does not exist. Look at the sign of f′ "
                            "on each side."},
    "mm.left": {"vi": "Bên trái:", "en": "Left:"},
    "mm.right": {"vi": "Bên phải:", "en": "Right:"},
    "mm.rule_min": {"vi": "− rồi +  ⇒  cực tiểu", "en": "− then +  ⇒  minimum"},
    "mm.rule_max": {"vi": "+ rồi −  ⇒  cực đại", "en": "+ then −  ⇒  maximum"},
    "mm.rule_neither": {"vi": "không đổi dấu  ⇒  không phải cực trị", "en": "no sign change  ⇒  not an extremum"},
    "mm.verdict": {"vi": "x {x}: {kind}", "en": "x {x}: {kind}"},
    "mm.chart": {"vi": "Bảng dấu của f′: f tăng ↗ khi f′ > 0, giảm ↘ khi f′ < 0.",
                 "en": "Sign chart of f′: f rises ↗ where f′ > 0, falls ↘ where f′ < 0."},
    "mm.goal": {"vi": "Học sâu tìm cực tiểu: nơi sai số nhỏ nhất.",
                "en": "Deep learning looks for minima: where the error is smallest."},
    "mm.goal_none": {"vi": "Học sâu tìm cực tiểu, nhưng trên miền này f không có cực tiểu nào.",
                     "en": "Deep learning looks for minima, but f has none on this domain."},
    # descent outcomes (mathcore's names)
    "outcome.converged": {"vi": "hội tụ", "en": "converged"},
    "outcome.stalled": {"vi": "mắc kẹt: gradient biến mất", "en": "stalled: the gradient vanished"},
    "outcome.oscillating": {"vi": "dao động", "en": "oscillating"},
    "outcome.diverged": {"vi": "phân kỳ", "en": "diverged"},
    "outcome.max_steps": {"vi": "chưa tới đáy", "en": "not there yet"},
    "run.result": {"vi": "{outcome} sau {n} bước (x {x})", "en": "{outcome} after {n} steps (x {x})"},
    "run.result_within": {"vi": "{outcome} trong {n} bước (x {x})", "en": "{outcome} within {n} steps (x {x})"},
    "run.result_kink": {"vi": "{outcome} quanh điểm gãy x {x}: nhảy trong một bước quanh nó, sau {n} bước",
                        "en": "{outcome} around the kink x {x}: bouncing within one step of it, after {n} steps"},
    "run.result_gone": {"vi": "{outcome}: x rời khỏi miền sau {n} bước", "en": "{outcome}: x left the domain after {n} steps"},
    "run.result_out": {"vi": "{outcome}, ra ngoài miền sau {n} bước", "en": "{outcome}, outside the domain after {n} steps"},
    # section 3
    "pl.function": {"vi": "Hàm số", "en": "The function"},
    "pl.loss": {"vi": "Hàm mất mát của một nơ-ron sigmoid", "en": "Loss of one sigmoid neuron"},
    "pl.loss_other": {"vi": "Một hàm mất mát có vùng phẳng", "en": "A loss with a plateau"},
    "pl.sub.no_plateau": {"vi": "f không có vùng phẳng trên miền này; đây là {what}.",
                          "en": "f has no plateau on this domain; here is {what}."},
    "pl.sub.no_minimum": {"vi": "f không có cực tiểu để hạ giang hội tụ; đây là {what}.",
                          "en": "f has no minimum for descent to reach; here is {what}."},
    "pl.sub.no_slope": {"vi": "Trên f, hạ giang từ sườn dốc không hội tụ; đây là {what}.",
                        "en": "On f, descent from the slope does not converge; here is {what}."},
    "pl.sub.no_stall": {"vi": "Trên f, hạ giang không mắc kẹt trong vùng phẳng nào; đây là {what}.",
                        "en": "On f, descent stalls on no plateau inside the domain; here is {what}."},
    "pl.what_sigmoid": {"vi": "hàm mất mát của một nơ-ron sigmoid bão hòa",
                        "en": "the loss of a saturated sigmoid neuron"},
    "pl.what_other": {"vi": "một hàm khác có vùng phẳng", "en": "another function with a plateau"},
    "pl.plateau": {"vi": "vùng phẳng", "en": "plateau"},
    "pl.shaded": {"vi": "Vùng phẳng: |f′| ≤ {threshold} trên cả một khoảng rộng, dù không có cực trị ở đó.",
                  "en": "Plateau: |f′| ≤ {threshold} over a wide stretch, though no extremum is there."},
    "pl.steep": {"vi": "Bắt đầu ở sườn dốc: gradient lớn, bóng lăn nhanh xuống đáy.",
                 "en": "Starting on a steep slope: a large gradient, the ball rolls quickly to the bottom."},
    "pl.saturated": {"vi": "Bắt đầu trong vùng phẳng (nơ-ron bão hòa): |f′| = {g} ≤ {threshold}.",
                     "en": "Starting on the plateau (a saturated neuron): |f′| = {g} ≤ {threshold}."},
    "pl.on_plateau": {"vi": "Bắt đầu trong vùng phẳng: |f′| = {g} ≤ {threshold}.",
                      "en": "Starting on the plateau: |f′| = {g} ≤ {threshold}."},
    "pl.stalled_far": {"vi": "Sau {n} bước bóng gần như đứng yên, cực tiểu vẫn còn xa: hạ giang ngừng tiến.",
                       "en": "After {n} steps the ball has barely moved and the minimum is still far: "
                             "descent stops making progress."},
    "pl.stalled": {"vi": "Sau {n} bước |f′| chỉ còn {g}: bóng dừng lại dù ở đó không có cực tiểu.",
                   "en": "After {n} steps |f′| is only {g}: the ball stops, though no minimum is there."},
    "pl.step": {"vi": "bước", "en": "step"},
    "pl.gradient": {"vi": "độ lớn gradient", "en": "gradient size"},
    "pl.chain": {"vi": "Vì sao mạng sigmoid sâu bị ảnh hưởng: σ′(x) ≤ 1/4, và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                 "en": "Why deep sigmoid networks suffer: σ′(x) ≤ 1/4, and backpropagation multiplies the derivatives of every layer."},
    "pl.chain_general": {"vi": "Vùng phẳng hay gặp trong mạng sigmoid sâu: σ′(x) ≤ 1/4, và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                         "en": "Plateaus are common in deep sigmoid networks: σ′(x) ≤ 1/4, and backpropagation multiplies the derivatives of every layer."},
    "pl.depth": {"vi": "{n} tầng", "en": "depth {n}"},
    # section 4
    "gd.rule": {"vi": "Quy tắc cập nhật", "en": "The update rule"},
    "gd.sub": {"vi": "f không có cực tiểu trên miền này; trong phần này, f(x) = {g}.",
               "en": "f has no minimum on this domain; in this section, f(x) = {g}."},
    "gd.neg": {"vi": "f′ < 0: bước sang phải (x tăng)", "en": "f′ < 0: the step goes right (x grows)"},
    "gd.pos": {"vi": "f′ > 0: bước sang trái (x giảm)", "en": "f′ > 0: the step goes left (x shrinks)"},
    "gd.arrow": {"vi": "Mũi tên dài đúng bằng η·|f′(x)|.", "en": "The arrow is exactly η·|f′(x)| long."},
    "gd.descent": {"vi": "Lặp lại từng bước, bóng tiến về cực tiểu.", "en": "Step after step, the ball heads for the minimum."},
    "gd.result": {"vi": "Kết quả: hội tụ tại x {x} trong {n} bước.", "en": "Result: converged at x {x} within {n} steps."},
    "gd.result_kink": {"vi": "Kết quả: sau {n} bước bóng nhảy trong một bước quanh điểm gãy x {x}, cực tiểu.",
                       "en": "Result: after {n} steps the ball bounces within one step of the kink x {x}, the minimum."},
    "gd.rates": {"vi": "So sánh tốc độ học η", "en": "Comparing learning rates η"},
    "gd.rates_caption": {"vi": "η quá nhỏ thì chậm, vừa phải thì hội tụ, quá lớn thì {wild}.",
                         "en": "Too small an η is slow, a good one converges, too large a one {wild}."},
    "gd.wild.oscillating": {"vi": "nhảy qua lại quanh đáy", "en": "jumps back and forth across the bottom"},
    "gd.wild.diverged": {"vi": "văng ra xa", "en": "flies off"},
    "gd.escape": {"vi": "Ngoài bài học: {optimizer} thoát khỏi vùng phẳng nơi hạ giang thường mắc kẹt.",
                  "en": "Beyond the lesson: {optimizer} escapes the plateau where plain gradient descent stalls."},
    "gd.plain": {"vi": "hạ giang thường", "en": "plain gradient descent"},
    "gd.momentum": {"vi": "hạ giang có quán tính (momentum)", "en": "gradient descent with momentum"},
    "gd.iteration": {"vi": "bước", "en": "step"},
    # section 5
    "cc.points": {"vi": "Điểm tới hạn: f′(x) = 0", "en": "Critical points: f′(x) = 0"},
    "cc.points_kink": {"vi": "Điểm tới hạn: f′ = 0 hoặc không tồn tại", "en": "Critical points: f′ = 0 or undefined"},
    "cc.signs": {"vi": "Dấu của f′: cực tiểu hay cực đại", "en": "Sign of f′: minimum or maximum"},
    "cc.plateau": {"vi": "Vùng phẳng: gradient biến mất", "en": "Plateaus: the gradient vanishes"},
    "cc.descent": {"vi": "Hạ giang: x ← x − η·f′(x)", "en": "Gradient descent: x ← x − η·f′(x)"},
    "cc.closing": {"vi": "Đạo hàm chỉ đường tới cực tiểu; nhận ra vùng phẳng là nền tảng của các kỹ thuật tối ưu.",
                   "en": "The derivative points the way to minima; spotting plateaus underlies advanced optimisation."},
}


def text(key: str, language: str, **fields: object) -> str:
    """The string `key` in `language` (falling back to Vietnamese), fields filled in, NFC-normalised."""
    entry = CATALOG[key]
    template = entry[language]
    resolved = {name: resolve(v, language) for name, v in fields.items()}
    return unicodedata.normalize("NFC", template.format(**resolved) if resolved else template)


def field_names(key: str) -> set[str]:
    """The `{name}` fields the string `key` needs, over all its languages."""
    import string

    return {name for template in CATALOG[key].values() for _, name, _, _ in string.Formatter().parse(template)
            if name}
