"""A correction rule: a named, general misreading and the function that mends it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ocr36.corrections.spelling import Spelling
from ocr36.languages import language


@dataclass(frozen=True)
class Evidence:
    """What a rule may know besides the text it mends."""

    lang: str
    """ISO 639-1 language of the text (its section's)."""
    spelling: Spelling = field(default_factory=lambda: Spelling.of(()))
    """How the document prints its words."""
    lexicon: frozenset[str] = frozenset()
    """The lower-case words of the section's Tesseract packs."""
    ranges: Mapping[str, str] = field(default_factory=dict)
    """The carbon range the document prints before each group word ('alkoxy': '1-4')."""


Mend = Callable[[str, Evidence], str]


@dataclass(frozen=True)
class Rule:
    name: str
    """Short, stable name (in manifests, reviews and the examples' files)."""
    family: str
    """'chemistry' or 'words': the profile's `ocr.mend_<family>` switches it."""
    misreading: str
    """The general misreading it corrects, in one sentence."""
    mend: Mend
    languages: tuple[str, ...] = ()
    """The languages it applies to; empty for every language printed in `script`."""
    script: str = "Latn"
    """ISO 15924 code of the script it was written for; '' for text of any script."""

    def applies_to(self, lang: str) -> bool:
        """Only to a language with a words file, and of the rule's languages or script."""
        words = language(lang)
        if words is None:
            return False
        return lang in self.languages if self.languages else self.script in ("", words.script)
