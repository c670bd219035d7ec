"""What the front section holds past its first page: the abstract going on at the top of the
next page, up to the title that some offices print again over the description (a national
filing prints it there only)."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from ocr36.structure.stream import Event, LineEvent

_CAPITALS = 0.8
"""A title over the description is set in capitals: this share of its letters at least ..."""
_TITLE_LETTERS = 8
"""... of this many letters at least."""
_TITLE_ALIKE = 85.0
"""A line this alike to a part of the title read by (54) (rapidfuzz partial ratio) is it."""
_TITLE_LINES = 3
"""A title over the description takes this many lines at most."""


def _title_like(text: str, title: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < _TITLE_LETTERS:
        return False
    if sum(c.isupper() for c in letters) >= _CAPITALS * len(letters) and not \
            text.rstrip().endswith((".", ",", ";")):
        return True
    return bool(title) and len(text) <= len(title) * 1.1 and \
        fuzz.partial_ratio(text.lower(), title.lower()) >= _TITLE_ALIKE


def title_over_description(events: Sequence[Event],
                           title: str = "") -> tuple[list[Event], list[LineEvent]]:
    """The front section's events without the title printed over the description (the last
    lines, past the first page, set in capitals or alike to the title `title` read by (54)),
    and those lines."""
    kept = list(events)
    if not kept:
        return kept, []
    first = kept[0].page
    tail: list[LineEvent] = []
    while kept and isinstance(last := kept[-1], LineEvent) and last.page != first and \
            len(tail) < _TITLE_LINES and _title_like(last.text, title):
        tail.insert(0, last)
        kept.pop()
    if not tail or (kept and isinstance(kept[-1], LineEvent) and kept[-1].page != first and
                    _title_like(kept[-1].text, title)):
        return list(events), []  # more lines in capitals than a title takes: not one
    return kept, tail
