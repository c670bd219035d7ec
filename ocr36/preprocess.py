"""Preprocess with OpenCV: resolution, borders, binarisation, specks, orientation, deskew."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ocr36.model import Bitmap, CleanPage, SourcePage
from ocr36.ocr.engine import Engine
from ocr36.profile import Preprocess

WORKING_DPI = 300
_INK = 128


@dataclass(frozen=True)
class SkewEstimate:
    angle: float
    """Degrees to rotate the page by (counter-clockwise positive) to make text level."""
    gain: float
    """How much sharper the row profile is at `angle` than without rotation (1.0 = not at all)."""
    sure: bool


def to_working_resolution(gray: Bitmap, dpi: int) -> tuple[Bitmap, float]:
    """Scale a page to 300 dpi, the resolution Tesseract and ST.36 images are tuned for."""
    if dpi == WORKING_DPI:
        return gray, 1.0
    scale = WORKING_DPI / dpi
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    scaled = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=interpolation)
    return scaled.astype(np.uint8), scale


def remove_dark_borders(gray: Bitmap, max_fraction: float = 0.12) -> Bitmap:
    """Whiten the dark strips a scanner leaves along page edges."""
    page = gray.copy()
    dark = page < _INK
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


def remove_edge_blobs(binary: Bitmap) -> Bitmap:
    """Whiten ink that touches the page edge and runs along it (scanner borders, shadows).

    Publications keep a white margin, so what touches the edge is not print; a dark strip
    left by a skewed scan is long along its edge or solid.
    """
    height, width = binary.shape
    ink = (binary == 0).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    cleaned = binary.copy()
    for label in range(1, count):
        left, top, w, h, area = (int(v) for v in stats[label])
        near = round(min(height, width) * 0.03)
        touches = left <= near or top <= near or left + w >= width - near or \
            top + h >= height - near
        if not touches:
            continue
        along = (h > height * 0.1 and w < width * 0.1) or (w > width * 0.1 and h < height * 0.1)
        solid = area > 0.4 * w * h and area > 400
        if along or solid:
            cleaned[labels == label] = 255
    return cleaned


def binarize(gray: Bitmap, method: str) -> Bitmap:
    """0/255 page: Otsu's global threshold, or Sauvola's local one for uneven scans."""
    if method == "sauvola":
        return _sauvola(gray)
    if np.unique(gray).size <= 2:
        return np.where(gray >= _INK, 255, 0).astype(np.uint8)
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary.astype(np.uint8)


def _sauvola(gray: Bitmap, window: int = 41, k: float = 0.2,
             dynamic_range: float = 128.0) -> Bitmap:
    image = gray.astype(np.float32)
    mean = cv2.boxFilter(image, -1, (window, window), borderType=cv2.BORDER_REPLICATE)
    mean_sq = cv2.boxFilter(image * image, -1, (window, window), borderType=cv2.BORDER_REPLICATE)
    std = np.sqrt(np.maximum(mean_sq - mean * mean, 0))
    threshold = mean * (1 + k * (std / dynamic_range - 1))
    return np.where(image > threshold, 255, 0).astype(np.uint8)


def remove_specks(binary: Bitmap, max_px: int) -> Bitmap:
    """Drop isolated ink specks of at most `max_px` pixels that have no ink near them."""
    ink = (binary == 0).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
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


def estimate_skew(binary: Bitmap, max_skew: float) -> SkewEstimate:
    """Angle that makes text rows sharpest in the horizontal projection profile."""
    small = cv2.resize(binary, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(small < _INK)
    if ys.size < 2000:
        return SkewEstimate(0.0, 1.0, sure=False)
    if ys.size > 250_000:
        pick = np.random.default_rng(0).choice(ys.size, 250_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs_f = xs.astype(np.float64) - small.shape[1] / 2
    ys_f = ys.astype(np.float64)

    def sharpness(angle: float) -> float:
        radians = np.deg2rad(angle)
        rows = ys_f * np.cos(radians) + xs_f * np.sin(radians)
        counts = np.bincount(np.round(rows - rows.min()).astype(np.int64))
        return float(np.dot(counts, counts))

    coarse = np.arange(-max_skew, max_skew + 1e-9, 0.25)
    scores = [sharpness(a) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.3, best + 0.3 + 1e-9, 0.02)
    fine_scores = [sharpness(a) for a in fine]
    best = float(fine[int(np.argmax(fine_scores))])
    gain = max(fine_scores) / max(sharpness(0.0), 1.0)
    at_limit = abs(best) > max_skew - 0.25
    return SkewEstimate(angle=round(-best, 2), gain=gain, sure=gain > 1.02 and not at_limit)


def rotate(gray: Bitmap, angle: float) -> Bitmap:
    """Rotate about the centre by `angle` degrees (counter-clockwise), white fill, same size."""
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255).astype(np.uint8)


def quarter_turn(image: Bitmap, degrees_clockwise: int) -> Bitmap:
    turns = (degrees_clockwise // 90) % 4
    return np.ascontiguousarray(np.rot90(image, k=-turns)) if turns else image


def preprocess(page: SourcePage, settings: Preprocess, engine: Engine) -> CleanPage:
    """Make a page upright, level, clean and binary at 300 dpi."""
    warnings: list[str] = []
    if not page.dpi_from_file:
        warnings.append(f"no usable resolution in the file; {page.dpi} dpi assumed")
    gray, scale = to_working_resolution(page.image, page.dpi)
    if settings.remove_borders:
        gray = remove_dark_borders(gray)
    binary = binarize(gray, settings.binarize)

    rotation = 0
    if settings.orientation:
        found = engine.orientation(binary)
        if found is not None and found.rotate and found.confidence >= \
                settings.orientation_min_confidence:
            rotation = found.rotate
            gray, binary = quarter_turn(gray, rotation), quarter_turn(binary, rotation)
        elif found is not None and found.rotate:
            warnings.append(
                f"page may be turned {found.rotate} degrees (confidence {found.confidence:.1f}, "
                f"below {settings.orientation_min_confidence}); left as it is"
            )

    skew = 0.0
    if settings.deskew:
        estimate = estimate_skew(binary, settings.max_skew)
        if estimate.sure and abs(estimate.angle) >= 0.05:
            skew = estimate.angle
            gray = rotate(gray, skew)
            binary = binarize(gray, settings.binarize)
    if settings.remove_borders:
        binary = remove_edge_blobs(binary)
    if settings.denoise:
        binary = remove_specks(binary, settings.speck_max_px)
    return CleanPage(number=page.number, image=binary, gray=gray, dpi=WORKING_DPI, skew=skew,
                     rotation=rotation, scale=scale, warnings=tuple(warnings))
