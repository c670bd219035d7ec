"""Text in the scripts the offices publish in: joining words and lines, matching headings and
numbers printed in full-width forms, claims before the description, per-language profiles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from ocr36.corrections.registry import RULES
from ocr36.errors import BadInput, ExitCode, MissingDependency
from ocr36.evaluate import Reading, compare, heading_key, normalise
from ocr36.languages import language
from ocr36.languages.scripts import (
    ascii_codes,
    ascii_digits,
    fold_width,
    heading_size,
    join_words,
    letter_count,
)
from ocr36.layout.columns import ColumnSplit
from ocr36.layout.order import reading_order
from ocr36.layout.page import analyse
from ocr36.model import (
    Box,
    ClaimRef,
    Heading,
    Line,
    PageLayout,
    PageResult,
    PageText,
    Paragraph,
    Region,
    RegionKind,
    Source,
    Text,
    Word,
)
from ocr36.pipeline import assemble
from ocr36.preprocess import CleanPage
from ocr36.profile import load_profile
from ocr36.structure import build_document
from ocr36.structure.frontpage import parse_date, parse_publication_number
from ocr36.structure.numbering import number_of
from ocr36.structure.text import InlineBuilder, join_lines
from ocr36_synth.script_pages import STYLES, render_script
from ocr36_synth.udhr import load_declaration

_SIZE = 40


def _line(text: str, top: int, region: str = "r1", per_character: bool = True) -> Line:
    """A line as OCR gives it: CJK as one word per character set close, spaced words apart."""
    words: list[Word] = []
    x = 100
    for token in text.split(" "):
        pieces = re.findall(r"[!-~]+|[^!-~]", token) if per_character else [token]
        for piece in pieces:
            width = _SIZE * len(piece)
            words.append(Word(piece, Box(x, top, width - 4, _SIZE), 90.0))
            x += width
        x += _SIZE  # a printed space
    box = Box(100, top, x - 100, _SIZE)
    return Line(tuple(words), box, region)


def _page(number: int, lines: Sequence[str], one_region: bool = False,
          per_character: bool = True) -> PageResult:
    """A page of text lines, each a region of its own (headings stand apart), or all in one
    (evenly set, as CJK pages print them); CJK as one word per character (`_line`)."""
    count = 1 if one_region else len(lines)
    regions = tuple(Region(RegionKind.TEXT, Box(100, 100 + 80 * i, 2000, _SIZE), id=f"r{i}")
                    for i in range(count))
    text = tuple(_line(line, 100 + 80 * i, "r0" if one_region else f"r{i}", per_character)
                 for i, line in enumerate(lines))
    layout = PageLayout(number, 2480, 3508, 1, regions)
    blank = np.full((3508, 2480), 255, dtype=np.uint8)
    return PageResult(number, layout, PageText(number, text), {}, PageResult.pack(blank),
                      0.0, 0, 300)


def test_cjk_words_join_without_spaces_latin_and_korean_keep_theirs() -> None:
    assert _line("权利要求书", 0).text == "权利要求书"
    assert _line("【請求項１】", 0).text == "【請求項１】"
    assert _line("ข้อถือสิทธิ", 0).text == "ข้อถือสิทธิ"
    assert _line("包括 CPU 和内存", 0, per_character=False).text == "包括 CPU 和内存"
    assert _line("the claimed device", 0, per_character=False).text == "the claimed device"
    assert _line("청구항 1 내지 3", 0, per_character=False).text == "청구항 1 내지 3"
    # Tesseract's words of one CJK run, set close: one run; a wide gap is a printed space
    assert join_words([("人", 0, 40, None), ("hepcidin", 44, 200, None),
                       ("的", 204, 244, None)], 40) == "人hepcidin的"
    assert join_words([("摘要", 0, 80, None), ("本发明", 140, 260, None)], 40) == "摘要本发明"
    assert join_words([("图", 0, 40, None), ("FIG", 100, 200, None)], 40) == "图 FIG"
    assert join_words([("。", 0, 40, None), ("本", 80, 120, None)], 40) == "。本"
    # Thai: Tesseract's words of a phrase set close, a printed space between phrases
    assert join_words([("สิทธิ", 0, 120, None), ("ต่าง", 141, 220, None),
                       ("มี", 228, 260, None)], 69) == "สิทธิ ต่างมี"
    assert join_words([("1.", 0, 40, None), ("มนุษย์", 62, 200, None)], 69) == "1. มนุษย์"
    # Korean: Tesseract's pieces of a word set close, a printed space between words
    assert join_words([("모든", 0, 74, None), ("인", 94, 124, None), ("간", 132, 166, None),
                       ("은", 168, 199, None)], 80) == "모든 인간은"
    # ... and where the engine tells which piece begins a word, as it read them: the rough
    # boxes of a line of claim 1 as Tesseract gave them ('인' spans '인간은')
    read = [("모든", 323, 397, False), ("인", 417, 529, True), ("간", 454, 489, False),
            ("은", 489, 519, False), ("태어날", 546, 663, True), ("때", 677, 710, True),
            ("부터", 719, 781, False)]
    assert join_words(read, 36) == "모든 인간은 태어날 때부터"
    assert join_words([("[0001]", 0, 150, None), ("모든", 170, 244, True)], 36) == \
        "[0001] 모든"
    assert join_words([("the", 0, 60, False), ("claim", 80, 200, False)], 36) == "the claim"
    # Thai as the engine read it: a space before a phrase, none inside one (gaps 21 and 8)
    assert join_words([("สิทธิ", 0, 120, False), ("ต่าง", 141, 220, False),
                       ("มี", 228, 260, True)], 69) == "สิทธิต่าง มี"
    # Chinese by the gaps, whatever the engine read
    assert join_words([("摘要", 0, 80, None), ("本发明", 82, 260, True)], 40) == "摘要本发明"
    assert _line("청구항 1 내지 3", 0, per_character=False).text == "청구항 1 내지 3"


def test_digits_printed_full_width_join_their_cjk_line_without_spaces() -> None:
    # the words of a JPO abstract line as Tesseract gave them for '部３１０、モデル記憶部３２０':
    # each full-width digit a word of its own, with boxes too rough to tell a gap by
    read = [("部", 1487, 1522, False), ("3", 1536, 1537, True), ("1", 1576, 1577, True),
            ("0", 1625, 1640, True), ("、", 1664, 1690, True), ("モ", 1689, 1708, False),
            ("デル", 1723, 1793, False), ("記憶", 1798, 1901, False), ("部", 1900, 1922, False),
            ("3", 1954, 1956, True), ("2", 1989, 1998, True), ("0", 2023, 2040, True)]
    assert join_words(read, 58) == "部310、モデル記憶部320"
    assert join_words([("部", 819, 832, False), ("3", 867, 868, True), ("2", 901, 908, True),
                       ("0に", 945, 998, True)], 58) == "部320に"
    # a number printed half width is one word: its gaps decide as before
    assert join_words([("图", 0, 40, None), ("2021", 100, 200, None)], 40) == "图 2021"
    assert join_words([("图", 0, 40, None), ("20", 44, 90, None), ("21", 140, 190, None)],
                      40) == "图20 21"
    # Thai prints a space between a phrase and a number
    assert join_words([("ข้อ", 0, 60, None), ("1", 90, 110, None)], 69) == "ข้อ 1"


def test_full_width_marks_and_latin_runs_join_a_chinese_line_as_printed() -> None:
    # words of CNIPA claims as Tesseract gave them: '：' read ':' with the blank half of its
    # square as gaps, and a box of a Latin run 2.6 line heights off its CJK neighbour
    read = [("具有", 1171, 1227, False), ("SEQ", 1231, 1305, False), ("ID", 1323, 1357, True),
            ("NO", 1373, 1424, True), (":", 1444, 1449, True), ("75", 1478, 1517, True),
            ("所", 1527, 1558, False)]
    assert join_words(read, 57) == "具有SEQ ID NO:75所"
    read = [("的", 1082, 1099, False), ("LCDR1、LCDR2", 1250, 2062, False),
            ("和", 1891, 1931, False), ("HCDR3", 1931, 2060, False), (";", 2082, 2087, True),
            ("(ii)", 2107, 2190, True), ("分", 2155, 2192, False)]
    assert join_words(read, 57) == "的LCDR1、LCDR2和HCDR3;(ii)分"
    # a gap as wide as a line beside a mark is a printed space, in Chinese as in Thai
    assert join_words([("图", 0, 40, None), ("1,", 44, 80, None), ("2", 124, 150, None)],
                      40) == "图1, 2"


def test_cjk_paragraph_numbers_read_with_a_slip_are_numbers() -> None:
    # as Tesseract read them on scanned CNIPA and JPO pages
    read = {"cn": {"[0001]本发明": 1, "TI0015]所述": 15, "[0011了荆者": 11, "[o012]本": 12,
                   "[IOIO]": None, "1.一种": None},
            "jp": {"【0001】本発明": 1, "【o007】その後": 7, "【00031】その後": 3, "【0011】": 11,
                   "【請求項1】": None, "【技術分野】": None}}
    for profile, lines in read.items():
        paragraph = load_profile(profile).numbering.paragraph
        for line, number in lines.items():
            match = paragraph.match(line)
            assert (number_of(match) if match else None) == number, (profile, line)


def test_lines_of_cjk_run_on_without_a_space() -> None:
    assert join_lines("一种量具，其特征", "在于：该量具") == "一种量具，其特征在于：该量具"
    assert join_lines("hepcidin-25的", "抗体") == "hepcidin-25的抗体"
    assert join_lines("the device", "of claim 1") == "the device of claim 1"
    builder = InlineBuilder()
    builder.add_line("所述机体")
    builder.add_line("包括机架")
    assert builder.build() == (Text("所述机体包括机架"),)


def test_full_width_forms_fold_one_for_one_and_headings_count_characters() -> None:
    assert fold_width("１．一种（２１）【0001】") == "1.一种(21)[0001]"
    assert len(fold_width("【請求項１】")) == len("【請求項１】")
    assert ascii_codes("（２１）【出願番号】特願２０２０") == "(21)【出願番号】特願２０２０"
    assert heading_size("权利要求书") == 3
    assert heading_size("【発明の詳細な説明】") == 5
    assert heading_size("What is claimed is") == 4
    assert heading_size("本发明涉及加速器放射治疗技术领域，特别是涉及一种医用放射治疗装置。") > 8
    # Thai: three letters a word, its marks not counted (the description's heading is one)
    assert heading_size("รายละเอียดการประดิษฐ์") == 6
    assert heading_size("โดยที่การยอมรับนับถือเกียรติศักดิ์ประจำตัวและสิทธิเท่าเทียมกัน") > 8
    # a Hangul syllable is the two or three letters it is set from: '전 문' is a heading's
    # length in letters, as 'Fig' is
    assert letter_count("전 문") == 6 and letter_count("Fig. 1") == 3 and letter_count("가") == 2


def test_chinese_claims_before_the_description() -> None:
    pages = [
        _page(1, ["CN 115212463 A 权利要求书", "权利要求书", "1.一种装置，包括机体。",
                  "2.根据权利要求1所述的装置，还包括机架。",
                  "3.根据权利要求1至2所述的装置，其中机架可移动。"]),
        _page(2, ["说明书", "一种医用装置", "技术领域", "[0001]本发明涉及一种装置。", "背景技术",
                  "[0002]所述装置包括机体，", "还包括机架。"], one_region=True),
    ]
    document = build_document(pages, load_profile("cn"))
    assert [c.num for c in document.claims[0].claims] == [1, 2, 3]
    assert document.claims[0].lang == "zh"
    assert document.claims[0].claims[0].content == (Text("一种装置，包括机体。"),)
    refs = [item for item in document.claims[0].claims[2].content if isinstance(item, ClaimRef)]
    assert refs[0].targets == (1, 2)
    paragraphs = [b for b in document.description if isinstance(b, Paragraph)]
    assert [p.num for p in paragraphs] == ["0001", "0002"]
    assert paragraphs[1].content == (Text("所述装置包括机体，还包括机架。"),)
    assert [b.text for b in document.description if isinstance(b, Heading)] == [
        "一种医用装置", "技术领域", "背景技术"]
    assert document.bookmarks == {"claims": 1, "description": 2}


def test_japanese_claims_numbered_in_brackets_and_full_width_digits() -> None:
    pages = [
        _page(1, ["【特許請求の範囲】", "【請求項１】", "練り製品管理装置。",
                  "【請求項２】", "請求項１に記載の練り製品管理装置。",
                  "【請求項３】", "請求項１乃至２に記載の装置。"]),
        _page(2, ["【発明の詳細な説明】", "【技術分野】",
                  "【０００１】", "本発明は、練り製品管理装置に関する。",
                  "【０００２】", "特開平８−９９３２号公報", "【発明の概要】", "【発明の効果】",
                  "【０００３】", "水産物の練り製品の製造工程。"], one_region=True),
    ]
    document = build_document(pages, load_profile("jp"))
    claims = document.claims[0].claims
    assert [c.num for c in claims] == [1, 2, 3]
    assert claims[0].content == (Text("練り製品管理装置。"),)
    assert [i.targets for i in claims[2].content if isinstance(i, ClaimRef)] == [(1, 2)]
    paragraphs = [b for b in document.description if hasattr(b, "num")]
    assert [p.num for p in paragraphs] == ["0001", "0002", "0003"]
    assert paragraphs[0].content == (Text("本発明は、練り製品管理装置に関する。"),)
    assert paragraphs[1].content == (Text("特開平８−９９３２号公報"),)
    assert [b.text for b in document.description if isinstance(b, Heading)] == [
        "【技術分野】", "【発明の概要】", "【発明の効果】"]
    assert document.bookmarks == {"claims": 1, "description": 2}


@pytest.mark.parametrize("lang", ["zh", "ja", "ko", "ru", "ar", "th"])
def test_no_correction_rule_written_for_latin_text_touches_another_script(lang: str) -> None:
    assert [rule.name for rule in RULES if rule.script == "Latn" and rule.applies_to(lang)] == []
    own = language(lang)
    assert own is not None  # only rules of its script, or written for every script
    assert all(rule.script in ("", own.script) for rule in RULES if rule.applies_to(lang))


@pytest.mark.parametrize(("profile", "lang", "packs"), [
    ("lang/zh", "zh", ("chi_sim",)), ("lang/ja", "ja", ("jpn",)), ("lang/ko", "ko", ("kor",)),
    ("lang/ru", "ru", ("rus",)), ("lang/es", "es", ("spa",)), ("lang/pt", "pt", ("por",)),
    ("lang/ar", "ar", ("ara",)), ("lang/th", "th", ("tha",)), ("lang/vi", "vi", ("vie",)),
])
def test_language_profiles_load_and_read_their_numbering(profile: str, lang: str,
                                                         packs: tuple[str, ...]) -> None:
    loaded = load_profile(f"profiles/{profile}.toml")
    assert loaded.language.document == lang and loaded.language.tesseract == packs
    assert set(loaded.bookmarks.claims) == {lang}
    claim = {"zh": "1．一种装置", "ja": "【請求項１】", "ko": "【청구항 1】", "ru": "1. Устройство",
             "es": "1. Un dispositivo", "pt": "1. Um dispositivo", "ar": "\u200f١. جهاز",
             "th": "1. อุปกรณ์", "vi": "1. Thiết bị"}[lang]
    match = loaded.numbering.claim.match(claim)
    assert match is not None and int(match.group(1)) == 1


def test_korean_numbers_read_with_a_misread_bracket() -> None:
    """As Tesseract reads KIPO's numbers: a paragraph number's closing bracket as 1 or not at
    all, a stray mark by a claim label's bracket; a line of text opening with 청구항 is not a
    claim's label."""
    numbering = load_profile("profiles/lang/ko.toml").numbering
    for read, number in (("[0001] 모든", 1), ("[00011 모든", 1), ("[0010 모든", 10),
                         ("【0012】 모든", 12)):
        match = numbering.paragraph.match(read)
        assert match is not None and int(match.group(1)) == number, read
        assert read[match.end():] == "모든"
    assert numbering.paragraph.match("[00012345 모든") is None
    for read, number in (("【청구항 7]", 7), ("【{청구항 6】", 6), ("[청구항 12】", 12)):
        match = numbering.claim.match(read)
        assert match is not None and int(match.group(1)) == number, read
    assert numbering.claim.match("청구항 1에 있어서, 상기 장치는") is None


def _assemble(pages: Sequence[PageResult], profile: str) -> BadInput:
    source = Source(Path("doc.tif"), "0" * 64, (Path("doc.tif"),) * len(pages),
                    tuple(range(len(pages))))
    with pytest.raises(BadInput) as raised:
        assemble(pages, load_profile(profile), source, Path("doc.tif"), {}, {})
    assert raised.value.exit_code == ExitCode.BAD_INPUT
    return raised.value


def test_sections_not_found_name_the_first_lines_read_not_an_invalid_output(
        tmp_path: Path) -> None:
    front = _page(1, ["(19)【発行国】日本国特許庁(JP)", "(12)【公報種別】公開特許公報(A)",
                      "(11)【公開番号】特開2021-193879", "(57)【要約】", "練り製品管理装置。"])
    error = _assemble([front], "jp")
    assert "no sections found with profile 'jp'" in error.message
    assert "the first lines read on page 1 were: '(19)【発行国】日本国特許庁(JP)'" in error.message
    assert "[bookmarks]" in error.remedy
    claims = _page(1, ["【特許請求の範囲】", "【請求項１】", "練り製品管理装置。"])
    description = _page(2, ["【発明の詳細な説明】", "【０００１】", "本発明は、装置に関する。"])
    error = _assemble([claims, description], "ep")
    assert "no numbered claims were found" in error.message and "【請求項１】" in error.message
    # a profile that has the description first: the claims take it in (no exit 4)
    profile = tmp_path / "description-first.toml"
    profile.write_text('extends = "lang/ja"\n[bookmarks]\n'
                       'order = ["abstract", "description", "claims", "drawings"]\n', "utf-8")
    error = _assemble([claims, description], str(profile))
    assert "no description was found" in error.message and "bookmarks.order" in error.remedy


# --- right to left, digits of any script, real text in other scripts ----------------------


def test_direction_marks_and_arabic_punctuation_fold_one_for_one_digits_read_as_ascii() -> None:
    printed = "\u200f١.\u200f جهاز، وفقًا ٫"
    folded = fold_width(printed)
    assert len(folded) == len(printed) and folded.startswith(" ١. ") and "،" not in folded
    # a number opening a right-to-left line, as Tesseract gives it: its marks put back
    assert fold_width(".١\u200f يولد") == "١.  يولد"
    assert fold_width("]٠٠٠١[\u200f لما") == "[٠٠٠١]  لما"
    assert fold_width("(11) رقم") == "(11) رقم" and fold_width(".5 mm") == ".5 mm"
    assert ascii_digits("١٧/٠٥/٢٠٢٣ و ۱۴۰۲ و １２") == "17/05/2023 و 1402 و 12"
    assert ascii_digits("EP 1 599 469 B1") == "EP 1 599 469 B1"
    assert parse_date("تاريخ النشر: ١٧/٠٥/٢٠٢٣", "dmy") == "20230517"
    assert parse_date("۱۷/۰۵/۲۰۲۳", "dmy") == "20230517"  # Persian digits
    assert parse_publication_number("رقم البراءة: SA ٢٠٢٣٠٠١٢٣٤ B1") == ("SA", "2023001234",
                                                                       "B1")


def _two_columns(right_to_left: bool) -> list[str]:
    settings = replace(load_profile("default").layout, right_to_left=right_to_left)
    regions = [Region(RegionKind.TEXT, Box(1300, 300, 900, 400), 1, id="right-top"),
               Region(RegionKind.TEXT, Box(280, 300, 900, 400), 0, id="left-top"),
               Region(RegionKind.TEXT, Box(280, 800, 900, 400), 0, id="left-low"),
               Region(RegionKind.TEXT, Box(1300, 800, 900, 400), 1, id="right-low"),
               Region(RegionKind.TEXT, Box(280, 1400, 1920, 80), -1, id="across")]
    split = ColumnSplit(1240, 1180, 1300)
    names = {r.box: r.id for r in regions}
    return [names[r.box] for r in reading_order(regions, split, settings.right_to_left)]


def test_two_columns_read_right_column_first_only_where_the_profile_says_right_to_left() -> None:
    assert _two_columns(False) == ["left-top", "left-low", "right-top", "right-low", "across"]
    assert _two_columns(True) == ["right-top", "right-low", "left-top", "left-low", "across"]
    assert load_profile("profiles/lang/ar.toml").layout.right_to_left
    assert not load_profile("ep").layout.right_to_left


def test_arabic_claims_numbered_in_arabic_indic_digits_with_direction_marks() -> None:
    pages = [
        _page(1, ["الوصف", "الديباجة", "[٠٠٠١] لما كان الاعتراف بالكرامة المتأصلة",
                  "]٠٠٠٢[\u200f ولما كان تناسي حقوق الإنسان"], per_character=False),
        _page(2, ["عناصر الحماية", ".١\u200f يولد جميع الناس أحرارًا.",
                  "\u200f٢. لكل إنسان حق التمتع وفقًا لعناصر الحماية ١ إلى ٢.",
                  "۳. لكل فرد الحق في الحياة."], per_character=False),
    ]
    document = build_document(pages, load_profile("profiles/lang/ar.toml"))
    claims = document.claims[0].claims
    assert document.claims[0].lang == "ar" and [c.num for c in claims] == [1, 2, 3]
    assert claims[0].content == (Text("يولد جميع الناس أحرارًا."),)
    refs = [item for item in claims[1].content if isinstance(item, ClaimRef)]
    assert refs and refs[0].targets == (1, 2)
    paragraphs = [b for b in document.description if isinstance(b, Paragraph)]
    assert [p.num for p in paragraphs] == ["0001", "0002"]
    assert [b.text for b in document.description if isinstance(b, Heading)] == ["الديباجة"]
    assert document.bookmarks == {"description": 1, "claims": 2}


def test_heading_key_keeps_every_script_and_latin_as_before() -> None:
    for latin in ("BACKGROUND OF THE INVENTION", "Résumé de l'invention", "Mô tả sáng chế"):
        assert heading_key(latin) == re.sub(r"[^0-9a-z]", "", normalise(latin).lower())
    assert heading_key("【技術分野】") == "技術分野"
    assert heading_key("الديباجة") == "الديباجة" and heading_key("المادة ١") == "المادة1"
    assert heading_key("ПРЕАМБУЛА") == "преамбула"
    truth = Reading(headings=["【技術分野】", "【背景技術】"])
    assert compare(Reading(headings=["【技術分野】", "【発明の概要】"]), truth)["heading_f1"] == 0.5


@pytest.mark.parametrize("lang", sorted(STYLES))
def test_real_text_renders_in_each_office_layout_with_its_truth(lang: str) -> None:
    declaration = load_declaration(lang)
    assert len(declaration.articles) == 30 and declaration.preamble
    try:
        rendered = render_script(declaration, front=False, description=False)
    except MissingDependency as missing:
        pytest.skip(f"{missing.message}: {missing.remedy}")
    claims = rendered.truth["claims"][lang]
    assert [c["num"] for c in claims] == list(range(1, len(claims) + 1)) and len(claims) >= 5
    assert claims[0]["text"] == declaration.articles[0]
    label = {"ko": "【청구항 1】", "ar": "١. ", "fa": "۱. "}.get(lang, "1. ")
    assert rendered.page_text[0][1].startswith(label)
    assert rendered.page_sections == ["claims"] and rendered.truth["bookmarks"] == {"claims": 1}


def test_an_arabic_page_in_two_columns_is_read_right_column_first() -> None:
    try:
        rendered = render_script(load_declaration("ar"), front=False, claims=False, most=12)
    except MissingDependency as missing:
        pytest.skip(f"{missing.message}: {missing.remedy}")
    image = np.array(rendered.pages[0].convert("L"))
    page = CleanPage(number=1, image=image, gray=image, dpi=300, skew=0.0, rotation=0,
                     scale=1.0)
    arabic = analyse(page, load_profile("profiles/lang/ar.toml").layout)
    latin = analyse(page, load_profile("default").layout)
    assert arabic.columns == latin.columns == 2
    body = [r for r in arabic.regions if 300 < r.box.top < 3100]
    columns = [r.column for r in body]  # the headings and the right column, then the left
    assert columns == sorted(columns, reverse=True) and set(columns) == {0, 1}
    assert next(r.column for r in latin.regions if 300 < r.box.top < 3100) == 0
