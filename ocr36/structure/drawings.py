"""Drawings as the office delivers them: one figure per drawing sheet (EPO and WIPO write
imgf0001.tif per sheet, its `num` the labels printed on it: "3a,3b"), or, where a profile
asks for it (`[output] figures = "label"`), one figure per printed label ("FIG. 3")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ocr36.model import (
    Box,
    Figure,
    Illustration,
    IllustrationKind,
    PackedBitmap,
    PageResult,
    RegionKind,
)
from ocr36.structure.stream import Event, ImageEvent, LineEvent

SHEET, LABEL = "sheet", "label"
_SHEET_MAX_WORDS = 40
"""A page of the drawings section where the layout found no picture is still a sheet when it
holds fewer words than this (its drawing was read as text)."""
_MARGIN_PX = 8


@dataclass(frozen=True)
class _Label:
    num: str
    box: Box


@dataclass(frozen=True)
class _Sheet:
    page: int
    images: tuple[ImageEvent, ...]
    lines: tuple[LineEvent, ...]
    labels: tuple[_Label, ...]


def read_drawings(events: Sequence[Event], pages: dict[int, PageResult],
                  figure: re.Pattern[str], split: str,
                  first_number: int) -> list[tuple[Figure, Illustration]]:
    """The figures of a drawings section and the images that hold them, numbered from
    `first_number` (imgf0001.tif ...)."""
    found: list[tuple[Figure, Illustration]] = []
    for sheet in _sheets(events, figure):
        page = pages[sheet.page]
        landscape = page.rotation in (90, 270)
        bitmap = page.page_bitmap()
        for num, cut in _cuts(sheet, _printed(page), split, len(found) + first_number):
            number = first_number + len(found)
            name = f"imgf{number:04d}.tif"
            box = _within(cut, page)  # packed: a slice would hold the whole page unpacked
            crop = PackedBitmap.of(bitmap[box.top:box.bottom, box.left:box.right])
            found.append((Figure(num=num, file=name, page=sheet.page),
                          Illustration(name, IllustrationKind.DRAWING, sheet.page, box, crop,
                                       num=num, landscape=landscape)))
    return found


def _sheets(events: Sequence[Event], figure: re.Pattern[str]) -> list[_Sheet]:
    """The section's pages that hold a drawing, with their images, lines and labels."""
    by_page: dict[int, tuple[list[ImageEvent], list[LineEvent]]] = {}
    for event in events:
        images, lines = by_page.setdefault(event.page, ([], []))
        if isinstance(event, ImageEvent):
            images.append(event)
        else:
            lines.append(event)
    sheets = []
    for page, (images, lines) in by_page.items():
        if not images and sum(len(line.line.words) for line in lines) >= _SHEET_MAX_WORDS:
            continue
        labels = tuple(_Label(match.group(1), line.line.box) for line in lines
                       for match in figure.finditer(line.text))
        sheets.append(_Sheet(page, tuple(images), tuple(lines), labels))
    return sheets


def _printed(page: PageResult) -> Box | None:
    """What the page prints but its running head, page number and margins (the layout's
    text and image regions together)."""
    boxes = [region.box for region in page.layout.regions if region.kind is not RegionKind.BAND]
    return _union(boxes) if boxes else None


def _cuts(sheet: _Sheet, printed: Box | None, split: str,
          sequence: int) -> list[tuple[str, Box]]:
    """(num, box) of each figure on the sheet; a whole sheet is what it prints."""
    if split == LABEL and sheet.labels and sheet.images:
        return _by_label(sheet)
    if split == LABEL and sheet.images:
        return [(str(sequence + index), image.box) for index, image in enumerate(sheet.images)]
    box = printed or _union([image.box for image in sheet.images] +
                            [line.line.box for line in sheet.lines])
    nums = list(dict.fromkeys(label.num for label in _reading_order(sheet.labels)))
    return [(",".join(nums) or str(sequence), box)]


def _by_label(sheet: _Sheet) -> list[tuple[str, Box]]:
    """Each image with the label nearest to it; the images of one label make one figure."""
    groups: dict[int, list[Box]] = {}
    for image in sheet.images:
        nearest = min(range(len(sheet.labels)),
                      key=lambda index: _distance(sheet.labels[index].box, image.box))
        groups.setdefault(nearest, []).append(image.box)
    cuts = []
    for index in sorted(groups, key=lambda i: (sheet.labels[i].box.top, sheet.labels[i].box.left)):
        label = sheet.labels[index]
        cuts.append((label.num, _union([*groups[index], label.box])))
    return cuts


def _reading_order(labels: Sequence[_Label]) -> list[_Label]:
    return sorted(labels, key=lambda label: (label.box.top, label.box.left))


def _distance(a: Box, b: Box) -> float:
    """Between the edges of two boxes (0 when they overlap)."""
    dx = max(b.left - a.right, a.left - b.right, 0)
    dy = max(b.top - a.bottom, a.top - b.bottom, 0)
    return float((dx * dx + dy * dy) ** 0.5)


def _union(boxes: Sequence[Box]) -> Box:
    box = boxes[0]
    for other in boxes[1:]:
        box = box.union(other)
    return box


def _within(box: Box, page: PageResult) -> Box:
    """The box with a small margin, inside the page."""
    left, top = max(box.left - _MARGIN_PX, 0), max(box.top - _MARGIN_PX, 0)
    right = min(box.right + _MARGIN_PX, page.layout.width)
    bottom = min(box.bottom + _MARGIN_PX, page.layout.height)
    return Box(left, top, right - left, bottom - top)
