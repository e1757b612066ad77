"""The docs' recipe for adding a section, followed once: a throwaway section (one folder, from the fixtures
below) put in the table of contents before the conclusion is planned, numbered, keyed and drawn like the
others, carries its own typed plan data to the worker, and the lesson file takes its table. Given a condition
(`shown`, `shown_when`, as saddle_points has), it is planned and numbered in the lessons that meet it, and in the
others absent, the sections after it numbered as if it did not exist."""

from __future__ import annotations

import dataclasses
import json
import sys
import textwrap

import pytest

import sections
from lessons import config
from lessons.config import DEFAULT_LESSON, ConfigError, with_surface
from lessons.section_plan import SectionPlan
from pipeline.keys import drawing_modules, section_key
from pipeline.render import plan as render_plan
from sections.planning import LessonContext
from tests.helpers import assert_layout_ok

FOLDER = {
    "__init__.py": '''
        from .spec import SECTION

        __all__ = ["SECTION"]
    ''',
    "text.py": '''
        from lessons.catalog import SHARED
        from lessons.text import Texts

        SCREEN = {"title.inflections": {"vi": "6. Điểm uốn", "en": "6. Inflection points"},
                  "sp.flat": {"vi": "f′ = 0 tại {n} điểm", "en": "f′ = 0 at {n} points"}}
        VISUALS = {"flat": {"vi": "Đồ thị của f.", "en": "The graph of f."}}
        TEXT = Texts(SCREEN, visuals=VISUALS, parent=SHARED)
    ''',
    "spec.py": '''
        from lessons.params import Finite, SectionParams
        from lessons.section_plan import SectionExtra
        from mathcore import Analysis

        from ..planning import SectionSpec
        from .text import TEXT


        class Params(SectionParams):
            pause: Finite = 1.0


        class Extra(SectionExtra, frozen=True, kw_only=True):
            """The section's own plan data: its flat points, and the function it compares them with."""

            flats: tuple[float, ...]
            pause: float
            other: Analysis | None = None


        def plan(context, params):
            analysis = context.points(params)
            flats = tuple(p.x for p in analysis.critical_points if p.differentiable)
            return context.base("inflections", analysis,
                                statements=(("flat", TEXT.say("sp.flat", n=len(flats))),),
                                extra=Extra(flats=flats, pause=params.pause, other=context.analysis("x^3", (-1, 1))))


        SECTION = SectionSpec(slug="inflections", params=Params, plan=plan, text=TEXT, extra=Extra)
    ''',
    "scene.py": '''
        from manim import Create, Write

        from scenes.graphing import LessonGraph
        from scenes.text import section_title
        from sections.section_scene import SectionScene


        class InflectionsScene(SectionScene):
            slug = "inflections"

            def construct(self):
                self.caption("title.inflections", 1)
                self.play(Write(section_title(self.t("title.inflections"))), run_time=1)
                graph = LessonGraph(self.plan.analysis, language=self.language)
                self.caption("flat", 1, shows=graph)  # said once the graph that shows it is drawn
                self.play(Create(graph), run_time=self.plan.extra.pause)
    ''',
}


@pytest.fixture
def inflections(tmp_path, monkeypatch):
    """The section's folder, written from the fixtures, where the `sections` package finds it."""
    folder = tmp_path / "inflections"
    folder.mkdir()
    for name, source in FOLDER.items():
        (folder / name).write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    monkeypatch.setattr(sections, "__path__", [*sections.__path__, str(tmp_path)])
    yield __import__("sections.inflections", fromlist=["SECTION"]).SECTION
    for name in [m for m in sys.modules if m.startswith("sections.inflections")]:
        del sys.modules[name]


def test_a_new_section_is_one_folder_and_one_line(inflections, tmp_path, run_scene):
    contents = (*sections.SECTIONS[:-1], inflections, sections.SECTIONS[-1])  # the one line
    lesson_file = tmp_path / "lesson.toml"
    lesson_file.write_text(DEFAULT_LESSON.read_text(encoding="utf-8") + "\n[sections.inflections]\npause = 2\n",
                           encoding="utf-8")
    lesson = config.load_lesson(lesson_file, tuple((spec.slug, spec.params) for spec in contents))
    assert lesson.params_of("inflections").pause == 2.0
    planning = LessonContext(lesson, contents)
    plan = planning.plan("inflections")
    assert (plan.number, plan.stem) == (5, "05_inflections")
    assert planning.plan("conclusion").stem == "06_conclusion"  # numbers are for display: derived
    assert plan.say("flat").text("en") == "f′ = 0 at 3 points"
    assert plan.extra.flats == (-1.0, 0.0, 2.0) and plan.extra.pause == 2.0  # its own data: no shared type edited
    back = SectionPlan.from_record(json.loads(json.dumps(plan.to_record())), inflections.extra)
    assert back.extra == plan.extra and back.extra.other.function.text == "x^3"
    scene, problems = run_scene(sections.scene_class("inflections"), plan)
    assert [cue.id for cue in scene.cues] == ["title.inflections", "flat"]
    assert_layout_ok(problems)
    assert "sections.inflections.scene" in drawing_modules("inflections", ())
    assert section_key(plan, (), "tiny") != section_key(planning.plan("critical_points"), (), "tiny")


def test_a_key_of_another_section_in_its_table_names_where_it_belongs(inflections, tmp_path):
    contents = (*sections.SECTIONS, inflections)
    data = {"lesson": "x", "function": "x^2", "domain": [-1, 1], "sections": {"critical_points": {"pause": 1}}}
    with pytest.raises(config.ConfigError, match=r"unknown key 'pause' \(it belongs to \[sections.inflections\]\)"):
        config.parse_lesson(data, "t.toml", tuple((spec.slug, spec.params) for spec in contents))


ONE_VARIABLE = ("critical_points", "minima_vs_maxima", "plateaus", "gradient_descent")


def only_in_english(spec):
    """The throwaway section, shown only when the lesson is in English (a condition on the lesson, as
    saddle_points' is the lesson having a surface)."""
    return dataclasses.replace(spec, shown=lambda lesson: lesson.language == "en", shown_when="the lesson is in English")


def test_a_section_shown_only_under_a_condition_is_numbered_where_it_holds_and_absent_elsewhere(inflections):
    spec = only_in_english(inflections)
    contents = (*sections.SECTIONS[:-1], spec, sections.SECTIONS[-1])
    lesson = config.load_lesson(DEFAULT_LESSON, tuple((s.slug, s.params) for s in contents))
    assert lesson.language == "vi"
    shown = LessonContext(dataclasses.replace(lesson, language="en"), contents)
    assert shown.slugs == (*ONE_VARIABLE, "inflections", "conclusion")
    assert (shown.numbers["inflections"], shown.numbers["conclusion"]) == (5, 6)
    plan = shown.plan("inflections")
    assert (plan.number, plan.stem) == (5, "05_inflections")
    assert plan.say("flat").text("en") == "f′ = 0 at 3 points"
    absent = LessonContext(lesson, contents)
    assert absent.slugs == (*ONE_VARIABLE, "conclusion")
    assert absent.numbers == {slug: n for n, slug in enumerate((*ONE_VARIABLE, "conclusion"), start=1)}
    assert absent.numbers == sections.NUMBERS  # numbered as the table without the section numbers them
    with pytest.raises(KeyError):
        absent.plan("inflections")
    # two conditional sections: each numbered among those the lesson shows
    both = LessonContext(with_surface(shown.lesson, "x^2 - y^2", (-1, 1, -1, 1)), contents)
    assert both.slugs == (*ONE_VARIABLE, "saddle_points", "inflections", "conclusion")
    assert [both.numbers[slug] for slug in ("saddle_points", "inflections", "conclusion")] == [5, 6, 7]
    assert (both.plan("inflections").stem, both.plan("saddle_points").stem) == ("06_inflections", "05_saddle_points")
    assert sections.title("conclusion", "en", both.numbers["conclusion"]).startswith("7")


def test_a_section_asked_for_where_its_condition_fails_is_one_line_naming_the_condition(inflections, monkeypatch,
                                                                                        fresh_planning):
    spec = only_in_english(inflections)
    contents = (*sections.SECTIONS[:-1], spec, sections.SECTIONS[-1])
    monkeypatch.setattr(sections, "SECTIONS", contents)  # the one line, for the render's planning
    monkeypatch.setattr(render_plan, "ALL_SLUGS", tuple(s.slug for s in contents))
    request = render_plan.RenderRequest(sections=("inflections",), quality="tiny", voice="none")
    with pytest.raises(ConfigError, match=r"^section inflections is shown only when the lesson is in English$"):
        render_plan.make_plan(request)
    english = render_plan.make_plan(dataclasses.replace(request, language="en"))
    assert [(job.slug, job.number, job.stem) for job in english.jobs] == [("inflections", 5, "05_inflections")]
