"""The shared words of the lesson: what every section may say (kinds of points, signs, descent outcomes, a
run's result), in Vietnamese (the course language) and English. Each section's own words live in its
folder (`sections/<slug>/text.py`) on top of these; which string a section shows is decided by its plan
from facts mathcore checked."""

import re

from .text import Texts

SCREEN: dict[str, dict[str, str]] = {
    # kinds and signs
    "kind.min": {"vi": "cực tiểu", "en": "minimum"},
    "kind.max": {"vi": "cực đại", "en": "maximum"},
    "kind.neither": {"vi": "không phải cực trị", "en": "not an extremum"},
    "kind.min_loose": {"vi": "cực tiểu không chặt", "en": "minimum, not strict"},
    "kind.max_loose": {"vi": "cực đại không chặt", "en": "maximum, not strict"},
    "kind.not_strict": {"vi": "không phải cực trị chặt", "en": "not a strict extremum"},
    "sign.-": {"vi": "giảm", "en": "falling"},
    "sign.+": {"vi": "tăng", "en": "rising"},
    "sign.0": {"vi": "phẳng", "en": "flat"},
    "readout.undefined": {"vi": "không tồn tại", "en": "does not exist"},
    # the heading of a zoomed view (scenes.zoom), by why the plan zoomed (lessons.scale.ZoomKind): a point too
    # small for the graph's scale, or a smooth bottom (or top) that looks like a kink at that scale
    "zoom.small": {"vi": "Phóng to: quá nhỏ ở tỉ lệ này", "en": "Zoomed in: too small at this scale"},
    "zoom.rounded": {"vi": "Phóng to: tròn, không gãy góc", "en": "Zoomed in: rounded, not a kink"},
    # a run's result, a sentence per outcome; {n} is mathcore's count (nit) with its noun, {k} a step number
    "run.converged": {"vi": "Hội tụ tới cực tiểu x {x} sau {n}.", "en": "Converged to the minimum x {x} in {n}."},
    "run.converged_flat": {"vi": "Hội tụ vào đáy phẳng [{lo}; {hi}] sau {n}, ‖ tại x {x}.",
                           "en": "Converged into the flat minimum [{lo}, {hi}] in {n}, ‖ at x {x}."},
    "run.converged_kink": {"vi": "Sau {n}, bóng dao động sát điểm gãy x {x} (cực tiểu), ‖ luôn cách nó không quá {band}.",
                           "en": "After {n} the ball keeps bouncing close to the kink x {x} (the minimum), ‖ always within {band} of it."},
    "run.oscillating_kink": {"vi": "Dao động: từ bước {k}, ‖ bóng nhảy qua lại quanh điểm gãy x {x}, cách nó tới {band}.",
                             "en": "Oscillating: from step {k} on, ‖ the ball jumps across the kink x {x}, up to {band} away."},
    "run.oscillating": {"vi": "Dao động: từ bước {k}, ‖ x nhảy qua lại mãi, không hội tụ.",
                        "en": "Oscillating: from step {k} on, ‖ x keeps jumping back and forth and does not converge."},
    "run.oscillating_out": {"vi": "Dao động: từ bước {k}, ‖ x nhảy qua lại và ra khỏi đoạn [{a}; {b}] ở bước {m}.",
                            "en": "Oscillating: from step {k} on, ‖ x jumps back and forth, and at step {m} it leaves [{a}, {b}]."},
    "run.diverged": {"vi": "Phân kỳ: x ra khỏi đoạn [{a}; {b}] ở bước {k}.", "en": "Diverged: x leaves [{a}, {b}] at step {k}."},
    "run.stalled": {"vi": "Mắc kẹt: sau {n}, bóng ở x {x}, ‖ nơi gradient gần như bằng 0.",
                    "en": "Stalled: after {n} the ball is at x {x}, ‖ where the gradient has all but vanished."},
    "run.pole": {"vi": "Dừng trước tiệm cận: bước {k} sẽ vượt qua x {p}, ‖ nơi f không xác định.",
                 "en": "Stopped at the asymptote: step {k} would cross x {p}, ‖ where f is undefined."},
    "run.left": {"vi": "Ra khỏi đồ thị: x rời đoạn [{a}; {b}] ở bước {m}, ‖ sau {n} thì ở x {x}.",
                 "en": "Off the plot: x leaves [{a}, {b}] at step {m}, ‖ and after {n} is at x {x}."},
    "run.slide": {"vi": "Chậm dần: sau {n}, bóng mới tới x {x}, ‖ nơi |f′| chỉ còn {g} (lúc đầu là {g0}).",
                  "en": "Slowing down: after {n} the ball has only reached x {x}, ‖ where |f′| is down to {g} (from {g0} at the start)."},
    "run.slide_on": {"vi": "Vẫn trượt: sau {n}, bóng tới x {x}, ‖ nơi |f′| = {g} (lúc đầu là {g0}).",
                     "en": "Still sliding: after {n} the ball is at x {x}, ‖ where |f′| = {g} (it was {g0} at the start)."},
    "run.passing": {"vi": "Chưa dừng: sau {n}, bóng đang lướt qua đáy ở x {x}, ‖ vẫn còn đà.",
                    "en": "Not settled: after {n} the ball is passing the bottom at x {x}, ‖ still moving."},
    "run.max_steps": {"vi": "Chưa tới đáy: sau {n}, bóng mới tới x {x}.",
                      "en": "Not there yet: after {n} the ball has only reached x {x}."},
    # the closed interval: the lowest and highest value of f on [a; b], and where (lessons.ends)
    "ext.at_end": {"vi": "ở đầu mút", "en": "at the end point"},
    "ext.at_ends": {"vi": "ở cả hai đầu mút", "en": "at both end points"},
    "ext.min_local": {"vi": "Trên [{a}; {b}], ‖ giá trị nhỏ nhất là cực tiểu {fx}.",
                      "en": "On [{a}, {b}] ‖ the lowest value is the minimum {fx}."},
    "ext.min_end": {"vi": "Trên [{a}; {b}], ‖ cực tiểu {fx} không phải giá trị nhỏ nhất: ‖ {at}, {fe} nhỏ hơn.",
                    "en": "On [{a}, {b}] ‖ the minimum {fx} is not the lowest value: ‖ {at}, {fe} is lower."},
    "ext.min_flat": {"vi": "Trên [{a}; {b}], ‖ giá trị nhỏ nhất là f {y}, ‖ trên cả đáy phẳng [{lo}; {hi}].",
                     "en": "On [{a}, {b}] ‖ the lowest value is f {y}, ‖ on the whole flat minimum [{lo}, {hi}]."},
    "ext.min_flat_end": {"vi": "Trên [{a}; {b}], ‖ đáy phẳng [{lo}; {hi}] (f {y}) không phải giá trị nhỏ nhất: ‖ {at}, {fe} nhỏ hơn.",
                         "en": "On [{a}, {b}] ‖ the flat minimum [{lo}, {hi}] (f {y}) is not the lowest value: ‖ {at}, {fe} is lower."},
    "ext.min_none": {"vi": "Trên [{a}; {b}], ‖ f không có cực tiểu; ‖ giá trị nhỏ nhất {fe} ‖ nằm {at}.",
                     "en": "On [{a}, {b}] ‖ f has no local minimum; ‖ its lowest value {fe} ‖ is {at}."},
    "ext.min_local_many": {"vi": "Trên [{a}; {b}], ‖ giá trị nhỏ nhất là cực tiểu ‖ {fx}.",
                           "en": "On [{a}, {b}] ‖ the lowest value is the minimum ‖ {fx}."},
    "ext.max_local_many": {"vi": "Trên [{a}; {b}], ‖ giá trị lớn nhất là cực đại ‖ {fx}.",
                           "en": "On [{a}, {b}] ‖ the highest value is the maximum ‖ {fx}."},
    "ext.max_local": {"vi": "Trên [{a}; {b}], ‖ giá trị lớn nhất là cực đại {fx}.",
                      "en": "On [{a}, {b}] ‖ the highest value is the maximum {fx}."},
    "ext.max_end": {"vi": "Trên [{a}; {b}], ‖ cực đại {fx} không phải giá trị lớn nhất: ‖ {at}, {fe} lớn hơn.",
                    "en": "On [{a}, {b}] ‖ the maximum {fx} is not the highest value: ‖ {at}, {fe} is higher."},
    "ext.max_flat": {"vi": "Trên [{a}; {b}], ‖ giá trị lớn nhất là f {y}, ‖ trên cả đỉnh phẳng [{lo}; {hi}].",
                     "en": "On [{a}, {b}] ‖ the highest value is f {y}, ‖ on the whole flat maximum [{lo}, {hi}]."},
    "ext.max_flat_end": {"vi": "Trên [{a}; {b}], ‖ đỉnh phẳng [{lo}; {hi}] (f {y}) không phải giá trị lớn nhất: ‖ {at}, {fe} lớn hơn.",
                         "en": "On [{a}, {b}] ‖ the flat maximum [{lo}, {hi}] (f {y}) is not the highest value: ‖ {at}, {fe} is higher."},
    "ext.min_tie": {"vi": "Giá trị nhỏ nhất của f trên [{a}; {b}] là {y}, ‖ đạt tại x {where}.",
                    "en": "The lowest value on [{a}, {b}] is {y}, ‖ at x {where}."},
    "ext.max_tie": {"vi": "Giá trị lớn nhất của f trên [{a}; {b}] là {y}, ‖ đạt tại x {where}.",
                    "en": "The highest value on [{a}, {b}] is {y}, ‖ at x {where}."},
    "ext.min_missing": {"vi": "Trên [{a}; {b}], ‖ f không có giá trị nhỏ nhất: ‖ f(x) dần tới {y} khi x dần tới {x0}, nhưng f không xác định tại x = {x0}.",
                        "en": "On [{a}, {b}] ‖ f has no lowest value: ‖ f(x) tends to {y} as x tends to {x0}, but f is undefined at x = {x0}."},
    "ext.max_missing": {"vi": "Trên [{a}; {b}], ‖ f không có giá trị lớn nhất: ‖ f(x) dần tới {y} khi x dần tới {x0}, nhưng f không xác định tại x = {x0}.",
                        "en": "On [{a}, {b}] ‖ f has no highest value: ‖ f(x) tends to {y} as x tends to {x0}, but f is undefined at x = {x0}."},
    "ext.min_unbounded": {"vi": "Trên [{a}; {b}], ‖ f không có giá trị nhỏ nhất: ‖ gần x {x0}, f nhận giá trị nhỏ tuỳ ý.",
                          "en": "On [{a}, {b}] ‖ f has no lowest value: ‖ near x {x0}, f takes values as low as one likes."},
    "ext.max_unbounded": {"vi": "Trên [{a}; {b}], ‖ f không có giá trị lớn nhất: ‖ gần x {x0}, f nhận giá trị lớn tuỳ ý.",
                          "en": "On [{a}, {b}] ‖ f has no highest value: ‖ near x {x0}, f takes values as high as one likes."},
    "ext.max_none": {"vi": "Trên [{a}; {b}], ‖ f không có cực đại; ‖ giá trị lớn nhất {fe} ‖ nằm {at}.",
                     "en": "On [{a}, {b}] ‖ f has no local maximum; ‖ its highest value {fe} ‖ is {at}."},
}

# the closed interval in the textbook's notation, as the picture writes it (captions and voice keep the sentence)
BOARD: dict[str, dict[str, str]] = {
    "ext.min_local": {"vi": "min_[{a}; {b}]\u00a0f(x) = {fx} (cực tiểu)", "en": "min_[{a}, {b}]\u00a0f(x) = {fx} (a minimum)"},
    "ext.min_local_many": {"vi": "min_[{a}; {b}]\u00a0f(x) = {fx} (cực tiểu)", "en": "min_[{a}, {b}]\u00a0f(x) = {fx} (a minimum)"},
    "ext.min_end": {"vi": "min_[{a}; {b}]\u00a0f(x) = {fe}, {at}; cực tiểu {fx} lớn hơn",
                    "en": "min_[{a}, {b}]\u00a0f(x) = {fe}, {at}; the minimum {fx} is higher"},
    "ext.min_flat": {"vi": "min_[{a}; {b}]\u00a0f(x) {y}, trên cả đáy phẳng [{lo}; {hi}]",
                     "en": "min_[{a}, {b}]\u00a0f(x) {y}, on the whole flat minimum [{lo}, {hi}]"},
    "ext.min_flat_end": {"vi": "min_[{a}; {b}]\u00a0f(x) = {fe}, {at}; đáy phẳng [{lo}; {hi}] (f {y}) cao hơn",
                         "en": "min_[{a}, {b}]\u00a0f(x) = {fe}, {at}; the flat minimum [{lo}, {hi}] (f {y}) is higher"},
    "ext.min_none": {"vi": "f không có cực tiểu; min_[{a}; {b}]\u00a0f(x) = {fe}, {at}",
                     "en": "f has no local minimum; min_[{a}, {b}]\u00a0f(x) = {fe}, {at}"},
    "ext.min_tie": {"vi": "min_[{a}; {b}]\u00a0f(x) = {y}, đạt tại x {where}", "en": "min_[{a}, {b}]\u00a0f(x) = {y}, at x {where}"},
    "ext.max_local": {"vi": "max_[{a}; {b}]\u00a0f(x) = {fx} (cực đại)", "en": "max_[{a}, {b}]\u00a0f(x) = {fx} (a maximum)"},
    "ext.max_local_many": {"vi": "max_[{a}; {b}]\u00a0f(x) = {fx} (cực đại)", "en": "max_[{a}, {b}]\u00a0f(x) = {fx} (a maximum)"},
    "ext.max_end": {"vi": "max_[{a}; {b}]\u00a0f(x) = {fe}, {at}; cực đại {fx} nhỏ hơn",
                    "en": "max_[{a}, {b}]\u00a0f(x) = {fe}, {at}; the maximum {fx} is lower"},
    "ext.max_flat": {"vi": "max_[{a}; {b}]\u00a0f(x) {y}, trên cả đỉnh phẳng [{lo}; {hi}]",
                     "en": "max_[{a}, {b}]\u00a0f(x) {y}, on the whole flat maximum [{lo}, {hi}]"},
    "ext.max_flat_end": {"vi": "max_[{a}; {b}]\u00a0f(x) = {fe}, {at}; đỉnh phẳng [{lo}; {hi}] (f {y}) thấp hơn",
                         "en": "max_[{a}, {b}]\u00a0f(x) = {fe}, {at}; the flat maximum [{lo}, {hi}] (f {y}) is lower"},
    "ext.max_none": {"vi": "f không có cực đại; max_[{a}; {b}]\u00a0f(x) = {fe}, {at}",
                     "en": "f has no local maximum; max_[{a}, {b}]\u00a0f(x) = {fe}, {at}"},
    "ext.max_tie": {"vi": "max_[{a}; {b}]\u00a0f(x) = {y}, đạt tại x {where}", "en": "max_[{a}, {b}]\u00a0f(x) = {y}, at x {where}"},
}

VISUALS: dict[str, dict[str, str]] = {
    "title": {"vi": "Tiêu đề của phần.", "en": "The section's title."},
    "lowest": {"vi": "Điểm thấp nhất của đồ thị trên đoạn được đánh dấu.",
               "en": "The lowest point of the graph on the interval is marked."},
    "highest": {"vi": "Điểm cao nhất của đồ thị trên đoạn được đánh dấu.",
                "en": "The highest point of the graph on the interval is marked."},
}

_INTERVAL = {"vi": (re.compile(r"(?:đoạn )?\[\{(\w+)\}; \{(\w+)\}\]"),
                    lambda m: f"{'đoạn ' if m[1] == 'a' or m[0].startswith('đoạn') else ''}từ {{{m[1]}}} đến {{{m[2]}}}"),
             "en": (re.compile(r"\[\{(\w+)\}, \{(\w+)\}\]"),
                    lambda m: f"{'the interval ' if m[1] == 'a' else ''}from {{{m[1]}}} to {{{m[2]}}}")}


def _spoken_intervals(screen: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The domain [{a}; {b}] is said "đoạn từ a đến b" / "the interval from a to b", another interval "từ lo đến
    hi" / "from lo to hi" (brackets are not read)."""
    spoken = {}
    for key, entry in screen.items():
        said = {lang: _INTERVAL[lang][0].sub(_INTERVAL[lang][1], text) for lang, text in entry.items()}
        if said != entry:
            spoken[key] = said
    return spoken


SHARED = Texts(SCREEN, _spoken_intervals(SCREEN), visuals=VISUALS, board=BOARD)
