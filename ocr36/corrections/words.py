"""Word corrections: misread letters, specks and lost spaces, by the word list of the
section's Tesseract packs and the document's own spelling (any language of the Latin script)."""

from __future__ import annotations

import re

from ocr36.corrections.misreads import (
    drop_bar_between_words,
    drop_gap_underscore,
    drop_speck_after_punctuation,
    mend_misreads,
    space_after_comma,
)
from ocr36.corrections.rule import Evidence, Rule
from ocr36.corrections.spelling import Spelling
from ocr36.languages import language


def split_run_together(text: str, spelling: Spelling, lexicon: frozenset[str] = frozenset(),
                       stop_words: frozenset[str] = frozenset()) -> str:
    """Undo spaces OCR lost after short function words: 'Acompound' -> 'A compound',
    'ora' -> 'or a', 'Toasolution' -> 'To a solution'.

    A word is split only when it is not a word of the language of four letters or more
    (`lexicon`, lower case: 'into' and 'because' stay whole, 'ora' is split) nor one of the
    language's `stop_words` ('una' and 'uma' are no 'un a' and 'um a'; the document's own
    most frequent words would not do: 'ora', where 'or a' lost its space in every claim,
    is among a claims section's), it is rare
    beside the word it would leave (a third as often at most; after a one-letter word, the
    word list vouching for the rest is enough: claims print 'Acompound' more than 'compound'), its
    first part (or two) are among the document's function words, in any case, and the rest
    is a frequent word of four letters or more (or a function word itself).
    """
    counts, function_words = spelling.counts, spelling.function_words

    def word(tail: str) -> bool:
        return tail in function_words or (len(tail) >= 4 and counts[tail] >= 5)

    def split(match: re.Match[str]) -> str:
        whole = match.group(0)
        small = whole.lower()
        if small in stop_words or (len(whole) >= 4 and small in lexicon):
            return whole  # a word of the language; a short one if one of its stop words

        def rare(part: str) -> bool:
            return counts[whole] * 3 <= max(counts[part], 3)

        for k in (1, 2, 3, 4):
            head, tail = whole[:k], whole[k:]
            if head.lower() not in function_words:
                continue
            if k == 4:  # 'oderein'; a frequent word as long is no head otherwise ('tertbutyl')
                if len(tail) <= 3 and tail.lower() in function_words and rare(tail):
                    return f"{head} {tail}"
                continue
            # a one-letter article before a word of the language (the whole is none)
            known = k == 1 and len(tail) >= 4 and tail.lower() in lexicon
            if word(tail) and (rare(tail) or known):
                return f"{head} {tail}"  # Acompound, ora
            for j in (1, 2, 3):
                middle, rest = tail[:j], tail[j:]
                if middle.lower() in function_words and len(rest) >= 4 and counts[rest] >= 5 and \
                        rare(rest):
                    return f"{head} {middle} {rest}"  # Toasolution
        return whole

    return re.sub(r"(?<![\w-])[^\W\d_]{3,}(?![\w-])", split, text)


_SMALL_CAPITAL = re.compile(r"(?:(?<=[^\W\dA-Z_À-Þ] )|(?<=[^\W\dA-Z_À-Þ], ))"
                            r"[COSVWXZ][^\W\d_A-ZÀ-Þ]+(?= [^\W\dA-Z_À-Þ])")
"""A capitalised word between two words in small letters (a comma may follow the first):
never Title Case."""


def lower_small_capitals(text: str, spelling: Spelling) -> str:
    """A function word read with a capital whose shape is its small letter's, larger ("Oder"
    for "oder", "Sind"), inside a sentence: in small letters, where the document prints it so
    twenty times and with the capital nowhere else."""

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        small = word.lower()
        if small in spelling.function_words and spelling.counts[word] <= 1 and \
                spelling.counts[small] >= 20:
            return small
        return word

    return _SMALL_CAPITAL.sub(lower, text)


def _thin_l(text: str, evidence: Evidence) -> str:
    return mend_misreads(text, evidence.spelling.lowered, evidence.lexicon)


def _run_together(text: str, evidence: Evidence) -> str:
    words = language(evidence.lang)
    return split_run_together(text, evidence.spelling, evidence.lexicon,
                              frozenset(words.stop_words) if words else frozenset())


def _small_capitals(text: str, evidence: Evidence) -> str:
    return lower_small_capitals(text, evidence.spelling)


RULES = (
    Rule("thin-l", "words",
         "An 'l' read as a thin glyph ('i', '!', '|', 't', 'I'), a thin glyph too many or one "
         "glyph split in two, where the word list or the document knows the mended word.",
         _thin_l),
    Rule("bar-between-words", "words",
         "A speck or the end of a rule read as a lone '|' between words.",
         lambda text, _: drop_bar_between_words(text)),
    Rule("gap-underscore", "words",
         "A wide gap between justified words read as '_' ('a_ core', 'message _ hardware').",
         lambda text, _: drop_gap_underscore(text)),
    Rule("speck-after-punctuation", "words",
         "A speck read as a lone '.' after a comma or semicolon.",
         lambda text, _: drop_speck_after_punctuation(text)),
    Rule("space-after-comma", "words",
         "The space after a comma lost between two words in lower case.",
         lambda text, _: space_after_comma(text)),
    Rule("run-together", "words",
         "The space after a short function word lost ('Acompound', 'oderein').",
         _run_together),
    Rule("small-capital", "words",
         "A function word read with a capital inside a sentence ('Oder' for 'oder').",
         _small_capitals),
)
"""The word rules, in the order they run."""
