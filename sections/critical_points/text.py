"""Section 1's words: the sliding tangent, f′(x) = 0 solved, the candidates, the counterexample.

Screen text per language (`SCREEN`), the spoken form where it differs (`SPOKEN`), and what the picture
shows while each statement is said (`VISUALS`, by statement name). No manim here."""

from lessons.catalog import SHARED
from lessons.text import Texts

SCREEN: dict[str, dict[str, str]] = {
    "title.critical_points": {"vi": "1. Điểm tới hạn: nơi đạo hàm bằng 0",
                              "en": "1. Critical points: where the derivative is 0"},
    "cp.function": {"vi": "Hàm số", "en": "The function"},
    "cp.slope": {"vi": "Độ dốc của tiếp tuyến", "en": "Slope of the tangent"},
    "cp.tangent": {"vi": "Tiếp tuyến trượt dọc đồ thị; độ dốc của nó là f′(x).",
                   "en": "A tangent slides along the graph; its slope is f′(x)."},
    "cp.flat_here": {"vi": "Tiếp tuyến nằm ngang tại x {x}: f′ = 0", "en": "Horizontal tangent at x {x}: f′ = 0"},
    "cp.kink_here": {"vi": "Điểm gãy tại x {x}: ‖ độ dốc bên trái {left}, bên phải {right}; f′ không tồn tại",
                     "en": "A kink at x {x}: ‖ slope {left} on the left, {right} on the right; f′ does not exist"},
    "cp.cusp_here": {"vi": "Điểm nhọn tại x {x}: ‖ f′ → {left} bên trái, {right} bên phải; f′ không tồn tại",
                     "en": "A cusp at x {x}: ‖ f′ → {left} on the left, {right} on the right; f′ does not exist"},
    "cp.vertical_here": {"vi": "Tiếp tuyến thẳng đứng tại x {x}: ‖ f′ → {left} ở cả hai phía, f′ không tồn tại",
                         "en": "A vertical tangent at x {x}: ‖ f′ → {left} on both sides, f′ does not exist"},
    "cp.solve": {"vi": "Giải f′(x) = 0 trên [{a}; {b}]", "en": "Solve f′(x) = 0 on [{a}, {b}]"},
    "cp.solve_kink": {"vi": "Giải f′(x) = 0 và tìm nơi f′ không tồn tại, trên [{a}; {b}]",
                      "en": "Solve f′(x) = 0 and find where f′ does not exist, on [{a}, {b}]"},
    "cp.candidates": {"vi": "Đây mới là ứng viên cực trị, chưa chắc là cực trị.",
                      "en": "These are only candidates for extrema, not guaranteed ones."},
    "cp.none_up": {"vi": "f′(x) > 0 trên cả khoảng ({a}; {b}): ‖ f′ không bao giờ bằng 0, nên f không có điểm tới hạn.",
                   "en": "f′(x) > 0 on all of ({a}, {b}): ‖ f′ is never 0, so f has no critical point."},
    "cp.none_down": {"vi": "f′(x) < 0 trên cả khoảng ({a}; {b}): ‖ f′ không bao giờ bằng 0, nên f không có điểm tới hạn.",
                     "en": "f′(x) < 0 on all of ({a}, {b}): ‖ f′ is never 0, so f has no critical point."},
    "cp.none_undefined": {"vi": "f′ không bằng 0 tại điểm nào; ‖ f′ chỉ không tồn tại tại x {x}, nơi chính f không xác định: ‖ f không có điểm tới hạn.",
                          "en": "f′ is 0 nowhere; ‖ it fails to exist only at x {x}, where f itself is undefined: ‖ f has no critical point."},
    "cp.flat_piece": {"vi": "Trên cả khoảng ({lo}; {hi}), tiếp tuyến nằm ngang: f′ = 0 tại mọi điểm.",
                      "en": "On all of ({lo}, {hi}) the tangent is horizontal: f′ = 0 at every point."},
    "cp.counter_title": {"vi": "Phản ví dụ", "en": "Counterexample"},
    "cp.counter": {"vi": "Tại x {x}, g′ = 0 nhưng g′ không đổi dấu, nên không phải cực trị của g.",
                   "en": "At x {x}, g′ = 0 but g′ keeps its sign, so it is not an extremum of g."},
    "cp.counter_caption": {"vi": "Phản ví dụ, một hàm khác: g(x) = {f}. ‖ Tiếp tuyến tại x {x} nằm ngang, ‖ nhưng g vẫn {trend} ở cả hai phía.",
                           "en": "A counterexample, another function: g(x) = {f}. ‖ The tangent at x {x} is flat, ‖ yet g keeps {trend} on both sides."},
    "cp.own_counter": {"vi": "Tại x {x}, f′ = 0 nhưng f′ không đổi dấu, nên không phải cực trị.",
                       "en": "At x {x}, f′ = 0 but f′ keeps its sign, so it is not an extremum."},
    "cp.when": {"vi": "khi", "en": "for"},
    # f′(x) = 0 solved line by line (mathcore.solve.Move), or numerically where it has no short closed form
    "cp.step.start": {"vi": "f′(x) = {eq}", "en": "f′(x) = {eq}"},
    "cp.step.fraction": {"vi": "Quy đồng, tử số bằng 0: {eq}", "en": "As one fraction, its numerator is 0: {eq}"},
    "cp.step.single_angle": {"vi": "Viết theo sin x và cos x: {eq}", "en": "In terms of sin x and cos x: {eq}"},
    "cp.step.factor": {"vi": "Phân tích thành nhân tử: {eq}", "en": "Factorised: {eq}"},
    "cp.step.split": {"vi": "Tích bằng 0 khi một thừa số bằng 0: {eq}",
                      "en": "A product is 0 when one of its factors is: {eq}"},
    "cp.step.split_never": {"vi": "{never} luôn khác 0, nên {eq}", "en": "{never} is never 0, so {eq}"},
    "cp.step.roots": {"vi": "Suy ra {eq}", "en": "So {eq}"},
    "cp.step.one_function": {"vi": "Suy ra {eq}", "en": "So {eq}"},
    "cp.step.tangent": {"vi": "Chia hai vế cho cos: {eq}", "en": "Dividing both sides by the cosine: {eq}"},
    "cp.step.square": {"vi": "Dùng sin² + cos² = 1: {eq}", "en": "Using sin² + cos² = 1: {eq}"},
    "cp.step.invert": {"vi": "Suy ra {eq}", "en": "So {eq}"},
    "cp.step.inner": {"vi": "Suy ra {eq}", "en": "So {eq}"},
    "cp.step.in_domain": {"vi": "Nghiệm trong ({a}; {b}): ‖ {eq}", "en": "The solutions in ({a}, {b}): ‖ {eq}"},
    "cp.numeric": {"vi": "f′(x) = 0 không giải được bằng các bước đại số quen thuộc: ‖ giải gần đúng, tìm nơi f′ đổi dấu.",
                   "en": "f′(x) = 0 cannot be solved by the usual algebraic steps: ‖ it is solved numerically, where f′ changes sign."},
    "cp.numeric_long": {"vi": "Giải đúng f′(x) = 0 cần quá nhiều dòng để viết ra ở đây: ‖ giải gần đúng, tìm nơi f′ đổi dấu.",
                        "en": "Solving f′(x) = 0 exactly takes too many lines to write out here: ‖ it is solved numerically, where f′ changes sign."},
    "cp.bracket": {"vi": "f′({lo}) {ls} 0 và f′({hi}) {rs} 0: ‖ f′ đổi dấu, nên có nghiệm x ≈ {x} ở giữa.",
                   "en": "f′({lo}) {ls} 0 and f′({hi}) {rs} 0: ‖ f′ changes sign, so a solution x ≈ {x} lies between."},
    "cp.inside": {"vi": "Trong ({a}; {b}):", "en": "In ({a}, {b}):"},
    "trend.+": {"vi": "tăng", "en": "rising"},
    "trend.-": {"vi": "giảm", "en": "falling"},
}

SPOKEN: dict[str, dict[str, str]] = {
    "cp.step.in_domain": {"vi": "Nghiệm trong khoảng từ {a} đến {b}: ‖ {eq}",
                          "en": "The solutions between {a} and {b}: ‖ {eq}"},
    "cp.flat_piece": {"vi": "Trên cả khoảng từ {lo} đến {hi}, tiếp tuyến nằm ngang: f phẩy bằng 0 tại mọi điểm.",
                      "en": "On the whole open interval from {lo} to {hi} the tangent is horizontal: f prime is 0 at every point."},
    "cp.none_up": {"vi": "f phẩy của x dương trên cả khoảng từ {a} đến {b}: ‖ f phẩy không bao giờ bằng 0, nên f không có điểm tới hạn.",
                   "en": "f prime of x is positive on the whole open interval from {a} to {b}: ‖ f prime is never 0, so f has no critical point."},
    "cp.none_down": {"vi": "f phẩy của x âm trên cả khoảng từ {a} đến {b}: ‖ f phẩy không bao giờ bằng 0, nên f không có điểm tới hạn.",
                     "en": "f prime of x is negative on the whole open interval from {a} to {b}: ‖ f prime is never 0, so f has no critical point."},
    "cp.solve": {"vi": "Giải f phẩy của x bằng 0 trên đoạn từ {a} đến {b}.",
                 "en": "Solve f prime of x equals 0 on the interval from {a} to {b}."},
    "cp.solve_kink": {"vi": "Giải f phẩy của x bằng 0, và tìm nơi f phẩy không tồn tại, trên đoạn từ {a} đến {b}.",
                      "en": "Solve f prime of x equals 0, and find where f prime does not exist, on the interval from {a} to {b}."},
}

VISUALS: dict[str, dict[str, str]] = {
    "tangent": {"vi": "Một tiếp tuyến trượt dọc đồ thị; bảng bên cạnh hiện x và độ dốc f′(x), đổi màu theo dấu.",
                "en": "A tangent line slides along the graph; a panel shows x and the slope f′(x), coloured by its sign."},
    "point": {"vi": "Tiếp tuyến dừng lại, nằm ngang (thẳng đứng tại tiếp tuyến thẳng đứng hay điểm nhọn; tại điểm gãy, hai tiếp tuyến một phía); điểm được đánh dấu trên đồ thị.",
              "en": "The tangent stops, horizontal (vertical at a vertical tangent or a cusp; at a kink, the two one-sided tangents); the point is marked on the graph."},
    # the stop at a point the plan zooms into (lessons.scale.ZoomKind), said on the zoomed view
    "point_small": {"vi": "Đồ thị nhường chỗ cho hình phóng to quanh điểm, quá nhỏ để thấy ở tỉ lệ của đồ thị; "
                          "tiếp tuyến nằm ngang và điểm được đánh dấu trên hình phóng to.",
                    "en": "The graph gives way to a zoomed view around the point, too small to see at the graph's "
                          "scale; the horizontal tangent and the point are marked on the view."},
    "point_rounded": {"vi": "Đồ thị nhường chỗ cho hình phóng to quanh điểm: ở tỉ lệ của đồ thị nó trông như gãy góc, "
                            "phóng to thì cong trơn; tiếp tuyến nằm ngang và điểm được đánh dấu trên hình phóng to.",
                      "en": "The graph gives way to a zoomed view around the point: a corner at the graph's scale, "
                            "smoothly rounded up close; the horizontal tangent and the point are marked on the view."},
    "solve": {"vi": "Đạo hàm f′(x) và các nghiệm của f′(x) = 0 được viết ra.",
              "en": "The derivative f′(x) and the solutions of f′(x) = 0 are written out."},
    "none": {"vi": "Dòng f′(x) = 0 ⇔ x ∈ ∅ được làm nổi bật: không có điểm nào để đánh dấu.",
             "en": "The line f′(x) = 0 ⇔ x ∈ ∅ is highlighted: there is no point to mark."},
    "candidates": {"vi": "Các điểm đánh dấu nhấp nháy.", "en": "The marked points flash."},
    "step": {"vi": "Một dòng nữa của lời giải f′(x) = 0 được viết dưới các dòng trước.",
             "en": "One more line of solving f′(x) = 0 is written under the ones before."},
    "numeric": {"vi": "Dòng chữ „giải gần đúng” được viết ra.", "en": "The words “solved numerically” are written out."},
    "bracket": {"vi": "Một dòng f′(a) < 0 < f′(b) được viết ra cho khoảng nhỏ chứa nghiệm.",
                "en": "A line f′(a) < 0 < f′(b) is written for the short interval holding the solution."},
    "counter_caption": {"vi": "Một đồ thị nhỏ của hàm phản ví dụ; tiếp tuyến trượt qua điểm nằm ngang rồi đi tiếp.",
                        "en": "A small graph of the counterexample; the tangent slides through the flat point and on."},
    "counter": {"vi": "Điểm không phải cực trị được làm nổi bật.",
                "en": "The point that is not an extremum is highlighted."},
    "flat": {"vi": "Tiếp tuyến nằm ngang trượt dọc đoạn phẳng của đồ thị; đoạn đó được tô sáng.",
             "en": "The horizontal tangent slides along the flat piece of the graph, which is highlighted."},
}

TEXT = Texts(SCREEN, SPOKEN, VISUALS, parent=SHARED)
