"""The languages a document's parts are printed in, told by their own words where the
profile's document language is only a default: the document's text, a claim set that no
heading of another language opened, a title (ocr36/languages/evidence.py)."""

from __future__ import annotations

from collections.abc import Sequence

from ocr36.languages.evidence import candidates, language_of, text_language
from ocr36.profile import Profile
from ocr36.structure.stream import Event, LineEvent

CLAIM_WORDS = 5
"""A claim set is in a language when at least this many of its words are its evidence ..."""
CLAIM_LEAD = 3.0
"""... this many times as many as the next language's."""


def document_language(lines: Sequence[str], profile: Profile) -> str:
    """The language of the document's text: the profile's unless its words tell another."""
    return text_language(lines, profile.language.document, profile.language.sections)


def language_warning(lang: str, profile: Profile) -> str:
    """A warning where the text is in a language the profile reads with no packs of its
    own: its letters outside the packs' alphabet ('ü') are lost; '' otherwise."""
    if lang == profile.language.document or lang in profile.language.sections:
        return ""
    return (f"the text reads as '{lang}', the profile's document language is "
            f"'{profile.language.document}' ({'+'.join(profile.language.tesseract)}): "
            f"a profile with [language] document = '{lang}' and its packs reads it better")


def section_language(lang: str, events: Sequence[Event], profile: Profile) -> str:
    """A section's language: the language of the heading that opened it, or where it took
    the profile's document language by default, the one its words tell."""
    if lang != profile.language.document:
        return lang
    text = " ".join(e.text for e in events if isinstance(e, LineEvent))
    langs = candidates(profile.language.document, profile.language.sections)
    return language_of(text, langs, CLAIM_WORDS, CLAIM_LEAD) or lang


def title_language(text: str, document: str, profile: Profile) -> str:
    """A title's language: the one its words tell, else the document's (`document`)."""
    langs = candidates(document, profile.language.sections)
    return language_of(text, langs) or document
