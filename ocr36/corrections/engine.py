"""Running the correction rules over a document's paragraphs and claims, every change kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from ocr36.corrections.chemistry import printed_ranges
from ocr36.corrections.record import Correction
from ocr36.corrections.rule import Evidence, Rule
from ocr36.corrections.spelling import Spelling
from ocr36.languages.scripts import has_unspaced, unspaced
from ocr36.model import Block, ClaimSet, Inline, PageBox, PageMark, Paragraph, Text
from ocr36.ocr.lexicon import words

Packs = Callable[[str], tuple[str, ...]]
"""The Tesseract packs that read a section in a language (their word lists are evidence)."""


def _words(text: str) -> tuple[list[str], str]:
    """The words a change is told by, and what joins them: the spaced words; in text of a
    script printed without spaces (CJK), each of its characters and each run of others."""
    if not has_unspaced(text):
        return text.split(" "), " "
    words: list[str] = []
    for char in text:
        if words and not unspaced(char) and not unspaced(words[-1][-1]) and \
                char.isspace() == words[-1][-1].isspace():
            words[-1] += char
        else:
            words.append(char)
    return words, ""


def changes(rule: str, page: int, before: str, after: str) -> list[Correction]:
    """What a rule changed, word by word (a run of changed words is one correction)."""
    (old, joint), (new, _) = _words(before), _words(after)
    head = 0  # the words alike at both ends are left out of the comparison
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old, new = old[head:len(old) - tail], new[head:len(new) - tail]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [Correction(rule, page, joint.join(old[i1:i2]), joint.join(new[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def correct(text: str, evidence: Evidence, rules: Sequence[Rule],
            page: int = 0) -> tuple[str, list[Correction]]:
    """`text` with each of `rules` that applies to its language run in turn, and what each
    changed (on `page`)."""
    return _run(text, evidence, [r for r in rules if r.applies_to(evidence.lang)], page)


def _run(text: str, evidence: Evidence, rules: Sequence[Rule],
         page: int) -> tuple[str, list[Correction]]:
    corrections: list[Correction] = []
    for rule in rules:
        mended = rule.mend(text, evidence)
        if mended != text:
            corrections.extend(changes(rule.name, page, text, mended))
            text = mended
    return text, corrections


class Corrector:
    """Corrects the text of paragraphs and claims with `rules`, keeping each change."""

    def __init__(self, rules: Sequence[Rule], lines: Sequence[str], packs: Packs) -> None:
        self.rules = tuple(rules)
        self.spelling = Spelling.of(lines)
        self.ranges = printed_ranges(lines) if any(r.family == "chemistry" for r in rules) \
            else {}
        self._packs = packs
        self._lexicon = any(r.family == "words" for r in rules)
        self.corrections: list[Correction] = []

    def __bool__(self) -> bool:
        return bool(self.rules)

    def content(self, content: tuple[Inline, ...], lang: str, boxes: tuple[PageBox, ...],
                spelling: Spelling | None = None) -> tuple[Inline, ...]:
        """The Text items of a paragraph or claim corrected; `boxes` give its first page."""
        rules = [r for r in self.rules if r.applies_to(lang)]
        if not rules:
            return content
        lexicon = words(self._packs(lang)) if self._lexicon else frozenset()
        evidence = Evidence(lang, spelling or self.spelling, lexicon, self.ranges)
        page = boxes[0].page if boxes else 0
        mended: list[Inline] = []
        for item in content:
            if isinstance(item, PageMark):
                page = item.page
            if isinstance(item, Text):
                text, corrections = _run(item.text, evidence, rules, page)
                self.corrections.extend(corrections)
                item = Text(text)
            mended.append(item)
        return tuple(mended)

    def description(self, blocks: Sequence[Block], lang: str) -> tuple[Block, ...]:
        return tuple(replace(b, content=self.content(b.content, lang, b.boxes))
                     if isinstance(b, Paragraph) else b for b in blocks)

    def claims(self, claim_set: ClaimSet) -> ClaimSet:
        """The claims corrected with the function words of their own language as well."""
        spelling = self.spelling.with_function_words_of(
            item.text for claim in claim_set.claims for item in claim.content
            if isinstance(item, Text))
        return ClaimSet(claim_set.lang, tuple(
            replace(c, content=self.content(c.content, claim_set.lang, c.boxes, spelling))
            for c in claim_set.claims))
