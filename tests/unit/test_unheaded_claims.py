"""Claims printed without a heading, found by the document's own evidence."""

from __future__ import annotations

from pathlib import Path

from text_pages import page_result, paragraph_text, typed_line

from ocr36.model import (
    Box,
    PageResult,
    Paragraph,
    Region,
    RegionKind,
)
from ocr36.profile import load_profile
from ocr36.profile.infer import bookmark_settings, sample_of
from ocr36.structure import build_document


def _page(number: int, texts: list[str]) -> PageResult:
    lines = [typed_line(text, 300 + 90 * row) for row, text in enumerate(texts)]
    body = Box(300, 300, 1800, 90 * max(len(texts), 1))
    return page_result(number, lines, (Region(RegionKind.TEXT, body, id="r1"),))


_DESCRIPTION = ["DESCRIPTION", "[001] The invention relates to housings.",
                "[002] The steps are these:", "1. the lid is opened;",
                "2. the lid is closed.", "[003] The lid is of steel."]
_CLAIMS = ["1. A device comprising a housing and a lid, the lid being held",
           "(310) by a hinge.",
           "2. The device according to claim 1, wherein the lid is hinged.",
           "3. The device according to claim 1 or 2, of steel."]


def test_claims_without_a_heading_are_found_on_the_page_after_the_description() -> None:
    document = build_document([_page(1, _DESCRIPTION), _page(2, _CLAIMS)],
                              load_profile("default"))
    claims = document.claims[0].claims
    assert [c.num for c in claims] == [1, 2, 3]
    assert document.bookmarks["claims"] == 2
    paragraphs = [b for b in document.description if isinstance(b, Paragraph)]
    assert [p.num for p in paragraphs] == ["0001", "0002", "0003"]
    # the numbered steps inside a paragraph stay the paragraph's
    assert "1. the lid is opened;" in paragraph_text(paragraphs[1])
    assert not any("A device comprising" in paragraph_text(p) for p in paragraphs)


def test_claims_citing_earlier_claims_are_found_on_the_descriptions_last_page() -> None:
    document = build_document([_page(1, [*_DESCRIPTION, *_CLAIMS])], load_profile("default"))
    assert [c.num for c in document.claims[0].claims] == [1, 2, 3]
    paragraphs = [b for b in document.description if isinstance(b, Paragraph)]
    assert paragraph_text(paragraphs[-1]) == "The lid is of steel."


def test_a_numbered_list_after_the_last_paragraph_is_no_claims() -> None:
    """Two numbered steps that neither start a page nor cite a claim are a list."""
    steps = ["[003] The steps are:", "1. the lid is opened;", "2. the lid is closed.",
             "These steps are repeated."]
    document = build_document([_page(1, [*_DESCRIPTION[:3], *steps])], load_profile("default"))
    assert document.claims == ()


def test_the_profile_turns_it_off(tmp_path: Path) -> None:
    path = tmp_path / "headed.toml"
    path.write_text('extends = "default"\nname = "headed"\n[bookmarks]\n'
                    "claims_without_heading = false\n", "utf-8")
    profile = load_profile(str(path))
    assert not profile.bookmarks.claims_without_heading
    document = build_document([_page(1, _DESCRIPTION), _page(2, _CLAIMS)], profile)
    assert document.claims == ()


def test_an_inferred_profile_tells_the_claims_were_found_without_a_heading() -> None:
    default = load_profile("default")
    pages = [_page(1, _DESCRIPTION), _page(2, _CLAIMS)]
    sample = sample_of(Path("filing.tif"), pages, default)
    settings = {(s.table, s.key): s for s in bookmark_settings([sample], default)}
    found = settings[("bookmarks", "claims_without_heading")]
    assert found.value is True
    assert found.evidence.endswith("on page 2 of filing.tif")
