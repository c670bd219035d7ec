"""Numbers a page's glyph reader could not read, found by their place in a sequence: the
lines between two numbers read whole that open with a number misread are those numbers."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ocr36.digitreader import DIGITS
from ocr36.languages.scripts import ascii_digits
from ocr36.model import Line

_LETTER = re.compile(r"[^\W\d_]")
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@dataclass(frozen=True)
class _Form:
    """How a right-to-left line's text gives a number that opens it, read whole, and how a
    misread one looks: short, at most one letter, holding one of `marks` (or digits alone)."""

    whole: re.Pattern[str]
    marks: str
    longest: int
    width: int
    """Digits written, zeros leading."""
    text: str
    """`{}` for the digits."""


_FORMS = (_Form(re.compile(r"\.(\d{1,3})"), ".", 4, 1, ".{}"),  # a claim's `١٢.`
          _Form(re.compile(r"\](\d{4})\["), "[]()", 8, 4, "]{}["))  # a paragraph's `[٠٠١٢]`
"""A claim's number (`د.` for a broken `٥.`, `.:٠` for a broken `٦.`, `5.` for `٩.`, `١٠`
without its full stop), a paragraph's (`]٠٠٠٠٣[` with a speck, `)..١5[`)."""


def _misread(line: Line, form: _Form) -> bool:
    text = line.words[0].text if line.words else ""
    return bool(_RIGHT_TO_LEFT.search(line.text)) and len(text) <= form.longest and \
        (any(c in form.marks for c in text) or text.isdecimal()) and \
        len(_LETTER.findall(text)) <= 1 and not form.whole.fullmatch(text)


def in_sequence(lines: tuple[Line, ...], digits: str) -> tuple[Line, ...]:
    """Numbers misread on a page between two read whole in the profile's digits: where the
    lines between numbers `a` and `b` of one form that open with a misread one (`_misread`)
    are as many as the numbers between, they are those numbers, in order. After the last
    read whole, the next misread one is the next number where its digits are that number's
    (`١٥` read without its full stop after `.١٤`). A number read whole between `a` and
    `a + 2`, with no line opening with a misread one between, is `a + 1` (a digit a scan
    thickened: `٢` read as `٣`)."""
    mended = list(lines)
    for form in _FORMS:
        read = [(index, int(ascii_digits(match.group(1)))) for index, line in enumerate(lines)
                if line.words and (match := form.whole.fullmatch(line.words[0].text))
                and match.group(1)[0] in DIGITS[digits]]  # the page prints its own digits
        for slot, ((first, low), (index, number), (last, high)) in \
                enumerate(zip(read, read[1:], read[2:], strict=False), start=1):
            if high == low + 2 and number != low + 1 and not any(
                    _misread(lines[i], form) for i in range(first + 1, last) if i != index):
                mended[index] = _numbered(lines[index], form, low + 1, digits)
                read[slot] = (index, low + 1)
        for (first, low), (last, high) in itertools.pairwise(read):
            between = [i for i in range(first + 1, last) if _misread(lines[i], form)]
            if between and len(between) == high - low - 1:
                for number, index in enumerate(between, start=low + 1):
                    mended[index] = _numbered(lines[index], form, number, digits)
        after = [i for i in range(read[-1][0] + 1, len(lines)) if _misread(lines[i], form)] \
            if read else []
        if after and _digits_of(lines[after[0]]) == read[-1][1] + 1:
            mended[after[0]] = _numbered(lines[after[0]], form, read[-1][1] + 1, digits)
    return tuple(mended)


def _digits_of(line: Line) -> int | None:
    """The number the digits of a line's first word make, if it holds any."""
    found = "".join(c for c in ascii_digits(line.words[0].text) if c.isdigit() and c.isascii())
    return int(found) if found else None


def _numbered(line: Line, form: _Form, number: int, digits: str) -> Line:
    """The line with its first word the number in `form`, in the profile's `digits`."""
    text = form.text.format("".join(DIGITS[digits][int(c)] for c in f"{number:0{form.width}d}"))
    return replace(line, words=(replace(line.words[0], text=text), *line.words[1:]))
