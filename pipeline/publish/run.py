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
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from mathcore.errors import LessonInputError

from ..faults import fault_point
from ..lock import lesson_lock
from ..manifest import MANIFEST, Manifest, read_manifest
from .copies import RECORD, MediaPlan, copy_media, plan_copies, remove_stale, write_file, writing
from .page import PagePlan, PublishError, read_page, render_page


@dataclass(frozen=True)
class PublishResult:
    page: Path
    page_changed: bool
    copied: tuple[Path, ...]
    diff: str
    stale: tuple[str, ...] = ()  # one line per section whose block or media differ (what --check prints)
    removed: tuple[Path, ...] = ()
    kept: tuple[Path, ...] = ()  # files publish wrote once, no longer listed, changed since: left alone
    orphans: tuple[str, ...] = ()  # one line per media folder of another lesson that no page links any more


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
        folder = f"media/{media.folder.name}/"
        shown = ", ".join(t.relative_to(media.folder).as_posix() for t in targets)
        reasons.setdefault(name, []).append(f"{state} in {folder}: {shown}")
    return tuple(f"{page}: {name}: {'; '.join(why)}" for name, why in reasons.items())


def publish(docs: Path, page_rel: str, out_dir: Path, dry_run: bool = False,
            directory_urls: bool = True, check: bool = False, drop_missing: bool = False) -> PublishResult:
    """Embed the lesson folder's clips in the page; the folder is locked so no render changes it meanwhile.
    `dry_run` and `check` only compare: they write nothing. A folder that lacks sections of the lesson the
    page shows (`render.py --section` into a fresh --out) is refused unless `drop_missing`."""
    if not out_dir.is_dir():
        raise PublishError(f"no {MANIFEST} in {out_dir}: render the lesson first (render.py)")
    with lesson_lock(out_dir):
        return _publish(docs, page_rel, out_dir, dry_run or check, directory_urls, drop_missing)


def _publish(docs: Path, page_rel: str, out_dir: Path, compare_only: bool, directory_urls: bool,
             drop_missing: bool = False) -> PublishResult:
    manifest = load_manifest(out_dir)
    targets = resolve_targets(docs, page_rel, manifest.lesson)
    old = read_page(targets.page)
    page_plan = render_page(old, manifest, docs / page_rel, directory_urls)
    new = page_plan.text
    diff = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{page_rel}", tofile=f"b/{page_rel}"))
    media = plan_copies(manifest, out_dir, targets.media_dir)
    lacking = lacking_sections(manifest, media)
    if lacking and not drop_missing:
        them = "them" if len(lacking) > 1 else "it"
        raise PublishError(f"{out_dir} lacks {', '.join(lacking)}, which the page shows: publishing it would take "
                           f"{them} off the page; render the whole lesson into that folder, or add --drop-missing "
                           f"to take {them} off (nothing was changed)")
    orphans = tuple(f"{docs / page_rel}: media/{folder.name}/: files an earlier publish wrote there, which no page in "
                    f"{folder.parent.parent} links any more (its lesson was taken off its page); remove the folder"
                    for folder in orphaned_media(targets, manifest.lesson))
    stale = check_lines(docs / page_rel, page_plan, media) + orphans
    if compare_only:
        return PublishResult(docs / page_rel, new != old, (), diff, stale, orphans=orphans)
    remove_leftovers(targets, {c.name for c in media.copies} | set(media.record.files))
    copied = copy_media(media, targets.media_dir)
    if new != old:
        write_page(targets.page, new, docs / page_rel)
    removed = remove_stale(media, targets.media_dir)
    return PublishResult(docs / page_rel, new != old, tuple(copied), diff, stale, tuple(removed), media.kept,
                         orphans)


def orphaned_media(targets: Targets, lesson: str) -> tuple[Path, ...]:
    """The media folders beside the page, of other lessons, that publish wrote (they hold its record) and
    that no page of the page's folder links: left behind when a lesson's blocks left its page. Reported,
    never removed (another publish may be about to link its own). A page that cannot be read might link
    any of them: then none is reported."""
    media_root = targets.media_dir.parent
    if not media_root.is_dir():
        return ()
    texts = []
    for page in sorted(targets.page.parent.glob("*.md")):
        if page.is_file():
            try:
                texts.append(read_page(page))
            except LessonInputError:
                return ()
    return tuple(folder for folder in sorted(media_root.iterdir())
                 if folder.name != lesson and folder.is_dir() and not folder.is_symlink()
                 and (folder / RECORD).is_file() and not any(f"media/{folder.name}/" in text for text in texts))


_STEM = re.compile(r"\d+_[a-z0-9_]+(?=\.)")  # a media file's section, `NN_slug` (explore/…, present.html: none)


def lacking_sections(manifest: Manifest, media: MediaPlan) -> tuple[str, ...]:
    """The published sections (their files in publish's record, by slug) that are still sections of the
    lesson but are not in this lesson folder: a partial render, not a section removed from the lesson
    (that one is no longer in the table of contents, and publish takes it off the page as it should)."""
    from sections import SLUGS

    published = {match.group(0) for name in media.record.files if (match := _STEM.match(name))}
    return tuple(sorted(stem for stem in published
                        if (slug := stem.partition("_")[2]) in SLUGS and manifest.entry(slug) is None))


def write_page(page: Path, text: str, shown: Path) -> None:
    """Replace the page atomically, keeping its permissions (through a link to it, never the link)."""
    mode = stat.S_IMODE(page.stat().st_mode)

    def fill(temp: str) -> None:
        fault_point("publish-page")
        Path(temp).write_bytes(text.encode("utf-8"))

    with writing(shown):
        write_file(page, fill, mode)


def remove_leftovers(targets: Targets, names: set[str]) -> None:
    """The temporary files a killed publish left beside the page and its media (`.<name>-XXXXXXXX`, as
    `_staged` names them, for the files publish writes): removed, so none outlives a run."""
    wanted = {targets.page.parent: {targets.page.name}, targets.media_dir: names | {RECORD}}
    for name in names:  # the explorable's files, one folder deep
        if "/" in name:
            folder, _, base = name.rpartition("/")
            wanted.setdefault(targets.media_dir / folder, set()).add(base)
    for folder, owned in wanted.items():
        if folder.is_symlink():
            continue
        if not folder.is_dir():
            continue
        pattern = re.compile(rf"\.(?:{'|'.join(map(re.escape, sorted(owned)))})-[a-z0-9_]{{8}}")
        for path in folder.iterdir():
            if pattern.fullmatch(path.name) and path.is_file() and not path.is_symlink():
                with writing(path, "remove"):
                    path.unlink(missing_ok=True)
