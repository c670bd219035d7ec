"""Front-page lines read across both columns: where the layout took the two columns of a
front page (the bibliographic data left, the designated states or the abstract right) for
one, its lines hold the text of both with a gutter between. They are cut at the gutter the
lines share, and the region read a column at a time, the left first."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Protocol

from rapidfuzz import fuzz

from ocr36.languages.scripts import ascii_codes
from ocr36.model import Line
from ocr36.structure.stream import Event, LineEvent

_CODE_FIRST = re.compile(r"^\s*\((1[0-9]|[2-9][0-9]|\*)\)")
"""A line that opens with an INID code."""
_GUTTER_LINES = 1.5
"""A gap between two words this many line heights wide may be a gutter ..."""
_ALIGNED_LINES = 4.0
"""... when the words after it start where those of other lines do, this many line heights
apart at most (the right column's indented lines included) ..."""
_ACROSS = 3
"""... on this many lines at least, and on a quarter of the region's ..."""
_MIDDLE = (0.3, 0.7)
"""... and it stands in the middle of the region (not the gap after the INID codes printed
in a column of their own)."""


def _right_start(line: Line) -> int | None:
    """Where the words after the line's widest gutter-wide gap start, if it has one."""
    words = sorted(line.words, key=lambda w: w.box.left)
    gaps = [(b.box.left - a.box.right, b.box.left) for a, b in itertools.pairwise(words)]
    wide = [gap for gap in gaps if gap[0] >= _GUTTER_LINES * line.box.height]
    return max(wide)[1] if wide else None


def _gutter(lines: Sequence[LineEvent]) -> int | None:
    """The x where the right column starts, when enough lines share one."""
    starts = sorted(s for e in lines if (s := _right_start(e.line)) is not None)
    if len(starts) < max(_ACROSS, len(lines) / 4):
        return None
    height = sorted(e.line.box.height for e in lines)[len(lines) // 2]
    middle = starts[len(starts) // 2]
    aligned = [s for s in starts if abs(s - middle) <= _ALIGNED_LINES * height]
    if len(aligned) < max(_ACROSS, len(starts) / 2):
        return None
    at = min(aligned) - height // 2
    left = min(e.line.box.left for e in lines)
    right = max(e.line.box.right for e in lines)
    return at if _MIDDLE[0] <= (at - left) / max(right - left, 1) <= _MIDDLE[1] else None


def _part(event: LineEvent, left: bool, at: int, lines: int) -> LineEvent | None:
    words = tuple(w for w in event.line.words if (w.box.left < at) == left)
    if not words:
        return None
    box = words[0].box
    for word in words[1:]:
        box = box.union(word.box)
    return LineEvent(event.page, Line(words, box, event.line.region), lines, event.gap_above)


def _across(event: LineEvent, at: int) -> bool:
    """The line runs across the gutter (a title printed the width of the page)."""
    words = sorted(event.line.words, key=lambda w: w.box.left)
    reach = _GUTTER_LINES * event.line.box.height
    parted = any(a.box.right <= at <= b.box.left and b.box.left - a.box.right >= reach
                 for a, b in itertools.pairwise(words))
    return not parted and any(w.box.left < at for w in words) and \
        any(w.box.right > at for w in words)


def _columns(block: Sequence[LineEvent], at: int) -> list[LineEvent]:
    """The left column's lines, then the right column's before the first field of the left
    column that starts below it (the right column's last field ends there)."""
    left = [p for e in block if (p := _part(e, True, at, len(block))) is not None]
    right = [p for e in block if (p := _part(e, False, at, len(block))) is not None]
    if not right:
        return left
    bottom = max(e.line.box.bottom for e in right)
    below = next((i for i, e in enumerate(left)
                  if e.line.box.top >= bottom and _CODE_FIRST.match(ascii_codes(e.text))),
                 len(left))
    return [*left[:below], *right, *left[below:]]


def _by_column(group: list[Event]) -> list[Event]:
    """The region's lines a column at a time; a line across the gutter stays where it
    stands, the columns above it read before it."""
    lines = [e for e in group if isinstance(e, LineEvent)]
    if len(lines) != len(group) or not lines:
        return group
    at = _gutter(lines)
    if at is None:
        return group
    result: list[Event] = []
    block: list[LineEvent] = []
    for event in [*lines, None]:
        if event is not None and not _across(event, at):
            block.append(event)
            continue
        result += _columns(block, at)
        block = []
        if event is not None:
            result.append(event)
    return result


_SAME_TEXT = 80.0
"""Where two readings overlap, their texts are this alike (rapidfuzz partial ratio)."""


def _same_print(a: LineEvent, b: LineEvent) -> bool:
    """Two lines of two regions that stand on the same ink and read alike there (the layout
    cut a line across a column's edge and read it again whole in a region of its own)."""
    one, other = a.line.box, b.line.box
    high = min(one.bottom, other.bottom) - max(one.top, other.top)
    wide = min(one.right, other.right) - max(one.left, other.left)
    if a.page != b.page or a.line.region == b.line.region or wide <= 0 or \
            high * 2 <= min(one.height, other.height):
        return False
    narrow, whole = sorted((a, b), key=lambda e: e.line.box.width)
    inside = " ".join(w.text for w in narrow.line.words
                      if whole.line.box.left <= w.box.center_x <= whole.line.box.right)
    return bool(inside) and fuzz.partial_ratio(inside, whole.text) >= _SAME_TEXT


def _merged(kept: LineEvent, other: LineEvent) -> LineEvent:
    """One line where `kept` stands, of the words of the wider reading and those of the
    narrower that stand outside it (the code before a title)."""
    narrow, wide = sorted((kept, other), key=lambda e: e.line.box.width)
    outside = [w for w in narrow.line.words
               if not wide.line.box.left <= w.box.center_x <= wide.line.box.right]
    words = tuple(sorted([*outside, *wide.line.words], key=lambda w: w.box.left))
    return LineEvent(kept.page, Line(words, kept.line.box.union(other.line.box),
                                     kept.line.region), kept.region_lines, kept.gap_above)


_NEAR = 4
"""Lines compared with each line for a second reading: those next to it from the top."""


def without_doubles(events: Sequence[Event]) -> list[Event]:
    """Each line read twice (cut short in one region, whole in another: a WO title printed
    across the column of the bibliographic data) kept once, where it was read first, with
    the words of both readings."""
    result = list(events)
    lines = sorted((i for i, e in enumerate(result) if isinstance(e, LineEvent)),
                   key=lambda i: (result[i].page, _box_top(result[i])))
    dropped: set[int] = set()
    for at, first in enumerate(lines):
        for second in lines[at + 1:at + 1 + _NEAR]:
            a, b = result[first], result[second]
            if first in dropped or second in dropped or not isinstance(a, LineEvent) or \
                    not isinstance(b, LineEvent) or not _same_print(a, b):
                continue
            keep, drop = sorted((first, second))
            result[keep] = _merged(*((a, b) if keep == first else (b, a)))
            dropped.add(drop)
    return [e for i, e in enumerate(result) if i not in dropped]


def _box_top(event: Event) -> int:
    return event.line.box.top if isinstance(event, LineEvent) else event.box.top


def read_by_column(events: Sequence[Event]) -> list[Event]:
    """The events with each text region that holds two columns read a column at a time,
    and each line read twice kept once."""
    result: list[Event] = []
    for _, group in itertools.groupby(
            without_doubles(events),
            key=lambda e: (e.page, e.line.region) if isinstance(e, LineEvent) else None):
        result.extend(_by_column(list(group)))
    return result


class CodedField(Protocol):
    """A front-page field: its code, its lines (the first holds the code) and their texts."""

    code: str
    lines: list[LineEvent]
    texts: list[str]

    def continuation(self) -> list[tuple[LineEvent, str]]: ...

    def drop(self, lines: Sequence[LineEvent]) -> None: ...


def to_own_column(fields: Sequence[CodedField]) -> None:
    """Lines that reading order gave to a field whose code stands in the column to their
    right (their middle left of the code: the titles in other languages under (54), read
    after the (51) printed beside the first), but that stand under the code of another
    field in their own column, are that field's: the nearest code above them there, whose
    lines end above them. The abstract's lines are left to `gather_abstract`."""
    coded = [item for item in fields if item.code not in ("", "57") and item.lines]
    for item in coded:
        code = item.lines[0]
        moved = []
        for line, text in item.continuation():
            if line.page != code.page or line.line.box.center_x >= code.line.box.left:
                continue
            owner = _owner_above(coded, line)
            if owner is not None and owner is not item:
                owner.lines.append(line)
                owner.texts.append(text)
                moved.append(line)
        item.drop(moved)


def _owner_above(coded: Sequence[CodedField], line: LineEvent) -> CodedField | None:
    """The field whose code is the nearest above the line in its column, if its lines all
    end above the line."""
    box = line.line.box
    above = [item for item in coded if item.lines[0].page == line.page
             and item.lines[0].line.box.top < box.top
             and item.lines[0].line.box.left < box.right
             and item.lines[0].line.box.right > box.left]
    if not above:
        return None
    owner = max(above, key=lambda item: item.lines[0].line.box.top)
    last = owner.lines[-1]
    return owner if last.page == line.page and last.line.box.bottom <= box.top else None
