"""The titles (54) of a front page: printed one under another, each in its language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ocr36.languages.evidence import candidates, language_of
from ocr36.model import Title
from ocr36.structure.stream import LineEvent
from ocr36.structure.text import normalise

_TITLE_LABEL = re.compile(
    r"^[\s'‘’\"“”`´.,·]*(?:(?:[^\W\d_]+\s){0,2}?(?:title|titel|titre|título)[^:]{0,20}"
    r"|t[il1|!](?:t[il1|!]|d)e\s?):\s*", re.IGNORECASE)
"""The label some offices print before the title ("Title:", "Title of invention:"), as a
scan reads it too: a speck before it read as a quote ("‘Title:"), its "tl" read as one "d"
("Tide:") or its "l" or "i" as another thin glyph ("Titie:")."""


_LABEL_WORD = re.compile(r"^\W{0,2}([^\W\d_]{3,6}):\s*")
"""A short word and a colon opening the title: the label "Title:" where two slips of OCR
or fewer make it ("File:" for a light scan's "Title:", its T read F and its t lost)."""


def _without_label(text: str) -> str:
    """The first line of a title without the label some offices print before it."""
    text = _TITLE_LABEL.sub("", text)
    match = _LABEL_WORD.match(text)
    if match and Levenshtein.distance(match.group(1).lower(), "title", score_cutoff=2) <= 2:
        return text[match.end():]
    return text


@dataclass(frozen=True)
class TitlePart:
    """One title of those printed under (54): its language and its lines."""

    lang: str
    lines: tuple[LineEvent, ...]


def split_titles(lines: Sequence[LineEvent], texts: Sequence[str], document_lang: str,
                 other_langs: Sequence[str]) -> tuple[Title, ...]:
    """Titles printed one under another, cut at wider gaps where the profile names further
    title languages, or where the words of a part tell a language other than the document's
    (`_told_apart`); each in the language its words tell, else in the profile's order of
    title languages, the document language first."""
    return tuple(Title(lang, text) for lang, text, _ in
                 _parts(lines, texts, document_lang, other_langs))


def title_parts(lines: Sequence[LineEvent], texts: Sequence[str], document_lang: str,
                other_langs: Sequence[str]) -> tuple[TitlePart, ...]:
    """The titles as `split_titles` tells them apart, each with its language and lines."""
    return tuple(TitlePart(lang, tuple(events)) for lang, _, events in
                 _parts(lines, texts, document_lang, other_langs))


def _parts(lines: Sequence[LineEvent], texts: Sequence[str], document_lang: str,
           other_langs: Sequence[str]) -> list[tuple[str, str, list[LineEvent]]]:
    """Each title's language, text and lines (`split_titles`)."""
    groups: list[list[str]] = []
    events: list[list[LineEvent]] = []
    for event, text in zip(lines, texts, strict=False):
        height = max(event.line.box.height, 1)
        if not groups or event.gap_above > height * 0.55:
            groups.append([])
            events.append([])
        groups[-1].append(text)
        events[-1].append(event)
    if not other_langs and not _told_apart(groups, document_lang):
        groups = [[text for group in groups for text in group]] if groups else []
        events = [[event for group in events for event in group]] if events else []
    if groups:
        groups[0][0] = _without_label(groups[0][0])
    texts = [normalise(" ".join(group)) for group in groups]
    order = [document_lang, *[lang for lang in other_langs if lang != document_lang]]
    langs = title_languages(texts, order, candidates(document_lang, other_langs))
    return list(zip(langs, texts, events, strict=True))


def _told_apart(groups: Sequence[Sequence[str]], document_lang: str) -> bool:
    """Whether parts of a title set apart by wider gaps are titles in other languages: the
    words of one of them tell a language other than the document's (with no title
    languages in the profile, a title's lines are cut only so)."""
    if len(groups) < 2:
        return False
    langs = candidates(document_lang, ())
    return any(language_of(" ".join(group), langs) not in ("", document_lang)
               for group in groups)


def title_languages(texts: Sequence[str], order: Sequence[str],
                    langs: Sequence[str]) -> list[str]:
    """The language of each title: the one of `langs` its words tell where no title before
    took it, else the first of `order` (then of `langs`) no title took."""
    found = [language_of(text, langs) for text in texts]
    taken: set[str] = set()
    for index, lang in enumerate(found):
        if lang in taken:
            found[index] = ""
        taken.add(lang)
    spare = [lang for lang in dict.fromkeys([*order, *langs]) if lang not in taken]
    for index, lang in enumerate(found):
        if not lang:
            found[index] = spare.pop(0) if spare else order[0]
    return found
