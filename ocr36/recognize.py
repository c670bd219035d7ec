"""OCR stage: read each page's text regions through an engine, in reading order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import cv2
import numpy as np

from ocr36.components import in_outline_order, outlines
from ocr36.costs import SECOND_LOOKS, stage
from ocr36.model import Bitmap, Box, CleanPage, Line, PageLayout, PageText, Region, RegionKind, Word
from ocr36.ocr.engine import MAX_CANVAS_HEIGHT, Engine
from ocr36.subscripts import read_subscripts

_PAD = 48
PSM_COLUMN = 6


def _units(layout: PageLayout) -> list[list[Region]]:
    """Runs of consecutive text regions in one column: each is read in one call."""
    units: list[list[Region]] = []
    previous: Region | None = None
    for region in layout.regions:
        if region.kind is not RegionKind.TEXT:
            continue
        if previous is not None and region.column == previous.column and units:
            units[-1].append(region)
        else:
            units.append([region])
        previous = region
    return units


def _crop_unit(image: np.ndarray, regions: Sequence[Region],
               rules: Sequence[Region]) -> tuple[np.ndarray, Box]:
    """The unit's regions on white, without the dropped bands, cropped to their union."""
    union = regions[0].box
    for region in regions[1:]:
        union = union.union(region.box)
    height, width = image.shape
    left, top = max(union.left - _PAD, 0), max(union.top - _PAD, 0)
    right, bottom = min(union.right + _PAD, width), min(union.bottom + _PAD, height)
    canvas = np.full((bottom - top, right - left), 255, dtype=np.uint8)
    for region in regions:
        b = region.box
        canvas[b.top - top : b.bottom - top, b.left - left : b.right - left] = \
            image[b.top : b.bottom, b.left : b.right]
    for rule in rules:
        b = rule.box
        canvas[max(b.top - top, 0) : max(b.bottom - top, 0),
               max(b.left - left, 0) : max(b.right - left, 0)] = 255
    return canvas, Box(left, top, right - left, bottom - top)


def _stroke_width(binary: np.ndarray, box: Box) -> float:
    """Mean length of horizontal ink runs inside a box (a run cut by the box's left edge
    starts there): larger for bold type. Counted in the box alone: a page's words cover a
    part of it, and a table of sums over the whole page costs more than they do."""
    height, width = binary.shape
    top, bottom = min(max(box.top, 0), height), min(max(box.bottom, 0), height)
    left, right = min(max(box.left, 0), width), min(max(box.right, 0), width)
    if bottom <= top or right <= left:
        return 0.0
    ink = binary[top:bottom, left:right] == 0
    count = int(np.count_nonzero(ink))
    if count == 0:
        return 0.0
    starts = int(np.count_nonzero(ink[:, 1:] > ink[:, :-1])) + int(np.count_nonzero(ink[:, 0]))
    return count / max(starts, 1)


def _mark_bold(lines: list[Line], binary: np.ndarray) -> list[Line]:
    widths = {id(w): _stroke_width(binary, w.box) for line in lines for w in line.words}
    measured = [v for v in widths.values() if v > 0]
    if not measured:
        return lines
    typical = float(np.median(measured))
    marked = []
    for line in lines:
        words = tuple(replace(w, bold=widths[id(w)] > typical * 1.3) for w in line.words)
        marked.append(replace(line, words=words))
    return marked


def _shift(line: Line, dx: int, dy: int, region: str) -> Line:
    words = tuple(replace(w, box=w.box.moved(dx, dy)) for w in line.words)
    return Line(words=words, box=line.box.moved(dx, dy), region=region)


def _region_of(line: Line, candidates: Sequence[Region]) -> str:
    """The id of the region nearest the line's centre."""
    cx, cy = line.box.center_x, line.box.center_y
    best, best_distance = candidates[0].id, float("inf")
    for region in candidates:
        b = region.box
        dx = max(b.left - cx, 0, cx - b.right)
        dy = max(b.top - cy, 0, cy - b.bottom)
        if dx + dy < best_distance:
            best, best_distance = region.id, dx + dy
    return best


def read_page(page: CleanPage, layout: PageLayout, engine: Engine, languages: Sequence[str],
              psm: int = PSM_COLUMN) -> PageText:
    """OCR every text region of a page; lines come back in the layout's reading order."""
    lines: list[Line] = []
    bands = [r for r in layout.regions if r.kind is RegionKind.BAND]
    for unit in _units(layout):
        crop, origin = _crop_unit(page.image, unit, bands)
        for line in engine.recognize(crop, languages, psm):
            shifted = _shift(line, origin.left, origin.top, region="")
            lines.append(replace(shifted, region=_region_of(shifted, unit)))
    with stage(SECOND_LOOKS):
        lines = _second_look(page.image, layout, lines, bands, engine, languages)
        lines = read_subscripts(page.image, lines, engine, languages)
    order = {region.id: rank for rank, region in enumerate(layout.text_regions)}
    lines.sort(key=lambda line: (order.get(line.region, 0), line.box.top))
    return PageText(number=page.number, lines=tuple(_mark_bold(lines, page.image)))


def orphan_ink(image: np.ndarray, layout: PageLayout, lines: Sequence[Line],
               bands: Sequence[Region]) -> list[Box]:
    """Print inside text regions that no recognised word covers.

    Tesseract's page segmentation drops short items that stand apart at the start of a line:
    claim numbers ("7."), INID codes ("(43)"). They are read again on their own.
    """
    covered = np.zeros(image.shape, dtype=bool)
    for line in lines:
        for word in line.words:
            b = word.box
            covered[max(b.top - 4, 0) : b.bottom + 4, max(b.left - 4, 0) : b.right + 4] = True
    for band in bands:
        b = band.box
        covered[b.top : b.bottom, b.left : b.right] = True
    heights = [line.box.height for line in lines] or [38]
    line_height = int(np.median(heights))
    orphans: list[Box] = []
    for region in layout.text_regions:
        r = region.box
        ink = (image[r.top : r.bottom, r.left : r.right] == 0) & \
            ~covered[r.top : r.bottom, r.left : r.right]
        joined = cv2.dilate(ink.astype(np.uint8), np.ones((3, max(line_height // 3, 3)), np.uint8))
        # sparse ink: its components found from their borders, the pixels counted of those
        # the size of an item only
        sized = [outline for outline in outlines(joined)
                 if line_height * 0.45 <= outline.box[3] <= line_height * 2
                 and outline.box[2] <= line_height * 6]
        items = [outline for outline in sized if outline.area(joined) >= line_height * 3]
        orphans.extend(Box(left + r.left, top + r.top, width, height)
                       for left, top, width, height in
                       (outline.box for outline in in_outline_order(items)))
    return orphans


def _second_look(image: np.ndarray, layout: PageLayout, lines: list[Line],
                 bands: Sequence[Region], engine: Engine,
                 languages: Sequence[str]) -> list[Line]:
    """Read orphan ink in one more engine call, stacked on one canvas, and put the words
    back into the lines they stand on."""
    orphans = orphan_ink(image, layout, lines, bands)
    if not orphans:
        return lines
    gap = max(max(b.height for b in orphans), 30)

    def read(canvas: Bitmap) -> tuple[Line, ...]:
        return engine.recognize(canvas, languages, PSM_COLUMN)

    result = list(lines)
    chunk: list[Box] = []
    height = 2 * _PAD
    for box in orphans:
        if chunk and height + box.height + gap > MAX_CANVAS_HEIGHT:
            result = _read_orphans(image, layout, result, chunk, gap, read)
            chunk, height = [], 2 * _PAD
        chunk.append(box)
        height += box.height + gap
    return _read_orphans(image, layout, result, chunk, gap, read)


def _read_orphans(image: np.ndarray, layout: PageLayout, lines: list[Line],
                  orphans: Sequence[Box], gap: int,
                  read: Callable[[Bitmap], tuple[Line, ...]]) -> list[Line]:
    """Orphan ink stacked on one canvas, `gap` pixels apart, read in one call of `read`."""
    width = max(b.width for b in orphans) + 2 * _PAD
    height = sum(b.height + gap for b in orphans) + 2 * _PAD
    canvas = np.full((height, width), 255, dtype=np.uint8)
    placed: list[tuple[Box, int]] = []
    y = _PAD
    for box in orphans:
        canvas[y : y + box.height, _PAD : _PAD + box.width] = \
            image[box.top : box.bottom, box.left : box.right]
        placed.append((box, y))
        y += box.height + gap
    result = lines
    for found in read(canvas):
        for box, top in placed:
            if top - gap / 2 <= found.box.center_y < top + box.height + gap / 2:
                words = tuple(replace(w, box=Box(w.box.left - _PAD + box.left,
                                                 w.box.top - top + box.top,
                                                 w.box.width, w.box.height))
                              for w in found.words)
                result = _insert_words(result, words, box, layout)
                break
    return result


def _insert_words(lines: list[Line], words: tuple[Word, ...], box: Box,
                  layout: PageLayout) -> list[Line]:
    """Put words read on their own at the start of the line they stand before (to its left,
    or to its right where its words run right to left); a line of their own only when they
    are read with confidence."""
    for index, line in enumerate(lines):
        overlap = min(line.box.bottom, box.bottom) - max(line.box.top, box.top)
        if overlap >= 0.5 * min(box.height, line.box.height):
            first, last = line.words[0].box, line.words[-1].box
            if (box.left < first.right - 4) if first.left > last.left else \
                    (box.right > first.left + 4):
                return lines  # ink inside or after a line: not a lost line start
            merged = (*words, *line.words)
            lines[index] = replace(line, words=merged, box=line.box.union(box))
            return lines
    text = "".join(w.text for w in words)
    if min(w.confidence for w in words) < 60 or sum(c.isalnum() for c in text) < 2:
        return lines
    new = Line(words=words, box=box, region="")
    lines.append(replace(new, region=_region_of(new, layout.text_regions)))
    return lines

