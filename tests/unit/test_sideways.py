"""A page of narrow columns of text, upright, is not judged to lie on its side (its profile up
the page is the sharper, its lines still run across); a page of text on its side still is."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr36.preprocess import binarize, deskew, estimate_level, quarter_turn, rotate
from ocr36_synth.fonts import typeface

A4 = (2480, 3508)
WORDS = ("claim", "wherein", "the", "said", "device", "according", "to", "any", "one", "of",
         "preceding", "claims", "characterised", "in", "that", "a", "first", "second", "member")


def _columns(width: int, columns: int) -> np.ndarray:
    """An A4 page at 300 dpi of `columns` columns of text `width` pixels wide, the lines of
    the second column halfway between those of the first, skewed by a degree, bilevel."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    font = typeface("serif").font("regular", 34)
    pick = random.Random(3)
    for column in range(columns):
        left = 300 + column * (width + 200)
        top = 300 + column * 23
        for row in range(62):
            line: list[str] = []
            while draw.textlength(" ".join([*line, word := pick.choice(WORDS)]),
                                  font=font) <= width:
                line.append(word)
            draw.text((left, top + 46 * row), " ".join(line), fill=0, font=font)
    return binarize(rotate(np.asarray(page), 1.0), "otsu")


@pytest.mark.parametrize(("width", "columns"), [(500, 1), (500, 2)])
def test_narrow_columns_upright_are_not_on_their_side(
        width: int, columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _columns(width, columns)
    estimate, sideways = estimate_level(page, 5.0)
    assert not sideways
    # (two columns whose lines fall between each other's are levelled where they align)
    assert columns == 2 or abs(estimate.angle + 1.0) <= 0.1
    # the profile alone would have had the page on its side
    monkeypatch.setattr(deskew, "print_runs_up", lambda binary, skew: True)
    assert estimate_level(page, 5.0)[1]


def test_a_page_of_text_on_its_side_still_is() -> None:
    estimate, sideways = estimate_level(quarter_turn(_columns(1800, 1), 90), 5.0)
    assert sideways
    assert abs(estimate.angle + 1.0) <= 0.1
