"""Ink: the rules (long straight lines) apart from the print, the print in line blobs, and
the page's line height."""

from __future__ import annotations

import cv2
import numpy as np

from ocr36.components import boxes_in_scan_order, ink_mask, labelled_areas
from ocr36.layout.geometry import Scale, clamp, merged
from ocr36.model import Box
from ocr36.profile import LayoutParameters

_THICKEN = 3
"""A thin rule on a scan, levelled again, steps from one pixel row to the next and has
notches: thickened across its length by a pixel each way it is one run again."""


def find_rules(binary: np.ndarray, settings: LayoutParameters,
               scale: Scale) -> tuple[list[Box], np.ndarray]:
    """Long straight lines (separators, frames): their boxes, and the ink without them."""
    ink = ink_mask(binary)
    length = round(scale.mm(settings.rule_min_length_mm))
    horizontal = long_runs(cv2.dilate(ink, np.ones((_THICKEN, 1), np.uint8)), length, across=True)
    vertical = long_runs(cv2.dilate(ink, np.ones((1, _THICKEN), np.uint8)), length, across=False)
    boxes: list[Box] = []
    for mask in (horizontal, vertical):  # apart, so that a frame gives thin boxes, not one
        left, top, width, height = cv2.boundingRect(mask)  # most pages have few rules, or none
        if not width:
            continue
        runs = boxes_in_scan_order(mask[top : top + height, left : left + width], 0)
        boxes.extend(clamp(Box(left + x - 1, top + y - 1, w + 2, h + 2), binary.shape)
                     for x, y, w, h in runs)
    if not boxes:
        return boxes, ink
    lines = cv2.dilate(np.maximum(horizontal, vertical), np.ones((3, 3), np.uint8))
    rest = ink & (1 - lines)
    reach = round(scale.mm(settings.rule_leftover_reach_mm))
    speck = (round(scale.mm2(settings.rule_speck_max_mm2)),
             2 * round(scale.mm(settings.rule_cling_mm)) + 1)
    # only the neighbourhoods of the rules are labelled (a header rule and a footer rule are
    # two small windows, not the page between them)
    grown = [clamp(Box(b.left - reach, b.top - reach, b.width + 2 * reach,
                       b.height + 2 * reach), binary.shape) for b in boxes]
    for window_box in merged(grown, 0):
        window = (slice(window_box.top, window_box.bottom),
                  slice(window_box.left, window_box.right))
        _drop_rule_leftovers(rest[window], (horizontal[window], vertical[window]),
                             lines[window], reach, speck)
    return boxes, rest


def long_runs(mask: np.ndarray, length: int, across: bool) -> np.ndarray:
    """A 0/1 mask opened with a line `length` pixels long across the page (or down it): the
    runs of ink at least that long. The opening is worked out only on the rows (columns)
    that can hold such a run, those with a whole aligned block of half its length or with
    ink on the page's edge (a run the edge cuts is kept shorter): the same mask, at a
    small part of the cost on a page with few rules."""
    block = (length + 1) // 2  # a run `length` long holds an aligned block this long
    height, width = mask.shape
    opened = np.zeros_like(mask)
    if across:
        whole = mask[:, : width - width % block].reshape(height, -1, block).min(axis=2)
        rows = np.flatnonzero(whole.any(axis=1) | (mask[:, 0] > 0) | (mask[:, -1] > 0))
        if rows.size:
            opened[rows] = cv2.morphologyEx(mask[rows], cv2.MORPH_OPEN,
                                            np.ones((1, length), np.uint8))
        return opened
    whole = mask[: height - height % block].reshape(-1, block, width).min(axis=1)
    columns = np.flatnonzero(whole.any(axis=0) | (mask[0] > 0) | (mask[-1] > 0))
    if columns.size:
        opened[:, columns] = cv2.morphologyEx(np.ascontiguousarray(mask[:, columns]),
                                              cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    return opened


def _drop_rule_leftovers(rest: np.ndarray, masks: tuple[np.ndarray, np.ndarray],
                         lines: np.ndarray, reach: int, speck: tuple[int, int]) -> None:
    """Clear from `rest` (a window round some rules) what a scan leaves of its rules: pieces
    of a broken rule too short to be found, in line with a rule found, and specks that clung
    to a rule (kept as marks of print while the rule stood beside them). What the window's
    edge cuts may go on outside it: it stays. `speck` is the largest speck's area and the
    width of the stroke round a rule it must touch."""
    horizontal, vertical = masks
    area, cling = speck
    # each rule drawn on along its own direction, a stroke wider than the rule itself
    along = np.maximum(
        cv2.dilate(horizontal, np.ones((3, 2 * reach + 1), np.uint8)),
        cv2.dilate(vertical, np.ones((2 * reach + 1, 3), np.uint8)))
    beside = cv2.dilate(lines, np.ones((cling, cling), np.uint8))
    count, labels, areas = labelled_areas(rest)
    if count <= 1:
        return
    outside = np.bincount(labels[along == 0].ravel(), minlength=count)
    touching = np.bincount(labels[beside > 0].ravel(), minlength=count)
    edge = np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])
    drop = (outside == 0) | ((areas <= area) & (touching > 0))
    drop[0] = False
    drop[edge] = False
    rest[drop[labels]] = 0


def line_blobs(ink: np.ndarray, settings: LayoutParameters, scale: Scale) -> list[Box]:
    """Ink smeared sideways so that each text line (or drawing) becomes one blob."""
    reach = round(scale.mm(settings.line_smear_mm))
    smeared = cv2.dilate(ink, np.ones((3, reach), np.uint8))
    least = scale.mm2(settings.blob_min_area_mm2)
    return [Box(*box) for box in boxes_in_scan_order(smeared, least)]


def typical_line_height(blobs: list[Box], settings: LayoutParameters, scale: Scale) -> int:
    """The median height of the blobs that look like lines of text."""
    wide = scale.mm(settings.line_min_width_mm)
    low, high = scale.mm(settings.line_min_height_mm), scale.mm(settings.line_max_height_mm)
    heights = [b.height for b in blobs if b.width > wide and low < b.height < high]
    if heights:
        return int(np.median(heights))
    return round(scale.mm(settings.fallback_line_height_mm))


def is_thin_line(box: Box, settings: LayoutParameters, scale: Scale) -> bool:
    """A blob low and wide enough to be a drawn line rather than print."""
    height = max(round(scale.mm(settings.thin_line_min_height_mm)),
                 scale.whole_lines(settings.thin_line_max_lines))
    return box.height <= height and box.width > scale.mm(settings.thin_line_min_width_mm)
