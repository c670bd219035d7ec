"""Structure helpers: de-hyphenation, dates, numbers, IPC, parties, claim references."""

from __future__ import annotations

import re

import pytest

from ocr36.corrections.chemistry import mend_brackets, printed_ranges
from ocr36.corrections.engine import correct
from ocr36.corrections.registry import rules_of
from ocr36.corrections.rule import Evidence
from ocr36.model import Box, ClaimRef, Line, PageMark, Text, Word
from ocr36.paths import profiles_dir
from ocr36.profile import load_profile
from ocr36.structure.body import claim_range, classify_image, mark_claim_refs, read_claims
from ocr36.structure.frontpage import (
    abstract_lines,
    gather_abstract,
    inid_fields,
    large_print_number,
    parse_date,
    parse_ipc,
    parse_kind,
    parse_parties,
    parse_priorities,
    parse_publication_number,
    read_front_page,
    split_columns,
)
from ocr36.structure.sections import _matches
from ocr36.structure.stream import LineEvent
from ocr36.structure.text import InlineBuilder, join_lines, vocabulary_of


@pytest.mark.parametrize(("first", "second", "joined"), [
    ("the ther-", "mal unit", "the thermal unit"),
    ("increasing LDL-", "cholesterol levels", "increasing LDL-cholesterol levels"),
    ("a gray-", "scale image", "a gray-scale image"),
    ("HMG-", "CoA reductase", "HMG-CoA reductase"),
    ("no hyphen", "here", "no hyphen here"),
])
def test_line_end_hyphens(first: str, second: str, joined: str) -> None:
    vocabulary = vocabulary_of(["a gray-scale image elsewhere"])
    assert join_lines(first, second, vocabulary) == joined


@pytest.mark.parametrize(("printed", "order", "value"), [
    ("07.06.2006 Bulletin 2006/23", "dmy", "20060607"),
    ("Filed: 23.04.2004", "dmy", "20040423"),
    ("06/07/2006", "mdy", "20060607"),
    ("2006-06-07", "dmy", "20060607"),
    ("Jun. 7, 2006", "dmy", "20060607"),
    ("no date", "dmy", ""),
])
def test_dates(printed: str, order: str, value: str) -> None:
    assert parse_date(printed, order) == value


def test_numbers_and_classes() -> None:
    assert parse_publication_number("EP 1 599 469 B1") == ("EP", "1599469", "B1")
    assert parse_publication_number("US 2005/0004437 A1") == ("US", "20050004437", "A1")
    assert parse_ipc("CO7D 403/04 (2006.01) AG1K 31/41 (2006.01) C07D 403/04") == (
        "C07D 403/04", "A61K 31/41")
    priorities = parse_priorities("Priority: 31.10.2003 US 516238 P", "dmy")
    assert [(p.country, p.doc_number, p.date) for p in priorities] == [
        ("US", "516238 P", "20031031")]


def test_parties_with_and_without_bullets() -> None:
    bulleted = parse_parties(["Proprietors:", "• Arena Pharmaceuticals, Inc.",
                              "San Diego, CA 92121 (US)", "¢ Merck & Co., Inc.",
                              "Rahway, New Jersey 07065 (US)"])
    assert [(p.name, p.country) for p in bulleted] == [
        ("Arena Pharmaceuticals, Inc.", "US"), ("Merck & Co., Inc.", "US")]
    assert bulleted[0].address == "San Diego, CA 92121"
    plain = parse_parties(["Inventors:", "Kaufmann, Heiner", "Bern (CH)", "Vering, Thomas",
                           "Bremgarten b. Bern (CH)"])
    assert [p.name for p in plain] == ["Kaufmann, Heiner", "Vering, Thomas"]


def test_claim_references_in_three_languages() -> None:
    patterns = {
        "en": r"(?i)\bclaims?\s+(\d+)(?:\s*(?:to|-|–|or|and)\s*(\d+))?",
        "de": r"(?i)\bAnspr(?:uch|üche|uche)\s+(\d+)(?:\s*(?:bis|-|–|oder|und)\s*(\d+))?",
        "fr": r"(?i)\brevendications?\s+(\d+)(?:\s*(?:à|a|-|–|ou|et)\s*(\d+))?",
    }
    cases = [("en", "according to any one of claims 1 to 3, wherein", (1, 2, 3)),
             ("en", "according to claim 1 or 2 having", (1, 2)),
             ("de", "nach einem der Ansprüche 1 bis 4, worin", (1, 2, 3, 4)),
             ("fr", "selon la revendication 1 qui est", (1,))]
    for lang, text, targets in cases:
        content = mark_claim_refs((Text(text),), re.compile(patterns[lang]), claim_count=40,
                                  range_words=claim_range(lang))
        refs = [item for item in content if isinstance(item, ClaimRef)]
        assert [r.targets for r in refs] == [targets]
        assert "".join(getattr(i, "text", "") for i in content) == text
    beyond = mark_claim_refs((Text("as in claim 52"),), re.compile(patterns["en"]), 40)
    assert beyond == (Text("as in claim 52"),)


def test_text_goes_on_across_a_page_break_with_a_space() -> None:
    """"C1-4-Alkylamino," at the foot of a page and "C2-8-Dialkylamino" at the head of the
    next are two words; a word split at the foot keeps its hyphen, with no space."""
    builder = InlineBuilder()
    builder.add_line("Amino, C1-4-Alkylamino,")
    builder.add(PageMark(68))
    builder.add_line("C2-8-Dialkylamino, pharma-")
    builder.add(PageMark(69))
    builder.add_line("zeutisch annehmbar.")
    builder.add(PageMark(70))
    assert builder.build() == (Text("Amino, C1-4-Alkylamino, "), PageMark(68),
                               Text("C2-8-Dialkylamino, pharma-"), PageMark(69),
                               Text("zeutisch annehmbar."), PageMark(70))


def mend_carbon_ranges(text: str, ranges: dict[str, str] | None = None, lang: str = "en") -> str:
    """The chemistry rules over `text` in `lang`, with the ranges a document prints."""
    return correct(text, Evidence(lang, ranges=ranges or {}), rules_of(["chemistry"]))[0]


def test_carbon_ranges_read_from_subscripts() -> None:
    assert mend_carbon_ranges("C,.4-Halogenalkyl, Cz _g-Dialkylamino") == \
        "C1-4-Halogenalkyl, C2-8-Dialkylamino"
    assert mend_carbon_ranges("C,_4 alkoxy and C3.5 cycloalkyl") == \
        "C1-4 alkoxy and C3-5 cycloalkyl"
    assert mend_carbon_ranges("vitamin C, 4 tablets") == "vitamin C, 4 tablets"
    assert mend_carbon_ranges("-S(O)-, or -S(O),-, -S(O)>- und -P(O)o-") == \
        "-S(O)-, or -S(O)2-, -S(O)2- und -P(O)2-"
    assert mend_carbon_ranges("Formula (O), as") == "Formula (O), as"
    assert mend_carbon_ranges("Formula (th)") == "Formula (Ih)"
    assert mend_carbon_ranges("der Formel (1h)", lang="de") == "der Formel (Ih)"
    assert mend_carbon_ranges("formule (if)", lang="fr") == "formule (If)"
    # each language's own noun: no other language's, no language without a words file
    assert mend_carbon_ranges("der Formel (1h)") == "der Formel (1h)"
    assert mend_carbon_ranges("Formula (th)", lang="ja") == "Formula (th)"
    assert mend_carbon_ranges("formula (i), formula (1), formula (2a)") == \
        "formula (i), formula (1), formula (2a)"
    # a speck between the C and its range, a range all punctuation, a ring hydrogen's notch
    assert mend_carbon_ranges('C,1-4-Halogenalkylthio, C.,"-Halogenalkylthio, C,.,"-Alkyl, '
                              'C.4 alkyl') == \
        "C1-4-Halogenalkylthio, C1-4-Halogenalkylthio, C1-4-Alkyl, C1-4 alkyl"
    assert mend_carbon_ranges("6-Methyl-3-(1TH-tetrazol-5-yl), 2 H-pyran, (4|H-thieno") == \
        "6-Methyl-3-(1H-tetrazol-5-yl), 2H-pyran, (4H-thieno"
    assert mend_carbon_ranges("C, 1-4 tablets, 1TH-Test, GTH-alkyl") == \
        "C, 1-4 tablets, 1TH-Test, GTH-alkyl"


def test_a_range_garbled_past_telling_takes_the_one_the_document_prints() -> None:
    lines = ["C1-4 alkoxy, C2-4 alkenyl, C1-4 alkyl, C3-5 cycloalkyl"] * 3 + \
        ["C1-8 alkyl, C1-4 alkoxy", "C1-4 alkyl, C1-4 alkyl, C1-4 alkyl"]
    ranges = printed_ranges(lines)
    assert ranges == {"alkoxy": "1-4", "alkenyl": "2-4", "alkyl": "1-4", "cycloalkyl": "3-5"}
    assert mend_carbon_ranges('The term "C,.,-alkoxy" denotes; C;_, alkenyl, C4., alkyl, '
                              "C©;. cycloalkyl", ranges) == \
        'The term "C1-4-alkoxy" denotes; C2-4 alkenyl, C1-4 alkyl, C3-5 cycloalkyl'
    # a range read right before a comma, a bracket, a group the document prints no range for
    kept = "alkyle C1-4, alkoxy; (C), alkoxy; C,.,-haloalkoxy; C,.,-alkoxy"
    assert mend_carbon_ranges(kept, {"alkyl": "1-4"}) == kept
    # two ranges printed as often before a group: none is taken
    assert "alkyl" not in printed_ranges(["C1-4 alkyl, C1-8 alkyl"] * 3)
    assert mend_carbon_ranges("wherein R, is H and R, and R2 are; N-R, or C atom") == \
        "wherein R1 is H and R1 and R2 are; N-R, or C atom"


def test_braces_read_for_round_brackets() -> None:
    assert mend_brackets("3-(1H-tetrazol-5-yl}-2,4-dihydro", Evidence("en")) == \
        "3-(1H-tetrazol-5-yl)-2,4-dihydro"
    assert mend_brackets("3-(1H-tetrazol-5-yl)}-2,4-dihydro", Evidence("en")) == \
        "3-(1H-tetrazol-5-yl)-2,4-dihydro"
    assert mend_brackets("{(a) and (b)}", Evidence("en")) == "{(a) and (b)}"


def test_image_kinds() -> None:
    import numpy as np

    table = np.full((200, 400), 255, np.uint8)
    table[[0, 100, 199], :] = 0
    table[:, [0, 200, 399]] = 0
    assert classify_image(table) == "table"
    formula = np.full((60, 600), 255, np.uint8)
    formula[20:40, 10:590:20] = 0
    assert classify_image(formula) == "math"
    structure = np.full((300, 300), 255, np.uint8)
    structure[100:200, 150] = 0
    structure[150, 50:250] = 0
    assert classify_image(structure) == "chem"


def _claim_lines(*texts: str) -> list[LineEvent]:
    events = []
    for row, text in enumerate(texts):
        box = Box(100, 100 + 40 * row, 1500, 30)
        words = tuple(Word(part, box, 90.0) for part in text.split())
        events.append(LineEvent(page=4, line=Line(words=words, box=box, region="r1"),
                                region_lines=len(texts), gap_above=10))
    return events


def test_claim_number_with_its_full_stop_read_as_a_comma() -> None:
    pattern = re.compile(r"^(\d{1,3})\s*(?:\.\)|[.)])\s+")
    claims = read_claims(_claim_lines(
        "1. A device comprising a housing.",
        "2. The device of claim 1, wherein the housing is",
        "3, 4 and 5 sided.",
        "3, The device of claim 1, wherein the colour changes.",
        "4. The device of claim 3."), pattern, None, lambda event: "x.tif", frozenset())
    assert [claim.num for claim in claims] == [1, 2, 3, 4]
    assert "3, 4 and 5 sided" in "".join(getattr(item, "text", "") for item in claims[1].content)


def test_a_claim_number_read_with_a_slip_is_taken_where_the_sequence_goes_on() -> None:
    pattern = re.compile(r"^(\d{1,3})\s*(?:\.\)|[.)])\s+")
    lines = ("1. A device.", "2 The device of claim 1.", "3. The device of claim 2,",
             "4 The device of claim 3.", "1. The device of claim 4.")
    claims = read_claims(_claim_lines(*lines), pattern, None, lambda event: "x.tif",
                         frozenset())
    # '2' is taken (3 follows); '4' and the last '1.' are not: no claim 5 is read after them
    assert [claim.num for claim in claims] == [1, 2, 3]
    claims = read_claims(_claim_lines(
        "1. A device.", "2. The device of claim 1, at", "3 mm.", "3. The device.",
        "4. The device of claim 3.", "5 The device of claim 4.", "6. The device.",
        "7. The device.", "B. The device.", "9. The device.", "10. The device.",
        "1. The device of claim 10.", "12. The device of claim 11."),
        pattern, None, lambda event: "x.tif", frozenset())
    assert [claim.num for claim in claims] == list(range(1, 13))
    texts = ["".join(getattr(item, "text", "") for item in claim.content) for claim in claims]
    assert "3 mm" in texts[1] and texts[4] == "The device of claim 4."
    assert texts[10] == "The device of claim 10." and texts[7] == "The device."


def test_a_claim_number_read_as_a_mark_or_after_a_speck_is_taken_in_sequence() -> None:
    # EP A claims under light scan defects: '5.' read '§.', a speck before '8.' read "'"
    pattern = re.compile(r"^(\d{1,3})\s*(?:\.\)|[.)])\s+")
    lines = ("1. A panel.", "2. The panel of claim 1.", "3. The panel.", "4. The panel.",
             "§. The panel of claim 4.", "6. The panel.", "7. The panel.", "'8. A lamp.",
             "9. The lamp of claim 8.")
    claims = read_claims(_claim_lines(*lines), pattern, None, lambda event: "x.tif",
                         frozenset())
    assert [claim.num for claim in claims] == list(range(1, 10))
    texts = ["".join(getattr(item, "text", "") for item in claim.content) for claim in claims]
    assert texts[4] == "The panel of claim 4." and texts[7] == "A lamp."
    # the one claim of a national filing, a speck before its number read as a dash
    claims = read_claims(_claim_lines("What is claimed is:", "- 1. A bobby pin comprising:",
                                      "a clamping rib."), pattern, None,
                         lambda event: "x.tif", frozenset())
    assert [claim.num for claim in claims] == [1]
    assert "".join(getattr(item, "text", "") for item in claims[0].content).startswith("A bobby")


def test_vietnamese_headings_read_with_their_stacked_marks_wrong() -> None:
    vietnamese = load_profile(str(profiles_dir() / "lang" / "vi.toml")).bookmarks
    for read in ("Yêu cẩu bảo hộ", "YÊU CÂU BAO HÔ", "Yêu cầu bảo hộ."):
        assert _matches(read, vietnamese.claims["vi"])
    assert _matches("Mô tá sáng chê", vietnamese.description)
    assert not _matches("Yêu cầu bảo vệ quyền", vietnamese.claims["vi"])
    assert not _matches("Mỗi người", vietnamese.description)


def test_claims_heading_read_with_a_slip_in_a_spelt_out_letter() -> None:
    german = load_profile("default").bookmarks.claims["de"]
    assert _matches("Patentansprtiche", german)  # ü read as "ti"
    assert _matches("PATENTANSPRUCHE", german)
    assert not _matches("Patentinhaber", german)


def test_ipc_editions_printed_in_superscript_are_not_part_of_the_symbol() -> None:
    assert parse_ipc("(51) Int Cl.: C07D 401/12 (2006.01) A61K 31/4439 (2006.01)") == (
        "C07D 401/12", "A61K 31/4439")
    # the superscript read glued to the subgroup, or without its brackets
    assert parse_ipc("C07D 401/122006.01) A61P 3/10 2006.01") == ("C07D 401/12", "A61P 3/10")
    assert parse_ipc("Int. Cl.7: H04N 5/225") == ("H04N 5/225",)


def test_an_ipc_subclass_read_as_a_mark_is_the_one_letter_it_looks_like() -> None:
    # a US grant under light defects: "B25J 13/06" read with its J as ")"
    assert parse_ipc("(51) Int. Cl. B25) 13/06 (2006.01) G05B 19/42") == (
        "B25J 13/06", "G05B 19/42")
    assert parse_ipc("A61[ 9/00; A47] 27/00; G01$ 7/48") == ("A61C 9/00", "A47J 27/00", "G01S 7/48")
    # the slash read as a '1' where exactly one place can hold it (EP A, light defects)
    assert parse_ipc("E04B 1/90 (2006.01) E04B 1184 (2006.01)") == ("E04B 1/90", "E04B 1/84")
    assert parse_ipc("Co07C 29144 °° GO6F 17160") == ("C07C 29/44", "G06F 17/60")
    # a section or subclass read as the small letter of its shape
    assert parse_ipc("co7c 29144 °° Co07C 31/38") == ("C07C 29/44", "C07C 31/38")
    assert parse_ipc("H05B 3702 G06F 1710") == ()  # 3/702 or 37/02; no '1' where one goes
    # a mark two letters could be, or one that stands in no subclass's place, is no symbol
    assert parse_ipc("B25| 13/06") == ()
    assert parse_ipc("see claims (1) 13/06 and (2) 14/07") == ()


def _front_line(text: str, top: int, height: int, page: int = 1) -> LineEvent:
    box = Box(1400 if height > 60 else 200, top, 40 * len(text), height)
    words = tuple(Word(part, box, 90.0) for part in text.split())
    return LineEvent(page=page, line=Line(words=words, box=box, region="r1"), region_lines=1,
                     gap_above=10)


def test_publication_number_read_from_the_large_print_beside_the_bar_code() -> None:
    events = [_front_line("(19) Europäisches Patentamt", 250, 40),
              _front_line("EP 2 345 678 A1", 420, 80),
              _front_line("(12) EUROPEAN PATENT APPLICATION", 620, 50),
              _front_line("(43) Date of publication: 20.07.2011", 760, 40),
              _front_line("(21) Application number: 10196543.2", 820, 40),
              _front_line("(22) Date of filing: 22.12.2010", 880, 40)]
    assert large_print_number(events) == ("EP", "2345678", "A1")
    assert large_print_number(events[2:]) == ("", "", "")
    assert parse_kind(" A1 ") == "A1"
    assert parse_kind("") == ""


def test_a_title_in_capitals_over_the_inid_codes_is_the_title_without_its_code() -> None:
    # a filing's cover sheet: its docket number, the title centred in capitals, then (21)
    events = [_front_line("Docket No. US-72630", 150, 40),
              _front_line("LOCATING POTENTIALLY IDENTICAL OBJECTS ACROSS", 420, 50),
              _front_line("COMPUTERS BASED ON STOCHASTIC PARTITIONING", 490, 50),
              _front_line("(21) Appl. No.: 10/991,571", 620, 40),
              _front_line("(22) Filed: 18.11.2004", 680, 40),
              _front_line("ABSTRACT", 900, 40),
              _front_line("Objects are located across computers.", 960, 40)]
    front = read_front_page(events, load_profile("default"))
    assert [t.text for t in front.bibliographic.titles] == [
        "LOCATING POTENTIALLY IDENTICAL OBJECTS ACROSS COMPUTERS BASED ON STOCHASTIC "
        "PARTITIONING"]
    assert front.bibliographic.application_number == "10/991,571"
    # a page with no INID codes but the abstract's heading has no title there
    assert read_front_page(events[:3] + events[5:], load_profile("default")
                           ).bibliographic.titles == ()


def test_a_figure_label_read_apart_from_its_number_is_no_part_of_the_abstract() -> None:
    profile = load_profile("default")
    lines = ["A display assembly includes a storage box.", "It shields the opening.",
             "FIG.", "1", "Fig. 2", "FIGURES show the box."]
    assert abstract_lines(lines, profile.bookmarks.abstract, profile.numbering.figure) == [
        "A display assembly includes a storage box.", "It shields the opening.",
        "FIGURES show the box."]


def _placed(text: str, left: int, top: int, width: int = 1000) -> LineEvent:
    box = Box(left, top, width, 36)
    words = tuple(Word(part, box, 90.0) for part in text.split())
    return LineEvent(page=1, line=Line(words=words, box=box, region="r1"), region_lines=1,
                     gap_above=10)


def test_the_abstract_is_read_across_both_columns_under_a_full_width_title() -> None:
    """Reading order gave the abstract's right column to the field that ends the right
    column of the bibliographic data (74); the title across the page parts them."""
    events = [_placed("(71) Applicant: Kaufmann, Heiner", 180, 900),
              _placed("(54) SIMULATION DEVICE FOR PLAYFUL EVALUATION", 180, 1200, 2100),
              _placed("(57) A simulation device has a housing", 180, 1400),
              _placed("with a display and a memory.", 295, 1450),
              _placed("(74) Representative:", 1290, 900),
              _placed("Weber, Anna", 1405, 950),
              _placed("The values are evaluated by a", 1290, 1400),
              _placed("processor of the device.", 1290, 1450)]
    fields = inid_fields(events)
    gather_abstract(fields)
    by_code = {f.code: f.text for f in fields}
    assert by_code["57"] == ("A simulation device has a housing with a display and a memory. "
                             "The values are evaluated by a processor of the device.")
    assert by_code["74"] == "Representative: Weber, Anna"
    # a field that goes on down its own column past the abstract's code keeps its lines
    us_grant = [_placed("(56) References Cited", 180, 900),
                _placed("4,123,456 A 1/1980 Smith", 180, 1500),
                _placed("(57) ABSTRACT", 1290, 1400),
                _placed("A device for the display of levels.", 1290, 1450)]
    fields = inid_fields(us_grant)
    gather_abstract(fields)
    assert {f.code: f.text for f in fields}["56"] == "References Cited 4,123,456 A 1/1980 Smith"


def _across(left_text: str, right_text: str, top: int) -> LineEvent:
    """A line read across both columns: the words of each column at their places."""
    words = []
    for text, start in ((left_text, 180), (right_text, 1290)):
        x = start
        for part in text.split():
            words.append(Word(part, Box(x, top, 20 * len(part), 36), 90.0))
            x += 20 * len(part) + 15
    box = Box(180, top, 2100, 36)
    return LineEvent(page=1, line=Line(words=tuple(words), box=box, region="r1"),
                     region_lines=4, gap_above=10)


def test_abstract_lines_read_across_both_columns_are_cut_at_the_gutter() -> None:
    events = [_placed("(54) TITLE OF THE INVENTION", 180, 1000, 2100),
              _across("(57) A process for producing", "continuously discharged. Here", 1400),
              _across("a fluoroalkanol which can", "each of R1 and R2 is a", 1450),
              _across("easily be practiced.", "hydrogen atom.", 1500)]
    fields = inid_fields(events)
    gather_abstract(fields)
    (abstract,) = [f for f in fields if f.code == "57"]
    split_columns(abstract)
    assert abstract.text == ("A process for producing a fluoroalkanol which can easily be "
                             "practiced. continuously discharged. Here each of R1 and R2 is a "
                             "hydrogen atom.")
    single = inid_fields([_placed("(57) A device for the display of levels in", 180, 1400),
                          _placed("the blood, with a memory.", 180, 1450),
                          _placed("The values are shown.", 180, 1500)])
    split_columns(single[1])
    assert single[1].text == "A device for the display of levels in the blood, with a memory. " \
                             "The values are shown."
