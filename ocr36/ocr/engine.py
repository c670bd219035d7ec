"""The Engine protocol every OCR adapter implements, and the registry of adapters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ocr36.errors import BadArguments
from ocr36.model import Bitmap, Line


@dataclass(frozen=True)
class Orientation:
    """Quarter turns (clockwise, degrees) that make a page upright, and how sure the engine is."""

    rotate: int
    confidence: float


class Engine(Protocol):
    name: str

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        """Lines of words with boxes (in `image` pixels) and confidences, in reading order."""
        ...

    def orientation(self, image: Bitmap) -> Orientation | None:
        """How to turn the page upright; None when the engine cannot tell (too little text)."""
        ...

    def versions(self) -> dict[str, str]:
        """The engine's version and that of each installed language pack."""
        ...


MAX_CANVAS_HEIGHT = 16000
"""Pieces read together are stacked on canvases no higher than this (Tesseract refuses
images of 32768 pixels or more on a side)."""

TESSERACT_VARIABLES = {"preserve_interword_spaces": "0", "tessedit_do_invert": "0"}
"""Tesseract settings every adapter uses: single spaces between words, and no second reading
of a poorly read line as white print on black (a patent page has none; the second reading
costs time on every noisy line)."""

ENGINES = ("pytesseract", "tesserocr")
DEFAULT_ENGINE = "tesserocr"
"""The engine the commands use when none is named."""


def get_engine(name: str = DEFAULT_ENGINE) -> Engine:
    if name == "pytesseract":
        from ocr36.ocr.tesseract import TesseractEngine

        return TesseractEngine()
    if name == "tesserocr":
        from ocr36.ocr.tesserocr import TesserocrEngine

        return TesserocrEngine()
    raise BadArguments(f"unknown OCR engine {name!r}; known: {', '.join(ENGINES)}")
