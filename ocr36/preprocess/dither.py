"""Bilevel pages whose stroke edges are dithered, and the same pages read softened.

A page made black and white by error diffusion (Floyd-Steinberg: Pillow's default
conversion to one bit, a scanner's "text/photo" or "halftone" modes) has the grey edges of
its strokes broken into a pixel-wide pattern: a straight edge goes out and back in again
from one row to the next. Tesseract misreads such strokes more than the same page
thresholded (`tesseract -l rus` on Russian pages so converted: an abstract at 3.48 % CER,
0.00 % thresholded at half grey). Here the page is told by its edges (`edge_jitter`), and
such a page is softened, then thresholded again (`undithered`).
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr36.model import Bitmap

DITHERED = 0.033
"""The share of the places on straight edges that hold a one-pixel bump or notch
(`dither_share`) above which a page's edges are dithered. Measured on pages rendered from
real text in Cyrillic, Latin, Arabic, Thai and Hangul (10 to 12 pt, 300 dpi; 3 pages each):
0.038 to 0.112 converted to one bit by Pillow (Floyd-Steinberg), at most 0.005 thresholded
at half grey, 0.018 to 0.028 with the light scan defects (their dark borders removed, as
the page stage does first); EPO's scans of EP1599469B1: a median of 0.003, at most 0.026
(79 pages)."""
SOFTEN, SOFT_INK = 0.7, 170
"""The Gaussian (sigma, px) a dithered page is softened by, and the grey level below which
the softened page is ink: at half grey (128) the strokes lose their thin parts and the marks
set on letters (bare `tesseract -l vie` on Vietnamese pages: 0.16 % and 0.21 % CER dithered,
0.24 % and 0.33 % softened and thresholded at 128, 0.12 % and 0.17 % at 170)."""
BAND, EVERY = 96, 384
"""The rows looked at: bands of `BAND` rows, one every `EVERY` (a quarter of the page)."""
MIN_EDGES = 2000
"""Fewer edge pixels than this (a blank page, a few words) tell nothing."""
_HALF_GREY = 128


_APART = np.array([[1], [0], [1]], np.uint8)
_RUN = np.ones((3, 1), np.uint8)


def edge_jitter(ink: Bitmap, vertical: bool = True) -> tuple[int, int]:
    """Bumps and notches one pixel long on the straight vertical edges of `ink` (255 ink,
    0 paper), or horizontal ones: a pixel unlike those above and below it, where the
    column on one side of it is ink for the three rows and on the other side paper. With
    the count of such places on straight edges (whatever the pixel)."""
    apart, run = (_APART, _RUN) if vertical else (_APART.T, _RUN.T)
    both_ink = cv2.erode(ink, apart, borderType=cv2.BORDER_REPLICATE)
    both_paper = cv2.bitwise_not(cv2.dilate(ink, apart, borderType=cv2.BORDER_REPLICATE))
    unlike = cv2.bitwise_or(cv2.bitwise_and(ink, both_paper),
                            cv2.bitwise_and(cv2.bitwise_not(ink), both_ink))
    solid = cv2.erode(ink, run, borderType=cv2.BORDER_REPLICATE)
    blank = cv2.bitwise_not(cv2.dilate(ink, run, borderType=cv2.BORDER_REPLICATE))
    every = slice(None)
    before, after, middle = ((every, slice(None, -2)), (every, slice(2, None)),
                             (every, slice(1, -1)))
    if not vertical:
        before, after, middle = before[::-1], after[::-1], middle[::-1]
    straight = cv2.bitwise_or(cv2.bitwise_and(solid[before], blank[after]),
                              cv2.bitwise_and(solid[after], blank[before]))
    jitter = cv2.bitwise_and(straight, unlike[middle])
    return cv2.countNonZero(jitter), cv2.countNonZero(straight)


def dither_share(gray: Bitmap) -> float:
    """The share of places on straight edges, vertical and horizontal, that hold a bump or
    a notch one pixel long, in bands of the page (0.0 where it has too few edges to tell)."""
    height = gray.shape[0]
    jitter = edges = 0
    for top in range(0, max(height - BAND, 1), EVERY):
        ink: Bitmap = cv2.threshold(gray[top:top + BAND], _HALF_GREY - 1, 255,
                                    cv2.THRESH_BINARY_INV)[1].astype(np.uint8)
        for vertical in (True, False):
            found, of = edge_jitter(ink, vertical)
            jitter, edges = jitter + found, edges + of
    return jitter / edges if edges >= MIN_EDGES else 0.0


def is_dithered(gray: Bitmap) -> bool:
    """Whether a bilevel page's stroke edges are dithered (`DITHERED`)."""
    return dither_share(gray) > DITHERED


def undithered(gray: Bitmap) -> Bitmap:
    """The page softened (`SOFTEN`) and thresholded again (`SOFT_INK`)."""
    soft = cv2.GaussianBlur(gray, (0, 0), SOFTEN)
    return cv2.threshold(soft, SOFT_INK - 1, 255, cv2.THRESH_BINARY)[1].astype(np.uint8)
