"""Skew by the projection profile: the angle at which the rows of ink are sharpest, across the
page or, on a page lying on its side, up it; and the rotation that levels the page."""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from ocr36.model import Bitmap
from ocr36.orientation import quarter_turn
from ocr36.preprocess.sideways import print_runs_up
from ocr36.preprocess.threshold import INK

_SKEW_POINTS = 250_000
"""Ink pixels sampled for a skew measurement: enough for a sharp profile, and bounded time."""
_HALF_ROW_DEGREES = 0.05
_HALF_SIZE_INK = 2000
"""Ink pixels a page needs at half size for its skew to be measured there."""
_ROUNDING = 2.0**52
_ROUNDING_BITS = int(np.array(_ROUNDING).view(np.int64))
_ROUGH_STRIDE = 8
"""A rough profile is that of every 8th ink point: an eighth of the cost, and the same
sharpest angles where the page has lines of text."""
_ROUGH_POINTS = 16_000
"""Fewer ink points than this are measured at every angle without a rough look first."""
_ROUGH_MARGIN = 0.2
"""The coarse angles measured in full: those whose rough profile is within a fifth of the
sharpest rough one..."""
_ROUGH_CANDIDATES = 12
"""...unless there are more than this many (a flat profile: a drawing, a page of little
text), when every coarse angle is."""
_UPWARD_HOPELESS = 0.6
"""Lines up the page are not measured in full when the sharpness their rough profiles
foretell is below this share of that foretold across the page: to win they must be 1.2
times as sharp. (On the 135 pages of EP1599469B1 and of four layouts, clean and scanned,
the sharpness measured in full was at most 1.7 times that foretold, up the page against
across it; on three pages in four the lines up the page are not measured.)"""


@dataclass(frozen=True)
class SkewEstimate:
    angle: float
    """Degrees to rotate the page by (counter-clockwise positive) to make text level."""
    gain: float
    """How much sharper the row profile is at `angle` than without rotation (1.0 = not at all)."""
    sure: bool
    peak: float = 0.0
    """Sharpness of the profile at `angle`, per ink pixel: higher where lines run this way."""


def _ink_points(image: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    at = np.flatnonzero(image < INK)
    if at.size > limit:  # the pixels picked first, and only theirs told as rows and columns
        at = at[_picked(at.size, limit)]
    return _sampled(*np.divmod(at, image.shape[1]), image.shape[1], limit)


def _ink_at(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows and columns of the ink pixels, in the order of `np.nonzero` (found on the
    flat page: a quarter of the cost)."""
    return np.divmod(np.flatnonzero(image < INK), image.shape[1])


def _sampled(ys: np.ndarray, xs: np.ndarray, width: int,
             limit: int) -> tuple[np.ndarray, np.ndarray]:
    """The ink pixels at rows `ys` and columns `xs` of a page `width` wide as points about
    its middle column: `limit` of them at most, picked the same way every time."""
    if ys.size > limit:
        pick = _picked(ys.size, limit)
        ys, xs = ys[pick], xs[pick]
    return ys.astype(np.float64), xs.astype(np.float64) - width / 2


def _picked(count: int, limit: int) -> np.ndarray:
    """`limit` of `count` points, picked the same way every time."""
    pick: np.ndarray = np.random.default_rng(0).choice(count, limit, replace=False)
    return pick


def _turned_points(ys: np.ndarray, xs: np.ndarray,
                   height: int) -> tuple[np.ndarray, np.ndarray]:
    """The ink pixels at rows `ys` and columns `xs` of a page `height` high, as the points
    `_ink_points` finds on the page turned a quarter clockwise (all of them: the caller
    has fewer than it samples). The profile of a set of points does not depend on their
    order, so the turned page itself is not needed."""
    return xs.astype(np.float64), (height - 1 - ys).astype(np.float64) - height / 2


def _sharpness(ys: np.ndarray, xs: np.ndarray, angle: float,
               work: tuple[np.ndarray, np.ndarray] | None = None) -> float:
    """How sharp the row profile of the ink is when the page is turned by `angle` degrees.

    `work`: two arrays the size of `ys` to compute in (the same sums, without allocating
    a page's worth of numbers for every angle tried)."""
    rows, across = work if work is not None else (np.empty_like(ys), np.empty_like(ys))
    radians = np.deg2rad(angle)
    np.multiply(ys, np.cos(radians), out=rows)
    np.multiply(xs, np.sin(radians), out=across)
    np.add(rows, across, out=rows)
    np.subtract(rows, rows.min(), out=rows)
    # Rounded as np.round does (to the nearest integer, ties to even) by adding 2**52, where
    # a double's last bit is 1: the row numbers (far below 2**51) are then the low bits.
    np.add(rows, _ROUNDING, out=rows)
    bins = rows.view(np.int64)
    np.subtract(bins, _ROUNDING_BITS, out=bins)
    counts = np.bincount(bins)
    return float(np.dot(counts, counts))


def _best(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    work = (np.empty_like(ys), np.empty_like(ys))
    scores = [_sharpness(ys, xs, angle, work) for angle in angles]
    index = int(np.argmax(scores))
    return float(angles[index]), scores[index]


Points = tuple[np.ndarray, np.ndarray]
"""Ink pixels as rows and columns about the page's middle column (`_sampled`)."""


def estimate_skew(binary: Bitmap, max_skew: float, half: Bitmap | None = None) -> SkewEstimate:
    """Angle that makes text rows sharpest in the horizontal projection profile.

    Measured at half resolution, or at full resolution on a nearly empty page (a heading and
    a page number) so that its few lines still tell the angle. `half`: the page at half size,
    when the caller has it already.
    """
    points = _skew_points(binary, half)
    if points is None:
        return SkewEstimate(0.0, 1.0, sure=False)
    return _estimate_from(*points, max_skew)


def _skew_points(binary: Bitmap, half: Bitmap | None = None) -> Points | None:
    """The ink points `estimate_skew` measures: at half size, or at full size on a nearly
    empty page; None on a page too empty to measure."""
    small = _half(binary) if half is None else half
    if np.count_nonzero(small < INK) < _HALF_SIZE_INK:
        small = binary
        if np.count_nonzero(small < INK) < 1500:
            return None
    return _ink_points(small, _SKEW_POINTS)


def _half(binary: Bitmap) -> Bitmap:
    return cv2.resize(binary, None, fx=0.5, fy=0.5,
                      interpolation=cv2.INTER_AREA).astype(np.uint8, copy=False)


def _coarse_angles(max_skew: float) -> np.ndarray:
    return np.arange(-max_skew, max_skew + 1e-9, 0.25)


def _rough(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> np.ndarray | None:
    """The sharpness at each of `angles` of every `_ROUGH_STRIDE`th point, or None when there
    are too few points for a rough look to tell."""
    if ys.size < _ROUGH_POINTS:
        return None
    some_ys, some_xs = ys[::_ROUGH_STRIDE].copy(), xs[::_ROUGH_STRIDE].copy()  # contiguous
    work = (np.empty_like(some_ys), np.empty_like(some_ys))
    return np.array([_sharpness(some_ys, some_xs, angle, work) for angle in angles])


def _estimate_from(ys: np.ndarray, xs: np.ndarray, max_skew: float,
                   rough: np.ndarray | None = None) -> SkewEstimate:
    """The estimate from ink points: the sharpest of the coarse angles (those the rough
    profiles, `rough` or found here, leave in the running), then the sharpest within 0.3
    degree of it at a finer step."""
    coarse = _coarse_angles(max_skew)
    if rough is None:
        rough = _rough(ys, xs, coarse)
    running = np.arange(coarse.size)
    if rough is not None:
        near = np.flatnonzero(rough >= (1 - _ROUGH_MARGIN) * rough.max())
        running = near if near.size <= _ROUGH_CANDIDATES else running
    best, _ = _best(ys, xs, coarse[running])
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
    half = _half(binary)
    ys, xs = _ink_at(half)  # found once for both ways
    across_points = (_sampled(ys, xs, half.shape[1], _SKEW_POINTS)
                     if ys.size >= _HALF_SIZE_INK else _skew_points(binary, half))
    if binary.shape[0] % 2 == 0 and binary.shape[1] % 2 == 0 and ys.size >= _HALF_SIZE_INK:
        # halving a page of even sides and turning it commute, pixel for pixel: the turned
        # page at half size is the page at half size turned
        upward_points: Points | None = (
            _turned_points(ys, xs, half.shape[0]) if ys.size <= _SKEW_POINTS
            else _ink_points(quarter_turn(half, 90), _SKEW_POINTS))
    else:
        upward_points = _skew_points(quarter_turn(binary, 90))
    if across_points is None or upward_points is None:
        across = estimate_skew(binary, max_skew, half)
        upward = estimate_skew(quarter_turn(binary, 90), max_skew)
        return _either_way(binary, across, upward)
    coarse = _coarse_angles(max_skew)
    across_rough, upward_rough = _rough(*across_points, coarse), _rough(*upward_points, coarse)
    across = _estimate_from(*across_points, max_skew, across_rough)
    if (across_rough is not None and upward_rough is not None
            and _per_point(upward_rough, upward_points[0].size)
            < _UPWARD_HOPELESS * _per_point(across_rough, across_points[0].size)):
        return refine_skew(binary, across), False
    return _either_way(binary, across, _estimate_from(*upward_points, max_skew, upward_rough))


def _per_point(rough: np.ndarray, count: int) -> float:
    """The sharpest of `rough` profiles of `count` points as the sharpness per point of the
    whole profile: a profile of a share p of the points holds p**2 of the whole's sum of
    squared counts, and p (1 - p) of the count of points besides."""
    share = 1 / _ROUGH_STRIDE
    measured = -(-count // _ROUGH_STRIDE)
    return float(rough.max() - measured * (1 - share)) / share**2 / count


def _either_way(binary: Bitmap, across: SkewEstimate,
                upward: SkewEstimate) -> tuple[SkewEstimate, bool]:
    """Lines up the page win when their profile is clearly the sharper and the page's
    glyph-sized ink runs up it too (a drawing's strokes or a narrow column of text can make
    the profile up an upright page the sharper: `sideways`)."""
    if (upward.sure and upward.peak > 1.2 * across.peak
            and print_runs_up(binary, upward.angle)):
        return refine_skew(quarter_turn(binary, 90), upward), True
    return refine_skew(binary, across), False


def rotate(gray: Bitmap, angle: float) -> Bitmap:
    """Rotate about the centre by `angle` degrees (counter-clockwise), white fill, same size."""
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255).astype(np.uint8)
