"""Preprocess with OpenCV: resolution, borders, binarisation, specks, orientation, deskew."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from ocr36.model import Bitmap, CleanPage, SourcePage
from ocr36.ocr.engine import Engine
from ocr36.orientation import quarter_turn, turn_by_reading
from ocr36.profile import Preprocess

WORKING_DPI = 300
_INK = 128
_SKEW_POINTS = 250_000
"""Ink pixels sampled for a skew measurement: enough for a sharp profile, and bounded time."""
_HALF_ROW_DEGREES = 0.05
TEXT_HEIGHT = 22.0
"""Median character height (px) of body text at 300 dpi: Tesseract reads best about there."""
TEXT_HEIGHT_RANGE = (12.0, 40.0)
"""Outside this range the page's resolution tag is taken to be wrong and the page is scaled."""


@dataclass(frozen=True)
class SkewEstimate:
    angle: float
    """Degrees to rotate the page by (counter-clockwise positive) to make text level."""
    gain: float
    """How much sharper the row profile is at `angle` than without rotation (1.0 = not at all)."""
    sure: bool
    peak: float = 0.0
    """Sharpness of the profile at `angle`, per ink pixel: higher where lines run this way."""


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


@dataclass(frozen=True)
class Components:
    """The 8-connected ink components of a binary page: found once, used by several steps."""

    count: int
    labels: np.ndarray
    stats: np.ndarray


def ink_components(binary: Bitmap) -> Components:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (binary == 0).astype(np.uint8), connectivity=8)
    return Components(int(count), labels, stats)


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


def is_bilevel(gray: Bitmap) -> bool:
    """Whether the page holds two values at most (a bilevel scan read as gray)."""
    low, high = int(gray.min()), int(gray.max())
    return not bool(np.any((gray != low) & (gray != high)))


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


def binarize(gray: Bitmap, method: str) -> Bitmap:
    """0/255 page: Otsu's global threshold, Sauvola's local one for uneven scans, or `auto`:
    Otsu after the paper's own shade (lighting, yellowing, show-through) is divided out."""
    if method == "sauvola":
        return _sauvola(gray)
    bilevel = is_bilevel(gray)
    if method == "auto" and not bilevel:
        _, binary = cv2.threshold(flatten_background(gray), 0, 255,
                                  cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        return binary.astype(np.uint8)
    if bilevel:
        return np.where(gray >= _INK, 255, 0).astype(np.uint8)
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


def _ink_points(image: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.nonzero(image < _INK)
    if ys.size > limit:
        pick = np.random.default_rng(0).choice(ys.size, limit, replace=False)
        ys, xs = ys[pick], xs[pick]
    return ys.astype(np.float64), xs.astype(np.float64) - image.shape[1] / 2


def _sharpness(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    """How sharp the row profile of the ink is when the page is turned by `angle` degrees."""
    radians = np.deg2rad(angle)
    rows = ys * np.cos(radians) + xs * np.sin(radians)
    counts = np.bincount(np.round(rows - rows.min()).astype(np.int64))
    return float(np.dot(counts, counts))


def _best(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    scores = [_sharpness(ys, xs, angle) for angle in angles]
    index = int(np.argmax(scores))
    return float(angles[index]), scores[index]


def estimate_skew(binary: Bitmap, max_skew: float) -> SkewEstimate:
    """Angle that makes text rows sharpest in the horizontal projection profile.

    Measured at half resolution, or at full resolution on a nearly empty page (a heading and
    a page number) so that its few lines still tell the angle.
    """
    small = cv2.resize(binary, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    if np.count_nonzero(small < _INK) < 2000:
        small = binary
        if np.count_nonzero(small < _INK) < 1500:
            return SkewEstimate(0.0, 1.0, sure=False)
    ys, xs = _ink_points(small, _SKEW_POINTS)
    best, _ = _best(ys, xs, np.arange(-max_skew, max_skew + 1e-9, 0.25))
    best, peak = _best(ys, xs, np.arange(best - 0.3, best + 0.3 + 1e-9, 0.02))
    gain = peak / max(_sharpness(ys, xs, 0.0), 1.0)
    at_limit = abs(best) > max_skew - 0.25
    return SkewEstimate(angle=round(-best, 2), gain=gain, sure=gain > 1.02 and not at_limit,
                        peak=peak / ys.size)


def refine_skew(binary: Bitmap, estimate: SkewEstimate) -> SkewEstimate:
    """A sure estimate measured again at full resolution, within 0.15 degree of it.

    A row at half resolution is 2 px: across a page that is about 0.05 degree, and rows of
    text, many of them, are levelled finer than that at half resolution. The few long rules
    and box edges of a drawing sheet are not: where the full-resolution profile puts the
    angle more than 0.05 degree away, it is taken instead."""
    if not estimate.sure:
        return estimate
    ys, xs = _ink_points(binary, _SKEW_POINTS)
    around = -estimate.angle
    best, _ = _best(ys, xs, np.arange(around - 0.15, around + 0.15 + 1e-9, 0.01))
    if abs(best - around) <= _HALF_ROW_DEGREES:
        return estimate
    return replace(estimate, angle=round(-best, 2))


def estimate_level(binary: Bitmap, max_skew: float) -> tuple[SkewEstimate, bool]:
    """The skew of a page whose lines run across it or, on a page lying on its side, up it.

    Both ways are measured; lines up the page win only when their profile is clearly the
    sharper. The angle is the same rotation either way (quarter turns and skew commute).
    Returns the estimate and whether the lines run up the page.
    """
    across = estimate_skew(binary, max_skew)
    turned = quarter_turn(binary, 90)
    upward = estimate_skew(turned, max_skew)
    if upward.sure and upward.peak > 1.2 * across.peak:
        return refine_skew(turned, upward), True
    return refine_skew(binary, across), False


def rotate(gray: Bitmap, angle: float) -> Bitmap:
    """Rotate about the centre by `angle` degrees (counter-clockwise), white fill, same size."""
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255).astype(np.uint8)


_SCAN_DPIS = (100, 150, 200, 240, 300, 400, 600, 1200)


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


def _without(gray: Bitmap, binary: Bitmap, cleaned: Bitmap) -> tuple[Bitmap, Bitmap]:
    """Whiten in the gray page, with a small margin, the ink removed from the binary one."""
    removed = (cleaned != binary).astype(np.uint8)
    if not removed.any():
        return gray, binary
    grown = cv2.dilate(removed, np.ones((5, 5), np.uint8)) > 0
    return np.where(grown, 255, gray).astype(np.uint8), cleaned


def _clean_marks(binary: Bitmap, settings: Preprocess, speck_px: int,
                 components: Components | None = None) -> Bitmap:
    """The page without border remnants, punch holes and specks, as the profile asks."""
    if settings.remove_borders:
        binary = remove_punch_holes(remove_edge_blobs(binary, components=components),
                                    components=components)
    if settings.denoise:
        binary = remove_specks(binary, speck_px, components)
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
    binary = binarize(gray, settings.binarize)
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
            binary = binarize(gray, settings.binarize)

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
    """The page turned upright when Tesseract's OSD is sure that it is not or, where OSD is
    unsure, when the page clearly reads better turned (`ocr36.orientation`); a quarter turn
    keeps a clean page clean. `orientation_checked` is set either way."""
    found = engine.orientation(clean.image)
    # Lines that run up the page say it lies on its side: OSD need only tell which side.
    needed = settings.orientation_min_confidence
    if sideways and found is not None and found.rotate in (90, 270):
        needed = needed / 6
    if found is not None and found.confidence >= needed:
        turn = found.rotate
    else:
        turn = turn_by_reading(clean.image, engine, languages,
                               (90, 270) if sideways else (90, 180, 270),
                               leaning=found.rotate if found is not None else 0)
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
