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
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import fsspec

from mathcore.errors import LessonInputError

from .manifest import SectionEntry, media_name

KEY = re.compile(r"[0-9a-f]{64}")
COMMIT = "commit.json"


class StoreError(LessonInputError):
    """The store cannot be opened or written (an unknown protocol, a path that is a file, no permission)."""


@dataclass(frozen=True)
class StoredSection:
    """A finished section: its manifest entry and its files' bytes, by their names in the lesson folder."""

    entry: SectionEntry
    files: tuple[tuple[str, bytes], ...]

    def commit_record(self, key: str) -> dict:
        return {"key": key, "files": {name: hashlib.sha256(data).hexdigest() for name, data in self.files}}


class SectionStore:
    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.fs, self.root = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as problem:
            raise StoreError(f"--store {url}: {problem}") from None
        except OSError as problem:
            raise StoreError(f"--store {url}: cannot use it ({problem.strerror or type(problem).__name__})") from None

    def prepare(self) -> SectionStore:
        """Make the store's root and prove it can be written, before anything renders."""
        probe = f"{self.root.rstrip('/')}/.probe"
        try:
            self.fs.makedirs(self.root, exist_ok=True)
            self.fs.pipe_file(probe, b"")
            self.fs.rm_file(probe)
        except OSError as problem:
            raise StoreError(f"--store {self.url}: cannot write into it "
                             f"({problem.strerror or type(problem).__name__})") from None
        return self

    def _path(self, key: str, *parts: str) -> str:
        if not KEY.fullmatch(key):
            raise ValueError(f"not a content key: {key!r}")
        return "/".join([self.root.rstrip("/"), key, *parts])

    def has(self, key: str) -> bool:
        return self._commit(key) is not None

    def _commit(self, key: str) -> dict | None:
        try:
            data = json.loads(self.fs.cat_file(self._path(key, COMMIT)))
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return None
        ok = isinstance(data, dict) and data.get("key") == key and isinstance(data.get("files"), dict) \
            and all(media_name(name) and isinstance(digest, str) for name, digest in data["files"].items())
        return data if ok else None

    def get(self, key: str) -> StoredSection | None:
        """The committed entry under `key`, None when there is none or a file does not match its record."""
        commit = self._commit(key)
        if commit is None:
            return None
        try:
            entry = SectionEntry.from_json(json.loads(self.fs.cat_file(self._path(key, "entry.json"))),
                                           Path(self._path(key, "entry.json")), 0)
            files = tuple((name, self.fs.cat_file(self._path(key, "files", name))) for name in commit["files"])
        except (FileNotFoundError, ValueError, UnicodeDecodeError, LessonInputError):
            return None
        if any(hashlib.sha256(data).hexdigest() != commit["files"][name] for name, data in files) \
                or set(entry.names) != set(commit["files"]):
            return None
        return StoredSection(entry, files)

    def put(self, key: str, section: StoredSection) -> None:
        """Write the entry's files, then its manifest entry, then its commit record (a crash before the last
        leaves nothing a reader uses). An existing record is removed first: a forced re-render replaces it."""
        try:
            if self.fs.exists(self._path(key, COMMIT)):
                self.fs.rm_file(self._path(key, COMMIT))
            for name, data in section.files:
                target = self._path(key, "files", name)
                self.fs.makedirs(target.rpartition("/")[0], exist_ok=True)
                self.fs.pipe_file(target, data)
            self.fs.pipe_file(self._path(key, "entry.json"),
                              json.dumps(section.entry.to_json(), ensure_ascii=False).encode())  # order kept
            self.fs.pipe_file(self._path(key, COMMIT), json.dumps(section.commit_record(key)).encode())
        except OSError as problem:
            raise StoreError(f"cannot write into the store {self.url} "
                             f"({problem.strerror or type(problem).__name__})") from None
