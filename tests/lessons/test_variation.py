"""The variation table (bảng biến thiên), each derived by hand: the x row, the f′ row's signs and marks
interleaved, the f row's values (a pair of one-sided limits beside a pole or a hole) and where each value
sits; the claims its f row makes hold."""

import pytest

from lessons.variation import table_claims, variation_table
from mathcore import analyze
from mathcore.verify import check


@pytest.mark.parametrize("function, domain, x, f_prime, f, levels", [
    # a tie: −2 at x = −1 and x = 2, 2 at x = 0 and x = 3; f′ = 3x(x − 2)
    ("x^3 - 3x^2 + 2", (-1, 3), ["−1", "0", "2", "3"], ["+", "0", "−", "0", "+"], ["−2", "2", "−2", "2"],
     [("low",), ("high",), ("low",), ("high",)]),
    # a kink: f′ = −1/2 left of 1, 3/2 right of it, and does not exist at 1
    ("abs(x - 1) + 0.5x", (-1, 3), ["−1", "1", "3"], ["−", "||", "+"], ["3/2", "1/2", "7/2"],
     [("high",), ("low",), ("high",)]),
    # a flat minimum: f = 0 on [−1, 1], kinks at both ends
    ("relu(x - 1) + relu(-x - 1)", (-3, 3), ["−3", "−1", "1", "3"], ["−", "||", "0", "||", "+"],
     ["2", "0", "0", "2"], [("high",), ("low",), ("low",), ("high",)]),
    # a pole: x + 1/x → −∞ left of 0 and +∞ right of it; f′ = 1 − 1/x² < 0 on both sides of 0
    ("x + 1/x", (-3, 3), ["−3", "−1", "0", "1", "3"], ["+", "0", "−", "||", "−", "0", "+"],
     ["−10/3", "−2", ["−∞", "+∞"], "2", "10/3"], [("low",), ("high",), ("low", "high"), ("low",), ("high",)]),
    # two poles, the limits the other way round at x = 1: 1/(1 − x²) → +∞ from inside, −∞ from outside
    ("1/(1 - x^2)", (-3, 3), ["−3", "−1", "0", "1", "3"], ["−", "||", "−", "0", "+", "||", "+"],
     ["−1/8", ["−∞", "+∞"], "1", ["+∞", "−∞"], "−1/8"],
     [("high",), ("low", "high"), ("low",), ("high", "low"), ("high",)]),
    # x³ at 0: f′ = 0 without a sign change, the value between the arrows
    ("x^3", (-1, 1), ["−1", "0", "1"], ["+", "0", "+"], ["−1", "0", "1"], [("low",), ("mid",), ("high",)]),
])
def test_the_table_is_the_one_derived_by_hand(function, domain, x, f_prime, f, levels):
    analysis = analyze(function, *domain)
    table = variation_table(analysis, "vi")
    assert table.record() == {"x": x, "f_prime": f_prime, "f": f}
    assert [c.levels for c in table.columns] == levels
    assert not [problem for claim in table_claims(analysis) if (problem := check(claim))]


def test_a_hole_shows_its_limit_on_both_sides_and_decimals_follow_the_language():
    """sin(x)/x on [−10, 10]: no value at 0, the limit 1 either side; the other points have no closed form."""
    analysis = analyze("sin(x)/x", -10, 10)
    english, vietnamese = variation_table(analysis, "en").record(), variation_table(analysis, "vi").record()
    assert english["x"] == ["−10", "−7.725", "−4.493", "0", "4.493", "7.725", "10"]
    assert vietnamese["x"][1] == "−7,725"
    assert english["f"][3] == ["1", "1"]
    assert english["f_prime"] == ["+", "0", "−", "0", "+", "||", "−", "0", "+", "0", "−"]


def test_the_transcript_rows_read_the_table_in_order():
    rows = variation_table(analyze("x + 1/x", -3, 3), "en").text_rows()
    assert rows == ["x: −3  −1  0  1  3", "f′(x): +  0  −  ||  −  0  +",
                    "f(x): −10/3  ↗  −2  ↘  −∞ || +∞  ↘  2  ↗  10/3"]
