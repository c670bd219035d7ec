"""Mend what OCR makes of chemical carbon-count ranges printed with subscripts (C1-4-alkyl).

Tesseract reads the small subscript digits of "C₁₋₄ alkyl" as "C,.4", "C;_4", "Cz 5", "G,.4".
Where such a token stands before an alkyl-type word (in any of the languages patents use:
alkyl, Alkyl, alcoxy, alcényle ...), the digits can be told back with confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

_FIRST = {".": "1", ",": "1", ";": "1", ":": "1", "'": "1", "’": "1", "i": "1", "I": "1", "l": "1",
          "|": "1", "y": "1", "z": "2", "Z": "2", ">": "2", "»": "2", "o": "2", "s": "3"}
_SECOND = {'"': "4", "g": "8", "s": "8", "S": "8", "B": "8", "A": "4", "a": "4", "q": "4"}
_GROUP = r"(?:[Hh]alo\w*|[Dd]i|[Cc]yclo|[Hh]alogen)?[Aa]l[ck]\w*|[Cc]ycloal[ck]\w*|[Hh]alo\w*"
_TOKEN = (r"[CG]\s?(?P<first>[.,;:'’iIl|yzZ>»o]|[1-9])?\s?[.,_\-–]{0,2}\s?"
          r"(?P<second>[0-9\"gsSBAaq])")
_RANGE = re.compile(r"\b" + _TOKEN + r"(?P<end>-|\s)(?P<group>" + _GROUP + r")")
_RANGE_AFTER = re.compile(r"(?P<lead>\b(?:" + _GROUP + r")\s+en\s+)" + _TOKEN + r"(?=[,;.\s])")
"""French puts the range after the group: 'alkyle en C1-4'."""
_SPECK_IN_RANGE = re.compile(r"\b([CG])[.,;:'’](?=[1-9]-[0-9](?:-|\s)(?:" + _GROUP + r"))")
"""A speck read as punctuation between the C and a range read right: 'C,1-4-Alkyl'."""
_GARBLED = re.compile(r"\b[CG](?P<garble>[^\sA-Z]{2,4})(?P<end>-|\s)(?P<group>" + _GROUP + r")")
"""A carbon range read past telling ('C,.,-Alkyl', 'C4.,', 'C©;.'): two glyphs at least of
`_GARBLE`, one digit at most ('C1-4, alkoxy' is a range read right)."""
_GARBLE = frozenset(",.;:_'’\"©»«*~|!-–")
_PRINTED_RANGE = re.compile(r"\bC(?P<range>[1-9]-[0-9])(?:-|\s)(?P<group>" + _GROUP + r")")
_DOMINANT = 0.8
_BEFORE_A_VERB = r"(?:is|are|es|est|sont|ist|sind|and|und|et)\b"
_R_ONE = re.compile(r"\bR[,;](?= " + _BEFORE_A_VERB + ")")
"""The subscript 1 of "R1" read as punctuation before a verb or a second group."""
_R_TWO = re.compile(r"\bR[zZo=](?=\s+(?:(?:or|oder|ou)\b|" + _BEFORE_A_VERB + "))")
_CAPITAL_A_GRAVE = re.compile(r"\bÀ(?= (?:est|sont|représente|signifie)\b)")
"""French OCR turns the ring or group letter A into À before a verb ('le cycle À est')."""
_RING_HYDROGEN = re.compile(r"(?<=[(\s\-])(\d)(?:\s+|[TIl|!])H-(?=[a-z])")
_FORMULA_LABEL = re.compile(r"(\b[Ff]ormul[ae] \(|\b[Ff]ormel \()[1lti!|](?=[a-z]\))")
"""The roman I of a formula's label read as a digit or small letter: 'Formula (th)'."""
_SULFONYL = re.compile(r"(?<=[SP]\(O\))[,.;:'>»o](?=-)")
"""The subscript 2 of a sulfonyl '-S(O)2-' read as punctuation: '-S(O),-'."""


def _digit(text: str | None, table: dict[str, str]) -> str | None:
    if text is None:
        return None
    return text if text.isdigit() else table.get(text)


def printed_ranges(lines: Iterable[str]) -> dict[str, str]:
    """The carbon range a document prints before each group word ('alkoxy': '1-4'), where
    it prints one range there four times in five (and three times at least)."""
    seen: dict[str, Counter[str]] = {}
    for line in lines:
        for match in _PRINTED_RANGE.finditer(line):
            seen.setdefault(match.group("group").lower(), Counter())[match.group("range")] += 1
    ranges = {}
    for group, counts in seen.items():
        carbon_range, count = counts.most_common(1)[0]
        if count >= 3 and count >= _DOMINANT * sum(counts.values()):
            ranges[group] = carbon_range
    return ranges


def mend_carbon_ranges(text: str, ranges: Mapping[str, str] | None = None) -> str:
    """'C,.4-Alkyl' -> 'C1-4-Alkyl', 'Cz 5 alkyl' -> 'C2-5 alkyl'; a range garbled past
    telling ('C,.,-Alkyl') is the one the document prints before that group (`ranges`, from
    `printed_ranges`); other text unchanged."""

    def carbon_range(match: re.Match[str]) -> str | None:
        first = _digit(match.group("first"), _FIRST)
        second = _digit(match.group("second"), _SECOND)
        if first is None or second is None or int(first) > int(second):
            return None
        return f"C{first}-{second}"

    def repair(match: re.Match[str]) -> str:
        mended = carbon_range(match)
        return f"{mended}{match.group('end')}{match.group('group')}" if mended \
            else match.group(0)

    def repair_after(match: re.Match[str]) -> str:
        mended = carbon_range(match)
        return f"{match.group('lead')}{mended}" if mended else match.group(0)

    def garbled(match: re.Match[str]) -> str:
        carbon_range = (ranges or {}).get(match.group("group").lower())
        garble = match.group("garble")
        if carbon_range is None or sum(c.isdigit() for c in garble) > 1 or \
                sum(c in _GARBLE for c in garble) < 2:
            return match.group(0)
        return f"C{carbon_range}{match.group('end')}{match.group('group')}"

    text = _SPECK_IN_RANGE.sub(r"\1", text)
    text = _RANGE_AFTER.sub(repair_after, _RANGE.sub(repair, text))
    text = _GARBLED.sub(garbled, text)
    text = _R_ONE.sub("R1", text)
    text = _R_TWO.sub("R2", _CAPITAL_A_GRAVE.sub("A", text))
    text = _FORMULA_LABEL.sub(r"\1I", _RING_HYDROGEN.sub(r"\1H-", text))
    return _SULFONYL.sub("2", text)


def mend_brackets(text: str) -> str:
    """A brace that closes a round bracket (or opens one that a round bracket closes) was
    read wrongly: '-yl}-2,' -> '-yl)-2,'; a brace that closes nothing, just after a round
    bracket, is a speck: '-yl)}-2,' -> '-yl)-2,'."""
    chars = list(text)
    stack: list[int] = []
    for i, char in enumerate(chars):
        if char in "({[":
            stack.append(i)
        elif char == "}" and not stack and i and chars[i - 1] == ")":
            chars[i] = ""
        elif char in ")}]" and stack:
            opened_at = stack.pop()
            if chars[opened_at] == "(" and char == "}":
                chars[i] = ")"
            elif chars[opened_at] == "{" and char == ")":
                chars[opened_at] = "("
    return "".join(chars)
