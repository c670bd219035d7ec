"""How a document prints its words: the evidence the word corrections weigh."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
IDEOGRAPH = re.compile(f"[{_IDEOGRAPHS}]")
"""A Han ideograph (kanji, hanzi)."""
KANA_OR_IDEOGRAPH = re.compile(f"[\u3040-\u30ff{_IDEOGRAPHS}]")
_KATAKANA = re.compile("[\u30a1-\u30fa\u30fc]+")
CONTEXT = 2
"""The characters on either side of one that `Spelling.contexts` counts it between."""


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

    @functools.cached_property
    def contexts(self) -> dict[tuple[str, str], Counter[str]]:
        """Each character of Japanese or Chinese text as printed between the same `CONTEXT`
        characters on either side (all kana or ideographs): ('装', 'およ') -> {'置': 9}."""
        found: dict[tuple[str, str], Counter[str]] = {}
        width = 2 * CONTEXT + 1
        for word, count in self.counts.items():
            if len(word) < width or not IDEOGRAPH.search(word):
                continue
            for start in range(len(word) - width + 1):
                window = word[start:start + width]
                if all(KANA_OR_IDEOGRAPH.match(char) for char in window):
                    around = (window[:CONTEXT], window[CONTEXT + 1:])
                    found.setdefault(around, Counter())[window[CONTEXT]] += count
        return found

    @functools.cached_property
    def pairs(self) -> Counter[str]:
        """Each two characters in a row of Japanese or Chinese text as printed (both kana or
        ideographs): '装置' -> 12."""
        found: Counter[str] = Counter()
        for word, count in self.counts.items():
            if not IDEOGRAPH.search(word):
                continue
            for start in range(len(word) - 1):
                pair = word[start:start + 2]
                if KANA_OR_IDEOGRAPH.match(pair[0]) and KANA_OR_IDEOGRAPH.match(pair[1]):
                    found[pair] += count
        return found

    @functools.cached_property
    def pairs_of(self) -> dict[str, tuple[str, ...]]:
        """The pairs (`pairs`) each character is printed in."""
        found: dict[str, list[str]] = {}
        for pair in self.pairs:
            for char in set(pair):
                found.setdefault(char, []).append(pair)
        return {char: tuple(pairs) for char, pairs in found.items()}

    @functools.cached_property
    def katakana(self) -> Counter[str]:
        """Each word of katakana as printed ('ポンプ': 12), wherever it stands in a run of
        Japanese text."""
        found: Counter[str] = Counter()
        for word, count in self.counts.items():
            for run in _KATAKANA.findall(word):
                found[run] += count
        return found

    @functools.cached_property
    def characters(self) -> Counter[str]:
        """Each character as often as the document prints it."""
        found: Counter[str] = Counter()
        for word, count in self.counts.items():
            for char in word:
                found[char] += count
        return found

    @functools.cached_property
    def _triples(self) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
        """Three characters in a row (all kana or ideographs): the third by the first two,
        and the first by the last two."""
        third: dict[str, Counter[str]] = {}
        first: dict[str, Counter[str]] = {}
        for word, count in self.counts.items():
            if not IDEOGRAPH.search(word):
                continue
            for start in range(len(word) - 2):
                run = word[start:start + 3]
                if all(KANA_OR_IDEOGRAPH.match(char) for char in run):
                    third.setdefault(run[:2], Counter())[run[2]] += count
                    first.setdefault(run[1:], Counter())[run[0]] += count
        return third, first

    def beside(self, two: str, after: bool) -> Counter[str]:
        """The characters printed right after the two characters `two` (`after`), or right
        before them, each with how often: ('定装', True) -> {'置': 9}."""
        return self._triples[0 if after else 1].get(two, Counter())

    def with_function_words_of(self, lines: Iterable[str]) -> Spelling:
        """The document's spelling, with the function words of a part of it added: claims in a
        second language ("oder", "ein") are crowded out of a description's forty."""
        return replace(self, function_words=self.function_words | Spelling.of(lines).function_words)
