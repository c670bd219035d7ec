"""Preprocess with OpenCV: resolution, borders, binarisation, specks, orientation, deskew.

The stage (`preprocess`, `turn_upright`) is here; its steps are in `resolution`, `threshold`,
`marks` and `deskew`, whose public names are importable from here as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from ocr36.costs import ORIENTATION, stage
from ocr36.model import Bitmap, CleanPage, SourcePage
from ocr36.ocr.engine import Engine
from ocr36.orientation import detect_on_text_ink, quarter_turn, text_ink, turn_by_reading
from ocr36.preprocess.deskew import SkewEstimate, estimate_level, estimate_skew, refine_skew, rotate
from ocr36.preprocess.dither import is_dithered, undithered
from ocr36.preprocess.marks import (
    remove_dark_borders,
    remove_edge_blobs,
    remove_punch_holes,
    remove_specks,
)
from ocr36.preprocess.resolution import (
    TEXT_HEIGHT,
    TEXT_HEIGHT_RANGE,
    WORKING_DPI,
    fit_text_height,
    text_height,
    to_working_resolution,
)
from ocr36.preprocess.threshold import (
    Components,
    binarize,
    flatten_background,
    ink_components,
    is_bilevel,
)
from ocr36.profile import Preprocess

__all__ = [
    "TEXT_HEIGHT",
    "TEXT_HEIGHT_RANGE",
    "WORKING_DPI",
    "Components",
    "SkewEstimate",
    "binarize",
    "estimate_level",
    "estimate_skew",
    "fit_text_height",
    "flatten_background",
    "ink_components",
    "is_bilevel",
    "is_dithered",
    "preprocess",
    "quarter_turn",
    "refine_skew",
    "remove_dark_borders",
    "remove_edge_blobs",
    "remove_punch_holes",
    "remove_specks",
    "rotate",
    "text_height",
    "to_working_resolution",
    "turn_upright",
    "undithered",
]


def _without(gray: Bitmap, binary: Bitmap, cleaned: Bitmap) -> tuple[Bitmap, Bitmap]:
    """Whiten in the gray page, with a small margin, the ink removed from the binary one."""
    removed = cv2.compare(cleaned, binary, cv2.CMP_NE)  # 255 where ink was removed
    if not cv2.countNonZero(removed):
        return gray, binary
    grown = cv2.dilate(removed, np.ones((5, 5), np.uint8))
    whitened = cv2.max(gray, grown).astype(np.uint8, copy=False)
    return whitened, cleaned  # white (255) where grown, the gray page elsewhere


def _clean_marks(binary: Bitmap, settings: Preprocess, speck_px: int,
                 components: Components | None = None) -> Bitmap:
    """The page without border remnants, punch holes and specks, as the profile asks.

    One labelling of the ink (`components`, or found here) serves the three steps: each
    removes whole blots, or whitens round a hole."""
    if not (settings.remove_borders or settings.denoise):
        return binary
    found = components or ink_components(binary)
    if settings.remove_borders:
        binary = remove_punch_holes(remove_edge_blobs(binary, components=found),
                                    components=found)
    if settings.denoise:
        binary = remove_specks(binary, speck_px, found)
    return binary


def preprocess(page: SourcePage, settings: Preprocess, engine: Engine, *,
               languages: Sequence[str] = ("eng",),
               defer_orientation: bool = False) -> CleanPage:
    """Make a page upright, level, clean and binary at 300 dpi.

    With `defer_orientation` Tesseract's orientation detection is left to the caller
    (`turn_upright`) unless the page lies on its side: a page whose text reads well is upright,
    and need not pay for it.
    """
    warnings: list[str] = []
    if not page.dpi_from_file:
        warnings.append(f"no usable resolution in the file; {page.dpi} dpi assumed")
    gray, scale = to_working_resolution(page.image, page.dpi)
    if settings.remove_borders:
        gray = remove_dark_borders(gray)
    # A bilevel scan has no paper shade to divide out: levelled, it is thresholded as it is.
    # One whose strokes' edges are dithered is read softened, where the profile asks it.
    two_valued = is_bilevel(gray)
    if settings.undither and two_valued and is_dithered(gray):
        gray = undithered(gray)
    bilevel = settings.binarize != "sauvola" and two_valued
    levelled_method = "otsu" if settings.binarize == "auto" and bilevel else settings.binarize
    binary = binarize(gray, settings.binarize, bilevel)
    components = ink_components(binary)
    gray, binary, factor = fit_text_height(gray, binary, settings.binarize, page.dpi,
                                           components)
    if factor != 1.0:
        components = ink_components(binary)
        scale *= factor
        warnings.append(f"print is {'small' if factor > 1 else 'large'} for {page.dpi} dpi: "
                        f"the page is taken to be {round(page.dpi / factor)} dpi")
    # Specks grow with the page when a low-resolution scan is brought up to 300 dpi.
    speck_px = round(settings.speck_max_px * max(scale, 1.0) ** 2)
    # Borders and specks go before deskewing: rotation would carry border remnants into the
    # page and smear specks into blots too large to tell from print.
    gray, binary = _without(gray, binary, _clean_marks(binary, settings, speck_px, components))

    skew = 0.0
    sideways = False
    if settings.deskew:
        estimate, sideways = estimate_level(binary, settings.max_skew)
        if estimate.sure and abs(estimate.angle) >= 0.05:
            skew = estimate.angle
            gray = rotate(gray, skew)
            binary = binarize(gray, levelled_method)

    if skew:  # the levelled page was binarised again: clean it again
        binary = _clean_marks(binary, settings, speck_px)
    clean = CleanPage(number=page.number, image=binary, gray=gray, dpi=WORKING_DPI, skew=skew,
                      rotation=0, scale=scale, warnings=tuple(warnings))
    # Orientation on the levelled page: Tesseract's OSD is surer there. A page whose lines run
    # up the page is turned now; another may wait until its text has been read.
    if settings.orientation and (sideways or not defer_orientation):
        return turn_upright(clean, settings, engine, languages, sideways=sideways)
    return clean


def turn_upright(clean: CleanPage, settings: Preprocess, engine: Engine,
                 languages: Sequence[str], sideways: bool = False) -> CleanPage:
    """The page turned upright when Tesseract's OSD, shown the page's text-like ink, is sure
    that it is not or, where OSD is unsure, when a few pieces of that ink clearly read better
    turned (`ocr36.orientation`); a quarter turn keeps a clean page clean.
    `orientation_checked` is set either way."""
    with stage(ORIENTATION):
        return _turn_upright(clean, settings, engine, languages, sideways)


def _turn_upright(clean: CleanPage, settings: Preprocess, engine: Engine,
                  languages: Sequence[str], sideways: bool) -> CleanPage:
    ink = text_ink(clean.image)
    found = detect_on_text_ink(clean.image, ink, engine)
    # Lines that run up the page say it lies on its side: OSD need only tell which side.
    needed = settings.orientation_min_confidence
    if sideways and found is not None and found.rotate in (90, 270):
        needed = needed / 6
    if found is not None and found.confidence >= needed:
        turn = found.rotate
    else:
        turn = turn_by_reading(clean.image, engine, languages,
                               (90, 270) if sideways else (90, 180, 270),
                               leaning=found.rotate if found is not None else 0, ink=ink)
    if turn:
        return replace(clean, image=quarter_turn(clean.image, turn),
                       gray=quarter_turn(clean.gray, turn), rotation=turn,
                       orientation_checked=True)
    warnings = clean.warnings
    if found is not None and found.rotate:  # OSD leaned to a turn it was unsure of
        warnings += (f"page may be turned {found.rotate} degrees (confidence "
                     f"{found.confidence:.1f}, below {settings.orientation_min_confidence}, "
                     "and it reads no better turned); left as it is",)
    return replace(clean, warnings=warnings, orientation_checked=True)
