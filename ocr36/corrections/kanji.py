"""Kanji OCR misread, mended by the document's own words and the word list of its pack.

Tesseract's `jpn` misreads a kanji of dense strokes as another ('装置' read '装首', '管理'
'常理', '排出口' '捧出口'), a different one each time, so that no list of misreadings would
do. A patent repeats its terms: where the document prints another kanji three times or more
between the same two characters on either side (and three times as often as the one read),
the kanji read is mended to it, when the pairs the read kanji makes with its neighbours are
in no word of the pack's word list and a pair the printed one makes is. Both tests are
needed: the document alone would take a word it prints once for a misreading of one it
prints often ('が提案され' beside 'が提供され' three times), and the word list alone cannot
tell which word was printed. Japanese only: in Chinese text a kanji read beside a one-character
word ('和', '的') makes pairs of no word, and the document's own words would mend it.

A misreading beside a word's other kanji is often of one printing only ('装置' read '装首',
'装曽', '装連' in turn), where no two characters on both sides repeat: the kanji read is then
mended from one side, where the document prints the other kanji after the same two characters
(or before them) three times or more, more often than the one read and three times as often as
any other, that kanji and the one next to it make a pair of the word list, and the kanji read
makes none with its neighbours here nor, if the document prints it more than twice, anywhere
else (a kanji of words, '連' of '連結' read for '置' too, is left as read).
"""

from __future__ import annotations

import functools
from collections import Counter

from ocr36.corrections.rule import Evidence, Rule
from ocr36.corrections.spelling import CONTEXT, IDEOGRAPH, KANA_OR_IDEOGRAPH

LEAST = 3
"""Times the document prints the other kanji between the same characters, at least ..."""
AS_OFTEN = 3
"""... and as many times as often as the one read there."""
RARE = 2
"""A kanji printed at most this many times may be a misreading beside a kanji of a word even
where the document prints it in a pair of the word list."""



@functools.cache
def _pairs(lexicon: frozenset[str]) -> frozenset[str]:
    """Every two characters in a row of a word of the word list."""
    return frozenset(word[i:i + 2] for word in lexicon for i in range(len(word) - 1))


def misread_kanji(text: str, evidence: Evidence) -> str:
    """'練り製品常理装置' -> '練り製品管理装置' where the document prints '品管理装' three times."""
    if not evidence.lexicon or not IDEOGRAPH.search(text):
        return text
    known = _pairs(evidence.lexicon)
    printed = evidence.spelling.contexts
    chars = list(text)
    for i in range(CONTEXT, len(text) - CONTEXT):
        window = text[i - CONTEXT:i + CONTEXT + 1]
        read, before, after = text[i], text[i - 1], text[i + 1]
        if not IDEOGRAPH.match(read) or before + read in known or read + after in known or \
                not all(KANA_OR_IDEOGRAPH.match(char) for char in window):
            continue
        around = printed.get((window[:CONTEXT], window[CONTEXT + 1:]))
        if around is None:
            continue
        found = [kanji for kanji, times in around.items()
                 if kanji != read and IDEOGRAPH.match(kanji) and times >= LEAST and
                 times >= AS_OFTEN * around[read] and
                 (before + kanji in known or kanji + after in known)]
        if len(found) == 1:
            chars[i] = found[0]
    return "".join(chars)


def _partners(read: str, near: str, other: str, evidence: Evidence,
              near_first: bool) -> Counter[str]:
    """The kanji the document prints beside the two characters `near` (after them where
    `near_first`) at least `LEAST` times, making a pair of a word of the word list with the
    one next to it, and fitting beside `other` on its other side: no kana or ideograph there,
    or a pair the word list knows or the document prints."""
    def pair(one: str, two: str) -> str:
        return one + two if near_first else two + one

    if len(near) < 2 or not IDEOGRAPH.match(near[-1] if near_first else near[0]):
        return Counter()
    known, printed = _pairs(evidence.lexicon), evidence.spelling.pairs
    next_to = near[-1] if near_first else near[0]
    found: Counter[str] = Counter()
    for kanji, times in evidence.spelling.beside(near, near_first).items():
        if kanji != read and IDEOGRAPH.match(kanji) and times >= LEAST and \
                pair(next_to, kanji) in known and \
                (not KANA_OR_IDEOGRAPH.match(other) or pair(kanji, other) in known or
                 printed[pair(kanji, other)] > 0):
            found[kanji] = times
    return found


def misread_kanji_of_a_word(text: str, evidence: Evidence) -> str:
    """'体積測定装首を' -> '体積測定装置を' where the document prints '定装置' three times or more
    (more often than '首', three times as often as any other kanji after '定装'), '装置' is a
    pair of the word list and no pair '首' is printed in (where printed more than twice) is."""
    if not evidence.lexicon or not IDEOGRAPH.search(text):
        return text
    known, spelling = _pairs(evidence.lexicon), evidence.spelling
    chars = list(text)
    for i, read in enumerate(text):
        before, after = text[max(i - 2, 0):i], text[i + 1:i + 3]
        if not IDEOGRAPH.match(read) or before[-1:] + read in known or \
                read + after[:1] in known:
            continue
        if spelling.characters[read] > RARE and \
                any(pair in known for pair in spelling.pairs_of.get(read, ())):
            continue
        found = _partners(read, before, after[:1], evidence, True) + \
            _partners(read, after, before[-1:], evidence, False)
        ranked = found.most_common(2)
        if not ranked:
            continue
        kanji, times = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0
        if times >= AS_OFTEN * runner and times > max(spelling.beside(before, True)[read],
                                                      spelling.beside(after, False)[read]):
            chars[i] = kanji
    return "".join(chars)


RULES = (
    Rule("misread-kanji", "words",
         "A kanji read as another, where the document prints the other between the same "
         "characters and the word list knows its pairs, not the read one's ('常理', '捧出口').",
         misread_kanji, script="Jpan"),
    Rule("misread-kanji-of-a-word", "words",
         "A kanji read as another beside a kanji of the same word, where the document prints "
         "that word often and the word list knows it, not the pairs read ('装首', '吸引問').",
         misread_kanji_of_a_word, script="Jpan"),
)
"""The rules of kanji, in the order they run."""
