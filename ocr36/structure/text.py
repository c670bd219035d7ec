"""Running text: joining OCR lines into paragraphs, undoing line-end hyphenation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ocr36.languages.scripts import needs_space
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
    """Append a line to running text, undoing a line-end hyphen where the word was split
    (with a space between the lines, but none where a script printed without spaces joins).

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
        # no space where a line of Chinese, Japanese or Thai runs on
        return previous + (" " if needs_space(previous, line) else "") + line
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
            text = self._items[-1].text.rstrip()
            self._items[-1] = Text(text + (" " if needs_space(text, "a") else ""))

    def add(self, item: Inline) -> None:
        # text goes on across a page break with a space, unless a word was split there
        # (nor after Chinese, Japanese or Thai, printed without spaces)
        text = self._text.rstrip()
        split_word = isinstance(item, PageMark) and text.endswith(tuple(_HYPHENS))
        self._flush(trailing_space=not split_word and needs_space(text, "a"))
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

