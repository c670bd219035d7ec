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

    def with_function_words_of(self, lines: Iterable[str]) -> Spelling:
        """The document's spelling, with the function words of a part of it added: claims in a
        second language ("oder", "ein") are crowded out of a description's forty."""
        return replace(self, function_words=self.function_words | Spelling.of(lines).function_words)
