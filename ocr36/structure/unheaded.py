"""Claims printed without a heading: found by the document's own evidence.

A filing may print its claims "1.", "2." ... with nothing above them. Where no claims heading
is read, the claims are the run of lines numbered in a claim style from 1 that follows the
description: after its last paragraph number, in a numbering other than its paragraphs', and
told from a numbered list by at least two of: the run starts a page; a claim of the run refers
to an earlier one in the claim language of the document ("... according to claim 1"); more
than one claim follows in sequence; or, for one claim, nothing numbered follows it to the end
of the document (a numbered list has two items at least). A profile turns this off with
`bookmarks.claims_without_heading = false`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ocr36.profile import Profile
from ocr36.structure.numbering import (
    CLAIM_STYLES,
    PARAGRAPH_STYLES,
    Style,
    discover,
    number_of,
    profile_gives,
    sequence_of,
)
from ocr36.structure.stream import Event, LineEvent

MIN_EVIDENCE = 2
"""Pieces of evidence (new page, claim language, claims in sequence) a run needs."""


@dataclass(frozen=True)
class Run:
    """A run of lines numbered from 1 in one claim style, and what speaks for its being the
    claims."""

    start: int
    """Index of its first line in the event stream."""
    style: Style
    numbers: int
    """Claims numbered in sequence."""
    new_page: bool
    dependent: bool
    """A claim of the run refers to an earlier one ("according to claim 1")."""
    alone_at_end: bool = False
    """The run is one claim, and no line after it opens with a number in any style."""

    @property
    def evidence(self) -> int:
        return self.new_page + self.dependent + (self.numbers >= 2) + self.alone_at_end


def _last_paragraph(texts: Sequence[str], profile: Profile) -> int:
    """Position of the last line that opens a numbered paragraph, in sequence in the
    document's style or in the profile's own (-1: none). (The default's pattern alone would
    take a claim's line that opens with a reference sign, "(310) constant".)"""
    found = discover(texts, PARAGRAPH_STYLES)
    last = max(found.lines) if found and found.lines else -1
    own = [i for i, text in enumerate(texts) if profile.numbering.paragraph.match(text)] \
        if profile_gives(profile, "paragraph") else []
    return max([last, *own])


def _numbered(texts: Sequence[str], style: Style, first: int) -> list[tuple[int, int]]:
    """(position, number) of the lines from `first` that open with a number in `style`."""
    numbers = []
    for position in range(first, len(texts)):
        match = style.compiled.match(texts[position])
        number = number_of(match) if match else None
        if number is not None:
            numbers.append((position, number))
    return numbers


def _refers_back(texts: Sequence[str], numbered: dict[int, int],
                 reference: re.Pattern[str] | None) -> bool:
    """Whether a claim refers to a claim before it on its first two lines."""
    if reference is None:
        return False
    for position, number in numbered.items():
        text = " ".join(texts[position:position + 2])
        if any(int(m.group(1)) < number for m in reference.finditer(text)):
            return True
    return False


def _run_at(lines: Sequence[tuple[int, LineEvent]], texts: Sequence[str], position: int,
            profile: Profile) -> Run | None:
    style = next((s for s in CLAIM_STYLES if (m := s.compiled.match(texts[position]))
                  and number_of(m) == 1), None)
    if style is None:
        return None
    numbers = _numbered(texts, style, position)
    accepted = sequence_of(numbers)
    numbered = {p: n for p, n in numbers if p in set(accepted)}
    index, event = lines[position]
    new_page = position == 0 or lines[position - 1][1].page != event.page
    reference = profile.numbering.claim_reference.get(profile.language.document)
    alone = len(accepted) == 1 and not any(
        number_of(match) is not None for text in texts[position + 1:]
        for other in (*CLAIM_STYLES, *PARAGRAPH_STYLES) if (match := other.compiled.match(text)))
    return Run(index, style, len(accepted), new_page,
               _refers_back(texts, numbered, reference), alone)


def unheaded_claims(events: Sequence[Event], after: int, skip_pages: set[int],
                    profile: Profile) -> Run | None:
    """The run of numbered lines after event `after` (pages in `skip_pages` aside) that is
    the claims, printed without a heading; None when no run has the evidence."""
    lines = [(i, e) for i, e in enumerate(events) if isinstance(e, LineEvent) and i >= after
             and e.page not in skip_pages]
    texts = [e.text.strip() for _, e in lines]
    last_paragraph = _last_paragraph(texts, profile)
    best: Run | None = None
    for position in range(last_paragraph + 1, len(texts)):
        run = _run_at(lines, texts, position, profile)
        if run and run.evidence >= MIN_EVIDENCE and (best is None or
                                                     run.evidence > best.evidence):
            best = run
    return best
