"""The gallery and a published MkDocs page in a real browser: Debian's Chromium, headless, over a local
server that answers Range requests. Every clip must load, report the manifest's duration and size, play with
its audio decoded, and show its captions and its transcript; the page shows one player per section and
none of the GitHub fallback."""

import json

import pytest

from pipeline.pages.embed import FALLBACK_CLASS
from tests.helpers import LESSON
from tests.helpers.browser import serve
from tests.helpers.fakes import published_site

VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐ")

PROBE = r"""
const done = arguments[arguments.length - 1];
const sections = [...document.querySelectorAll('section.clip')];
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(what)), ms));
const loadTrack = (el) => new Promise((resolve) => {
  el.track.mode = 'hidden';
  const report = () => resolve({lang: el.srclang, state: el.readyState,
                                cues: el.track.cues ? el.track.cues.length : 0,
                                text: el.track.cues && el.track.cues.length ? el.track.cues[0].text : ''});
  if (el.readyState === 2) report();
  else { el.addEventListener('load', report, {once: true}); el.addEventListener('error', report, {once: true}); }
});
Promise.all(sections.map(async (section) => {
  const video = section.querySelector('video');
  const result = {id: section.id};
  try {
    if (video.readyState < 1) {
      await Promise.race([new Promise((resolve, reject) => {
        video.addEventListener('loadedmetadata', resolve, {once: true});
        video.addEventListener('error', () => reject(new Error('media error ' + (video.error && video.error.code))),
                               {once: true});
        video.load();
      }), timeout(20000, 'no metadata')]);
    }
    result.duration = video.duration;
    result.width = video.videoWidth;
    result.height = video.videoHeight;
    result.tracks = await Promise.race([Promise.all([...video.querySelectorAll('track')].map(loadTrack)),
                                        timeout(20000, 'tracks did not load')]);
    video.muted = true;
    const before = video.currentTime;
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    result.advanced = video.currentTime - before;
    result.audioBytes = typeof video.webkitAudioDecodedByteCount === 'number' ? video.webkitAudioDecodedByteCount : null;
    const details = section.querySelector('details');
    result.transcript = details ? details.textContent.trim().length : 0;
    video.pause();
    result.mediaError = video.error ? video.error.code : null;
  } catch (error) { result.error = String(error); }
  return result;
})).then(done);
"""


PAGE_PROBE = r"""
const done = arguments[arguments.length - 1];
const fallbackClass = arguments[0];
const visible = (el) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
};
const videos = [...document.querySelectorAll('video')];
const fallbacks = [...document.querySelectorAll('div.' + fallbackClass)];
const metadata = (video) => video.readyState >= 1 ? Promise.resolve(true) : new Promise((resolve) => {
  video.addEventListener('loadedmetadata', () => resolve(true), {once: true});
  video.addEventListener('error', () => resolve(false), {once: true});
  setTimeout(() => resolve(false), 20000);
  video.load();
});
// media URLs carry ?v=<content hash>: match on the path alone
const path = (url) => new URL(url, document.baseURI).pathname;
const files = [...document.querySelectorAll('a[href]')].filter((a) => path(a.href).endsWith('.txt'))
  .filter(visible).map((a) => a.href);
Promise.all([Promise.all(videos.map(metadata)),
             Promise.all(files.map((url) => fetch(url).then((r) => r.status, () => 0)))]).then(([loaded, statuses]) => done({
  videos: videos.length, players: videos.filter(visible).length, loaded: loaded,
  fallbacks: fallbacks.length, shownFallbacks: fallbacks.filter(visible).length,
  shownPreviews: [...document.images].filter(visible).map((img) => img.src)
    .filter((src) => path(src).endsWith('.webp')),
  fetched: performance.getEntriesByType('resource').map((r) => r.name).filter((name) => path(name).endsWith('.webp')),
  versioned: videos.map((video) => video.querySelector('source').src)
    .filter((src) => /[?]v=[0-9a-f]{12}$/.test(src)).length,
  transcripts: [...document.querySelectorAll('details.transcript')].filter(visible).length,
  files: statuses,
}));
"""


@pytest.mark.slow
def test_every_clip_plays_with_captions_in_chromium(rendered, browser):
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    server, base = serve(rendered)
    try:
        browser.get(base + "index.html")
        results = {r["id"]: r for r in browser.execute_async_script(PROBE)}
    finally:
        server.shutdown()
    assert set(results) == {e["slug"] for e in manifest["sections"]}
    for entry in manifest["sections"]:
        result = results[entry["slug"]]
        assert "error" not in result and result["mediaError"] is None, result
        assert abs(result["duration"] - entry["duration"]) <= 1 / entry["fps"] + 1e-3, result
        assert (result["width"], result["height"]) == (entry["width"], entry["height"])
        assert result["advanced"] > 0, result
        tracks = {t["lang"]: t for t in result["tracks"]}
        assert set(tracks) == {"vi", "en"}
        assert all(t["state"] == 2 and t["cues"] >= 1 for t in tracks.values()), tracks
        assert VIETNAMESE & set(tracks["vi"]["text"]), tracks["vi"]["text"]
        # narrated by default: Chromium decodes the clip's audio track while it plays (muted, for autoplay)
        assert entry.get("audio"), entry
        assert result["audioBytes"] is None or result["audioBytes"] > 0, result
        assert result["transcript"] > 20, result  # the transcript, collapsed under the clip


@pytest.mark.slow
def test_a_published_mkdocs_page_shows_one_player_and_no_fallback_per_section(rendered, browser, tmp_path):
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    count = len(manifest["sections"])
    server, base = serve(published_site(rendered, tmp_path))
    try:
        browser.get(f"{base}27_math_deep_learning/{LESSON}/")
        result = browser.execute_async_script(PAGE_PROBE, FALLBACK_CLASS)
    finally:
        server.shutdown()
    assert result["videos"] == result["players"] == result["versioned"] == count, result
    assert all(result["loaded"]), result  # the players' raw-HTML paths resolve on the built site
    assert result["fallbacks"] == count and result["shownFallbacks"] == 0, result
    assert result["shownPreviews"] == [] and result["fetched"] == [], result  # never shown, never downloaded
    assert result["transcripts"] == count, result
    assert len(result["files"]) == 2 * count and set(result["files"]) == {200}, result
