"""The plain text of single pages, as the page stages read it (no document structure)."""

from __future__ import annotations

from pathlib import Path

from ocr36.ingest import load_page, open_source
from ocr36.model import CleanPage, PageText
from ocr36.ocr import get_engine
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.ocr.soften import page_reader
from ocr36.pages import read_upright
from ocr36.preprocess import preprocess
from ocr36.profile import Profile


def lines_text(text: PageText) -> str:
    """The page's lines in reading order, one per line, words joined by single spaces."""
    return "\n".join(line.text for line in text.lines)


SEGMENTATIONS = ("layout", "engine")
PSM_AUTO = 3
"""Tesseract's fully automatic page segmentation (columns, blocks, pictures)."""


def read_page_text(path: Path, profile: Profile, number: int = 1, *,
                   segmentation: str = "layout",
                   engine_name: str = DEFAULT_ENGINE) -> tuple[str, CleanPage]:
    """Ingest, preprocess and OCR page `number` of an image file as a text page.

    With `segmentation="layout"` the page goes through ocr36's layout stage as in
    `ocr36 convert` (bands the profile drops are left out), except that a first page is not
    taken for a patent front page. With `"engine"` the preprocessed page is given whole to
    the OCR engine, which finds columns and blocks itself: for pages that are not patent
    publications (magazines, letters). Returns the text and the preprocessed page.
    """
    if segmentation not in SEGMENTATIONS:
        raise ValueError(f"segmentation is one of {', '.join(SEGMENTATIONS)}, "
                         f"not {segmentation!r}")
    engine = get_engine(engine_name)
    page = load_page(open_source(path, profile.ingest.suspect_pdf), number,
                     profile.preprocess.dpi_fallback)
    if segmentation == "engine":
        clean = preprocess(page, profile.preprocess, engine, languages=profile.language.tesseract)
        reader = page_reader(engine, profile.ocr.soften, clean.skew,
                             profile.ocr.soften_every_page)
        lines = reader.recognize(clean.image, profile.language.tesseract, PSM_AUTO)
        return lines_text(PageText(number=number, lines=lines)), clean
    clean = preprocess(page, profile.preprocess, engine, languages=profile.language.tesseract,
                       defer_orientation=True)
    clean, _layout, text = read_upright(clean, profile, engine, False, profile.ocr.psm_text)
    return lines_text(text), clean
