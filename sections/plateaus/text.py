"""Section 3's words: plateaus, descent stalling on one and converging from a slope, the sigmoid chain.

Screen text per language (`SCREEN`), the spoken form where it differs (`SPOKEN`), and what the picture
shows while each statement is said (`VISUALS`, by statement name). No manim here."""

from lessons.catalog import SHARED
from lessons.text import Texts

SCREEN: dict[str, dict[str, str]] = {
    "title.plateaus": {"vi": "3. Vùng phẳng và gradient biến mất", "en": "3. Plateaus and the vanishing gradient"},
    "pl.function": {"vi": "Hàm số", "en": "The function"},
    "pl.loss": {"vi": "Hàm mất mát của một nơ-ron sigmoid", "en": "Loss of one sigmoid neuron"},
    "pl.loss_other": {"vi": "Một hàm mất mát có vùng phẳng", "en": "A loss with a plateau"},
    "pl.material": {"vi": "Vùng phẳng là vấn đề phổ biến khi dùng hàm kích hoạt sigmoid trong mạng sâu. ‖ Ví dụ: hàm mất mát L của một nơ-ron sigmoid bão hòa.",
                    "en": "Plateaus are a common problem with sigmoid activations in deep networks. ‖ An example: the loss L of a saturated sigmoid neuron."},
    "pl.material_other": {"vi": "Ví dụ về vùng phẳng: hàm mất mát L.", "en": "An example of a plateau: the loss L."},
    "pl.sub.no_plateau": {"vi": "Hàm f không có vùng phẳng trên miền này; ‖ đây là {what}.",
                          "en": "f has no plateau on this domain; ‖ here is {what}."},
    "pl.sub.flat_minimum": {"vi": "Đoạn phẳng [{lo}; {hi}] của f là đáy phẳng (cực tiểu), không phải vùng phẳng: ‖ hạ giang tới đó là đã tới đích; ‖ đây là {what}.",
                            "en": "f's flat piece [{lo}, {hi}] is a flat minimum, not a plateau: ‖ descent that reaches it has arrived; ‖ here is {what}."},
    "pl.sub.no_minimum": {"vi": "Hàm f không có cực tiểu để hạ giang hội tụ; ‖ đây là {what}.",
                          "en": "f has no minimum for descent to reach; ‖ here is {what}."},
    "pl.sub.no_slope": {"vi": "Với hàm f, hạ giang từ sườn dốc không hội tụ; ‖ đây là {what}.",
                        "en": "On f, descent from the slope does not converge; ‖ here is {what}."},
    "pl.sub.no_stall": {"vi": "Với hàm f, hạ giang không mắc kẹt trong vùng phẳng nào; ‖ đây là {what}.",
                        "en": "On f, descent does not get stuck on a plateau inside the domain; ‖ here is {what}."},
    "pl.what_sigmoid": {"vi": "hàm mất mát của một nơ-ron sigmoid bão hòa",
                        "en": "the loss of a saturated sigmoid neuron"},
    "pl.what_other": {"vi": "một hàm khác có vùng phẳng", "en": "another function with a plateau"},
    "pl.plateau": {"vi": "vùng phẳng", "en": "plateau"},
    "pl.shaded": {"vi": "Vùng phẳng: |{name}′| ≤ 1 % độ dốc lớn nhất ≈ {threshold} ‖ trên cả một khoảng rộng, dù không có cực trị ở đó.",
                  "en": "Plateau: |{name}′| ≤ 1% of the largest slope ≈ {threshold} ‖ over a wide stretch, though no extremum is there."},
    "pl.steep": {"vi": "Bắt đầu ở sườn dốc: gradient lớn, bóng lăn nhanh xuống đáy.",
                 "en": "From a steep slope: a large gradient, the ball rolls quickly to the bottom."},
    "pl.steep_slide": {"vi": "Bắt đầu ở sườn dốc: gradient lớn, bóng lăn nhanh, ‖ rồi chậm dần khi sườn thoải dần.",
                       "en": "Starting on the steep slope: a large gradient, the ball rolls fast, ‖ then slows as the slope flattens."},
    "pl.saturated": {"vi": "Bắt đầu trong vùng phẳng (nơ-ron bão hòa): ‖ |{name}′| = {g} ≤ {threshold}.",
                     "en": "Starting on the plateau (a saturated neuron): ‖ |{name}′| = {g} ≤ {threshold}."},
    "pl.on_plateau": {"vi": "Bắt đầu trong vùng phẳng: ‖ |{name}′| = {g} ≤ {threshold}.",
                      "en": "Starting on the plateau: ‖ |{name}′| = {g} ≤ {threshold}."},
    "pl.stalled_far": {"vi": "Sau {n}, bóng gần như đứng yên, cực tiểu vẫn còn xa: ‖ hạ giang ngừng tiến.",
                       "en": "After {n} the ball has barely moved and the minimum is still far: ‖ descent stops making progress."},
    "pl.stalled_none": {"vi": "Sau {n}, bóng gần như đứng yên: ‖ {name} không có cực tiểu, và hạ giang không tiến thêm.",
                        "en": "After {n} the ball has barely moved: ‖ {name} has no minimum, and descent makes no progress."},
    "pl.stalled": {"vi": "Sau {n}, |{name}′| chỉ còn {g}: ‖ bóng dừng lại dù ở đó không có cực tiểu.",
                   "en": "After {n} |{name}′| is only {g}: ‖ the ball stops, though no minimum is there."},
    "pl.step": {"vi": "bước", "en": "step"},
    "pl.gradient": {"vi": "độ lớn gradient", "en": "gradient size"},
    "pl.chain": {"vi": "Vì sao mạng sigmoid sâu bị ảnh hưởng: σ′(x) ≤ 1/4, ‖ và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                 "en": "Why deep sigmoid networks suffer: σ′(x) ≤ 1/4, ‖ and backpropagation multiplies the derivatives of every layer."},
    "pl.chain_general": {"vi": "Vùng phẳng hay gặp trong mạng sigmoid sâu: σ′(x) ≤ 1/4, ‖ và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                         "en": "Plateaus are common in deep sigmoid networks: σ′(x) ≤ 1/4, ‖ and backpropagation multiplies the derivatives of every layer."},
    "pl.depth": {"vi": "{n} tầng", "en": "depth {n}"},
}

SPOKEN: dict[str, dict[str, str]] = {
    "pl.material": {"vi": "Vùng phẳng là vấn đề phổ biến khi dùng hàm kích hoạt xích-ma-ít trong mạng sâu. ‖ Ví dụ: hàm mất mát L của một nơ-ron xích-ma-ít bão hòa.",
                    "en": "Plateaus are a common problem with sigmoid activations in deep networks. ‖ An example: the loss L of a saturated sigmoid neuron."},
    "pl.sub.flat_minimum": {"vi": "Đoạn phẳng từ {lo} đến {hi} của f là đáy phẳng, tức cực tiểu, không phải vùng phẳng: ‖ hạ giang tới đó là đã tới đích; ‖ đây là {what}.",
                            "en": "f's flat piece from {lo} to {hi} is a flat minimum, not a plateau: ‖ descent that reaches it has arrived; ‖ here is {what}."},
    "pl.shaded": {"vi": "Vùng phẳng: trị tuyệt đối của {name} phẩy không quá 1 phần trăm độ dốc lớn nhất, khoảng {threshold}, ‖ trên cả một khoảng rộng, dù không có cực trị ở đó.",
                  "en": "Plateau: the absolute value of {name} prime is at most 1 percent of the largest slope, about {threshold}, ‖ over a wide stretch, though no extremum is there."},
    "pl.saturated": {"vi": "Bắt đầu trong vùng phẳng, nơ-ron bão hòa: ‖ trị tuyệt đối của {name} phẩy bằng {g}, không quá {threshold}.",
                     "en": "Starting on the plateau, a saturated neuron: ‖ the absolute value of {name} prime is {g}, at most {threshold}."},
    "pl.on_plateau": {"vi": "Bắt đầu trong vùng phẳng: ‖ trị tuyệt đối của {name} phẩy bằng {g}, không quá {threshold}.",
                      "en": "Starting on the plateau: ‖ the absolute value of {name} prime is {g}, at most {threshold}."},
    "pl.stalled": {"vi": "Sau {n}, trị tuyệt đối của {name} phẩy chỉ còn {g}: ‖ bóng dừng lại dù ở đó không có cực tiểu.",
                   "en": "After {n} the absolute value of {name} prime is only {g}: ‖ the ball stops, though no minimum is there."},
    "pl.chain": {"vi": "Vì sao mạng xích-ma-ít sâu bị ảnh hưởng: đạo hàm của xích-ma-ít không quá 1 phần 4, ‖ và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                 "en": "Why deep sigmoid networks suffer: the derivative of the sigmoid is at most one quarter, ‖ and backpropagation multiplies the derivatives of every layer."},
    "pl.chain_general": {"vi": "Vùng phẳng hay gặp trong mạng xích-ma-ít sâu: đạo hàm của xích-ma-ít không quá 1 phần 4, ‖ và lan truyền ngược nhân các đạo hàm qua từng tầng.",
                         "en": "Plateaus are common in deep sigmoid networks: the derivative of the sigmoid is at most one quarter, ‖ and backpropagation multiplies the derivatives of every layer."},
}

VISUALS: dict[str, dict[str, str]] = {
    "substitute": {"vi": "Câu giải thích vì sao phần này dùng hàm riêng hiện bên phải; rồi đồ thị của hàm đó.",
                   "en": "A sentence on the right says why the section draws its own function; then its graph."},
    "intro": {"vi": "Đồ thị của hàm mất mát L hiện ra.", "en": "The graph of the loss L appears."},
    "outcome": {"vi": "Kết quả của lần chạy hiện dưới các số đo; quả bóng ở vị trí cuối cùng.",
               "en": "The run's result appears under the read-outs; the ball rests where the run ended."},
    "heading": {"vi": "Đồ thị của hàm mất mát.", "en": "The graph of the loss."},
    "shaded": {"vi": "Các vùng phẳng được tô màu trên đồ thị.", "en": "The plateaus are shaded on the graph."},
    "steep": {"vi": "Một quả bóng lăn xuống từ sườn dốc; thanh đo độ lớn gradient giảm dần.",
              "en": "A ball rolls down from the slope; a bar shows the gradient's size shrinking."},
    "saturated": {"vi": "Một quả bóng bắt đầu trong vùng phẳng và gần như không di chuyển.",
                  "en": "A ball starts on the plateau and barely moves."},
    "on_plateau": {"vi": "Một quả bóng bắt đầu trong vùng phẳng và gần như không di chuyển.",
                   "en": "A ball starts on the plateau and barely moves."},
    "stalled": {"vi": "Quả bóng dừng trong vùng phẳng.", "en": "The ball stops on the plateau."},
    "chain": {"vi": "Các cột cho thấy (1/4)ⁿ nhỏ dần theo số tầng n.",
              "en": "Bars show (1/4)ⁿ shrinking with the number of layers n."},
}

TEXT = Texts(SCREEN, SPOKEN, VISUALS, parent=SHARED)
