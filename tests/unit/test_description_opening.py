"""After a front page without INID codes (an abstract page), the description opens on the
next page with what it prints first, and a title printed over it is the document's title."""

from __future__ import annotations

import numpy as np

from ocr36.model import (
    Box,
    Heading,
    Line,
    PageLayout,
    PageResult,
    PageText,
    Paragraph,
    Region,
    RegionKind,
    Text,
    Word,
)
from ocr36.profile import load_profile
from ocr36.structure import build_document

WIDTH, HEIGHT = 2480, 3508
LEFT, RIGHT = 300, 2180


def _line(text: str, top: int, centred: bool, region: str) -> Line:
    width = sum(20 * len(part) + 15 for part in text.split()) - 15
    x = (LEFT + RIGHT - width) // 2 if centred else LEFT
    words = []
    for part in text.split():
        words.append(Word(part, Box(x, top, 20 * len(part), 30), 90.0))
        x += 20 * len(part) + 15
    right = RIGHT if not centred and len(text) > 60 else x - 15
    return Line(tuple(words), Box(words[0].box.left, top, right - words[0].box.left, 30),
                region)


def _page(number: int, texts: list[str]) -> PageResult:
    """One region a line, as the layout makes of lines set apart."""
    lines = tuple(_line(text.lstrip("^"), 300 + 90 * row, text.startswith("^"), f"r{row}")
                  for row, text in enumerate(texts))
    regions = tuple(Region(RegionKind.TEXT, line.box, id=line.region) for line in lines)
    layout = PageLayout(number, WIDTH, HEIGHT, 1, regions)
    packed = PageResult.pack(np.full((HEIGHT, WIDTH), 255, dtype=np.uint8))
    return PageResult(number, layout, PageText(number, lines), {}, packed, 0.0, 0, 300)


_LONG = "a housing that is closed by a lid and held by a hinge on one of its sides, as shown"


def _filing() -> list[PageResult]:
    return [
        _page(1, ["^ABSTRACT", f"A device has {_LONG}.", "The lid is of steel."]),
        _page(2, ["^Lidded housing for devices", "CROSS-REFERENCE TO RELATED APPLICATIONS",
                  f"[001] This application claims {_LONG}.",
                  "BACKGROUND OF THE INVENTION", f"[002] Housings are known as {_LONG}."]),
        _page(3, ["CLAIMS", "1. A device comprising a housing.",
                  "2. The device of claim 1, with a lid."]),
    ]


def _text(block: Paragraph) -> str:
    return "".join(item.text for item in block.content if isinstance(item, Text))


def test_the_description_opens_with_the_first_heading_of_its_page() -> None:
    document = build_document(_filing(), load_profile("default"))
    assert [b.text for b in document.description if isinstance(b, Heading)] == [
        "CROSS-REFERENCE TO RELATED APPLICATIONS", "BACKGROUND OF THE INVENTION"]
    assert [b.num for b in document.description if isinstance(b, Paragraph)] == [
        "0001", "0002"]
    assert _text(document.abstract[0]).endswith("The lid is of steel.")
    assert "CROSS" not in _text(document.abstract[0])
    assert document.bookmarks["description"] == 2


def test_a_title_over_the_description_is_the_title() -> None:
    document = build_document(_filing(), load_profile("default"))
    assert [t.text for t in document.bibliographic.titles] == ["Lidded housing for devices"]
    assert document.field_sources["titles"] == "description"
    assert not any("Lidded" in _text(b) for b in document.description
                   if isinstance(b, Paragraph))
