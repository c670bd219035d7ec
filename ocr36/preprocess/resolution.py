"""Pages at the working resolution: scaled from the resolution the file states, or, where the
print's size says that is wrong, from the resolution the print implies."""

from __future__ import annotations

import cv2
import numpy as np

from ocr36.model import Bitmap
from ocr36.preprocess.threshold import Components, binarize, ink_components

WORKING_DPI = 300
TEXT_HEIGHT = 22.0
"""Median character height (px) of body text at 300 dpi: Tesseract reads best about there."""
TEXT_HEIGHT_RANGE = (12.0, 40.0)
"""Outside this range the page's resolution tag is taken to be wrong and the page is scaled."""
_SCAN_DPIS = (100, 150, 200, 240, 300, 400, 600, 1200)


def to_working_resolution(gray: Bitmap, dpi: int) -> tuple[Bitmap, float]:
    """Scale a page to 300 dpi, the resolution Tesseract and ST.36 images are tuned for."""
    if dpi == WORKING_DPI:
        return gray, 1.0
    scale = WORKING_DPI / dpi
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    scaled = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=interpolation)
    return scaled.astype(np.uint8), scale


def fit_text_height(gray: Bitmap, binary: Bitmap, method: str,
                    stated_dpi: int = WORKING_DPI,
                    components: Components | None = None) -> tuple[Bitmap, Bitmap, float]:
    """Scale a page whose print is far too small or too large for its stated resolution (a
    wrong resolution tag) so that body text is about TEXT_HEIGHT px high; the factor used.

    The resolution the print implies is taken to be the nearest usual scanner resolution
    when it is within 12 % of one."""
    found = text_height(binary, components)
    low, high = TEXT_HEIGHT_RANGE
    if found is None or low <= found <= high:
        return gray, binary, 1.0
    factor = TEXT_HEIGHT / found
    implied = stated_dpi / factor
    usual = min(_SCAN_DPIS, key=lambda dpi: abs(dpi - implied))
    if abs(usual - implied) <= 0.12 * usual:
        factor = stated_dpi / usual
    factor = round(factor, 4)
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    scaled = cv2.resize(gray, None, fx=factor, fy=factor,
                        interpolation=interpolation).astype(np.uint8)
    return scaled, binarize(scaled, method), factor


def text_height(binary: Bitmap, components: Components | None = None) -> float | None:
    """Median height in pixels of the connected components that look like characters;
    None when a page has too few of them to tell."""
    found = components or ink_components(binary)
    count, stats = found.count, found.stats
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    widths = stats[1:count, cv2.CC_STAT_WIDTH]
    areas = stats[1:count, cv2.CC_STAT_AREA]
    glyph = (heights >= 6) & (heights <= 250) & (widths <= heights * 3) & \
        (widths >= 2) & (areas >= 0.15 * widths * heights)
    if int(glyph.sum()) < 150:
        return None
    return float(np.median(heights[glyph]))
