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
}


def text(key: str, language: str, **fields: object) -> str:
    """The string `key` in `language` (falling back to Vietnamese), fields filled in, NFC-normalised."""
    entry = CATALOG[key]
    template = entry.get(language) or entry["vi"]
    resolved = {name: text(v.key, language) if isinstance(v, Ref) else v for name, v in fields.items()}
    return unicodedata.normalize("NFC", template.format(**resolved) if resolved else template)
