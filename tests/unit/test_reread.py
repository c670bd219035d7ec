"""Which pages are read again with other language packs: none, without looking for sections,
when the profile names no other packs."""

from __future__ import annotations

import dataclasses

from text_pages import page_result, typed_line

from ocr36.model import Box, Region, RegionKind
from ocr36.pipeline import pages_to_reread, reads_other_packs
from ocr36.profile import load_profile


def _claims_in_german() -> list:  # type: ignore[type-arg]
    region = Region(RegionKind.TEXT, Box(300, 300, 1800, 2000), id="r1")
    lines = [typed_line("Patentansprüche", 300),
             typed_line("1. Verfahren zur Herstellung einer Verbindung der Formel (I).", 400)]
    return [page_result(1, lines, [region])]


def test_a_profile_without_other_packs_reads_no_page_again() -> None:
    default = load_profile("default")
    assert not reads_other_packs(default)
    assert pages_to_reread(_claims_in_german(), default) == []
    ep = load_profile("ep")
    assert reads_other_packs(ep)
    same = dataclasses.replace(ep, language=dataclasses.replace(
        ep.language, sections={"de": ep.language.tesseract, "fr": ep.language.tesseract}))
    assert not reads_other_packs(same)
    assert pages_to_reread(_claims_in_german(), same) == []


def test_german_claims_are_read_again_with_the_german_pack() -> None:
    again = pages_to_reread(_claims_in_german(), load_profile("ep"))
    assert [(page.number, packs) for page, packs in again] == [(1, ("deu",))]
