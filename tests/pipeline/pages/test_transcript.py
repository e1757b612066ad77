"""Transcripts: what is said and what is shown, per section, in both languages; embedded collapsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessons.cues import Cue
from pipeline.manifest import Manifest, entry_record, parse_manifest, read_entry
from pipeline.pages.embed import embed_markdown, gallery_html, video_block
from pipeline.pages.transcript import transcript


def cues_of(plan):
    return [Cue(0.0, 2.0, (("vi", "Tiêu đề"), ("en", "Title")), id=f"title.{plan.slug}"),
            Cue(65.2, 67.0, (("vi", "x = 0: cực đại"), ("en", "x = 0: maximum")), id="verdict.1")]


def test_a_transcript_says_what_is_said_and_describes_what_is_shown(lesson_data):
    plan = lesson_data("minima_vs_maxima")
    vi, en = (transcript(plan, cues_of(plan), lang) for lang in ("vi", "en"))
    assert vi.splitlines()[0] == "2. Phân biệt cực tiểu và cực đại"
    assert "Đồ thị của f(x) = x⁴/4 − x³/3 − x² + 1 trên đoạn [−2; 3]." in vi
    assert "x = −1 (cực tiểu); x = 0 (cực đại); x = 2 (cực tiểu)" in vi
    assert "[1:05] x = 0: maximum" in en
    assert "(Shown: The verdict labels the point, which takes the colour of its kind.)" in en  # not a caption copy
    # the variation table as text rows (a screen reader reads what the screen draws), in each language's numbers
    assert "Bảng biến thiên:\n  x: −2  −1  0  2  3\n  f′(x): −  0  +  0  −  0  +\n" \
           "  f(x): 11/3  ↘  7/12  ↗  1  ↘  −5/3  ↗  13/4\n" in vi
    assert "Variation table:\n  x: −2  −1  0  2  3\n" in en
    assert "Variation table" not in transcript(lesson_data("critical_points"), [], "en")


def test_the_manifest_records_section_2s_variation_table_as_on_screen(lesson_data):
    from pipeline.render.section import section_details
    from pipeline.voice import parse_voice
    details = section_details(lesson_data("minima_vs_maxima"), "tiny", "vi", parse_voice("none"), "k")
    assert details["variation_table"] == {"x": ["−2", "−1", "0", "2", "3"], "f_prime": ["−", "0", "+", "0", "−", "0", "+"],
                                          "f": ["11/3", "7/12", "1", "−5/3", "13/4"]}
    assert section_details(lesson_data("critical_points"), "tiny", "vi", parse_voice("none"), "k")[
        "variation_table"] == {}


def entry():
    return read_entry(entry_data(), Path("manifest.json"))


def entry_data():
    return {"number": 1, "slug": "critical_points", "stem": "01_critical_points", "file": "01_critical_points.mp4",
            "poster": "01_critical_points.png", "preview": "01_critical_points.webp", "width": 256, "height": 144,
            "fps": 10, "duration": 30.0, "function": "x^2", "domain": [-1, 1],
            "captions": {"vi": "01_critical_points.vi.vtt", "en": "01_critical_points.en.vtt"},
            "transcripts": {"vi": "01_critical_points.vi.txt", "en": "01_critical_points.en.txt"},
            "transcript": {"vi": "Điểm tới hạn\n[0:00] f′(x) < 0 & more", "en": "Critical points"}}


def test_the_manifest_lists_the_transcript_files_with_the_sections_files():
    manifest = parse_manifest({"lesson": "l", "language": "vi", "sections": [entry_data()]}, Path("manifest.json"))
    names = manifest.sections[0].names
    assert "01_critical_points.vi.txt" in names and "01_critical_points.en.txt" in names


def test_the_embed_and_gallery_carry_the_transcript_collapsed_as_html():
    block = video_block(entry(), "vi", "../media/l/", "media/l/")
    details = block[block.index("<details"):]
    assert block.index("</video>") < block.index("<details") and "<summary>" in details and "open" not in details
    assert "[0:00] f′(x) &lt; 0 &amp; more" in details  # escaped HTML, not markdown
    # the files are linked in markdown after the details, relative to the page (GitHub and MkDocs resolve it)
    assert details.endswith("</details>\n\nTệp bản ghi: [Tiếng Việt](media/l/01_critical_points.vi.txt) · "
                            "[English](media/l/01_critical_points.en.txt)")
    manifest = parse_manifest({"lesson": "l", "language": "vi", "sections": [entry_data()]}, Path("manifest.json"))
    assert 'href="01_critical_points.en.txt"' in gallery_html(manifest)
    assert "<details" in embed_markdown(manifest) and "<details" in gallery_html(manifest)
    silent = {k: v for k, v in entry_data().items() if k not in ("transcript", "transcripts")}
    assert "<details" not in video_block(read_entry(silent, Path("m.json")), "vi", "", "")


def test_the_transcript_names_the_function_as_the_screen_does_and_writes_points_alike(lesson_data):
    plateau = transcript(lesson_data("plateaus"), [], "vi")
    assert "Đồ thị của L(x) = (sigmoid(2x) − 0,9)² trên đoạn [−7; 4]." in plateau  # section 3's own loss is L
    points = transcript(lesson_data("minima_vs_maxima", "x^3/3 - x^2 - x", (-2.0, 4.0)), [], "vi")
    assert "x = 1 − √2 (cực đại); x = 1 + √2 (cực tiểu)" in points  # "1 − √2", as on screen, not "−√2 + 1"
    flat = transcript(lesson_data("critical_points", "relu(x-2) + relu(-x)", (-2.0, 4.0)), [], "vi")
    assert "Đoạn phẳng: [0; 2] (đáy phẳng, cực tiểu)." in flat
    natural = transcript(lesson_data("critical_points", "x - log(x)", (0.5, 3.0)), [], "vi")
    assert "f(x) = x − ln(x)" in natural and "log" not in natural  # plain "log" reads as base 10 in school


@pytest.mark.slow
@pytest.mark.parametrize("function, domain", [(None, None), ("relu(x-2) + relu(-x)", (-2.0, 4.0)),
                                              ("exp(-x^2)", (-3.0, 3.0))])
def test_every_cue_of_every_section_carries_its_picture_line(built_scene, lesson_data, function, domain):
    from sections import SLUGS

    for slug in SLUGS:
        plan = lesson_data(slug, function, domain)
        scene, _ = built_scene(slug, function, domain)
        for language, shown in (("vi", "(Hình ảnh: "), ("en", "(Shown: ")):
            lines = [*transcript(plan, scene.cues, language).splitlines(), ""]
            said = [i for i, line in enumerate(lines) if line.startswith("[")]
            ids = [cue.id for cue in sorted(scene.cues, key=lambda c: c.start)]
            # a statement said in clauses (ids `name`, `name+2`, …) is described once, after its last clause
            last = [i for i, id_, following in zip(said, ids, [*ids[1:], ""]) if following.split("+")[0] != id_.split("+")[0]]
            assert last and all(lines[i + 1].strip().startswith(shown) for i in last), (slug, language, [
                lines[i] for i in last if not lines[i + 1].strip().startswith(shown)])


def test_a_statement_said_in_clauses_is_described_once_and_a_cc_by_voice_is_credited(lesson_data):
    plan = lesson_data("plateaus")
    cues = [Cue(10.0, 14.0, (("vi", "Vùng phẳng: a"), ("en", "Plateau: a")), id="shaded"),
            Cue(14.2, 17.0, (("vi", "b"), ("en", "b")), id="shaded+2")]
    credit = "Voice: Piper vi_VN-vais1000-medium, dataset https://example.org, CC BY 4.0"
    en = transcript(plan, cues, "en", credit)
    lines = en.splitlines()
    assert lines[lines.index("[0:14] b") + 1] == "    (Shown: The plateaus are shaded on the graph.)"
    assert en.count("The plateaus are shaded") == 1  # after the last clause only
    assert lines[-1] == f"Narration: {credit}"
    assert transcript(plan, cues, "vi", credit).splitlines()[-1] == f"Giọng đọc: {credit}"
    voiced = read_entry({**entry_data(), "voice_model": {"credit": credit}}, Path("m.json"))
    assert voiced.voice_model["credit"] == credit and entry_record(voiced)["voice_model"] == {"credit": credit}
    page = gallery_html(Manifest("l", "en", (voiced,)))
    assert f'<p class="credit">{credit}</p>' in page
    assert 'class="credit"' not in gallery_html(Manifest("l", "en", (entry(),)))


def test_a_zoomed_beat_is_described_on_its_zoomed_view(lesson_data):
    """A point the plan zooms into is marked on the view, not on the graph: its cues' picture lines say so, by
    the kind of view (too small to see, or a rounded bottom that looks like a kink)."""
    def said(*ids):
        return [Cue(2.0 * k, 2.0 * k + 1.5, (("vi", f"câu {k}"), ("en", f"line {k}")), id=i) for k, i in enumerate(ids)]
    rounded = transcript(lesson_data("critical_points", "sqrt(x^2 + 0.0001)", (-2.0, 2.0)), said("point.0"), "en")
    assert "a corner at the graph's scale, smoothly rounded up close; the horizontal tangent and the point are " \
           "marked on the view" in rounded and "marked on the graph" not in rounded
    small = transcript(lesson_data("critical_points", "x^5 - 5x^4 + 5x^3", (-1.0, 4.0)),
                       said("point.0", "point.1", "point.1+2"), "en").splitlines()
    assert small[small.index("[0:00] line 0") + 1].endswith("the point is marked on the graph.)")  # x = 0: seen
    assert "too small to see at the graph's scale" in small[small.index("[0:04] line 2") + 1]  # after its last clause
    judged = transcript(lesson_data("minima_vs_maxima", "sqrt(x^2 + 0.0001)", (-2.0, 2.0)),
                        said("rule.0", "verdict.0"), "vi")
    assert "tiếp tuyến tại điểm nằm ngang" in judged and "Trên hình phóng to, nhãn kết luận" in judged
    plain = transcript(lesson_data("minima_vs_maxima"), said("rule.0", "verdict.0"), "en")
    assert "zoomed" not in plain
