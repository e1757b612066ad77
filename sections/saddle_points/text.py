"""Section `saddle_points`' words: f(x, y) as contours, its critical points by kind, the two slices through a
saddle, and descent beside it.

Screen text per language (`SCREEN`), the spoken form where it differs (`SPOKEN`), and what the picture
shows while each statement is said (`VISUALS`, by statement name). No manim here."""

from lessons.catalog import SHARED
from lessons.text import Texts

SCREEN: dict[str, dict[str, str]] = {
    "title.saddle_points": {"vi": "{number}. Điểm yên ngựa (ngoài bài học)", "en": "{number}. Saddle points (beyond the lesson)"},
    "sp.intro": {"vi": "Ngoài bài học: một hàm hai biến, ‖ f(x, y) = {f}, ‖ vẽ bằng đường đồng mức: màu tối là thấp, màu sáng là cao.",
                 "en": "Beyond the lesson: a function of two variables, ‖ f(x, y) = {f}, ‖ drawn as contours: dark is low, light is high."},
    "sp.arrows": {"vi": "Mũi tên là gradient ∇f, dài tỉ lệ với |∇f|: ‖ nó chỉ hướng f tăng nhanh nhất.",
                  "en": "The arrows are the gradient ∇f, drawn to scale: ‖ each points where f rises fastest."},
    "sp.critical": {"vi": "∇f = 0 tại đúng {n} điểm trong khung: ‖ các điểm tới hạn.",
                    "en": "∇f = 0 at exactly {n} points in the box: ‖ the critical points."},
    "sp.critical_one": {"vi": "∇f = 0 tại đúng một điểm trong khung: ‖ điểm tới hạn.",
                        "en": "∇f = 0 at exactly one point in the box: ‖ the critical point."},
    "sp.point": {"vi": "({x}; {y}): {kind}, f {v}.", "en": "({x}, {y}): {kind}, f {v}."},
    "sp.kind.min": {"vi": "cực tiểu", "en": "minimum"},
    "sp.kind.max": {"vi": "cực đại", "en": "maximum"},
    "sp.kind.saddle": {"vi": "điểm yên ngựa", "en": "saddle point"},
    "sp.slices": {"vi": "Cắt qua điểm yên ngựa ({x}; {y}): ‖ theo x, f(x, {y}) có {along_x}; theo y, f({x}, y) có {along_y}.",
                  "en": "Slicing through the saddle point ({x}, {y}): ‖ along x, f(x, {y}) has a {along_x}; along y, f({x}, y) has a {along_y}."},
    "sp.neither": {"vi": "Cực tiểu theo một hướng, cực đại theo hướng kia: ‖ điểm yên ngựa không phải cực trị.",
                   "en": "A minimum one way, a maximum the other: ‖ a saddle point is not an extremum."},
    "sp.descent": {"vi": "Hạ giang xuất phát sát điểm yên ngựa, ‖ từ cùng một điểm, cùng số bước.",
                   "en": "Descent starting right beside the saddle point, ‖ from the same start, with the same number of steps."},
    "sp.run.stalled": {"vi": "Hạ giang thường: sau {n}, ‖ bóng vẫn cách điểm yên ngựa chưa tới {r}, ‖ nơi |∇f| gần như bằng 0.",
                       "en": "Plain gradient descent: after {n} ‖ the ball is still less than {r} from the saddle point, ‖ where |∇f| has all but vanished."},
    "sp.run.converged": {"vi": "{optimizer}: rời điểm yên ngựa, ‖ hội tụ tới cực tiểu ({x}; {y}) sau {n}.",
                         "en": "{optimizer}: leaves the saddle point ‖ and converges to the minimum ({x}, {y}) in {n}."},
    "sp.why": {"vi": "Quanh điểm yên ngựa ∇f gần bằng 0, nên mỗi bước rất ngắn; ‖ quán tính cộng dồn các bước và thoát ra.",
               "en": "Around a saddle point ∇f is nearly 0, so every step is tiny; ‖ momentum adds the steps up and gets away."},
    "sp.why_adam": {"vi": "Quanh điểm yên ngựa ∇f gần bằng 0, nên mỗi bước rất ngắn; ‖ Adam chia cho độ lớn gradient, bước không co lại.",
                    "en": "Around a saddle point ∇f is nearly 0, so every step is tiny; ‖ Adam divides by the gradient's size, so its steps do not shrink."},
    "sp.shown": {"vi": "Bản đồ đường đồng mức của f(x, y) = {f} trên [{a}; {b}] × [{c}; {d}].",
                 "en": "A contour map of f(x, y) = {f} on [{a}, {b}] × [{c}, {d}]."},
    "sp.momentum": {"vi": "Hạ giang có quán tính", "en": "Gradient descent with momentum"},
    # the explorable's sentences (sections/saddle_points/explore.py): a run from any start of its grid
    "sp.x.converged": {"vi": "Hội tụ tới cực tiểu ({x}; {y}) sau {n}.", "en": "Converged to the minimum ({x}, {y}) in {n}."},
    "sp.x.stalled_near": {"vi": "Mắc kẹt: sau {n}, bóng cách {kind} ({x}; {y}) chưa tới {r}, ‖ nơi |∇f| gần như bằng 0.",
                          "en": "Stalled: after {n} the ball is less than {r} from the {kind} ({x}, {y}), ‖ where |∇f| has all but vanished."},
    "sp.x.stalled": {"vi": "Mắc kẹt: sau {n}, bóng ở ({x}; {y}), ‖ nơi |∇f| gần như bằng 0.",
                     "en": "Stalled: after {n} the ball is at ({x}, {y}), ‖ where |∇f| has all but vanished."},
    "sp.x.oscillating": {"vi": "Dao động: từ bước {k}, ‖ bóng nhảy qua lại mãi, không hội tụ.",
                         "en": "Oscillating: from step {k} on, ‖ the ball keeps jumping back and forth and does not converge."},
    "sp.x.diverged": {"vi": "Phân kỳ: bóng ra khỏi khung ở bước {k}.", "en": "Diverged: the ball leaves the box at step {k}."},
    "sp.x.diverged_next": {"vi": "Phân kỳ: bước {k} đưa bóng ra xa mãi.", "en": "Diverged: step {k} throws the ball far away."},
    "sp.x.left": {"vi": "Ra khỏi khung: bóng rời khung ở bước {m}, ‖ sau {n} thì ở ({x}; {y}).",
                  "en": "Off the map: the ball leaves the box at step {m}, ‖ and after {n} is at ({x}, {y})."},
    "sp.x.max_steps": {"vi": "Chưa dừng: sau {n}, bóng ở ({x}; {y}), ‖ vẫn đang đi.",
                       "en": "Not settled: after {n} the ball is at ({x}, {y}), ‖ still moving."},
    "sp.role.gd": {"vi": "hạ giang mắc kẹt", "en": "descent stalls"},
    "sp.role.fast": {"vi": "thoát ra", "en": "the escape"},
    "sp.plain": {"vi": "hạ giang thường", "en": "plain descent"},
    "sp.step": {"vi": "bước", "en": "step"},
    "sp.along_x": {"vi": "theo x", "en": "along x"},
    "sp.along_y": {"vi": "theo y", "en": "along y"},
}

SPOKEN: dict[str, dict[str, str]] = {
    "sp.arrows": {"vi": "Mũi tên là gradient của f, dài tỉ lệ với độ lớn của nó: ‖ nó chỉ hướng f tăng nhanh nhất.",
                  "en": "The arrows are the gradient of f, drawn to scale: ‖ each points where f rises fastest."},
    "sp.critical": {"vi": "Tại đúng {n} điểm trong khung, gradient bằng 0: ‖ các điểm tới hạn.",
                    "en": "The gradient is 0 at exactly {n} points in the box: ‖ the critical points."},
    "sp.critical_one": {"vi": "Tại đúng một điểm trong khung, gradient bằng 0: ‖ điểm tới hạn.",
                        "en": "The gradient is 0 at exactly one point in the box: ‖ the critical point."},
    "sp.run.stalled": {"vi": "Hạ giang thường: sau {n}, ‖ bóng vẫn cách điểm yên ngựa chưa tới {r}, ‖ nơi gradient gần như bằng 0.",
                       "en": "Plain gradient descent: after {n} ‖ the ball is still less than {r} from the saddle point, ‖ where the gradient has all but vanished."},
    "sp.why": {"vi": "Quanh điểm yên ngựa gradient gần bằng 0, nên mỗi bước rất ngắn; ‖ quán tính cộng dồn các bước và thoát ra.",
               "en": "Around a saddle point the gradient is nearly 0, so every step is tiny; ‖ momentum adds the steps up and gets away."},
    "sp.why_adam": {"vi": "Quanh điểm yên ngựa gradient gần bằng 0, nên mỗi bước rất ngắn; ‖ Adam chia cho độ lớn gradient, bước không co lại.",
                    "en": "Around a saddle point the gradient is nearly 0, so every step is tiny; ‖ Adam divides by the gradient's size, so its steps do not shrink."},
}

VISUALS: dict[str, dict[str, str]] = {
    "intro": {"vi": "Bản đồ đường đồng mức của f(x, y): các dải màu từ tối (thấp) tới sáng (cao).",
              "en": "A contour map of f(x, y): bands of colour from dark (low) to light (high)."},
    "arrows": {"vi": "Các mũi tên gradient trên bản đồ, dài tỉ lệ với |∇f|.",
               "en": "Gradient arrows on the map, each as long as |∇f| to scale."},
    "critical": {"vi": "Các điểm tới hạn được đánh dấu trên bản đồ.", "en": "The critical points are marked on the map."},
    "point": {"vi": "Một điểm tới hạn được gọi tên theo loại của nó.", "en": "One critical point is named by its kind."},
    "slices": {"vi": "Hai đường cắt qua điểm yên ngựa trên bản đồ, và đồ thị một biến của mỗi đường: một cực tiểu, một cực đại.",
               "en": "Two lines through the saddle point on the map, and each slice's one-variable graph: a minimum, a maximum."},
    "neither": {"vi": "Điểm yên ngựa được gọi tên: không phải cực trị.", "en": "The saddle point is named: not an extremum."},
    "descent": {"vi": "Điểm xuất phát sát điểm yên ngựa.", "en": "The start beside the saddle point."},
    "outcome": {"vi": "Đường đi của bóng trên bản đồ và kết quả của lần chạy.",
                "en": "The ball's path on the map and the run's result."},
    "why": {"vi": "Hai đường đi cạnh nhau: một đường bò sát điểm yên ngựa, một đường tới cực tiểu.",
            "en": "Both paths side by side: one crawling by the saddle point, one reaching a minimum."},
}

TEXT = Texts(SCREEN, SPOKEN, VISUALS, parent=SHARED)
