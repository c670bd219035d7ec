"""The work done for one page, from file to text: ingest, preprocess, layout, OCR."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ocr36.costs import (
    INGEST,
    LAYOUT,
    OCR,
    ORIENTATION,
    PREPROCESS,
    REREAD,
    measuring,
    stage,
)
from ocr36.digitlook import read_digits_again
from ocr36.ingest import load_page
from ocr36.layout import analyse
from ocr36.model import (
    Box,
    CleanPage,
    Line,
    PageLayout,
    PageResult,
    PageText,
    RegionKind,
    Source,
    SourcePage,
    TextSource,
)
from ocr36.model.geometry import PackedBitmap
from ocr36.numberlook import read_number_again
from ocr36.ocr import get_engine
from ocr36.ocr.engine import DEFAULT_ENGINE, Engine
from ocr36.ocr.soften import page_reader
from ocr36.preprocess import WORKING_DPI, preprocess, turn_upright
from ocr36.preprocess.threshold import INK
from ocr36.profile import Profile
from ocr36.recognize import read_page
from ocr36.textlayer import grown, page_text, scaled
from ocr36.titleread import TitleRead, read_titles_again


@dataclass(frozen=True)
class PageTask:
    """One unit of work: small and picklable, so that it can go to another process."""

    source: Source
    number: int
    profile: Profile
    engine: str = DEFAULT_ENGINE
    ocr_all: bool = False
    """Read every page by OCR, a born-digital PDF's text layer too."""


UPRIGHT_WORDS = 40
UPRIGHT_CONFIDENCE = 75.0
"""A page read as this many words at this mean confidence is upright: Tesseract reads
nothing well upside down or on its side. Any other page is shown to its orientation check."""


def reads_poorly(text: PageText) -> bool:
    words = sum(len(line.words) for line in text.lines)
    return words < UPRIGHT_WORDS or text.mean_confidence < UPRIGHT_CONFIDENCE


def read_upright(clean: CleanPage, profile: Profile, engine: Engine, first: bool,
                 psm: int) -> tuple[CleanPage, PageLayout, PageText]:
    """Layout and text of a preprocessed page; a page that reads poorly and has not had its
    orientation checked is checked now, and read again if it is turned."""
    reader = page_reader(engine, profile.ocr.soften, clean.skew,
                         profile.ocr.soften_every_page)
    with stage(LAYOUT):
        layout = analyse(clean, profile.layout, first_page=first)
    with stage(OCR):
        text = read_page(clean, layout, reader, profile.language.tesseract, psm=psm)
    if profile.preprocess.orientation and not clean.orientation_checked \
            and reads_poorly(text):
        # the page read again once turned is counted to its orientation: it cost that
        with stage(ORIENTATION):
            clean = turn_upright(clean, profile.preprocess, engine, profile.language.tesseract)
            if clean.rotation:
                reader = page_reader(engine, profile.ocr.soften, clean.skew,
                                     profile.ocr.soften_every_page)
                layout = analyse(clean, profile.layout, first_page=first)
                text = read_page(clean, layout, reader, profile.language.tesseract, psm=psm)
    if first:
        with stage(OCR):
            text = read_number_again(clean.image, text, reader, profile.front_page.number_packs)
    with stage(OCR):
        text = read_digits_again(clean.image, text, profile.language.digits, first)
    return clean, layout, text


def from_text_layer(page: SourcePage, clean: CleanPage,
                    profile: Profile) -> tuple[PageLayout, PageText] | None:
    """Layout and text of a born-digital page, its words from the PDF's text layer; None
    when the page was turned or levelled, or its layer does not cover its text."""
    if not page.text_layer or clean.rotation or clean.skew:
        return None
    layout = analyse(clean, profile.layout, first_page=page.number == 1)
    pictures = tuple(grown(box, clean.scale) for box in page.pictures)
    text = page_text(page.number, scaled(page.text_layer, clean.scale), layout, clean.image,
                     pictures)
    return None if text is None else (layout, text)


@dataclass(frozen=True)
class Carried:
    """What a page's file holds beside its image, carried with a page that travels without
    its file (to a cluster's worker): a PDF page's text layer, pictures and warnings."""

    text_layer: tuple[Line, ...] = ()
    pictures: tuple[Box, ...] = ()
    warnings: tuple[str, ...] = ()

    @staticmethod
    def of(page: SourcePage) -> Carried:
        return Carried(page.text_layer, page.pictures, page.warnings)


def rendered_page(page: SourcePage) -> CleanPage | None:
    """A page rendered from a born-digital PDF as the layout reads it, without what a scan
    needs (it is at 300 dpi, level and upright, on white paper): binarised at a fixed level.
    None for a page at another resolution."""
    if page.dpi != WORKING_DPI:
        return None
    binary = (page.image >= INK).view(np.uint8) * np.uint8(255)
    return CleanPage(number=page.number, image=binary, gray=page.image, dpi=WORKING_DPI,
                     skew=0.0, rotation=0, scale=1.0, warnings=page.warnings)


def _page_result(number: int, clean: CleanPage, layout: PageLayout, text: PageText,
                 source: TextSource) -> PageResult:
    crops = {
        r.id: PackedBitmap.of(clean.image[r.box.top : r.box.bottom, r.box.left : r.box.right])
        for r in layout.image_regions
    }
    return PageResult(number=number, layout=layout, text=text, crops=crops,
                      packed_page=PageResult.pack(clean.image), skew=clean.skew,
                      rotation=clean.rotation, dpi=clean.dpi, warnings=clean.warnings,
                      text_source=source)


def process_page(task: PageTask, carried: Carried | None = None) -> PageResult:
    """The page read, with the CPU seconds each of its stages took."""
    with measuring() as clock:
        result = _process_page(task, carried)
    return replace(result, seconds=clock.rounded())


def _process_page(task: PageTask, carried: Carried | None = None) -> PageResult:
    engine = get_engine(task.engine).for_page(task.number)
    profile = task.profile
    with stage(INGEST):
        page = load_page(task.source, task.number, profile.preprocess.dpi_fallback)
    if carried is not None:
        page = replace(page, text_layer=carried.text_layer, pictures=carried.pictures,
                       warnings=carried.warnings + page.warnings)
    settings = profile.preprocess
    if page.text_layer and not task.ocr_all:
        rendered = rendered_page(page)
        with stage(LAYOUT):  # the layer's words placed on the layout: its cost too
            layered = None if rendered is None else from_text_layer(page, rendered, profile)
        if rendered is not None and layered is not None:
            return _page_result(task.number, rendered, *layered, TextSource.PDF)
        settings = replace(settings, deskew=False, remove_borders=False)  # rendered straight
    with stage(PREPROCESS):
        clean = preprocess(page, settings, engine, languages=profile.language.tesseract,
                           defer_orientation=True)
    if page.warnings:
        clean = replace(clean, warnings=page.warnings + clean.warnings)
    first = task.number == 1
    psm = profile.ocr.psm_front if first else profile.ocr.psm_text
    clean, layout, text = read_upright(clean, profile, engine, first, psm)
    return _page_result(task.number, clean, layout, text, TextSource.OCR)


def reread_page(page: PageResult, languages: tuple[str, ...], profile: Profile,
                engine_name: str, regions: Sequence[tuple[str, tuple[str, ...]]] = (),
                titles: Sequence[TitleRead] = ()) -> PageResult:
    """OCR a page again with other language packs (claims in German, French ...): the whole
    page with `languages`, or only its text `regions`, each with its packs, the other lines
    kept as read; and the lines of its `titles`, each with its packs (`titleread`). A page
    read from a PDF's text layer keeps its exact text."""
    if page.text_source is TextSource.PDF:
        return page
    with measuring() as clock, stage(REREAD):
        clean = CleanPage(number=page.number, image=page.page_bitmap(), gray=page.page_bitmap(),
                          dpi=page.dpi, skew=page.skew, rotation=page.rotation, scale=1.0)
        psm = profile.ocr.psm_front if page.number == 1 else profile.ocr.psm_text
        reader = page_reader(get_engine(engine_name).for_page(page.number),
                             profile.ocr.soften, page.skew, profile.ocr.soften_every_page)
        text = page.text
        if regions:
            text = _read_regions(clean, page, reader, regions, psm)
        elif languages:
            text = read_page(clean, page.layout, reader, languages, psm=psm)
        if regions or languages:
            if page.number == 1:
                text = read_number_again(clean.image, text, reader,
                                         profile.front_page.number_packs)
            text = read_digits_again(clean.image, text, profile.language.digits,
                                     page.number == 1)
        if titles:
            text = read_titles_again(clean.image, text, reader, titles)
    seconds = dict(page.seconds)
    for name, value in clock.rounded().items():
        seconds[name] = round(seconds.get(name, 0.0) + value, 3)
    return replace(page, text=text, seconds=seconds, read_again_with=languages)


def _read_regions(clean: CleanPage, page: PageResult, reader: Engine,
                  regions: Sequence[tuple[str, tuple[str, ...]]], psm: int) -> PageText:
    """The page's text with the lines of its text `regions` read again, the regions read
    with the same packs together; the other lines as they were read."""
    chosen = dict(regions)
    lines = [line for line in page.text.lines if line.region not in chosen]
    for packs in dict.fromkeys(chosen.values()):
        layout = replace(page.layout, regions=tuple(
            region for region in page.layout.regions
            if region.kind is not RegionKind.TEXT or chosen.get(region.id) == packs))
        lines.extend(read_page(clean, layout, reader, packs, psm=psm).lines)
    order = {region.id: rank for rank, region in enumerate(page.layout.text_regions)}
    lines.sort(key=lambda line: (order.get(line.region, 0), line.box.top))
    return PageText(number=page.number, lines=tuple(lines))
