"""Mend what OCR makes of chemical carbon-count ranges printed with subscripts (C1-4-alkyl).

Tesseract reads the small subscript digits of "C₁₋₄ alkyl" as "C,.4", "C;_4", "Cz 5", "G,.4".
Where such a token stands before an alkyl-type word (in any of the languages patents use:
alkyl, Alkyl, alcoxy, alcényle ...), the digits can be told back with confidence.
"""

from __future__ import annotations

import re

_FIRST = {",": "1", ";": "1", ":": "1", "'": "1", "’": "1", "i": "1", "I": "1", "l": "1",
          "|": "1", "z": "2", "Z": "2", ">": "2", "s": "3"}
_SECOND = {'"': "4", "g": "8", "s": "8", "S": "8", "B": "8", "A": "4", "a": "4", "q": "4"}
_GROUP = r"(?:[Hh]alo\w*|[Dd]i|[Cc]yclo|[Hh]alogen)?[Aa]l[ck]\w*|[Cc]ycloal[ck]\w*|[Hh]alo\w*"
_RANGE = re.compile(
    r"\b[CG]\s?(?P<first>[,;:'’iIl|zZ>]|[1-9])?\s?[.,_\-–]?\s?(?P<second>[0-9\"gsSBAaq])"
    r"(?P<end>-|\s)(?P<group>" + _GROUP + r")"
)


def _digit(text: str | None, table: dict[str, str]) -> str | None:
    if text is None:
        return None
    return text if text.isdigit() else table.get(text)


def mend_carbon_ranges(text: str) -> str:
    """'C,.4-Alkyl' -> 'C1-4-Alkyl', 'Cz 5 alkyl' -> 'C2-5 alkyl'; other text unchanged."""

    def repair(match: re.Match[str]) -> str:
        first = _digit(match.group("first"), _FIRST)
        second = _digit(match.group("second"), _SECOND)
        if first is None or second is None or int(first) > int(second):
            return match.group(0)
        return f"C{first}-{second}{match.group('end')}{match.group('group')}"

    return _RANGE.sub(repair, text)
