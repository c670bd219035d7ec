"""Chemistry corrections: what OCR makes of carbon-count ranges printed with subscripts
(C1-4-alkyl), of formula symbols and labels, sulfonyls, ring hydrogens and brackets.

Tesseract reads the small subscript digits of "C₁₋₄ alkyl" as "C,.4", "C;_4", "Cz 5", "G,.4".
Where such a token stands before an alkyl-type group (its name is much the same in the
languages patents use: alkyl, Alkyl, alcoxy, alcényle ...), the digits can be told back with
confidence. The words of a language a rule reads (the verbs a symbol stands before, the noun
before a formula's label) come from `ocr36.languages`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable

from ocr36.corrections.rule import Evidence, Rule
from ocr36.languages import LanguageWords, language, languages_with

_FIRST = {".": "1", ",": "1", ";": "1", ":": "1", "'": "1", "’": "1", "i": "1", "I": "1", "l": "1",
          "|": "1", "y": "1", "z": "2", "Z": "2", ">": "2", "»": "2", "o": "2", "s": "3"}
_SECOND = {'"': "4", "g": "8", "s": "8", "S": "8", "B": "8", "A": "4", "a": "4", "q": "4"}
_GROUP = r"(?:[Hh]alo\w*|[Dd]i|[Cc]yclo|[Hh]alogen)?[Aa]l[ck]\w*|[Cc]ycloal[ck]\w*|[Hh]alo\w*"
"""The groups a carbon range stands before: chemical nomenclature, the same stems in the
languages of the Latin script."""
_TOKEN = (r"[CG]\s?(?P<first>[.,;:'’iIl|yzZ>»o]|[1-9])?\s?[.,_\-–]{0,2}\s?"
          r"(?P<second>[0-9\"gsSBAaq])")
_RANGE = re.compile(r"\b" + _TOKEN + r"(?P<end>-|\s)(?P<group>" + _GROUP + r")")
_SPECK_IN_RANGE = re.compile(r"\b([CG])[.,;:'’](?=[1-9]-[0-9](?:-|\s)(?:" + _GROUP + r"))")
"""A speck read as punctuation between the C and a range read right: 'C,1-4-Alkyl'."""
_GARBLED = re.compile(r"\b[CG](?P<garble>[^\sA-Z]{2,4})(?P<end>-|\s)(?P<group>" + _GROUP + r")")
"""A carbon range read past telling ('C,.,-Alkyl', 'C4.,', 'C©;.'): two glyphs at least of
`_GARBLE`, one digit at most ('C1-4, alkoxy' is a range read right)."""
_GARBLE = frozenset(",.;:_'’\"©»«*~|!-–")
_PRINTED_RANGE = re.compile(r"\bC(?P<range>[1-9]-[0-9])(?:-|\s)(?P<group>" + _GROUP + r")")
_DOMINANT = 0.8
_RING_HYDROGEN = re.compile(r"(?<=[(\s\-])(\d)(?:\s+|[TIl|!])H-(?=[a-z])")
_SULFONYL = re.compile(r"(?<=[SP]\(O\))[,.;:'>»o](?=-)")
"""The subscript 2 of a sulfonyl '-S(O)2-' read as punctuation: '-S(O),-'."""


def _any_of(words: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(word) for word in words) + r")\b"


def _either_case(word: str) -> str:
    """A word as printed or with its first letter in the other case ('[Ff]ormula')."""
    return f"[{word[0].upper()}{word[0].lower()}]{re.escape(word[1:])}"


@functools.cache
def _patterns(lang: str) -> dict[str, re.Pattern[str] | None]:
    """The regular expressions built from a language's words; None where it has none."""
    words = language(lang) or LanguageWords(lang, "")

    def build(pattern: str, needed: tuple[str, ...]) -> re.Pattern[str] | None:
        return re.compile(pattern) if needed else None

    return {
        "r-one": build(rf"\bR[,;](?= {_any_of(words.symbol_verbs)})", words.symbol_verbs),
        "capital-a-grave": build(rf"\bÀ(?= {_any_of(words.capital_a_verbs)})",
                                 words.capital_a_verbs),
        "formula-label": build(
            r"(\b(?:" + "|".join(_either_case(n) for n in words.formula_nouns) +
            r") \()[1lti!|](?=[a-z]\))", words.formula_nouns),
    }


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


def _carbon_range(match: re.Match[str]) -> str | None:
    first = _digit(match.group("first"), _FIRST)
    second = _digit(match.group("second"), _SECOND)
    if first is None or second is None or int(first) > int(second):
        return None
    return f"C{first}-{second}"


def speck_in_range(text: str, _: Evidence) -> str:
    return _SPECK_IN_RANGE.sub(r"\1", text)


def carbon_range(text: str, _: Evidence) -> str:
    """'C,.4-Alkyl' -> 'C1-4-Alkyl', 'Cz 5 alkyl' -> 'C2-5 alkyl'."""

    def repair(match: re.Match[str]) -> str:
        mended = _carbon_range(match)
        return f"{mended}{match.group('end')}{match.group('group')}" if mended \
            else match.group(0)

    return _RANGE.sub(repair, text)


def garbled_range(text: str, evidence: Evidence) -> str:
    """A range garbled past telling ('C,.,-Alkyl') is the one the document prints before that
    group (`evidence.ranges`, from `printed_ranges`)."""

    def garbled(match: re.Match[str]) -> str:
        carbon_range = evidence.ranges.get(match.group("group").lower())
        garble = match.group("garble")
        if carbon_range is None or sum(c.isdigit() for c in garble) > 1 or \
                sum(c in _GARBLE for c in garble) < 2:
            return match.group(0)
        return f"C{carbon_range}{match.group('end')}{match.group('group')}"

    return _GARBLED.sub(garbled, text) if evidence.ranges else text


def _by_language(name: str, replacement: str) -> Callable[[str, Evidence], str]:
    def mend(text: str, evidence: Evidence) -> str:
        pattern = _patterns(evidence.lang)[name]
        return pattern.sub(replacement, text) if pattern is not None else text
    return mend


def ring_hydrogen(text: str, _: Evidence) -> str:
    return _RING_HYDROGEN.sub(r"\1H-", text)


def sulfonyl(text: str, _: Evidence) -> str:
    return _SULFONYL.sub("2", text)


def mend_brackets(text: str, _: Evidence) -> str:
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


RULES = (
    Rule("speck-in-range", "chemistry",
         "A speck read as punctuation between the C of a carbon range and its digits "
         "('C,1-4-Alkyl').", speck_in_range),
    Rule("carbon-range", "chemistry",
         "The subscript digits of a carbon range before a group read as punctuation or "
         "letters ('C,.4-alkyl', 'Cz _g-Dialkylamino').", carbon_range),
    Rule("garbled-range", "chemistry",
         "A carbon range read past telling ('C,.,-Alkyl'): the range the document prints "
         "before that group.", garbled_range),
    Rule("r-one", "chemistry",
         "The subscript 1 of a formula symbol read as punctuation before a verb ('R, is').",
         _by_language("r-one", "R1"), languages=languages_with("symbol_verbs")),
    Rule("capital-a-grave", "chemistry",
         "A ring or group letter A read 'À' before a verb ('le cycle À est').",
         _by_language("capital-a-grave", "A"), languages=languages_with("capital_a_verbs")),
    Rule("ring-hydrogen", "chemistry",
         "The italic H of a ring hydrogen split from its locant by a notch or a space "
         "('1TH-tetrazol', '2 H-pyran').", ring_hydrogen),
    Rule("formula-label", "chemistry",
         "The roman I of a formula's label read as a digit or small letter ('Formula (th)').",
         _by_language("formula-label", r"\1I"), languages=languages_with("formula_nouns")),
    Rule("sulfonyl", "chemistry",
         "The subscript 2 of a sulfonyl or phosphoryl read as punctuation ('-S(O),-').",
         sulfonyl),
    Rule("brackets", "chemistry",
         "A round bracket read as a brace, or a speck after one read as a brace "
         "('-yl}-2', '-yl)}-2').", mend_brackets),
)
"""The chemistry rules, in the order they run."""
