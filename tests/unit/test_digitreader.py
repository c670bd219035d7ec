"""The reader of digits Tesseract's packs lack: Arabic-Indic numbers rendered in a font, read
glyph by glyph from the templates shipped with the package; Arabic words it must not take
for digits; a claim's number misread by Tesseract read again in its line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr36.digitlook import read_digits_again
from ocr36.digitreader import cut_glyphs, read_glyphs
from ocr36.model import Box, Line, PageText, Word
from ocr36.paths import profiles_dir
from ocr36.profile import load_profile

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SIZE = 42
"""10 pt at 300 dpi: not one of the sizes the templates were rendered at."""


def _font() -> ImageFont.FreeTypeFont:
    if not FONT.is_file():
        pytest.skip("no DejaVu Sans: apt-get install fonts-dejavu-core")
    return ImageFont.truetype(str(FONT), SIZE)


def _ink(text: str, rtl: bool = True) -> np.ndarray:
    font = _font()
    image = Image.new("L", (40 + int(font.getlength(text, direction="rtl")), 3 * SIZE), 255)
    ImageDraw.Draw(image).text((20, SIZE // 2), text, font=font, fill=0,
                               direction="rtl" if rtl else None)
    return np.asarray(image) < 128


@pytest.mark.parametrize(("printed", "read"), [
    ("١.", ".١"), ("١٢.", ".١٢"), ("٤.", ".٤"), ("١٥.", ".١٥"), ("[٠٠١٠]", "]٠٠١٠["),
    ("(٣)", ")٣("), ("٦٧٨٩.", ".٦٧٨٩")])
def test_numbers_opening_a_line_read_as_the_line_gives_them(printed: str, read: str) -> None:
    # the marks in the order a right-to-left line's text gives them ('.١' for a printed
    # '١.'), which the numbering patterns match
    assert read_glyphs(cut_glyphs(_ink(printed)), "arabic-indic", right_to_left=True) == read


def test_a_date_and_persian_digits() -> None:
    glyphs = cut_glyphs(_ink("١٧/٠٥/٢٠٢٣"))
    assert read_glyphs(glyphs, "arabic-indic", right_to_left=False) == "١٧/٠٥/٢٠٢٣"
    assert read_glyphs(glyphs, "persian", right_to_left=False) == "۱۷/۰۵/۲۰۲۳"


@pytest.mark.parametrize("word", ["الإنسان", "لكل", "الحماية", "حقوق", "بكرامة", "وضمير"])
def test_letters_are_not_digits(word: str) -> None:
    assert read_glyphs(cut_glyphs(_ink(word)), "arabic-indic", right_to_left=True) is None


def test_a_claim_number_misread_is_read_again_in_its_line() -> None:
    """Tesseract's `ara` reads a printed '٢.' as '“.': the word opening the right-to-left
    line is read by the glyph reader; the line's other words and a line without a number
    stay as they were, and a profile printing ASCII digits changes nothing."""
    font = _font()
    image = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((700, 30), "٢.", font=font, fill=0, direction="rtl")
    draw.text((300, 30), "لكل إنسان", font=font, fill=0, direction="rtl")
    left, top, right, bottom = draw.textbbox((700, 30), "٢.", font=font, direction="rtl")
    number = Word("“.", Box(left, top, right - left, bottom - top), 60.0)
    words = (Word("لكل", Box(480, 30, 120, 60), 90.0), Word("إنسان", Box(300, 30, 160, 60), 90.0))
    lines = (Line((number, *words), Box(300, 20, 450, 80), "r1"),
             Line(words, Box(300, 20, 300, 80), "r1"))
    text = PageText(number=2, lines=lines)
    page = np.asarray(image)
    read = read_digits_again(page, text, "arabic-indic", front=False)
    assert [w.text for w in read.lines[0].words] == [".٢", "لكل", "إنسان"]
    assert read.lines[1] == lines[1]
    assert read_digits_again(page, text, "ascii", front=False) is text


AMIRI = Path("/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf")


@pytest.mark.parametrize("read_as", ["ه", "ه.", "o"])
def test_a_five_read_as_a_letter_at_a_line_start_is_a_number_place(read_as: str) -> None:
    """Tesseract's `ara` reads Amiri's '٥.' as the letter 'ه': a word of that one letter
    opening a right-to-left line is a number place, read by the glyph reader."""
    if not AMIRI.is_file():
        pytest.skip("no Amiri: apt-get install fonts-hosny-amiri")
    font = ImageFont.truetype(str(AMIRI), SIZE)
    image = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((700, 30), "٥.", font=font, fill=0, direction="rtl")
    draw.text((300, 30), "لكل إنسان", font=font, fill=0, direction="rtl")
    left, top, right, bottom = draw.textbbox((700, 30), "٥.", font=font, direction="rtl")
    number = Word(read_as, Box(left, top, right - left, bottom - top), 60.0)
    words = (Word("لكل", Box(480, 30, 120, 60), 90.0), Word("إنسان", Box(300, 30, 160, 60), 90.0))
    text = PageText(number=2, lines=(Line((number, *words), Box(300, 20, 450, 80), "r1"),))
    read = read_digits_again(np.asarray(image), text, "arabic-indic", front=False)
    assert [w.text for w in read.lines[0].words] == [".٥", "لكل", "إنسان"]


def test_the_arabic_profile_names_its_digits() -> None:
    assert load_profile(str(profiles_dir() / "lang" / "ar.toml")).language.digits == \
        "arabic-indic"
    assert load_profile("default").language.digits == "ascii"


SCHEHERAZADE = Path("/usr/share/fonts/truetype/scheherazade/Scheherazade-Regular.ttf")
"""The face held out of the templates: its five a small ring, its zero as low as its full
stop."""


def _held_out(text: str) -> tuple[Image.Image, ImageFont.FreeTypeFont]:
    if not SCHEHERAZADE.is_file():
        pytest.skip("no Scheherazade: apt-get install fonts-sil-scheherazade")
    font = ImageFont.truetype(str(SCHEHERAZADE), 40)
    image = Image.new("L", (40 + int(font.getlength(text, direction="rtl")), 120), 255)
    ImageDraw.Draw(image).text((20, 20), text, font=font, fill=0, direction="rtl")
    return image, font


@pytest.mark.parametrize(("printed", "read"), [
    ("٥.", ".٥"), ("١٠.", ".١٠"), ("١٥.", ".١٥"), ("٢٠.", ".٢٠"), ("[٠٠٠٥]", "]٠٠٠٥["),
    ("[٠٠١٠]", "]٠٠١٠[")])
def test_numbers_in_the_face_held_out(printed: str, read: str) -> None:
    # 40 pixels to the em (10 pt at 300 dpi, its digits 17 pixels tall); `٦`, which breaks
    # in two at this size, is not read
    image, _ = _held_out(printed)
    glyphs = cut_glyphs(np.asarray(image) < 128)
    assert read_glyphs(glyphs, "arabic-indic", right_to_left=True) == read


def test_a_date_in_the_face_held_out_keeps_its_zeros() -> None:
    image, _ = _held_out("١٧/٠٥/٢٠٢٣")
    glyphs = cut_glyphs(np.asarray(image) < 128)
    assert read_glyphs(glyphs, "arabic-indic", right_to_left=False) == "١٧/٠٥/٢٠٢٣"


def test_a_number_tesseract_gave_no_word_for_is_put_before_the_line() -> None:
    """Tesseract left out a claim's `١٢.` at its line's start: the glyphs right of the
    line's first word read as a number closed by its full stop open the line; a line
    whose first word stands at its start stays as it was."""
    _, font = _held_out("")
    image = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((300, 20), "لا يعرض", font=font, fill=0, direction="rtl")
    left, top, right, bottom = draw.textbbox((300, 20), "لا يعرض", font=font, direction="rtl")
    draw.text((right + 12, 20), "١٢.", font=font, fill=0, direction="rtl")
    page = np.asarray(image)
    words = (Word("لا", Box(right - 40, top, 40, bottom - top), 90.0),
             Word("يعرض", Box(left, top, right - left - 50, bottom - top), 90.0))
    line = Line(words, Box(left, top - 10, right - left, bottom - top + 20), "r1")
    read = read_digits_again(page, PageText(number=2, lines=(line,)), "arabic-indic",
                             front=False)
    assert [w.text for w in read.lines[0].words] == [".١٢", "لا", "يعرض"]
    blank = np.full_like(page, 255)
    assert read_digits_again(blank, PageText(number=2, lines=(line,)), "arabic-indic",
                             front=False).lines[0] == line


@pytest.mark.parametrize("read_as", ["11)", "2211"])
def test_an_inid_code_that_lost_its_bracket_has_it_again(read_as: str) -> None:
    """An INID code opening a right-to-left line read without a bracket (`11)`, or with
    its brackets read as digits) is the code the glyphs print: a front page finds its
    fields by them. One read whole stays as Tesseract gave it."""
    font = _font()
    image = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((700, 30), "(11)", font=font, fill=0)
    draw.text((300, 30), "رقم البراءة", font=font, fill=0, direction="rtl")
    left, top, right, bottom = draw.textbbox((700, 30), "(11)", font=font)
    words = (Word("رقم", Box(480, 30, 120, 60), 90.0), Word("البراءة", Box(300, 30, 160, 60), 90.0))
    for given, expected in ((read_as, "(11)"), ("(11)", "(11)")):
        code = Word(given, Box(left, top, right - left, bottom - top), 60.0)
        line = Line((code, *words), Box(300, 20, 450, 80), "r1")
        read = read_digits_again(np.asarray(image), PageText(number=1, lines=(line,)),
                                 "arabic-indic", front=True)
        assert read.lines[0].words[0].text == expected
        assert read.lines[0].words[1:] == words


def test_claim_numbers_misread_between_two_read_whole_are_taken_in_sequence() -> None:
    """On a scan of the held-out face `٥.` is read `د.` and a broken `٦.` as `.:٠`: lines
    opening so between claims 4 and 7 are claims 5 and 6; as many lines as numbers only."""
    def line(first: str, top: int) -> Line:
        words = (Word(first, Box(800, top, 40, 40), 50.0),
                 Word("لكل", Box(600, top, 150, 40), 90.0))
        return Line(words, Box(600, top, 240, 40), "r1")

    blank = np.full((700, 900), 255, np.uint8)
    firsts = [".٤", "د.", ".:٠", ".٧"]
    text = PageText(number=3, lines=tuple(line(f, 100 * i) for i, f in enumerate(firsts)))
    read = read_digits_again(blank, text, "arabic-indic", front=False)
    assert [ln.words[0].text for ln in read.lines] == [".٤", ".٥", ".٦", ".٧"]
    fewer = PageText(number=3, lines=tuple(line(f, 100 * i) for i, f in enumerate(
        [".٤", "د.", ".٧"])))
    assert read_digits_again(blank, fewer, "arabic-indic", front=False) == fewer
    paragraphs = PageText(number=2, lines=tuple(line(f, 100 * i) for i, f in enumerate(
        ["]٠٠١٤[", ")..١5[", "]٠٠١٠٠[", "]٠٠١٧["])))
    assert [ln.words[0].text for ln in read_digits_again(
        blank, paragraphs, "arabic-indic", front=False).lines] == \
        ["]٠٠١٤[", "]٠٠١٥[", "]٠٠١٦[", "]٠٠١٧["]
    # after the last read whole, the next misread one only where its digits are the next
    for firsts, expected in (([".١٣", "١٤"], [".١٣", ".١٤"]), ([".١٣", "١٥"], [".١٣", "١٥"])):
        last = PageText(number=3, lines=tuple(line(f, 100 * i) for i, f in enumerate(firsts)))
        assert [ln.words[0].text for ln in read_digits_again(
            blank, last, "arabic-indic", front=False).lines] == expected
    ascii_page = PageText(number=3, lines=tuple(line(f, 100 * i) for i, f in enumerate(
        [".4", "5", ".6"])))
    assert read_digits_again(blank, ascii_page, "arabic-indic", front=False) == ascii_page


def test_digits_dropped_from_a_word_opening_with_their_full_stop_are_read_in_its_box() -> None:
    """Tesseract read a printed `٩. لا` as one word `.لا`: the digits right of the full
    stop inside its box are the claim's number."""
    font = _font()
    image = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((300, 30), "٩. لا", font=font, fill=0, direction="rtl")
    left, top, right, bottom = draw.textbbox((300, 30), "٩. لا", font=font, direction="rtl")
    words = (Word(".لا", Box(left, top, right - left, bottom - top), 70.0),
             Word("يجوز", Box(100, top, 150, bottom - top), 90.0))
    line = Line(words, Box(100, top - 10, right - 100, bottom - top + 20), "r1")
    read = read_digits_again(np.asarray(image), PageText(number=3, lines=(line,)),
                             "arabic-indic", front=False)
    assert [w.text for w in read.lines[0].words] == [".٩", "لا", "يجوز"]


def _tight(text: str) -> np.ndarray:
    """A number's ink cropped to it."""
    ink = _ink(text)
    rows, columns = np.nonzero(ink)
    return ink[rows.min():rows.max() + 1, columns.min():columns.max() + 1].copy()


@pytest.mark.parametrize(("printed", "rows", "columns", "read"), [
    ("٨.", slice(0, 14), slice(20, 21), ".٨"),  # its two strokes apart at the top
    ("٦.", slice(0, 5), slice(22, 23), ".٦")])  # its bar apart from its stem
def test_a_digit_a_scan_broke_is_read_whole(printed: str, rows: slice, columns: slice,
                                            read: str) -> None:
    """A stroke thinned to nothing by a scan leaves a digit in two pieces, each like a mark
    (`)` and `(`, `-` and `1`): together they are the digit."""
    broken = _tight(printed)
    broken[rows, columns] = False
    assert len(cut_glyphs(broken)) == len(cut_glyphs(_tight(printed))) + 1
    assert read_glyphs(cut_glyphs(broken), "arabic-indic", right_to_left=True) == read


def test_an_opening_bracket_worn_to_a_bar_is_known_by_its_mate() -> None:
    worn = _tight("[٠٠١٠]")
    worn[0:3, 3:8] = False
    worn[-3:, 3:8] = False
    assert read_glyphs(cut_glyphs(worn), "arabic-indic", right_to_left=True) == "]٠٠١٠["


def _line_of(printed: str, given: str, rest: tuple[str, ...] = ("إنسان",)) -> tuple[
        np.ndarray, PageText]:
    """A right-to-left line printing `printed` then words elsewhere, Tesseract's first word
    `given` over the whole of `printed`."""
    font = _font()
    image = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((500, 30), printed, font=font, fill=0, direction="rtl")
    left, top, right, bottom = draw.textbbox((500, 30), printed, font=font, direction="rtl")
    words = [Word(given, Box(left, top, right - left, bottom - top), 60.0)]
    for index, word in enumerate(rest):
        draw.text((300 - 160 * index, 30), word, font=font, fill=0, direction="rtl")
        words.append(Word(word, Box(300 - 160 * index, 30, 140, 60), 90.0))
    line = Line(tuple(words), Box(100, 20, right - 100, 80), "r1")
    return np.asarray(image), PageText(number=3, lines=(line,))


@pytest.mark.parametrize(("printed", "given", "read"), [
    ("٧. كل", "\".كل", [".٧", "كل", "إنسان"]),  # a claim's number and its first word
    ("[٠٠١٠] للرجل", "[00.للرجل", ["]٠٠١٠[", "للرجل", "إنسان"]),  # a paragraph's
    ("٥.", "د.", [".٥", "إنسان"])])  # a broken five read as a letter, with its full stop
def test_a_number_read_with_the_next_word_or_as_a_letter_is_read_again(
        printed: str, given: str, read: list[str]) -> None:
    """A scan filled the gap between a number and the next word (Tesseract gives them as
    one word), or broke a digit into a letter's shape: the number is read from its glyphs,
    the word keeps its letters."""
    image, text = _line_of(printed, given)
    assert [w.text for w in read_digits_again(image, text, "arabic-indic", False)
            .lines[0].words] == read


def test_a_number_read_whole_with_a_wrong_digit_between_two_is_mended() -> None:
    """`[٠٠٠٢]` read `]٠٠٠٣[` (a scan thickened its stroke) between `]٠٠٠١[` and
    `]٠٠٠٣[`; numbers that leave room for more than one between stay as read."""
    def page(firsts: list[str]) -> PageText:
        return PageText(number=2, lines=tuple(
            Line((Word(f, Box(800, 100 * i, 40, 40), 80.0),
                  Word("لكل", Box(600, 100 * i, 150, 40), 90.0)), Box(600, 100 * i, 240, 40),
                 "r1") for i, f in enumerate(firsts)))

    blank = np.full((500, 900), 255, np.uint8)
    read = read_digits_again(blank, page(["]٠٠٠١[", "]٠٠٠٣[", "]٠٠٠٣["]), "arabic-indic", False)
    assert [ln.words[0].text for ln in read.lines] == ["]٠٠٠١[", "]٠٠٠٢[", "]٠٠٠٣["]
    apart = page(["]٠٠٠١[", "]٠٠٠٣[", "]٠٠٠٧["])
    assert read_digits_again(blank, apart, "arabic-indic", False) == apart
