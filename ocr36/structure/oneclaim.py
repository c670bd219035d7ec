"""A claims section of one claim whose number was read as letters.

A filing of one claim prints "1." before it; a scan may read it as two letters ("lL A bobby
pin"), a letter and a mark ("l.", "I.") or the digit and a comma ("1,"), and then no numbered
claim is found at all. A claims section found by its heading that yields no numbered claim,
and whose first line opens with such a look-alike of "1" and a mark, holds claim 1: the
look-alike is read as "1." (the caller warns).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ocr36.structure.stream import Event, LineEvent

_ONE_LOOK_ALIKE = re.compile(r"^(?:[lI|!]\s?[.,;:L]|1\s?[,;:L])\s+(?=\w)")
"""A '1' read as a letter or a bar and its stop as a mark or an 'L' ('lL', 'l.', 'I.'), or
the '1' read and its stop read as a comma or colon ('1,'), before the claim's first word."""


def lone_claim(events: Sequence[Event]) -> tuple[tuple[Event, ...], str] | None:
    """The section's events with the look-alike of "1." opening its first line read as
    "1.", and the look-alike as printed; None where the first line opens with none."""
    index, event = next(((i, e) for i, e in enumerate(events)
                         if isinstance(e, LineEvent) and e.text.strip()), (-1, None))
    if event is None or not (match := _ONE_LOOK_ALIKE.match(event.text.strip())):
        return None
    printed = match.group(0).split()
    words = event.line.words
    if tuple(word.text for word in words[:len(printed)]) != tuple(printed):
        return None  # the look-alike is not whole words: leave the line as read
    mended = (replace(words[0], text="1."), *words[len(printed):])
    line_event = replace(event, line=replace(event.line, words=mended))
    return (*events[:index], line_event, *events[index + 1:]), " ".join(printed)
