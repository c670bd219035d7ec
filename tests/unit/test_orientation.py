"""Orientation of pages that give Tesseract's detection little to go by, found at a bounded
cost: a drawing sheet lying on its side, a nearly empty page. Real Tesseract; the engine's
calls are counted (not timed) by a wrapper that passes each one on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr36.model import Bitmap, Line, SourcePage
from ocr36.ocr import get_engine
from ocr36.ocr.engine import Engine, Orientation
from ocr36.orientation import quarter_turn
from ocr36.pages import read_upright
from ocr36.preprocess import preprocess
from ocr36.profile import load_profile
from ocr36_synth.figures import draw_figure
from ocr36_synth.fonts import typeface

A4 = (2480, 3508)
MAX_CALLS = 8
"""Engine calls a page of either kind may cost: its reading (a call or two), the orientation
detection, and at most four readings of a few pieces of it; and once turned, its reading
again."""


class Counting:
    """Passes every call on to the real engine, counting them by method, with the pixels of
    each recognition."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.name = engine.name
        self.calls: Counter[str] = Counter()
        self.pixels = 0

    def languages(self) -> tuple[str, ...]:
        return self.engine.languages()

    def check(self, languages: Sequence[str]) -> None:
        self.engine.check(languages)

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        self.calls["recognize"] += 1
        self.pixels += image.size
        return self.engine.recognize(image, languages, psm)

    def orientation(self, image: Bitmap) -> Orientation | None:
        self.calls["orientation"] += 1
        return self.engine.orientation(image)

    def versions(self) -> dict[str, str]:
        return self.engine.versions()

    def for_page(self, number: int) -> Engine:
        return self


def _drawing_sheet() -> Image.Image:
    """An A4 sheet at 300 dpi with two figures, their labels and a few reference numerals."""
    page = Image.new("L", A4, 255)
    face = typeface("sans")
    draw_figure(page, (300, 300, 1900, 1350), "1", 3, face)
    draw_figure(page, (300, 1900, 1900, 1350), "2", 8, face)
    ImageDraw.Draw(page).text((1240, 3300), "2/5", fill=0, font=face.font("regular", 40),
                              anchor="mm")
    return page


def _nearly_empty() -> Image.Image:
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    font = typeface("serif").font("regular", 46)
    draw.text((300, 260), "EP 1 599 469 B1", fill=0, font=font)
    draw.text((300, 420), "Description of the embodiments continued", fill=0, font=font)
    draw.text((1240, 3300), "12", fill=0, font=font, anchor="mm")
    return page


def _read(image: Image.Image, turned: int) -> tuple[int, Counting]:
    """The rotation the page stage finds for the page turned `turned` degrees clockwise,
    and the engine calls it made."""
    bitmap = quarter_turn(np.where(np.asarray(image) < 128, 0, 255).astype(np.uint8), turned)
    profile = load_profile("default")
    engine = Counting(get_engine())
    clean = preprocess(SourcePage(2, bitmap, 300, True), profile.preprocess, engine,
                       languages=profile.language.tesseract, defer_orientation=True)
    clean, _, _ = read_upright(clean, profile, engine, first=False, psm=profile.ocr.psm_text)
    return clean.rotation, engine


@pytest.mark.parametrize("turned", [0, 90])
def test_a_drawing_sheet_on_its_side_is_turned_upright_at_a_bounded_cost(turned: int) -> None:
    rotation, engine = _read(_drawing_sheet(), turned)
    assert (turned + rotation) % 360 == 0
    assert sum(engine.calls.values()) <= MAX_CALLS, engine.calls
    assert engine.calls["orientation"] <= 1
    # the turns are read on a few pieces of the sheet, not on the sheet itself
    assert engine.pixels <= 2 * A4[0] * A4[1], engine.pixels


@pytest.mark.parametrize("turned", [180, 270])
def test_a_nearly_empty_page_is_turned_upright_at_a_bounded_cost(turned: int) -> None:
    rotation, engine = _read(_nearly_empty(), turned)
    assert (turned + rotation) % 360 == 0
    assert sum(engine.calls.values()) <= MAX_CALLS, engine.calls
    assert engine.pixels <= 2 * A4[0] * A4[1], engine.pixels


def test_a_quarter_turn_is_numpy_s_turn_clockwise() -> None:
    page = np.random.default_rng(4).integers(0, 256, (7, 5)).astype(np.uint8)
    for degrees in (0, 90, 180, 270, 360, -90):
        assert np.array_equal(quarter_turn(page, degrees), np.rot90(page, k=-(degrees // 90)))
