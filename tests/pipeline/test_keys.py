"""Content keys name what a section draws (its plan) and the code that draws and finishes it (found from the
imports): an edit re-renders exactly the sections it can change, and nothing else."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from lessons.config import DEFAULT_LESSON, with_overrides
from pipeline import keys as content_keys
from pipeline.keys import PACKAGES, drawing_modules, section_key
from sections import SLUGS, context, dependencies, load_lesson, parse_lesson

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not


def keys(lesson, quality="low"):
    planning = context(lesson)
    return {slug: section_key(planning.plan(slug), dependencies(slug), quality) for slug in SLUGS}


@pytest.fixture(scope="module")
def default_keys():
    return keys(load_lesson())


def test_dependencies_come_from_the_specs():
    assert dependencies("conclusion") == ("plateaus", "gradient_descent")
    assert dependencies("gradient_descent") == ("plateaus",) and dependencies("critical_points") == ()


def test_keys_are_stable_and_depend_on_quality(default_keys):
    assert keys(load_lesson()) == default_keys
    assert default_keys["critical_points"] != keys(load_lesson(), "high")["critical_points"]


def test_a_change_to_what_a_section_draws_reaches_the_sections_that_replay_it(default_keys):
    data = tomllib.loads(DEFAULT_LESSON.read_text(encoding="utf-8"))
    data["sections"]["plateaus"]["fallback"]["lr"] = 2.0  # the sigmoid loss the default lesson's section 3 draws
    changed = keys(parse_lesson(data, "a"))
    assert {slug for slug in SLUGS if default_keys[slug] != changed[slug]} == {"plateaus", "gradient_descent",
                                                                                "conclusion"}
    data["sections"]["critical_points"]["counterexample"] = "x^5"
    again = keys(parse_lesson(data, "a"))
    assert {slug for slug in SLUGS if changed[slug] != again[slug]} == {"critical_points"}


def test_a_parameter_the_section_does_not_use_changes_nothing(default_keys):
    data = tomllib.loads(DEFAULT_LESSON.read_text(encoding="utf-8"))
    data["sections"]["plateaus"]["lr"] = 2.0  # for the lesson's own function, which section 3 does not draw
    assert keys(parse_lesson(data, "a")) == default_keys


def test_a_section_that_draws_its_own_function_shares_its_key_between_lessons(default_keys):
    other = keys(with_overrides(load_lesson(), "x^3 - 12x", (-3.5, 3.5)))
    third = keys(with_overrides(load_lesson(), "(x+1)^2", (-4.0, 2.0)))
    assert other["plateaus"] == third["plateaus"]  # both draw the saturated sigmoid neuron's loss, for one reason
    # the default lesson introduces that loss as its own material, without the substitution note
    assert all(other[slug] != default_keys[slug] for slug in SLUGS)


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory):
    """The project's packages copied, so that edits can be made without touching the checkout."""
    root = tmp_path_factory.mktemp("code")
    for package in PACKAGES:
        shutil.copytree(content_keys.ROOT / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("README.md", "render.py"):
        shutil.copyfile(content_keys.ROOT / name, root / name)
    (root / "bench").mkdir()
    return root


@pytest.mark.parametrize("edited, changed", [
    ("scenes/fades.py", set(SLUGS)),
    ("scenes/layout.py", set(SLUGS)),
    ("scenes/placement.py", {"critical_points", "minima_vs_maxima"}),
    ("pipeline/pages/transcript.py", set(SLUGS)),
    ("pipeline/render/section.py", set(SLUGS)),
    ("sections/critical_points/scene.py", {"critical_points"}),
    ("sections/critical_points/text.py", {"critical_points"}),
    ("sections/plateaus/demo.py", {"plateaus", "gradient_descent", "conclusion"}),
    ("sections/gradient_descent/scene.py", {"gradient_descent"}),
    ("pipeline/pages/explorable.py", {"gradient_descent"}),  # the explorable's writer, its page code: section 4's
    ("pipeline/pages/explore_assets/explore.js", {"gradient_descent"}),
    ("pipeline/pages/explore_assets/explore.css", {"gradient_descent"}),
    ("pipeline/publish/run.py", set()),
    ("pipeline/cli/render.py", set()),
    ("README.md", set()),
    ("render.py", set()),
])
def test_an_edit_changes_the_keys_of_the_sections_it_can_change(copy_of_the_code, monkeypatch, edited, changed):
    plans = context(load_lesson())
    planned = {slug: plans.plan(slug) for slug in SLUGS}

    def keys_now():
        content_keys.imported_by.cache_clear()
        return {slug: section_key(planned[slug], dependencies(slug), "low") for slug in SLUGS}
    monkeypatch.setattr(content_keys, "ROOT", copy_of_the_code)
    before = keys_now()
    path = copy_of_the_code / edited
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + "\n# an edit\n", encoding="utf-8")
        after = keys_now()
    finally:
        path.write_text(original, encoding="utf-8")
        content_keys.imported_by.cache_clear()
    assert {slug for slug in SLUGS if before[slug] != after[slug]} == changed


def test_the_drawing_code_is_found_from_the_imports_not_a_list():
    found = drawing_modules("critical_points", ())
    assert {"scenes.fades", "scenes.layout", "scenes.placement", "pipeline.pages.transcript", "pipeline.render.encoder",
            "sections.critical_points.scene", "mathcore.records"} <= set(found)
    assert not any(m.startswith(("sections.plateaus", "pipeline.publish.run", "pipeline.cli.render")) for m in found)


def test_imports_are_found_in_every_kind_of_block():
    source = """
import mathcore.a
def f():
    with open('x'):
        try:
            from . import b
        except ImportError:
            from .c import d
        else:
            import mathcore.e
        finally:
            import mathcore.f
    match 1:
        case 1:
            import mathcore.g
class K:
    def m(self):
        for _ in ():
            while False:
                if True:
                    pass
                else:
                    from ..h import i
x = [__import__('mathcore.not_a_statement')]
"""
    found = content_keys._imported_names("sections.demo", source)
    assert set(found) == {"mathcore.a", "sections.demo", "sections.demo.b", "sections.demo.c", "sections.demo.c.d",
                          "mathcore.e", "mathcore.f", "mathcore.g", "sections.h", "sections.h.i"}
