"""What the scripts of a text mean for joining, matching and measuring it.

Chinese, Japanese and Thai are printed without spaces between words: the words OCR gives
for such a line are joined without a space; where such a run meets Latin letters or digits,
with one only where the page shows it (a gap wider than `SPACE_GAP` of the line's height),
and between two Thai phrases where a printed space parts them. Korean prints spaces between
words; Tesseract gives a word in pieces. Beside Korean and Thai the engine's own word
boundaries decide where it tells them (`ENGINE_SPACED`: Tesseract's result iterator knows
which piece follows a printed space); where it does not (its word table, a recording made
before), the gaps do (`WORD_GAP`, `PHRASE_GAP`).

Full-width forms ("１．", "（２１）"), Arabic punctuation and direction marks are folded to
ASCII for matching only, character for character, so that a match's positions are those of
the text as printed. Digits of any script are numbers (a pattern's digit class matches
them, `int` reads them); `ascii_digits` writes them in ASCII where a number stays text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

SPACE_GAP = 0.6
"""A gap between a CJK character and a Latin letter or digit, as a share of the line's
height, that is a printed space."""
PUNCTUATION_GAP = 0.35
"""... and between a punctuation mark and other Latin text in a line holding Thai ..."""
FULL_WIDTH_PUNCTUATION_GAP = 1.0
"""... and in a line holding Chinese or Japanese, where Tesseract reads a full-width mark
('：', '；', '（') in ASCII with the blank half of its square as a gap (0.33 to 0.83 of the
line's height measured beside 'SEQ ID NO：52', 'HCDR3；（ii）'): the corpus's CNIPA and JPO
texts print 1 % of their marks beside Latin text with a space."""
WORD_GAP = 0.18
"""A gap between two Hangul syllables, as a share of the line's height, that is a printed
space: Tesseract gives a Korean word as pieces set close (up to 9 pixels apart at 10 pt in a
line about 80 high, a printed space 18 or more)."""
PHRASE_GAP = 0.25
"""A gap between two characters of Thai, Lao or Khmer, as a share of the line's height,
that is a printed space: these scripts print spaces between phrases, not words, and
Tesseract gives their words as runs of a few characters set close (6 to 12 pixels apart
at 10 pt, a printed space 20 or more)."""

RANGE_MARKS = ("～", "~", "乃至", "から")
"""Marks of a range of claims in any language ('請求項１乃至３', '請求項１から３', '1～3'):
a language's own words are in its file (`claim_range`)."""

_UNSPACED = (
    "\u0e00-\u0e7f"            # Thai
    "\u0e80-\u0eff"            # Lao
    "\u1780-\u17ff"            # Khmer
    "\u2e80-\u2fdf"            # CJK radicals, Kangxi radicals
    "\u3000-\u303f"            # CJK symbols and punctuation (、。【】「」)
    "\u3040-\u30ff"            # Hiragana, Katakana
    "\u3100-\u312f"            # Bopomofo
    "\u31f0-\u31ff"            # Katakana extensions
    "\u3200-\u33ff"            # enclosed CJK, CJK compatibility
    "\u3400-\u4dbf"            # CJK extension A
    "\u4e00-\u9fff"            # CJK unified ideographs
    "\uf900-\ufaff"            # CJK compatibility ideographs
    "\ufe30-\ufe4f"            # CJK compatibility forms
    "\uff00-\uffef"            # half-width and full-width forms
    "\U00020000-\U0003134f"    # CJK extensions B to G
)
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
_IDEOGRAPHIC = re.compile("[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Han ideographs, Hiragana and Katakana: a line of Chinese or Japanese."""
PHRASE_SPACED = re.compile("[\u0e00-\u0eff\u1780-\u17ff]")
"""Thai, Lao and Khmer: printed without spaces between words, like CJK, with spaces between
phrases."""
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
ENGINE_SPACED = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u0e00-\u0e7f]")
"""Characters beside which the engine's own word boundaries are trusted over the page's
gaps: Tesseract reads a Korean word in pieces of a syllable or two and a Thai phrase in runs
of a few characters, but knows which piece follows a printed space, where the boxes of the
pieces are too rough to tell (measured: Korean claims 24.6 % CER by the gaps, 0 % so; Thai
lines 1.3 % by the gaps, 0.3 % to 0.5 % so). Not Chinese and Japanese: Tesseract reads
spaces around their punctuation and between characters that the page does not print."""
_UNSPACED_RUN = re.compile(f"[{_UNSPACED}]+")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20  # ideographic space
_FULL_WIDTH.update({ord("【"): ord("["), ord("】"): ord("]"), ord("〔"): ord("["),
                    ord("〕"): ord("]"), ord("、"): ord(","), ord("。"): ord(".")})
DIRECTION_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Left-to-right and right-to-left marks, embeddings, overrides and isolates: invisible,
set around numbers in Arabic text ('\u200f١.')."""
_FULL_WIDTH.update({ord(mark): ord(" ") for mark in DIRECTION_MARKS})
_ARABIC_PUNCTUATION = {ord("٫"): ord("."), ord("٬"): ord(","), ord("،"): ord(","),
                       ord("؛"): ord(";"), ord("؟"): ord("?"), ord("٪"): ord("%")}
_FULL_WIDTH.update(_ARABIC_PUNCTUATION)


def unspaced(char: str) -> bool:
    """A character of a script printed without spaces between words (CJK, Thai ...)."""
    return bool(_UNSPACED_CHAR.match(char))


def has_unspaced(text: str) -> bool:
    return _UNSPACED_CHAR.search(text) is not None


def needs_space(before: str, after: str) -> bool:
    """Whether two pieces of text read side by side are parted by a space, going by their
    scripts alone: not where either side of the join is CJK or Thai."""
    if not before or not after:
        return False
    left, right = before[-1], after[0]
    return not (unspaced(left) or unspaced(right))


LineWord = tuple[str, int, int, bool | None]
"""A word of a line as `join_words` takes it: text, left and right in pixels, and whether the
engine read a space before it (None where the engine does not tell)."""


def join_words(words: Sequence[LineWord], height: int) -> str:
    """The text of a line from its words: a space between two words, but in a line with
    characters of a script printed without spaces only where the page shows one
    (`_printed_space`), never beside a digit printed full width (`_full_width_digit`);
    beside Hangul and Thai where the engine read one (`ENGINE_SPACED`), and where it does
    not tell where the page shows one (`_hangul_space`, `_printed_space`)."""
    if not words:
        return ""
    holds_cjk = any(has_unspaced(text) for text, _, _, _ in words)
    ideographic = any(_IDEOGRAPHIC.search(text) for text, _, _, _ in words)
    if not holds_cjk and not any(_HANGUL.search(text) for text, _, _, _ in words):
        return " ".join(text for text, _, _, _ in words)
    parts = [words[0][0]]
    for (text, left, _, read), (previous, _, previous_right, _) in zip(words[1:], words,
                                                                       strict=False):
        if previous and text and not (holds_cjk and _full_width_digit(previous, text)) \
                and _spaced(previous[-1], text[0], read, (holds_cjk, ideographic),
                            (left - previous_right) / max(height, 1)):
            parts.append(" ")
        parts.append(text)
    return "".join(parts)


def _spaced(before: str, after: str, read: bool | None, holds: tuple[bool, bool],
            gap: float) -> bool:
    """Whether two words of a line holding CJK, Thai or Hangul (`holds`: whether it holds a
    script printed without spaces, and Chinese or Japanese) are parted by a space: as the
    engine read it where it tells and either side is of a script it spaces right
    (`ENGINE_SPACED`), else by the characters on either side and the gap between them."""
    if read is not None and (ENGINE_SPACED.match(before) or ENGINE_SPACED.match(after)):
        return read
    holds_cjk, ideographic = holds
    if holds_cjk:
        return _printed_space(before, after, gap, read, ideographic)
    return _hangul_space(before, after, gap)


def _full_width_digit(before: str, after: str) -> bool:
    """Whether one of two words of a line holding CJK is a lone digit beside a digit or a
    CJK character: a digit printed full width ('３１０', '部３'), which Tesseract gives as a
    word of its own, read in ASCII, with a box too rough to tell a gap by (measured: a JPO
    abstract read '部 3 1 0' for '部３１０'). Printed half width, a number is one word.
    Not beside Thai, Lao or Khmer, which print a space between a phrase and a number."""
    lone = [len(word) == 1 and word.isdecimal() for word in (before, after)]
    sides = (after[0], before[-1])
    cjk = [unspaced(side) and not PHRASE_SPACED.match(side) for side in sides]
    return any(is_lone and (side.isdecimal() or is_cjk)
               for is_lone, side, is_cjk in zip(lone, sides, cjk, strict=True))


def joined_by_gaps(text: str) -> bool:
    """Whether a line's words are joined as the page shows them (`join_words`), not with a
    space each: text holding CJK, Thai or Korean."""
    return has_unspaced(text) or _HANGUL.search(text) is not None


def _hangul_space(before: str, after: str, gap: float) -> bool:
    """Between two Hangul syllables a space where the page shows one (`WORD_GAP`):
    Tesseract gives a Korean word as pieces of a syllable or two; a space elsewhere."""
    if _HANGUL.match(before) and _HANGUL.match(after):
        return gap > WORD_GAP
    return True


def _printed_space(before: str, after: str, gap: float, read: bool | None = None,
                   ideographic: bool = False) -> bool:
    """Whether two words of a line holding CJK are parted by a printed space, by the
    characters on either side and the gap between them (in line heights). Between two CJK
    characters never: Tesseract's boxes of CJK words are too rough to tell a space by; and
    a punctuation mark beside one (Tesseract reads '：' as ':') stands close to it. Between
    CJK and a Latin letter or digit where the gap is wide and the engine, where it tells,
    read a space (a box of a CJK word can be off by two line heights: '的LCDR1' measured
    2.6 apart, read without a space). Between Thai and anything but CJK where the gap is a
    printed one (`PHRASE_GAP`)."""
    sides = (before, after)
    if _HANGUL.match(before) and _HANGUL.match(after):
        return gap > WORD_GAP
    phrase = [PHRASE_SPACED.match(side) is not None for side in sides]
    if any(phrase) and all(p or not unspaced(c) for p, c in zip(phrase, sides, strict=True)):
        return gap > PHRASE_GAP
    if unspaced(before) or unspaced(after):
        other = after if unspaced(before) else before
        return not unspaced(other) and other.isalnum() and gap > SPACE_GAP and read is not False
    least = FULL_WIDTH_PUNCTUATION_GAP if ideographic else PUNCTUATION_GAP
    return (before.isalnum() and after.isalnum()) or gap > least


_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
"""Hebrew, Arabic, Syriac, Thaana ... letters and their presentation forms."""
_SHOWN_NUMBER = re.compile(r"^(\s*)([.,:;)\]}\-]+)(\d+)([^\w\s]*)(?=\s|$)")
"""A number opening a line with its marks as Tesseract gives them in right-to-left text:
'.١' for '١.', ']٠٠٠١[' for '[٠٠٠١]' (the digits in their order, the marks around them in
the order they are seen)."""


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII, 【】 as [], 、。 as , and ., Arabic
    punctuation (، ٫ ؛) as ASCII, direction marks as spaces, and in a line of right-to-left
    text the number that opens it with its marks in logical order ('.١' as '١.') — one
    character for one, for matching patterns (the text itself keeps what was printed)."""
    folded = text.translate(_FULL_WIDTH)
    shown = _SHOWN_NUMBER.match(folded)
    if shown is None or not _RIGHT_TO_LEFT.search(folded):
        return folded
    lead, before, digits, after = shown.groups()
    return lead + after[::-1] + digits + before[::-1] + folded[shown.end():]


def ascii_digits(text: str) -> str:
    """Digits of any script (Arabic-Indic ١٢٣, Persian ۱۲۳, full-width １２３ ...) as ASCII
    digits, one for one; ST.36 writes numbers and dates in ASCII."""
    return "".join(str(unicodedata.digit(c)) if not c.isascii() and c.isdecimal() else c
                   for c in text)


def letter_count(text: str) -> int:
    """How many letters a text holds, as its alphabet writes them: a Hangul syllable is the
    two or three jamo it is set from ('전문' holds 6), any other letter one."""
    return sum(len(unicodedata.normalize("NFD", c)) if _HANGUL.match(c) else 1
               for c in text if c.isalpha())


def heading_size(text: str) -> int:
    """How long a line is in words: its spaced words, and a word for every two characters
    of an unspaced script ('权利要求书' counts 3, 'What is claimed is' 4)."""
    if not has_unspaced(text):
        return len(text.split())
    size = 0
    for token in text.split():
        runs = _UNSPACED_RUN.findall(token)
        rest = _UNSPACED_RUN.sub("", token)
        size += sum(_run_size(run) for run in runs) + (1 if re.search(r"\w", rest) else 0)
    return size


PHRASE_LETTERS_A_WORD = 3
"""Thai, Lao and Khmer count a word for every three letters, the marks set over and under
them not counted: their words are longer than two characters (`รายละเอียดการประดิษฐ์`, three
words, is 21 characters, 18 letters; at two characters a word it was no heading)."""


def _run_size(run: str) -> int:
    """Words in a run of an unspaced script: two CJK characters a word, or
    `PHRASE_LETTERS_A_WORD` letters of Thai, Lao and Khmer."""
    if not PHRASE_SPACED.match(run):
        return (len(run) + 1) // 2
    letters = sum(1 for c in run if not unicodedata.category(c).startswith("M"))
    return -(-letters // PHRASE_LETTERS_A_WORD)


_FULL_WIDTH_CODE = re.compile(r"（([０-９0-9]{2})[）)]|\(([０-９]{2})\)|\(([０-９0-9]{2})）")
"""An INID code with a full-width bracket or digits ('（２１）', '(２１)', '（21)')."""


def ascii_codes(text: str) -> str:
    """INID codes printed in full-width forms ('（２１）') as ASCII ('(21)'); the rest as is."""
    return _FULL_WIDTH_CODE.sub(lambda m: f"({fold_width(m.group(m.lastindex or 0))})", text)
