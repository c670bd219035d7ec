"""Running heads and feet by repetition; numbering styles discovered per document."""

from __future__ import annotations

from text_pages import page_result, paragraph_text, typed_line

from ocr36.model import (
    Box,
    PageBox,
    PageResult,
    Paragraph,
    Region,
    RegionKind,
    Text,
)
from ocr36.profile import load_profile
from ocr36.structure import build_document
from ocr36.structure.numbering import (
    CLAIM_STYLES,
    PARAGRAPH_STYLES,
    discover,
    sequence_warnings,
    slipped_numbers,
)
from ocr36.structure.running import find_running_lines, read_head_number, shape


def _page(number: int, texts: list[str], bands: tuple[Box, ...] = (),
          start: int = 300) -> PageResult:
    lines = [typed_line(text, start + 45 * row) for row, text in enumerate(texts)]
    body = Box(300, start, 1800, 45 * max(len(texts), 1))
    regions = (Region(RegionKind.TEXT, body, id="r1"),
               *(Region(RegionKind.BAND, b, band="running-header", id=f"b{i}")
                 for i, b in enumerate(bands)))
    return page_result(number, lines, regions)


def _national_filing() -> list[PageResult]:
    """An abstract page first, a running head with office code, number and date on every
    page (read with OCR's slips), paragraphs numbered [001] (read as {001] and [0O2])."""
    head = "CA {} 2016-08-12"
    pages = [
        _page(1, [head.format("2912345"), "ABSTRACT", "A device holds a housing and a lid.",
                  "The lid closes the housing."]),
        _page(2, [head.format("2912345"), "DESCRIPTION", "{001] The invention relates to",
                  "housings of devices.", "{002} A known housing is open.",
                  "[0O3] Here the lid closes it.", "2"]),
        _page(3, [head.format("2912346"), "[004] The lid is hinged.",
                  "[005] The housing is of steel.", "[005] The housing is of steel.",
                  "[007] It is painted.", "3"]),
        _page(4, [head.format("29I2345").replace("29I", "29 I"), "CLAIMS",
                  "1 - A device comprising a housing.",
                  "2 - The device of claim 1 with a lid.", "4"]),
    ]
    return pages


def test_a_line_shape_leaves_out_the_numbers_that_change() -> None:
    assert shape("CA 2912345 2016-08-12  Page 3") == shape("CA 2912345 2016-08-12 Page 14")
    assert shape("EP 1 599 469 B1") == "EP # # # B#"


def test_running_heads_are_found_by_repetition_and_dropped() -> None:
    pages = _national_filing()
    running = find_running_lines(pages)
    assert running.pages_of("head") == 4
    assert all(text.startswith("CA 29") for text in running.texts("head"))
    assert running.texts("foot") == ["2", "3", "4"]
    document = build_document(pages, load_profile("default"))
    every_text = " ".join(paragraph_text(p) for p in (*document.abstract, *document.description)
                          if isinstance(p, Paragraph))
    assert "2016" not in every_text and "CA 29" not in every_text


def test_the_running_head_fills_the_publication_number_and_says_so() -> None:
    head = read_head_number(["CA 2912345 2016-08-12", "CA 2912345 2016-08-12",
                             "CA 2912346 2016-08-12"], "dmy")
    assert (head.country, head.doc_number, head.kind, head.date) == (
        "CA", "2912345", "", "20160812")
    assert read_head_number(["EP 1 599 469 B1"], "dmy").doc_number == "1599469"
    document = build_document(_national_filing(), load_profile("default"))
    bibliographic = document.bibliographic
    assert (bibliographic.country, bibliographic.doc_number,
            bibliographic.publication_date) == ("CA", "2912345", "20160812")
    assert document.field_sources["doc_number"] == "running-head"
    assert document.field_sources["publication_date"] == "running-head"


def test_paragraph_numbers_in_the_documents_own_style_with_misread_brackets() -> None:
    document = build_document(_national_filing(), load_profile("default"))
    # (the abstract page before the description is the front page's to tell)
    paragraphs = [b for b in document.description if isinstance(b, Paragraph)][-6:]
    assert [p.num for p in paragraphs] == ["0001", "0002", "0003", "0004", "0005", "0007"]
    assert paragraph_text(paragraphs[0]) == "The invention relates to housings of devices."
    assert paragraph_text(paragraphs[2]) == "Here the lid closes it."
    assert any("[0006] not found" in w for w in document.warnings)
    assert any("[0005] is printed twice" in w for w in document.warnings)
    assert [c.num for c in document.claims[0].claims] == [1, 2]


def test_styles_are_told_apart_by_the_numbers_in_sequence() -> None:
    four = discover(["[0001] A", "text 2004", "[0002] B", "(12) C", "[0003] D"],
                    PARAGRAPH_STYLES)
    assert four is not None and four.style.name == "[0001]" and four.numbered == 3
    three = discover(["(001] A", "[002] B", "{0O3] C"], PARAGRAPH_STYLES)
    assert three is not None and three.style.name == "[001]" and three.numbered == 3
    pilcrow = discover(["¶ 1 The", "¶ 2 A", "more text", "¶ 3 B"], PARAGRAPH_STYLES)
    assert pilcrow is not None and pilcrow.style.name == "¶ 1"
    wide = discover(["【0001】本発明", "【0002】従来"], PARAGRAPH_STYLES)
    assert wide is not None and wide.style.name == "【0001】"
    assert discover(["2004 was a year", "1999 too"], PARAGRAPH_STYLES) is None
    claims = discover(["1) A device.", "2) The device of claim 1.", "3. 5 mm"], CLAIM_STYLES)
    assert claims is not None and claims.style.name == "1)"
    assert claims.evidence == "'1)' on 2 of 3 numbered lines"


def test_the_one_missing_number_read_with_one_slip_is_taken_between_its_neighbours() -> None:
    # EP A pages: '[0008]' read '[ooos]', '[0006]' read '[00066]'; 200 dpi: '[001]' read 'F001]'
    texts = ["[0005] A", "text", "[00066] B", "[0007] C", "[ooos] D", "[0009] E", "[0011] F",
             "[0O10] G", "[0013] H", "[8014] I", "[0015] J"]
    found = discover(texts, PARAGRAPH_STYLES)
    assert found is not None
    # a number read out of sequence one edit away is the one missing there: [0O10] between
    # [0011] and [0013] is [0012], [8014] is [0014]
    assert slipped_numbers(texts, found) == {2: 6, 4: 8, 7: 12, 9: 14}
    texts = ["RELATED APPLICATIONS", "F001] This application", "[002] The", "[003] A"]
    found = discover(texts, PARAGRAPH_STYLES)
    assert found is not None and slipped_numbers(texts, found) == {1: 1}
    # two lines that could be the missing number, or a number two slips away: none taken
    texts = ["[0001] A", "[0002 B", "{0002 C", "[0003] D", "[0x0y] E", "[0005] F"]
    found = discover(texts, PARAGRAPH_STYLES)
    assert found is not None and slipped_numbers(texts, found) == {}


def test_numbers_missing_in_a_row_read_with_one_slip_each_are_taken() -> None:
    # a light scan's German description: '[0011]' and '[0012]' read 'f0011]', 'f0012]'
    texts = ["[0010] A", "text", "f0011] Das", "more", "f0012] Die", "[0013] B"]
    found = discover(texts, PARAGRAPH_STYLES)
    assert found is not None and slipped_numbers(texts, found) == {2: 11, 4: 12}
    # out of the order of their numbers: none taken
    texts = ["[0010] A", "f0012] Die", "f0011] Das", "[0013] B"]
    found = discover(texts, PARAGRAPH_STYLES)
    assert found is not None and slipped_numbers(texts, found) == {}


def test_the_last_number_read_with_two_slips_of_look_alike_letters_is_taken() -> None:
    # a light scan's EP A page: its last paragraph's '[0008]' read '[eoos]'
    texts = ["[0006] A", "text", "[0007] B", "more", "[eoos] C", "end"]
    found = discover(texts, PARAGRAPH_STYLES)
    assert found is not None and slipped_numbers(texts, found) == {4: 8}
    # two slips that are no look-alikes, or two lines that could be it: none taken
    for last in (["[0x0y] C"], ["[eoos] C", "[e0o8] D"]):
        texts = ["[0006] A", "[0007] B", *last]
        found = discover(texts, PARAGRAPH_STYLES)
        assert found is not None and slipped_numbers(texts, found) == {}


def test_the_profiles_own_pattern_wins() -> None:
    profile = load_profile("ep")
    pages = _national_filing()
    document = build_document(pages, profile)
    paragraphs = [b for b in document.description if isinstance(b, Paragraph)]
    # the ep profile reads four-digit numbers only: the three-digit ones stay text
    assert any("[004] The lid is hinged." in paragraph_text(p) for p in paragraphs)
    assert not any(paragraph_text(p).startswith("The lid is hinged") for p in paragraphs)


def test_gaps_are_reported_with_their_page() -> None:
    box = typed_line("x", 100).box
    blocks = [Paragraph("0001", (Text("a"),), (PageBox(2, box),)),
              Paragraph("0004", (Text("b"),), (PageBox(3, box),))]
    assert sequence_warnings(blocks, []) == [
        "paragraph number [0002] to [0003] not found (before [0004] on page 3)"]
