"""Regions of a zone and their reading order: rows joined, lines grouped, columns in turn."""

from __future__ import annotations

import numpy as np

from ocr36.layout.columns import ColumnSplit, find_column_split, is_gutter_number
from ocr36.layout.geometry import Scale
from ocr36.model import Box, Reason, Region, RegionKind
from ocr36.profile import LayoutParameters

TEXT_LINES = Reason("lines-grouped", "layout.paragraph_gap_lines")
TALLER_THAN_LINES = Reason("taller-than-lines", "layout.min_image_lines")


def group_lines(lines: list[Box], settings: LayoutParameters, scale: Scale) -> list[Box]:
    """Consecutive lines of one column, without a wide gap between them, make a region."""
    gap = scale.lines(settings.paragraph_gap_lines)
    regions: list[Box] = []
    for box in sorted(lines, key=lambda b: (b.top, b.left)):
        if regions:
            last = regions[-1]
            if box.top - last.bottom < gap:
                regions[-1] = last.union(box)
                continue
        regions.append(box)
    return regions


def join_rows(boxes: list[Box], settings: LayoutParameters, scale: Scale,
              gutter: int | None = None) -> list[Box]:
    """Pieces of one printed line a little apart ('(54)' and its title) become one box.

    Pieces on either side of a column gutter stay apart. Each piece, from left to right,
    joins the first row begun that it overlaps enough and follows closely.
    """
    gap, high = scale.lines(settings.row_gap_lines), scale.lines(settings.row_max_lines)
    share = settings.row_overlap_share
    rows = np.zeros((len(boxes), 4), dtype=np.int64)
    """Each row as left, top, right, bottom; the first `count` are begun."""
    count = 0
    for box in sorted(boxes, key=lambda b: b.left):
        left, top, right, bottom = box.left, box.top, box.right, box.bottom
        joined = -1
        if box.height < high and count:
            begun = rows[:count]
            fits = (left - begun[:, 2] < gap) & \
                (np.minimum(begun[:, 3], bottom) - np.maximum(begun[:, 1], top)
                 >= share * np.minimum(begun[:, 3] - begun[:, 1], box.height))
            if gutter is not None:
                fits &= ~((begun[:, 2] <= gutter) & (gutter <= left))
            joined = int(np.argmax(fits)) if fits.any() else -1
        if joined >= 0:
            row = rows[joined]
            row[:] = (min(int(row[0]), left), min(int(row[1]), top), max(int(row[2]), right),
                      max(int(row[3]), bottom))
        else:
            rows[count] = (left, top, right, bottom)
            count += 1
    return [Box(int(left), int(top), int(right - left), int(bottom - top))
            for left, top, right, bottom in rows[:count].tolist()]


def reading_order(regions: list[Region], split: ColumnSplit | None,
                  right_to_left: bool = False) -> list[Region]:
    """Top to bottom; on two columns, each zone's left column, then its right (its right
    one first `right_to_left`), then what spans both."""
    if split is None:
        return sorted(regions, key=lambda r: (r.box.top, r.box.left))
    spanning = sorted((r for r in regions if r.column < 0), key=lambda r: r.box.top)
    spanning_tops = [r.box.top for r in spanning]

    def key(region: Region) -> tuple[int, int, int, int]:
        if region.column < 0:
            zone = spanning.index(region)
            return (zone, 1, 0, region.box.top)
        zone = sum(1 for top in spanning_tops if top < region.box.top)
        return (zone, 0, 1 - region.column if right_to_left else region.column,
                region.box.top)

    ordered = sorted(regions, key=key)
    return [Region(r.kind, r.box, max(r.column, 0), r.band, reason=r.reason) for r in ordered]


def _split(text_boxes: list[Box], width: int, settings: LayoutParameters,
           scale: Scale) -> ColumnSplit | None:
    if settings.columns not in ("2", "auto"):
        return None
    split = find_column_split(text_boxes, width, settings, scale)
    if split is None and settings.columns == "2" and \
            len(text_boxes) > settings.forced_split_min_lines:
        split = ColumnSplit(width // 2, width // 2, width // 2)
    return split


def zone_regions(body: tuple[list[Box], list[Box]], width: int, settings: LayoutParameters,
                 scale: Scale) -> tuple[list[Region], list[Box], ColumnSplit | None]:
    """Regions of one horizontal zone (its text and image boxes) in reading order, gutter
    numbers, and the column split."""
    text_boxes, image_boxes = body
    split = _split(text_boxes, width, settings, scale)
    gutter: list[Box] = []
    if split is not None and settings.drop_line_numbers:
        gutter = [b for b in text_boxes if is_gutter_number(b, split, settings, scale)]
        text_boxes = [b for b in text_boxes if b not in gutter]
    text_boxes = join_rows(text_boxes, settings, scale, split.x if split else None)
    slack = scale.mm(settings.column_slack_mm)

    def column_of(box: Box) -> int:
        if split is None:
            return 0
        if box.right <= split.x + slack:
            return 0
        if box.left >= split.x - slack:
            return 1
        return -1

    regions: list[Region] = []
    for column in (-1, 0, 1):
        column_lines = [b for b in text_boxes if column_of(b) == column]
        for box in group_lines(column_lines, settings, scale):
            regions.append(Region(RegionKind.TEXT, box, column, reason=TEXT_LINES))
    regions.extend(Region(RegionKind.IMAGE, box, column_of(box), reason=TALLER_THAN_LINES)
                   for box in image_boxes)
    return reading_order(regions, split, settings.right_to_left), gutter, split
