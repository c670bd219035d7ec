"""The language a set of claims is written in, by the claims' own evidence.

A claims section takes the language of the heading that opened it, or the document's where
none did. The claims themselves say it too: a claim cites an earlier one in its own language
("according to claim 1", "nach Anspruch 1", "selon la revendication 1"), by the profile's
`numbering.claim_reference` patterns. Where the claims cite each other in one language only,
and not in the heading's (German claims under a form's "CLAIMS"), they are in that language.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ocr36.profile import Profile
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
