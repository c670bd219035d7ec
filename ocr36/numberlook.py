"""A second look at the front page's publication number, with the packs that read its Latin
letters.

Offices that print in another script print the publication number in Latin letters and
ASCII digits ('(11) RU 2023001234 B1', '(11) 등록번호 KR 2023001234 B1'), and a pack of that
script alone reads them as its own letters ('ВО 2023001234 В1', '사 2023001234 81',
'81 2023001234 5/8'). A profile naming `[front_page] number_packs` has the line of the code
(11) or (10) read again on its own with those packs (one small engine call a document); the
words of the number it reads there take the place of those the page's packs gave, where the
number they make is one and the page's reading is not it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ocr36.languages.scripts import ascii_codes, ascii_digits
from ocr36.model import Line, PageText, Word
from ocr36.ocr.engine import Engine
from ocr36.structure.fields import parse_publication_number

PSM_LINE = 7
_MOST_WORDS = 6
"""A number is printed in at most this many pieces ('EP 1 599 469 B1': five)."""
_PAD = (30, 20)
"""White kept around the line read again, across and down, in pixels."""
_NUMBER_CODE = re.compile(r"[()]\s*1[01]\s*[()]")
"""The code of the publication number, '(11)' or '(10)', its brackets as a right-to-left
line may give them (')11(')."""
_DIGITS = re.compile(r"\d{6}")


def _number_line(text: PageText) -> int | None:
    """The index of the first line that holds the code of the publication number, or else
    (its code misread: '(เก') of the first that holds a long run of digits."""
    for index, line in enumerate(text.lines):
        if any(_NUMBER_CODE.fullmatch(ascii_codes(word.text)) for word in line.words):
            return index
    for index, line in enumerate(text.lines):
        if _DIGITS.search(ascii_digits(_line_text(line.words))):
            return index
    return None


def _line_text(words: Sequence[Word]) -> str:
    return " ".join(word.text for word in words)


def _number_words(words: Sequence[Word]) -> tuple[Word, ...]:
    """The fewest words that make the publication number with its kind in a line read
    again (none when they make none): not the code or the label beside it."""
    if not parse_publication_number(_line_text(words))[1]:
        return ()
    for count in range(1, min(len(words), _MOST_WORDS) + 1):
        for first in range(len(words) - count + 1):
            run = words[first:first + count]
            if all(parse_publication_number(_line_text(run))[1:]):
                return tuple(run)
    return ()


def _overlaps(word: Word, others: Sequence[Word]) -> bool:
    """The word stands under one of `others` for at least half its width."""
    return any(min(word.box.right, o.box.right) - max(word.box.left, o.box.left)
               >= 0.5 * min(word.box.width, o.box.width) for o in others)


def _mended(line: Line, groups: Sequence[tuple[Word, ...]]) -> Line:
    """The line with the words under each group read again in their place, the group in
    the order read (a number runs left to right in every script)."""
    kept: list[Word] = []
    placed: set[int] = set()
    for word in line.words:
        group = next((i for i, found in enumerate(groups) if _overlaps(word, found)), None)
        if group is None:
            kept.append(word)
        elif group not in placed:
            kept.extend(replace(w, space_before=True) for w in groups[group])
            placed.add(group)
    box = line.box
    for found in groups:
        for word in found:
            box = box.union(word.box)
    return replace(line, words=tuple(kept), box=box) if placed else line


def _code_word(words: Sequence[Word], line: Line) -> tuple[Word, ...]:
    """The code read again, where the page's packs misread it ('(เก' for '(11)')."""
    code = next((w for w in words if _NUMBER_CODE.fullmatch(w.text)), None)
    if code is None or any(_NUMBER_CODE.fullmatch(ascii_codes(w.text)) for w in line.words):
        return ()
    return (code,)


def read_number_again(image: np.ndarray, text: PageText, engine: Engine,
                      packs: Sequence[str]) -> PageText:
    """The front page's text with its publication number read again with `packs` (none:
    as it was)."""
    index = _number_line(text) if packs else None
    if index is None:
        return text
    line = text.lines[index]
    height, width = image.shape[:2]
    left, top = max(line.box.left - _PAD[0], 0), max(line.box.top - _PAD[1], 0)
    right = min(line.box.right + _PAD[0], width)
    bottom = min(line.box.bottom + _PAD[1], height)
    read = engine.recognize(image[top:bottom, left:right], packs, PSM_LINE)
    words = [replace(w, box=w.box.moved(left, top)) for again in read for w in again.words]
    found = _number_words(words)
    if not found or parse_publication_number(_line_text(found)) == \
            parse_publication_number(_line_text(line.words)):
        return text
    lines = list(text.lines)
    lines[index] = _mended(line, [found, _code_word(words, line)])
    return replace(text, lines=tuple(lines))
