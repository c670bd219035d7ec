"""Running text: joining OCR lines into paragraphs, undoing line-end hyphenation."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ocr36.model import Inline, PageMark, Text

_HYPHENS = "-\u00ad\u2010"
_WORD_BEFORE_HYPHEN = re.compile(r"(\w+)[" + _HYPHENS + r"]$")
_WORD_AFTER = re.compile(r"^(\w+)")


def normalise(text: str) -> str:
    """NFC, single spaces, typographic ligatures undone."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl")
    return re.sub(r"\s+", " ", text).strip()


def join_lines(previous: str, line: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Append a line to running text, undoing a line-end hyphen where the word was split.

    "ther-" + "mal" becomes "thermal" when the first part is lower case (a split word);
    "gray-" + "scale" stays "gray-scale" when "gray-scale" is known in the vocabulary or
    when the hyphen follows a capital or a digit ("LDL-" + "cholesterol").
    """
    line = line.strip()
    if not previous:
        return line
    if not line:
        return previous
    before = _WORD_BEFORE_HYPHEN.search(previous)
    after = _WORD_AFTER.match(line)
    if not (before and after and previous[-1] in _HYPHENS):
        return previous + " " + line
    head, tail = before.group(1), after.group(1)
    whole, hyphenated = f"{head}{tail}".lower(), f"{head}-{tail}".lower()
    if hyphenated in vocabulary and whole not in vocabulary:
        split_word = False
    elif whole in vocabulary:
        split_word = True
    else:
        split_word = head[-1].islower() and tail[0].islower()
    return previous[:-1] + line if split_word else previous[:-1] + "-" + line


def vocabulary_of(lines: Iterable[str]) -> frozenset[str]:
    """Words (lower case, hyphenated ones included) seen whole inside lines."""
    words: set[str] = set()
    for line in lines:
        for token in re.findall(r"\w+(?:-\w+)*", line[:-1] if line.endswith("-") else line):
            words.add(token.lower())
    return frozenset(words)


@dataclass(frozen=True)
class Spelling:
    """How a document prints its words, counted once for all its paragraphs and claims."""

    counts: Counter[str]
    """Each word (letters only) as printed."""
    lowered: Counter[str]
    """Each word in lower case, all its printings together."""
    function_words: frozenset[str]
    """Its most frequent words in lower case: articles, prepositions and conjunctions in any
    language (40 of two letters or more, and the single letters among the 10 most frequent),
    printed in lower case at least a quarter of the time: a symbol ("H", "C", "NH") is no
    word, while "a" is one even where most claims start "A compound"."""

    @staticmethod
    def of_counts(counts: Counter[str]) -> Spelling:
        lowered: Counter[str] = Counter()
        for printed, count in counts.items():
            lowered[printed.lower()] += count
        ranked = [w for w, n in lowered.most_common(60) if counts[w] * 4 >= n]
        return Spelling(counts, lowered, frozenset(
            {w for w in ranked[:40] if len(w) >= 2} | {w for w in ranked[:10] if len(w) == 1}))

    @staticmethod
    def of(lines: Iterable[str]) -> Spelling:
        counts: Counter[str] = Counter()
        for line in lines:
            counts.update(re.findall(r"[^\W\d_]+", line))
        return Spelling.of_counts(counts)

    def with_function_words_of(self, lines: Iterable[str]) -> Spelling:
        """The document's spelling, with the function words of a part of it added: claims in a
        second language ("oder", "ein") are crowded out of a description's forty."""
        return replace(self, function_words=self.function_words | Spelling.of(lines).function_words)


def split_run_together(text: str, spelling: Spelling,
                       lexicon: frozenset[str] = frozenset()) -> str:
    """Undo spaces OCR lost after short function words: 'Acompound' -> 'A compound',
    'ora' -> 'or a', 'Toasolution' -> 'To a solution'.

    A word is split only when it is not a word of the language of four letters or more
    (`lexicon`, lower case: 'into' and 'because' stay whole, 'ora' is split), it is rare
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
        if len(whole) >= 4 and whole.lower() in lexicon:
            return whole

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


class InlineBuilder:
    """Accumulates the inline content of one paragraph or claim."""

    def __init__(self, vocabulary: frozenset[str] = frozenset()) -> None:
        self._items: list[Inline] = []
        self._text = ""
        self._vocabulary = vocabulary

    def add_line(self, line: str) -> None:
        self._text = join_lines(self._text, line, self._vocabulary)

    def add_many(self, items: Iterable[Inline]) -> None:
        """Continue after content that was already built (a paragraph taken up again)."""
        self._flush(trailing_space=True)
        self._items.extend(items)
        if self._items and isinstance(self._items[-1], Text):
            self._items[-1] = Text(self._items[-1].text.rstrip() + " ")

    def add(self, item: Inline) -> None:
        # text goes on across a page break with a space, unless a word was split there
        split_word = isinstance(item, PageMark) and self._text.rstrip().endswith(
            tuple(_HYPHENS))
        self._flush(trailing_space=not split_word)
        self._items.append(item)

    def _flush(self, trailing_space: bool) -> None:
        if self._text:
            text = normalise(self._text)
            self._items.append(Text(text + (" " if trailing_space else "")))
            self._text = ""

    @property
    def has_text(self) -> bool:
        return bool(self._text) or any(isinstance(i, Text) for i in self._items)

    def build(self) -> tuple[Inline, ...]:
        self._flush(trailing_space=False)
        items = self._items
        for index in range(len(items) - 1, -1, -1):  # the last text, page marks after it
            item = items[index]
            if isinstance(item, Text):
                items[index] = Text(item.text.rstrip())
            if not isinstance(item, PageMark):
                break
        return tuple(items)

