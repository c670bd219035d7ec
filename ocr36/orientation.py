"""Which way up a page is, told by reading it.

Tesseract's orientation detection needs a fair amount of text to be sure. A drawing sheet has
a few labels ("FIG. 2", "Docket No. ...") and a nearly empty page a heading and a page number:
on such a page the detection guesses, and its guess alone is not taken. The page is then read
at half size as it lies and under each turn it may need. Upright print is read as words
Tesseract is sure of; print on its side or upside down gives a few unsure fragments. A turn is
taken when it reads clearly more than every other way, the page as it lies included, or when
it is the detection's guess and reads more than every other way.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from ocr36.model import Bitmap, Line
from ocr36.ocr.engine import Engine

READING_SCALE = 0.5
"""Labels and headings stay legible at half size, and reading four ways costs a quarter."""
PSM_SPARSE = 11
"""Tesseract's sparse-text mode: labels scattered over a drawing are found one by one."""
SURE_CONFIDENCE = 80.0
MIN_LETTERS = 6
"""Fewer letters read surely than this (one short label) tell nothing."""
MARGIN = 2.0
"""The turn taken reads at least this many times the letters of any other way."""
MIN_AGREEING_LETTERS = 4
"""Letters enough for the turn the orientation detection leaned to ("FIG" and a letter)."""


def quarter_turn(image: Bitmap, degrees_clockwise: int) -> Bitmap:
    turns = (degrees_clockwise // 90) % 4
    return np.ascontiguousarray(np.rot90(image, k=-turns)) if turns else image


def sure_letters(lines: Sequence[Line]) -> int:
    """Letters in the words of two letters or more that Tesseract is sure of."""
    total = 0
    for line in lines:
        for word in line.words:
            letters = sum(character.isalpha() for character in word.text)
            if letters >= 2 and word.confidence >= SURE_CONFIDENCE:
                total += letters
    return total


def reading_scores(image: Bitmap, engine: Engine, languages: Sequence[str],
                   turns: Sequence[int]) -> dict[int, int]:
    """Letters read surely with the page as it lies (0) and under each clockwise turn."""
    small = cv2.resize(image, None, fx=READING_SCALE, fy=READING_SCALE,
                       interpolation=cv2.INTER_AREA).astype(np.uint8)
    return {turn: sure_letters(engine.recognize(quarter_turn(small, turn), languages,
                                                PSM_SPARSE))
            for turn in (0, *turns)}


def turn_by_reading(image: Bitmap, engine: Engine, languages: Sequence[str],
                    turns: Sequence[int] = (90, 180, 270), leaning: int = 0) -> int:
    """The clockwise turn (one of `turns`) under which the page reads clearly best; 0 when
    the page reads best as it lies or no way reads clearly better than the others.

    `leaning` is the turn an unsure orientation detection proposed: two weak signals that
    agree are taken, so that turn needs only to read best, by a few letters."""
    scores = reading_scores(image, engine, languages, turns)
    best = max(turns, key=lambda turn: scores[turn])
    rest = max(score for turn, score in scores.items() if turn != best)
    if scores[best] >= MIN_LETTERS and scores[best] >= MARGIN * rest:
        return best
    if leaning == best and scores[best] >= MIN_AGREEING_LETTERS and scores[best] > rest:
        return best
    return 0
