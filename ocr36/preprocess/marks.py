"""Marks that are not print: dark scanner borders and their remnants, punch holes, specks."""

from __future__ import annotations

import cv2
import numpy as np

from ocr36.components import ink_mask, pixels_of
from ocr36.model import Bitmap
from ocr36.preprocess.resolution import WORKING_DPI
from ocr36.preprocess.threshold import INK, Components, ink_components


def remove_dark_borders(gray: Bitmap, max_fraction: float = 0.12) -> Bitmap:
    """Whiten the dark strips a scanner leaves along page edges."""
    dark = cv2.threshold(gray, INK - 1, 1, cv2.THRESH_BINARY_INV)[1]
    height, width = gray.shape
    row_dark = cv2.reduce(dark, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel()
    col_dark = cv2.reduce(dark, 0, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel()

    def strip(counts: np.ndarray, length: int, limit: int) -> int:
        """How many lines from the edge are more than half dark."""
        depth = 0
        while depth < limit and 2 * int(counts[depth]) > length:
            depth += 1
        return depth

    top = strip(row_dark, width, int(height * max_fraction))
    bottom = strip(row_dark[::-1], width, int(height * max_fraction))
    left = strip(col_dark, height, int(width * max_fraction))
    right = strip(col_dark[::-1], height, int(width * max_fraction))
    if not (top or bottom or left or right):
        return gray
    page = gray.copy()
    if top:
        page[: top + 2, :] = 255
    if bottom:
        page[height - bottom - 2 :, :] = 255
    if left:
        page[:, : left + 2] = 255
    if right:
        page[:, width - right - 2 :] = 255
    return page


def remove_edge_blobs(binary: Bitmap, dpi: int = WORKING_DPI,
                      components: Components | None = None) -> Bitmap:
    """Whiten ink that touches the page edge and runs along it (scanner borders, shadows),
    and the ragged remnants of such borders that lie wholly in the outer 4 mm of the page.

    Publications keep a white margin, so what touches the edge is not print; a dark strip
    left by a skewed scan is long along its edge or solid.
    """
    height, width = binary.shape
    found = components or ink_components(binary)
    labels = found.labels
    left, top, w, h, area = (found.stats[1:, column].astype(np.int64) for column in range(5))
    right, bottom = width - left - w, height - top - h
    near = round(min(height, width) * 0.03)
    rim = round(4 * dpi / 25.4)
    inside_rim = (np.maximum.reduce([left + w, top + h, width - left, height - top]) <= rim) \
        | (np.minimum(left + w, width - left) <= rim) | (np.minimum(top + h, height - top) <= rim)
    touches = np.minimum.reduce([left, top, right, bottom]) <= near
    along = ((h > height * 0.1) & (w < width * 0.1)) | ((w > width * 0.1) & (h < height * 0.1))
    side = ((np.minimum(left, right) <= near) & (h > 3 * w) & (h > 40)) | \
        ((np.minimum(top, bottom) <= near) & (w > 3 * h) & (w > 40))
    solid = (area > 0.4 * w * h) & (area > 400)
    doomed = np.concatenate([[False], inside_rim | (touches & (along | side | solid))])
    if not doomed.any():
        return binary
    cleaned = binary.copy()
    cleaned[pixels_of(labels, found.stats, np.flatnonzero(doomed))] = 255
    return cleaned


def remove_punch_holes(binary: Bitmap, dpi: int = WORKING_DPI,
                       components: Components | None = None) -> Bitmap:
    """Whiten punch holes: solid round blots 4 to 10 mm across within 30 mm of an edge.

    `components` may be those of the page before other ink was removed from it."""
    height, width = binary.shape
    found = components or ink_components(binary)
    labels, stats = found.labels, found.stats
    mm = dpi / 25.4
    wide, high = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    # only blots of a hole's size are looked at closely
    sized = (4 * mm <= wide) & (wide <= 10 * mm) & (4 * mm <= high) & (high <= 10 * mm)
    sized[0] = False
    if not sized.any():
        return binary
    cleaned = binary.copy()
    for label in np.flatnonzero(sized).tolist():
        left, top, w, h, area = (int(v) for v in stats[label])
        round_ = 4 * mm <= w <= 10 * mm and 4 * mm <= h <= 10 * mm and 0.8 <= w / h <= 1.25
        solid = 0.68 <= area / (w * h) <= 0.9  # a disc fills pi/4 of its box
        margin = min(left, top, width - left - w, height - top - h) <= 30 * mm - w
        blot_here = labels[top : top + h, left : left + w] == label
        # a blot another step removed already is gone (`components` may be from before it)
        gone = not np.any(binary[top : top + h, left : left + w][blot_here] == 0)
        if round_ and solid and margin and not gone and _convex(blot_here):
            pad = max(w // 6, 3)
            box = cleaned[max(top - pad, 0) : top + h + pad, max(left - pad, 0) : left + w + pad]
            blot = labels[max(top - pad, 0) : top + h + pad, max(left - pad, 0) : left + w + pad]
            grown = cv2.dilate((blot == label).astype(np.uint8), np.ones((2 * pad + 1,) * 2,
                                                                          np.uint8))
            box[grown > 0] = 255
    return cleaned


def _convex(blot: np.ndarray) -> bool:
    """Whether a blot is a disc rather than a large bold letter (B, O, D): it fills its convex
    hull and has no counters."""
    contours, _ = cv2.findContours(blot.astype(np.uint8), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_SIMPLE)
    if len(contours) != 1:
        return False
    hull = cv2.contourArea(cv2.convexHull(contours[0]))
    return hull > 0 and float(blot.sum()) / hull >= 0.9


def remove_specks(binary: Bitmap, max_px: int, components: Components | None = None) -> Bitmap:
    """Drop isolated ink specks of at most `max_px` pixels that have no ink near them.

    `components` may be those of the page before other ink was removed from it."""
    found = components or ink_components(binary)
    labels, stats = found.labels, found.stats
    small = stats[:, cv2.CC_STAT_AREA] <= max_px
    small[0] = False
    if not small.any():
        return binary
    # Ink within a few pixels belongs to a glyph (the dot of an i, a decimal point): keep it.
    rows, columns = pixels_of(labels, stats, np.flatnonzero(small))
    large_ink = ink_mask(binary)
    large_ink[rows, columns] = 0
    lonely = cv2.dilate(large_ink, np.ones((9, 9), np.uint8))[rows, columns] == 0
    cleaned = binary.copy()
    cleaned[rows[lonely], columns[lonely]] = 255
    return cleaned
