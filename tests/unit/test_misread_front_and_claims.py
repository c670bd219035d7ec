"""Misreadings of front pages and claims that rules mend in general: a single claim whose
"1." was read as letters, IPC symbols whose slash was lost, titles in three languages under
one (54) with no title languages in the profile, dates written with full stops."""

from __future__ import annotations

import pytest
from text_pages import page_result, typed_line

from ocr36.model import Box, PageResult, Region, RegionKind
from ocr36.profile import load_profile
from ocr36.structure import build_document
from ocr36.structure.fields import parse_date, parse_ipc
from ocr36.structure.ipcslash import mend_slashless, slashless_symbols
from ocr36.structure.stream import LineEvent
from ocr36.structure.titles import split_titles


def _page(number: int, texts: list[str]) -> PageResult:
    lines = [typed_line(text, 300 + 90 * row) for row, text in enumerate(texts)]
    body = Box(300, 300, 1800, 90 * max(len(texts), 1))
    return page_result(number, lines, (Region(RegionKind.TEXT, body, id="r1"),))


_DESCRIPTION = ["DESCRIPTION", "[001] The invention relates to hair pins.",
                "[002] The pin is of steel."]


@pytest.mark.parametrize(("printed", "warned"), [
    ("lL", True), ("l.", True), ("I.", True), ("|.", True),
    ("1,", False),  # a stop read as a comma: a claim number as read before
])
def test_one_claim_whose_number_reads_as_letters_is_claim_1(printed: str, warned: bool) -> None:
    claims = ["CLAIMS", f"{printed} A bobby pin comprising two legs,",
              "the legs being of steel."]
    document = build_document([_page(1, _DESCRIPTION), _page(2, claims)],
                              load_profile("default"))
    (claim,) = document.claims[0].claims
    assert claim.num == 1
    assert any(f"'{printed}'" in warning and "claim 1" in warning
               for warning in document.warnings) is warned


def test_a_claims_page_opening_with_a_word_is_not_made_a_claim() -> None:
    claims = ["CLAIMS", "In summary a bobby pin comprising two legs."]
    document = build_document([_page(1, _DESCRIPTION), _page(2, claims)],
                              load_profile("default"))
    assert not document.claims
    assert any("no numbered claims" in warning for warning in document.warnings)


@pytest.mark.parametrize(("front", "others", "ipc", "warned"), [
    # the description prints the symbol again: its slash goes where that mention has it
    ("(51) Int Cl.: H05B 3702 (2006.01)", ["classified in H05B 37/02 and F21V 23/00"],
     ("F21V 23/00", "H05B 37/02"), False),
    # a search report's mention, the other reading
    ("(51) H05B 3702", ["X H05B 3/702 2006"], ("F21V 23/00", "H05B 3/702"), False),
    # no other mention, or two that disagree: left out, with a warning
    ("(51) H05B 3702", ["the lamp of figure 3702"], ("F21V 23/00",), True),
    ("(51) H05B 3702", ["H05B 37/02; H05B 3/702"], ("F21V 23/00",), True),
])
def test_a_symbol_whose_slash_was_lost_takes_another_mentions_reading(
        front: str, others: list[str], ipc: tuple[str, ...], warned: bool) -> None:
    mended, warnings = mend_slashless(("F21V 23/00",), front, others)
    assert mended == ipc
    assert bool(warnings) is warned
    assert all("H05B 3702" in warning for warning in warnings)


def test_a_slash_read_as_a_one_or_kept_is_no_lost_slash() -> None:
    assert slashless_symbols("(51) E04B 1184 (2006.01) C07C 29/44 H05B 3702") == \
        [("H05B", "3702")]


def _title_lines(groups: list[list[str]]) -> list[LineEvent]:
    """Lines under one another, a wider gap (a line's height) between groups."""
    events, top = [], 300
    for group in groups:
        for row, text in enumerate(group):
            gap = 60 if row == 0 and top > 300 else 10
            top += gap
            events.append(LineEvent(1, typed_line(text, top), 1, gap))
            top += 50
    return events


@pytest.mark.parametrize(("groups", "lang", "titles"), [
    # three titles set apart, told by their words: each its own
    ([["Sound damping and fire resistant panel and its", "manufacturing procedure"],
      ["Schalldämpfungs- und Brandschutzplatte und Verfahren"],
      ["Panneau isolant et résistant au feu et son procédé"]], "en",
     [("en", "Sound damping and fire resistant panel and its manufacturing procedure"),
      ("de", "Schalldämpfungs- und Brandschutzplatte und Verfahren"),
      ("fr", "Panneau isolant et résistant au feu et son procédé")]),
    # one title read with a wider gap inside it: no words of another language, one title
    ([["Device for the cutting of sheets"], ["and method of making the device"]], "en",
     [("en", "Device for the cutting of sheets and method of making the device")]),
])
def test_titles_in_other_languages_are_cut_by_their_words(
        groups: list[list[str]], lang: str, titles: list[tuple[str, str]]) -> None:
    lines = _title_lines(groups)
    found = split_titles(lines, [e.text for e in lines], lang, ())
    assert [(t.lang, t.text) for t in found] == titles


@pytest.mark.parametrize(("printed", "order", "value"), [
    ("06.01.2005", "mdy", "20050106"),  # stops: day first, whatever the office
    ("06/01/2005", "mdy", "20050601"),  # slashes: the office's order
    ("06.01.2005", "dmy", "20050106"),
    ("2005.01.06", "mdy", "20050106"),
])
def test_a_date_with_full_stops_is_day_first(printed: str, order: str, value: str) -> None:
    assert parse_date(printed, order) == value


def test_one_claim_without_a_heading_alone_at_the_end_is_the_claims() -> None:
    claim = ["1. A flooring comprising rectangular floorboards with a surface of",
             "laminate, the boards being joined by a tongue and groove."]
    document = build_document([_page(1, _DESCRIPTION), _page(2, claim)],
                              load_profile("default"))
    (claim_read,) = document.claims[0].claims
    assert claim_read.num == 1
    # a line numbered "1." on a page of its own with more numbered lines after it is no claim
    listed = ["1. the boards are laid;", "[003] The boards are then joined."]
    document = build_document([_page(1, _DESCRIPTION), _page(2, listed)],
                              load_profile("default"))
    assert not document.claims


@pytest.mark.parametrize(("printed", "title"), [
    ("File: CONTROL DEVICE", "CONTROL DEVICE"),  # "Title:" with two slips
    ("Titl: CONTROL DEVICE", "CONTROL DEVICE"),
    ("Method: cutting sheets", "Method: cutting sheets"),  # a word of the title
    ("Tile: A floor tile", "A floor tile"),
])
def test_the_title_label_as_a_light_scan_reads_it_is_no_part_of_the_title(
        printed: str, title: str) -> None:
    lines = _title_lines([[printed]])
    (found,) = split_titles(lines, [e.text for e in lines], "en", ())
    assert found.text == title


@pytest.mark.parametrize(("printed", "symbols"), [
    ("Int Cl.: B60R 7/06, B6E0N 3/12", ("B60R 7/06", "B60N 3/12")),  # a capital between digits
    ("Int Cl: €12Q 1/68", ("C12Q 1/68",)),  # the section C read as a euro sign
    ("A4S5D 8/20", ("A45D 8/20",)),
])
def test_ipc_symbols_as_light_scans_read_them(printed: str, symbols: tuple[str, ...]) -> None:
    assert parse_ipc(printed) == symbols
