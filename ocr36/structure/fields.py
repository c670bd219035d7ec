"""The bibliographic fields of a front page, each read from its printed text: dates in the
office's order, the publication number (from its code or the large print beside the bar
code) and kind, the application number, IPC symbols and priorities."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ocr36.languages.scripts import ascii_digits
from ocr36.model import Priority
from ocr36.structure.offices import office_conventions
from ocr36.structure.stream import Event, LineEvent

_NUMERIC_DATE = re.compile(r"(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2,4})")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_NAMED_DATE = re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})\b")
"""WIPO's order with the month's name: '6 January 2005'."""
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5",
                             "G": "6", "B": "8", "Z": "2", "T": "1", " ": ""})
_LETTER_LIKE = str.maketrans({"0": "O", "1": "I", "5": "S", "6": "G", "8": "B", "2": "Z"})
_SUBCLASS_MARK_LIKE = {")": "J", "]": "J", "}": "J", "(": "C", "[": "C", "{": "C", "$": "S"}
"""A mark read in an IPC symbol's subclass, a capital letter, is the one letter it looks like
('B25) 13/06' is B25J 13/06, 'A61[ 9/00' is A61C 9/00); a mark two letters could be ('|': I
or L, '<': C or K) is no subclass."""
_EDITION = re.compile(r"\(?\s*(?:19|20)\d{2}\s*[.,]\s*\d{2}\s*\)?")
"""The IPC edition printed after a symbol, often in superscript: "(2006.01)", which OCR may
read glued to the subgroup ("401/122006.01)")."""
_KIND = re.compile(r"\b([A-Z][0-9]?)\b")
_PUBLICATION_NUMBER = re.compile(
    r"\b([A-Z]{2})\s*([0-9OIl][0-9OIl\s/,.]*[0-9OIl])\s*([A-Z])\s?([0-9Il|]?|[iIl|][Il|])"
    r"(?![\w|])")
"""Office code, number and kind ('EP 1 599 469 B1'; the kind's digit read 'l', 'I' or '|', or
its 1 printed large and bold read as two thin glyphs: 'Ail')."""
_YEAR_IN_NUMBER = re.compile(r"(?:19|20)\d{2}\s*/")
_LARGE_PRINT = 1.6
"""The publication number printed large (beside a bar code) stands at least this many times
the height of the front page's ordinary lines."""
_IPC_DOUBLED_ZERO = re.compile(r"\b([A-H])[0O](?=[0O][0-9OIl]\s?[A-Z]\s*[0-9OIlSB]{1,4}\s*/)")
"""A class's leading zero read twice ('HO05B 33/14', 'CO07D 519/00': no class is '00')."""
_IPC_DOUBLED_DIGIT = re.compile(
    r"\b([A-H])([0-9OoIlSGBZT]{3})(?=\s?[A-Z]\s*[0-9OIlSB]{1,4}\s*/)")
"""A class of three glyphs, one of its two digits read twice, once as the letter it looks
like ('A4S5D 8/20', 'A6G1B 5/0205': a class is two digits)."""
_IPC_GLYPH_INSIDE = re.compile(r"\b([A-H][0-9])[A-Z]([0-9])(?=\s?[A-Z]\s*[0-9OIlSB]{1,4}\s*/)")
"""A capital read between a class's two digits, where no symbol has one ('B6E0N 3/12')."""
_CAPITAL_LIKE = "cosvwxz"
"""Small letters of a capital's shape, read for it in a symbol ('co7c 29/44' is C07C 29/44);
of the sections A to H only 'c'."""
_IPC_SLASH_READ_ONE = re.compile(r"\b([A-Hc]\s?[0-9OoIlSGBZT]{2,3}\s?[A-Z" + _CAPITAL_LIKE
                                 + r"]\s*)([0-9OoIlSB|]{4,9})\b"
                                 r"(?!\s*/)")
"""A symbol's slash read as a '1' ('C07C 29144' for C07C 29/44, 'E04B 1184' for E04B 1/84):
taken where exactly one '1' (or a glyph OCR reads for one) stands where a slash can, after a
main group of 1 to 3 digits and before a subgroup of 2 digits at least."""
_IPC = re.compile(r"(?<![\w€])([A-Hc€])\s?([0-9OoIlSGBZT]\s?[0-9OoIlSGBZT])\s?([A-Z0-9"
                  + _CAPITAL_LIKE + re.escape("".join(_SUBCLASS_MARK_LIKE)) + r"])\s*"
                  r"([0-9OoIlSB]{1,4})\s*/\s*([0-9OoIlSB]{2,6})\b")


def _numeric_date(a: str, b: str, c: str, order: str) -> str:
    """A numeric date in `order`, or in the one other order its numbers allow (a day over
    12 tells the day from the month)."""
    if len(a) == 4:
        year, month, day = a, b, c
    elif (order == "mdy" and int(a) <= 12) or int(b) > 12:
        month, day, year = a, b, c
    else:
        day, month, year = a, b, c
    if len(year) == 2:
        year = ("20" if int(year) < 50 else "19") + year
    if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
        return f"{int(year):04d}{int(month):02d}{int(day):02d}"
    return ""


def parse_date(text: str, order: str) -> str:
    """The first date in a printed form (07.06.2006, Jun. 7, 2006, 7 June 2006) as YYYYMMDD,
    or ''; a numeric date in `order` (dmy, mdy or ymd) unless its numbers allow only the
    other. A date written with full stops is day first where `order` is month first: the
    offices that print a month first write it with slashes (05/13/2008), none with stops."""
    found = [(m.start(), kind, m) for kind, pattern in (("numeric", _NUMERIC_DATE),
                                                        ("named", _NAMED_DATE),
                                                        ("day-first", _DAY_MONTH_YEAR))
             if (m := pattern.search(text))]
    for _, kind, match in sorted(found, key=lambda item: item[0]):
        if kind == "numeric":
            first, second, third = match.groups()
            dotted = "." in match.group(0) and "/" not in match.group(0)
            value = _numeric_date(first, second, third, "dmy" if dotted and order == "mdy"
                                  else order)
            if value:
                return value
            continue
        day, name, year = match.groups() if kind == "day-first" else \
            (match.group(2), match.group(1), match.group(3))
        month = _MONTHS.get(name.lower())
        if month and 1 <= int(day) <= 31:
            return f"{int(year):04d}{month:02d}{int(day):02d}"
    return ""


def parse_publication_number(text: str) -> tuple[str, str, str]:
    """(11) 'EP 1 599 469 B1' -> ('EP', '1599469', 'B1'); 'US 7,272,630 B2' is written with
    the digits its office writes (US 07272630); digits of any script read."""
    match = _PUBLICATION_NUMBER.search(ascii_digits(text))
    if not match:
        return "", "", ""
    country, printed = match.group(1), match.group(2)
    number = re.sub(r"[^0-9]", "", printed.translate(_DIGIT_LIKE))
    digit = "1" if len(match.group(4)) == 2 else match.group(4).translate(_DIGIT_LIKE)
    width = office_conventions(country).number_digits
    if width and not _YEAR_IN_NUMBER.search(printed):
        number = number.rjust(width, "0")
    return country, number, match.group(3) + digit


def large_print_number(events: Sequence[Event]) -> tuple[str, str, str]:
    """The publication number printed large at the top of the front page ("EP 1 599 469 A1"
    beside the bar code), read where its code (11) did not lead to it; the tallest lines of
    the first page first."""
    lines = [e for e in events if isinstance(e, LineEvent) and e.page == events[0].page]
    if not lines:
        return "", "", ""
    heights = sorted(e.line.box.height for e in lines)
    ordinary = heights[len(heights) // 2]
    large = [e for e in lines if e.line.box.height >= ordinary * _LARGE_PRINT]
    for event in sorted(large, key=lambda e: -e.line.box.height):
        found = parse_publication_number(event.text)
        if found[1]:
            return found
    return "", "", ""


def parse_kind(text: str) -> str:
    """(13) 'A1' -> 'A1'."""
    match = _KIND.search(text)
    return match.group(1) if match else ""


_PCT_NUMBER = re.compile(r"\bP\s?C\s?T\s?/\s?([A-Z]{2})\s?((?:19|20)?\d{2})\s?/\s?(\d{5,6})\b")
"""An international application's number: 'PCT/JP2012/349377' (receiving office, year,
serial), found wherever the field's text holds it (designated states read into it)."""


def parse_application_number(text: str) -> str:
    """(21) the application number: an international one ('PCT/JP2012/349377') whole,
    else the digits after the label."""
    pct = _PCT_NUMBER.search(ascii_digits(text))
    if pct:
        return f"PCT/{pct.group(1)}{pct.group(2)}/{pct.group(3)}"
    value = text.split(":", 1)[1] if ":" in text else text
    match = re.search(r"[0-9][0-9 ./,-]*[0-9]", value)
    return re.sub(r"\s", "", match.group(0)) if match else ""


def _one_digit_once(match: re.Match[str]) -> str:
    """A doubled digit of a class read once: the letter beside the digit it looks like."""
    section, glyphs = match.group(1), match.group(2)
    for index in (0, 1):
        pair = glyphs[index:index + 2]
        letter = next((glyph for glyph in pair if not glyph.isdigit()), "")
        if letter and len(set(pair.translate(_DIGIT_LIKE))) == 1:
            return section + glyphs.replace(letter, "", 1) if pair.count(letter) == 1 \
                else match.group(0)
    return match.group(0)


def _slash_read_one(match: re.Match[str]) -> str:
    glyphs = match.group(2)
    places = [index for index, glyph in enumerate(glyphs)
              if glyph in "1Il|" and 1 <= index <= 3 and len(glyphs) - index - 1 >= 2]
    if len(places) != 1:
        return match.group(0)
    return f"{match.group(1)}{glyphs[:places[0]]}/{glyphs[places[0] + 1:]}"


def parse_ipc(text: str) -> tuple[str, ...]:
    """Every IPC symbol, with OCR's letter/digit confusions mended (C07D 403/04; a section
    C read as '€')."""
    symbols = []
    text = _IPC_DOUBLED_ZERO.sub(r"\1", _EDITION.sub(" ", text))
    text = _IPC_SLASH_READ_ONE.sub(_slash_read_one, text)
    text = _IPC_DOUBLED_DIGIT.sub(_one_digit_once, text)
    text = _IPC_GLYPH_INSIDE.sub(r"\1\2", text)
    for section, cls, subclass, group, subgroup in _IPC.findall(text):
        subclass_letter = _SUBCLASS_MARK_LIKE.get(subclass, subclass.translate(_LETTER_LIKE))
        if not subclass_letter.isalpha():
            continue
        section = section.replace("€", "C").upper()
        symbol = (f"{section}{cls.translate(_DIGIT_LIKE)}{subclass_letter.upper()} "
                  f"{group.translate(_DIGIT_LIKE)}/{subgroup.translate(_DIGIT_LIKE)}")
        if symbol not in symbols:
            symbols.append(symbol)
    return tuple(symbols)


_PRIORITY_DATE = (r"(?:\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4}"
                  r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})")
"""A priority's date: numeric (31.10.2003), month first (Oct. 26, 2001), day first (5 June
2008)."""
_PRIORITY_FORMS = (
    # EP: '31.10.2003 US 516238 P'; US: 'Oct. 26, 2001 (CH) ........ 1974/01'
    re.compile(rf"(?P<date>{_PRIORITY_DATE})\s+\(?(?P<country>[A-Z]{{2}})\)?[\s.…_]+"
               rf"(?P<number>[0-9A-Z][0-9A-Z ,./-]*?[0-9A-Z])(?=\s+{_PRIORITY_DATE}|\s*$)"),
    # WO: '2008-148514 5 June 2008 (05.06.2008) JP'
    re.compile(rf"(?P<number>(?=\S*\d)[0-9A-Z][0-9A-Z,./-]*[0-9A-Z])\s+(?P<date>{_PRIORITY_DATE})"
               r"(?:\s*\(\d{1,2}\.\d{1,2}\.\d{4}\))?\s+\(?(?P<country>[A-Z]{2})\)?(?!\w)"),
)
"""The orders offices print a priority in: date, office, number (EP, US), or number, date,
office (WIPO)."""


def parse_priorities(text: str, order: str) -> tuple[Priority, ...]:
    """Every priority (30) in the orders its offices print one, in the order printed."""
    found: list[tuple[int, int, Priority]] = []
    for form in _PRIORITY_FORMS:
        for match in form.finditer(text):
            if any(start < match.end() and match.start() < end for start, end, _ in found):
                continue
            found.append((match.start(), match.end(), Priority(
                country=match.group("country"), doc_number=match.group("number").strip(),
                date=parse_date(match.group("date"), order))))
    return tuple(priority for _, _, priority in sorted(found, key=lambda item: item[0]))
