"""publish's reading of the lesson page: the page as text (UTF-8, bounded), and the page with every
section's block filled in after its heading (or in one block at the end), the blocks of sections no longer
listed emptied, nothing outside the markers changed, in the page's own line endings. Headings and markers in
code or HTML comments are text (pipeline.publish.structure).

A block's marker names the lesson and the section (`<!-- lesson-video:<lesson>.01_critical_points begin
-->`), so several lessons live on one page: each publish touches its own lesson's blocks only, and under a
heading that already has another lesson's block it adds its own after it. A block of the markers before
(`lesson-video:01_critical_points`, no lesson) is this lesson's unless it links another lesson's media
folder: it is renamed in place; another lesson's is left alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lessons.config import read_small_file
from mathcore.errors import LessonInputError

from ..manifest import Manifest, SectionEntry
from ..pages.embed import video_block
from .structure import Block, PageError, Structure, scan_page

ALL = "sections"  # the block, at the end of the page, of the sections without a heading
BLANKS = re.compile(r"(?:\r\n|\r|\n)*")
LINKED = re.compile(r"media/([A-Za-z0-9_-]+)/")  # the lesson whose media a block links


MAX_PAGE_BYTES = 10_000_000


class PublishError(LessonInputError):
    """The docs page or the rendered outputs cannot be used as they are."""


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


def _marker(name: str, kind: str) -> str:
    return f"<!-- lesson-video:{name} {kind} -->"


def _after_blocks(structure: Structure, text: str, position: int) -> int:
    """Past the blocks (of any lesson) that follow `position`, each on its own lines: where this lesson's
    block goes under a heading that other lessons already use."""
    starts = {block.start - len(_marker(block.name, "begin")): block for block in structure.blocks}
    while (block := starts.get(BLANKS.match(text, position).end())) is not None:
        position = block.end + len(_marker(block.name, "end"))
    return position


def render_page(text: str, manifest: Manifest, page: Path, directory_urls: bool = True) -> PagePlan:
    """The page with every section's block filled in (after its heading, or in one block at the end), and
    the blocks of sections the manifest no longer lists emptied; nothing outside the markers changes, nor
    another lesson's blocks."""
    newline = line_ending(text)
    media = f"media/{manifest.lesson}/"
    own = f"{manifest.lesson}."
    html_prefix = ("../" if directory_urls else "") + media
    try:
        structure = scan_page(text, str(page))
    except PageError as problem:
        raise PublishError(str(problem)) from None

    def ours(block: Block) -> bool:
        """This lesson's block: named for it, or one of the markers before (no lesson) that links no other
        lesson's media."""
        if "." in block.name:
            return block.name.startswith(own)
        return all(name == manifest.lesson for name in LINKED.findall(text, block.start, block.end))

    def piece(entry: SectionEntry) -> str:
        return video_block(entry, manifest.language, html_prefix, media).replace("\n", newline)

    def body(entries: list[SectionEntry]) -> str:
        return newline + (newline * 2).join(piece(e) for e in entries) + newline if entries else ""

    def wrap(name: str, content: str) -> str:
        return f"{_marker(own + name, 'begin')}{content}{_marker(own + name, 'end')}"

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) on the original text
    stale: list[tuple[str, str]] = []
    mine = [block for block in structure.blocks if ours(block)]

    def fill(block: Block, name: str, content: str, why: str, rename: bool = True) -> None:
        """`block` gets `content`; with `rename`, under this lesson's marker for `name` (a block of the markers
        before, or under another number, is renamed: markers and all)."""
        if rename and block.name != own + name:
            begin = block.start - len(_marker(block.name, "begin"))
            edits.append((begin, block.end + len(_marker(block.name, "end")), wrap(name, content)))
            stale.append((name, why if text[block.start:block.end] != content or why.startswith("the section was")
                          else "the page's block has the markers without the lesson"))
        elif text[block.start:block.end] != content:
            edits.append((block.start, block.end, content))
            stale.append((name, why))

    def named(name: str) -> Block | None:
        """The block of `name`: this lesson's marker, else one of the markers before."""
        return next((b for b in mine if b.name == own + name), None) or \
            next((b for b in mine if b.name == name), None)

    def renumbered(entry: SectionEntry) -> Block | None:
        """The section's block under another number (identity is the slug): replaced, markers and all."""
        return next((b for b in mine if b.name.removeprefix(own) != entry.stem
                     and re.fullmatch(rf"\d+_{re.escape(entry.slug)}", b.name.removeprefix(own))), None)

    loose, used = [], set()
    for entry in manifest.sections:
        if (block := named(entry.stem)) is not None:
            fill(block, entry.stem, body([entry]), "the page's block is out of date")
            used.add(block)
        elif (old := renumbered(entry)) is not None:
            fill(old, entry.stem, body([entry]), f"the section was {old.name.removeprefix(own)} on the page "
                                                 "(renumbered)")
            used.add(old)
        elif (end := _heading(structure, text, entry.number)) is not None:
            end = _after_blocks(structure, text, end)
            edits.append((end, end, newline + newline + wrap(entry.stem, body([entry]))))
            stale.append((entry.stem, "not on the page yet"))
        else:
            loose.append(entry)
    if loose and (block := named(ALL)) is not None:
        old, new = text[block.start:block.end], body(loose)
        used.add(block)
        if old != new or block.name != own + ALL:
            fill(block, ALL, new, "the page's block is out of date")
            stale[-1:] = [(e.stem, "the page's block is out of date") for e in loose if piece(e) not in old] \
                or stale[-1:]
    elif loose:
        if structure.open_at_end is not None:
            raise PublishError(f"{page}: the page ends inside {structure.open_at_end}, where publish would add "
                               "the block of the sections without a heading; close it (nothing was changed)")
        edits.append((len(text), len(text), _tail(text, newline) + newline + wrap(ALL, body(loose)) + newline))
        stale += [(e.stem, "not on the page yet") for e in loose]
    for block in mine:
        if block not in used:  # emptied where it is, its markers kept
            name = block.name.removeprefix(own)
            fill(block, name, "", "every section has its own block now (publish empties this one)" if name == ALL
                 else "a block of a section the manifest no longer lists (publish empties it)", rename=False)
    for _, (start, end, replacement) in sorted(enumerate(edits), key=lambda e: (e[1][0], e[0]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return PagePlan(text, tuple(stale))
