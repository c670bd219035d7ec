"""Words OCR misread, mended by the language's word list and the document's own spelling.

Thin strokes on a scan make Tesseract read "l" as "i", "!", "|", "t" or "I": "alkyisulfonyl",
"Alky!sulfinyl", "tetrazol-5-y!", "Formei". A "!" or "|" between letters is always an "l",
and closing a word in lower case it is one where that makes a known word.
Otherwise a misread word is one that neither the word list of the section's language packs
nor the document knows. It is replaced by the word that one or two of those letters, read as
"l", make of it, when that word alone is known: it is in the word list (and the misread form
is printed at most twice), or the document prints it (in any case) three times or more and at
least three times as often as the misread form. A word of two or three letters ("yi" of
"tetrazol-5-yi") needs ten times, and ten times as often, and a small first letter ("Yi" may
be a symbol).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

_READ_FOR_L = frozenset("i!|tI")
_REAL_WORD_LETTER = "t"
"""Read for "l" less often than printed in words of the word list ("Patau", "Palau"): mended
only by words the document prints."""
_TOKEN = re.compile(r"(?:[^\W\d_]|[!|])+")
_INSIDE_A_WORD = re.compile(r"(?<=[^\W\d_])[!|](?=[^\W\d_])")
"""A "!" or "|" between letters, never printed so: always an "l" ("Alky!sulfonyl")."""
_CLOSING = re.compile(r"(?<=[^\W\d_]{3})[!|]$")
"""A "!" or "|" closing a word ("Halogenalkylsulfiny!"): an "l" where that makes a word the
document prints or the word list knows, however rarely."""
_BAR_ALONE = re.compile(r"\s\|(?=\s)")
"""A "|" standing alone between words: a speck or the end of a rule, never printed so."""
_GAP_UNDERSCORE = re.compile(r"(?<=[^\W\d_])_(?=\s)|(?<=\s)_\s")
"""A "_" closing a word or standing alone between words ("a_ core", "message _ hardware"):
a wide gap of justified text read as a mark; a word or a blank to fill is never printed
so (a "_" inside a name, "M_17", or opening one stays)."""
_SPECK_AFTER_PUNCTUATION = re.compile(r"(?<=[;,:]) \.(?= [^.])")
"""A lone "." after a semicolon or comma: a speck ("Cycloalkyl; . oder"), where no ellipsis
(", . . . ,") goes on."""
_COMMA_RUN = re.compile(r"([^\W\d_]{3}),(?=[^\W\d_])")
"""A comma run into the next word after a word in lower case ("thioxy,cyano"); chemical names
join their commas to digits or capitals ("2,4-", "N,N-")."""
_SHORT = 4
"""Words shorter than this are mended only by a word the document prints ten times as often,
word list or not: "yi" is a word of some language, and the "yl" of every "tetrazol-5-yl"."""
_MAX_SPOTS = 8
_READ_FOR_L_LOWER = frozenset(c.lower() for c in _READ_FOR_L)
_STRAY = frozenset("itrl!|'")
"""Thin glyphs a notched stroke or a speck adds to a word."""
_SPLIT_GLYPHS = {"ri": "n", "rn": "m", "cl": "d", "vv": "w"}
"""One glyph read as two where a notch split it."""
_LONG = 6
_AS_OFTEN = 3
_ROUND = 4
_EVIDENCE = 5


def mend_misreads(text: str, counts: Counter[str], lexicon: frozenset[str]) -> str:
    """`text` with its misread words mended; `counts` are the document's words (letters only,
    in lower case), `lexicon` the lower-case words of the section's packs."""
    return _TOKEN.sub(lambda match: mended_word(match.group(0), counts, lexicon), text)


def drop_bar_between_words(text: str) -> str:
    """A lone "|" between words dropped."""
    return _BAR_ALONE.sub("", text)


def drop_gap_underscore(text: str) -> str:
    """A "_" read in a wide gap between words dropped."""
    return _GAP_UNDERSCORE.sub("", text)


def drop_speck_after_punctuation(text: str) -> str:
    """A lone "." after a semicolon or comma dropped."""
    return _SPECK_AFTER_PUNCTUATION.sub("", text)


def space_after_comma(text: str) -> str:
    """The space after a comma run into a word put back."""
    return _COMMA_RUN.sub(
        lambda match: match.group(0) + (" " if match.group(1).islower() else ""), text)


def mend_spacing(text: str) -> str:
    """A lone "|" between words and a lone "." after a semicolon or comma dropped; the space
    after a comma run into a word put back."""
    return space_after_comma(drop_speck_after_punctuation(drop_bar_between_words(text)))


def mended_word(word: str, counts: Counter[str], lexicon: frozenset[str]) -> str:
    word = _INSIDE_A_WORD.sub("l", word)
    if _CLOSING.search(word) and word[-2].islower():
        closed = word[:-1] + "l"
        if counts[closed.lower()] or closed.lower() in lexicon:
            return closed
    short = len(word) < _SHORT
    if not any(c.isalpha() for c in word) or (not short and word.lower() in lexicon):
        return word
    spots = [i for i, c in enumerate(word) if c in _READ_FOR_L and _may_be_l(word, i)]
    if len(word) < 2 or len(spots) > _MAX_SPOTS or (short and word[0].isupper()):
        return word
    seen = counts[word.lower()]
    times = 10 if short else 3
    for changed in (1, 2):
        known = set()
        for chosen in combinations(spots, changed):
            candidate = "".join("l" if i in chosen else c for i, c in enumerate(word))
            listed = not short and seen <= 2 and candidate.lower() in lexicon and \
                all(word[i] != _REAL_WORD_LETTER for i in chosen)
            if counts[candidate.lower()] >= times * max(1, seen) or listed:
                known.add(candidate)
        if known:
            return known.pop() if len(known) == 1 else word
    return _by_the_document(word, seen, counts)


def _by_the_document(word: str, seen: int, counts: Counter[str]) -> str:
    """A long word printed once that one thin glyph too many ("Arnspruch", "Alkyltsulfinyl"),
    one glyph split in two ("Arispruch") or an "l" read as a thin glyph in a compound
    ("Halogenalkyisulfonyl") keeps from a word the document prints: that word, when it alone
    fits. The evidence is the word printed five times, or the letters round the mended spot
    (`_printed_round`)."""
    if len(word) < _LONG or seen > 1:
        return word
    lowered = word.lower()
    found: set[str] = set()
    for i, char in enumerate(lowered):
        edits = []
        if char in _READ_FOR_L_LOWER and (word[i] != "I" or _may_be_l(word, i)):
            edits.append((lowered[:i] + "l" + lowered[i + 1:], i + 1))
        if char in _STRAY and 0 < i < len(lowered) - 1:
            edits.append((lowered[:i] + lowered[i + 1:], i))
        glyph = _SPLIT_GLYPHS.get(lowered[i:i + 2])
        if glyph and i > 0:
            edits.append((lowered[:i] + glyph + lowered[i + 2:], i + 1))
        for candidate, end in edits:
            if counts[candidate] >= _EVIDENCE or _printed_round(candidate, i, end, lowered,
                                                                counts):
                found.add(candidate)
    if len(found) != 1:
        return word
    mended = found.pop()
    return mended[0].upper() + mended[1:] if word[0].isupper() else mended


def _printed_round(candidate: str, start: int, end: int, misread: str,
                   counts: Counter[str]) -> bool:
    """The letters round a mended spot (eight of them with the spot, more on one side where
    the word ends on the other) printed inside the document's words five times and three
    times as often as the misread letters there."""
    width = 2 * _ROUND
    if len(candidate) < width:
        return False
    first = min(max(0, start - _ROUND), len(candidate) - width)
    last = max(end + _ROUND, width)
    mended = candidate[first:last]
    read = misread[first:last + len(misread) - len(candidate)]
    inside = sum(n for printed, n in counts.items() if mended in printed)
    return inside >= max(_EVIDENCE, _AS_OFTEN * sum(n for printed, n in counts.items()
                                                    if read in printed))


def _may_be_l(word: str, index: int) -> bool:
    """A capital I stands for "l" after a small letter ("TabeIle") or first before one
    ("Iigand"); not among capitals ("VIIa", "EISA")."""
    if word[index] != "I":
        return True
    before = word[index - 1] if index else ""
    after = word[index + 1] if index + 1 < len(word) else ""
    return before.islower() or (not before and after.islower())
