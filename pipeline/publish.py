"""`render.py publish`: embed the rendered clips into the lesson's page of the course docs.

Media are copied into `media/<lesson>/` beside the page; each section's clip goes into a marked block
right after the page's heading for that section (`## 3. …`), or, for sections without a heading, into one
block at the end. Only the text between our markers is ever changed: the rest of the page is kept byte for
byte, the page is written atomically, and running twice changes nothing the second time. A page with
broken or duplicated markers, or that is not UTF-8, is refused and left untouched.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mathcore.errors import LessonInputError

from .embed import video_block
from .outputs import MANIFEST

MARKER = re.compile(r"<!-- lesson-video:(?P<name>[A-Za-z0-9_.-]+) (?P<kind>begin|end) -->")
ALL = "sections"


class PublishError(LessonInputError):
    """The docs page or the rendered outputs cannot be used as they are."""


@dataclass(frozen=True)
class PublishResult:
    page: Path
    page_changed: bool
    copied: tuple[Path, ...]
    diff: str


def load_manifest(out_dir: Path) -> dict:
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PublishError(f"no {MANIFEST} in {out_dir}: render the lesson first (render.py)") from None
    except (OSError, ValueError) as problem:
        raise PublishError(f"cannot read {out_dir / MANIFEST}: {problem}") from None
    if not manifest.get("sections"):
        raise PublishError(f"{out_dir / MANIFEST} lists no rendered section")
    return manifest


def read_page(page: Path) -> str:
    try:
        raw = page.read_bytes()
    except FileNotFoundError:
        raise PublishError(f"{page}: no such page") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise PublishError(f"{page} is not UTF-8 (byte {problem.start}); left untouched") from None


def find_blocks(text: str, page: Path) -> dict[str, tuple[int, int]]:
    """name -> (start of the block's content, end of it); broken or duplicated markers are refused."""
    blocks: dict[str, tuple[int, int]] = {}
    open_name, open_end = None, 0
    for match in MARKER.finditer(text):
        name, kind = match["name"], match["kind"]
        line = text.count("\n", 0, match.start()) + 1
        if kind == "begin":
            if open_name is not None:
                raise PublishError(f"{page}:{line}: marker '{name} begin' inside the unfinished block '{open_name}'")
            if name in blocks:
                raise PublishError(f"{page}:{line}: the block '{name}' appears twice")
            open_name, open_end = name, match.end()
        else:
            if open_name != name:
                raise PublishError(f"{page}:{line}: marker '{name} end' without its begin")
            blocks[name] = (open_end, match.start())
            open_name = None
    if open_name is not None:
        raise PublishError(f"{page}: marker '{open_name} begin' is never closed")
    return blocks


def _heading(text: str, number: int) -> re.Match | None:
    return re.search(rf"^#{{1,6}}[ \t]+{number}[.)][ \t][^\r\n]*", text, flags=re.MULTILINE)


def render_page(text: str, manifest: dict, page: Path, directory_urls: bool = True) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    language = manifest.get("language", "vi")
    media = f"media/{manifest['lesson']}/"
    html_prefix = ("../" if directory_urls else "") + media
    blocks = find_blocks(text, page)

    def body(entries: list[dict]) -> str:
        content = "\n" + "\n\n".join(video_block(e, language, html_prefix, media) for e in entries) + "\n"
        return content.replace("\n", newline)

    def wrap(name: str, content: str) -> str:
        return f"<!-- lesson-video:{name} begin -->{content}<!-- lesson-video:{name} end -->"

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) on the original text
    loose = []
    for entry in manifest["sections"]:
        stem = entry["stem"]
        if stem in blocks:
            start, end = blocks[stem]
            edits.append((start, end, body([entry])))
            continue
        heading = _heading(text, entry["number"])
        if heading is None:
            loose.append(entry)
            continue
        edits.append((heading.end(), heading.end(), newline + newline + wrap(stem, body([entry]))))
    if loose:
        if ALL in blocks:
            start, end = blocks[ALL]
            edits.append((start, end, body(loose)))
        else:
            tail = "" if text.endswith(newline) or not text else newline
            edits.append((len(text), len(text), tail + newline + wrap(ALL, body(loose)) + newline))
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _same_file(a: Path, b: Path) -> bool:
    if not b.exists() or a.stat().st_size != b.stat().st_size:
        return False
    return hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()


def copy_media(manifest: dict, out_dir: Path, media_dir: Path) -> list[Path]:
    names = []
    for entry in manifest["sections"]:
        names += [entry["file"], entry["poster"], entry["preview"], *entry["captions"].values()]
    missing = [n for n in names if not (out_dir / n).is_file()]
    if missing:
        raise PublishError(f"{out_dir} lacks {missing[0]}: render the lesson again")
    media_dir.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in names:
        source, target = out_dir / name, media_dir / name
        if _same_file(source, target):
            continue
        handle, temp = tempfile.mkstemp(prefix=f".{name}-", dir=media_dir)
        os.close(handle)
        shutil.copyfile(source, temp)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
        copied.append(target)
    return copied


def publish(docs: Path, page_rel: str, out_dir: Path, dry_run: bool = False,
            directory_urls: bool = True) -> PublishResult:
    if not docs.is_dir():
        raise PublishError(f"{docs}: no such docs folder")
    page = docs / page_rel
    manifest = load_manifest(out_dir)
    old = read_page(page)
    new = render_page(old, manifest, page, directory_urls)
    diff = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{page_rel}", tofile=f"b/{page_rel}"))
    if dry_run:
        return PublishResult(page, new != old, (), diff)
    copied = copy_media(manifest, out_dir, page.parent / "media" / manifest["lesson"])
    if new != old:
        handle, temp = tempfile.mkstemp(prefix=f".{page.name}-", dir=page.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(new.encode("utf-8"))
        os.chmod(temp, page.stat().st_mode & 0o777)
        os.replace(temp, page)
    return PublishResult(page, new != old, tuple(copied), diff)
