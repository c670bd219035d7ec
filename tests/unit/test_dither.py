"""Bilevel pages whose stroke edges are dithered: told from pages thresholded at half grey
and read softened (`ocr36.preprocess.dither`), on small pages rendered here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr36.preprocess import is_bilevel, is_dithered
from ocr36.preprocess.dither import DITHERED, dither_share, undithered

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
LINE = "Описание изобретения: the quick brown fox jumps over 1234567890"


def _grey_page() -> Image.Image:
    """Lines of Cyrillic and Latin text, 10 pt at 300 dpi, anti-aliased grey edges."""
    if not FONT.is_file():
        pytest.skip("no DejaVu Serif: apt-get install fonts-dejavu-core")
    font = ImageFont.truetype(str(FONT), 42)
    page = Image.new("L", (1400, 800), 255)
    draw = ImageDraw.Draw(page)
    for row in range(12):
        draw.text((20, 10 + 64 * row), LINE, font=font, fill=0)
    return page


def test_a_page_dithered_to_one_bit_is_told_from_one_thresholded() -> None:
    grey = _grey_page()
    dithered = np.asarray(grey.convert("1").convert("L"))  # Floyd-Steinberg
    thresholded = np.asarray(grey.point(lambda value: 255 if value >= 128 else 0))
    assert is_bilevel(dithered) and is_bilevel(thresholded)
    assert dither_share(dithered) > 1.5 * DITHERED
    assert dither_share(thresholded) < DITHERED / 3
    assert is_dithered(dithered) and not is_dithered(thresholded)


def test_a_dithered_page_read_softened_has_whole_edges() -> None:
    grey = _grey_page()
    dithered = np.asarray(grey.convert("1").convert("L"))
    softened = undithered(dithered)
    assert is_bilevel(softened) and dither_share(softened) < DITHERED / 3
    # the strokes a little heavier than the grey page's thresholded at half grey (+11 %)
    printed = int((np.asarray(grey) < 128).sum())
    assert printed < int((softened < 128).sum()) < 1.15 * printed


def test_a_page_with_too_few_edges_to_tell_is_not_dithered() -> None:
    blank = np.full((800, 600), 255, np.uint8)
    blank[100:102, 100:110] = 0
    assert dither_share(blank) == 0.0 and not is_dithered(blank)
