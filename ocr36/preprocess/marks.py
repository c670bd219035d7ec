"""Marks that are not print: dark scanner borders and their remnants, punch holes, specks."""

from __future__ import annotations

import cv2
import numpy as np

from ocr36.model import Bitmap
from ocr36.preprocess.resolution import WORKING_DPI
from ocr36.preprocess.threshold import INK, Components, ink_components


def remove_dark_borders(gray: Bitmap, max_fraction: float = 0.12) -> Bitmap:
    """Whiten the dark strips a scanner leaves along page edges."""
    page = gray.copy()
    dark = page < INK
    height, width = page.shape
    row_dark = dark.mean(axis=1)
    col_dark = dark.mean(axis=0)

    def strip(profile: np.ndarray, limit: int) -> int:
        depth = 0
        while depth < limit and profile[depth] > 0.5:
            depth += 1
        return depth

    top = strip(row_dark, int(height * max_fraction))
    bottom = strip(row_dark[::-1], int(height * max_fraction))
    left = strip(col_dark, int(width * max_fraction))
    right = strip(col_dark[::-1], int(width * max_fraction))
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
    count, labels, stats = found.count, found.labels, found.stats
    near = round(min(height, width) * 0.03)
    rim = round(4 * dpi / 25.4)
    doomed: list[int] = []
    for label in range(1, count):
        left, top, w, h, area = (int(v) for v in stats[label])
        right, bottom = width - left - w, height - top - h
        if max(left + w, top + h, width - left, height - top) <= rim or \
                min(left + w, width - left) <= rim or min(top + h, height - top) <= rim:
            doomed.append(label)  # wholly inside the rim along one edge
            continue
        touches = min(left, top, right, bottom) <= near
        if not touches:
            continue
        along = (h > height * 0.1 and w < width * 0.1) or (w > width * 0.1 and h < height * 0.1)
        side = (min(left, right) <= near and h > 3 * w and h > 40) or \
            (min(top, bottom) <= near and w > 3 * h and w > 40)
        solid = area > 0.4 * w * h and area > 400
        if along or side or solid:
            doomed.append(label)
    cleaned = binary.copy()
    if doomed:
        cleaned[np.isin(labels, doomed)] = 255
    return cleaned


def remove_punch_holes(binary: Bitmap, dpi: int = WORKING_DPI,
                       components: Components | None = None) -> Bitmap:
    """Whiten punch holes: solid round blots 4 to 10 mm across within 30 mm of an edge."""
    height, width = binary.shape
    found = components or ink_components(binary)
    count, labels, stats = found.count, found.labels, found.stats
    mm = dpi / 25.4
    cleaned = binary.copy()
    for label in range(1, count):
        left, top, w, h, area = (int(v) for v in stats[label])
        round_ = 4 * mm <= w <= 10 * mm and 4 * mm <= h <= 10 * mm and 0.8 <= w / h <= 1.25
        solid = 0.68 <= area / (w * h) <= 0.9  # a disc fills pi/4 of its box
        margin = min(left, top, width - left - w, height - top - h) <= 30 * mm - w
        if round_ and solid and margin and _convex(labels[top : top + h, left : left + w] == label):
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
    ink = (binary == 0).astype(np.uint8)
    found = components or ink_components(binary)
    labels, stats = found.labels, found.stats
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= max_px)
    small = small[small != 0]
    if small.size == 0:
        return binary
    # Ink within a few pixels belongs to a glyph (the dot of an i, a decimal point): keep it.
    large_ink = ink.copy()
    large_ink[np.isin(labels, small)] = 0
    near = cv2.dilate(large_ink, np.ones((9, 9), np.uint8)) > 0
    cleaned = binary.copy()
    lonely = np.isin(labels, small) & ~near
    cleaned[lonely] = 255
    return cleaned
