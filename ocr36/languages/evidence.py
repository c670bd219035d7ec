"""The language a text is printed in, told by the words of each language that its sentences
print most (`stop_words` in the language files): a document's text, a title of its front
page. Only languages of one script compete; a text that gives no clear answer is in none."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ocr36.languages import all_languages, language

_WORD = re.compile(r"[^\W\d_]+")
DOCUMENT_WORDS = 20
"""A document's text is in a language when at least this many of its words are that
language's evidence ..."""
DOCUMENT_LEAD = 3.0
"""... this many times as many as the next language's."""


def candidates(document: str, listed: Iterable[str] = ()) -> tuple[str, ...]:
    """The languages a text of a document in `document` may be printed in: the profile's
    (`document`, then `listed`), then every other language of the same script with evidence
    words; only `document` where it has none (nothing could tell a text is not in it)."""
    own = language(document)
    if own is None or not own.stop_words:
        return (document,)
    script = own.script
    named = [document, *(code for code in listed if code != document)]
    others = [code for code, words in all_languages().items()
              if words.stop_words and words.script == script and code not in named]
    return tuple(named + others)


def evidence(text: str, langs: Sequence[str]) -> Counter[str]:
    """How many of the text's words are each language's evidence words."""
    counts: Counter[str] = Counter()
    words = [word.lower() for word in _WORD.findall(text)]
    for code in langs:
        own = language(code)
        if own and own.stop_words:
            stop = frozenset(own.stop_words)
            counts[code] = sum(word in stop for word in words)
    return counts


def language_of(text: str, langs: Sequence[str], least: int = 1, lead: float = 1.0) -> str:
    """The language of `langs` whose evidence words the text prints at least `least` times
    and more than `lead` times as often as any other's; '' where none does."""
    ranked = evidence(text, langs).most_common(2)
    if not ranked or ranked[0][1] < least:
        return ""
    second = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] > lead * second else ""


def text_language(lines: Sequence[str], document: str, listed: Iterable[str] = ()) -> str:
    """The language a document's text is printed in: `document` (the profile's) unless the
    text's words tell another clearly."""
    found = language_of(" ".join(lines), candidates(document, listed), DOCUMENT_WORDS,
                        DOCUMENT_LEAD)
    return found or document
