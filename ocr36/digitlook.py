"""A second look at the numbers of a page printed in digits its Tesseract pack lacks.

Where a profile says its documents print Arabic-Indic or Persian digits (`[language] digits
= "arabic-indic"`), the places where a number stands are read again by
`ocr36.digitreader`: the word that opens each right-to-left line (a claim's `١.`, a
paragraph's `[٠٠٠١]`), with the glyphs close to its box on the right (a first digit
Tesseract lost) and on the left up to the number's opening bracket, and on the front page
each run of words without letters that holds a digit (the dates, the numbers, the INID
codes). Only those glyphs are classified: a few dozen a page.

The page's reading wins where it already gave the number (the same digits and marks), where
a glyph is not a digit or a mark, and where the number read here holds no digit of the profile's
script (ASCII digits, which Tesseract reads well: pages of an Arabic office printing ASCII
digits read as they were). Otherwise the word's text is the number read here, its marks
as a right-to-left line's text gives them (`.١٢` for a printed `١٢.`), and a piece of the
number Tesseract read as a word of its own (`[`) goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ocr36.digitreader import (
    DIGITS,
    DOT_SIZE,
    NOT_A_DIGIT,
    Glyph,
    cut_glyphs,
    features,
    is_zero,
    mend_broken,
    read_glyphs,
    templates,
)
from ocr36.digitsequence import in_sequence
from ocr36.languages.scripts import ascii_digits
from ocr36.model import Box, Line, PageText, Word
from ocr36.preprocess.threshold import INK

INNER_GAP = 0.15
"""... and within a number inside a line (a date), closer than this: a space is wider."""
REACH = 1.5
"""How far either side of the box Tesseract gave a number its glyphs are looked for, as a
share of the line's height: a first digit it lost, a box that holds half the number."""
GAP = 0.5
"""Glyphs of one number stand closer than this share of the line's height."""
DOT_GAP = 0.3
BRACKET_LEAST = 0.8
"""A bracket left of a number's glyphs stands at least this share of the tallest of them (a
bracket is taller than the digits): a shorter one is a scan's stroke."""
"""... and a full stop left of the box Tesseract gave, closer than this."""
_MIRRORED = str.maketrans("[]()", "][)(")
_OPENING = ("[", "(")
"""The labels of the glyphs a number opens with, as seen left to right."""
_DIGIT_LABEL = re.compile("[apl][0-9]")
_LONGEST = 12
"""A word longer than this is no piece of a number (a date is ten characters)."""
_LETTER = re.compile(r"[^\W\d_]")
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_DIGIT_AS_LETTER = re.compile(r"[\W_]*[هoOا][\W_]*")
"""A word of one letter that is the shape of a digit (`٥` read as `ه` or `o`, `١` as alef,
`١٥.` in Scheherazade read `ا`), with the number's marks: at a right-to-left line's start,
where a claim's number stands, it is a number place still (no word of Arabic is one of
these letters alone)."""


def _page_wins(read: str, found: str, digits: str) -> bool:
    """The page's reading `read` gave the number `found` already (the same digits and
    marks, its brackets either way round: '(11)' for ')١١('), or `found` holds no digit
    of the profile's `digits`: Tesseract reads ASCII digits well."""
    given = ascii_digits(read)
    return given in (ascii_digits(found), ascii_digits(found.translate(_MIRRORED))) or \
        not any(c in DIGITS[digits] for c in found)


def _bracket_lost(read: str, found: str) -> str:
    """The number of ASCII digits in brackets the glyphs read (`found`) where the page's
    reading `read` lost a bracket of it (`11)` for a printed `(11)`, `2237` for `(57)`: INID
    codes in Scheherazade) and holds no letter; else `read`. In the order Tesseract gives
    a number of ASCII digits, left to right, on right-to-left lines too."""
    bare = found[1:-1]
    if found[:1] + found[-1:] not in ("()", ")(") or not bare.isascii() or \
            not bare.isdecimal() or _LETTER.search(read) or \
            sum(read.count(c) for c in "()") >= 2:
        return read
    return f"({bare})"


def _number_glyphs(glyphs: list[Glyph], box: Box, left: int, height: int,
                   opening: bool, glued: bool = False) -> list[Glyph]:
    """The glyphs of the number in Tesseract's `box`: those over it (where the box holds
    the next word's letters too, `glued`, those right of them), and where it opens a
    right-to-left line those next to them (a first digit lost on the right, a start of the
    number left of its box, a full stop)."""
    inside = mend_broken([g for g in glyphs if g.right + left > box.left
                          and g.left + left < box.right], templates())
    if glued and inside:
        tallest = max(g.bottom - g.top for g in inside)
        letters = [i for i, g in enumerate(inside) if not _dot_sized(g, tallest)
                   and not _label(g)]
        inside = inside[letters[-1] + 1:] if letters else inside
    if not inside:
        return []
    bracket = [i for i, g in enumerate(inside) if opening and _label(g) in _OPENING]
    run = inside[bracket[0]:] if bracket else list(inside)  # none left of its bracket
    gap = (GAP if opening else INNER_GAP) * height
    for glyph in glyphs:  # left to right: those standing right of the run, close to it
        if glyph.left > run[-1].right and glyph.left - run[-1].right < gap:
            run.append(glyph)
    if not opening:
        return run
    tallest = max(g.bottom - g.top for g in run)
    if not bracket:
        _extend_left(run, [g for g in glyphs if g.right <= run[0].left], tallest, height)
    before = [g for g in glyphs if g.right <= run[0].left]
    if before and run[0].left - before[-1].right < DOT_GAP * height and \
            not any(_dot_sized(g, tallest) for g in run) and _dot_sized(before[-1], tallest):
        run.insert(0, before[-1])  # a full stop left of the box ('١٥.' read '١٥')
    return run


def _extend_left(run: list[Glyph], before: list[Glyph], tallest: int, height: int) -> None:
    """The number's glyphs left of the box Tesseract gave (`[٠٠٠٢]` given as `٠٠٢]`), right
    to left, close to one another: digits, zeros (dots at half the digits' height), up to an
    opening bracket; nothing that is neither. A dot on the digits' foot may be the number's
    full stop (the next word stands left of it): from there on only an opening bracket
    further left takes what stands between (Scheherazade's zeros stand on the foot too)."""
    body = [g for g in run if not _dot_sized(g, tallest)] or run
    top, bottom = min(g.top for g in body), max(g.bottom for g in body)
    stop = run[0] is not body[0] and not is_zero(run[0], top, bottom)
    taken: list[Glyph] = []  # right to left
    sure = 0
    for glyph in reversed(before):
        if (taken[-1] if taken else run[0]).left - glyph.right >= GAP * height:
            break
        label = "0"
        if _dot_sized(glyph, tallest):
            stop = stop or not is_zero(glyph, top, bottom)
        else:
            label = _label(glyph)
            if (not _DIGIT_LABEL.fullmatch(label) and label not in _OPENING) or \
                    (label in _OPENING and glyph.bottom - glyph.top < BRACKET_LEAST * tallest):
                break  # a bracket stands no shorter than the digits (a scan's stroke)
        taken.append(glyph)
        if not stop or label in _OPENING:
            sure = len(taken)
        if label in _OPENING:
            break
    run[:0] = taken[:sure][::-1]


def _label(glyph: Glyph) -> str:
    """A glyph's label alone ('' where it is not a digit or a mark)."""
    label, distance = templates().nearest(features(glyph.ink))
    return "" if label == NOT_A_DIGIT or distance > templates().bound else label


def _dot_sized(glyph: Glyph, tallest: int) -> bool:
    return max(glyph.bottom - glyph.top, glyph.right - glyph.left) <= DOT_SIZE * tallest


def _read_box(image: np.ndarray, box: Box, line: Line, digits: str,
              opening: bool, glued: bool = False) -> tuple[str, tuple[int, int]] | None:
    """The number in a box of the line as the glyph reader reads it (`glued`: in a box
    Tesseract gave the number and the next word), and where its glyphs stand across the
    page."""
    height = line.box.height
    left = max(box.left - round(REACH * height), 0)
    right = min(box.right + round(REACH * height), image.shape[1])
    ink = image[line.box.top:line.box.bottom, left:right] < INK
    glyphs = _number_glyphs(cut_glyphs(ink), box, left, height, opening, glued)
    found = read_glyphs(glyphs, digits, right_to_left=opening) if glyphs else None
    return None if found is None else (found, (left + glyphs[0].left, left + glyphs[-1].right))


def _numberish(word: Word) -> bool:
    """A word that may be a number or a piece of one as read: short, with no letters but
    alef, the digit one's shape, or holding a digit or a date's `/` and fewer letters than
    other characters (`؟أره./١`: a date in Scheherazade as `ara` reads it)."""
    text = word.text.replace("ا", "")
    letters = len(_LETTER.findall(text))
    return len(word.text) <= _LONGEST and (not letters or (
        any(c.isdecimal() or c == "/" for c in text) and 2 * letters < len(text)))

_GLUED = re.compile(r"[\W\d_]{0,3}\.(?=[^\W\d_])")
"""The start of a right-to-left line's first word that is a number's full stop, misread
digits before it (in the line's order), and then the next word's letters."""
_GLUED_LETTERS = 3
"""A number place read with this many letters holds the next word too (`[00.اللرجل`): a
misread number has one or two."""
_MARKED_LETTER = re.compile(r"[\W_]{0,2}(?:[^\W\d_][.\])[(]{1,2}|[.\])[(]{1,2}[^\W\d_])")
"""A letter and a number's mark: a digit a scan broke, read as a letter (`د.` for `٥.`)."""


def _opening_number(text: str) -> bool:
    """The word opening a right-to-left line may be its number: it has no letters, is a
    letter of a digit's shape or a letter with a number's mark, or is short and holds a
    digit or a bracket (a paragraph's
    number read with letters among its digits, `[و١٠٠]`, `زكدتء]`: the glyph reader reads
    it only where every glyph is a digit or a mark)."""
    return not _LETTER.search(text) or bool(_DIGIT_AS_LETTER.fullmatch(text)) or \
        bool(_MARKED_LETTER.fullmatch(text)) or (
        len(text) <= _LONGEST and any(c.isdecimal() or c in "[]" for c in text))


def _digit_misread(words: Sequence[Word], index: int) -> bool:
    """A word of one or two letters between two words that may be pieces of a number is
    one of its digits read as letters (Amiri's `٥` of a date read `ره`)."""
    return len(words[index].text) <= 2 and index + 1 < len(words) and \
        _numberish(words[index + 1]) and _numberish(words[index - 1])


def _places(line: Line, front: bool) -> list[tuple[int, int]]:
    """The first and last index of the runs of words of a line where a number stands: the
    word opening a right-to-left line, and on the front page each run of words that may be
    pieces of a number, one of them holding a digit."""
    places: list[tuple[int, int]] = []
    if line.words and _RIGHT_TO_LEFT.search(line.text) and _opening_number(line.words[0].text):
        places.append((0, 0))
    if not front:
        return places
    index = 0
    while index < len(line.words):
        last = index
        while last < len(line.words) and (_numberish(line.words[last]) or (
                last > index and _digit_misread(line.words, last))):
            last += 1
        if any(c.isdecimal() for w in line.words[index:last] for c in w.text) and \
                (index, index) not in places:
            places.append((index, last - 1))
        index = last + 1
    return places


def _mended(image: np.ndarray, line: Line, digits: str, front: bool) -> Line:
    words = list(line.words)
    gone: set[int] = set()
    for first, last in _places(line, front):
        run = words[first:last + 1]
        box = run[0].box
        for word in run[1:]:
            box = box.union(word.box)
        opening = first == 0 and bool(_RIGHT_TO_LEFT.search(line.text))
        read = _read_box(image, box, line, digits, opening)
        if read is None:
            continue
        found, span = read
        given = " ".join(w.text for w in run)
        if _page_wins(given, found, digits):
            found = _bracket_lost(given, found)
            if found == given:
                continue
        box = Box(min(box.left, span[0]), box.top,
                  max(box.right, span[1]) - min(box.left, span[0]), box.height)
        words[first] = replace(words[first], text=found, box=box)
        gone.update(i for i, other in enumerate(words) if i != first
                    and (first < i <= last or (not _LETTER.search(other.text)
                         and span[0] <= other.box.center_x <= span[1])))
    if not any(w is not o for w, o in zip(words, line.words, strict=True)):
        return line
    return replace(line, words=tuple(w for i, w in enumerate(words) if i not in gone))


def _glued_number(image: np.ndarray, line: Line, digits: str) -> Line:
    """A right-to-left line whose first word is its number and the next word read as one
    (`[00.اللرجل`: the gap between them filled by a scan) with the two apart: the number as
    the glyphs right of the letters read, the word as its letters."""
    if not line.words or not _RIGHT_TO_LEFT.search(line.text):
        return line
    first = line.words[0]
    letter = _LETTER.search(first.text)
    if letter is None or letter.start() == 0 or not _opening_number(first.text) or \
            len(_LETTER.findall(first.text)) < _GLUED_LETTERS:
        return line
    read = _read_box(image, first.box, line, digits, True, glued=True)
    if read is None or not any(c in DIGITS[digits] for c in read[0]):
        return line
    found, (start, end) = read
    box = first.box
    number = Word(found, Box(start, box.top, max(end - start, 1), box.height), first.confidence)
    rest = replace(first, text=first.text[letter.start():],
                   box=Box(box.left, box.top, max(start - box.left, 1), box.height))
    return replace(line, words=(number, rest, *line.words[1:]))


def _lost_number(image: np.ndarray, line: Line, digits: str) -> Line:
    """A right-to-left line whose first word is no number place, with the number Tesseract
    gave no word for (Amiri's `١٢.` opening a claim's line) put before it: the glyphs close
    right of its first word, where they read as a number of the profile's digits closed by
    its full stop or bracket (`.١٢`, `]٠٠١٢[` as the line's text gives them); or, where
    the first word opens with the number's full stop and then letters (`.لا`: the digits
    dropped; `".كل`: the number read with the next word, a gap a scan filled), the digits
    inside its box right of that stop."""
    if not line.words or not _RIGHT_TO_LEFT.search(line.text):
        return line
    if _GLUED.match(line.words[0].text):
        return _digits_dropped(image, line, digits)
    if _opening_number(line.words[0].text):
        return line
    first, height = line.words[0], line.box.height
    start = first.box.right
    end = min(start + round(REACH * height), image.shape[1])
    if end - start < 2:
        return line
    run: list[Glyph] = []
    for glyph in cut_glyphs(image[line.box.top:line.box.bottom, start:end] < INK):
        if glyph.left - (run[-1].right if run else 0) >= GAP * height:
            break
        run.append(glyph)
    found = read_glyphs(run, digits, right_to_left=True) if run else None
    if not found or found[0] not in ".])" or not any(c in DIGITS[digits] for c in found):
        return line
    return _put_first(line, found, first, [replace(g, left=g.left + start,
                                                   right=g.right + start) for g in run])


def _digits_dropped(image: np.ndarray, line: Line, digits: str) -> Line:
    """The line with the digits inside its first word's box right of the full stop it opens
    with read as the number (`.لا` for a printed `٩. لا`, `".كل` for `٧. كل`): the word
    keeps its letters."""
    first = line.words[0]
    glyphs = cut_glyphs(image[line.box.top:line.box.bottom, first.box.left:first.box.right] < INK)
    tallest = max((g.bottom - g.top for g in glyphs), default=0)
    run: list[Glyph] = []
    for glyph in reversed(glyphs):  # right to left: digits, then the full stop
        if _dot_sized(glyph, tallest):
            break
        if not _DIGIT_LABEL.fullmatch(_label(glyph)):
            return line
        run.insert(0, glyph)
    found = read_glyphs(run, digits, right_to_left=True) if run and len(run) < len(glyphs) \
        else None
    if not found or not found.isdecimal() or not any(c in DIGITS[digits] for c in found):
        return line
    shifted = [replace(g, left=g.left + first.box.left, right=g.right + first.box.left)
               for g in run]
    glued = _GLUED.match(first.text)
    rest = first.text[glued.end():] if glued else first.text
    return _put_first(line, "." + found, replace(first, text=rest), shifted)


def _put_first(line: Line, found: str, first: Word, run: Sequence[Glyph]) -> Line:
    """The line opened by a word of the number `found`, whose glyphs (left and right across
    the page, top and bottom in the line) are `run`, before `first`, its first word."""
    top = line.box.top + min(g.top for g in run)
    box = Box(run[0].left, top, run[-1].right - run[0].left,
              line.box.top + max(g.bottom for g in run) - top)
    number = Word(found, box, first.confidence)
    return replace(line, words=(number, first, *line.words[1:]), box=line.box.union(box))


def read_digits_again(image: np.ndarray, text: PageText, digits: str,
                      front: bool) -> PageText:
    """The page's text with the numbers at its number places read by the glyph reader,
    where the profile's `digits` are not ASCII (else the text as it was)."""
    if digits == "ascii":
        return text
    lines = tuple(_mended(image, _glued_number(image, _lost_number(image, line, digits),
                                               digits), digits, front)
                  for line in text.lines)
    return replace(text, lines=in_sequence(lines, digits))
