"""A page whose image data is damaged, kept as an image: the profile's [ingest] damaged_page =
"image". The page is not read by OCR; it is taken as it decodes, at the working resolution,
as one image region covering the page, with a warning naming the file, the page and the
decoder's complaint. The structure stage places it where its page falls."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ocr36.ingest import DamagedPage, load_page
from ocr36.model import (
    DAMAGED_PAGE_RULE,
    KEPT_AS_IMAGE_NOTE,
    Box,
    Document,
    PackedBitmap,
    PageLayout,
    PageResult,
    PageText,
    Reason,
    Region,
    RegionKind,
)
from ocr36.pages import PageTask
from ocr36.preprocess.resolution import WORKING_DPI, to_working_resolution

KEEP_AS_IMAGE = "image"
"""The value of [ingest] damaged_page that keeps a damaged page as an image."""
_INK = 128


def keeps_damaged_pages(task: PageTask) -> bool:
    return task.profile.ingest.damaged_page == KEEP_AS_IMAGE


def damaged_warning(file: str, error: DamagedPage) -> str:
    return f"{file}: page {error.number} has damaged image data ({error.complaint}); " \
        + KEPT_AS_IMAGE_NOTE


def page_kept_as_image(task: PageTask, error: DamagedPage, file: str) -> PageResult:
    """The page of `task`, which raised `error`, as one image region and no text; `file` is the
    name the warning gives the page's file."""
    page = load_page(task.source, task.number, task.profile.preprocess.dpi_fallback,
                     keep_damaged=True)
    gray, _ = to_working_resolution(page.image, page.dpi)
    bitmap = np.where(gray < _INK, 0, 255).astype(np.uint8)
    height, width = bitmap.shape
    region = Region(RegionKind.IMAGE, Box(0, 0, width, height), id="r1",
                    reason=Reason(DAMAGED_PAGE_RULE, "ingest.damaged_page"))
    packed = PackedBitmap.of(bitmap)
    return PageResult(number=task.number,
                      layout=PageLayout(task.number, width, height, 1, (region,)),
                      text=PageText(task.number, ()), crops={region.id: packed},
                      packed_page=packed.data, skew=0.0, rotation=0, dpi=WORKING_DPI,
                      warnings=(damaged_warning(file, error),))


def is_kept_as_image(page: PageResult) -> bool:
    """Whether the page is a damaged page kept as an image."""
    return any(region.reason is not None and region.reason.rule == DAMAGED_PAGE_RULE
               for region in page.layout.regions)


def unplaced(pages: Sequence[PageResult], document: Document) -> list[int]:
    """The pages kept as images that the document holds no image of (where the structure
    has no place for an image: before the first claim ...)."""
    placed = {image.page for image in (*document.illustrations, *document.search_report_pages)
              if image.box.left == 0 and image.box.top == 0}
    return [page.number for page in pages if is_kept_as_image(page) and page.number not in placed]
