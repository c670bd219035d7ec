"""Front pages of other offices: the language of each title and of the text told by their
own words, priorities and PCT numbers as WIPO and the USPTO print them, party names over
two lines, and a line the layout read twice (cut short and whole) kept once."""

from __future__ import annotations

import pytest
from text_pages import page_result, typed_line

from ocr36.languages.evidence import candidates, language_of, text_language
from ocr36.model import Box, Line, PageResult, Region, RegionKind
from ocr36.profile import load_profile
from ocr36.structure import build_document
from ocr36.structure.fields import parse_application_number, parse_ipc, parse_priorities
from ocr36.structure.frontcolumns import without_doubles
from ocr36.structure.frontpage import read_front_page
from ocr36.structure.parties import parse_parties
from ocr36.structure.stream import LineEvent

_GERMAN = ("Die Erfindung betrifft ein Verfahren zum Betreiben einer Akku-Handlampe, die mit "
           "einem Schalter und einer Leuchte versehen ist, wobei die Leuchte durch den "
           "Schalter mit der Batterie verbunden wird und im Betrieb nicht warm werden soll, "
           "sowie eine Vorrichtung zur Durchführung des Verfahrens bei der Montage. ") * 2


def test_the_language_of_a_text_is_told_by_its_words() -> None:
    langs = candidates("en")
    assert langs[0] == "en" and {"de", "fr"} <= set(langs) and "ru" not in langs
    assert language_of("Verfahren zum Betreiben einer Akku-Handlampe", langs) == "de"
    assert language_of("Procédé de fabrication d'une lampe pour véhicule", langs) == "fr"
    assert language_of("Method for operating a hand lamp", langs) == "en"
    assert language_of("Spanplattenschraube", langs) == ""  # no evidence: no answer
    assert text_language([_GERMAN], "en") == "de"
    assert text_language(["Die Erfindung betrifft"], "en") == "en"  # too few words: the profile's
    # a profile's language with no evidence words of its own is never outvoted
    assert candidates("vi") == ("vi",) and text_language([_GERMAN], "vi") == "vi"


def _event(text: str, top: int, region: str = "r1", left: int = 300,
           gap: int = 10) -> LineEvent:
    return LineEvent(1, typed_line(text, top, region, left), 3, gap)


def test_each_of_three_titles_is_tagged_with_its_own_language() -> None:
    """EP prints the title in German, English and French whatever the language of the
    proceedings; a profile's order of title languages is no evidence of which is which."""
    front = [_event("(54) VERFAHREN ZUM BETREIBEN EINER LAMPE", 200),
             _event("METHOD FOR OPERATING A LAMP", 300, gap=60),
             _event("PROCÉDÉ POUR FAIRE FONCTIONNER UNE LAMPE", 400, gap=60)]
    titles = read_front_page(front, load_profile("ep")).bibliographic.titles
    assert [(t.lang, t.text.split()[0]) for t in titles] == [
        ("de", "VERFAHREN"), ("en", "METHOD"), ("fr", "PROCÉDÉ")]
    one = [_event("(54) Spanplattenschraube", 200)]
    assert [t.lang for t in read_front_page(one, load_profile("default"), text_lang="de")
            .bibliographic.titles] == ["de"]  # no words of its own: the text's language


@pytest.mark.parametrize(("printed", "order", "found"), [
    ("Priority Data: 10154112 3 November 2001 (03.11.2001) DE", "dmy",
     [("DE", "10154112", "20011103")]),
    ("Priority Data: RO, SE, SK, TR). 2008-148514 5 June 2008 (05.06.2008) JP . Published:",
     "dmy", [("JP", "2008-148514", "20080605")]),
    ("Foreign Application Priority Data: Oct. 26, 2001 (CH) ........ 1974/01 "
     "Nov. 2, 2001 (CH) ........ 1980/01", "mdy",
     [("CH", "1974/01", "20011026"), ("CH", "1980/01", "20011102")]),
    ("Priority: 07.04.2006 JP 2006106198", "dmy", [("JP", "2006106198", "20060407")]),
])
def test_priorities_in_the_order_each_office_prints_them(
        printed: str, order: str, found: list[tuple[str, str, str]]) -> None:
    assert [(p.country, p.doc_number, p.date)
            for p in parse_priorities(printed, order)] == found


def test_the_pct_application_number_is_read_whole() -> None:
    assert parse_application_number(
        "International Application Number: HU, ID, IL, PCT/JP2012/349377 LT, LU") == \
        "PCT/JP2012/349377"
    assert parse_application_number("Application number: 07738344.6") == "07738344.6"


def test_an_ipc_class_with_its_zero_read_twice() -> None:
    assert parse_ipc("HO05B 33/14, CO07D 519/00, CO9K 11/06, H01L 51/00") == (
        "H05B 33/14", "C07D 519/00", "C09K 11/06", "H01L 51/00")


def test_a_party_name_goes_on_over_a_second_line() -> None:
    inventors = parse_parties(["Inventors:", "OHFUCHI, Yoshitaka clo KABUSHIKI KAISHA",
                               "YASKAWA DENKI", "2-1, Kurosaki-Shiroishi,",
                               "Fukuoka 806-0004 (JP)", "Kato, Tomoki", "Sodegaura (JP)"])
    assert [(p.name, p.country) for p in inventors] == [
        ("OHFUCHI, Yoshitaka c/o KABUSHIKI KAISHA YASKAWA DENKI", "JP"),
        ("Kato, Tomoki", "JP")]
    agents = parse_parties(["Representative: Grünecker, Kinkeldey, Stockmair &",
                            "Schwanhäusser Anwaltssozietät", "Leopoldstrasse 4",
                            "80802 München (DE)"])
    assert [(p.name, p.address) for p in agents] == [
        ("Grünecker, Kinkeldey, Stockmair & Schwanhäusser Anwaltssozietät",
         "Leopoldstrasse 4, 80802 München")]


def test_a_line_read_cut_short_and_whole_is_kept_once() -> None:
    """The layout cut the WO title at the edge of the bibliographic column and read it again
    whole in a region of its own, after the other column."""
    cut = _event("(54) Title: Verfahren und System zur Ermittlu", 1700, "r6", 242)
    states = _event("(81) Designated States: AE, AG", 700, "r7", 1300)
    whole = _event("Title: Verfahren und System zur Ermittlung von Gebühren", 1700, "r8",
                   242 + 20 * 4 + 15)
    kept = without_doubles([cut, states, whole])
    assert [e.text for e in kept] == [
        "(54) Title: Verfahren und System zur Ermittlung von Gebühren", states.text]
    assert isinstance(kept[0], LineEvent) and isinstance(kept[0].line, Line)
    assert kept[0].line.region == "r6"
    # other print on the same ink (an edition in superscript read as a line) is no reading
    symbols = _event("(51) G06F 3/01 H04N 5/00", 700, "r2")
    edition = _event("(2006.01)", 700, "r3", 300 + 20 * 9)
    assert without_doubles([symbols, edition]) == [symbols, edition]


def _page(number: int, texts: list[str]) -> PageResult:
    lines = [typed_line(text, 300 + 90 * row) for row, text in enumerate(texts)]
    body = Box(300, 300, 1800, 90 * len(texts))
    return page_result(number, lines, (Region(RegionKind.TEXT, body, id="r1"),))


def test_a_german_filing_read_with_the_default_profile_is_german() -> None:
    """Its text, its unheaded claims and its title take German by their words; the profile
    that reads it with the English pack is named in a warning."""
    description = ["BESCHREIBUNG", "[001] Die Erfindung betrifft eine Schraube mit einem Kopf",
                   "und einem Schaft, der mit einem Gewinde versehen ist.",
                   "[002] Die Schraube wird in das Holz eingeschraubt, wobei die Spitze",
                   "das Loch selbst bohrt und die Späne aus dem Loch geführt werden.",
                   "[003] Der Kopf ist mit einer Ausnehmung für den Antrieb versehen,",
                   "die bei der Montage nicht beschädigt wird und für das Werkzeug dient."]
    claims = ["1. Schraube mit einem Kopf und einem Schaft, der mit einem Gewinde",
              "versehen ist, wobei die Spitze das Loch bohrt.",
              "2. Schraube nach Anspruch 1, wobei der Kopf eine Ausnehmung für",
              "den Antrieb aufweist und die Späne aus dem Loch geführt werden."]
    document = build_document([_page(1, description), _page(2, claims)],
                              load_profile("default"))
    assert document.lang == "de"
    assert [c.lang for c in document.claims] == ["de"]
    assert any("reads as 'de'" in warning for warning in document.warnings)


def test_care_of_with_its_slash_read_as_f_is_mended() -> None:
    inventors = parse_parties(["MIYAZATO, Toshitaka cfo KABUSHIKI KAISHA", "YASKAWA DENKI",
                               "Fukuoka 806-0004 (JP)"])
    assert [p.name for p in inventors] == [
        "MIYAZATO, Toshitaka c/o KABUSHIKI KAISHA YASKAWA DENKI"]
