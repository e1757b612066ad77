"""Section 4's words: the update rule, descent from both sides, three learning rates, the escape.

Screen text per language (`SCREEN`), the spoken form where it differs (`SPOKEN`), and what the picture
shows while each statement is said (`VISUALS`, by statement name). No manim here."""

from lessons.catalog import SHARED
from lessons.text import Texts

SCREEN: dict[str, dict[str, str]] = {
    "title.gradient_descent": {"vi": "4. Hạ giang (gradient descent)", "en": "4. Gradient descent"},
    "gd.rule": {"vi": "Quy tắc cập nhật", "en": "The update rule"},
    "gd.sub": {"vi": "f không có cực tiểu trên miền này; ‖ trong phần này, f(x) = {g}.",
               "en": "f has no minimum on this domain; ‖ in this section, f(x) = {g}."},
    "gd.neg": {"vi": "f′ < 0: bước sang phải (x tăng)", "en": "f′ < 0: the step goes right (x grows)"},
    "gd.pos": {"vi": "f′ > 0: bước sang trái (x giảm)", "en": "f′ > 0: the step goes left (x shrinks)"},
    "gd.arrow": {"vi": "Mũi tên dài đúng bằng η·|f′(x)|.", "en": "The arrow is exactly η·|f′(x)| long."},
    "gd.descent": {"vi": "Lặp lại từng bước, bóng tiến về cực tiểu.",
                   "en": "Step after step, the ball heads for the minimum."},
    "gd.result": {"vi": "Kết quả: hội tụ tại x {x} trong {n} bước.",
                  "en": "Result: converged at x {x} within {n} steps."},
    "gd.result_kink": {"vi": "Kết quả: sau {n} bước ‖ bóng nhảy trong một bước quanh điểm gãy x {x}, cực tiểu.",
                       "en": "Result: after {n} steps ‖ the ball bounces within one step of the kink x {x}, the minimum."},
    "gd.rates": {"vi": "So sánh tốc độ học η", "en": "Comparing learning rates η"},
    "gd.rates_caption": {"vi": "η quá nhỏ thì chậm, vừa phải thì hội tụ, ‖ quá lớn thì {wild}.",
                         "en": "Too small an η is slow, a good one converges, ‖ too large a one {wild}."},
    "gd.wild.oscillating": {"vi": "nhảy qua lại quanh đáy", "en": "jumps back and forth across the bottom"},
    "gd.wild.diverged": {"vi": "văng ra xa", "en": "flies off"},
    "gd.escape": {"vi": "Ngoài bài học: {optimizer} thoát khỏi vùng phẳng ‖ nơi hạ giang thường mắc kẹt.",
                  "en": "Beyond the lesson: {optimizer} escapes the plateau ‖ where plain gradient descent stalls."},
    "gd.plain": {"vi": "hạ giang thường", "en": "plain gradient descent"},
    "gd.momentum": {"vi": "hạ giang có quán tính (momentum)", "en": "gradient descent with momentum"},
    "gd.iteration": {"vi": "bước", "en": "step"},
}

SPOKEN: dict[str, dict[str, str]] = {
    "title.gradient_descent": {"vi": "4. Hạ giang.", "en": "4. Gradient descent."},
    "gd.arrow": {"vi": "Mũi tên dài đúng bằng ê-ta nhân trị tuyệt đối của f phẩy của x.",
                 "en": "The arrow is exactly eta times the absolute value of f prime of x long."},
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
    "result": {"vi": "Quả bóng dừng ở cực tiểu.", "en": "The ball rests at the minimum."},
    "rates": {"vi": "Ba đồ thị nhỏ cạnh nhau, mỗi đồ thị một tốc độ học η.",
              "en": "Three small graphs side by side, one learning rate η each."},
    "escape": {"vi": "Hai quả bóng trên hàm có vùng phẳng: hạ giang thường mắc kẹt, thuật toán kia thoát ra.",
               "en": "Two balls on the loss with a plateau: plain descent stalls, the other optimizer escapes."},
}

TEXT = Texts(SCREEN, SPOKEN, VISUALS, parent=SHARED)
