"""`render.py publish`: embed the rendered clips into the lesson's page of the course docs.

Media are copied into `media/<lesson>/` beside the page; each section's clip goes into a marked block
right after the page's heading for that section (`## 3. …`), or, for sections without a heading, into one
block at the end. Only the text between our markers is ever changed: the rest of the page is kept byte for
byte, the page is written atomically, and running twice changes nothing the second time, whatever its line
endings. A page with broken or duplicated markers, or that is not UTF-8, is refused and left untouched.
Headings and markers in code or HTML comments are text (`page_structure`).

Everything publish writes stays inside the docs root (paths resolved, symlinks included): the page, the
media folder and every copied file. A file in the media folder that publish did not write (it records
what it wrote, in `.published.json`, as each file lands) is never overwritten nor removed; the files it
wrote that the manifest no longer lists are removed once the page no longer needs them. Every check runs
before the first write, so a refusal changes nothing; a write that fails (a full disk) leaves the page as
it was and every file copied so far recorded, so the next publish goes on from there.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lessons.config import read_small_file
from lessons.params import ConfigError
from mathcore.errors import LessonInputError

from .embed import video_block
from .faults import fault_point
from .lock import lesson_lock
from .manifest import FILE_NAME, MANIFEST, Manifest, SectionEntry, read_manifest
from .page_structure import Block, PageError, Structure, scan_page

ALL = "sections"
RECORD = ".published.json"  # in media/<lesson>/: the files publish wrote there, with their hashes
MAX_PAGE_BYTES = 10_000_000
MAX_RECORD_BYTES = 1_000_000
SHA256 = re.compile(r"[0-9a-f]{64}")


class PublishError(LessonInputError):
    """The docs page or the rendered outputs cannot be used as they are."""


@dataclass(frozen=True)
class PublishResult:
    page: Path
    page_changed: bool
    copied: tuple[Path, ...]
    diff: str
    stale: tuple[str, ...] = ()  # one line per section whose block or media differ (what --check prints)
    removed: tuple[Path, ...] = ()
    kept: tuple[Path, ...] = ()  # files publish wrote once, no longer listed, changed since: left alone


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


def line_ending(text: str) -> str:
    """The page's most common line ending (LF on a tie or a one-line page): what publish's blocks use, and
    still the most common once they are in, so a second run picks the same one."""
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=counts.get)


@dataclass(frozen=True)
class PagePlan:
    text: str  # the page as publish writes it
    stale: tuple[tuple[str, str], ...]  # (block name, why it changes) for each block that changes


def _heading(structure: Structure, text: str, number: int) -> int | None:
    """Where the page's live heading `## n. …` ends (a byte-order mark before the first one is allowed);
    a heading whose line holds a block, or ends inside a comment, is no place for another block."""
    pattern = re.compile(rf"\ufeff?#{{1,6}}[ \t]+{number}[.)][ \t]")
    return next((line.end for line in structure.headings
                 if pattern.match(text, line.start, line.end) and structure.live(line.end)
                 and not any(line.start < block.start <= line.end for block in structure.blocks)), None)


def _tail(text: str, newline: str) -> str:
    """What ends the page's last line before the block added at the end (a CR followed by our LF would
    merge into one CRLF)."""
    ended = text.endswith(("\n", "\r")) and not (text.endswith("\r") and newline == "\n")
    return "" if ended or not text else newline


def render_page(text: str, manifest: Manifest, page: Path, directory_urls: bool = True) -> PagePlan:
    """The page with every section's block filled in (after its heading, or in one block at the end), and
    the blocks of sections the manifest no longer lists emptied; nothing outside the markers changes."""
    newline = line_ending(text)
    media = f"media/{manifest.lesson}/"
    html_prefix = ("../" if directory_urls else "") + media
    try:
        structure = scan_page(text, str(page))
    except PageError as problem:
        raise PublishError(str(problem)) from None

    def piece(entry: SectionEntry) -> str:
        return video_block(entry, manifest.language, html_prefix, media).replace("\n", newline)

    def body(entries: list[SectionEntry]) -> str:
        return newline + (newline * 2).join(piece(e) for e in entries) + newline if entries else ""

    def wrap(name: str, content: str) -> str:
        return f"<!-- lesson-video:{name} begin -->{content}<!-- lesson-video:{name} end -->"

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) on the original text
    stale: list[tuple[str, str]] = []

    def fill(name: str, content: str, why: str) -> None:
        block = structure.block(name)
        if text[block.start:block.end] != content:
            edits.append((block.start, block.end, content))
            stale.append((name, why))

    def renumbered(entry: SectionEntry) -> Block | None:
        """The section's block under another number (identity is the slug): replaced, markers and all."""
        return next((b for b in structure.blocks if b.name != entry.stem
                     and re.fullmatch(rf"\d+_{re.escape(entry.slug)}", b.name)), None)

    loose, renamed = [], set()
    for entry in manifest.sections:
        if structure.block(entry.stem) is not None:
            fill(entry.stem, body([entry]), "the page's block is out of date")
        elif (old := renumbered(entry)) is not None:
            begin = old.start - len(f"<!-- lesson-video:{old.name} begin -->")
            finish = old.end + len(f"<!-- lesson-video:{old.name} end -->")
            edits.append((begin, finish, wrap(entry.stem, body([entry]))))
            stale.append((entry.stem, f"the section was {old.name} on the page (renumbered)"))
            renamed.add(old.name)
        elif (end := _heading(structure, text, entry.number)) is not None:
            edits.append((end, end, newline + newline + wrap(entry.stem, body([entry]))))
            stale.append((entry.stem, "not on the page yet"))
        else:
            loose.append(entry)
    if loose and (block := structure.block(ALL)) is not None:
        old, new = text[block.start:block.end], body(loose)
        if old != new:
            edits.append((block.start, block.end, new))
            stale += [(e.stem, "the page's block is out of date") for e in loose if piece(e) not in old] \
                or [(ALL, "the page's block is out of date")]
    elif loose:
        if structure.open_at_end is not None:
            raise PublishError(f"{page}: the page ends inside {structure.open_at_end}, where publish would add "
                               "the block of the sections without a heading; close it (nothing was changed)")
        edits.append((len(text), len(text), _tail(text, newline) + newline + wrap(ALL, body(loose)) + newline))
        stale += [(e.stem, "not on the page yet") for e in loose]
    listed = {e.stem for e in manifest.sections} | renamed | ({ALL} if loose else set())
    for block in structure.blocks:
        if block.name not in listed:
            fill(block.name, "", "every section has its own block now (publish empties this one)" if block.name == ALL
                 else "a block of a section the manifest no longer lists (publish empties it)")
    for _, (start, end, replacement) in sorted(enumerate(edits), key=lambda e: (e[1][0], e[0]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return PagePlan(text, tuple(stale))


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (RuntimeError, OSError) as problem:  # a symlink loop (RuntimeError before Python 3.13)
        raise PublishError(f"{path}: cannot follow its symbolic links ({_reason(problem)}); refused") from None


def _reason(problem: BaseException) -> str:
    if isinstance(problem, RuntimeError) or getattr(problem, "errno", None) == errno.ELOOP:
        return "a symbolic link loop"
    return getattr(problem, "strerror", None) or type(problem).__name__


def _inside(path: Path, root: Path, what: str) -> Path:
    real = _resolve(path)
    if not real.is_relative_to(root):
        raise PublishError(f"{what} {path} is outside the docs root {root} (links are followed); refused")
    return real


def resolve_targets(docs: Path, page_rel: str, lesson: str) -> Targets:
    """The page and the media folder, both confined to the docs root; nothing is created here."""
    if not docs.is_dir():
        raise PublishError(f"{docs}: no such docs folder")
    root = _resolve(docs)
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


@dataclass(frozen=True)
class Record:
    """What .published.json says: name -> sha256 of each file publish wrote into the media folder, and the
    one file it was replacing when it stopped (either hash of that file is publish's own)."""

    files: dict[str, str] = field(default_factory=dict)
    landing: dict[str, str] = field(default_factory=dict)

    def owns(self, name: str, digest: str) -> bool:
        return digest in (self.files.get(name), self.landing.get(name))


def _hashes(value: object) -> dict[str, str]:
    """The valid entries of a name -> sha256 mapping (a plain file name: nothing outside the folder)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and FILE_NAME.fullmatch(k) and k != RECORD
            and isinstance(v, str) and SHA256.fullmatch(v)}


def read_record(media_dir: Path) -> Record:
    """The record of the previous publish into this media folder; none when absent or not JSON. It can come
    with a docs tree from anywhere, so it is read as lesson files are, and never through a link (publish
    writes a regular file): a FIFO, a device or a huge file in its place is a one-line error, never a hang."""
    path = media_dir / RECORD
    if not path.exists() and not path.is_symlink():
        return Record()
    try:
        raw = read_small_file(path, MAX_RECORD_BYTES, "publish record", follow_symlinks=False)
    except ConfigError as problem:
        raise PublishError(f"{problem}; it is not a record publish wrote: move it away") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Record()
    if not isinstance(data, dict):
        return Record()
    return Record(_hashes(data.get("files")), _hashes(data.get("landing")))


@dataclass(frozen=True)
class Copy:
    source: Path
    target: Path
    digest: str  # the source's sha256
    needed: bool  # False when the target already holds these bytes
    stem: str
    missing: bool = False  # the target does not exist yet


@dataclass(frozen=True)
class MediaPlan:
    copies: tuple[Copy, ...]
    record: Record
    removals: tuple[Path, ...]  # files publish wrote, unchanged since, that the manifest no longer lists
    kept: tuple[Path, ...]  # ... and those changed since: no longer publish's, left alone


def plan_copies(manifest: Manifest, out_dir: Path, media_dir: Path) -> MediaPlan:
    """Every media file to copy, checked before anything is written: the source is a regular file of the
    lesson folder, and the target is absent, identical, or a file a previous publish wrote (unchanged
    since). A folder, a link or someone else's file in the way is refused, naming it."""
    record = read_record(media_dir)
    copies = [_plan_copy(entry, name, out_dir, media_dir, record)
              for entry in manifest.sections for name in entry.names]
    listed = {c.target.name for c in copies}
    removals, kept = [], []
    for name in sorted({*record.files, *record.landing} - listed):
        target = media_dir / name
        if target.is_symlink() or not target.is_file():
            continue
        (removals if record.owns(name, file_hash(target)) else kept).append(target)
    return MediaPlan(tuple(copies), record, tuple(removals), tuple(kept))


def _plan_copy(entry: SectionEntry, name: str, out_dir: Path, media_dir: Path, record: Record) -> Copy:
    source, target = out_dir / name, media_dir / name
    if not source.is_file() or source.is_symlink():
        raise PublishError(f"{out_dir} lacks {name}: render the lesson again")
    digest = file_hash(source)
    if entry.hashes.get(name, digest) != digest:
        raise PublishError(f"{source} does not match {MANIFEST} (changed or damaged since the render): "
                           "render the lesson again")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise PublishError(f"{target} is in the way (a folder or a link, not a file publish wrote); move it away")
    if not target.exists():
        return Copy(source, target, digest, True, entry.stem, missing=True)
    current = file_hash(target)
    if current != digest and not record.owns(name, current):
        raise PublishError(f"{target} exists and was not written by publish (or was changed since); "
                           "move it away, nothing was changed")
    return Copy(source, target, digest, current != digest, entry.stem)


@contextmanager
def _staged(target: Path, fill: Callable[[str], object], mode: int) -> Iterator[None]:
    """A temporary file beside `target`, filled; moved into place when the body returns, removed if
    anything fails (so no temporary file is left behind)."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    os.close(handle)
    try:
        fill(temp)
        os.chmod(temp, mode)
        yield
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _write_file(target: Path, fill: Callable[[str], object], mode: int) -> None:
    with _staged(target, fill, mode):
        pass


def _write_record(media_dir: Path, files: dict[str, str], landing: dict[str, str] | None = None,
                  after: str = "") -> None:
    data = {"files": dict(sorted(files.items())), **({"landing": landing} if landing else {})}
    text = json.dumps(data, indent=2) + "\n"

    def fill(temp: str) -> None:
        fault_point("publish-record")
        Path(temp).write_text(text, encoding="utf-8")

    with _writing(media_dir / RECORD, after=after or UNCHANGED):
        _write_file(media_dir / RECORD, fill, 0o644)


def _copier(source: Path, number: int) -> Callable[[str], object]:
    def fill(temp: str) -> None:
        fault_point(f"publish-copy-{number}")
        shutil.copyfile(source, temp)

    return fill


def copy_media(plan: MediaPlan, media_dir: Path) -> list[Path]:
    """Copy what differs, each file atomically, recording it in .published.json as it lands: the record
    names the file being replaced (old or new bytes, both ours) before it is, so a publish stopped anywhere
    leaves every file it wrote owned by the next one."""
    with _writing(media_dir):
        media_dir.mkdir(parents=True, exist_ok=True)
    owned = dict(plan.record.files)
    copied = []
    for number, item in enumerate((c for c in plan.copies if c.needed), start=1):
        with _writing(item.target), _staged(item.target, _copier(item.source, number), 0o644):
            _write_record(media_dir, owned, {item.target.name: item.digest})
        owned[item.target.name] = item.digest
        copied.append(item.target)
    owned.update({c.target.name: c.digest for c in plan.copies})
    if copied or owned != plan.record.files or plan.record.landing or not (media_dir / RECORD).exists():
        _write_record(media_dir, owned)
    return copied


def remove_stale(plan: MediaPlan, media_dir: Path) -> list[Path]:
    """Remove the files an earlier publish wrote that the manifest no longer lists (after the page stopped
    linking them), and forget those that someone changed since (left in place)."""
    recorded = read_record(media_dir).files
    owned = dict(recorded)
    removed = []
    for number, target in enumerate(plan.removals, start=1):
        with _writing(target, "remove", "the page no longer links it: publish again to remove the rest"):
            fault_point(f"publish-remove-{number}")
            target.unlink(missing_ok=True)
        owned.pop(target.name, None)
        removed.append(target)
    for target in plan.kept:
        owned.pop(target.name, None)
    listed = {c.target.name for c in plan.copies}
    owned = {name: digest for name, digest in owned.items() if name in listed or (media_dir / name).exists()}
    if owned != recorded:
        _write_record(media_dir, owned, after="the page is already updated: publish again to finish")
    return removed


UNCHANGED = f"the page is unchanged and the files copied so far are recorded in {RECORD}: publish again once " \
    "there is room"


@contextmanager
def _writing(path: Path, verb: str = "write", after: str = UNCHANGED) -> Iterator[None]:
    """An OSError while writing (a full disk, a read-only docs tree) is one line naming the file and what
    is left; what publish wrote until then is recorded, so the next run goes on from there."""
    try:
        yield
    except OSError as problem:
        raise PublishError(f"cannot {verb} {path} ({problem.strerror or type(problem).__name__}); {after}") \
            from None


def check_lines(page: Path, page_plan: PagePlan, media: MediaPlan) -> tuple[str, ...]:
    """One line per section whose block or media differ from what publish would write."""
    reasons: dict[str, list[str]] = {}
    for name, why in page_plan.stale:
        reasons.setdefault(name, []).append(why)
    groups: dict[tuple[str, str], list[Path]] = {}
    for item in media.copies:
        if item.needed:
            groups.setdefault((item.stem, "missing" if item.missing else "out of date"), []).append(item.target)
    for target in media.removals:
        groups.setdefault((target.name.partition(".")[0], "no longer in the manifest (publish removes them)"),
                          []).append(target)
    for (name, state), targets in groups.items():
        folder = f"media/{targets[0].parent.name}/"
        reasons.setdefault(name, []).append(f"{state} in {folder}: {', '.join(t.name for t in targets)}")
    return tuple(f"{page}: {name}: {'; '.join(why)}" for name, why in reasons.items())


def publish(docs: Path, page_rel: str, out_dir: Path, dry_run: bool = False,
            directory_urls: bool = True, check: bool = False) -> PublishResult:
    """Embed the lesson folder's clips in the page; the folder is locked so no render changes it meanwhile.
    `dry_run` and `check` only compare: they write nothing."""
    if not out_dir.is_dir():
        raise PublishError(f"no {MANIFEST} in {out_dir}: render the lesson first (render.py)")
    with lesson_lock(out_dir):
        return _publish(docs, page_rel, out_dir, dry_run or check, directory_urls)


def _publish(docs: Path, page_rel: str, out_dir: Path, compare_only: bool, directory_urls: bool) -> PublishResult:
    manifest = load_manifest(out_dir)
    targets = resolve_targets(docs, page_rel, manifest.lesson)
    old = read_page(targets.page)
    page_plan = render_page(old, manifest, docs / page_rel, directory_urls)
    new = page_plan.text
    diff = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{page_rel}", tofile=f"b/{page_rel}"))
    media = plan_copies(manifest, out_dir, targets.media_dir)
    stale = check_lines(docs / page_rel, page_plan, media)
    if compare_only:
        return PublishResult(docs / page_rel, new != old, (), diff, stale)
    remove_leftovers(targets, {c.target.name for c in media.copies} | set(media.record.files))
    copied = copy_media(media, targets.media_dir)
    if new != old:
        write_page(targets.page, new, docs / page_rel)
    removed = remove_stale(media, targets.media_dir)
    return PublishResult(docs / page_rel, new != old, tuple(copied), diff, stale, tuple(removed), media.kept)


def write_page(page: Path, text: str, shown: Path) -> None:
    """Replace the page atomically, keeping its permissions (through a link to it, never the link)."""
    mode = stat.S_IMODE(page.stat().st_mode)

    def fill(temp: str) -> None:
        fault_point("publish-page")
        Path(temp).write_bytes(text.encode("utf-8"))

    with _writing(shown):
        _write_file(page, fill, mode)


def remove_leftovers(targets: Targets, names: set[str]) -> None:
    """The temporary files a killed publish left beside the page and its media (`.<name>-XXXXXXXX`, as
    `_staged` names them, for the files publish writes): removed, so none outlives a run."""
    wanted = {targets.page.parent: {targets.page.name}, targets.media_dir: names | {RECORD}}
    for folder, owned in wanted.items():
        if not folder.is_dir():
            continue
        pattern = re.compile(rf"\.(?:{'|'.join(map(re.escape, sorted(owned)))})-[a-z0-9_]{{8}}")
        for path in folder.iterdir():
            if pattern.fullmatch(path.name) and path.is_file() and not path.is_symlink():
                with _writing(path, "remove"):
                    path.unlink(missing_ok=True)
