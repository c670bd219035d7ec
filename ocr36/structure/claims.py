"""The language a set of claims is written in, by the claims' own evidence; claim numbers
whose full stop OCR misread, by the sequence they stand in.

A claims section takes the language of the heading that opened it, or the document's where
none did. The claims themselves say it too: a claim cites an earlier one in its own language
("according to claim 1", "nach Anspruch 1", "selon la revendication 1"), by the profile's
`numbering.claim_reference` patterns. Where the claims cite each other in one language only,
and not in the heading's (German claims under a form's "CLAIMS"), they are in that language.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from ocr36.model import Line, Word
from ocr36.profile import Profile
from ocr36.structure.body import claim_number
from ocr36.structure.stream import Event, LineEvent

MIN_REFERENCES = 1
"""Citations of earlier claims in one language that tell the claims' language (where none
is in another: OCR may misread the plural, "Ansprtiche 1 oder 2", but seldom every one)."""


def references(events: Sequence[Event], profile: Profile) -> dict[str, int]:
    """How often the claims cite a claim in each language the profile has a pattern for."""
    text = " ".join(e.text for e in events if isinstance(e, LineEvent))
    return {lang: len(pattern.findall(text))
            for lang, pattern in profile.numbering.claim_reference.items()}


def claims_language(lang: str, events: Sequence[Event], profile: Profile,
                    taken: Collection[str] = ()) -> str:
    """The language of a claims section opened in `lang`: the one its claims cite each other
    in, where that is a single other language (at least MIN_REFERENCES times, none in `lang`)
    and no other claims section of the document (`taken`) is in it."""
    counts = references(events, profile)
    cited = [code for code, count in counts.items() if count]
    if counts.get(lang, 0) or len(cited) != 1:
        return lang
    (other,) = cited
    return other if counts[other] >= MIN_REFERENCES and other not in taken else lang


_MARKED_NUMBER = re.compile(r"^(\d{1,3})[^\w\s]$")
"""A first word that is a number and one mark: a claim number whose full stop was misread
("9%", "9'", "9*": a speck on a scan)."""


def mended_numbers(events: Sequence[Event], numbering: re.Pattern[str]) -> list[Event]:
    """The claims' lines with each claim number whose full stop OCR misread read again: a
    line whose first word is the number expected next and one mark, where a later line opens
    the claim after it as printed ("9% Manufacturing ..." before "10. Manufacturing ...")."""
    texts = [e.text.strip() if isinstance(e, LineEvent) else "" for e in events]
    starts = [(index, int(match.group(1))) for index, text in enumerate(texts)
              if (match := claim_number(numbering, text))]
    result = list(events)
    expected = 1
    for index, event in enumerate(events):
        match = claim_number(numbering, texts[index])
        if match and int(match.group(1)) == expected:
            expected += 1
            continue
        if not isinstance(event, LineEvent) or not event.line.words:
            continue
        marked = _MARKED_NUMBER.match(event.line.words[0].text)
        if marked and int(marked.group(1)) == expected and \
                any(at > index and number == expected + 1 for at, number in starts):
            result[index] = _with_full_stop(event, expected)
            expected += 1
    return result


def _with_full_stop(event: LineEvent, number: int) -> LineEvent:
    first, *rest = event.line.words
    word = Word(f"{number}.", first.box, first.confidence, first.bold)
    return replace(event, line=Line((word, *rest), event.line.box, event.line.region))
