"""Titles (54) in other languages read again with their own packs.

A European publication prints its title in three languages under (54); the page is read
with the document language's packs, which lose the others' letters ("Schalldampfungs-" for
"Schalldämpfungs-", "agglomere"). The lines of each title whose words tell a language that
other packs read (the profile's `[language.sections]`, or with `read_detected` the language
file's packs where installed) are read again with those packs, their boxes only, one engine
call a title; a word read again replaces the first reading where it is read at least as
confidently."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ocr36.languages import language
from ocr36.model import Bitmap, Box, Line, PageResult, PageText, TextSource, Word
from ocr36.ocr.engine import Engine
from ocr36.profile import Profile
from ocr36.structure import title_lines

PSM_BLOCK = 6
_MARGIN = 24
"""White pixels round the title's lines on the canvas it is read from."""
_SAME_WORD = 0.5
"""A word read again is the same word where its box and the first one's overlap this much
(intersection over union)."""


@dataclass(frozen=True)
class TitleRead:
    """One title to read again: the packs that read its language, and its lines' boxes."""

    packs: tuple[str, ...]
    boxes: tuple[Box, ...]


def title_reads(pages: Sequence[PageResult], profile: Profile) -> tuple[TitleRead, ...]:
    """The titles of the first page in other languages than the document's, with the packs
    that read them (the profile's for that language, else its language file's where
    `read_detected`) and their lines; none for a page read from a PDF's text layer."""
    if not pages or pages[0].number != 1 or pages[0].text_source is not TextSource.OCR:
        return ()
    reads = []
    for part in title_lines(pages, profile):
        packs = _packs_for(part.lang, profile)
        boxes = tuple(event.line.box for event in part.lines if event.page == 1)
        if packs and boxes:
            reads.append(TitleRead(packs, boxes))
    return tuple(reads)


def _packs_for(lang: str, profile: Profile) -> tuple[str, ...]:
    """The packs that read a title in `lang`: none for the document's language or for one
    the profile reads with its main packs."""
    own = profile.language
    if lang == own.document:
        return ()
    packs = own.sections.get(lang, ())
    words = language(lang)
    if not packs and own.read_detected and words is not None:
        packs = words.tesseract
    return packs if packs != own.tesseract else ()


def read_titles_again(image: Bitmap, text: PageText, reader: Engine,
                      reads: Sequence[TitleRead]) -> PageText:
    """The page's text with the words of each title in `reads` read again with its packs,
    where read at least as confidently."""
    lines = list(text.lines)
    for read in reads:
        canvas, origin = _canvas(image, read.boxes)
        again = [replace(word, box=word.box.moved(origin.left, origin.top))
                 for line in reader.recognize(canvas, read.packs, PSM_BLOCK)
                 for word in line.words]
        lines = [mended(line, again) if any(_overlap(line.box, box) for box in read.boxes)
                 else line for line in lines]
    return replace(text, lines=tuple(lines))


def _canvas(image: Bitmap, boxes: Sequence[Box]) -> tuple[Bitmap, Box]:
    """The lines' boxes on white, with a margin, and where the canvas stands on the page."""
    union = functools.reduce(Box.union, boxes)
    height, width = image.shape[:2]
    left, top = max(union.left - _MARGIN, 0), max(union.top - _MARGIN, 0)
    right, bottom = min(union.right + _MARGIN, width), min(union.bottom + _MARGIN, height)
    canvas = np.full((bottom - top, right - left), 255, dtype=np.uint8)
    for box in boxes:
        canvas[box.top - top : box.bottom - top, box.left - left : box.right - left] = \
            image[box.top : box.bottom, box.left : box.right]
    return canvas, Box(left, top, right - left, bottom - top)


def mended(line: Line, again: Sequence[Word]) -> Line:
    """The line with each word that one word read `again` stands on, and no other touches,
    replaced by it where that one is read at least as confidently (the first word's box
    kept): a word read again as two, or two as one, is left as first read."""
    words = []
    for word in line.words:
        same = [other for other in again if _overlap(word.box, other.box) > 0]
        if len(same) == 1 and _overlap(word.box, same[0].box) >= _SAME_WORD and \
                same[0].confidence >= word.confidence:
            word = replace(word, text=same[0].text, confidence=same[0].confidence)
        words.append(word)
    return replace(line, words=tuple(words))


def _overlap(one: Box, other: Box) -> float:
    """Intersection over union of two boxes."""
    width = min(one.right, other.right) - max(one.left, other.left)
    height = min(one.bottom, other.bottom) - max(one.top, other.top)
    if width <= 0 or height <= 0:
        return 0.0
    shared = width * height
    return shared / (one.width * one.height + other.width * other.height - shared)
