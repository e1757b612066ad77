"""The whole lesson as one file (pipeline.render.lesson_video): lesson.mp4 made of the sections' own video packets
(copied, never encoded again), as long as the sections together, a chapter per section in the MP4, its narration
encoded once with every section's speech at its place (no AAC priming drift); its captions, chapters and
transcripts; listed in the manifest and linked from the gallery; colour tags in every clip; every caption file
of the lesson read by the strict WebVTT parser and by Chromium's TextTrackCue as the manifest's plain text; a
failure while making it leaves the previous files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import av
import numpy as np
import pytest

import sections
from lessons.subtitles import break_lines
from pipeline.manifest import Chapter, read_manifest
from pipeline.render import lesson_video
from pipeline.render.landing import ManifestWriter
from pipeline.render.media import sha256
from tests.helpers import check_vtt
from tests.helpers.browser import serve
from tests.helpers.fakes import fake_render, with_beats


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def video_packets(path: Path) -> list[tuple[bytes, bool]]:
    with av.open(str(path)) as container:
        return [(bytes(p), p.is_keyframe) for p in container.demux(video=0) if p.size]


def decoded_audio(path: Path) -> np.ndarray:
    return lesson_video.resampled(path)


def best_lag(whole: np.ndarray, part: np.ndarray, at: int, window: int = 4800, search: int = 2048) -> int:
    """The shift (in samples) at which `part`'s loudest second lines up best with `whole` around `at`."""
    energy = np.convolve(part ** 2, np.ones(window), mode="valid")
    start = int(np.argmax(energy))
    probe = part[start:start + window]
    lags = range(-search, search + 1)
    scores = [float(np.dot(probe, whole[at + start + lag: at + start + lag + window])) for lag in lags]
    return lags[int(np.argmax(scores))]


@pytest.mark.slow
def test_the_lesson_file_copies_every_sections_video_and_lasts_as_long_as_they_do(rendered):
    manifest = manifest_of(rendered)
    entries, whole = manifest["sections"], manifest["lesson_video"]
    assert [e["slug"] for e in entries] == list(sections.SLUGS)
    for name in (whole["file"], *whole["captions"].values(), *whole["chapters"].values(), *whole["transcripts"].values()):
        assert (rendered / name).stat().st_size == whole["sizes"][name] and sha256(rendered / name) == whole["hashes"][name]
    lesson = rendered / whole["file"]
    copied = [packet for e in entries for packet in video_packets(rendered / e["file"])]
    assert video_packets(lesson) == copied  # the same H.264 packets, in order: nothing encoded again
    with av.open(str(lesson)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        assert video.frames == sum(e["frames"] for e in entries) == whole["frames"]
        duration = float(video.duration * video.time_base)
        assert abs(duration - sum(e["duration"] for e in entries)) <= 0.25
        assert abs(float(audio.duration * audio.time_base) - duration) <= 0.05
        chapters = container.chapters()
    starts = np.cumsum([0] + [e["frames"] for e in entries])[:-1] / entries[0]["fps"]
    assert [c["metadata"]["title"] for c in chapters] == [sections.title(e["slug"], "vi") for e in entries]
    assert [round(float(c["start"] * c["time_base"]), 3) for c in chapters] == [round(s, 3) for s in starts]
    assert whole["sections"] == [{"stem": e["stem"], "start": pytest.approx(s), "end": pytest.approx(s + e["frames"] / e["fps"])}
                                 for e, s in zip(entries, starts)]
    # each section's speech sits at its section's first frame, to the sample (a priming drift would be 1024
    # samples a section); the AAC round trip changes the samples a little, not where they are
    speech = decoded_audio(lesson)
    for entry, start in zip(entries, starts):
        assert best_lag(speech, decoded_audio(rendered / entry["file"]), int(round(start * 48000))) == 0, entry["stem"]


@pytest.mark.slow
def test_every_clip_says_bt709_limited_range(rendered):
    manifest = manifest_of(rendered)
    for name in [e["file"] for e in manifest["sections"]] + [manifest["lesson_video"]["file"]]:
        with av.open(str(rendered / name)) as container:
            context = container.streams.video[0].codec_context
            tags = (context.color_primaries, context.color_trc, context.colorspace, context.color_range)
        assert tags == (1, 1, 1, 1), (name, tags)  # BT.709, BT.709, BT.709, limited (MPEG) range


def expected_lines(cue: dict, language: str) -> str:
    return "\n".join(break_lines(cue["texts"][language], language))


@pytest.mark.slow
def test_every_caption_file_passes_the_strict_parser_and_keeps_the_manifests_text(rendered):
    """The sections' captions, the whole lesson's and its chapters: 0 parser errors, and each cue's text as a
    reader gets it is the manifest's plain text (before, "f′ < 0: …" was read as "f′ ")."""
    manifest = manifest_of(rendered)
    files = sorted(rendered.glob("*.vtt"))
    assert len(files) == 2 * len(manifest["sections"]) + 4
    read = {Path(path).name: cues for path, cues in check_vtt(files).items()}
    whole = manifest["lesson_video"]
    signs = 0
    for language in ("vi", "en"):
        lesson_cues = []
        for entry, chapter in zip(manifest["sections"], whole["sections"]):
            cues = read[entry["captions"][language]]
            said = [c for c in entry["cues"] if any(abs(r["start"] - round(c["start"], 3)) < 1e-3 for r in cues)]
            assert [r["text"] for r in cues] == [expected_lines(c, language) for c in said]
            signs += sum("<" in r["text"] or "&" in r["text"] or ">" in r["text"] for r in cues)
            lesson_cues += [(round(r["start"] + chapter["start"], 3), r["text"]) for r in cues]
        assert [(round(r["start"], 3), r["text"]) for r in read[whole["captions"][language]]] == \
            [(pytest.approx(start, abs=2e-3), text) for start, text in lesson_cues]
        chapters = read[whole["chapters"][language]]
        assert [c["text"] for c in chapters] == [sections.title(e["slug"], language) for e in manifest["sections"]]
        transcript = (rendered / whole["transcripts"][language]).read_text(encoding="utf-8")
        listed = [f"{lesson_video.youtube_time(c['start'])} {sections.title(e['slug'], language)}"
                  for e, c in zip(manifest["sections"], whole["sections"])]
        assert "\n".join(listed) in transcript and listed[0].startswith("0:00 1. ")
    assert signs >= 2  # the default lesson says "<" in both languages: the signs the old files lost


PLAY = r"""
const [file, captions, chapters, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
const video = document.createElement('video');
video.muted = true;
video.preload = 'auto';
for (const [kind, src] of [['captions', captions], ['chapters', chapters]]) {
  const track = document.createElement('track');
  Object.assign(track, {kind, src, srclang: 'vi'});
  video.appendChild(track);
}
video.src = file;
document.body.appendChild(video);
const loaded = (el) => new Promise((resolve) => {
  el.track.mode = 'hidden';
  if (el.readyState === 2) resolve(); else el.addEventListener('load', resolve, {once: true});
});
const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 30000));
Promise.race([Promise.all([new Promise((resolve) => video.addEventListener('loadedmetadata', resolve, {once: true})),
                           ...[...video.querySelectorAll('track')].map(loaded)]), timeout]).then(async (state) => {
  const text = (cue) => cue.getCueAsHTML().textContent;
  const [caps, chaps] = [...video.textTracks].map((t) => [...t.cues]);
  await video.play();
  await new Promise((resolve) => setTimeout(resolve, 800));
  done({state: String(state), duration: video.duration, advanced: video.currentTime, error: video.error && video.error.code,
        captions: caps.map(text), chapters: chaps.map((c) => [c.startTime, text(c)])});
});
"""

SECTION_CUES = r"""
const done = arguments[arguments.length - 1];
const tracks = [...document.querySelectorAll('section.clip track')];
Promise.all(tracks.map((el) => new Promise((resolve) => {
  el.track.mode = 'hidden';
  const report = () => resolve([el.getAttribute('src').split('?')[0], [...el.track.cues].map((c) => c.getCueAsHTML().textContent)]);
  if (el.readyState === 2) report(); else el.addEventListener('load', report, {once: true});
}))).then(done);
"""


@pytest.mark.slow
def test_chromium_plays_the_lesson_file_with_its_chapters_and_reads_every_cue_as_written(rendered, browser):  # noqa: F811
    manifest = manifest_of(rendered)
    whole = manifest["lesson_video"]
    server, base = serve(rendered)
    try:
        browser.get(base + "index.html")
        link = browser.execute_script("return document.querySelector('p.whole a').getAttribute('href')")
        assert link == f"{whole['file']}?v={whole['hashes'][whole['file']][:12]}"
        seen = browser.execute_async_script(PLAY, link, whole["captions"]["vi"], whole["chapters"]["vi"])
        tracks = dict(browser.execute_async_script(SECTION_CUES))
    finally:
        server.shutdown()
    assert seen["state"] != "timeout" and seen["error"] is None and seen["advanced"] > 0, seen
    assert abs(seen["duration"] - whole["frames"] / manifest["sections"][0]["fps"]) <= 0.25
    assert [title for _, title in seen["chapters"]] == [sections.title(e["slug"], "vi") for e in manifest["sections"]]
    assert [round(start, 3) for start, _ in seen["chapters"]] == [round(c["start"], 3) for c in whole["sections"]]
    assert len(seen["captions"]) == sum(len(e["cues"]) for e in manifest["sections"])
    for entry in manifest["sections"]:
        for language in ("vi", "en"):
            shown = tracks[entry["captions"][language]]
            assert set(shown) <= {expected_lines(c, language) for c in entry["cues"]}
            assert len(shown) >= len(entry["cues"]) - 1
    assert any("<" in text for texts in tracks.values() for text in texts)  # "f′ < 0", whole in Chromium


def test_youtube_reads_a_chapter_list_of_three_chapters_of_ten_seconds_or_more():
    entries = tuple(type("E", (), {"slug": slug, "number": n})() for n, slug in enumerate(sections.SLUGS[:3], 1))
    spans = (Chapter("a", 0.0, 12.0), Chapter("b", 12.0, 70.5), Chapter("c", 70.5, 3725.0))
    assert lesson_video.chapter_list(entries, spans, "en") == [
        "Chapters:", f"0:00 {sections.title('critical_points', 'en')}",
        f"0:12 {sections.title('minima_vs_maxima', 'en')}", f"1:10 {sections.title('plateaus', 'en')}"]
    short = (Chapter("a", 0.0, 9.9), *spans[1:])
    assert lesson_video.chapter_list(entries, short, "en") == []
    assert lesson_video.chapter_list(entries[:2], spans[:2], "en") == []
    assert lesson_video.youtube_time(3725.0) == "1:02:05"


@pytest.mark.slow
def test_a_failure_while_making_the_lesson_file_leaves_the_previous_one(rendered, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "lesson"
    shutil.copytree(rendered, folder)
    before = {p.name: sha256(p) for p in folder.iterdir() if p.is_file()}
    manifest_before = (folder / "manifest.json").read_bytes()
    (folder / "lesson.vi.txt").unlink()  # damaged: the next run makes the whole lesson's files again
    manifest = read_manifest(folder)
    writer = ManifestWriter(folder, manifest.lesson, manifest.language, manifest.generator)
    monkeypatch.setenv("LESSON_VIDEO_FAULT", "lesson-video:ENOSPC")
    assert "No space left on device" in writer.finish()
    assert "error: lesson: lesson.mp4: " in capsys.readouterr().err
    assert (folder / "manifest.json").read_bytes() == manifest_before
    assert {p.name: sha256(p) for p in folder.iterdir() if p.is_file()} == \
        {name: digest for name, digest in before.items() if name != "lesson.vi.txt"}
    assert not list(folder.glob(".tmp-*"))
    monkeypatch.delenv("LESSON_VIDEO_FAULT")
    assert writer.finish() is None  # made again, the same bytes
    assert {p.name: sha256(p) for p in folder.iterdir() if p.is_file()} == before


def test_a_lesson_folder_without_every_section_has_no_lesson_file(tmp_path):

    folder = fake_render(tmp_path / "out")
    with_beats(folder)
    writer = ManifestWriter(folder, read_manifest(folder).lesson, "vi", {})
    writer.write([], drop=("conclusion",))  # a `--section` render into a fresh folder holds some sections only
    assert not lesson_video.whole(read_manifest(folder))
    writer.finish()
    assert not list(folder.glob("lesson*")) and "lesson_video" not in manifest_of(folder)
