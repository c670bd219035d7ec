"""Front-page fields of other offices: kind words per language, dates in the office's order,
numbers as the office writes them, and the title printed again over the description."""

from __future__ import annotations

import pytest

from ocr36.model import Box, Line, Word
from ocr36.profile import load_profile
from ocr36.structure.continued import repeated_title, title_over_description
from ocr36.structure.fields import parse_date, parse_publication_number
from ocr36.structure.frontpage import date_order, gather_abstract, inid_fields, read_front_page
from ocr36.structure.offices import kind_of_words
from ocr36.structure.stream import LineEvent


@pytest.mark.parametrize(("printed", "kind"), [
    ("(12) EUROPEAN PATENT APPLICATION", "A"),
    ("(12) EUROPEAN PATENT SPECIFICATION", "B"),
    ("(12) NEW EUROPEAN PATENT SPECIFICATION", "B"),
    ("(12) EUROPÄISCHE PATENTANMELDUNG", "A"),
    ("(12) FASCICULE DE BREVET EUROPEEN", "B"),
    ("(12) INTERNATIONAL APPLICATION PUBLISHED UNDER THE PATENT COOPERATION TREATY (PCT)",
     "A"),
    ("(12) United States Patent", "B"),
    ("(12) Patent Application Publication", "A"),
    ("(12) EUROPEAN PATENT APPLICAT1ON", "A"),  # one slip of OCR
    ("(72) Inventor: Smith, John", ""),
])
def test_kind_words_per_language_tell_the_kind(printed: str, kind: str) -> None:
    assert kind_of_words(printed) == kind


@pytest.mark.parametrize(("printed", "order", "value"), [
    ("9 July 2003 (09.07.2003)", "dmy", "20030709"),
    ("Sep. 18, 2007", "dmy", "20070918"),
    ("13/05/2008", "mdy", "20080513"),  # a day over 12 tells the order
    ("05/13/2008", "dmy", "20080513"),
    ("05/06/2008", "mdy", "20080506"),
    ("2016-08-12", "mdy", "20160812"),
])
def test_dates_in_the_order_their_numbers_allow(printed: str, order: str, value: str) -> None:
    assert parse_date(printed, order) == value


def test_numbers_as_the_office_writes_them() -> None:
    assert parse_publication_number("Patent No.: US 7,272,630 B2") == ("US", "07272630", "B2")
    assert parse_publication_number("Pub. No.: US 2005/0004437 A1") == (
        "US", "20050004437", "A1")
    assert parse_publication_number("WO 2003/325900 A1") == ("WO", "2003325900", "A1")
    # the kind's digit read as a letter
    assert parse_publication_number("EP 1 921 219 Al") == ("EP", "1921219", "A1")
    # its large bold 1 read as two thin glyphs (EP A, light scan defects)
    assert parse_publication_number("(11) EP 1 325 900 Ail") == ("EP", "1325900", "A1")
    assert parse_publication_number("EP 1 325 900 A in") == ("EP", "1325900", "A")
    assert date_order("US", load_profile("default")) == "mdy"
    assert date_order("EP", load_profile("default")) == "dmy"
    assert date_order("US", load_profile("ep")) == "dmy"  # a profile naming its office wins


def _line(text: str, page: int, top: int) -> LineEvent:
    box = Box(200, top, 40 * len(text), 40)
    words = tuple(Word(part, box, 90.0) for part in text.split())
    return LineEvent(page=page, line=Line(words=words, box=box, region="r1"), region_lines=1,
                     gap_above=10)


def test_wo_and_us_numbers_by_code_10_and_the_kind_by_the_words_of_12() -> None:
    wo = [_line("(12) INTERNATIONAL APPLICATION PUBLISHED UNDER THE PATENT COOPERATION "
                "TREATY (PCT)", 1, 230),
          _line("(43) International Publication Date", 1, 500),
          _line("9 July 2003 (09.07.2003)", 1, 555),
          _line("(10) International Publication Number", 1, 600),
          _line("WO 2003/325900 A1", 1, 650),
          _line("(54) Title: PROCESS FOR PRODUCING FLUOROALKANOL", 1, 700)]
    bibliographic = read_front_page(wo, load_profile("default")).bibliographic
    assert (bibliographic.country, bibliographic.doc_number, bibliographic.kind,
            bibliographic.publication_date) == ("WO", "2003325900", "A1", "20030709")
    assert [t.text for t in bibliographic.titles] == ["PROCESS FOR PRODUCING FLUOROALKANOL"]
    ep = [_line("(11) EP 1 921 219", 1, 200), _line("(12) EUROPEAN PATENT APPLICATION", 1, 300)]
    assert read_front_page(ep, load_profile("default")).bibliographic.kind == "A"


def test_the_title_over_the_description_is_no_part_of_the_abstract() -> None:
    events = [_line("ABSTRACT", 1, 300),
              _line("A process for producing a fluoroalkanol is provided.", 1, 400),
              _line("The product is distilled.", 2, 300),
              _line("PROCESS FOR PRODUCING FLUOROALKANOL", 2, 400)]
    continued = title_over_description(events)
    assert (continued.front, continued.title, continued.description) == (
        events[:3], events[3:], [])
    front = read_front_page(events, load_profile("default"))
    assert [t.text for t in front.bibliographic.titles] == ["PROCESS FOR PRODUCING FLUOROALKANOL"]
    assert front.sources == {"titles": "description"}
    (paragraph,) = front.abstract
    assert "FLUOROALKANOL" not in str(paragraph.content)
    # on the first page, or as running text, it stays
    assert title_over_description(events[:2]).title == []
    ending = [*events[:3], _line("The end of the abstract.", 2, 400)]
    assert title_over_description(ending).front == ending
    # alike to the title read by (54), in any case
    titled = [*events[:3], _line("Process for producing fluoroalkanol", 2, 400)]
    assert title_over_description(titled, "Process for producing fluoroalkanol").title == \
        titled[3:]


def test_the_description_begins_where_the_abstract_ends_on_a_later_page() -> None:
    """The description's first heading is none the profile knows: the title over it, the
    heading and the first numbered paragraph are no part of the abstract."""
    events = [_line("(54) Title: Material for organic devices", 1, 200),
              _line("(57) Provided is a material for organic devices.", 1, 300),
              _line("MATERIAL FOR ORGANIC DEVICES", 2, 300),
              _line("CROSS-REFERENCE TO RELATED APPLICATIONS", 2, 400),
              _line("[0001] The present application is a continuation.", 2, 500)]
    front = read_front_page(events, load_profile("default"))
    assert [t.text for t in front.bibliographic.titles] == ["Material for organic devices"]
    assert front.description == tuple(events[3:])
    (paragraph,) = front.abstract
    assert "continuation" not in str(paragraph.content)


def test_an_abstract_going_on_at_the_top_of_page_2_is_the_abstracts() -> None:
    """Reading order ends page 1 with a field of the right column; the abstract goes on on
    page 2 with no code and no heading, before the description."""
    events = [_line("(54) SIMULATION DEVICE", 1, 1200),
              _line("(57) A simulation device has a housing", 1, 1400),
              _line("(74) Representative: Weber, Anna", 1, 900),
              _line("with a display and a memory.", 2, 300),
              _line("The values are shown.", 2, 350)]
    (paragraph,) = read_front_page(events, load_profile("default")).abstract
    assert "housing with a display and a memory. The values are shown." in \
        " ".join(str(part) for part in paragraph.content)
    fields = inid_fields(events)
    gather_abstract(fields)
    assert {f.code: f.text for f in fields}["74"] == "Representative: Weber, Anna"


def test_a_wo_title_ends_before_the_drawing_and_a_reference_sign_opens_no_field() -> None:
    """The drawing's labels that reading order gives the last field of a column, past a gap,
    are not the title's; '(31).' in the abstract is a reference sign, not the code (31)."""
    events = [_line("(51) International Patent Classification:", 1, 600),
              _line("A4S5D 8/20, A6G1B 5/0205", 1, 650),
              _line("(54) Title: Bobby pin", 1, 1900),
              _line("FIG. 1A", 1, 3100),
              _line("(57) A bobby pin has two rods (30) extending from a base member", 1, 2000),
              _line("(31). A shaft (310) stands on the base member.", 1, 2050)]
    front = read_front_page(events, load_profile("default"))
    assert [t.text for t in front.bibliographic.titles] == ["Bobby pin"]
    assert front.bibliographic.ipc == ("A45D 8/20", "A61B 5/0205")
    (paragraph,) = front.abstract
    assert "base member (31). A shaft (310) stands" in \
        " ".join(str(part) for part in paragraph.content)


@pytest.mark.parametrize("printed", ["(54) ‘Title: Device model agent",
                                     "(54) Tide: Device model agent",
                                     "(54) Titie: Device model agent"])
def test_the_title_label_as_a_scan_reads_it_is_no_part_of_the_title(printed: str) -> None:
    events = [_line("(43) International Publication Date", 1, 500), _line(printed, 1, 700)]
    titles = read_front_page(events, load_profile("default")).bibliographic.titles
    assert [t.text for t in titles] == ["Device model agent"]


def _placed(text: str, left: int, top: int, width: int) -> LineEvent:
    box = Box(left, top, width, 42)
    return LineEvent(page=3, line=Line(words=(Word(text, box, 90.0),), box=box, region="r1"),
                     region_lines=1, gap_above=30)


def test_the_title_repeated_under_the_description_heading_is_no_heading() -> None:
    """CNIPA prints the invention's title centred under 说明书: the title read on the front
    page, not a line of the description; a centred line unlike it stays."""
    title = _placed("一种医用放射治疗装置", 1030, 400, 420)
    heading = _placed("技术领域", 1150, 480, 170)
    text = [_placed("[0001]本发明涉及医疗器械领域，特别是一种医用放射治疗装置。", 280, 560, 1920),
            _placed("[0002]放射治疗是治疗肿瘤的主要手段之一。", 280, 640, 1200)]
    events = [title, heading, *text]
    assert repeated_title(events, ["一种医用放射治疗装置"]) == [heading, *text]
    assert repeated_title(events, ["抗HEPCIDIN抗体及其用途"]) == events
    assert repeated_title(text, ["一种医用放射治疗装置"]) == text
