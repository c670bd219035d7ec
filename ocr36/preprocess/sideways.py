"""Whether the print of a page judged to lie on its side runs up the page: told on its
glyph-sized ink alone.

The skew search calls a page turned when its ink's profile is sharper up the page than across
it. That holds for lines of text, but not only for them: the long strokes of a drawing sheet
run whichever way its drawing does, and a narrow column of text is sharper up the page than
its lines are across it when the column is narrower than its lines are tall together (a
claims page of two narrow columns whose lines do not align). Either page, upright, cost
Tesseract's orientation check (0.6 to 1.0 s). Its glyph-sized ink (the drawing's strokes
and the specks left out) tells them apart: across lines of print, rows of ink stand apart
from each other (the profile is sharp against itself smoothed over a line's height), and
along them they do not, however narrow the column; where that does not tell (a drawing's
few labels, a nearly empty page), words and labels are wider than tall, so that their ink
is sharper per point along the way they run.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr36.components import labelled
from ocr36.model import Bitmap
from ocr36.orientation import ANY_INK, GLYPH_HEIGHT, READING_SCALE
from ocr36.preprocess.threshold import INK

FLAT = 1.2
"""A profile less sharp than this against itself smoothed shows no rows of print: along
lines of text (1.04 to 1.14 on seeded and rendered pages); across them 1.6 to 2.3, and 1.33
where two narrow columns' lines fall between each other's."""
NEARLY_EVEN = 0.85
"""Where neither way is flat against the other (a drawing sheet's labels, a nearly empty
page's few lines), the glyph ink runs up the page when it is at least this share as sharp
per point up it as across: 0.97 to 13 on seeded pages really on their side, at most 0.73
on upright drawing sheets judged turned."""
LINE_WINDOW = 16
"""Pixels at half size a profile is smoothed over to see rows stand apart: about a line of
print at 300 dpi."""
_FEWEST = 50
"""Fewer glyph-ink pixels than this tell nothing: the skew search's judgement stands."""


def glyph_ink(binary: Bitmap) -> Bitmap:
    """The ink of the page at half size in its glyph-sized components (those
    `ocr36.orientation` reads as print), as a 0/1 mask."""
    small = cv2.resize(binary, None, fx=READING_SCALE, fy=READING_SCALE,
                       interpolation=cv2.INTER_AREA)
    _, labels, stats = labelled((small < ANY_INK).astype(np.uint8))
    longest = stats[:, [cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT]].max(axis=1)
    low, high = GLYPH_HEIGHT
    glyph = (longest >= low) & (longest <= high)
    glyph[0] = False
    kept: Bitmap = (glyph[labels] & (small < INK)).astype(np.uint8)
    return kept


def _profile(ys: np.ndarray, xs: np.ndarray, angle: float) -> np.ndarray:
    """Ink points per row when the page is turned by `angle` degrees (clockwise positive,
    as the skew search measures)."""
    radians = np.deg2rad(angle)
    rows = ys * np.cos(radians) + xs * np.sin(radians)
    counts: np.ndarray = np.bincount(np.round(rows - rows.min()).astype(np.int64))
    return counts.astype(np.float64)


def _contrast(profile: np.ndarray) -> float:
    """How sharp a profile is against itself smoothed over a line's height: about 1 where
    nothing stands apart, near 2 on lines of text."""
    smooth = np.convolve(profile, np.ones(LINE_WINDOW) / LINE_WINDOW, mode="same")
    return float(np.dot(profile, profile) / max(float(np.dot(smooth, smooth)), 1e-9))


def print_runs_up(binary: Bitmap, skew: float) -> bool:
    """Whether the glyph-sized ink of a page the skew search judged to lie on its side,
    levelled by `skew` degrees (the estimate's angle), runs up the page."""
    mask = glyph_ink(binary)
    ys, xs = np.nonzero(mask)
    if ys.size < _FEWEST:
        return True
    height, width = mask.shape
    ys_f, xs_f = ys.astype(np.float64), xs.astype(np.float64)
    across = _profile(ys_f, xs_f - width / 2, -skew)
    up = _profile(xs_f, (height - 1 - ys_f) - height / 2, -skew)  # the page turned clockwise
    rows_across, rows_up = _contrast(across), _contrast(up)
    if (rows_up < FLAT) != (rows_across < FLAT):  # lines of text run the way that is flat
        return rows_across < FLAT
    return float(np.dot(up, up)) >= NEARLY_EVEN * float(np.dot(across, across))
