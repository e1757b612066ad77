"""`render.py publish`: embed the rendered clips into the lesson's page of the course docs.

Media are copied into `media/<lesson>/` beside the page; each section's clip goes into a marked block
right after the page's heading for that section (`## 3. …`), or, for sections without a heading, into one
block at the end. Only the text between our markers is ever changed: the rest of the page is kept byte for
byte, the page is written atomically, and running twice changes nothing the second time. A page with
broken or duplicated markers, or that is not UTF-8, is refused and left untouched.

Everything publish writes stays inside the docs root (paths resolved, symlinks included): the page, the
media folder and every copied file. Headings and markers inside fenced code blocks are not page structure.
A file in the media folder that publish did not write (it records what it wrote) is never overwritten.
Every check runs before the first write, so a refusal changes nothing.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lessons.config import read_small_file
from mathcore.errors import LessonInputError

from .embed import video_block
from .lock import lesson_lock
from .manifest import MANIFEST, Manifest, SectionEntry, read_manifest

MARKER = re.compile(r"<!-- lesson-video:(?P<name>[A-Za-z0-9_.-]+) (?P<kind>begin|end) -->")
ALL = "sections"
RECORD = ".published.json"  # in media/<lesson>/: the files publish wrote there, with their hashes
MAX_PAGE_BYTES = 10_000_000
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


class PublishError(LessonInputError):
    """The docs page or the rendered outputs cannot be used as they are."""


@dataclass(frozen=True)
class PublishResult:
    page: Path
    page_changed: bool
    copied: tuple[Path, ...]
    diff: str


@dataclass(frozen=True)
class Targets:
    """Where publish will write, every path checked to lie inside the docs root."""

    page: Path  # the page's real file (a symlinked page is written through, never replaced)
    media_dir: Path


def load_manifest(out_dir: Path) -> Manifest:
    manifest = read_manifest(out_dir)
    if manifest is None:
        raise PublishError(f"no {MANIFEST} in {out_dir}: render the lesson first (render.py)")
    if not manifest.sections:
        raise PublishError(f"{out_dir / MANIFEST} lists no rendered section")
    return manifest


def read_page(page: Path) -> str:
    raw = read_small_file(page, MAX_PAGE_BYTES, "page")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise PublishError(f"{page} is not UTF-8 (byte {problem.start}); left untouched") from None


def fenced_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every fenced code block (``` or ~~~, CommonMark: closed by a fence of the same
    character at least as long; an unclosed fence runs to the end of the page)."""
    ranges = []
    position = 0
    while (opening := FENCE.search(text, position)) is not None:
        fence = opening[1]
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        line_end = text.find("\n", opening.end())
        if line_end < 0:
            ranges.append((opening.start(), len(text)))
            break
        close = closing.search(text, line_end + 1)
        end = len(text) if close is None else close.end()
        ranges.append((opening.start(), end))
        position = end
    return ranges


def _outside(ranges: list[tuple[int, int]], position: int) -> bool:
    return not any(lo <= position < hi for lo, hi in ranges)


def find_blocks(text: str, page: Path) -> dict[str, tuple[int, int]]:
    """name -> (start of the block's content, end of it); broken or duplicated markers are refused."""
    fences = fenced_ranges(text)
    blocks: dict[str, tuple[int, int]] = {}
    open_name, open_end = None, 0
    for match in MARKER.finditer(text):
        if not _outside(fences, match.start()):
            continue
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


def _heading(text: str, number: int, fences: list[tuple[int, int]]) -> re.Match | None:
    """The page's heading `## n. …` outside code blocks (a byte-order mark before the first one is allowed)."""
    pattern = rf"^\ufeff?#{{1,6}}[ \t]+{number}[.)][ \t][^\r\n]*"
    return next((m for m in re.finditer(pattern, text, flags=re.MULTILINE) if _outside(fences, m.start())), None)


def render_page(text: str, manifest: Manifest, page: Path, directory_urls: bool = True) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    language = manifest.language
    media = f"media/{manifest.lesson}/"
    html_prefix = ("../" if directory_urls else "") + media
    blocks = find_blocks(text, page)
    fences = fenced_ranges(text)

    def body(entries: list[SectionEntry]) -> str:
        content = "\n" + "\n\n".join(video_block(e.data, language, html_prefix, media) for e in entries) + "\n"
        return content.replace("\n", newline)

    def wrap(name: str, content: str) -> str:
        return f"<!-- lesson-video:{name} begin -->{content}<!-- lesson-video:{name} end -->"

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) on the original text
    loose = []
    for entry in manifest.sections:
        if entry.stem in blocks:
            start, end = blocks[entry.stem]
            edits.append((start, end, body([entry])))
            continue
        heading = _heading(text, entry.number, fences)
        if heading is None:
            loose.append(entry)
            continue
        edits.append((heading.end(), heading.end(), newline + newline + wrap(entry.stem, body([entry]))))
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


def _inside(path: Path, root: Path, what: str) -> Path:
    real = path.resolve()
    if not real.is_relative_to(root):
        raise PublishError(f"{what} {path} is outside the docs root {root} (links are followed); refused")
    return real


def resolve_targets(docs: Path, page_rel: str, lesson: str) -> Targets:
    """The page and the media folder, both confined to the docs root; nothing is created here."""
    if not docs.is_dir():
        raise PublishError(f"{docs}: no such docs folder")
    root = docs.resolve()
    if not page_rel or Path(page_rel).is_absolute():
        raise PublishError(f"--page {page_rel!r} must be a path relative to the docs root {docs}")
    page = _inside(docs / page_rel, root, "the page")
    if page.is_dir():
        raise PublishError(f"{docs / page_rel} is a folder, not a page")
    if not page.exists():
        raise PublishError(f"{docs / page_rel}: no such page")
    media_dir = _inside(page.parent / "media" / lesson, root, "the media folder")
    for folder in (media_dir.parent, media_dir):
        if folder.exists() and not folder.is_dir():
            raise PublishError(f"{folder} exists and is not a folder; move it away")
    return Targets(page=page, media_dir=media_dir)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_record(media_dir: Path) -> dict[str, str]:
    """name -> sha256 of the files the previous publish wrote into this media folder."""
    try:
        data = json.loads((media_dir / RECORD).read_text(encoding="utf-8"))
        files = data.get("files") if isinstance(data, dict) else None
        return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)} \
            if isinstance(files, dict) else {}
    except (OSError, ValueError):
        return {}


@dataclass(frozen=True)
class Copy:
    source: Path
    target: Path
    digest: str  # the source's sha256
    needed: bool  # False when the target already holds these bytes


def plan_copies(manifest: Manifest, out_dir: Path, media_dir: Path) -> list[Copy]:
    """Every media file to copy, checked before anything is written: the source is a regular file of the
    lesson folder, and the target is absent, identical, or a file a previous publish wrote (unchanged
    since). A folder, a link or someone else's file in the way is refused, naming it."""
    record = read_record(media_dir)
    copies = []
    for entry in manifest.sections:
        for name in entry.names:
            source, target = out_dir / name, media_dir / name
            if not source.is_file() or source.is_symlink():
                raise PublishError(f"{out_dir} lacks {name}: render the lesson again")
            digest = file_hash(source)
            if entry.hashes.get(name, digest) != digest:
                raise PublishError(f"{source} does not match {MANIFEST} (changed or damaged since the render): "
                                   "render the lesson again")
            if target.is_symlink() or (target.exists() and not target.is_file()):
                raise PublishError(f"{target} is in the way (a folder or a link, not a file publish wrote); "
                                   "move it away")
            if not target.exists():
                copies.append(Copy(source, target, digest, True))
                continue
            current = file_hash(target)
            if current != digest and record.get(name) != current:
                raise PublishError(f"{target} exists and was not written by publish (or was changed since); "
                                   "move it away, nothing was changed")
            copies.append(Copy(source, target, digest, current != digest))
    return copies


def copy_media(copies: list[Copy], media_dir: Path) -> list[Path]:
    """Copy what differs (each file atomically, no temporary file left behind) and record what is ours."""
    media_dir.mkdir(parents=True, exist_ok=True)
    copied = []
    for item in copies:
        if not item.needed:
            continue
        _write_file(item.target, lambda temp, source=item.source: shutil.copyfile(source, temp), 0o644)
        copied.append(item.target)
    record = {"files": {**read_record(media_dir), **{c.target.name: c.digest for c in copies}}}
    if record["files"] != read_record(media_dir) or not (media_dir / RECORD).exists():
        text = json.dumps(record, indent=2, sort_keys=True) + "\n"
        _write_file(media_dir / RECORD, lambda temp: Path(temp).write_text(text, encoding="utf-8"), 0o644)
    return copied


def _write_file(target: Path, fill, mode: int) -> None:
    """Write through a temporary file in the target's folder, replaced into place; removed on any failure."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    os.close(handle)
    try:
        fill(temp)
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def publish(docs: Path, page_rel: str, out_dir: Path, dry_run: bool = False,
            directory_urls: bool = True) -> PublishResult:
    """Embed the lesson folder's clips in the page; the folder is locked so no render changes it meanwhile."""
    if not out_dir.is_dir():
        raise PublishError(f"no {MANIFEST} in {out_dir}: render the lesson first (render.py)")
    with lesson_lock(out_dir):
        return _publish(docs, page_rel, out_dir, dry_run, directory_urls)


def _publish(docs: Path, page_rel: str, out_dir: Path, dry_run: bool, directory_urls: bool) -> PublishResult:
    manifest = load_manifest(out_dir)
    targets = resolve_targets(docs, page_rel, manifest.lesson)
    old = read_page(targets.page)
    new = render_page(old, manifest, docs / page_rel, directory_urls)
    diff = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{page_rel}", tofile=f"b/{page_rel}"))
    copies = plan_copies(manifest, out_dir, targets.media_dir)
    if dry_run:
        return PublishResult(docs / page_rel, new != old, (), diff)
    copied = copy_media(copies, targets.media_dir)
    if new != old:
        mode = stat.S_IMODE(targets.page.stat().st_mode)
        _write_file(targets.page, lambda temp: Path(temp).write_bytes(new.encode("utf-8")), mode)
    return PublishResult(docs / page_rel, new != old, tuple(copied), diff)
