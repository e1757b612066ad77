"""The batch's store of finished sections, content-addressed: a section's files live under its content key
(pipeline.keys), which names exactly what it draws, so every lesson of a batch whose section has that key
takes it from here and it is rendered once.

The store is a folder or any fsspec URL (`file://…`, `memory://…`, `s3://…` with the user's own backend).
Object stores have no rename, so an entry is written file by file and counts only once its commit record
(`commit.json`, written last, listing every file's sha256) is there; a reader checks the files against it.
A half-written entry (the client killed while writing) is invisible and overwritten by the next put.

    <store>/<key>/files/<name>     the section's files, named as in the lesson folder (explore/… included)
    <store>/<key>/entry.json       its manifest entry
    <store>/<key>/commit.json      {"key", "files": {name: sha256}}: the entry exists once this does

A store outlives the runs that wrote it, and anything may happen to it between them: a file truncated, a
byte flipped, a file replaced by a folder, a link or a FIFO, a record that is not JSON, a permission taken
away. Its files are read as lesson files are: regular files only (never through a link, in a folder), opened
without blocking, at most the size their record allows (on an fsspec store, checked by a stat first). An
entry that fails any check is damaged (DamagedEntry, with the reason): treated as absent, rendered again and
replaced, whatever is in the way removed. A problem of one entry concerns that entry only.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import fsspec
import msgspec
from fsspec.implementations.local import LocalFileSystem

from mathcore.errors import LessonInputError

from ..faults import fault_point
from ..manifest import MediaName, SectionEntry, entry_record, read_entry

KEY = re.compile(r"[0-9a-f]{64}")
COMMIT = "commit.json"
ENTRY = "entry.json"
MAX_COMMIT_BYTES = 1_000_000
MAX_ENTRY_BYTES = 10_000_000  # a manifest entry, transcripts included
MAX_FILE_BYTES = 8 << 30  # a stored file whose entry does not record its size


class StoreError(LessonInputError):
    """The store cannot be opened or written (an unknown protocol, a path that is a file, no permission)."""


class DamagedEntry(Exception):
    """An entry whose commit record is there but which cannot be used as it is; the message says why."""


@dataclass(frozen=True)
class StoredSection:
    """A finished section: its manifest entry and its files' bytes, by their names in the lesson folder."""

    entry: SectionEntry
    files: tuple[tuple[str, bytes], ...]

    def commit(self, key: str) -> Commit:
        return Commit(key=key, files={name: hashlib.sha256(data).hexdigest() for name, data in self.files})


class Commit(msgspec.Struct, frozen=True, kw_only=True):
    """`commit.json`, written last: the entry exists once this does, and its files are these (name: sha256)."""

    key: Annotated[str, msgspec.Meta(pattern=f"^{KEY.pattern}$")]
    files: dict[MediaName, str]


def _why(problem: BaseException) -> str:
    if getattr(problem, "strerror", None):
        return problem.strerror
    return str(problem).splitlines()[0] if str(problem).strip() else type(problem).__name__


class SectionStore:
    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.fs, self.root = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as problem:
            raise StoreError(f"--store {url}: {problem}") from None
        except OSError as problem:
            raise StoreError(f"--store {url}: cannot use it ({problem.strerror or type(problem).__name__})") from None
        except Exception as problem:  # noqa: BLE001 - a backend's own error (zip://: BadZipFile) is one line
            raise StoreError(f"--store {url}: cannot open it ({type(problem).__name__}: {_why(problem)})") from None
        self.local = isinstance(self.fs, LocalFileSystem)

    def prepare(self) -> SectionStore:
        """Make the store's root and prove it can be written, before anything renders."""
        probe = f"{self.root.rstrip('/')}/.probe"
        try:
            self.fs.makedirs(self.root, exist_ok=True)
            self.fs.pipe_file(probe, b"")
            self.fs.rm_file(probe)
        except Exception as problem:  # noqa: BLE001 - a read-only backend raises its own kinds
            reason = problem.strerror if isinstance(problem, OSError) and problem.strerror else \
                type(problem).__name__
            raise StoreError(f"--store {self.url}: cannot write into it ({reason})") from None
        return self

    def _path(self, key: str, *parts: str) -> str:
        if not KEY.fullmatch(key):
            raise ValueError(f"not a content key: {key!r}")
        return "/".join([self.root.rstrip("/"), key, *parts])

    def has(self, key: str) -> bool:
        return self.get(key) is not None

    def get(self, key: str) -> StoredSection | None:
        """The committed entry under `key`; None when there is none or it is damaged."""
        try:
            return self.read(key)
        except DamagedEntry:
            return None

    def read(self, key: str) -> StoredSection | None:
        """The committed entry under `key`, None when there is none; DamagedEntry when it is there but a file
        is missing, unreadable, not a regular file, too large, or does not match its record."""
        raw = self._read(key, COMMIT, MAX_COMMIT_BYTES)
        if raw is None:
            return None
        try:
            commit = msgspec.json.decode(raw, type=Commit)
        except msgspec.DecodeError as problem:
            if not isinstance(problem, msgspec.ValidationError):
                raise DamagedEntry(f"{COMMIT} is not JSON") from None
            commit = None
        if commit is None or commit.key != key:
            raise DamagedEntry(f"{COMMIT} is not this entry's commit record")
        raw = self._read(key, ENTRY, MAX_ENTRY_BYTES)
        if raw is None:
            raise DamagedEntry(f"{ENTRY} is missing")
        try:
            entry = read_entry(json.loads(raw), Path(self._path(key, ENTRY)))
        except (ValueError, UnicodeDecodeError, LessonInputError):
            raise DamagedEntry(f"{ENTRY} is not a manifest entry") from None
        if set(entry.names) != set(commit.files):
            raise DamagedEntry(f"{ENTRY} and {COMMIT} list different files")
        files = []
        for name, digest in commit.files.items():
            data = self._read(key, f"files/{name}", entry.sizes.get(name, MAX_FILE_BYTES))
            if data is None:
                raise DamagedEntry(f"files/{name} is missing")
            if hashlib.sha256(data).hexdigest() != digest:
                raise DamagedEntry(f"files/{name} does not match its commit record")
            files.append((name, data))
        return StoredSection(entry, tuple(files))

    def _read(self, key: str, relative: str, limit: int) -> bytes | None:
        """A file of the entry: None when absent, DamagedEntry when it cannot be trusted or read."""
        path = self._path(key, *relative.split("/"))
        try:
            data = self._read_local(key, relative, limit) if self.local else self._read_remote(path, limit)
        except DamagedEntry as problem:
            raise DamagedEntry(f"{relative} {problem}") from None
        except FileNotFoundError:
            return None
        except Exception as problem:  # noqa: BLE001 - whatever one entry's file raises concerns that entry only
            raise DamagedEntry(f"{relative} cannot be read ({_why(problem)})") from None
        if data is not None and len(data) > limit:
            raise DamagedEntry(f"{relative} is larger than its record allows ({limit} bytes)")
        return data

    def _read_local(self, key: str, relative: str, limit: int) -> bytes:
        """A regular file, opened without following a link or blocking on a FIFO, in folders of the entry that
        are folders (no link among them)."""
        parts = relative.split("/")
        path = self._path(key, *parts)
        if os.path.realpath(os.path.dirname(path)) != os.path.join(os.path.realpath(self.root), key, *parts[:-1]):
            raise DamagedEntry("is inside a link, not the entry's own folders")
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(path, flags)
        except OSError as problem:
            if problem.errno == errno.ELOOP:
                raise DamagedEntry("is a symbolic link, not a file") from None
            if problem.errno == errno.ENOTDIR:
                raise DamagedEntry("is inside a file, not a folder") from None
            raise
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise DamagedEntry("is a folder, not a file")
            if not stat.S_ISREG(info.st_mode):
                raise DamagedEntry("is not a regular file")
            with os.fdopen(fd, "rb", closefd=False) as stream:
                return stream.read(min(info.st_size, limit) + 1)
        finally:
            os.close(fd)

    def _read_remote(self, path: str, limit: int) -> bytes:
        info = self.fs.info(path)
        if info.get("type") != "file":
            raise DamagedEntry(f"is a {info.get('type') or 'thing'}, not a file")
        if isinstance(info.get("size"), int) and info["size"] > limit:
            raise DamagedEntry(f"is larger than its record allows ({limit} bytes)")
        return self.fs.cat_file(path)

    def put(self, key: str, section: StoredSection) -> None:
        """Write the entry's files, then its manifest entry, then its commit record (a crash before the last
        leaves nothing a reader uses). An existing record is removed first: a forced re-render, or a damaged
        entry, is replaced; whatever is in the way of a file (a folder, a link, a FIFO) is removed, never
        written through."""
        try:
            fault_point("store-put")
            self._clear(self._path(key, COMMIT))
            for name, data in section.files:
                self._write(key, f"files/{name}", data)
            self._write(key, ENTRY, json.dumps(entry_record(section.entry), ensure_ascii=False).encode())  # order kept
            self._write(key, COMMIT, msgspec.json.encode(section.commit(key)))
        except Exception as problem:  # noqa: BLE001 - any backend's failure to write is one line
            raise StoreError(f"cannot write into the store {self.url} ({_why(problem)})") from None

    def _write(self, key: str, relative: str, data: bytes) -> None:
        path = self._path(key, *relative.split("/"))
        if not self.local:
            if self.fs.isdir(path):
                self.fs.rm(path, recursive=True)
            self.fs.makedirs(path.rpartition("/")[0], exist_ok=True)
            self.fs.pipe_file(path, data)
            return
        folder = self._path(key)
        for part in ["", *relative.split("/")[:-1]]:  # the entry's folder, then files/ and files/explore/
            folder = os.path.join(folder, part) if part else folder
            if os.path.islink(folder) or (os.path.lexists(folder) and not os.path.isdir(folder)):
                os.unlink(folder)
            os.makedirs(folder, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            os.replace(temp, path)  # a link or a FIFO at `path` is replaced, never written through
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def _clear(self, path: str) -> None:
        if not self.local:
            if self.fs.exists(path):
                self.fs.rm(path, recursive=True)
        elif os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.unlink(path)
