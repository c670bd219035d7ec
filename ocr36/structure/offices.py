"""What a front page prints the same way for every publication of an office or a language,
as data: the kind words beside (12) per language (`kinds.toml`), each office's date order
and number width (`offices.toml`), and the INID codes front pages print (`inid.toml`)."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from ocr36.profile import Profile

_FOLDER = Path(__file__).resolve().parent
UNKNOWN_OFFICE = "XX"
"""The office of a profile that does not name one (ST.3 'not known')."""
_KIND_WORDS_ALIKE = 90.0
"""Kind words are found in a line this alike (rapidfuzz partial ratio): OCR's slips allowed."""


@dataclass(frozen=True)
class OfficeConventions:
    date_order: str = ""
    """dmy, mdy or ymd; '' where the data does not say."""
    number_digits: int = 0
    """The publication number's digits at least, zeros put before it (0: as printed)."""


def _squeezed(text: str) -> str:
    """Lower-case letters and single spaces: how kind words are compared."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^\w']+|\d+|_", " ", text).split())


@functools.cache
def kind_words() -> tuple[tuple[str, str, str], ...]:
    """(language, words, kind letter) of every language, the longest words first (so that
    'new european patent specification' is found before 'european patent specification')."""
    data = tomllib.loads((_FOLDER / "kinds.toml").read_text("utf-8"))
    found = [(lang, _squeezed(words), kind) for lang, table in data.items()
             for words, kind in table.items()]
    return tuple(sorted(found, key=lambda item: -len(item[1])))


def kind_of_words(text: str) -> str:
    """The kind letter the words of a (12) line tell ('EUROPEAN PATENT APPLICATION' -> 'A'),
    or ''."""
    line = _squeezed(text)
    if len(line) < 5:
        return ""
    for _, words, kind in kind_words():
        if words in line or (len(line) >= len(words) * 0.8 and
                             fuzz.partial_ratio(words, line) >= _KIND_WORDS_ALIKE):
            return kind
    return ""


@functools.cache
def _offices() -> dict[str, OfficeConventions]:
    data = tomllib.loads((_FOLDER / "offices.toml").read_text("utf-8"))
    return {code: OfficeConventions(**table) for code, table in data.items()}


def office_conventions(code: str) -> OfficeConventions:
    """How office `code` prints (nothing known: OfficeConventions())."""
    return _offices().get(code, OfficeConventions())


@functools.cache
def _inid() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    data = tomllib.loads((_FOLDER / "inid.toml").read_text("utf-8"))
    confused: dict[str, set[str]] = {}
    for a, b in data["confusions"]:
        confused.setdefault(a, set()).add(b)
        confused.setdefault(b, set()).add(a)
    return frozenset(data["codes"]), {k: frozenset(v) for k, v in confused.items()}


def misread_code(code: str, printed: set[str]) -> str:
    """The code meant by `code` where OCR confused one of its digits ('64' for '54'): the one
    front pages print, not in `printed` (the page's other codes), one confusion away; else
    `code` itself."""
    codes, confused = _inid()
    if not code.isdigit() or code in codes:
        return code
    options = {code[:i] + other + code[i + 1:] for i, digit in enumerate(code)
               for other in confused.get(digit, ())}
    options = {option for option in options if option in codes and option not in printed}
    return options.pop() if len(options) == 1 else code


def date_order(country: str, profile: Profile) -> str:
    """The order numeric dates are printed in: the profile's, or where the profile does not
    name its office, that of the office whose number the front page prints."""
    if profile.office == UNKNOWN_OFFICE and country:
        return office_conventions(country).date_order or profile.front_page.date_order
    return profile.front_page.date_order
