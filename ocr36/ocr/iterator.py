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
    left out, confidences whole as in the word table), grouped in the lines Tesseract found,
    in its order."""
    iterator = api.GetIterator()
    lines: list[list[Word]] = []
    if iterator is None:
        return ()
    starts_line = True
    while True:
        if iterator.IsAtBeginningOf(RIL.TEXTLINE):
            starts_line = True
        word = None if iterator.Empty(RIL.WORD) else _word(iterator)
        if word is not None:
            if starts_line:
                lines.append([])
                starts_line = False
            lines[-1].append(word)
        if not iterator.Next(RIL.WORD):
            break
    return tuple(line_of(words) for words in lines)


def _word(iterator: Any) -> Word | None:
    text = (iterator.GetUTF8Text(RIL.WORD) or "").strip()
    confidence = float(int(iterator.Confidence(RIL.WORD)))
    if not text or confidence < 0:
        return None
    left, top, right, bottom = iterator.BoundingBox(RIL.WORD)
    return Word(text=text, box=Box(left, top, right - left, bottom - top),
                confidence=confidence, space_before=iterator.BlanksBeforeWord() > 0)
