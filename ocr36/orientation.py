"""Which way up a page is, told by reading a few of its words.

Tesseract's orientation detection needs a fair amount of text to be sure. A drawing sheet has
a few labels ("FIG. 2", "Docket No. ...") and a nearly empty page a heading and a page number:
on such a page the detection guesses, and its guess alone is not taken. The cheap signals
come first: the detection is shown the page's text-like ink alone (the drawing's strokes
confuse it), and only then are words read. What is read is bounded whatever the page: at
most `MAX_PIECES` pieces of text-like ink (labels, words, the start of lines), cut out at
half size and stacked on one small canvas, read as it lies and under each turn it may need.
Upright print is read as words Tesseract is sure of; print on its side or upside down gives
a few unsure fragments. A turn is taken when it reads clearly more than every other way, the
page as it lies included, or when it is the detection's guess and reads more than every
other way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ocr36.components import in_scan_order, labelled
from ocr36.model import Bitmap, Box, Line
from ocr36.ocr.engine import Engine, Orientation

READING_SCALE = 0.5
"""Labels and headings stay legible at half size, and reading costs a quarter."""
PSM_SPARSE = 11
"""Tesseract's sparse-text mode: pieces of text on the canvas are found one by one."""
SURE_CONFIDENCE = 80.0
MIN_LETTERS = 6
"""Fewer letters read surely than this (one short label) tell nothing."""
MARGIN = 2.0
"""The turn taken reads at least this many times the letters of any other way."""
MIN_AGREEING_LETTERS = 4
"""Letters enough for the turn the orientation detection leaned to ("FIG" and a letter)."""
UPRIGHT_LETTERS = 40
"""Letters read surely as the page lies that make it upright without reading it turned:
print on its side or upside down is never read so."""

GLYPH_HEIGHT = (5, 60)
"""Height and width, in pixels at half size, of a glyph of print (6 to 70 pt at 300 dpi);
larger ink is drawing, smaller is specks."""
MAX_PIECES = 12
"""Pieces of text-like ink read at most, the largest first."""
PIECE_SIDE = 700
"""A piece is cut to at most this many pixels a side (at half size): a few lines of text."""
CANVAS_SIDE = 2000
"""The canvas of pieces is at most this many pixels a side (at half size), mostly white."""
ANY_INK = 192
"""A pixel at half size darker than this holds ink in at least one of its four."""
_PAD = 16


@dataclass(frozen=True)
class TextInk:
    """The text-like ink of a page at half size: glyph-sized components, drawing strokes and
    specks left out, and the pieces (words, labels) they group into, most glyphs first."""

    image: Bitmap
    pieces: tuple[Box, ...]


_ROTATIONS = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}


def quarter_turn(image: Bitmap, degrees_clockwise: int) -> Bitmap:
    """The page turned by quarters, clockwise: OpenCV's turn, a third of numpy's cost on a
    page (the same pixels)."""
    turns = (degrees_clockwise // 90) % 4
    if not turns:
        return image
    return cv2.rotate(image, _ROTATIONS[turns]).astype(np.uint8, copy=False)


def sure_letters(lines: Sequence[Line]) -> int:
    """Letters in the words of two letters or more that Tesseract is sure of."""
    total = 0
    for line in lines:
        for word in line.words:
            letters = sum(character.isalpha() for character in word.text)
            if letters >= 2 and word.confidence >= SURE_CONFIDENCE:
                total += letters
    return total


def text_ink(image: Bitmap) -> TextInk:
    """The page at half size with only its glyph-sized ink, and the pieces it groups into
    (glyphs joined across a gap of their height, whichever way the print runs)."""
    small = cv2.resize(image, None, fx=READING_SCALE, fy=READING_SCALE,
                       interpolation=cv2.INTER_AREA).astype(np.uint8)
    ink = (small < ANY_INK).astype(np.uint8)  # thin strokes stay whole at half size
    count, labels, stats = labelled(ink)
    low, high = GLYPH_HEIGHT
    sizes = stats[:, [cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT]]
    glyph = (sizes.max(axis=1) >= low) & (sizes.max(axis=1) <= high)
    glyph[0] = False
    kept = glyph[labels].astype(np.uint8)
    if count <= 1 or not kept.any():
        return TextInk(np.full(small.shape, 255, np.uint8), ())
    height = int(np.median(sizes[glyph].max(axis=1)))
    joined = cv2.dilate(kept, np.ones((max(height, 3),) * 2, np.uint8))
    groups, group_of, boxes = labelled(joined)
    on = kept > 0
    pairs = np.unique(group_of[on].astype(np.int64) * count + labels[on])
    glyphs = np.bincount(pairs // count, minlength=groups)
    order = sorted(in_scan_order(group_of, boxes, np.arange(1, groups)).tolist(),
                   key=lambda g: -int(glyphs[g]))
    pieces: list[Box] = []
    across = down = _PAD
    for group in (g for g in order[:MAX_PIECES] if glyphs[g] >= 2):
        left, top, width, height = (int(v) for v in boxes[group, :4])
        piece = Box(left, top, min(width, PIECE_SIDE), min(height, PIECE_SIDE))
        if across + piece.width + _PAD > CANVAS_SIDE or down + piece.height + _PAD > CANVAS_SIDE:
            continue
        pieces.append(piece)
        across, down = across + piece.width + _PAD, down + piece.height + _PAD
    return TextInk(np.where(on, small, 255).astype(np.uint8), tuple(pieces))


def piece_canvas(ink: TextInk) -> Bitmap:
    """The pieces on white, down a diagonal: no two share a row or a column, so that each is
    a line of its own as the canvas lies and under every turn (turning the canvas turns each
    piece)."""
    width = sum(piece.width + _PAD for piece in ink.pieces) + _PAD
    height = sum(piece.height + _PAD for piece in ink.pieces) + _PAD
    canvas = np.full((height, width), 255, dtype=np.uint8)
    left = top = _PAD
    for piece in ink.pieces:
        canvas[top : top + piece.height, left : left + piece.width] = \
            ink.image[piece.top : piece.bottom, piece.left : piece.right]
        left, top = left + piece.width + _PAD, top + piece.height + _PAD
    return canvas


def detect_on_text_ink(image: Bitmap, ink: TextInk, engine: Engine) -> Orientation | None:
    """Tesseract's orientation detection shown the page's text-like ink alone (at full size,
    the drawing's strokes and the specks whitened)."""
    if not ink.pieces:
        return None
    height, width = image.shape
    keep = cv2.resize((ink.image < 255).astype(np.uint8), (width, height),
                      interpolation=cv2.INTER_NEAREST) > 0
    return engine.orientation(np.where(keep, image, 255).astype(np.uint8))


def reading_scores(canvas: Bitmap, engine: Engine, languages: Sequence[str],
                   turns: Sequence[int], leaning: int = 0) -> dict[int, int]:
    """Letters read surely on the canvas as it lies (0) and under each clockwise turn; the
    other turns are not read when the canvas reads as upright print as it lies."""
    scores = {0: sure_letters(engine.recognize(canvas, languages, PSM_SPARSE))}
    if scores[0] >= UPRIGHT_LETTERS and leaning not in turns:
        return scores | dict.fromkeys(turns, 0)
    for turn in turns:
        scores[turn] = sure_letters(engine.recognize(quarter_turn(canvas, turn), languages,
                                                     PSM_SPARSE))
    return scores


def turn_by_reading(image: Bitmap, engine: Engine, languages: Sequence[str],
                    turns: Sequence[int] = (90, 180, 270), leaning: int = 0,
                    ink: TextInk | None = None) -> int:
    """The clockwise turn (one of `turns`) under which the page's text-like ink reads clearly
    best; 0 when it reads best as it lies, no way reads clearly better than the others, or
    the page holds no text-like ink.

    `leaning` is the turn an unsure orientation detection proposed: two weak signals that
    agree are taken, so that turn needs only to read best, by a few letters. `ink` is the
    page's `text_ink`, when it was found already."""
    ink = ink or text_ink(image)
    if not ink.pieces:
        return 0
    scores = reading_scores(piece_canvas(ink), engine, languages, turns, leaning)
    best = max(turns, key=lambda turn: scores[turn])
    rest = max(score for turn, score in scores.items() if turn != best)
    if scores[best] >= MIN_LETTERS and scores[best] >= MARGIN * rest:
        return best
    if leaning == best and scores[best] >= MIN_AGREEING_LETTERS and scores[best] > rest:
        return best
    return 0
