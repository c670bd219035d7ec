"""Where the abstract ends. What the front section holds past its first page: the abstract
going on at the top of the next page, up to the title that some offices print again over the
description (a national filing prints it there only) or the description's first numbered
paragraph. What follows them there is the description's, though no heading the profile knows
opened it. On the page of its figure, the figure's labels read as text are no part of it."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ocr36.structure.numbering import PARAGRAPH_STYLES
from ocr36.structure.stream import Event, ImageEvent, LineEvent

_CAPITALS = 0.8
"""A title or heading over the description is set in capitals: this share of its letters at
least ..."""
_TITLE_LETTERS = 8
"""... of this many letters at least."""
_TITLE_ALIKE = 85.0
"""A line this alike to a part of the title read by (54) (rapidfuzz partial ratio) is it."""
_CENTRED_LINES = 3.0
"""A title is centred: this many line heights from either margin, the two alike as much."""
_TITLE_LINES = 3
"""A title over the description takes this many lines at most."""
_FIELD_GAP_LINES = 3.0
"""A gap this many line heights high ends a front-page field other than the abstract."""
_NUMBERED = tuple(style.compiled for style in PARAGRAPH_STYLES if style.name != "(1)")
"""Paragraph numbers that open the description ('(1)' may open a line of the abstract)."""


@dataclass(frozen=True)
class Continued:
    """The front section's events cut where the description begins on a later page."""

    front: list[Event]
    title: list[LineEvent]
    """The title printed over the description."""
    description: list[Event]
    """The description's first lines, before the heading that the sections were cut at."""


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= _TITLE_LETTERS and \
        sum(c.isupper() for c in letters) >= _CAPITALS * len(letters) and \
        not text.rstrip().endswith((".", ",", ";"))


def _alike(text: str, title: str) -> bool:
    return bool(title) and len(text) <= len(title) * 1.1 and \
        fuzz.partial_ratio(text.lower(), title.lower()) >= _TITLE_ALIKE


def _centred(event: LineEvent, margins: tuple[int, int]) -> bool:
    """Set in the middle of the text width (`margins`: of the first page), as a title."""
    box, reach = event.line.box, _CENTRED_LINES * event.line.box.height
    before, after = box.left - margins[0], margins[1] - box.right
    return before >= reach and after >= reach and abs(before - after) <= reach and \
        not event.text.rstrip().endswith((".", ",", ";"))


def _title_like(event: Event, title: str, margins: tuple[int, int]) -> bool:
    if not isinstance(event, LineEvent):
        return False
    if title:
        return _alike(event.text, title)
    return _capitals(event.text) or _centred(event, margins)


def _opens_description(event: Event, first: int, title: str,
                       margins: tuple[int, int]) -> bool:
    if not isinstance(event, LineEvent) or event.page == first:
        return False
    text = event.text.strip()
    return _capitals(text) or _title_like(event, title, margins) or \
        any(p.match(text) for p in _NUMBERED)


def title_over_description(events: Sequence[Event], title: str = "") -> Continued:
    """The front section's events cut at the first line past the first page that is set in
    capitals, alike to the title `title` read by (54), or numbered as a paragraph; of the
    lines from there, the title's (those alike to `title`, or where none was read the first
    ones in capitals) and the description's."""
    if not events:
        return Continued([], [], [])
    first = events[0].page
    boxes = [e.line.box for e in events if isinstance(e, LineEvent) and e.page == first]
    margins = (min(b.left for b in boxes), max(b.right for b in boxes)) if boxes else (0, 0)
    cut = next((i for i, e in enumerate(events)
                if _opens_description(e, first, title, margins)), None)
    if cut is None:
        return Continued(list(events), [], [])
    rest = list(events[cut:])
    heading = [_title_like(e, title, margins) for e in rest]
    count = next((i for i, is_title in enumerate(heading) if not is_title), len(rest))
    if count > _TITLE_LINES:
        count = 0  # more lines in capitals than a title takes: headings
    return Continued(list(events[:cut]), [e for e in rest[:count] if isinstance(e, LineEvent)],
                     rest[count:])


def repeated_title(events: Sequence[Event], titles: Sequence[str]) -> list[Event]:
    """The description's events without the title printed over its text that repeats a title
    the front page read (CNIPA prints the invention's title centred under 说明书; ST.36 has
    it as the document's title, not a heading): its first lines, `_TITLE_LINES` at most,
    centred on their page and alike to one of `titles`."""
    lines = [e for e in events[:_TITLE_LINES + 1] if isinstance(e, LineEvent)]
    if not lines or not titles:
        return list(events)
    boxes = [e.line.box for e in events if isinstance(e, LineEvent) and e.page == lines[0].page]
    margins = (min(b.left for b in boxes), max(b.right for b in boxes))
    count = 0
    for event in events[:_TITLE_LINES]:
        if not isinstance(event, LineEvent) or event.page != lines[0].page or \
                not _centred(event, margins) or \
                not any(_alike(event.text.strip(), title) for title in titles):
            break
        count += 1
    return list(events[count:])


def title_over_codes(lines: Sequence[LineEvent]) -> list[LineEvent]:
    """The title a front page prints above its INID codes without a code of its own (a
    filing's cover sheet: "LOCATING POTENTIALLY IDENTICAL OBJECTS ..." in capitals over (21)):
    the first lines set in capitals of those before the first code, as many as a title takes
    at most, on the first page."""
    first = lines[0].page if lines else 0
    run: list[LineEvent] = []
    for line in lines:
        if line.page != first or (run and not _capitals(line.text.strip())):
            break
        if _capitals(line.text.strip()):
            run.append(line)
    return run if len(run) <= _TITLE_LINES else []


_EDGE_LINES = 3
"""A left edge the abstract's text is set to is shared by this many of its lines (or all of
them, where it has fewer)."""


def parted_lines(lines: Sequence[LineEvent]) -> list[LineEvent]:
    """The lines of a front-page field (not the abstract) from the first that stands more
    than `_FIELD_GAP_LINES` line heights below the line before it on its page: a field is
    set line under line, and what reading order gives the last field of a column past such a
    gap is a drawing's text and labels ("FIG. 1A" under a WO title)."""
    for index, (before, line) in enumerate(itertools.pairwise(lines), start=1):
        gap = line.line.box.top - before.line.box.bottom
        if line.page == before.page and gap > _FIELD_GAP_LINES * before.line.box.height:
            return list(lines[index:])
    return []


def figure_labels(lines: Sequence[LineEvent], images: Sequence[ImageEvent]) -> list[LineEvent]:
    """The lines of an abstract that are its figure's labels read as text ("LS 16", "oo"):
    they reach into the height its figure spans on its page, and start at none of the left
    edges its text is set to (a line of text beside the figure, or the short last line of a
    paragraph, starts at its column's edge)."""
    if not lines or not images:
        return []
    height = statistics.median(line.line.box.height for line in lines)
    lefts = [line.line.box.left for line in lines]
    shared = min(_EDGE_LINES, len(lines))
    labels: list[LineEvent] = []
    for line in lines:
        box = line.line.box
        beside = any(image.page == line.page and box.bottom > image.box.top and
                     box.top < image.box.bottom for image in images)
        if beside and sum(abs(left - box.left) <= height for left in lefts) < shared:
            labels.append(line)
    return labels
