"""The languages a document's parts are printed in, told by their own words where the
profile's document language is only a default: the document's text, a claim set that no
heading of another language opened, a title (ocr36/languages/evidence.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ocr36.languages import language
from ocr36.languages.evidence import candidates, language_of, text_language
from ocr36.languages.packs import debian_package
from ocr36.model import PageResult
from ocr36.profile import Profile
from ocr36.structure.stream import Event, LineEvent

CLAIM_WORDS = 5
"""A claim set is in a language when at least this many of its words are its evidence ..."""
CLAIM_LEAD = 3.0
"""... this many times as many as the next language's."""


def document_language(lines: Sequence[str], profile: Profile) -> str:
    """The language of the document's text: the profile's unless its words tell another."""
    return text_language(lines, profile.language.document, profile.language.sections)


PAGE_WORDS = CLAIM_WORDS
"""A page of a text in another language is read again when at least this many of its words
are that language's evidence, more than are the profile's language's."""


@dataclass(frozen=True)
class DetectedText:
    """A document's text in a language the profile names no packs for."""

    lang: str
    packs: tuple[str, ...]
    """The packs that read it (none where its language file names none)."""
    pages: tuple[int, ...]
    """The pages printed in it."""


def detected_text(pages: Sequence[PageResult], profile: Profile) -> DetectedText | None:
    """The document's text where its words tell a language the profile reads with no packs
    of its own (and its `read_detected` is on): its language, packs and pages; else None."""
    own = profile.language
    if not own.read_detected:
        return None
    texts = {page.number: [line.text for line in page.text.lines] for page in pages}
    lang = document_language([text for lines in texts.values() for text in lines], profile)
    if lang == own.document or lang in own.sections:
        return None
    in_it = tuple(number for number, lines in texts.items()
                  if language_of(" ".join(lines), (own.document, lang), PAGE_WORDS) == lang)
    return DetectedText(lang, _packs_of(lang), in_it)


def _packs_of(lang: str) -> tuple[str, ...]:
    """The Tesseract packs its language file names for `lang` (none where it names none)."""
    words = language(lang)
    return words.tesseract if words else ()


def as_read(lang: str, pages: Sequence[PageResult], profile: Profile) -> Profile:
    """The profile as the document was read: where pages were read again with the packs of
    the text's language `lang` (`detected_text`), those packs read that language."""
    packs = _packs_of(lang)
    own = profile.language
    if lang == own.document or lang in own.sections or not packs or not any(
            set(packs) <= set(page.read_again_with) for page in pages):
        return profile
    return replace(profile, language=replace(own, sections={**own.sections, lang: packs}))


def language_warning(lang: str, profile: Profile) -> str:
    """A warning where the text is in a language the profile reads with no packs of its
    own (nor was it read again with its pack): its letters outside the packs' alphabet
    ('ü') are lost; '' otherwise."""
    if lang == profile.language.document or lang in profile.language.sections:
        return ""
    packs = _packs_of(lang)
    again = ""
    if packs and profile.language.read_detected:
        again = (f"; it was not read again with its pack {'+'.join(packs)}: install "
                 + " ".join(debian_package(pack) for pack in packs))
    return (f"the text reads as '{lang}', the profile's document language is "
            f"'{profile.language.document}' ({'+'.join(profile.language.tesseract)}): "
            f"a profile with [language] document = '{lang}' and its packs reads it better"
            + again)


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
