"""Gray pages to binary ones (Otsu, Sauvola, or Otsu on the paper's shade divided out), and the
ink components of a binary page."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ocr36.components import ink_mask, labelled
from ocr36.model import Bitmap

INK = 128
"""Gray levels below this are ink."""


def is_bilevel(gray: Bitmap) -> bool:
    """Whether the page holds two values at most (a bilevel scan read as gray): none
    between its darkest and its lightest (two passes, not a histogram)."""
    darkest, lightest, _, _ = cv2.minMaxLoc(gray)
    if lightest - darkest <= 1:
        return True
    return cv2.countNonZero(cv2.inRange(gray, darkest + 1, lightest - 1)) == 0


def binarize(gray: Bitmap, method: str, bilevel: bool | None = None) -> Bitmap:
    """0/255 page: Otsu's global threshold, Sauvola's local one for uneven scans, or `auto`:
    Otsu after the paper's own shade (lighting, yellowing, show-through) is divided out.
    `bilevel`: whether the page is bilevel, when the caller knows it already."""
    if method == "sauvola":
        return _sauvola(gray)
    if bilevel is None:
        bilevel = is_bilevel(gray)
    if method == "auto" and not bilevel:
        _, binary = cv2.threshold(flatten_background(gray), 0, 255,
                                  cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        return binary.astype(np.uint8)
    if bilevel:  # ink below INK: 255 above INK - 1
        return cv2.threshold(gray, INK - 1, 255, cv2.THRESH_BINARY)[1].astype(np.uint8)
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary.astype(np.uint8)


def flatten_background(gray: Bitmap) -> Bitmap:
    """Divide a gray page by its paper shade, estimated where there is no print.

    The shade is the page closed (dilated, then eroded) with a window wider than strokes, at a
    quarter of the size, smoothed: print vanishes from it, lighting and yellowing stay. The
    result is white paper (255) everywhere, with print as dark as it was against its paper.
    """
    height, width = gray.shape
    small = cv2.resize(gray, (max(width // 4, 1), max(height // 4, 1)),
                       interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    paper = cv2.GaussianBlur(paper, (0, 0), 6)
    paper = cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR)
    flat = gray.astype(np.float32) * 255.0 / np.maximum(paper.astype(np.float32), 1.0)
    return np.clip(flat, 0, 255).astype(np.uint8)


def _sauvola(gray: Bitmap, window: int = 41, k: float = 0.2,
             dynamic_range: float = 128.0) -> Bitmap:
    image = gray.astype(np.float32)
    mean = cv2.boxFilter(image, -1, (window, window), borderType=cv2.BORDER_REPLICATE)
    mean_sq = cv2.boxFilter(image * image, -1, (window, window), borderType=cv2.BORDER_REPLICATE)
    std = np.sqrt(np.maximum(mean_sq - mean * mean, 0))
    threshold = mean * (1 + k * (std / dynamic_range - 1))
    return np.where(image > threshold, 255, 0).astype(np.uint8)


@dataclass(frozen=True)
class Components:
    """The 8-connected ink components of a binary page: found once, used by several steps
    (none of which depends on the order they are numbered in)."""

    count: int
    labels: np.ndarray
    stats: np.ndarray


def ink_components(binary: Bitmap) -> Components:
    count, labels, stats = labelled(ink_mask(binary))
    return Components(count, labels, stats)
