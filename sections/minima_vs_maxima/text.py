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
    "mm.monotone_up": {"vi": "f′ > 0 trên cả khoảng ({a}; {b}): ‖ f đồng biến trên [{a}; {b}], nên f không có cực trị.",
                       "en": "f′ > 0 on all of ({a}, {b}): ‖ f is increasing on [{a}, {b}], so it has no extremum."},
    "mm.monotone_down": {"vi": "f′ < 0 trên cả khoảng ({a}; {b}): ‖ f nghịch biến trên [{a}; {b}], nên f không có cực trị.",
                         "en": "f′ < 0 on all of ({a}, {b}): ‖ f is decreasing on [{a}, {b}], so it has no extremum."},
    "mm.none_undefined": {"vi": "f không có điểm tới hạn: ‖ f′ chỉ có thể đổi dấu tại x {x}, nơi f không xác định, ‖ nên f không có cực trị.",
                          "en": "f has no critical point: ‖ f′ can change sign only at x {x}, where f is undefined, ‖ so f has no extremum."},
    "mm.left": {"vi": "Bên trái:", "en": "Left:"},
    "mm.right": {"vi": "Bên phải:", "en": "Right:"},
    "mm.inside": {"vi": "Ở giữa:", "en": "Inside:"},
    "mm.rule_min": {"vi": "− rồi +  ⇒  cực tiểu", "en": "− then +  ⇒  minimum"},
    "mm.rule_max": {"vi": "+ rồi −  ⇒  cực đại", "en": "+ then −  ⇒  maximum"},
    "mm.rule_neither": {"vi": "không đổi dấu  ⇒  không phải cực trị", "en": "no sign change  ⇒  not an extremum"},
    "mm.rule_min_flat_after": {"vi": "− rồi 0  ⇒  cực tiểu (không chặt)", "en": "− then 0  ⇒  minimum (not strict)"},
    "mm.rule_min_flat_before": {"vi": "0 rồi +  ⇒  cực tiểu (không chặt)", "en": "0 then +  ⇒  minimum (not strict)"},
    "mm.rule_max_flat_after": {"vi": "+ rồi 0  ⇒  cực đại (không chặt)", "en": "+ then 0  ⇒  maximum (not strict)"},
    "mm.rule_max_flat_before": {"vi": "0 rồi −  ⇒  cực đại (không chặt)", "en": "0 then −  ⇒  maximum (not strict)"},
    "mm.rule_flat_min_both": {"vi": "− rồi 0 rồi +  ⇒  đáy phẳng: cực tiểu không chặt", "en": "− then 0 then +  ⇒  flat minimum, not strict"},
    "mm.rule_flat_min_left_end": {"vi": "0 rồi +  ⇒  đáy phẳng: cực tiểu không chặt", "en": "0 then +  ⇒  flat minimum, not strict"},
    "mm.rule_flat_min_right_end": {"vi": "− rồi 0  ⇒  đáy phẳng: cực tiểu không chặt", "en": "− then 0  ⇒  flat minimum, not strict"},
    "mm.rule_flat_max_both": {"vi": "+ rồi 0 rồi −  ⇒  đỉnh phẳng: cực đại không chặt", "en": "+ then 0 then −  ⇒  flat maximum, not strict"},
    "mm.rule_flat_max_left_end": {"vi": "0 rồi −  ⇒  đỉnh phẳng: cực đại không chặt", "en": "0 then −  ⇒  flat maximum, not strict"},
    "mm.rule_flat_max_right_end": {"vi": "+ rồi 0  ⇒  đỉnh phẳng: cực đại không chặt", "en": "+ then 0  ⇒  flat maximum, not strict"},
    "mm.verdict_flat_min": {"vi": "Mọi x ∈ [{lo}; {hi}]: cực tiểu không chặt (đáy phẳng)",
                            "en": "Every x in [{lo}, {hi}]: a minimum, not strict (a flat minimum)"},
    "mm.verdict_flat_max": {"vi": "Mọi x ∈ [{lo}; {hi}]: cực đại không chặt (đỉnh phẳng)",
                            "en": "Every x in [{lo}, {hi}]: a maximum, not strict (a flat maximum)"},
    # strict extrema (a lesson file's [terms] extrema = "strict"): a flat side makes no cực trị
    "mm.rule_min_flat_after_strict": {"vi": "− rồi 0  ⇒  không phải cực tiểu chặt", "en": "− then 0  ⇒  no strict minimum"},
    "mm.rule_min_flat_before_strict": {"vi": "0 rồi +  ⇒  không phải cực tiểu chặt", "en": "0 then +  ⇒  no strict minimum"},
    "mm.rule_max_flat_after_strict": {"vi": "+ rồi 0  ⇒  không phải cực đại chặt", "en": "+ then 0  ⇒  no strict maximum"},
    "mm.rule_max_flat_before_strict": {"vi": "0 rồi −  ⇒  không phải cực đại chặt", "en": "0 then −  ⇒  no strict maximum"},
    "mm.rule_flat_min_both_strict": {"vi": "− rồi 0 rồi +  ⇒  đáy phẳng, không có cực tiểu chặt", "en": "− then 0 then +  ⇒  a flat bottom, no strict minimum"},
    "mm.rule_flat_min_left_end_strict": {"vi": "0 rồi +  ⇒  đáy phẳng, không có cực tiểu chặt", "en": "0 then +  ⇒  a flat bottom, no strict minimum"},
    "mm.rule_flat_min_right_end_strict": {"vi": "− rồi 0  ⇒  đáy phẳng, không có cực tiểu chặt", "en": "− then 0  ⇒  a flat bottom, no strict minimum"},
    "mm.rule_flat_max_both_strict": {"vi": "+ rồi 0 rồi −  ⇒  đỉnh phẳng, không có cực đại chặt", "en": "+ then 0 then −  ⇒  a flat top, no strict maximum"},
    "mm.rule_flat_max_left_end_strict": {"vi": "0 rồi −  ⇒  đỉnh phẳng, không có cực đại chặt", "en": "0 then −  ⇒  a flat top, no strict maximum"},
    "mm.rule_flat_max_right_end_strict": {"vi": "+ rồi 0  ⇒  đỉnh phẳng, không có cực đại chặt", "en": "+ then 0  ⇒  a flat top, no strict maximum"},
    "mm.verdict_flat_min_strict": {"vi": "Trên cả [{lo}; {hi}], f nhỏ nhất quanh đó: không có cực tiểu chặt",
                                   "en": "On all of [{lo}, {hi}] f is lowest around: no strict minimum"},
    "mm.verdict_flat_max_strict": {"vi": "Trên cả [{lo}; {hi}], f lớn nhất quanh đó: không có cực đại chặt",
                                   "en": "On all of [{lo}, {hi}] f is highest around: no strict maximum"},
    "mm.flat_min": {"vi": "đáy phẳng", "en": "flat minimum"},
    "mm.flat_max": {"vi": "đỉnh phẳng", "en": "flat maximum"},
    "mm.verdict": {"vi": "x {x}: {kind}", "en": "x {x}: {kind}"},
    "mm.table": {"vi": "Bảng biến thiên: hàng x ghi hai đầu mút và các điểm tới hạn.",
                 "en": "The variation table: its x row holds the end points and the critical points."},
    "mm.table_excluded": {"vi": "Bảng biến thiên: ‖ hàng x ghi hai đầu mút, các điểm tới hạn ‖ và các điểm f không xác định.",
                          "en": "The variation table: ‖ its x row holds the end points, the critical points ‖ and the points where f is undefined."},
    "mm.chart": {"vi": "Hàng f(x): f tăng ↗ khi f′ > 0, giảm ↘ khi f′ < 0.",
                 "en": "The f(x) row: f rises ↗ where f′ > 0, falls ↘ where f′ < 0."},
    "mm.chart_flat": {"vi": "Hàng f(x): f tăng ↗ khi f′ > 0, giảm ↘ khi f′ < 0, không đổi → khi f′ = 0.",
                      "en": "The f(x) row: f rises ↗ where f′ > 0, falls ↘ where f′ < 0, stays level → where f′ = 0."},
    "mm.goal": {"vi": "Học sâu tìm cực tiểu: nơi sai số nhỏ nhất.",
                "en": "Deep learning looks for minima: where the error is smallest."},
    "mm.goal_none": {"vi": "Học sâu tìm cực tiểu, nhưng trên miền này f không có cực tiểu nào.",
                     "en": "Deep learning looks for minima, but f has none on this domain."},
}

SPOKEN: dict[str, dict[str, str]] = {
    "mm.verdict_flat_min": {"vi": "Mọi x từ {lo} đến {hi}: cực tiểu không chặt, đáy phẳng",
                            "en": "Every x from {lo} to {hi}: a minimum, not strict, a flat minimum"},
    "mm.verdict_flat_max": {"vi": "Mọi x từ {lo} đến {hi}: cực đại không chặt, đỉnh phẳng",
                            "en": "Every x from {lo} to {hi}: a maximum, not strict, a flat maximum"},
    "mm.verdict_flat_min_strict": {"vi": "Trên cả đoạn từ {lo} đến {hi}, f nhỏ nhất quanh đó: không có cực tiểu chặt",
                                   "en": "On all of the interval from {lo} to {hi} f is lowest around: no strict minimum"},
    "mm.verdict_flat_max_strict": {"vi": "Trên cả đoạn từ {lo} đến {hi}, f lớn nhất quanh đó: không có cực đại chặt",
                                   "en": "On all of the interval from {lo} to {hi} f is highest around: no strict maximum"},
    "mm.monotone_up": {"vi": "f phẩy dương trên cả khoảng từ {a} đến {b}: ‖ f đồng biến trên đoạn từ {a} đến {b}, nên f không có cực trị.",
                       "en": "f prime is positive on the whole open interval from {a} to {b}: ‖ f is increasing on the interval from {a} to {b}, so it has no extremum."},
    "mm.monotone_down": {"vi": "f phẩy âm trên cả khoảng từ {a} đến {b}: ‖ f nghịch biến trên đoạn từ {a} đến {b}, nên f không có cực trị.",
                         "en": "f prime is negative on the whole open interval from {a} to {b}: ‖ f is decreasing on the interval from {a} to {b}, so it has no extremum."},
    "mm.rule_min": {"vi": "âm rồi dương, thì là cực tiểu", "en": "minus then plus: a minimum"},
    "mm.rule_max": {"vi": "dương rồi âm, thì là cực đại", "en": "plus then minus: a maximum"},
    "mm.rule_neither": {"vi": "không đổi dấu, thì không phải cực trị", "en": "no sign change: not an extremum"},
    "mm.rule_min_flat_after": {"vi": "âm rồi bằng 0, thì là cực tiểu không chặt", "en": "minus then zero: a minimum, not strict"},
    "mm.rule_min_flat_before": {"vi": "bằng 0 rồi dương, thì là cực tiểu không chặt", "en": "zero then plus: a minimum, not strict"},
    "mm.rule_max_flat_after": {"vi": "dương rồi bằng 0, thì là cực đại không chặt", "en": "plus then zero: a maximum, not strict"},
    "mm.rule_max_flat_before": {"vi": "bằng 0 rồi âm, thì là cực đại không chặt", "en": "zero then minus: a maximum, not strict"},
    "mm.rule_flat_min_both": {"vi": "âm, rồi bằng 0, rồi dương, thì là đáy phẳng: cực tiểu không chặt", "en": "minus, then zero, then plus: a flat minimum, not strict"},
    "mm.rule_flat_min_left_end": {"vi": "bằng 0 rồi dương, thì là đáy phẳng: cực tiểu không chặt", "en": "zero then plus: a flat minimum, not strict"},
    "mm.rule_flat_min_right_end": {"vi": "âm rồi bằng 0, thì là đáy phẳng: cực tiểu không chặt", "en": "minus then zero: a flat minimum, not strict"},
    "mm.rule_flat_max_both": {"vi": "dương, rồi bằng 0, rồi âm, thì là đỉnh phẳng: cực đại không chặt", "en": "plus, then zero, then minus: a flat maximum, not strict"},
    "mm.rule_flat_max_left_end": {"vi": "bằng 0 rồi âm, thì là đỉnh phẳng: cực đại không chặt", "en": "zero then minus: a flat maximum, not strict"},
    "mm.rule_flat_max_right_end": {"vi": "dương rồi bằng 0, thì là đỉnh phẳng: cực đại không chặt", "en": "plus then zero: a flat maximum, not strict"},
    "mm.rule_min_flat_after_strict": {"vi": "âm rồi bằng 0, thì không phải cực tiểu chặt", "en": "minus then zero: no strict minimum"},
    "mm.rule_min_flat_before_strict": {"vi": "bằng 0 rồi dương, thì không phải cực tiểu chặt", "en": "zero then plus: no strict minimum"},
    "mm.rule_max_flat_after_strict": {"vi": "dương rồi bằng 0, thì không phải cực đại chặt", "en": "plus then zero: no strict maximum"},
    "mm.rule_max_flat_before_strict": {"vi": "bằng 0 rồi âm, thì không phải cực đại chặt", "en": "zero then minus: no strict maximum"},
    "mm.rule_flat_min_both_strict": {"vi": "âm, rồi bằng 0, rồi dương, thì là đáy phẳng, không có cực tiểu chặt", "en": "minus, then zero, then plus: a flat bottom, no strict minimum"},
    "mm.rule_flat_min_left_end_strict": {"vi": "bằng 0 rồi dương, thì là đáy phẳng, không có cực tiểu chặt", "en": "zero then plus: a flat bottom, no strict minimum"},
    "mm.rule_flat_min_right_end_strict": {"vi": "âm rồi bằng 0, thì là đáy phẳng, không có cực tiểu chặt", "en": "minus then zero: a flat bottom, no strict minimum"},
    "mm.rule_flat_max_both_strict": {"vi": "dương, rồi bằng 0, rồi âm, thì là đỉnh phẳng, không có cực đại chặt", "en": "plus, then zero, then minus: a flat top, no strict maximum"},
    "mm.rule_flat_max_left_end_strict": {"vi": "bằng 0 rồi âm, thì là đỉnh phẳng, không có cực đại chặt", "en": "zero then minus: a flat top, no strict maximum"},
    "mm.rule_flat_max_right_end_strict": {"vi": "dương rồi bằng 0, thì là đỉnh phẳng, không có cực đại chặt", "en": "plus then zero: a flat top, no strict maximum"},
    "mm.chart_flat": {"vi": "Hàng f của x: f tăng khi f phẩy dương, giảm khi f phẩy âm, không đổi khi f phẩy bằng 0.",
                      "en": "The f of x row: f rises where f prime is positive, falls where it is negative, stays level where it is zero."},
    "mm.chart": {"vi": "Hàng f của x: f tăng khi f phẩy dương, giảm khi f phẩy âm.",
                 "en": "The f of x row: f rises where f prime is positive, falls where it is negative."},
}

VISUALS: dict[str, dict[str, str]] = {
    "intro": {"vi": "Đồ thị với các điểm tới hạn.", "en": "The graph with its critical points."},
    "rule": {"vi": "Hai tiếp tuyến ngắn ở hai bên điểm, tô màu theo dấu của f′; bảng bên cạnh ghi dấu ở mỗi bên.",
             "en": "Two short tangents either side of the point, coloured by the sign of f′; the panel writes the sign on each side."},
    "verdict": {"vi": "Nhãn kết luận hiện bên cạnh điểm, điểm đổi màu theo loại của nó.",
                "en": "The verdict labels the point, which takes the colour of its kind."},
    # the rule and the verdict of a point the plan zooms into (lessons.scale.ZoomKind), said on the zoomed view
    "rule_small": {"vi": "Đồ thị nhường chỗ cho hình phóng to quanh điểm, quá nhỏ để thấy ở tỉ lệ của đồ thị; trên đó "
                         "hai tiếp tuyến ngắn ở hai bên điểm, tô màu theo dấu của f′; bảng bên cạnh ghi dấu ở mỗi bên.",
                   "en": "The graph gives way to a zoomed view around the point, too small to see at the graph's scale; "
                         "on it two short tangents either side of the point, coloured by the sign of f′; the panel "
                         "writes the sign on each side."},
    "rule_rounded": {"vi": "Đồ thị nhường chỗ cho hình phóng to quanh điểm, trông như gãy góc ở tỉ lệ của đồ thị mà cong "
                           "trơn khi phóng to: tiếp tuyến tại điểm nằm ngang, hai tiếp tuyến ngắn ở hai bên tô màu theo "
                           "dấu của f′; bảng bên cạnh ghi dấu ở mỗi bên.",
                     "en": "The graph gives way to a zoomed view around the point, a corner at the graph's scale and "
                           "smoothly rounded up close: the tangent at the point is horizontal, two short tangents "
                           "either side are coloured by the sign of f′; the panel writes the sign on each side."},
    "verdict_small": {"vi": "Trên hình phóng to, nhãn kết luận hiện bên cạnh điểm, điểm đổi màu theo loại của nó.",
                      "en": "On the zoomed view the verdict labels the point, which takes the colour of its kind."},
    "verdict_rounded": {"vi": "Trên hình phóng to, nhãn kết luận hiện bên cạnh điểm, điểm đổi màu theo loại của nó.",
                        "en": "On the zoomed view the verdict labels the point, which takes the colour of its kind."},
    "table": {"vi": "Dưới đồ thị, bảng biến thiên với ba hàng x, f′(x), f(x); hàng x được viết trước. Sau mỗi kết "
                    "luận, dấu của f′ hai bên điểm được ghi vào hàng f′(x).",
              "en": "Under the graph, the variation table with its rows x, f′(x) and f(x); the x row is written first. "
                    "After each verdict, the signs of f′ either side of the point are written into the f′(x) row."},
    "chart": {"vi": "Hàng f(x) của bảng biến thiên: các giá trị của f nối bằng mũi tên tăng ↗ và giảm ↘; cực tiểu và "
                    "cực đại được làm nổi bật.",
              "en": "The f(x) row of the variation table: the values of f joined by rising ↗ and falling ↘ arrows; "
                    "the minima and maxima are highlighted."},
    "goal": {"vi": "Các cực tiểu được làm nổi bật.", "en": "The minima are highlighted."},
    "rule_flat": {"vi": "Ba tiếp tuyến ngắn: bên trái, ở giữa và bên phải đoạn phẳng, tô màu theo dấu của f′.",
                  "en": "Three short tangents, left of, on and right of the flat piece, coloured by the sign of f′."},
    "verdict_flat": {"vi": "Đoạn phẳng được tô sáng và gắn nhãn kết luận ở hai đầu.",
                     "en": "The flat piece is highlighted and its ends labelled with the verdict."},
}

TEXT = Texts(SCREEN, SPOKEN, VISUALS, parent=SHARED)
