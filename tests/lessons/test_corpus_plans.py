"""Every statement a section plans for a corpus function is a fact, re-checked here against mathcore."""

import math
import re

import pytest

from lessons.catalog import SHARED
from lessons.config import with_overrides
from lessons.runs import ROLE_OUTCOMES
from lessons.text import Fn, Num
from mathcore import DescentRequest
from sections import SECTIONS, SLUGS, context, load_lesson
from tests.lessons.corpus import CORPUS

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not

CASES = [(None, None), *CORPUS]


@pytest.fixture(scope="module", params=CASES, ids=lambda c: c[0] or "default")
def plans(request):
    function, domain = request.param
    planning = context(with_overrides(load_lesson(), function, domain))
    return {slug: planning.plan(slug) for slug in SLUGS}, planning


def test_every_run_ends_as_its_role_claims_and_as_analyze_says(plans):
    plans, _ = plans
    for plan in plans.values():
        for run in plan.runs:
            t = run.trajectory
            assert t.outcome in ROLE_OUTCOMES[run.role], (plan.slug, run.role, t.outcome)
            again = run.analysis.run(DescentRequest(start=t.start, optimizer=t.optimizer, lr=t.lr, steps=t.steps,
                                                    momentum=t.momentum if t.optimizer != "gd" else 0.9))
            assert (again.outcome, again.final_x) == (t.outcome, t.final_x)


def test_descent_runs_step_the_way_the_slope_says_and_reach_the_lowest_minimum(plans):
    plans, _ = plans
    plan = plans["gradient_descent"]
    left, right = plan.run("from_left"), plan.run("from_right")
    assert left.slopes[0] < 0 < left.xs[1] - left.xs[0]
    assert right.slopes[0] > 0 > right.xs[1] - right.xs[0]
    minima = [p for p in plan.analysis.critical_points if p.kind == "min"]
    lowest = min(p.y for p in minima)
    assert any(abs(right.final_x - p.x) < 0.05 * plan.analysis.function.width and p.y == lowest for p in minima)
    assert plan.run("lr_small").lr < plan.run("lr_good").lr < plan.run("lr_large").lr
    assert plan.run("lr_good") == right and left.lr == right.lr


def test_the_plateau_run_starts_almost_flat_and_stalls_inside_the_domain(plans):
    plans, _ = plans
    plan = plans["plateaus"]
    stall = plan.run("plateau")
    a, b = plan.analysis.domain
    assert any(p.contains(stall.start) for p in plan.analysis.plateaus)
    assert abs(stall.slopes[0]) <= plan.analysis.landscape.slope_threshold  # "|f′| = g ≤ threshold"
    assert a <= stall.final_x <= b
    statement = plan.say("stalled")
    if statement.key == "pl.stalled_far":  # "barely moved", "the minimum is still far"
        width = b - a
        assert abs(stall.final_x - stall.start) < 0.1 * width
        assert min(abs(stall.final_x - m) for m in plan.analysis.landscape.minima) >= 0.1 * width


def shown_number(text: str) -> float:
    """A number as the captions write it ('0,00505', '2,212×10⁻⁵', '−1') back as a float."""
    mantissa, _, power = text.replace("−", "-").replace(",", ".").partition("×10")
    return float(mantissa) * 10 ** int(power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")) or 0)


def test_the_plateau_threshold_is_said_with_its_meaning_and_a_comparison_with_it_reads_true(plans):
    import re

    plans, _ = plans
    plan = plans["plateaus"]
    threshold = plan.analysis.landscape.slope_threshold
    for language in ("vi", "en"):
        shaded = plan.say("shaded").text(language)
        meaning = {"vi": "1 % độ dốc lớn nhất ≈ ", "en": "1% of the largest slope ≈ "}[language]
        said = re.search(re.escape(meaning) + r"(\S+)", shaded).group(1)
        assert abs(shown_number(said) - threshold) <= 0.05 * threshold and len(re.sub(r"\D", "", said).lstrip("0")) <= 2
        g, bound = re.search(rf"\|{plan.name}′\| = (\S+) ≤ (\S+?)\.?$", plan.say("saturated").text(language)).groups()
        assert shown_number(g) <= shown_number(bound)  # as written, not only as computed
        assert abs(plan.run("plateau").slopes[0]) <= threshold


def test_substitutes_are_exactly_where_the_main_function_cannot_show_the_idea(plans):
    plans, planning = plans
    main = planning.main()
    plateau, descent = plans["plateaus"], plans["gradient_descent"]
    material = plateau.has("intro")  # the default lesson's own example of a plateau, not a substitute
    assert material == (not planning.lesson.function_given)
    assert (plateau.substitute is None) == (plateau.analysis is main or material)
    if not main.plateaus and not material:
        assert plateau.substitute == "no_plateau"
    if not any(p.kind == "min" for p in main.critical_points):
        assert descent.substitute == "no_minimum" and plateau.substitute in ("no_plateau", "no_minimum")
    else:
        assert descent.substitute is None
    assert set(planning.warnings) == {slug for slug, p in plans.items() if p.substitute}
    for plan in plans.values():
        assert plan.has("substitute") == (plan.substitute is not None)


def test_statements_match_the_points(plans):
    plans, _ = plans
    points = plans["critical_points"].analysis.critical_points
    kinked = any(not p.differentiable for p in points)
    assert plans["minima_vs_maxima"].say("intro").key == ("mm.intro_kink" if kinked else "mm.intro")
    assert plans["critical_points"].say("solve").key == ("cp.solve_kink" if kinked else "cp.solve")
    for i, point in enumerate(points):
        key = plans["critical_points"].say(f"point.{i}").key
        assert key == ("cp.flat_here" if point.differentiable else f"cp.{point.tangent}_here")
        if point.differentiable:
            assert abs(plans["critical_points"].analysis.function.slope(point.x)) < 1e-6
        assert plans["minima_vs_maxima"].say(f"verdict.{i}").text("en").endswith(
            {"min": "minimum", "max": "maximum", "neither": "not an extremum"}[point.kind])
    has_min = any(p.kind == "min" for p in points)
    assert plans["minima_vs_maxima"].say("goal").key == ("mm.goal" if has_min else "mm.goal_none")


def test_escape_is_shown_only_when_plain_descent_stalls_and_the_other_converges(plans):
    plans, _ = plans
    plan = plans["gradient_descent"]
    assert plan.has("escape") == plan.has_run("escape")
    if plan.has_run("escape"):
        assert plan.run("escape_gd").outcome == "stalled" and plan.run("escape").outcome == "converged"
        assert plan.run("escape").start == plan.run("escape_gd").start == plans["plateaus"].run("plateau").start


def test_statements_write_no_placeholder_or_ascii_math_in_either_language(plans):
    plans, _ = plans
    for plan in plans.values():
        for name, statement in plan.statements:
            for language in ("vi", "en"):
                text = statement.text(language)
                # a placeholder left unfilled; a set of solutions (x ∈ {−π; 0; π}) is no placeholder
                assert not re.search(r"\{[A-Za-z_]\w*\}|\{\}", text), (plan.slug, name, text)
                assert "^" not in text.replace("e^(", "") and "**" not in text, text
                assert not any(ch in text for ch in "*") and " - " not in text, text


ENTRIES = [(texts, key) for texts in (SHARED, *(spec.text for spec in SECTIONS)) for key in sorted(texts.screen)]


@pytest.mark.parametrize("texts, key", ENTRIES, ids=[key for _, key in ENTRIES])
def test_every_catalog_string_formats_in_both_languages(texts, key):
    samples = {name: Num(-1.5) for name in texts.say(key).field_names()}
    for name in samples:
        if name in ("outcome", "kind", "trend", "what", "wild"):
            samples[name] = SHARED.ref("kind.min")
        elif name in ("f", "g") and key in ("cp.counter_caption", "gd.sub"):
            samples[name] = Fn("x^3 - 2x")
    for language in ("vi", "en"):
        written = texts.say(key, **samples).text(language)
        # a placeholder left unfilled; a set written with its members (D = [a; b] \ {−1,5}) is no placeholder
        assert not re.search(r"\{[A-Za-z_]\w*\}|\{\}", written), written
        assert written == written.strip() and not math.isnan(len(written))


def test_no_two_sections_write_the_same_catalog_key():
    keys = [key for texts in (SHARED, *(spec.text for spec in SECTIONS)) for key in texts.screen]
    assert len(keys) == len(set(keys))
