"""The Engine protocol every OCR adapter implements, and what the adapters share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ocr36.model import Bitmap, Line, Word


@dataclass(frozen=True)
class Orientation:
    """Quarter turns (clockwise, degrees) that make a page upright, and how sure the engine is."""

    rotate: int
    confidence: float
    script: str = ""
    """The script Tesseract's OSD saw (Latin, Cyrillic, Han ...); "" when not told."""


class Engine(Protocol):
    """An OCR engine: stages read pages through this and nothing else."""

    name: str

    def languages(self) -> tuple[str, ...]:
        """The language packs the engine can read with."""
        ...

    def check(self, languages: Sequence[str]) -> None:
        """MissingDependency (exit code 3), naming the remedy, when the engine cannot run or
        any of `languages` is not installed."""
        ...

    def recognize(self, image: Bitmap, languages: Sequence[str], psm: int) -> tuple[Line, ...]:
        """Lines of words with boxes (in `image` pixels) and confidences, in reading order."""
        ...

    def orientation(self, image: Bitmap) -> Orientation | None:
        """How to turn the page upright; None when the engine cannot tell (too little text)."""
        ...

    def versions(self) -> dict[str, str]:
        """The engine's version and that of each installed language pack."""
        ...

    def for_page(self, number: int) -> Engine:
        """The engine that reads page `number` of a document (the same engine, for engines
        whose results do not depend on which page an image comes from)."""
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


def line_of(words: Sequence[Word]) -> Line:
    """A line as an engine gives it: its words and the box around them (no region yet: the
    recognition stage places the line in the layout)."""
    box = words[0].box
    for word in words[1:]:
        box = box.union(word.box)
    return Line(words=tuple(words), box=box, region="")
