"""Per-section transcripts (accessibility): what is said and what is shown, in both languages.

A transcript is written from the same facts as the scene: the plan's function and domain, its critical
points and runs, and the cues the scene recorded (their timing and checked texts). Each cue's line is
followed by a short description of what the picture shows during that beat (`VISUALS`, by section and
statement name), so the transcript is a media alternative, not a copy of the captions (WCAG 1.2.3/1.2.8).
Shipped as plain text, `<stem>.<lang>.txt` beside the clip (a docs site does not turn it into a page).
"""

from __future__ import annotations

import re

from lessons import catalog, numbers

HEADER = {"vi": "Bản ghi video: lời thuyết minh và hình ảnh.", "en": "Video transcript: narration and visuals."}
SHOWN = {"vi": "Hình ảnh", "en": "Shown"}
GRAPH = {"vi": "Đồ thị của f(x) = {f} trên đoạn [{a}; {b}].", "en": "The graph of f(x) = {f} on [{a}, {b}]."}
POINTS = {"vi": "Điểm tới hạn: {points}.", "en": "Critical points: {points}."}

# What the picture shows during a beat, by (section slug, statement name without its number).
VISUALS: dict[tuple[str, str], dict[str, str]] = {
    ("critical_points", "title"): {"vi": "Tiêu đề của phần.", "en": "The section's title."},
    ("critical_points", "tangent"): {
        "vi": "Một tiếp tuyến trượt dọc đồ thị; bảng bên cạnh hiện x và độ dốc f′(x), đổi màu theo dấu.",
        "en": "A tangent line slides along the graph; a panel shows x and the slope f′(x), coloured by its sign."},
    ("critical_points", "point"): {
        "vi": "Tiếp tuyến dừng lại, nằm ngang (hoặc không tồn tại tại điểm gãy); điểm được đánh dấu trên đồ thị.",
        "en": "The tangent stops, horizontal (or absent at a kink); the point is marked on the graph."},
    ("critical_points", "solve"): {"vi": "Đạo hàm f′(x) và các nghiệm của f′(x) = 0 được viết ra.",
                                   "en": "The derivative f′(x) and the solutions of f′(x) = 0 are written out."},
    ("critical_points", "candidates"): {"vi": "Các điểm đánh dấu nhấp nháy.", "en": "The marked points flash."},
    ("critical_points", "counter_caption"): {
        "vi": "Một đồ thị nhỏ của hàm phản ví dụ; tiếp tuyến trượt qua điểm nằm ngang rồi đi tiếp.",
        "en": "A small graph of the counterexample; the tangent slides through the flat point and on."},
    ("critical_points", "counter"): {"vi": "Điểm không phải cực trị được làm nổi bật.",
                                     "en": "The point that is not an extremum is highlighted."},
    ("minima_vs_maxima", "intro"): {"vi": "Đồ thị với các điểm tới hạn.", "en": "The graph with its critical points."},
    ("minima_vs_maxima", "verdict"): {
        "vi": "Hai tiếp tuyến ngắn ở hai bên điểm, tô màu theo dấu của f′; nhãn kết luận bên cạnh điểm.",
        "en": "Two short tangents either side of the point, coloured by the sign of f′; the verdict labels it."},
    ("minima_vs_maxima", "chart"): {"vi": "Bảng dấu của f′ dưới đồ thị, với mũi tên tăng ↗ và giảm ↘.",
                                    "en": "The sign chart of f′ under the graph, with rising ↗ and falling ↘ arrows."},
    ("minima_vs_maxima", "goal"): {"vi": "Các cực tiểu được làm nổi bật.", "en": "The minima are highlighted."},
    ("plateaus", "substitute"): {"vi": "Đồ thị của hàm thay thế.", "en": "The graph of the substitute function."},
    ("plateaus", "heading"): {"vi": "Đồ thị của hàm mất mát.", "en": "The graph of the loss."},
    ("plateaus", "shaded"): {"vi": "Các vùng phẳng được tô màu trên đồ thị.",
                             "en": "The plateaus are shaded on the graph."},
    ("plateaus", "steep"): {"vi": "Một quả bóng lăn xuống từ sườn dốc; thanh đo độ lớn gradient giảm dần.",
                            "en": "A ball rolls down from the slope; a bar shows the gradient's size shrinking."},
    ("plateaus", "saturated"): {"vi": "Một quả bóng bắt đầu trong vùng phẳng và gần như không di chuyển.",
                                "en": "A ball starts on the plateau and barely moves."},
    ("plateaus", "on_plateau"): {"vi": "Một quả bóng bắt đầu trong vùng phẳng và gần như không di chuyển.",
                                 "en": "A ball starts on the plateau and barely moves."},
    ("plateaus", "stalled"): {"vi": "Quả bóng dừng trong vùng phẳng.", "en": "The ball stops on the plateau."},
    ("plateaus", "chain"): {"vi": "Các cột cho thấy (1/4)ⁿ nhỏ dần theo số tầng n.",
                            "en": "Bars show (1/4)ⁿ shrinking with the number of layers n."},
    ("gradient_descent", "gd"): {"vi": "Quy tắc cập nhật x ← x − η·f′(x).", "en": "The update rule x ← x − η·f′(x)."},
    ("gradient_descent", "from_left"): {"vi": "Mũi tên bước, dài đúng η·|f′(x)|, chỉ sang phải.",
                                        "en": "A step arrow, exactly η·|f′(x)| long, points right."},
    ("gradient_descent", "from_right"): {"vi": "Mũi tên bước, dài đúng η·|f′(x)|, chỉ sang trái.",
                                         "en": "A step arrow, exactly η·|f′(x)| long, points left."},
    ("gradient_descent", "descent"): {"vi": "Quả bóng đi từng bước về cực tiểu.",
                                      "en": "The ball steps towards the minimum."},
    ("gradient_descent", "result"): {"vi": "Quả bóng dừng ở cực tiểu.", "en": "The ball rests at the minimum."},
    ("gradient_descent", "rates"): {"vi": "Ba đồ thị nhỏ cạnh nhau, mỗi đồ thị một tốc độ học η.",
                                    "en": "Three small graphs side by side, one learning rate η each."},
    ("gradient_descent", "escape"): {
        "vi": "Hai quả bóng trên hàm có vùng phẳng: hạ giang thường mắc kẹt, thuật toán kia thoát ra.",
        "en": "Two balls on the loss with a plateau: plain descent stalls, the other optimizer escapes."},
    ("conclusion", "points"): {"vi": "Ô nhỏ: tiếp tuyến nằm ngang tại các điểm tới hạn.",
                               "en": "Small panel: horizontal tangents at the critical points."},
    ("conclusion", "signs"): {"vi": "Ô nhỏ: bảng dấu của f′.", "en": "Small panel: the sign chart of f′."},
    ("conclusion", "plateau"): {"vi": "Ô nhỏ: quả bóng mắc kẹt trong vùng phẳng.",
                                "en": "Small panel: the ball stalled on the plateau."},
    ("conclusion", "descent"): {"vi": "Ô nhỏ: hạ giang tới cực tiểu.", "en": "Small panel: descent reaching the minimum."},
    ("conclusion", "closing"): {"vi": "Khung kết luận phủ lên bốn ô.", "en": "A closing box over the four panels."},
}


def _base(cue_id: str) -> str:
    """'point.2' → 'point', 'run.result-3' → 'run', 'title.critical_points' → 'title'."""
    return re.split(r"[.-]", cue_id, maxsplit=1)[0]


def clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def transcript(plan, cues: list[dict], language: str) -> str:
    """The section's transcript in `language` from its plan and the cues the scene recorded (dicts as in
    cues.json: start, texts, id)."""
    analysis = plan.analysis
    a, b = analysis.domain
    kinds = [f"x = {numbers.plain(p.x, language)} ({catalog.text(f'kind.{p.kind}', language)})"
             for p in analysis.critical_points]
    lines = [catalog.text(f"title.{plan.slug}", language), HEADER[language], "",
             f"{SHOWN[language]}: " + GRAPH[language].format(f=numbers.plain_function(analysis.function.text, language),
                                                             a=numbers.plain(a, language),
                                                             b=numbers.plain(b, language))]
    if kinds and plan.slug in ("critical_points", "minima_vs_maxima"):
        lines.append(POINTS[language].format(points=numbers.LIST_SEPARATOR[language].join(kinds)))
    lines.append("")
    for cue in sorted(cues, key=lambda c: c["start"]):
        lines.append(f"[{clock(cue['start'])}] {cue['texts'][language]}")
        base = _base(cue.get("id", ""))
        visual = VISUALS.get(("critical_points", "title") if base == "title" else (plan.slug, base))
        if visual is not None:
            lines.append(f"    ({SHOWN[language]}: {visual[language]})")
    return "\n".join(lines) + "\n"
