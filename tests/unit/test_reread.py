"""Which pages are read again with other language packs: none, without looking for sections,
when the profile names no other packs."""

from __future__ import annotations

import dataclasses

from text_pages import page_result, typed_line

from ocr36.model import Box, Region, RegionKind
from ocr36.pipeline import reads_other_packs, rereads
from ocr36.profile import load_profile
from ocr36.structure import build_document


def _claims_in_german() -> list:  # type: ignore[type-arg]
    region = Region(RegionKind.TEXT, Box(300, 300, 1800, 2000), id="r1")
    lines = [typed_line("Patentansprüche", 300),
             typed_line("1. Verfahren zur Herstellung einer Verbindung der Formel (I).", 400)]
    return [page_result(1, lines, [region])]


def test_a_profile_without_other_packs_reads_no_page_again() -> None:
    default = load_profile("default")
    assert not reads_other_packs(default)
    assert rereads(_claims_in_german(), default) == []
    ep = load_profile("ep")
    assert reads_other_packs(ep)
    same = dataclasses.replace(ep, language=dataclasses.replace(
        ep.language, sections={"de": ep.language.tesseract, "fr": ep.language.tesseract}))
    assert not reads_other_packs(same)
    assert rereads(_claims_in_german(), same) == []


def test_german_claims_are_read_again_with_the_german_pack() -> None:
    again = rereads(_claims_in_german(), load_profile("ep"))
    assert [(each.page.number, each.packs) for each in again] == [(1, ("deu",))]


_GERMAN = ("[0001] Die Erfindung betrifft ein Verfahren zur Abrechnung der Nutzungsgebühren "
           "für ein Fahrzeug, bei dem die Daten mit einer Einheit und einem Speicher von der "
           "Zentrale zu dem Fahrzeug über eine Verbindung übertragen werden, sowie eine "
           "Vorrichtung zum Durchführen des Verfahrens, die nach dem Stand der Technik "
           "nicht bekannt ist und die auf einer Karte oder in einem Gerät der Anlage liegt.")


def _german_pages() -> list:  # type: ignore[type-arg]
    region = Region(RegionKind.TEXT, Box(300, 300, 1800, 2000), id="r1")
    words = _GERMAN.split()
    lines = [typed_line(" ".join(words[i:i + 8]), 300 + 40 * n)
             for n, i in enumerate(range(0, len(words), 8))]
    blank = page_result(2, [typed_line("FIG. 1", 300)], [region])
    return [page_result(1, lines, [region]), blank]


def test_a_text_in_another_language_is_read_again_with_its_pack() -> None:
    """German text under the English default profile: its text pages (not its drawing)
    are read again with the German pack, once; not where the profile says no."""
    default = load_profile("default")
    again = rereads(_german_pages(), default)
    assert [(each.page.number, each.packs) for each in again] == [(1, ("deu",))]
    off = dataclasses.replace(default, language=dataclasses.replace(
        default.language, read_detected=False))
    assert rereads(_german_pages(), off) == []


def test_the_text_read_again_is_written_in_its_language_without_a_warning() -> None:
    """A page read again with the German pack: the document's language is German, the
    manifest's page says which packs read it again, and no warning asks for a profile; the
    same page not read again warns, naming the Debian package."""
    pages = _german_pages()
    again = [dataclasses.replace(pages[0], read_again_with=("deu",)), pages[1]]
    document = build_document(again, load_profile("default"))
    assert document.lang == "de"
    assert [page.read_again_with for page in document.pages] == [("deu",), None]
    assert not [w for w in document.warnings if "reads as 'de'" in w]
    warned = build_document(pages, load_profile("default"))
    assert [w for w in warned.warnings if "reads as 'de'" in w and "tesseract-ocr-deu" in w]


def test_only_the_regions_of_sections_in_another_language_are_read_again() -> None:
    """A page that ends the English claims in one column and opens the German ones in the
    other: the German column alone is read again, with the German pack alone."""
    english = Region(RegionKind.TEXT, Box(300, 300, 900, 2000), id="r1", column=0)
    german = Region(RegionKind.TEXT, Box(1300, 300, 900, 2000), id="r2", column=1)
    lines = [typed_line("Claims", 300),
             typed_line("1. A method of making a compound of the formula (I).", 400),
             typed_line("Patentansprüche", 300, "r2", 1300),
             typed_line("1. Verfahren zur Herstellung einer Verbindung der Formel (I).", 400,
                        "r2", 1300)]
    again = rereads([page_result(1, lines, [english, german])], load_profile("ep"))
    assert [(each.page.number, each.packs, each.regions) for each in again] == \
        [(1, ("deu",), (("r2", ("deu",)),))]
