"""The work done for one page, from file to text: ingest, preprocess, layout, OCR."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ocr36.ingest import load_page
from ocr36.layout import analyse
from ocr36.model import CleanPage, PageResult, Source
from ocr36.ocr import get_engine
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.preprocess import preprocess
from ocr36.profile import Profile
from ocr36.recognize import read_page


@dataclass(frozen=True)
class PageTask:
    """One unit of work: small and picklable, so that it can go to another process."""

    source: Source
    number: int
    profile: Profile
    engine: str = DEFAULT_ENGINE


def process_page(task: PageTask) -> PageResult:
    engine = get_engine(task.engine)
    profile = task.profile
    page = load_page(task.source, task.number, profile.preprocess.dpi_fallback)
    clean = preprocess(page, profile.preprocess, engine)
    first = task.number == 1
    layout = analyse(clean, profile.layout, first_page=first)
    psm = profile.ocr.psm_front if first else profile.ocr.psm_text
    text = read_page(clean, layout, engine, profile.language.tesseract, psm=psm)
    crops = tuple(
        clean.image[r.box.top : r.box.bottom, r.box.left : r.box.right].copy()
        for r in layout.image_regions
    )
    return PageResult(number=task.number, layout=layout, text=text, crops=crops,
                      packed_page=PageResult.pack(clean.image), skew=clean.skew,
                      rotation=clean.rotation, dpi=clean.dpi, warnings=clean.warnings)


def reread_page(job: tuple[PageResult, tuple[str, ...], Profile, str]) -> PageResult:
    """OCR a page again with other language packs (claims in German, French ...)."""
    page, languages, profile, engine_name = job
    clean = CleanPage(number=page.number, image=page.page_bitmap(), gray=page.page_bitmap(),
                      dpi=page.dpi, skew=page.skew, rotation=page.rotation, scale=1.0)
    psm = profile.ocr.psm_front if page.number == 1 else profile.ocr.psm_text
    text = read_page(clean, page.layout, get_engine(engine_name), languages, psm=psm)
    return replace(page, text=text)
