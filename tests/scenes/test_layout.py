"""The layout test: every section of the default lesson and of every corpus function, in both languages,
checked after (and inside) every animation without writing video (see scenes/layout_check.py); in the same
dry pass, timed by espeak-ng's real speech at 60 fps, the beat check (what shows each cue's statement is on
screen while it is said, scenes/beat_check.py) and the subtitle rules over every caption cue in both
languages (lessons/subtitles.py)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from manim import Dot, Line, VGroup

from lessons.config import SurfaceInput, with_overrides
from pipeline.checks.layout import check_lesson
from pipeline.pages.captions import timed_cues, to_vtt
from scenes import layout
from scenes.layout_check import problems_now
from sections import SLUGS, context, load_lesson
from tests.helpers import check_vtt
from tests.lessons.corpus import CORPUS, CROWDED, SURFACES

pytestmark = pytest.mark.slow  # builds scenes or plans many lessons: `make test` runs it, `make test-fast` does not

CASES = ([pytest.param(None, None, lang, id=f"default-{lang}") for lang in ("vi", "en")] +
         [pytest.param(f, d, lang, id=f"{f}-{lang}") for f, d in CORPUS for lang in ("vi", "en")] +
         [pytest.param(f, d, lang, id=f"{f}-{lang}") for f, d, lang in CROWDED])


CHECKED: dict[str, list] = {}  # a section's plan (as its record) -> the problems its check found, in this process


def plan_key(plan) -> str:
    """What a section's check depends on: its plan as a record, without the lesson's folder name (the scene
    draws from the plan alone: content keys share a clip between lessons on the same ground)."""
    record = plan.to_record()
    record.pop("lesson")
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


@pytest.mark.slow
@pytest.mark.parametrize("function, domain, language", CASES)
def test_every_section_is_legible_says_only_what_it_shows_and_captions_keep_the_rules(function, domain, language,
                                                                                      manim_media, monkeypatch,
                                                                                      tmp_path):
    """The session's media folder: a text typeset (or spoken) for one case is reused by the next (the cases share
    titles, labels and sentences; a quarter of a case's time). A section whose plan was checked already in this
    process is not drawn again (section 3 shows the same sigmoid loss, in the same words, for most corpus
    functions: 25 of the 175 sections); its problems are the ones found then. The cues each section drawn here
    recorded are written as caption files in both languages and read by the strict WebVTT parser."""
    from scenes.base import LessonScene

    recorded: list = []
    render = LessonScene.render

    def recording(scene, *args, **kwargs):
        render(scene, *args, **kwargs)
        recorded.append(list(scene.cues))
    monkeypatch.setattr(LessonScene, "render", recording)
    lesson = replace(with_overrides(load_lesson(), function, domain), language=language)
    planning = context(lesson)
    keys = {slug: plan_key(planning.plan(slug)) for slug in SLUGS}
    todo = tuple(slug for slug in SLUGS if keys[slug] not in CHECKED)
    found = check_lesson(lesson, manim_media, todo) if todo else []
    assert len(recorded) == len(todo)
    check_caption_files(recorded, tmp_path)
    for slug in todo:
        CHECKED[keys[slug]] = [p for p in found if p.section == f"{slug} [{language}]"]
    problems = [p for slug in SLUGS for p in CHECKED[keys[slug]]]
    assert len(problems) == len(found) + sum(len(CHECKED[keys[s]]) for s in SLUGS if s not in todo)
    assert not problems, "\n".join(str(p) for p in problems[:15])



@pytest.mark.slow
@pytest.mark.parametrize("function, box, language", SURFACES, ids=[f"{f}-{lang}" for f, _, lang in SURFACES])
def test_the_surface_section_is_legible_says_only_what_it_shows_and_captions_keep_the_rules(function, box, language,
                                                                                            manim_media):
    """The section beyond one variable, for a lesson with a surface (the other sections are the ones above)."""
    lesson = replace(load_lesson(), surface=SurfaceInput(function, box), language=language)
    assert context(lesson).slugs[4] == "saddle_points"
    problems = check_lesson(lesson, manim_media, ("saddle_points",))
    assert not problems, "\n".join(str(p) for p in problems[:15])

def check_caption_files(recorded: list, folder) -> None:
    """Each recorded section's cues as the render writes them (pipeline.pages.captions), strictly parsed: no error,
    and every cue reads back as its plain text."""
    written = {}
    for index, cues in enumerate(recorded):
        end = max(c.end for c in cues)
        for lang in ("vi", "en"):
            path = folder / f"{index}.{lang}.vtt"
            path.write_text(to_vtt(cues, lang, end), encoding="utf-8")
            written[str(path)] = ["\n".join(cue.lines) for cue in timed_cues(cues, lang, end)]
    if written:
        read = check_vtt(written)
        assert {path: [c["text"] for c in cues] for path, cues in read.items()} == written


def test_a_section_drawn_from_the_same_plan_is_checked_once_and_the_others_each_time():
    """The keys the corpus check shares by: section 3 of two functions without a plateau is one plan (the
    sigmoid loss, said in the same words); their sections 1 and 2, and the same section in another language,
    are not."""
    def plans(function, domain, language="vi"):
        planning = context(replace(with_overrides(load_lesson(), function, domain), language=language))
        return {slug: plan_key(planning.plan(slug)) for slug in SLUGS}
    a, b, english = plans("x^3 - 12x", (-3.5, 3.5)), plans("cos(x)", (-6.0, 6.0)), plans("cos(x)", (-6.0, 6.0), "en")
    assert a["plateaus"] == b["plateaus"] != english["plateaus"]
    assert all(a[slug] != b[slug] for slug in SLUGS if slug != "plateaus")


def test_the_check_sees_a_label_on_the_curve_and_two_texts_overlapping():
    from scenes.text import formula, label

    curve = layout.tag(Line([-3, 0, 0], [3, 0, 0]), layout.LINE)
    on_curve = label("cực tiểu").move_to([0, 0, 0])
    problems = problems_now([curve, on_curve], "probe", "animation 0")
    assert [p.kind for p in problems] == ["text crosses a line"]
    assert "cực tiểu" in problems[0].first and problems[0].second == "Line"
    a, b = formula("x = 1"), formula("x = 2")
    problems = problems_now([VGroup(a, b.move_to(a.get_center() + [0.1, 0, 0]))], "probe", "animation 3")
    assert [p.kind for p in problems] == ["texts overlap"]
    assert {problems[0].first, problems[0].second} == {"MathTypst('$ x = 1 $')", "MathTypst('$ x = 2 $')"}
    assert str(problems[0]).startswith("probe animation 3: texts overlap: MathTypst(")


def test_the_check_sees_the_safe_margin_and_a_marker_outside_its_axes():
    from scenes.graphing import LessonGraph
    from sections import context, load_lesson

    edge = Dot([7.0, 0, 0])  # 0.1 inside the frame, inside the 0.5 margin
    assert [p.kind for p in problems_now([edge], "probe", "animation 0")] == ["outside the safe area"]
    graph = LessonGraph(context(load_lesson()).main())
    left, right, bottom, top = graph.box()
    outside = layout.tag(Dot([right + 0.3, (bottom + top) / 2, 0]), layout.MARKER, graph)
    kinds = [p.kind for p in problems_now([outside], "probe", "animation 0")]
    assert kinds == ["marker outside its axes"]
    inside = layout.tag(Dot([(left + right) / 2, (bottom + top) / 2, 0]), layout.MARKER, graph)
    assert problems_now([inside], "probe", "animation 0") == []


def test_the_check_measures_a_texts_em_as_drawn_and_sees_text_too_small():
    from manim import config

    from scenes import theme
    from scenes.layout_check import em_height
    from scenes.text import backed, label

    height = config.frame_height
    body = label("cực tiểu", theme.BODY_SIZE)  # an em of 30/96 scene units (Typst's em, whatever the letters)
    assert em_height(body) == pytest.approx(theme.BODY_SIZE / 96, rel=1e-3)
    assert em_height(backed(label("x", theme.BODY_SIZE).scale(0.5))) == pytest.approx(theme.BODY_SIZE / 192, rel=1e-3)
    assert problems_now([body], "probe", "animation 0") == []
    tiny = label("vùng phẳng", theme.SMALL_SIZE).scale(height / 70 / em_height(label("x", theme.SMALL_SIZE)))
    assert em_height(tiny) == pytest.approx(height / 70, rel=1e-3)  # a small annotation at 1/70
    problems = problems_now([tiny], "probe", "animation 0")
    assert [p.kind for p in problems] == ["text too small"] and problems[0].second.endswith("at least 1/60")
    at_60 = label("vùng phẳng", theme.SMALL_SIZE).scale(height / 59.5 / em_height(label("x", theme.SMALL_SIZE)))
    assert problems_now([at_60], "probe", "animation 0") == []
    shrunk = body.copy().scale(0.6)  # body text at 18 of 30: under 1/40 although a small text may be that size
    assert [p.kind for p in problems_now([shrunk], "probe", "animation 0")] == ["text too small"]


def test_a_paragraph_wraps_where_a_caption_may_break_never_inside_a_word():
    from scenes.text import label, paragraph

    def first_line_glyphs(text, width):
        glyphs = sorted(paragraph(text, width).family_members_with_points(), key=lambda g: -g.get_top()[1])
        top = glyphs[0].get_bottom()[1]
        return sum(1 for g in glyphs if abs(g.get_bottom()[1] - top) < 0.15)

    # wide enough for "aaaa cực" and not for "aaaa cực tiểu": the word goes down whole
    width = (label("aaaa cực").width + label("aaaa cực tiểu").width) / 2
    assert first_line_glyphs("aaaa cực tiểu", width) == 4
    assert first_line_glyphs("aaaa cực xxxxx", width) == 7  # two words: a line may end between them
    assert "=\u00a00,06" in paragraph("|f′| = 0,06", 4.0).typst_code  # never after a relation


def test_the_check_sees_text_on_a_highlight_of_its_own_colour():
    from scenes import theme
    from scenes.graphing import LessonGraph
    from scenes.text import label
    from sections import context, load_lesson

    graph = LessonGraph(context(load_lesson()).main())
    band = graph.shade(0.0, 1.0, theme.PLATEAU, theme.PLATEAU_OPACITY)
    yellow = label("vùng phẳng", theme.SMALL_SIZE, theme.PLATEAU).move_to(band.get_center())
    problems = problems_now([band, yellow], "probe", "animation 0")
    assert [p.kind for p in problems] == ["text on a highlight of its own colour"]
    white = label("vùng phẳng", theme.SMALL_SIZE, theme.TEXT).move_to(band.get_center())
    assert problems_now([band, white], "probe", "animation 0") == []


def test_primes_in_text_are_real_primes_set_as_math():
    from scenes.text import label, math_primes, paragraph

    assert math_primes("Dấu của f′: cực tiểu; |L′| ≤ 1; σ′(z) ≤ 1/4; f′(x) = 0") == \
        "Dấu của $f'$: cực tiểu; |$L'$| ≤ 1; $σ'(z)$ ≤ 1/4; $f'(x)$ = 0"
    assert "$f'(x)$" in label("Hạ giang: x ← x − η·f′(x)").typst_code
    assert "$L'$" in paragraph("|L′| ≤ 1", 4.0).typst_code


def test_a_problem_moment_is_saved_as_its_whole_frame_and_no_other_frame_is_drawn(tmp_path):
    """The dry pass draws no frame (a skipping renderer would draw one per play), but the moment of a problem
    is saved with everything on screen: the square drawn before it as well as the dot outside the safe area."""
    import numpy as np
    from manim import FadeIn, Scene, Square, tempconfig
    from PIL import Image

    from scenes.layout_check import DRY, watch

    class Probe(Scene):
        def construct(self):
            self.play(FadeIn(Square(side_length=2, fill_opacity=1, color="#ff0000")))
            self.wait(0.5)
            self.play(FadeIn(Dot([7.0, 0, 0], radius=0.3, color="#00ff00")))

    found: list = []
    with tempconfig({**DRY, "pixel_width": 320, "pixel_height": 180}):
        scene = Probe(skip_animations=True)
        drawn = []
        capture = scene.renderer.camera.capture_mobjects
        scene.renderer.camera.capture_mobjects = lambda *args, **kwargs: drawn.append(1) or capture(*args, **kwargs)
        watch(scene, "probe", found, str(tmp_path))
        scene.render()
    assert [p.kind for p in found] == ["outside the safe area"] and len(drawn) == 1
    (png,) = tmp_path.glob("*.png")
    assert png.name == "probe_animation_2.png"
    pixels = np.asarray(Image.open(png).convert("RGB")).astype(int)
    centre, edge = pixels[90, 160], pixels[90, 318]
    assert centre[0] > 200 and centre[1] < 60  # the red square from the moments before
    assert edge[1] > 200 and edge[0] < 60  # the green dot, cut by the frame's edge
