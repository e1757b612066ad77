"""Section 5's words: the four ideas in one line each, and the closing thought.

Screen text per language (`SCREEN`), the spoken form where it differs (`SPOKEN`), and what the picture
shows while each statement is said (`VISUALS`, by statement name). No manim here."""

from lessons.catalog import SHARED
from lessons.text import Texts

SCREEN: dict[str, dict[str, str]] = {
    "title.conclusion": {"vi": "{number}. Kết luận", "en": "{number}. Conclusion"},
    "cc.points": {"vi": "Điểm tới hạn: f′(x) = 0", "en": "Critical points: f′(x) = 0"},
    "cc.points_kink": {"vi": "Điểm tới hạn: f′ = 0 hoặc không tồn tại", "en": "Critical points: f′ = 0 or undefined"},
    "cc.signs": {"vi": "Bảng biến thiên: cực tiểu hay cực đại", "en": "The variation table: minimum or maximum"},
    "cc.plateau": {"vi": "Vùng phẳng: gradient biến mất", "en": "Plateaus: the gradient vanishes"},
    "cc.descent": {"vi": "Hạ giang: x ← x − η·f′(x)", "en": "Gradient descent: x ← x − η·f′(x)"},
    "cc.closing": {"vi": "Đạo hàm chỉ đường tới cực tiểu; ‖ nhận biết vùng phẳng là nền tảng để hiểu các kỹ thuật tối ưu.",
                   "en": "The derivative points the way to minima; ‖ recognising plateaus is the foundation for understanding optimisation techniques."},
}

SPOKEN: dict[str, dict[str, str]] = {
    "cc.points_kink": {"vi": "Điểm tới hạn: f phẩy bằng 0 hoặc không tồn tại",
                       "en": "Critical points: f prime is 0 or undefined"},
    "cc.descent": {"vi": "Hạ giang: x được thay bằng x trừ ê-ta nhân f phẩy của x",
                   "en": "Gradient descent: x becomes x minus eta times f prime of x"},
}

VISUALS: dict[str, dict[str, str]] = {
    "points": {"vi": "Ô nhỏ: tiếp tuyến nằm ngang tại các điểm tới hạn.",
               "en": "Small panel: horizontal tangents at the critical points."},
    "signs": {"vi": "Ô nhỏ: bảng biến thiên đã hoàn thành của phần 2.",
              "en": "Small panel: the finished variation table of section 2."},
    "plateau": {"vi": "Ô nhỏ: quả bóng mắc kẹt trong vùng phẳng.",
                "en": "Small panel: the ball stalled on the plateau."},
    "descent": {"vi": "Ô nhỏ: hạ giang tới cực tiểu.", "en": "Small panel: descent reaching the minimum."},
    "closing": {"vi": "Khung kết luận phủ lên bốn ô.", "en": "A closing box over the four panels."},
    "lowest": {"vi": "Khung kết luận: giá trị nhỏ nhất của f trên đoạn.",
               "en": "The closing box: the lowest value of f on the interval."},
    "highest": {"vi": "Khung kết luận: giá trị lớn nhất của f trên đoạn.",
                "en": "The closing box: the highest value of f on the interval."},
}

TEXT = Texts(SCREEN, SPOKEN, VISUALS, parent=SHARED)
