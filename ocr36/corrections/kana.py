"""Katakana read twice, mended by the document's own words.

Tesseract's `jpn` reads a katakana of small marks twice, the second time with another mark or
the same again: 'ポンプ' as 'ボポンプ', 'バルブ' as 'バルプブ', 'ポート' as 'ポボート', 'データ' as
'データタ'. Where a word of katakana holds two of one kana in a row (with or without their
voicing marks), and the document prints the word with one of them left out three times or
more, and three times as often as the word as read, the word is the one printed. Words that
hold such a pair as printed ('クロロプレン', 'シールドトンネル') are left alone, the document
not printing them otherwise.
"""

from __future__ import annotations

import re
import unicodedata

from ocr36.corrections.rule import Evidence, Rule

LEAST = 3
"""Times the document prints the word without the kana read twice, at least ..."""
AS_OFTEN = 3
"""... and as many times as often as the word as read."""
KATAKANA_WORD = re.compile("[\u30a1-\u30fa\u30fc]+")


def _base(kana: str) -> str:
    """The kana without its voicing mark ('ボ', 'ポ' -> 'ホ')."""
    return unicodedata.normalize("NFD", kana)[0]


def _printed(word: str, evidence: Evidence) -> str:
    """The word with one of a kana read twice left out, where the document prints it so."""
    counts = evidence.spelling.katakana
    for i in range(len(word) - 1):
        if word[i] == "ー" or _base(word[i]) != _base(word[i + 1]):
            continue
        found = {word[:i] + word[i + 1:], word[:i + 1] + word[i + 2:]}
        ranked = sorted(found, key=lambda w: counts[w], reverse=True)
        best = ranked[0]
        if counts[best] >= LEAST and counts[best] >= AS_OFTEN * counts[word] and \
                (len(ranked) == 1 or counts[best] >= AS_OFTEN * counts[ranked[1]]):
            return best
    return word


def kana_read_twice(text: str, evidence: Evidence) -> str:
    """'ポンプおよびボポンプの' -> 'ポンプおよびポンプの' where the document prints 'ポンプ' three
    times or more; 'クロロプレン' stays."""
    if not KATAKANA_WORD.search(text):
        return text
    return KATAKANA_WORD.sub(lambda match: _printed(match.group(0), evidence), text)


RULES = (
    Rule("kana-read-twice", "words",
         "A katakana read twice, with another voicing mark or the same, where the document "
         "prints the word once with it ('ボポンプ', 'バルプブ', 'データタ').",
         kana_read_twice, script="Jpan"),
)
"""The rules of katakana."""
