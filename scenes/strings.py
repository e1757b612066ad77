"""Every on-screen and caption string, in Vietnamese (the course language) and English.

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
    # section 1
    "cp.function": {"vi": "Hàm số", "en": "The function"},
    "cp.slope": {"vi": "Độ dốc của tiếp tuyến", "en": "Slope of the tangent"},
    "cp.tangent": {"vi": "Tiếp tuyến trượt dọc đồ thị; độ dốc của nó là f′(x).",
                   "en": "A tangent slides along the graph; its slope is f′(x)."},
    "cp.flat_here": {"vi": "Tiếp tuyến nằm ngang: f′({x}) = 0", "en": "Horizontal tangent: f′({x}) = 0"},
    "cp.kink_here": {"vi": "Không có tiếp tuyến: f′({x}) không tồn tại",
                     "en": "No tangent: f′({x}) does not exist"},
    "cp.solve": {"vi": "Giải f′(x) = 0", "en": "Solve f′(x) = 0"},
    "cp.solutions": {"vi": "Điểm tới hạn", "en": "Critical points"},
    "cp.candidates": {"vi": "Đây mới là ứng viên cực trị, chưa chắc là cực trị.",
                      "en": "These are only candidates for extrema, not guaranteed ones."},
    "cp.counter_title": {"vi": "Ứng viên thất bại", "en": "A candidate that fails"},
    "cp.counter": {"vi": "f′({x}) = 0 nhưng f′ không đổi dấu: không phải cực trị.",
                   "en": "f′({x}) = 0 but f′ keeps its sign: not an extremum."},
    "cp.counter_caption": {"vi": "Với {f}, tiếp tuyến tại x = {x} nằm ngang, nhưng hàm vẫn tăng ở cả hai phía.",
                           "en": "For {f} the tangent at x = {x} is flat, yet the function rises on both sides."},
    "cp.own_counter": {"vi": "x = {x}: f′ = 0 nhưng f′ không đổi dấu, không phải cực trị.",
                       "en": "x = {x}: f′ = 0 but f′ keeps its sign, not an extremum."},
    # section 2
    "mm.intro": {"vi": "Cả cực tiểu lẫn cực đại đều có f′ = 0. Hãy nhìn dấu của f′ ở hai bên.",
                 "en": "Minima and maxima both have f′ = 0. Look at the sign of f′ on each side."},
    "mm.left": {"vi": "Bên trái:", "en": "Left:"},
    "mm.right": {"vi": "Bên phải:", "en": "Right:"},
    "mm.neg": {"vi": "< 0", "en": "< 0"},
    "mm.pos": {"vi": "> 0", "en": "> 0"},
    "mm.zero": {"vi": "= 0", "en": "= 0"},
    "mm.rule_min": {"vi": "− rồi +  ⇒  cực tiểu", "en": "− then +  ⇒  minimum"},
    "mm.rule_max": {"vi": "+ rồi −  ⇒  cực đại", "en": "+ then −  ⇒  maximum"},
    "mm.rule_neither": {"vi": "không đổi dấu  ⇒  không phải cực trị", "en": "no sign change  ⇒  not an extremum"},
    "mm.verdict": {"vi": "x = {x}: {kind}", "en": "x = {x}: {kind}"},
    "mm.chart": {"vi": "Bảng dấu của f′: f tăng ↗ khi f′ > 0, giảm ↘ khi f′ < 0.",
                 "en": "Sign chart of f′: f rises ↗ where f′ > 0, falls ↘ where f′ < 0."},
    "mm.goal": {"vi": "Học sâu tìm cực tiểu: nơi sai số nhỏ nhất.",
                "en": "Deep learning looks for minima: where the error is smallest."},
    "mm.legend_neg": {"vi": "f′ < 0", "en": "f′ < 0"},
    "mm.legend_pos": {"vi": "f′ > 0", "en": "f′ > 0"},
    # descent outcomes (mathcore's names)
    "outcome.converged": {"vi": "hội tụ", "en": "converged"},
    "outcome.stalled": {"vi": "mắc kẹt: gradient biến mất", "en": "stalled: the gradient vanished"},
    "outcome.oscillating": {"vi": "dao động", "en": "oscillating"},
    "outcome.diverged": {"vi": "phân kỳ", "en": "diverged"},
    "outcome.max_steps": {"vi": "chưa tới đáy sau {n} bước", "en": "not there after {n} steps"},
    # section 3
    "pl.loss": {"vi": "Hàm mất mát của một nơ-ron sigmoid", "en": "Loss of one sigmoid neuron"},
    "pl.plateau": {"vi": "vùng phẳng", "en": "plateau"},
    "pl.shaded": {"vi": "Vùng phẳng: |f′| ≤ {threshold} trên cả một khoảng rộng, dù chưa tới cực tiểu.",
                  "en": "Plateau: |f′| ≤ {threshold} over a wide stretch, though no minimum is there."},
    "pl.steep": {"vi": "Bắt đầu ở sườn dốc: gradient lớn, bóng lăn nhanh xuống đáy.",
                 "en": "Starting on a steep slope: a large gradient, the ball rolls quickly to the bottom."},
    "pl.saturated": {"vi": "Bắt đầu trong vùng phẳng (nơ-ron bão hòa): gradient gần như bằng 0.",
                     "en": "Starting on the plateau (a saturated neuron): the gradient is almost 0."},
    "pl.stalled": {"vi": "Sau {n} bước bóng gần như đứng yên: mô hình ngừng học, cực tiểu vẫn còn xa.",
                   "en": "After {n} steps the ball has barely moved: the model stops learning, the minimum is still far."},
    "pl.not_stalled": {"vi": "Lần này bóng không bị kẹt: {outcome}.", "en": "This time the ball did not stall: {outcome}."},
    "pl.step": {"vi": "bước", "en": "step"},
    "pl.gradient": {"vi": "độ lớn gradient", "en": "gradient size"},
    "pl.chain": {"vi": "Vì sao mạng sigmoid sâu bị ảnh hưởng: σ′(x) ≤ 1/4, và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                 "en": "Why deep sigmoid networks suffer: σ′(x) ≤ 1/4, and backpropagation multiplies the derivatives of every layer."},
    "pl.depth": {"vi": "{n} tầng", "en": "depth {n}"},
    # section 4
    "gd.rule": {"vi": "Quy tắc cập nhật", "en": "The update rule"},
    "gd.neg": {"vi": "f′ < 0: bước sang phải (x tăng)", "en": "f′ < 0: the step goes right (x grows)"},
    "gd.pos": {"vi": "f′ > 0: bước sang trái (x giảm)", "en": "f′ > 0: the step goes left (x shrinks)"},
    "gd.arrow": {"vi": "Mũi tên dài đúng bằng η·|f′(x)|.", "en": "The arrow is exactly η·|f′(x)| long."},
    "gd.descent": {"vi": "Lặp lại từng bước, bóng tiến về cực tiểu.", "en": "Step after step, the ball heads for the minimum."},
    "gd.result": {"vi": "Kết quả: {outcome} tại x ≈ {x} sau {n} bước.", "en": "Result: {outcome} at x ≈ {x} after {n} steps."},
    "gd.rates": {"vi": "So sánh tốc độ học η", "en": "Comparing learning rates η"},
    "gd.rates_caption": {"vi": "η quá nhỏ thì chậm, vừa phải thì hội tụ, quá lớn thì nhảy lung tung.",
                         "en": "Too small an η is slow, a good one converges, too large a one jumps around."},
    "gd.escape": {"vi": "Ngoài bài học: {optimizer} thoát khỏi vùng phẳng nơi hạ giang thường mắc kẹt.",
                  "en": "Beyond the lesson: {optimizer} escapes the plateau where plain gradient descent stalls."},
    "gd.plain": {"vi": "hạ giang thường", "en": "plain gradient descent"},
    "gd.iteration": {"vi": "bước", "en": "step"},
    # section 5
    "cc.points": {"vi": "Điểm tới hạn: f′(x) = 0", "en": "Critical points: f′(x) = 0"},
    "cc.signs": {"vi": "Dấu của f′: cực tiểu hay cực đại", "en": "Sign of f′: minimum or maximum"},
    "cc.plateau": {"vi": "Vùng phẳng: gradient biến mất", "en": "Plateaus: the gradient vanishes"},
    "cc.descent": {"vi": "Hạ giang: x ← x − η·f′(x)", "en": "Gradient descent: x ← x − η·f′(x)"},
    "cc.closing": {"vi": "Đạo hàm chỉ đường tới cực tiểu; nhận ra vùng phẳng là nền tảng của các kỹ thuật tối ưu.",
                   "en": "The derivative points the way to minima; spotting plateaus underlies advanced optimisation."},
}


def text(key: str, language: str, **fields: object) -> str:
    """The string `key` in `language` (falling back to Vietnamese), fields filled in, NFC-normalised."""
    entry = CATALOG[key]
    template = entry.get(language) or entry["vi"]
    resolved = {name: text(v.key, language) if isinstance(v, Ref) else v for name, v in fields.items()}
    return unicodedata.normalize("NFC", template.format(**resolved) if resolved else template)
