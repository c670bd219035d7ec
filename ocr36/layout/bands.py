"""Bands the layout drops: running header, page number, margin line numbers, specks."""

from __future__ import annotations

import itertools

import numpy as np

from ocr36.layout.geometry import Scale, mm_to_px
from ocr36.model import Box, Reason
from ocr36.profile import LayoutParameters

RUNNING_HEADER = Reason("within-header-band", "layout.drop_running_header")
PAGE_NUMBER = Reason("within-footer-band", "layout.drop_page_numbers")
LEFT_MARGIN = Reason("left-of-margin", "layout.left_margin_mm")
RIGHT_MARGIN = Reason("right-of-margin", "layout.right_margin_mm")
LINE_GRID = Reason("numbers-on-line-grid", "layout.drop_line_numbers")
GUTTER_NUMBERS = Reason("numbers-in-gutter", "layout.drop_line_numbers")
SPECK = Reason("speck-beside-text", "layout.speck_max_width_mm")
RULE = Reason("straight-line", "layout.rule_min_length_mm")
THIN_LINE = Reason("thin-line", "layout.thin_line_max_lines")


def band_of(box: Box, page: Box, settings: LayoutParameters, dpi: int,
            first_page: bool) -> tuple[str, Reason] | None:
    """The band a blob lies in by the profile's margins, and why; None for the body."""
    keep_header_footer = first_page and settings.front_page_keeps_header_footer
    if settings.drop_running_header and not keep_header_footer and \
            box.bottom <= mm_to_px(settings.header_mm, dpi):
        return "running-header", RUNNING_HEADER
    if settings.drop_page_numbers and not keep_header_footer and \
            box.top >= page.height - mm_to_px(settings.footer_mm, dpi):
        return "page-number", PAGE_NUMBER
    if settings.drop_line_numbers and settings.left_margin_mm and \
            box.right <= mm_to_px(settings.left_margin_mm, dpi):
        return "line-numbers", LEFT_MARGIN
    if settings.right_margin_mm and \
            box.left >= page.width - mm_to_px(settings.right_margin_mm, dpi):
        return "margin", RIGHT_MARGIN
    return None


def _body_lines(text_boxes: list[Box], settings: LayoutParameters, scale: Scale) -> list[Box]:
    wide = scale.mm(settings.body_line_min_width_mm)
    return [b for b in text_boxes if b.width >= wide]


def margin_numbers(text_boxes: list[Box], settings: LayoutParameters,
                   scale: Scale) -> list[Box]:
    """Line numbers (5, 10, 15 ...) in a margin or in the gutter, found without a profile.

    They are small boxes, at least three, one above another a few lines apart, wholly outside
    the edge where most text lines start (or end), or in the middle of a two-column page.
    """
    wide = _body_lines(text_boxes, settings, scale)
    if len(wide) < settings.body_min_lines:
        return []
    outliers = settings.body_edge_percentile
    body_left = float(np.percentile([b.left for b in wide], outliers))
    body_right = float(np.percentile([b.right for b in wide], 100 - outliers))
    narrow = scale.mm(settings.line_number_max_width_mm)
    low = scale.lines(settings.line_number_min_lines)
    high = scale.lines(settings.line_number_max_lines)
    small = [b for b in text_boxes if b.width < narrow and low <= b.height < high]
    middle = (body_left + body_right) / 2
    pitch = _line_pitch(wide, settings, scale)
    found: list[Box] = []
    clearance = scale.mm(settings.line_number_clearance_mm)
    margins = ([b for b in small if b.right < body_left - clearance],
               [b for b in small if b.left > body_right + clearance])
    for group in margins:
        found.extend(_stacked(group, pitch, scale.mm(settings.line_number_reach_mm), settings))
    share = settings.gutter_line_number_share
    gutter = [b for b in small if abs(b.center_x - middle) < (body_right - body_left) * share]
    found.extend(_stacked(gutter, pitch, scale.mm(settings.gutter_line_number_reach_mm),
                          settings))
    return found


def _line_pitch(rows: list[Box], settings: LayoutParameters, scale: Scale) -> float:
    """Distance from one text line to the next (line height plus leading)."""
    tops = sorted(b.top for b in rows)
    low = scale.lines(settings.line_pitch_min_lines)
    high = scale.lines(settings.line_pitch_max_lines)
    steps = [b - a for a, b in itertools.pairwise(tops) if low < b - a < high]
    return float(np.median(steps)) if steps else scale.lines(settings.line_pitch_fallback_lines)


def _stacked(group: list[Box], pitch: float, reach: float,
             settings: LayoutParameters) -> list[Box]:
    """Boxes one above another on a grid of every fifth (or tenth) line: line numbers.

    Claim numbers and INID codes stand beside the lines they number, at irregular distances;
    line numbers keep their grid down the page, whatever the text does.
    """
    if len(group) < settings.line_numbers_min_count:
        return []
    centre = float(np.median([b.center_x for b in group]))
    stacked = sorted((b for b in group if abs(b.center_x - centre) < reach), key=lambda b: b.top)
    if len(stacked) < settings.line_numbers_min_count:
        return []
    steps = np.array([b.top - a.top for a, b in itertools.pairwise(stacked)], dtype=float)
    base = float(steps.min())
    lines_apart = base / pitch
    fifth = settings.every_fifth_min_lines <= lines_apart <= settings.every_fifth_max_lines
    tenth = settings.every_tenth_min_lines <= lines_apart <= settings.every_tenth_max_lines
    if not (fifth or tenth):
        return []
    multiples = steps / base
    if float(np.abs(multiples - np.round(multiples)).max()) > \
            settings.line_number_grid_tolerance:
        return []
    return stacked


def margin_specks(text_boxes: list[Box], settings: LayoutParameters,
                  scale: Scale) -> list[Box]:
    """Small marks well outside the text body (scanner dirt, punch-hole rims)."""
    wide = _body_lines(text_boxes, settings, scale)
    if len(wide) < settings.body_min_lines:
        return []
    clearance = scale.mm(settings.speck_clearance_mm)
    body_left = min(b.left for b in wide) - clearance
    body_right = max(b.right for b in wide) + clearance
    narrow = scale.mm(settings.speck_max_width_mm)
    low = scale.lines(settings.speck_max_lines)
    return [b for b in text_boxes if b.width < narrow and b.height < low and
            (b.right < body_left or b.left > body_right)]
