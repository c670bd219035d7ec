"""Every correction rule, in the order they run: the chemistry first (formulas of any script
after those written for Latin text), then the words (ranges and kanji of Japanese after them)."""

from __future__ import annotations

from collections.abc import Collection

from ocr36.corrections import chemistry, formulas, kana, kanji, ranges, words
from ocr36.corrections.rule import Rule

RULES: tuple[Rule, ...] = (*chemistry.RULES, *formulas.RULES, *words.RULES, *ranges.RULES,
                           *kanji.RULES, *kana.RULES)
FAMILIES = ("chemistry", "words")
"""Each switched by the profile key `ocr.mend_<family>`."""


def rule(name: str) -> Rule:
    """The rule of that name (KeyError where there is none)."""
    for candidate in RULES:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def rules_of(families: Collection[str]) -> tuple[Rule, ...]:
    """The rules of those families, in the order they run."""
    return tuple(r for r in RULES if r.family in families)
