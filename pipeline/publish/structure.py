"""Which headings and lesson-video markers of a markdown page are live page structure, and which are text.

Publish writes its blocks after the page's section headings and between its own markers, so it must see
the page as a reader's renderer does (CommonMark/GFM; MkDocs agrees on these cases): a heading or a marker
inside fenced code, indented code, a code span or an HTML comment is text, never touched. Line endings
may be LF, CRLF, CR or mixed. The model is the subset of CommonMark these cases need:

- a fence (up to 3 spaces, then ``` or ~~~) runs to a closing fence of the same character at least as
  long, or to the end of the page; a line indented 4 spaces (or a tab) after a blank line, a heading or
  other code is indented code;
- a code span is a run of n backticks closed by the next run of exactly n in the same paragraph (or
  heading line); an HTML comment runs from `<!--` to the first `-->` (a comment that starts a line may
  span paragraphs, the rest of the line it ends on is raw HTML, and one never closed runs to the end of
  the page); whichever starts first wins, and a backslash escapes either;
- the text between a live begin marker and its end marker is publish's own and is not read for structure;
- containers are not modelled: a heading is a line that starts with `#` (a quoted or listed one is never
  a section heading), and a fence inside a list item is taken to run to its own closing fence.

Whatever the page, reading it again after publish filled its blocks gives the same structure, so a
second publish changes nothing (see _Scanner).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from mathcore.errors import LessonInputError

MARKER = re.compile(r"<!-- lesson-video:(?P<name>[A-Za-z0-9_.-]+) (?P<kind>begin|end) -->")
LINE_END = re.compile(r"\r\n|\r|\n")
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
INDENTED = re.compile(r" {4}| {0,3}\t")
LINE_START_COMMENT = re.compile(r" {0,3}$")
BLOCK_COMMENT = re.compile(r" {0,3}<!--")
INLINE = re.compile(r"<!--|`+")


class PageError(LessonInputError):
    """The page's markers are broken: publish cannot tell which text is its own."""


class Line(NamedTuple):  # a tuple: a page may have millions of lines
    start: int
    end: int  # where its line ending (or the page) begins
    next: int  # where the next line begins


@dataclass(frozen=True)
class Block:
    name: str
    start: int  # the content: after the begin marker ...
    end: int  # ... up to the end marker


@dataclass(frozen=True)
class Structure:
    headings: tuple[Line, ...]  # live ATX heading lines
    blocks: tuple[Block, ...]
    inert: tuple[tuple[int, int], ...]  # sorted, disjoint: code, comments and publish's own blocks
    open_at_end: str | None  # "a code block opened on line n" when the page ends inside one

    def live(self, position: int) -> bool:
        index = bisect.bisect_right(self.inert, (position, float("inf"))) - 1
        return index < 0 or not self.inert[index][0] <= position < self.inert[index][1]

    def block(self, name: str) -> Block | None:
        return next((b for b in self.blocks if b.name == name), None)


def split_lines(text: str) -> tuple[Line, ...]:
    """The page's lines; a byte-order mark (Windows editors) is before the first one, not in it."""
    lines, start = [], 1 if text.startswith("\ufeff") else 0
    for ending in LINE_END.finditer(text):
        lines.append(Line(start, ending.start(), ending.end()))
        start = ending.end()
    if start < len(text):
        lines.append(Line(start, len(text), len(text)))
    return tuple(lines)


def _escaped(text: str, position: int) -> bool:
    count = 0
    while position - count > 0 and text[position - count - 1] == "\\":
        count += 1
    return count % 2 == 1


class _Scanner:
    """One pass over the page, line by line; a comment, code span or block may carry the scan past a line's
    end, and it resumes there.

    What publish writes between a live begin marker and its end marker must never change how the rest
    of the page reads, or a second run would see another page. So no search looks into such content: a
    code span's closing run must start before the end of the next begin marker that its own end marker
    follows (a comment ends at that marker's `-->` anyway), and a fence's info string ends there. After a
    block, as after a comment that starts a line, the rest of that line is raw HTML, unread: so it is in
    CommonMark once the block's content puts its end marker at the start of a line."""

    def __init__(self, text: str, page: str) -> None:
        self.text, self.page = text, page
        self.lines = split_lines(text)
        self.starts = [line.start for line in self.lines]
        self.inert: list[tuple[int, int]] = []
        self.blocks: list[Block] = []
        self.headings: list[Line] = []
        self.open_at_end: str | None = None
        self.misses: dict[tuple[str, int], int] = {}  # (pattern, limit) -> earliest start known to find none
        self.paragraph_ends: list[int] = []  # per line, computed when first needed
        markers = list(MARKER.finditer(text))
        self.candidates = [(m.start(), m.end()) for m, after in pairwise(markers)
                           if m["kind"] == "begin" and after["kind"] == "end" and after["name"] == m["name"]]

    def line_of(self, position: int) -> int:
        return max(bisect.bisect_right(self.starts, position) - 1, 0)

    def next_begin_end(self, position: int) -> int:
        """The end of the first begin marker at or after `position` that could hold publish's content."""
        index = bisect.bisect_left(self.candidates, (position, 0))
        return self.candidates[index][1] if index < len(self.candidates) else len(self.text)

    def scan(self) -> Structure:
        index, previous = 0, "blank"  # the previous line: blank, block (heading, code, HTML) or text
        while index < len(self.lines):
            line = self.lines[index]
            content = self.text[line.start:line.end]
            if not content.strip(" \t"):
                index, previous = index + 1, "blank"
                continue
            fence = FENCE.match(content)
            info = self.text[line.start + fence.start(2):min(line.end, self.next_begin_end(line.start))] \
                if fence else ""
            if fence and fence[1][0] == "`" and "`" not in info and "`" in content[fence.start(2):]:
                # the info string is cut at a begin marker (what publish writes there must not change how the
                # page reads), and the rest of the line has a backtick: CommonMark reads no fence here, publish
                # would read one; neither reading is safe to write into
                raise PageError(f"{self.page}:{index + 1}: a code fence line holds a lesson-video marker and a `; "
                                "put the marker on a line of its own")
            if fence and not (fence[1][0] == "`" and "`" in info):
                index, previous = self.fenced(index, fence[1]), "block"
                continue
            if previous != "text" and INDENTED.match(content):
                self.inert.append((line.start, line.next))
                index, previous = index + 1, "block"
                continue
            heading = HEADING.match(content) is not None
            if heading:
                self.headings.append(line)
            index, previous = self.resume(line.start, "block" if heading else "text", heading)
        return Structure(tuple(self.headings), tuple(self.blocks), tuple(self.inert), self.open_at_end)

    def resume(self, position: int, kind: str, heading: bool = False) -> tuple[int, str]:
        """Scan inline from `position` (a line start, or where a construct of `kind` ended); the next line
        to read and what the last line read was."""
        while True:
            index = self.line_of(position)
            carried, kind = self.inline(index, position, heading, kind)
            if carried is None:
                return index + 1, kind
            if kind == "block":  # an HTML line ended: what follows on it is raw HTML, never read
                return self.rest_is_html(carried) + 1, kind
            position, heading = carried, False

    def rest_is_html(self, position: int) -> int:
        """The rest of the line that holds `position` is raw HTML (after a comment or a block that started
        an HTML line): inert. Its index."""
        index = self.line_of(position)
        if position < self.lines[index].end:
            self.inert.append((position, self.lines[index].end))
        return index

    def fenced(self, index: int, fence: str) -> int:
        closing = re.compile(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*")
        start = self.lines[index].start
        for later in range(index + 1, len(self.lines)):
            line = self.lines[later]
            if closing.fullmatch(self.text, line.start, line.end):
                self.inert.append((start, line.next))
                return later + 1
        self.inert.append((start, len(self.text)))
        self.open_at_end = f"the code block opened on line {index + 1}"
        return len(self.lines)

    def paragraph_end(self, index: int) -> int:
        """Where the paragraph holding line `index` ends: at a blank line, a heading, a fence or a line that
        starts with an HTML comment (or a marker)."""
        if not self.paragraph_ends:
            boundary = len(self.text)
            for line in reversed(self.lines):
                self.paragraph_ends.append(boundary)
                content = self.text[line.start:line.end]
                if not content.strip(" \t") or HEADING.match(content) or FENCE.match(content) \
                        or BLOCK_COMMENT.match(content):
                    boundary = line.start
            self.paragraph_ends.reverse()
        return self.paragraph_ends[index]

    def find(self, pattern: str, start: int, limit: int) -> re.Match | None:
        """The first match of `pattern` in [start, limit), remembering misses (no quadratic rescans)."""
        known = self.misses.get((pattern, limit))
        if known is not None and known <= start:
            return None
        found = re.compile(pattern).search(self.text, start, limit)
        if found is None:
            self.misses[(pattern, limit)] = start
        return found

    def inline(self, index: int, position: int, heading: bool, kind: str) -> tuple[int | None, str]:
        """Scan line `index` from `position` for comments, markers and code spans: (where the last one
        ends if beyond this line or if it ends an HTML line, else None; what the line reads as)."""
        line = self.lines[index]

        def limit() -> int:  # a code span or a comment inside a paragraph ends with it (a heading: its line)
            return line.end if heading else self.paragraph_end(index)

        while (found := INLINE.search(self.text, position, line.end)) is not None:
            if _escaped(self.text, found.start()):
                position = found.start() + 1
                continue
            if found[0] != "<!--":
                position, construct = self.code_span(found, limit()), "text"
            elif (marker := MARKER.match(self.text, found.start())) is not None:
                position, construct = self.marker(marker), "block"
            elif not heading and LINE_START_COMMENT.match(self.text, line.start, found.start()):
                position, construct = self.comment(found, len(self.text), index), "block"
            else:
                position, construct = self.comment(found, limit(), None), "text"
            if position > line.end or construct == "block":
                return position, construct
        return None, kind

    def code_span(self, opening: re.Match, limit: int) -> int:
        width = len(opening[0])
        bound = self.next_begin_end(opening.end())
        close = self.find(rf"(?<!`)`{{{width}}}(?!`)", opening.end(), min(limit, bound + width + 1))
        if close is None or close.start() > bound:
            return opening.end()
        self.inert.append((opening.start(), close.end()))
        return close.end()

    def comment(self, opening: re.Match, limit: int, block_line: int | None) -> int:
        """An HTML comment; one that starts a line (`block_line`) and is never closed runs to the end."""
        close = self.find("-->", opening.start() + 2, limit)
        if close is not None:
            self.inert.append((opening.start(), close.end()))
            return close.end()
        if block_line is None:
            return opening.end()
        self.inert.append((opening.start(), len(self.text)))
        self.open_at_end = f"the HTML comment opened on line {block_line + 1}"
        return len(self.text)

    def marker(self, begin: re.Match) -> int:
        """A marker outside code and comments: a begin must be followed by its own end marker."""
        line = self.line_of(begin.start()) + 1
        name = begin["name"]
        if begin["kind"] == "end":
            raise PageError(f"{self.page}:{line}: marker '{name} end' without its begin")
        if any(b.name == name for b in self.blocks):
            raise PageError(f"{self.page}:{line}: the block '{name}' appears twice")
        end = MARKER.search(self.text, begin.end())
        if end is None:
            raise PageError(f"{self.page}:{line}: marker '{name} begin' is never closed")
        where = f"{self.page}:{self.line_of(end.start()) + 1}"
        if end["kind"] == "begin":
            raise PageError(f"{where}: marker '{end['name']} begin' inside the unfinished block '{name}'")
        if end["name"] != name:
            raise PageError(f"{where}: marker '{end['name']} end' without its begin")
        self.blocks.append(Block(name, begin.end(), end.start()))
        self.inert.append((begin.start(), end.end()))
        return end.end()


def scan_page(text: str, page: str) -> Structure:
    """The page's live headings and blocks; broken or duplicated markers are a PageError naming the line."""
    return _Scanner(text, page).scan()
