"""Layout: text regions in reading order, columns, non-text regions, dropped noise bands."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np

from ocr36.model import Box, CleanPage, PageLayout, Region, RegionKind
from ocr36.profile import Layout

_MM_PER_INCH = 25.4
_DEFAULT_LINE_HEIGHT = 38


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / _MM_PER_INCH * dpi)


def find_rules(binary: np.ndarray, dpi: int) -> tuple[list[Box], np.ndarray]:
    """Long straight lines (separators, frames): their boxes, and the ink without them."""
    ink = (binary == 0).astype(np.uint8)
    length = round(dpi * 0.7)
    # A thin rule on a scan, levelled again, steps from one pixel row to the next and has
    # notches: thickened across its length by a pixel each way it is one run again.
    horizontal = cv2.morphologyEx(cv2.dilate(ink, np.ones((3, 1), np.uint8)), cv2.MORPH_OPEN,
                                  np.ones((1, length), np.uint8))
    vertical = cv2.morphologyEx(cv2.dilate(ink, np.ones((1, 3), np.uint8)), cv2.MORPH_OPEN,
                                np.ones((length, 1), np.uint8))
    boxes: list[Box] = []
    for mask in (horizontal, vertical):  # apart, so that a frame gives thin boxes, not one
        left, top, width, height = cv2.boundingRect(mask)  # most pages have few rules, or none
        if not width:
            continue
        count, _, stats, _ = cv2.connectedComponentsWithStats(
            mask[top : top + height, left : left + width], connectivity=8)
        boxes.extend(_clamp(Box(left + int(x) - 1, top + int(y) - 1, int(w) + 2, int(h) + 2),
                            binary.shape) for x, y, w, h, _ in stats[1:count])
    lines = cv2.dilate(np.maximum(horizontal, vertical), np.ones((3, 3), np.uint8))
    rest = ink & (1 - lines)
    reach = length // 4
    # only the neighbourhoods of the rules are labelled (a header rule and a footer rule are
    # two small windows, not the page between them)
    grown = [_clamp(Box(b.left - reach, b.top - reach, b.width + 2 * reach,
                        b.height + 2 * reach), binary.shape) for b in boxes]
    for near in _merged(grown, 0):
        window = (slice(near.top, near.bottom), slice(near.left, near.right))
        _drop_rule_leftovers(rest[window], horizontal[window], vertical[window],
                             lines[window], reach, dpi)
    return boxes, rest


def _drop_rule_leftovers(rest: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray,
                         lines: np.ndarray, reach: int, dpi: int) -> None:
    """Clear from `rest` (a window round some rules) what a scan leaves of its rules: pieces
    of a broken rule too short to be found, in line with a rule found, and specks that clung
    to a rule (kept as marks of print while the rule stood beside them). What the window's
    edge cuts may go on outside it: it stays."""
    # each rule drawn on along its own direction, a stroke wider than the rule itself
    along = np.maximum(
        cv2.dilate(horizontal, np.ones((3, 2 * reach + 1), np.uint8)),
        cv2.dilate(vertical, np.ones((2 * reach + 1, 3), np.uint8)))
    beside = cv2.dilate(lines, np.ones((9, 9), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
    if count <= 1:
        return
    outside = np.bincount(labels[along == 0].ravel(), minlength=count)
    touching = np.bincount(labels[beside > 0].ravel(), minlength=count)
    edge = np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])
    speck = max(4, round(4 * (dpi / 300) ** 2))
    drop = (outside == 0) | ((stats[:, cv2.CC_STAT_AREA] <= speck) & (touching > 0))
    drop[0] = False
    drop[edge] = False
    rest[drop[labels]] = 0


def _clamp(box: Box, shape: tuple[int, ...]) -> Box:
    left, top = max(box.left, 0), max(box.top, 0)
    right, bottom = min(box.right, shape[1]), min(box.bottom, shape[0])
    return Box(left, top, max(right - left, 0), max(bottom - top, 0))


def line_blobs(ink: np.ndarray, dpi: int) -> list[Box]:
    """Ink smeared sideways so that each text line (or drawing) becomes one blob."""
    reach = max(3, round(dpi / 12))  # about 2 mm: joins the letters and words of a line
    smeared = cv2.dilate(ink, np.ones((3, reach), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    blobs: list[Box] = []
    for left, top, width, height, _area in stats[1:count]:
        if width * height < 12:
            continue
        blobs.append(Box(int(left), int(top), int(width), int(height)))
    return blobs


def typical_line_height(blobs: list[Box], dpi: int) -> int:
    heights = [b.height for b in blobs if b.width > dpi / 3 and 8 < b.height < dpi / 3]
    return int(np.median(heights)) if heights else round(_DEFAULT_LINE_HEIGHT * dpi / 300)


def _band_of(box: Box, width: int, height: int, settings: Layout, dpi: int,
             first_page: bool) -> str:
    keep_header_footer = first_page and settings.front_page_keeps_header_footer
    if settings.drop_running_header and not keep_header_footer and \
            box.bottom <= mm_to_px(settings.header_mm, dpi):
        return "running-header"
    if settings.drop_page_numbers and not keep_header_footer and \
            box.top >= height - mm_to_px(settings.footer_mm, dpi):
        return "page-number"
    if settings.drop_line_numbers and settings.left_margin_mm and \
            box.right <= mm_to_px(settings.left_margin_mm, dpi):
        return "line-numbers"
    if settings.right_margin_mm and box.left >= width - mm_to_px(settings.right_margin_mm, dpi):
        return "margin"
    return ""


@dataclass(frozen=True)
class ColumnSplit:
    x: int
    """Where column 0 ends and column 1 begins."""
    gap_left: int
    gap_right: int
    """The empty stretch between the columns (gutter line numbers stand in it)."""


def find_column_split(boxes: list[Box], width: int, dpi: int) -> ColumnSplit | None:
    """The gutter between two columns, or None for a single column.

    Only lines narrower than about half the text width vote: lines across the whole page
    (titles, notes, single-column text) say nothing about a gutter.
    """
    if not boxes:
        return None
    body_left = min(b.left for b in boxes)
    body_right = max(b.right for b in boxes)
    body = body_right - body_left
    narrow = [b for b in boxes if body * 0.05 < b.width < body * 0.55]
    if len(narrow) < 4:
        return None
    coverage = np.zeros(width, dtype=np.int32)
    for box in narrow:
        coverage[box.left : box.right] += 1
    low, high = body_left + int(body * 0.3), body_left + int(body * 0.7)
    valley = int(np.argmin(coverage[low:high])) + low
    left_lines = sum(1 for b in narrow if b.right <= valley)
    right_lines = _aligned((b.left for b in narrow if b.left >= valley), round(dpi * 0.4))
    crossing = int(coverage[valley])
    if min(left_lines, right_lines) < 2 or crossing > max(1, min(left_lines, right_lines) // 10):
        return None
    # The gutter: where neither column's lines nor small items (INID codes, bullets) stand.
    touched = np.zeros(width, dtype=bool)
    for box in boxes:
        crosses = box.left < valley < box.right
        if not crosses or box.width <= body * 0.12:
            touched[box.left : box.right] = True
    gap_left = valley
    while gap_left > body_left and not touched[gap_left - 1]:
        gap_left -= 1
    gap_right = valley
    while gap_right < body_right and not touched[gap_right + 1]:
        gap_right += 1
    if touched[valley]:
        return _gap_beside(touched, valley, body_left, body_right, dpi)
    if gap_right - gap_left < dpi * 0.06:
        return None
    return ColumnSplit((gap_left + gap_right) // 2, gap_left, gap_right)


def _aligned(lefts: Iterable[int], tolerance: int) -> int:
    """How many lines start near one left edge (a column has one; indents are allowed)."""
    edges = sorted(lefts)
    best = 0
    for i, edge in enumerate(edges):
        best = max(best, sum(1 for other in edges[i:] if other - edge <= tolerance))
    return best


def _gap_beside(touched: np.ndarray, valley: int, body_left: int, body_right: int,
                dpi: int) -> ColumnSplit | None:
    """A small item stands on the valley: take the nearest empty stretch wide enough."""
    reach = int(dpi * 0.5)
    best: tuple[int, int] | None = None
    x = max(valley - reach, body_left)
    while x <= min(valley + reach, body_right):
        if touched[x]:
            x += 1
            continue
        start = x
        while x <= body_right and not touched[x]:
            x += 1
        if x - start >= dpi * 0.06 and (best is None or
                                         abs(start - valley) < abs(best[0] - valley)):
            best = (start, x - 1)
    if best is None:
        return None
    return ColumnSplit((best[0] + best[1]) // 2, best[0], best[1])


def _is_gutter_number(box: Box, split: ColumnSplit, line_height: int) -> bool:
    return box.left >= split.gap_left - 4 and box.right <= split.gap_right + 4 and \
        box.height < line_height * 1.5


def _group_lines(lines: list[Box], line_height: int) -> list[Box]:
    """Consecutive lines of one column, without a wide gap between them, make a region."""
    regions: list[Box] = []
    for box in sorted(lines, key=lambda b: (b.top, b.left)):
        if regions:
            last = regions[-1]
            if box.top - last.bottom < line_height * 1.2:
                regions[-1] = last.union(box)
                continue
        regions.append(box)
    return regions


def _absorb_into_images(
    text_boxes: list[Box], image_boxes: list[Box], line_height: int
) -> tuple[list[Box], list[Box]]:
    """Labels and atoms standing inside or against a drawing belong to the drawing.

    What starts at the text's left edge (a paragraph or claim number) stays text.
    """
    images = list(image_boxes)
    remaining: list[Box] = []
    edge = _left_edge(text_boxes)
    for box in text_boxes:
        off_edge = edge is None or abs(box.left - edge) > line_height // 3
        label = box.width < line_height * 4 and box.height < line_height * 1.5 and off_edge
        margin = round(line_height * 1.2) if label else round(line_height * 0.8)
        for i, image in enumerate(images):
            near = _near(box, image, margin)
            inside = box.left >= image.left - margin and box.right <= image.right + margin
            # a caption ("Scheme I") centred just over its picture
            caption = off_edge and box.width < line_height * 7 and \
                image.left <= box.center_x <= image.right and \
                0 <= image.top - box.bottom < line_height * 1.6
            if (near and (inside or label)) or caption:
                images[i] = image.union(box)
                break
        else:
            between = _between_images(box, images, line_height) if off_edge else None
            if between is None:
                remaining.append(box)
                continue
            # reagents over the arrow of a reaction scheme: kept with the picture before them,
            # each picture of the scheme staying an image of its own
            left, _ = between
            images[left] = images[left].union(box)
    return remaining, images


def _between_images(box: Box, images: list[Box], line_height: int) -> tuple[int, int] | None:
    """Indexes of two pictures this text stands between, on the same band of the page."""
    def level(image: Box) -> bool:
        return image.top - line_height < box.center_y < image.bottom + line_height

    gap = line_height * 4
    lefts = [i for i, im in enumerate(images) if level(im) and 0 <= box.left - im.right < gap]
    rights = [i for i, im in enumerate(images) if level(im) and 0 <= im.left - box.right < gap]
    if lefts and rights and lefts[0] != rights[0]:
        return lefts[0], rights[0]
    return None


def _left_edge(boxes: list[Box]) -> int | None:
    """The x where most text lines start, or None when there are too few lines to tell."""
    if len(boxes) < 5:
        return None
    bins = np.bincount([b.left // 8 for b in boxes])
    best = int(np.argmax(bins))
    return best * 8 + 4 if bins[best] >= 3 else None


def _reading_order(regions: list[Region], split: ColumnSplit | None) -> list[Region]:
    if split is None:
        return sorted(regions, key=lambda r: (r.box.top, r.box.left))
    spanning = sorted((r for r in regions if r.column < 0), key=lambda r: r.box.top)
    spanning_tops = [r.box.top for r in spanning]

    def key(region: Region) -> tuple[int, int, int, int]:
        if region.column < 0:
            zone = spanning.index(region)
            return (zone, 1, 0, region.box.top)
        zone = sum(1 for top in spanning_tops if top < region.box.top)
        return (zone, 0, region.column, region.box.top)

    ordered = sorted(regions, key=key)
    return [Region(r.kind, r.box, max(r.column, 0), r.band) for r in ordered]


def margin_numbers(text_boxes: list[Box], line_height: int, dpi: int) -> list[Box]:
    """Line numbers (5, 10, 15 ...) in a margin or in the gutter, found without a profile.

    They are small boxes, at least three, one above another a few lines apart, wholly outside
    the edge where most text lines start (or end), or in the middle of a two-column page.
    """
    wide = [b for b in text_boxes if b.width >= dpi * 0.6]
    if len(wide) < 3:
        return []
    body_left = float(np.percentile([b.left for b in wide], 10))
    body_right = float(np.percentile([b.right for b in wide], 90))
    small = [b for b in text_boxes if b.width < dpi * 0.3 and
             line_height * 0.4 <= b.height < line_height * 1.3]  # digits, not specks
    middle = (body_left + body_right) / 2
    pitch = _line_pitch(wide, line_height)
    found: list[Box] = []
    margins = ([b for b in small if b.right < body_left - dpi * 0.03],
               [b for b in small if b.left > body_right + dpi * 0.03])
    for group in margins:
        found.extend(_stacked(group, pitch, dpi * 0.15))
    gutter = [b for b in small if abs(b.center_x - middle) < (body_right - body_left) * 0.04]
    found.extend(_stacked(gutter, pitch, dpi * 0.05))
    return found


def _line_pitch(rows: list[Box], line_height: int) -> float:
    """Distance from one text line to the next (line height plus leading)."""
    tops = sorted(b.top for b in rows)
    steps = [b - a for a, b in itertools.pairwise(tops) if line_height * 0.8 < b - a <
             line_height * 2.5]
    return float(np.median(steps)) if steps else line_height * 1.3


def _stacked(group: list[Box], pitch: float, reach: float) -> list[Box]:
    """Boxes one above another on a grid of every fifth (or tenth) line: line numbers.

    Claim numbers and INID codes stand beside the lines they number, at irregular distances;
    line numbers keep their grid down the page, whatever the text does.
    """
    if len(group) < 3:
        return []
    centre = float(np.median([b.center_x for b in group]))
    stacked = sorted((b for b in group if abs(b.center_x - centre) < reach), key=lambda b: b.top)
    if len(stacked) < 3:
        return []
    steps = np.array([b.top - a.top for a, b in itertools.pairwise(stacked)], dtype=float)
    base = float(steps.min())
    lines_apart = base / pitch
    if not (4.4 <= lines_apart <= 5.6 or 9.0 <= lines_apart <= 11.0):
        return []
    multiples = steps / base
    if float(np.abs(multiples - np.round(multiples)).max()) > 0.12:
        return []
    return stacked


def margin_specks(text_boxes: list[Box], line_height: int, dpi: int) -> list[Box]:
    """Small marks well outside the text body (scanner dirt, punch-hole rims)."""
    wide = [b for b in text_boxes if b.width >= dpi * 0.6]
    if len(wide) < 3:
        return []
    body_left = min(b.left for b in wide) - dpi * 0.3
    body_right = max(b.right for b in wide) + dpi * 0.3
    return [b for b in text_boxes if b.width < dpi * 0.2 and b.height < line_height * 3 and
            (b.right < body_left or b.left > body_right)]


def _join_rows(boxes: list[Box], line_height: int, gutter: int | None = None) -> list[Box]:
    """Pieces of one printed line a little apart ('(54)' and its title) become one box.

    Pieces on either side of a column gutter stay apart.
    """
    rows: list[Box] = []
    for box in sorted(boxes, key=lambda b: b.left):
        for i, row in enumerate(rows):
            overlap = min(row.bottom, box.bottom) - max(row.top, box.top)
            across = gutter is not None and row.right <= gutter <= box.left
            if overlap >= 0.5 * min(row.height, box.height) and not across and \
                    box.left - row.right < line_height and box.height < line_height * 1.6:
                rows[i] = row.union(box)
                break
        else:
            rows.append(box)
    return rows


def _printed_rows(image: np.ndarray, box: Box) -> list[np.ndarray]:
    """The printed rows inside a box (split at white rows), each as its columns' inkedness."""
    ink = image[box.top : box.bottom, box.left : box.right] == 0
    printed = ink.sum(axis=1) > 2
    rows: list[np.ndarray] = []
    start = None
    for y, inked in enumerate([*printed.tolist(), False]):
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            rows.append(ink[start:y].any(axis=0))
            start = None
    return rows


def _runs(flags: np.ndarray) -> list[int]:
    """Lengths of the runs of True."""
    runs, length = [], 0
    for flag in [*flags.tolist(), False]:
        if flag:
            length += 1
        elif length:
            runs.append(length)
            length = 0
    return runs


def _columns_of_rows(image: np.ndarray, box: Box, line_height: int) -> list[int]:
    """For each printed row inside a box: into how many pieces gaps a line high cut it."""
    counts = []
    for row in _printed_rows(image, box):
        inked = np.flatnonzero(row)
        gaps = _runs(~row[inked[0] : inked[-1] + 1]) if inked.size else []
        counts.append(1 + sum(gap >= line_height for gap in gaps) if inked.size else 0)
    return counts


def _white_channels(image: np.ndarray, box: Box, line_height: int) -> int:
    """Vertical white stripes through (nearly) every row of a block: a table's column gaps.
    The gaps between the words of justified text do not line up."""
    rows = _printed_rows(image, box)
    if len(rows) < 4:
        return 0
    white_share = 1.0 - np.mean(np.stack(rows), axis=0)
    columns = np.arange(box.width)
    lefts = np.array([np.argmax(r) for r in rows])
    rights = np.array([len(r) - np.argmax(r[::-1]) for r in rows])
    inner = (columns > np.median(lefts)) & (columns < np.median(rights))
    channel = (white_share >= 0.85) & inner
    return sum(run >= line_height * 0.6 for run in _runs(channel))


def tables_without_rules(regions: list[Region], image: np.ndarray,
                         line_height: int) -> list[Region]:
    """A block of short rows, most of them cut into three or more columns by wide gaps, is a
    table printed without rules: it is kept as an image, not read as text."""
    width = image.shape[1]

    def narrow(region: Region) -> bool:
        return region.kind is RegionKind.TEXT and region.box.height <= line_height * 6 and \
            region.box.width < width * 0.6

    def aligned(region: Region, run: list[Region]) -> bool:
        last = run[-1].box
        overlap = min(last.right, region.box.right) - max(last.left, region.box.left)
        return region.column == run[-1].column and \
            overlap >= 0.6 * min(last.width, region.box.width) and \
            region.box.top - last.bottom < line_height * 3

    result: list[Region] = []
    run: list[Region] = []

    def close_run() -> None:
        counts = [c for r in run for c in _columns_of_rows(image, r.box, line_height)]
        box = run[0].box if run else Box(0, 0, 0, 0)
        for region in run[1:]:
            box = box.union(region.box)
        if len(counts) >= 4 and sum(c >= 3 for c in counts) >= 0.5 * len(counts) and \
                _white_channels(image, box, line_height) >= 2:
            result.append(Region(RegionKind.IMAGE, box, run[0].column))
        else:
            result.extend(run)
        run.clear()

    for region in regions:
        if narrow(region) and (not run or aligned(region, run)):
            run.append(region)
            continue
        close_run()
        if narrow(region):
            run.append(region)
        else:
            result.append(region)
    close_run()
    return result


def ruled_tables(rules: list[Box], line_height: int) -> tuple[list[Box], list[Box]]:
    """Grids of rules that meet (a table ruled both ways, rows a few lines high): their
    boxes, kept as images like other tables, and the rules that are no part of one.

    A frame round a page or a block of text (few rows, or rows many lines high) is no table."""
    reach = max(line_height // 2, 4)
    groups: list[list[Box]] = []
    for rule in rules:
        meeting = [g for g in groups if any(_near(rule, other, reach) for other in g)]
        merged = [rule, *itertools.chain.from_iterable(meeting)]
        groups = [g for g in groups if all(g is not m for m in meeting)]
        groups.append(merged)
    tables: list[Box] = []
    free: list[Box] = []
    for group in groups:
        across = sorted((r for r in group if r.width > r.height), key=lambda r: r.top)
        down = [r for r in group if r.height > r.width]
        pitches = [b.top - a.top for a, b in itertools.pairwise(across)]
        if len(across) >= 3 and len(down) >= 2 and \
                float(np.median(pitches)) <= line_height * 4:
            box = group[0]
            for rule in group[1:]:
                box = box.union(rule)
            tables.append(box)
        else:
            free.extend(group)
    return tables, free


def _near(a: Box, b: Box, margin: int) -> bool:
    return (a.left < b.right + margin and a.right > b.left - margin
            and a.top < b.bottom + margin and a.bottom > b.top - margin)


def _merge_images(images: list[Box], rules: list[Box], margin: int) -> tuple[list[Box], list[Box]]:
    """Pieces of one drawing (parts cut apart by its own straight lines) become one image."""
    merged = list(images)
    free_rules: list[Box] = []
    for rule in rules:
        for i, image in enumerate(merged):
            if _near(rule, image, margin):
                merged[i] = image.union(rule)
                break
        else:
            free_rules.append(rule)
    return _merged(merged, margin), free_rules


def _merged(boxes: list[Box], margin: int) -> list[Box]:
    """Boxes closer than `margin` to each other (in a chain) become one."""
    merged = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                if _near(merged[i], merged[j], margin):
                    merged[i] = merged[i].union(merged.pop(j))
                    changed = True
                    break
            if changed:
                break
    return merged


def _zones(boxes: list[Box], rules: list[Box], body_width: int, line_height: int) -> list[int]:
    """Tops of horizontal zones: cut at full-width rules and at wide empty stretches."""
    cuts = {r.top for r in rules if r.width > body_width * 0.5 and r.height < line_height}
    ordered = sorted(boxes, key=lambda b: b.top)
    bottom = None
    for box in ordered:
        if bottom is not None and box.top - bottom > line_height * 2.5:
            cuts.add((box.top + bottom) // 2)
        bottom = box.bottom if bottom is None else max(bottom, box.bottom)
    return sorted(cuts)


def _column_runs_on(cuts: list[int], text_boxes: list[Box], image_boxes: list[Box],
                    width: int, height: int, dpi: int, line_height: int) -> list[int]:
    """Cuts without those that only part a column from its own continuation.

    When one column of a two-column zone ends early, the other runs on below a stretch that
    is empty across the page; what follows in that column alone is still that column (a
    "Claims" heading and claim 1 at the foot of the left column come before the right
    column), not a zone of its own below both.
    """
    kept: list[int] = []
    split: ColumnSplit | None = None
    for top, bottom in zip([0, *cuts], [*cuts, height], strict=True):
        zone_text = [b for b in text_boxes if top <= b.center_y < bottom]
        zone = [*zone_text, *(b for b in image_boxes if top <= b.center_y < bottom)]
        own = find_column_split(zone_text, width, dpi)
        if split is not None and own is None and zone and top > 0 and \
                _in_one_column(zone, split, line_height):
            continue  # the cut at `top` goes: this zone runs on in the column above
        if top > 0:
            kept.append(top)
        split = own
    return kept


def _in_one_column(boxes: list[Box], split: ColumnSplit, line_height: int) -> bool:
    """Whether the boxes (gutter line numbers aside) all stand on one side of the split."""
    sides = {0 if box.right <= split.x else 1 if box.left >= split.x else -1
             for box in boxes if not _is_gutter_number(box, split, line_height)}
    return len(sides) == 1 and -1 not in sides


def analyse(page: CleanPage, settings: Layout, first_page: bool = False) -> PageLayout:
    """Find the regions of a page: text and images in reading order, then the dropped bands."""
    height, width = page.image.shape
    dpi = page.dpi
    rules, ink = find_rules(page.image, dpi)
    blobs = line_blobs(ink, dpi)
    line_height = typical_line_height(blobs, dpi)

    bands: list[Region] = []
    text_boxes: list[Box] = []
    image_boxes: list[Box] = []
    for box in blobs:
        band = _band_of(box, width, height, settings, dpi, first_page)
        if band:
            bands.append(Region(RegionKind.BAND, box, band=band))
        elif box.height <= max(4, line_height // 6) and box.width > dpi / 2:
            rules.append(box)
        elif box.height > line_height * settings.min_image_lines:
            image_boxes.append(box)
        else:
            text_boxes.append(box)
    if not first_page:  # the front page's fields may stand in boxes: they are read
        tables, rules = ruled_tables(rules, line_height)
        image_boxes.extend(tables)
    image_boxes, rules = _merge_images(image_boxes, rules, line_height)
    for _ in range(2):  # reagents over an arrow join the scheme once the arrow has joined it
        text_boxes, image_boxes = _absorb_into_images(text_boxes, image_boxes, line_height)
        image_boxes, rules = _merge_images(image_boxes, rules, line_height)
    if settings.drop_line_numbers and not first_page:
        numbers = margin_numbers(text_boxes, line_height, dpi)
        bands.extend(Region(RegionKind.BAND, b, band="line-numbers") for b in numbers)
        text_boxes = [b for b in text_boxes if b not in numbers]
    specks = margin_specks(text_boxes, line_height, dpi)
    bands.extend(Region(RegionKind.BAND, b, band="margin") for b in specks)
    text_boxes = [b for b in text_boxes if b not in specks]
    bands.extend(Region(RegionKind.BAND, box, band="rule") for box in rules)

    body = [*text_boxes, *image_boxes]
    body_width = (max(b.right for b in body) - min(b.left for b in body)) if body else width
    cuts = _zones(body, rules, body_width, line_height)
    if settings.columns in ("2", "auto"):
        cuts = _column_runs_on(cuts, text_boxes, image_boxes, width, height, dpi, line_height)
    regions: list[Region] = []
    columns = 1
    for zone_top, zone_bottom in zip([0, *cuts], [*cuts, height], strict=True):
        zone_text = [b for b in text_boxes if zone_top <= b.center_y < zone_bottom]
        zone_images = [b for b in image_boxes if zone_top <= b.center_y < zone_bottom]
        zone_regions, gutter, split = _zone_regions(zone_text, zone_images, settings, width,
                                                    dpi, line_height)
        if split is not None:
            columns = 2
        bands.extend(Region(RegionKind.BAND, b, band="line-numbers") for b in gutter)
        regions.extend(zone_regions)
    without_rules = np.where(ink > 0, 0, 255).astype(np.uint8)
    regions = tables_without_rules(regions, without_rules, line_height)
    bands.sort(key=lambda r: (r.band, r.box.top, r.box.left))
    return PageLayout(number=page.number, width=width, height=height, columns=columns,
                      regions=(*regions, *bands))


def _zone_regions(text_boxes: list[Box], image_boxes: list[Box], settings: Layout, width: int,
                  dpi: int, line_height: int
                  ) -> tuple[list[Region], list[Box], ColumnSplit | None]:
    """Regions of one horizontal zone in reading order, gutter numbers, and the column split."""
    split: ColumnSplit | None = None
    if settings.columns in ("2", "auto"):
        split = find_column_split(text_boxes, width, dpi)
        if split is None and settings.columns == "2" and len(text_boxes) > 6:
            split = ColumnSplit(width // 2, width // 2, width // 2)
    gutter: list[Box] = []
    if split is not None and settings.drop_line_numbers:
        gutter = [b for b in text_boxes if _is_gutter_number(b, split, line_height)]
        text_boxes = [b for b in text_boxes if b not in gutter]
    text_boxes = _join_rows(text_boxes, line_height, split.x if split else None)

    def column_of(box: Box) -> int:
        if split is None:
            return 0
        if box.right <= split.x + dpi * 0.05:
            return 0
        if box.left >= split.x - dpi * 0.05:
            return 1
        return -1

    regions: list[Region] = []
    for column in (-1, 0, 1):
        column_lines = [b for b in text_boxes if column_of(b) == column]
        for box in _group_lines(column_lines, line_height):
            regions.append(Region(RegionKind.TEXT, box, column))
    regions.extend(Region(RegionKind.IMAGE, box, column_of(box)) for box in image_boxes)
    return _reading_order(regions, split), gutter, split
