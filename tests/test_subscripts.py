"""Subscripts after a capital (C₁₋₄, R₁) are read again on their own, with real Tesseract."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr36.ocr import get_engine
from ocr36.subscripts import candidates, read_subscripts
from ocr36.synth.fonts import typeface

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
