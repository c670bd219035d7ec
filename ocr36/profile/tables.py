"""The tables of a profile, one frozen dataclass each, and the profile they make up."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ocr36.profile.layout import LayoutParameters

SECTIONS = ("abstract", "description", "claims", "drawings", "search_report")
"""Sections a bookmark can name; claims may be given per language."""


@dataclass(frozen=True)
class Language:
    document: str
    """ISO 639-1 code of the publication's main language."""
    tesseract: tuple[str, ...]
    """Tesseract language packs for the main language (first) and any others used together."""
    sections: Mapping[str, tuple[str, ...]]
    """ISO 639-1 code -> Tesseract packs, for sections printed in another language."""
    read_detected: bool = True
    """A text whose words tell another language than these packs read is read again with
    that language's packs, where they are installed (ocr36.structure.textlang)."""
    digits: str = "ascii"
    """The digits the documents print their numbers in: "ascii", or "arabic-indic" or
    "persian", which Tesseract's packs lack and a glyph reader reads where a number stands
    (ocr36.digitlook)."""

    def packs(self, lang: str) -> tuple[str, ...]:
        """The packs that read a section in `lang` (the main packs for the main language or
        one the profile does not name)."""
        if lang == self.document:
            return self.tesseract
        return self.sections.get(lang, self.tesseract)


@dataclass(frozen=True)
class Preprocess:
    dpi_fallback: int
    binarize: str
    """otsu (clean bilevel or even gray scans), sauvola (uneven gray scans) or auto (Otsu
    after dividing out the paper shade; bilevel pages are taken as they are)."""
    denoise: bool
    speck_max_px: int
    remove_borders: bool
    deskew: bool
    max_skew: float
    orientation: bool
    orientation_min_confidence: float
    undither: bool = True
    """Read a bilevel page whose strokes' edges are dithered softened and thresholded again
    (`ocr36.preprocess.dither`); Thai and Arabic read worse so (`lang/th`, `lang/ar` turn it
    off)."""


@dataclass(frozen=True)
class Ocr:
    psm_text: int
    """Tesseract page segmentation mode for a column of text (6: one uniform block)."""
    psm_front: int
    """Mode for the front page, where small INID codes stand beside large text (4)."""
    mend_chemistry: bool
    """Mend carbon-count ranges read from subscripts (C,.4-alkyl -> C1-4-alkyl)."""
    mend_words: bool
    """Mend words OCR misread ("alkyisulfonyl", "Acompound") by the packs' word lists and the
    document's own spelling."""
    soften: float
    """Gaussian blur (sigma, px) over a page the deskew levelled, before Tesseract reads it:
    its LSTM recogniser reads gray levels, and the stair-stepped, notched strokes of a rotated
    bilevel page read better softened. 0 gives it the bilevel page."""
    soften_every_page: bool = False
    """Soften a page as it was scanned too, not only one the deskew levelled: Chinese and
    Japanese characters, dense strokes at 10 pt, read better softened on a clean bilevel
    page (bare `tesseract -l jpn` on a page of JPO claims: 3.80 % CER, 2.77 % softened)."""


@dataclass(frozen=True)
class Bookmarks:
    abstract: tuple[re.Pattern[str], ...]
    description: tuple[re.Pattern[str], ...]
    claims: Mapping[str, tuple[re.Pattern[str], ...]]
    """Language -> headings that start that language's claims (first language first)."""
    drawings: tuple[re.Pattern[str], ...]
    search_report: tuple[re.Pattern[str], ...]
    order: tuple[str, ...] = ("abstract", "description", "claims", "drawings")
    """The sections in the order the office prints them (CN and JP print the claims first)."""
    claims_without_heading: bool = True
    """Where no claims heading is read, the claims are found by their numbering
    (`ocr36.structure.unheaded`)."""

    @property
    def claims_first(self) -> bool:
        return self.order.index("claims") < self.order.index("description")


@dataclass(frozen=True)
class Numbering:
    paragraph: re.Pattern[str]
    """Matches a printed paragraph number at the start of a line; group 1 is the number."""
    claim: re.Pattern[str]
    """Matches a printed claim number at the start of a line; group 1 is the number."""
    figure: re.Pattern[str]
    """Matches a figure label; group 1 is the figure number."""
    claim_reference: Mapping[str, re.Pattern[str]]
    """Language -> pattern of a reference to claims; groups 1 (first) and 2 (last, optional)."""


@dataclass(frozen=True)
class FrontPage:
    date_order: str
    """How numeric dates are printed: dmy (07.06.2006), mdy (06/07/2006) or ymd."""
    title_languages: tuple[str, ...]
    """Languages of further titles printed under the first one (54), in printed order."""
    number_packs: tuple[str, ...] = ()
    """Packs that read the publication number's line (11) again on its own: the Latin
    letters of 'RU 2023001234 B1' on a page read with a pack of another script (none: not
    read again)."""


@dataclass(frozen=True)
class Output:
    package_name: str
    """Folder name template: {country}, {doc_number}, {kind}, {source} (the input's stem)."""
    xml_name: str
    dtd: Path | None = None
    """The office's own DTD every document must also satisfy (None: the schema only)."""
    figures: str = "sheet"
    """sheet: one figure per drawing sheet (as EPO and WIPO deliver them); label: one per
    printed figure label ("FIG. 3")."""


DAMAGED_PAGE_CHOICES = ("fail", "image")
"""What becomes of a page whose image data the decoder reports damaged."""
SUSPECT_PDF_CHOICES = ("refuse", "convert")
"""What becomes of a PDF whose cross-reference table had to be rebuilt, or that holds
JavaScript or embedded files."""


@dataclass(frozen=True)
class Ingest:
    damaged_page: str = "fail"
    """fail: the document fails naming the page (exit 2); image: the page is not read by OCR
    but kept in the package as an image of the page as it decodes, with a warning."""
    suspect_pdf: str = "refuse"
    """refuse: a PDF whose broken cross-reference table had to be rebuilt, or that holds
    JavaScript, actions that start programs or send data, or embedded files, fails naming
    what was found (exit 2); convert: its pages are read, with a warning (nothing in it is
    ever run or extracted)."""


@dataclass(frozen=True)
class Review:
    low_confidence: float = 60.0
    """Words Tesseract read with less confidence (0 to 100) are marked on the review pages."""


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    path: Path
    office: str
    """ST.3 code of the office (two capital letters)."""
    language: Language
    preprocess: Preprocess
    ocr: Ocr
    layout: LayoutParameters
    bookmarks: Bookmarks
    numbering: Numbering
    front_page: FrontPage
    output: Output
    sha256: str
    """Hash of the resolved profile (after extends), for manifests and batch journals."""
    review: Review = Review()
    ingest: Ingest = Ingest()

    @property
    def all_tesseract_languages(self) -> tuple[str, ...]:
        packs = list(self.language.tesseract)
        for section_packs in self.language.sections.values():
            packs.extend(p for p in section_packs if p not in packs)
        packs.extend(p for p in self.front_page.number_packs if p not in packs)
        return tuple(packs)
