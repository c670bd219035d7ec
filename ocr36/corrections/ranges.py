"""Ranges of quantities in Japanese text: the wave dash between two numbers, and the degree
Celsius after one.

The JPO prints a range with a wave dash, '0.3〜0.8', '30分〜約5時間', '120℃〜140℃',
'第1〜第3', '図3〜図5'. Tesseract's `jpn` pack reads the dash as the kana 'て' (and now and
then as '^' or '~'). No word of Japanese puts 'て' right after a number and before another:
the kana closes a verb's or an adjective's form, never a numeral's or a unit's. So 'て'
between a number (with its unit, `range_units` in the language file) and a number (with
'約', '第', '図' or a minus before it) is the wave dash. '^' and '~' are one only where a unit
or '約' tells the range ('0.5インチ^約4.0'): '10^3' is a power. The same 'て' after a number
where no number follows is the degree Celsius, `℃`, which `jpn` reads so ('120てで加熱',
'120てて140て' for '120℃〜140℃'): it runs before the wave dash, which then finds its unit.
"""

from __future__ import annotations

import functools
import re

from ocr36.corrections.rule import Evidence, Rule
from ocr36.languages import language, languages_with

WAVE_DASH = "〜"
_KANA = "て"
"""What `jpn` reads for the wave dash between two numbers, where nothing else stands."""
_MARKS = "^~"
"""... and where a unit or a lead word tells a range."""
_LEADS = "約第図−-"
"""What stands between the wave dash and the range's second number: about, ordinal, figure,
minus ('〜約5時間', '第1〜第3', '図3〜図5', '〜−50ｍｍＨｇ')."""
_DIGITS = "0-9０-９"
CELSIUS = "℃"
_AFTER_NUMBER = re.compile(rf"(?<=[{_DIGITS}]){_KANA}(?![{_LEADS}]?[{_DIGITS}])")
"""'て' after a number and before no number: the degree Celsius."""


@functools.cache
def _range(lang: str) -> re.Pattern[str] | None:
    """A number, its unit, a mark read for the wave dash, and the start of a number."""
    words = language(lang)
    if words is None or not words.range_units:
        return None
    units = "|".join(re.escape(unit) for unit in sorted(words.range_units, key=len, reverse=True))
    return re.compile(rf"(?<=[{_DIGITS}])(?P<unit>{units})?(?P<mark>[{_KANA}{re.escape(_MARKS)}])"
                      rf"(?=(?P<lead>[{_LEADS}])?[{_DIGITS}])")


def wave_dash(text: str, evidence: Evidence) -> str:
    """'0.3て0.8' -> '0.3〜0.8', '30分て約5時間' -> '30分〜約5時間', '0.5インチ^約4.0' ->
    '0.5インチ〜約4.0'; '10^3' and '1~3' stay."""
    pattern = _range(evidence.lang)
    if pattern is None or not any(mark in text for mark in _KANA + _MARKS):
        return text

    def mend(match: re.Match[str]) -> str:
        unit = match.group("unit") or ""
        if match.group("mark") != _KANA and not (unit or match.group("lead")):
            return match.group(0)
        return unit + WAVE_DASH

    return pattern.sub(mend, text)


def degree_celsius(text: str, evidence: Evidence) -> str:
    """'120てで' -> '120℃で', '120てて140て' -> '120℃て140℃'; '0.3て0.8' stays for the
    wave dash."""
    if _KANA not in text or _range(evidence.lang) is None:
        return text
    return _AFTER_NUMBER.sub(CELSIUS, text)


RULES = (
    Rule("degree-celsius", "words",
         "The degree Celsius after a number read as the kana 'て' where no number follows "
         "('120てで加熱').", degree_celsius,
         languages=languages_with("range_units"), script="Jpan"),
    Rule("wave-dash", "words",
         "The wave dash of a range between two numbers read as the kana 'て', or as '^' or '~' "
         "after a unit ('0.3て0.8', '30分て約5時間').", wave_dash,
         languages=languages_with("range_units"), script="Jpan"),
)
"""The rules of ranges, in the order they run."""
