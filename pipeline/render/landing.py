"""The lesson folder: sections land in it atomically, and manifest.json, embed.md, index.html and present.html
follow.

A section is post-processed (pipeline.render.section) in a private temporary folder inside out/<lesson>/ (same file
system) and its files are moved into place with os.replace only when all of them are complete, so a
failure or Ctrl-C leaves the previous good files untouched and no partial file behind.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import av

from mathcore.errors import LessonInputError

from ..faults import fault_point
from ..manifest import MANIFEST, LessonVideo, Manifest, SectionEntry, manifest_record, read_manifest
from ..pages.embed import embed_markdown, gallery_html
from ..pages.present import PAGE as PRESENT_PAGE
from ..pages.present import present_html
from . import lesson_video
from .media import sha256
from .section import SectionOutput


class OutputFolderError(LessonInputError):
    """The output folder cannot be written: found before anything renders."""


LONGEST_NAME = ".tmp-04_gradient_descent-xxxxxxxx"  # longer than any name a run writes into the folder


def check_output_root(root: str) -> None:
    """`--out` names a folder (an empty one would put everything into the current folder)."""
    if not root.strip():
        raise OutputFolderError("--out is empty: name the output folder (default out/)")


def check_output_folder(root: str, out_dir: Path) -> None:
    """Make out/<lesson>/ and prove a file can be written there, before any section renders: a file, /dev/null,
    a read-only folder or an over-long path is refused on one line instead of failing after the work."""
    check_output_root(root)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = Path(tempfile.mkdtemp(prefix=LONGEST_NAME[:-8], dir=out_dir))
        try:
            (probe / "02_minima_vs_maxima.vi.vtt").write_bytes(b"")
        finally:
            shutil.rmtree(probe, ignore_errors=True)
    except OSError as problem:
        reason = problem.strerror or type(problem).__name__
        raise OutputFolderError(f"cannot write the lesson's files into {out_dir} ({reason}); choose another "
                                "--out") from None


@contextmanager
def staging_dir(out_dir: Path, stem: str) -> Iterator[Path]:
    """A private folder next to the outputs, removed whatever happens."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".tmp-{stem}-", dir=out_dir))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@dataclass(frozen=True)
class ManifestWriter:
    """Rewrites manifest.json, embed.md, index.html and present.html for one lesson folder."""

    out_dir: Path
    lesson: str
    language: str
    versions: dict

    def write(self, entries: list[SectionEntry], drop: tuple[str, ...] = ()) -> Path:
        return write_manifest(self.out_dir, self.lesson, self.language, entries, self.versions, drop)

    def finish(self) -> str | None:
        """After a run's sections have landed (render.py, a batch's lesson): the whole lesson's files, when the
        folder holds every section and they are not up to date, then the pages. A failure to make them is said
        on stderr and returned (the previous whole-lesson files stay); None when all is well."""
        problem = None
        try:
            land_lesson_video(self)
        except (lesson_video.LessonVideoError, OSError, ValueError, av.error.FFmpegError) as failed:
            problem = f"{lesson_video.FILE}: {failed}"
            print(f"error: {self.out_dir.name}: {problem}", file=sys.stderr, flush=True)
        self.refresh_pages()
        return problem

    def refresh_pages(self) -> None:
        """Rewrite the lesson's pages that differ from what its manifest gives (a run that rendered nothing
        after the page code changed, or a page deleted): the pages are the manifest's, never a section's."""
        manifest = read_manifest(self.out_dir)
        if manifest is None:
            return
        for name, text in lesson_pages(manifest).items():
            path = self.out_dir / name
            if path.is_symlink() or not path.is_file() or path.read_bytes() != text.encode("utf-8"):
                write_atomically(path, text)


def up_to_date(out_dir: Path, slug: str, key: str, manifest: Manifest | None) -> SectionEntry | None:
    """The manifest entry of a section when its key matches and every file it lists (video, poster,
    preview, captions) is there with the size and hash recorded, else None (the section is rendered)."""
    entry = manifest.entry(slug) if manifest is not None else None
    if entry is None or entry.content_key != key:
        return None
    for name in entry.names:
        path = out_dir / name
        if not path.is_file() or path.is_symlink() or path.stat().st_size != entry.sizes.get(name) \
                or sha256(path) != entry.hashes.get(name):
            return None
    return entry


def land_section(output: SectionOutput, writer: ManifestWriter) -> tuple[Path, ...]:
    """Move a finished section into the lesson folder so that the manifest never describes files that are
    not on disk as it says: first its entry leaves the manifest, then the files are replaced, then the new
    entry is written (with embed.md and index.html). Killed in between, the folder lists one section fewer
    and the next run renders it again."""
    slug = output.entry.slug
    previous = read_manifest(writer.out_dir)
    old = previous.entry(slug) if previous is not None else None
    writer.write([], drop=(slug,))
    fault_point("landing")
    finals = []
    names = [output.name_of(i) for i in range(len(output.files))]
    for path, name in zip(output.files, names):
        target = writer.out_dir / name
        target.parent.mkdir(exist_ok=True)  # explore/ for the explorable's files
        os.replace(path, target)
        finals.append(target)
    writer.write([output.entry])
    for name in set(old.names if old is not None else ()) - set(names):
        (writer.out_dir / name).unlink(missing_ok=True)  # the section's files under its old stem (renumbered)
    return tuple(finals)


def land_lesson_video(writer: ManifestWriter) -> None:
    """The whole lesson's files made in a staging folder, then landed as a section is: their record leaves the
    manifest, the files are replaced, the new record is written. Interrupted in between, the manifest lists
    none and the next run makes them again."""
    manifest = read_manifest(writer.out_dir)
    if manifest is None or not lesson_video.whole(manifest):
        return
    if lesson_video.up_to_date(writer.out_dir, manifest, lesson_video.key_of(manifest)):
        return
    with staging_dir(writer.out_dir, "lesson") as stage:
        record, files = lesson_video.build(writer.out_dir, manifest, stage)
        fault_point("lesson-video")
        write_manifest(writer.out_dir, writer.lesson, writer.language, [], writer.versions, whole=None)
        for path in files:
            os.replace(path, writer.out_dir / path.name)
        write_manifest(writer.out_dir, writer.lesson, writer.language, [], writer.versions, whole=record)


KEEP = object()  # write_manifest: the whole-lesson record as it is


def write_manifest(out_dir: Path, lesson: str, language: str, entries: list[SectionEntry], versions: dict,
                   drop: tuple[str, ...] = (), whole: LessonVideo | None | object = KEEP) -> Path:
    """Merge section entries into manifest.json (other sections keep their entry; `drop` removes some); the
    whole lesson's record stays unless `whole` replaces it (None: no record)."""
    existing = read_manifest(out_dir)
    sections = {e.slug: e for e in existing.sections} if existing is not None else {}
    for slug in drop:
        sections.pop(slug, None)
    for entry in entries:
        sections[entry.slug] = entry
    if whole is KEEP:
        whole = existing.lesson_video if existing is not None else None
    manifest = Manifest(lesson, language, tuple(sorted(sections.values(), key=lambda e: e.number)), versions,
                        lesson_video=whole)
    for name, page in lesson_pages(manifest).items():
        write_atomically(out_dir / name, page)
    text = json.dumps(manifest_record(manifest), ensure_ascii=False, indent=2) + "\n"
    return write_atomically(out_dir / MANIFEST, text)


def lesson_pages(manifest: Manifest) -> dict[str, str]:
    """The pages made from the manifest alone: the embed snippets, the gallery, classroom mode."""
    return {"embed.md": embed_markdown(manifest), "index.html": gallery_html(manifest),
            PRESENT_PAGE: present_html(manifest)}


def write_atomically(target: Path, content: str) -> Path:
    """Write a text file so that readers see the old or the new content, never a half-written file."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
