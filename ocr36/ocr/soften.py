"""An engine that reads a softened copy of the bilevel images it is given.

Tesseract's LSTM recogniser reads gray levels. A bilevel page that was levelled by rotating
it gives it hard, stair-stepped edges on strokes the scanner's threshold had already notched.
A slight Gaussian blur gives back edges closer to the shape the print had, and they read
better. Pages that were not rotated are read as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from ocr36.model import Bitmap, Line
from ocr36.ocr.engine import Engine, Orientation


def soften(image: Bitmap, sigma: float) -> Bitmap:
    """The image blurred with a Gaussian of `sigma` pixels (0: the image itself)."""
    if sigma <= 0:
        return image
    return cv2.GaussianBlur(image, (0, 0), sigma).astype(np.uint8)


class SoftenedEngine:
    """Reads through another engine, each image softened first; orientation is asked of the
    image as it is."""

    def __init__(self, engine: Engine, sigma: float) -> None:
        self._engine = engine
        self._sigma = sigma
        self.name = engine.name

    def languages(self) -> tuple[str, ...]:
        return self._engine.languages()

    def check(self, languages: Sequence[str]) -> None:
        self._engine.check(languages)

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        return self._engine.recognize(soften(image, self._sigma), languages, psm)

    def orientation(self, image: Bitmap) -> Orientation | None:
        return self._engine.orientation(image)

    def versions(self) -> dict[str, str]:
        return self._engine.versions()

    def for_page(self, number: int) -> Engine:
        return SoftenedEngine(self._engine.for_page(number), self._sigma)


def page_reader(engine: Engine, sigma: float, skew: float, every_page: bool = False) -> Engine:
    """The engine a page's text is read through: softening by `sigma` a page the deskew
    levelled (`skew` degrees), whose edges rotation left stair-stepped; a page as it was
    scanned is read as it is, unless `every_page` (dense CJK strokes read better softened)."""
    return SoftenedEngine(engine, sigma) if sigma > 0 and (skew or every_page) else engine
