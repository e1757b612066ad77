"""Fakes the tests share: batch files, WAV files (honest or not), a rendered lesson's folder without a render,
a docs tree and its MkDocs build, a page as GitHub shows it, a voice that speaks slowly, a probe scene."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import wave
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tests.helpers import LESSON, ROOT, sha256


def batch_file(folder: Path, variants) -> Path:
    text = '[defaults]\nquality = "tiny"\nvoice = "none"\n'
    for function, (a, b), sections in variants:
        text += f'\n[[variant]]\nfunction = "{function}"\ndomain = [{a}, {b}]\nsections = {list(sections)!r}\n'
    path = folder / "batch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def raw_wav(path: Path, seconds: float, rate: int = 8000, *, claim_seconds: float | None = None,
            width: int = 1, channels: int = 1) -> Path:
    """A PCM WAV holding `seconds` of a quiet square wave whose header announces `claim_seconds` (default:
    what it holds) at `rate`, which may be absurd."""
    frames = int(seconds * rate)
    claimed = int((claim_seconds if claim_seconds is not None else seconds) * rate)
    block = width * channels
    low, high = (b"\x70", b"\x90") if width == 1 else (b"\x00" * (width - 1) + b"\xf0",
                                                        b"\x00" * (width - 1) + b"\x10")
    data = b"".join((low if (i // 20) % 2 else high) * channels for i in range(frames))
    fmt = struct.pack("<HHIIHH", 1, channels, rate, (rate * block) % 2**32, block, 8 * width)
    size = (claimed * block) % 2**32
    header = (b"RIFF" + struct.pack("<I", (36 + size) % 2**32) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
              + b"data" + struct.pack("<I", size))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + data)
    return path


def write_wav(path: Path, seconds: float, rate: int = 22050) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(struct.pack("<h", 1000) * int(seconds * rate))
    return path



FIXTURE = ROOT / "tests" / "pipeline" / "publish" / "docs_fixture"  # a docs tree shaped like the course's


PAGE = f"27_math_deep_learning/{LESSON}.md"


SLUGS = ["critical_points", "minima_vs_maxima", "plateaus", "gradient_descent", "conclusion"]


def version(path: Path) -> str:
    """The `?v=` query publish appends to a media URL: the file's content hash, short."""
    return f"?v={sha256(path)[:12]}"


def rerender(folder: Path, name: str, data: bytes) -> None:
    """Give a file of a fake render new bytes, as a new render would (the manifest follows)."""
    (folder / name).write_bytes(data)
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for entry in manifest["sections"]:
        if name in entry["hashes"]:
            entry["hashes"][name], entry["sizes"][name] = sha256(folder / name), len(data)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def fake_render(out: Path, slugs=SLUGS) -> Path:
    folder = out / LESSON
    folder.mkdir(parents=True)
    sections = []
    for number, slug in enumerate(SLUGS, start=1):
        if slug not in slugs:
            continue
        stem = f"{number:02d}_{slug}"
        names = {"file": f"{stem}.mp4", "poster": f"{stem}.png", "preview": f"{stem}.webp"}
        for name in names.values():
            (folder / name).write_bytes(f"{name} bytes".encode())
        captions = {lang: f"{stem}.{lang}.vtt" for lang in ("vi", "en")}
        for name in captions.values():
            (folder / name).write_text("WEBVTT\n", encoding="utf-8")
        transcripts = {lang: f"{stem}.{lang}.txt" for lang in ("vi", "en")}
        for lang, name in transcripts.items():
            (folder / name).write_text(f"{slug} ({lang})\n", encoding="utf-8")
        files = [*names.values(), *captions.values(), *transcripts.values()]
        sections.append({"number": number, "slug": slug, "stem": stem, **names, "captions": captions,
                         "transcripts": transcripts, "transcript": {"vi": f"{slug}: lời", "en": f"{slug}: words"},
                         "width": 1920, "height": 1080, "fps": 60.0, "duration": 30.0, "function": "x^2",
                         "domain": [-1, 1], "sizes": {n: (folder / n).stat().st_size for n in files},
                         "hashes": {n: sha256(folder / n) for n in files}})
    (folder / "manifest.json").write_text(json.dumps({"lesson": LESSON, "language": "vi",
                                                      "sections": sections}), encoding="utf-8")
    return folder


def build_mkdocs(docs: Path, site: Path) -> Path:
    """Build `docs` (its own mkdocs.yml, kept outside docs_dir as MkDocs wants) into `site`."""
    config = site.parent / f"{site.name}.mkdocs.yml"
    config.write_text((docs / "mkdocs.yml").read_text(encoding="utf-8") + f"docs_dir: {docs}\n", encoding="utf-8")
    (docs / "mkdocs.yml").unlink()
    # --strict: a warning (a link to a file the site does not have) fails the build
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                           "-d", str(site)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return site



LONG_VI = "Tiếp tuyến trượt dọc đồ thị; độ dốc của nó là f′(x), và nó nằm ngang tại điểm tới hạn."


def with_beats(folder, slugs=None):
    """The fake render's manifest with beats and cues, as a render of classroom mode writes them."""
    from pipeline.manifest import read_manifest

    path = folder / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["sections"]:
        if slugs is not None and entry["slug"] not in slugs:
            continue
        entry["frames"] = 1800
        entry["beats"] = [{"start": 0, "end": 300, "cues": ["title"]},
                          {"start": 300, "end": 1800, "cues": ["tangent", "tangent+2"]}]
        entry["cues"] = [{"id": "title", "start": 0.0, "end": 2.5, "texts": {"vi": "Tiêu đề", "en": "Title"}},
                         {"id": "tangent", "start": 5.1, "end": 11.0, "texts": {"vi": LONG_VI, "en": "A tangent."}},
                         {"id": "tangent+2", "start": 11.2, "end": 14.0, "texts": {"vi": "Vế hai.", "en": "Two."}}]
    path.write_text(json.dumps(data), encoding="utf-8")
    return read_manifest(folder)



# The element and attribute allowlist GitHub's markdown pipeline published (html-pipeline's
# SanitizationFilter); `video` is not on it and is removed with what it holds.
GITHUB_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "br", "b", "i", "strong", "em", "a", "pre",
               "code", "img", "tt", "div", "ins", "del", "sup", "sub", "p", "ol", "ul", "table", "thead",
               "tbody", "tfoot", "blockquote", "dl", "dt", "dd", "kbd", "q", "samp", "var", "hr", "ruby", "rt",
               "rp", "li", "tr", "td", "th", "s", "strike", "summary", "details"}


GITHUB_ATTRIBUTES = {"a": {"href"}, "img": {"src", "longdesc"},
                     "*": {"abbr", "align", "alt", "border", "colspan", "dir", "height", "lang", "name",
                           "open", "rel", "rowspan", "span", "start", "summary", "title", "type", "width"}}


DROPPED_WITH_CONTENTS = {"video", "audio", "source", "track", "script", "style"}


def github_html(markdown: str) -> str:
    import cmarkgfm
    import nh3
    from cmarkgfm.cmark import Options

    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return nh3.clean(rendered, tags=GITHUB_TAGS, clean_content_tags=DROPPED_WITH_CONTENTS,
                     attributes=GITHUB_ATTRIBUTES, link_rel=None, strip_comments=True)


class Visible(HTMLParser):
    """Links, images and text of sanitized HTML (nothing in it can be hidden: no style, class or hidden)."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, list[str]]] = []  # (href, image srcs inside the link)
        self.images: list[str] = []
        self.text: list[str] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        assert not {"style", "class", "hidden"} & set(attrs), (tag, attrs)
        if tag == "a":
            self._open.append((attrs["href"], []))
        elif tag == "img":
            self.images.append(attrs["src"])
            if self._open:
                self._open[-1][1].append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "a":
            self.links.append(self._open.pop())

    def handle_data(self, data):
        self.text.append(data)



@dataclass(frozen=True)
class FakeSpeech:
    path: Path
    duration: float
    source: str = "fake"


class SlowVoice:
    """Half a second per word: longer than most scripted beats."""

    def __init__(self) -> None:
        self.heard: list[tuple[str, str, str, float]] = []

    def say(self, cue_id: str, text: str, language: str, at_least: float = 0.0, at_most: float = 7.0) -> FakeSpeech:
        self.heard.append((cue_id, text, language, at_least))
        return FakeSpeech(Path(f"/nowhere/{cue_id}.wav"), 0.5 * len(text.split()))



def build_probe(construct, lesson_data, voice=None):
    from manim import tempconfig

    from scenes.layout_check import DRY
    from sections.section_scene import SectionScene

    scene_class = type("Probe", (SectionScene,), {"slug": "critical_points", "construct": construct})
    with tempconfig(DRY):
        scene = scene_class(plan=lesson_data("critical_points"), voice=voice if voice is not None else SlowVoice(),
                            skip_animations=True)
        scene.render()
    return scene


def published_site(rendered, tmp_path):
    """The docs fixture with the rendered lesson published into it, built by MkDocs: the site's folder."""
    import shutil

    from pipeline.publish.run import publish

    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    publish(docs, PAGE, rendered)
    return build_mkdocs(docs, tmp_path / "site")
