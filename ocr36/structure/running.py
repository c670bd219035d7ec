"""Running heads and feet found by repetition: lines that recur at the top or the foot of
most pages, allowing for the page or column number that changes and for OCR's slips.

The layout drops what stands in the profile's header and footer bands; what escapes them (a
head printed lower, a page whose bands were kept, a profile whose bands do not fit the office)
is found here from the document's own pages, and dropped from the text wherever it sits. A
running head such as "CA 2912345 2016-08-12" also tells the publication's office, number and
date when the front page does not print them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from ocr36.model import Box, Line, PageResult, PageText, RegionKind
from ocr36.structure.fields import parse_date

EDGE_LINES = 2
"""Lines looked at, at the top and at the foot of each page."""
SIMILAR = 85.0
"""Two lines are the same running line when their shapes are this alike (rapidfuzz ratio)."""
MOST_PAGES = 0.5
"""A running line recurs on more than this share of the pages that hold text ..."""
MIN_PAGES = 2
"""... and on at least this many."""

_DIGITS = re.compile(r"[0-9]+")
_INID = re.compile(r"\((1[0-9]|[2-9][0-9])\)")
_HEAD_NUMBER = re.compile(r"\b([A-Z]{2})\s*([0-9]{1,3}(?:[ ,.][0-9]{3}(?![0-9]))+|"
                          r"[0-9]{4}/[0-9]{5,}|[0-9]{5,})(?:\s*([A-Z][0-9]?)\b)?")
"""Office code, number and (optional) kind as a running head prints them."""

_PAGE_NUMBER = re.compile(r"[-–—\s]*([0-9]{1,4})[-–—\s]*")
"""A page's number as printed alone on its line ("2", "- 2 -")."""
_BAND_OF_END = {"head": "running-header", "foot": "page-number"}


@dataclass(frozen=True)
class RunningLine:
    page: int
    index: int
    """Position of the line in its page's lines."""
    end: str
    """head or foot."""
    text: str


@dataclass(frozen=True)
class RunningLines:
    """The running heads and feet of a document, and how often each recurs."""

    lines: tuple[RunningLine, ...]
    text_pages: int
    """Pages that hold any text: what "most pages" is counted against."""

    def dropped(self) -> frozenset[tuple[int, int]]:
        return frozenset((line.page, line.index) for line in self.lines)

    def pages_of(self, end: str) -> int:
        return len({line.page for line in self.lines if line.end == end})

    def texts(self, end: str) -> list[str]:
        """The running lines at one end, in page order."""
        return [line.text for line in self.lines if line.end == end]


def shape(text: str) -> str:
    """A line without what changes from page to page: every number becomes '#'."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(_DIGITS.sub("#", text).split())


def _edges(page: PageResult) -> list[tuple[int, str, Line]]:
    """The first and last lines of a page by their place on it (index, end, line)."""
    order = sorted(range(len(page.text.lines)), key=lambda i: page.text.lines[i].box.top)
    top = order[:EDGE_LINES]
    foot = [i for i in order[-EDGE_LINES:] if i not in top]
    return [(i, "head", page.text.lines[i]) for i in top] + \
        [(i, "foot", page.text.lines[i]) for i in foot]


def _overlaps(line: Box, band: Box) -> bool:
    """A band's ink covers most of the line's height and width."""
    high = min(line.bottom, band.bottom) - max(line.top, band.top)
    wide = min(line.right, band.right) - max(line.left, band.left)
    return high >= line.height * 0.5 and wide >= line.width * 0.5


def _band_pages(box: Box, end: str, pages: Sequence[PageResult], own: int) -> int:
    """Other pages whose dropped header (or footer) band stands where this line stands."""
    count = 0
    for page in pages:
        if page.number == own:
            continue
        bands = [r.box for r in page.layout.regions
                 if r.kind is RegionKind.BAND and r.band == _BAND_OF_END[end]
                 and min(r.box.bottom, box.bottom) > max(r.box.top, box.top)]
        if bands:
            union = bands[0]
            for other in bands[1:]:
                union = union.union(other)
            count += _overlaps(box, union)
    return count


def find_running_lines(pages: Sequence[PageResult],
                       figure: re.Pattern[str] | None = None) -> RunningLines:
    """The lines that recur at the top or foot of most pages (`figure`: a figure label
    recurring on drawing sheets is a label, not a running line)."""
    text_pages = [p for p in pages if p.text.lines]
    needed = max(MIN_PAGES, math.floor(len(text_pages) * MOST_PAGES) + 1)
    if len(text_pages) < MIN_PAGES:
        return RunningLines((), len(text_pages))
    candidates = [(page.number, index, end, line, shape(line.text))
                  for page in text_pages for index, end, line in _edges(page)
                  if line.text.strip() and not (figure and figure.fullmatch(line.text.strip()))]
    found: list[RunningLine] = []
    for number, index, end, line, form in candidates:
        alike = {other[0] for other in candidates
                 if other[2] == end and fuzz.ratio(form, other[4]) >= SIMILAR}
        recurring = len(alike) >= needed
        if not recurring and not _INID.search(line.text):
            recurring = 1 + _band_pages(line.box, end, text_pages, number) >= needed
        recurring = recurring or _numbered_as_pages(number, end, line, candidates)
        if recurring:
            found.append(RunningLine(number, index, end, line.text.strip()))
    return RunningLines(tuple(found), len(text_pages))


def _numbered_as_pages(number: int, end: str, line: Line,
                       candidates: Sequence[tuple[int, int, str, Line, str]]) -> bool:
    """A line that is a number alone ("2", "- 2 -") which, at the same place on another
    page, changes as the page does ("2" on page 2, "3" on page 3): the page's number, a
    running line on as few as two pages (a WO pamphlet's under its running head)."""
    own = _PAGE_NUMBER.fullmatch(line.text.strip())
    if own is None:
        return False
    reach = 2 * line.box.height
    for other_number, _, other_end, other, _ in candidates:
        match = _PAGE_NUMBER.fullmatch(other.text.strip())
        if match and other_number != number and other_end == end and \
                int(match.group(1)) - other_number == int(own.group(1)) - number and \
                abs(other.box.center_x - line.box.center_x) <= reach and \
                abs(other.box.top - line.box.top) <= reach:
            return True
    return False


def without_running_lines(pages: Sequence[PageResult],
                          running: RunningLines) -> list[PageResult]:
    """The pages with their running heads and feet taken out of the text."""
    dropped = running.dropped()
    if not dropped:
        return list(pages)
    result = []
    for page in pages:
        lines = tuple(line for index, line in enumerate(page.text.lines)
                      if (page.number, index) not in dropped)
        if len(lines) == len(page.text.lines):
            result.append(page)
            continue
        result.append(replace(page, text=PageText(number=page.text.number, lines=lines)))
    return result


@dataclass(frozen=True)
class HeadNumber:
    """What a running head tells of its publication."""

    country: str = ""
    doc_number: str = ""
    kind: str = ""
    date: str = ""
    """YYYYMMDD."""


def read_head_number(texts: Sequence[str], date_order: str) -> HeadNumber:
    """Office code, number, kind and date from the running heads (the one most pages agree
    on; 'CA 2912345 2016-08-12' -> CA, 2912345, '', 20160812)."""
    votes: dict[HeadNumber, int] = {}
    for text in texts:
        match = _HEAD_NUMBER.search(text)
        if not match:
            continue
        rest = text[match.end():]
        kind = match.group(3) or ""
        number = re.sub(r"[^0-9]", "", match.group(2))
        head = HeadNumber(match.group(1), number, kind, parse_date(rest, date_order))
        votes[head] = votes.get(head, 0) + 1
    if not votes:
        return HeadNumber()
    return max(votes, key=lambda head: votes[head])
