"""publish's media folder: what it wrote there (`.published.json`, recorded as each file lands), which
files a publish copies or removes, and copying them atomically so that a full disk or a kill leaves every
file that landed recorded and nothing half-written."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lessons.config import read_small_file
from lessons.params import ConfigError

from ..faults import fault_point
from ..manifest import MANIFEST, PRESENT, Manifest, SectionEntry, media_name
from .page import PublishError

RECORD = ".published.json"  # in media/<lesson>/: the files publish wrote there, with their hashes


MAX_RECORD_BYTES = 1_000_000


SHA256 = re.compile(r"[0-9a-f]{64}")


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
    return {k: v for k, v in value.items() if media_name(k) and k != RECORD
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
    name: str = ""  # its name in the media folder (as in the manifest: 'explore/…' for the explorable's)
    content: bytes | None = None  # written as is instead of copying `source` (classroom mode's page)


@dataclass(frozen=True)
class MediaPlan:
    copies: tuple[Copy, ...]
    record: Record
    removals: tuple[Path, ...]  # files publish wrote, unchanged since, that the manifest no longer lists
    kept: tuple[Path, ...]  # ... and those changed since: no longer publish's, left alone
    folder: Path = Path()  # media/<lesson>/


def plan_copies(manifest: Manifest, out_dir: Path, media_dir: Path) -> MediaPlan:
    """Every media file to copy, checked before anything is written: the source is a regular file of the
    lesson folder, and the target is absent, identical, or a file a previous publish wrote (unchanged
    since). A folder, a link or someone else's file in the way is refused, naming it."""
    record = read_record(media_dir)
    copies = [_plan_copy(entry, name, out_dir, media_dir, record)
              for entry in manifest.sections for name in entry.names]
    if any(entry.beats for entry in manifest.sections):  # a render older than classroom mode has none
        copies.append(_plan_present(manifest, media_dir, record))
    listed = {c.target.relative_to(media_dir).as_posix() for c in copies}
    removals, kept = [], []
    for name in sorted({*record.files, *record.landing} - listed):
        target = media_dir / name
        if target.is_symlink() or not target.is_file():
            continue
        (removals if record.owns(name, file_hash(target)) else kept).append(target)
    return MediaPlan(tuple(copies), record, tuple(removals), tuple(kept), media_dir)


def _plan_present(manifest: Manifest, media_dir: Path, record: Record) -> Copy:
    """Classroom mode's page, beside the clips it plays: made from the manifest, as the render makes it (the
    same bytes as the lesson folder's present.html), so it always plays exactly the clips published."""
    from ..pages.present import present_html

    content = present_html(manifest).encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()
    target = media_dir / PRESENT
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise PublishError(f"{target} is in the way (a folder or a link, not a file publish wrote); move it away")
    if not target.exists():
        return Copy(target, target, digest, True, "present", missing=True, name=PRESENT, content=content)
    current = file_hash(target)
    if current != digest and not record.owns(PRESENT, current):
        raise PublishError(f"{target} exists and was not written by publish (or was changed since); "
                           "move it away, nothing was changed")
    return Copy(target, target, digest, current != digest, "present", name=PRESENT, content=content)


def _plan_copy(entry: SectionEntry, name: str, out_dir: Path, media_dir: Path, record: Record) -> Copy:
    source, target = out_dir / name, media_dir / name
    stem = entry.stem
    if not source.is_file() or source.is_symlink():
        raise PublishError(f"{out_dir} lacks {name}: render the lesson again")
    digest = file_hash(source)
    if entry.hashes.get(name, digest) != digest:
        raise PublishError(f"{source} does not match {MANIFEST} (changed or damaged since the render): "
                           "render the lesson again")
    folder = target.parent  # media/<lesson>/, or its explore/ for the explorable's files
    if folder != media_dir and (folder.is_symlink() or (folder.exists() and not folder.is_dir())):
        raise PublishError(f"{folder} is in the way (a link or a file, not the folder publish makes); move it away")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise PublishError(f"{target} is in the way (a folder or a link, not a file publish wrote); move it away")
    if not target.exists():
        return Copy(source, target, digest, True, stem, missing=True, name=name)
    current = file_hash(target)
    if current != digest and not record.owns(name, current):
        raise PublishError(f"{target} exists and was not written by publish (or was changed since); "
                           "move it away, nothing was changed")
    return Copy(source, target, digest, current != digest, stem, name=name)


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


def write_file(target: Path, fill: Callable[[str], object], mode: int) -> None:
    with _staged(target, fill, mode):
        pass


def _write_record(media_dir: Path, files: dict[str, str], landing: dict[str, str] | None = None,
                  after: str = "") -> None:
    data = {"files": dict(sorted(files.items())), **({"landing": landing} if landing else {})}
    text = json.dumps(data, indent=2) + "\n"

    def fill(temp: str) -> None:
        fault_point("publish-record")
        Path(temp).write_text(text, encoding="utf-8")

    with writing(media_dir / RECORD, after=after or UNCHANGED):
        write_file(media_dir / RECORD, fill, 0o644)


def _copier(item: Copy, number: int) -> Callable[[str], object]:
    def fill(temp: str) -> None:
        fault_point(f"publish-copy-{number}")
        if item.content is not None:
            Path(temp).write_bytes(item.content)
        else:
            shutil.copyfile(item.source, temp)

    return fill


def copy_media(plan: MediaPlan, media_dir: Path) -> list[Path]:
    """Copy what differs, each file atomically, recording it in .published.json as it lands: the record
    names the file being replaced (old or new bytes, both ours) before it is, so a publish stopped anywhere
    leaves every file it wrote owned by the next one."""
    with writing(media_dir):
        media_dir.mkdir(parents=True, exist_ok=True)
    owned = dict(plan.record.files)
    copied = []
    for number, item in enumerate((c for c in plan.copies if c.needed), start=1):
        if item.target.parent != media_dir:
            with writing(item.target.parent):
                item.target.parent.mkdir(exist_ok=True)
        with writing(item.target), _staged(item.target, _copier(item, number), 0o644):
            _write_record(media_dir, owned, {item.name: item.digest})
        owned[item.name] = item.digest
        copied.append(item.target)
    owned.update({c.name: c.digest for c in plan.copies})
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
        with writing(target, "remove", "the page no longer links it: publish again to remove the rest"):
            fault_point(f"publish-remove-{number}")
            target.unlink(missing_ok=True)
        owned.pop(target.relative_to(media_dir).as_posix(), None)
        removed.append(target)
    for target in plan.kept:
        owned.pop(target.relative_to(media_dir).as_posix(), None)
    listed = {c.name for c in plan.copies}
    owned = {name: digest for name, digest in owned.items() if name in listed or (media_dir / name).exists()}
    if owned != recorded:
        _write_record(media_dir, owned, after="the page is already updated: publish again to finish")
    return removed


UNCHANGED = f"the page is unchanged and the files copied so far are recorded in {RECORD}: publish again once " \
    "there is room"


@contextmanager
def writing(path: Path, verb: str = "write", after: str = UNCHANGED) -> Iterator[None]:
    """An OSError while writing (a full disk, a read-only docs tree) is one line naming the file and what
    is left; what publish wrote until then is recorded, so the next run goes on from there."""
    try:
        yield
    except OSError as problem:
        raise PublishError(f"cannot {verb} {path} ({problem.strerror or type(problem).__name__}); {after}") \
            from None
