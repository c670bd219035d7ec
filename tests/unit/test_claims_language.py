"""The language of a set of claims, by the language its claims cite each other in; claim
numbers whose full stop OCR misread, by their sequence."""

from __future__ import annotations

from text_pages import page_result, typed_line

from ocr36.model import Box, ClaimRef, PageResult, Region, RegionKind
from ocr36.profile import load_profile
from ocr36.structure import build_document

_DESCRIPTION = ["DESCRIPTION", "[001] Die Erfindung betrifft eine Schraube.",
                "[002] Die Schraube hat einen Kopf."]
_GERMAN = ["CLAIMS",
           "1. Schraube mit einem Kopf (1) und einem Schaft (4).",
           "2. Schraube nach Anspruch 1, bei der der Schaft (4) rund ist.",
           "3. Schraube nach einem der Ansprtiche 1 oder 2, aus Stahl."]


def _page(number: int, texts: list[str]) -> PageResult:
    lines = [typed_line(text, 300 + 90 * row) for row, text in enumerate(texts)]
    body = Box(300, 300, 1800, 90 * max(len(texts), 1))
    return page_result(number, lines, (Region(RegionKind.TEXT, body, id="r1"),))


def test_german_claims_under_an_english_heading_are_german() -> None:
    """A national form prints "CLAIMS" over claims written in German: they cite each other
    "nach Anspruch 1" (the plural misread), never "claim 1"."""
    document = build_document([_page(1, _DESCRIPTION), _page(2, _GERMAN)],
                              load_profile("default"))
    (claim_set,) = document.claims
    assert claim_set.lang == "de"
    assert [c.num for c in claim_set.claims] == [1, 2, 3]
    refs = [item for item in claim_set.claims[1].content if isinstance(item, ClaimRef)]
    assert [ref.targets for ref in refs] == [(1,)]


def test_claims_citing_in_the_headings_language_keep_it() -> None:
    english = ["CLAIMS", "1. A screw with a head.",
               "2. The screw according to claim 1, of steel, as in Anspruch 1 of DE 1."]
    document = build_document([_page(1, _DESCRIPTION), _page(2, english)],
                              load_profile("default"))
    assert [s.lang for s in document.claims] == ["en"]
    one = ["CLAIMS", "1. Schraube mit einem Kopf."]  # no citation: the heading's language
    document = build_document([_page(1, _DESCRIPTION), _page(2, one)], load_profile("default"))
    assert [s.lang for s in document.claims] == ["en"]


def test_a_language_another_claims_set_is_in_is_not_taken_twice() -> None:
    """EP B: claims under "Patentansprüche", then claims under "Claims" that (misread) cite
    only in German: the second set keeps its heading's language."""
    pages = [_page(1, _DESCRIPTION), _page(2, ["Patentansprüche", *_GERMAN[1:]]),
             _page(3, ["Claims", "1. A screw with a head.",
                       "2. The screw according to Anspruch 1, of steel."])]
    document = build_document(pages, load_profile("default"))
    assert [s.lang for s in document.claims] == ["de", "en"]


def test_a_claim_number_with_its_full_stop_misread_is_read_by_its_sequence() -> None:
    """A speck made "9." read "9%": claim 9 is found, and the claims after it."""
    claims = ["CLAIMS", "1. A screw with a head.", "2. The screw of claim 1, of steel.",
              "3% The screw of claim 1, of brass.", "4. The screw of claim 3, gilded."]
    document = build_document([_page(1, [*_DESCRIPTION[:1], "[001] A screw."]),
                               _page(2, claims)], load_profile("default"))
    (claim_set,) = document.claims
    assert [c.num for c in claim_set.claims] == [1, 2, 3, 4]
    # a number and a mark inside a claim, with no claim after it, stays the claim's text
    claims = ["CLAIMS", "1. A screw with a head of", "2% of its length, of steel."]
    document = build_document([_page(1, [*_DESCRIPTION[:1], "[001] A screw."]),
                               _page(2, claims)], load_profile("default"))
    assert [c.num for c in document.claims[0].claims] == [1]
