"""Columns: the gutter between two columns, gutter line numbers, and the page's zones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ocr36.layout.geometry import Scale
from ocr36.model import Box
from ocr36.profile import LayoutParameters


@dataclass(frozen=True)
class ColumnSplit:
    x: int
    """Where column 0 ends and column 1 begins."""
    gap_left: int
    gap_right: int
    """The empty stretch between the columns (gutter line numbers stand in it)."""


def find_column_split(boxes: list[Box], width: int, settings: LayoutParameters,
                      scale: Scale) -> ColumnSplit | None:
    """The gutter between two columns, or None for a single column.

    Only lines narrower than about half the text width vote: lines across the whole page
    (titles, notes, single-column text) say nothing about a gutter.
    """
    if not boxes:
        return None
    body_left = min(b.left for b in boxes)
    body_right = max(b.right for b in boxes)
    body = body_right - body_left
    narrow = [b for b in boxes if body * settings.column_line_min_share < b.width <
              body * settings.column_line_max_share]
    if len(narrow) < settings.column_min_lines:
        return None
    coverage = np.zeros(width, dtype=np.int32)
    for box in narrow:
        coverage[box.left : box.right] += 1
    low = body_left + int(body * settings.gutter_search_from_share)
    high = body_left + int(body * settings.gutter_search_to_share)
    valley = int(np.argmin(coverage[low:high])) + low
    left_lines = sum(1 for b in narrow if b.right <= valley)
    right_lines = _aligned((b.left for b in narrow if b.left >= valley),
                           round(scale.mm(settings.column_edge_mm)))
    crossing = int(coverage[valley])
    fewer = min(left_lines, right_lines)
    if fewer < settings.column_min_side_lines or \
            crossing > max(1, fewer // settings.gutter_lines_per_crossing):
        return None
    # The gutter: where neither column's lines nor small items (INID codes, bullets) stand.
    touched = np.zeros(width, dtype=bool)
    for box in boxes:
        crosses = box.left < valley < box.right
        if not crosses or box.width <= body * settings.gutter_item_max_share:
            touched[box.left : box.right] = True
    body_span = (body_left, body_right)
    if touched[valley]:
        return _gap_beside(touched, valley, body_span, settings, scale)
    gap_left = valley
    while gap_left > body_left and not touched[gap_left - 1]:
        gap_left -= 1
    gap_right = valley
    while gap_right < body_right and not touched[gap_right + 1]:
        gap_right += 1
    if gap_right - gap_left < scale.mm(settings.gutter_min_mm):
        return None
    return ColumnSplit((gap_left + gap_right) // 2, gap_left, gap_right)


def _aligned(lefts: Iterable[int], tolerance: int) -> int:
    """How many lines start near one left edge (a column has one; indents are allowed)."""
    edges = sorted(lefts)
    best = 0
    for i, edge in enumerate(edges):
        best = max(best, sum(1 for other in edges[i:] if other - edge <= tolerance))
    return best


def _gap_beside(touched: np.ndarray, valley: int, body_span: tuple[int, int],
                settings: LayoutParameters, scale: Scale) -> ColumnSplit | None:
    """A small item stands on the valley: take the nearest empty stretch wide enough."""
    body_left, body_right = body_span
    reach = int(scale.mm(settings.gutter_reach_mm))
    least = scale.mm(settings.gutter_min_mm)
    best: tuple[int, int] | None = None
    x = max(valley - reach, body_left)
    while x <= min(valley + reach, body_right):
        if touched[x]:
            x += 1
            continue
        start = x
        while x <= body_right and not touched[x]:
            x += 1
        if x - start >= least and (best is None or
                                   abs(start - valley) < abs(best[0] - valley)):
            best = (start, x - 1)
    if best is None:
        return None
    return ColumnSplit((best[0] + best[1]) // 2, best[0], best[1])


def is_gutter_number(box: Box, split: ColumnSplit, settings: LayoutParameters,
                     scale: Scale) -> bool:
    slack = scale.mm(settings.gutter_number_slack_mm)
    return box.left >= split.gap_left - slack and box.right <= split.gap_right + slack and \
        box.height < scale.lines(settings.gutter_number_max_lines)


def zones(boxes: list[Box], rules: list[Box], body_width: int,
          settings: LayoutParameters, scale: Scale) -> list[int]:
    """Tops of horizontal zones: cut at full-width rules and at wide empty stretches."""
    cuts = {r.top for r in rules if r.width > body_width * settings.zone_rule_min_share and
            r.height < scale.lines(settings.zone_rule_max_lines)}
    ordered = sorted(boxes, key=lambda b: b.top)
    bottom = None
    gap = scale.lines(settings.zone_gap_lines)
    for box in ordered:
        if bottom is not None and box.top - bottom > gap:
            cuts.add((box.top + bottom) // 2)
        bottom = box.bottom if bottom is None else max(bottom, box.bottom)
    return sorted(cuts)


def column_runs_on(cuts: list[int], body: tuple[list[Box], list[Box]], page: Box,
                   settings: LayoutParameters, scale: Scale) -> list[int]:
    """Cuts without those that only part a column from its own continuation.

    `body` is the page's text boxes and image boxes. When one column of a two-column zone
    ends early, the other runs on below a stretch that is empty across the page; what
    follows in that column alone is still that column (a "Claims" heading and claim 1 at the
    foot of the left column come before the right column), not a zone of its own below both.
    """
    text_boxes, image_boxes = body
    kept: list[int] = []
    split: ColumnSplit | None = None
    for top, bottom in zip([0, *cuts], [*cuts, page.height], strict=True):
        zone_text = [b for b in text_boxes if top <= b.center_y < bottom]
        zone = [*zone_text, *(b for b in image_boxes if top <= b.center_y < bottom)]
        own = find_column_split(zone_text, page.width, settings, scale)
        if split is not None and own is None and zone and top > 0 and \
                _in_one_column(zone, split, settings, scale):
            continue  # the cut at `top` goes: this zone runs on in the column above
        if top > 0:
            kept.append(top)
        split = own
    return kept


def _in_one_column(boxes: list[Box], split: ColumnSplit, settings: LayoutParameters,
                   scale: Scale) -> bool:
    """Whether the boxes (gutter line numbers aside) all stand on one side of the split."""
    sides = {0 if box.right <= split.x else 1 if box.left >= split.x else -1
             for box in boxes if not is_gutter_number(box, split, settings, scale)}
    return len(sides) == 1 and -1 not in sides
