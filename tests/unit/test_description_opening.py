"""After a front page without INID codes (an abstract page), the description opens on the
next page with what it prints first, and a title printed over it is the document's title."""

from __future__ import annotations

from text_pages import LETTER, LINE_HEIGHT, SPACE, page_result, paragraph_text, typed_words

from ocr36.model import (
    Box,
    Heading,
    Line,
    PageResult,
    Paragraph,
    Region,
    RegionKind,
)
from ocr36.profile import load_profile
from ocr36.structure import build_document

LEFT, RIGHT = 300, 2180


def _line(text: str, top: int, centred: bool, region: str) -> Line:
    width = sum(LETTER * len(part) + SPACE for part in text.split()) - SPACE
    words = typed_words(text, (LEFT + RIGHT - width) // 2 if centred else LEFT, top)
    right = RIGHT if not centred and len(text) > 60 else words[-1].box.left + words[-1].box.width
    return Line(tuple(words), Box(words[0].box.left, top, right - words[0].box.left, LINE_HEIGHT),
                region)


def _page(number: int, texts: list[str]) -> PageResult:
    """One region a line, as the layout makes of lines set apart."""
    lines = [_line(text.lstrip("^"), 300 + 90 * row, text.startswith("^"), f"r{row}")
             for row, text in enumerate(texts)]
    return page_result(number, lines,
                       [Region(RegionKind.TEXT, line.box, id=line.region) for line in lines])


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


def test_the_description_opens_with_the_first_heading_of_its_page() -> None:
    document = build_document(_filing(), load_profile("default"))
    assert [b.text for b in document.description if isinstance(b, Heading)] == [
        "CROSS-REFERENCE TO RELATED APPLICATIONS", "BACKGROUND OF THE INVENTION"]
    assert [b.num for b in document.description if isinstance(b, Paragraph)] == [
        "0001", "0002"]
    assert paragraph_text(document.abstract[0]).endswith("The lid is of steel.")
    assert "CROSS" not in paragraph_text(document.abstract[0])
    assert document.bookmarks["description"] == 2


def test_a_title_over_the_description_is_the_title() -> None:
    document = build_document(_filing(), load_profile("default"))
    assert [t.text for t in document.bibliographic.titles] == ["Lidded housing for devices"]
    assert document.field_sources["titles"] == "description"
    assert not any("Lidded" in paragraph_text(b) for b in document.description
                   if isinstance(b, Paragraph))
