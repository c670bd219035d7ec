"""Tesseract's result iterator as lines of words: the words, boxes and confidences of its word
table (`ocr36.ocr.tsv`), and with each word whether Tesseract read a space before it.

The word table leaves that out: a Korean word comes in it as pieces of a syllable or two,
with nothing to tell a piece that begins a word from one that goes on with it but boxes too
rough to measure. The iterator tells (`BlanksBeforeWord`), and reading it is quicker than
having Tesseract write its table and parsing that.
"""

from __future__ import annotations

from typing import Any

from tesserocr import RIL  # type: ignore[import-untyped]

from ocr36.model import Box, Line, Word
from ocr36.ocr.engine import line_of


def lines_read(api: Any) -> tuple[Line, ...]:
    """The words of the page `api` has recognised (empty words and negative confidences
    left out, confidences whole), grouped in the lines Tesseract found, in its order: as its
    word table gives them, each word's text its characters in reading order (a right-to-left
    word's too)."""
    iterator = api.GetIterator()
    lines: list[list[Word]] = []
    while iterator is not None and not iterator.Empty(RIL.BLOCK):
        if iterator.Empty(RIL.WORD):
            iterator.Next(RIL.WORD)
            continue
        if iterator.IsAtBeginningOf(RIL.TEXTLINE) or not lines:
            lines.append([])
        word = _word(iterator)
        if word is not None:
            lines[-1].append(word)
    return tuple(line_of(words) for words in lines if words)


def _word(iterator: Any) -> Word | None:
    """The word the iterator stands at, read up to the next word's first character."""
    left, top, right, bottom = iterator.BoundingBox(RIL.WORD)
    confidence = float(int(iterator.Confidence(RIL.WORD)))
    space_before = iterator.BlanksBeforeWord() > 0
    characters = []
    while True:
        characters.append(iterator.GetUTF8Text(RIL.SYMBOL) or "")
        iterator.Next(RIL.SYMBOL)
        if iterator.Empty(RIL.BLOCK) or iterator.IsAtBeginningOf(RIL.WORD):
            break
    text = "".join(characters).strip()
    if not text or confidence < 0:
        return None
    return Word(text=text, box=Box(left, top, right - left, bottom - top),
                confidence=confidence, space_before=space_before)
