"""The words of each language that the corrections and the claim references read.

One TOML file per language (ISO 639-1 code: `en.toml`, `de.toml` ...), package data: its
script (ISO 15924) and lists of words by the part they play. A language without a file has
no words: no rule that needs words, or a script, is applied to its text.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

_FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class LanguageWords:
    code: str
    """ISO 639-1 code."""
    script: str
    """ISO 15924 code of the script its text is printed in (Latn, Cyrl, Hans ...)."""
    tesseract: tuple[str, ...] = ()
    """The Tesseract packs that read it (Debian tesseract-ocr-<pack>)."""
    symbol_verbs: tuple[str, ...] = ()
    """Verbs and conjunctions a formula symbol stands before ('R1 is', 'R1 and R2')."""
    formula_nouns: tuple[str, ...] = ()
    """The noun before a formula's label ('Formula (Ia)')."""
    capital_a_verbs: tuple[str, ...] = ()
    """Verbs a capital A (a ring or a group) stands before, where OCR reads it 'À'."""
    claim_range: tuple[str, ...] = ()
    """Words between two claim numbers that make a range ('claims 1 to 3')."""
    range_units: tuple[str, ...] = ()
    """Units a quantity carries before the mark of a range ('120℃〜140℃', '30分〜5時間')."""
    stop_words: tuple[str, ...] = ()
    """Words printed in most sentences (or titles) of the language and rarely in another's of
    its script, in lower case: the evidence a text is printed in it."""


def _read(path: Path) -> LanguageWords:
    data = tomllib.loads(path.read_text("utf-8"))
    return LanguageWords(code=path.stem, script=data.pop("script"),
                         **{key: tuple(words) for key, words in data.items()})


@functools.cache
def all_languages() -> dict[str, LanguageWords]:
    """Every language with a file, by code."""
    return {path.stem: _read(path) for path in sorted(_FOLDER.glob("*.toml"))}


def language(code: str) -> LanguageWords | None:
    """The words of a language, or None where it has no file."""
    return all_languages().get(code)


def languages_with(part: str) -> tuple[str, ...]:
    """The codes of the languages that list words for `part` ('symbol_verbs' ...)."""
    return tuple(code for code, words in all_languages().items() if getattr(words, part))
