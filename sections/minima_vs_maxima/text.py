"""Section 2's words: the sign of f′ either side of each critical point, the verdicts, the sign chart.

Screen text per language (`SCREEN`), the spoken form where it differs (`SPOKEN`), and what the picture
shows while each statement is said (`VISUALS`, by statement name). No manim here."""

from lessons.catalog import SHARED
from lessons.text import Texts

SCREEN: dict[str, dict[str, str]] = {
    "title.minima_vs_maxima": {"vi": "2. Phân biệt cực tiểu và cực đại", "en": "2. Telling minima from maxima"},
    "mm.intro": {"vi": "Cả cực tiểu lẫn cực đại đều có f′ = 0. Hãy nhìn dấu của f′ ở hai bên.",
                 "en": "Minima and maxima both have f′ = 0. Look at the sign of f′ on each side."},
    "mm.intro_kink": {"vi": "Tại cực tiểu hay cực đại, f′ = 0 hoặc f′ không tồn tại. ‖ Hãy nhìn dấu của f′ ở hai bên.",
                      "en": "At a minimum or a maximum f′ = 0 or f′ does not exist. ‖ Look at the sign of f′ on each side."},
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
}

SPOKEN: dict[str, dict[str, str]] = {
    "mm.rule_min": {"vi": "âm rồi dương, thì là cực tiểu", "en": "minus then plus: a minimum"},
    "mm.rule_max": {"vi": "dương rồi âm, thì là cực đại", "en": "plus then minus: a maximum"},
    "mm.rule_neither": {"vi": "không đổi dấu, thì không phải cực trị", "en": "no sign change: not an extremum"},
    "mm.chart": {"vi": "Bảng dấu của f phẩy: f tăng khi f phẩy dương, giảm khi f phẩy âm.",
                 "en": "Sign chart of f prime: f rises where f prime is positive, falls where it is negative."},
}

VISUALS: dict[str, dict[str, str]] = {
    "intro": {"vi": "Đồ thị với các điểm tới hạn.", "en": "The graph with its critical points."},
    "verdict": {"vi": "Hai tiếp tuyến ngắn ở hai bên điểm, tô màu theo dấu của f′; nhãn kết luận bên cạnh điểm.",
                "en": "Two short tangents either side of the point, coloured by the sign of f′; the verdict labels it."},
    "chart": {"vi": "Bảng dấu của f′ dưới đồ thị, với mũi tên tăng ↗ và giảm ↘.",
              "en": "The sign chart of f′ under the graph, with rising ↗ and falling ↘ arrows."},
    "goal": {"vi": "Các cực tiểu được làm nổi bật.", "en": "The minima are highlighted."},
}

TEXT = Texts(SCREEN, SPOKEN, VISUALS, parent=SHARED)
