"""Subscripts after a capital (C₁₋₄, R₁) are read again on their own, with real Tesseract."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr36.ocr import get_engine
from ocr36.subscripts import _glyphs, candidates, read_subscripts
from ocr36_synth.fonts import typeface

SIZE = 42  # 10 pt at 300 dpi

# Each line: pieces of (text, is_subscript).
LINES: list[list[tuple[str, bool]]] = [
    [("wherein R", False), ("1", True), (" is selected from hydrogen,", False)],
    [("halogen, C", False), ("1-4", True), (" alkyl, C", False), ("2-8", True),
     (" dialkylamino,", False)],
    [("alkyle C", False), ("3-5", True), (", ou bien R", False), ("2", True),
     (" est absent;", False)],
    [("the compound C, which is CH", False), ("3", True), (" in water,", False)],
    [("Rings A and B, Claim 3, Formula II.", False)],
]


def _render() -> np.ndarray:
    face = typeface("sans")
    regular, small = face.font("regular", SIZE), face.font("regular", int(SIZE * 0.7))
    image = Image.new("L", (2000, 140 + 90 * len(LINES)), 255)
    draw = ImageDraw.Draw(image)
    for row, pieces in enumerate(LINES):
        x, baseline = 120.0, 140 + 90 * row
        for text, subscript in pieces:
            font = small if subscript else regular
            y = baseline + (SIZE * 0.22 if subscript else 0)
            draw.text((x, y), text, font=font, fill=0, anchor="ls")
            x += font.getlength(text)
    return np.where(np.asarray(image) < 128, 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return _render()


def _texts(lines: list) -> list[str]:  # type: ignore[type-arg]
    return [" ".join(word.text for word in line.words) for line in lines]


def test_subscripts_are_read_as_digits(page: np.ndarray) -> None:
    engine = get_engine()
    lines = list(engine.recognize(page, ["eng"], 6))
    assert len(lines) == len(LINES)
    mended = _texts(read_subscripts(page, lines, engine, ["eng"]))
    assert "R1 is selected" in mended[0]
    assert "C1-4 alkyl, C2-8 dialkylamino," in mended[1]
    assert "C3-5, ou bien R2 est absent;" in mended[2]


def test_only_a_capital_followed_by_low_digits_is_a_candidate(page: np.ndarray) -> None:
    engine = get_engine()
    lines = list(engine.recognize(page, ["eng"], 6))
    found = candidates(page, lines)
    assert sorted((c.line, c.lead, c.shape) for c in found) == [
        (0, "R", "d"), (1, "C", "d-d"), (1, "C", "d-d"), (2, "C", "d-d"), (2, "R", "d")]
    before = _texts(lines)
    after = _texts(read_subscripts(page, lines, engine, ["eng"]))
    assert after[3:] == before[3:], "CH3 (a letter before the digit), 'C,' and plain words stay"


def test_a_capital_cut_in_two_and_a_short_dash_are_still_read(page: np.ndarray) -> None:
    """A scan's noise cuts the thin left stroke of a "C" into two arcs and shortens the dash
    of "1-4": the capital is still one glyph, the dash still a dash, and "C1-4" is read."""
    engine = get_engine()
    lines = list(engine.recognize(page, ["eng"], 6))
    word = next(w for w in lines[1].words if w.text.startswith("C"))
    capital, _digit, dash = _glyphs(page, word.box)[:3]
    assert dash.height < dash.width, "the glyph after the first digit is the dash"
    damaged = page.copy()
    middle = capital.top + capital.height // 2
    damaged[middle - 3 : middle + 3, capital.left : capital.left + capital.width // 2] = 255
    short = dash.height * 17 // 10  # longer than high, not twice as long
    damaged[dash.top : dash.bottom, dash.left + short : dash.right] = 255
    assert len(_glyphs(damaged, word.box)) == len(_glyphs(page, word.box))
    found = [c for c in candidates(damaged, lines) if c.line == 1]
    assert [(c.lead, c.shape) for c in found] == [("C", "d-d"), ("C", "d-d")]
    after = _texts(read_subscripts(damaged, lines, engine, ["eng"]))
    assert "C1-4 alkyl, C2-8 dialkylamino," in after[1]
