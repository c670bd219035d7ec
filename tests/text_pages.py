"""Pages of typed text for the structure stage's tests: words 20 px a letter and 15 px apart,
lines 30 px high, on a blank A4 page at 300 dpi."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ocr36.model import Box, Line, PageLayout, PageResult, PageText, Paragraph, Region, Text, Word

WIDTH, HEIGHT = 2480, 3508
LETTER, SPACE, LINE_HEIGHT = 20, 15, 30


def typed_words(text: str, left: int, top: int) -> list[Word]:
    words, x = [], left
    for part in text.split():
        words.append(Word(part, Box(x, top, LETTER * len(part), LINE_HEIGHT), 90.0))
        x += LETTER * len(part) + SPACE
    return words


def typed_line(text: str, top: int, region: str = "r1", left: int = 300) -> Line:
    """A line of text set from `left`, as wide as its words."""
    words = typed_words(text, left, top)
    right = words[-1].box.left + words[-1].box.width if words else left + 1
    return Line(tuple(words), Box(left, top, max(right - left, 1), LINE_HEIGHT), region)


def page_result(number: int, lines: Sequence[Line], regions: Sequence[Region]) -> PageResult:
    """A page read as these lines in these regions, its image blank."""
    layout = PageLayout(number, WIDTH, HEIGHT, 1, tuple(regions))
    packed = PageResult.pack(np.full((HEIGHT, WIDTH), 255, dtype=np.uint8))
    return PageResult(number, layout, PageText(number, tuple(lines)), {}, packed, 0.0, 0, 300)


def paragraph_text(paragraph: Paragraph) -> str:
    return "".join(item.text for item in paragraph.content if isinstance(item, Text))
