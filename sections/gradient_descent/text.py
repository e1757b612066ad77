"""Section 4's words: the update rule, descent from both sides, three learning rates, the escape.

Screen text per language (`SCREEN`), the spoken form where it differs (`SPOKEN`), and what the picture
shows while each statement is said (`VISUALS`, by statement name). No manim here."""

from lessons.catalog import SHARED
from lessons.text import Texts

SCREEN: dict[str, dict[str, str]] = {
    "title.gradient_descent": {"vi": "4. Hạ giang (gradient descent)", "en": "4. Gradient descent"},
    "gd.rule": {"vi": "Quy tắc cập nhật", "en": "The update rule"},
    "gd.sub.no_minimum": {"vi": "Hàm f không có cực tiểu trên miền này; ‖ trong phần này, g(x) = {g}.",
                          "en": "f has no minimum on this domain; ‖ in this section, g(x) = {g}."},
    "gd.sub.no_runs": {"vi": "Với hàm f, không tốc độ học nào cho các lần chạy phần này cần ‖ (hội tụ từ hai phía; η quá nhỏ, vừa phải, quá lớn); ‖ trong phần này, g(x) = {g}.",
                       "en": "On f, no learning rate gives the runs this section shows ‖ (converging from both sides; too small, good and too large η); ‖ in this section, g(x) = {g}."},
    "gd.neg": {"vi": "{name}′ < 0: bước sang phải (x tăng)", "en": "{name}′ < 0: the step goes right (x increases)"},
    "gd.pos": {"vi": "{name}′ > 0: bước sang trái (x giảm)", "en": "{name}′ > 0: the step goes left (x decreases)"},
    "gd.arrow": {"vi": "Mũi tên dài đúng bằng η·|{name}′(x)|.", "en": "The arrow is exactly η·|{name}′(x)| long."},
    "gd.descent": {"vi": "Lặp lại từng bước, bóng tiến về cực tiểu.",
                   "en": "Step after step, the ball heads for the minimum."},
    "gd.slide": {"vi": "{name} không có điểm tới hạn, nên không có cực tiểu: ‖ bóng trượt xuống theo sườn, sườn càng thoải, bước càng ngắn.",
                 "en": "{name} has no critical point, so no minimum: ‖ the ball slides down the slope, and the flatter the slope, the shorter the step."},
    "gd.sub.no_slide": {"vi": "Hàm f không có điểm tới hạn, và hạ giang trên f không chậm lại; ‖ trong phần này, g(x) = {g}.",
                        "en": "f has no critical point, and descent on f does not slow down; ‖ in this section, g(x) = {g}."},
    "gd.rates": {"vi": "So sánh tốc độ học η", "en": "Comparing learning rates η"},
    "gd.rates_caption": {"vi": "η quá nhỏ thì chậm, vừa phải thì hội tụ, ‖ quá lớn thì {wild}.",
                         "en": "Too small an η is slow, a good one converges, ‖ too large a one {wild}."},
    "gd.wild.oscillating": {"vi": "nhảy qua lại quanh đáy", "en": "jumps back and forth across the bottom"},
    "gd.wild.diverged": {"vi": "văng ra xa", "en": "flies off"},
    "gd.wild.pole": {"vi": "sẽ bước qua tiệm cận", "en": "would step across the asymptote"},
    "gd.escape": {"vi": "Ngoài bài học: {optimizer} thoát khỏi vùng phẳng ‖ nơi hạ giang thường mắc kẹt.",
                  "en": "Beyond the lesson: {optimizer} escapes the plateau ‖ where plain gradient descent stalls."},
    "gd.plain": {"vi": "hạ giang thường", "en": "plain gradient descent"},
    "gd.momentum": {"vi": "hạ giang có quán tính (momentum)", "en": "gradient descent with momentum"},
    "gd.iteration": {"vi": "bước", "en": "step"},
}

SPOKEN: dict[str, dict[str, str]] = {
    "title.gradient_descent": {"vi": "4. Hạ giang.", "en": "4. Gradient descent."},
    "gd.arrow": {"vi": "Mũi tên dài đúng bằng ê-ta nhân trị tuyệt đối của {name} phẩy của x.",
                 "en": "The arrow is exactly eta times the absolute value of {name} prime of x long."},
    "gd.momentum": {"vi": "hạ giang có quán tính", "en": "gradient descent with momentum"},
    "gd.rates": {"vi": "So sánh tốc độ học ê-ta", "en": "Comparing learning rates eta"},
    "gd.rates_caption": {"vi": "ê-ta quá nhỏ thì chậm, vừa phải thì hội tụ, ‖ quá lớn thì {wild}.",
                         "en": "Too small an eta is slow, a good one converges, ‖ too large a one {wild}."},
}

VISUALS: dict[str, dict[str, str]] = {
    "gd": {"vi": "Quy tắc cập nhật x ← x − η·f′(x).", "en": "The update rule x ← x − η·f′(x)."},
    "from_left": {"vi": "Mũi tên bước, dài đúng η·|f′(x)|, chỉ sang phải.",
                  "en": "A step arrow, exactly η·|f′(x)| long, points right."},
    "from_right": {"vi": "Mũi tên bước, dài đúng η·|f′(x)|, chỉ sang trái.",
                   "en": "A step arrow, exactly η·|f′(x)| long, points left."},
    "descent": {"vi": "Quả bóng đi từng bước về cực tiểu.", "en": "The ball steps towards the minimum."},
    "slide": {"vi": "Mũi tên bước, dài đúng η·|f′(x)|, chỉ xuống dốc.",
              "en": "A step arrow, exactly η·|f′(x)| long, points downhill."},
    "result": {"vi": "Quả bóng dừng ở cực tiểu.", "en": "The ball rests at the minimum."},
    "rates": {"vi": "Ba đồ thị nhỏ cạnh nhau, mỗi đồ thị một tốc độ học η.",
              "en": "Three small graphs side by side, one learning rate η each."},
    "escape": {"vi": "Hai quả bóng trên hàm có vùng phẳng: hạ giang thường mắc kẹt, thuật toán kia thoát ra.",
               "en": "Two balls on the loss with a plateau: plain descent stalls, the other optimizer escapes."},
    "substitute": {"vi": "Câu giải thích vì sao phần này dùng hàm riêng g hiện giữa khung hình.",
                   "en": "A sentence in the middle of the frame says why the section draws its own function g."},
    "outcome": {"vi": "Kết quả của mỗi lần chạy hiện cạnh đồ thị của nó.",
                "en": "Each run's result appears next to its graph."},
}

TEXT = Texts(SCREEN, SPOKEN, VISUALS, parent=SHARED)
