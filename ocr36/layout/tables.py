"""Tables: grids of rules, and blocks of short rows cut into cells by white channels; both
are kept as images, not read as text."""

from __future__ import annotations

import itertools

import numpy as np

from ocr36.layout.geometry import Scale, near, union_all
from ocr36.model import Box, Reason, Region, RegionKind
from ocr36.profile import LayoutParameters

RULED_TABLE = Reason("ruled-table", "layout.ruled_table_row_max_lines")
TABLE_WITHOUT_RULES = Reason("table-without-rules", "layout.table_min_cells")


def ruled_tables(rules: list[Box], settings: LayoutParameters,
                 scale: Scale) -> tuple[list[Box], list[Box]]:
    """Grids of rules that meet (a table ruled both ways, rows a few lines high): their
    boxes, kept as images like other tables, and the rules that are no part of one.

    A frame round a page or a block of text (few rows, or rows many lines high) is no table."""
    reach = max(scale.whole_lines(settings.ruled_table_reach_lines),
                round(scale.mm(settings.ruled_table_reach_mm)))
    groups: list[list[Box]] = []
    for rule in rules:
        meeting = [g for g in groups if any(near(rule, other, reach) for other in g)]
        joined = [rule, *itertools.chain.from_iterable(meeting)]
        groups = [g for g in groups if all(g is not m for m in meeting)]
        groups.append(joined)
    tables: list[Box] = []
    free: list[Box] = []
    for group in groups:
        across = sorted((r for r in group if r.width > r.height), key=lambda r: r.top)
        down = [r for r in group if r.height > r.width]
        pitches = [b.top - a.top for a, b in itertools.pairwise(across)]
        if len(across) >= settings.ruled_table_min_rows and \
                len(down) >= settings.ruled_table_min_columns and \
                float(np.median(pitches)) <= scale.lines(settings.ruled_table_row_max_lines):
            tables.append(union_all(group))
        else:
            free.extend(group)
    return tables, free


def _printed_rows(image: np.ndarray, box: Box) -> list[np.ndarray]:
    """The printed rows inside a box (split at white rows), each as its columns' inkedness.
    `image`: the page's ink (not 0), without its rules."""
    ink = image[box.top : box.bottom, box.left : box.right] != 0
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


def _cells_of_rows(image: np.ndarray, box: Box, gap: float) -> list[int]:
    """For each printed row inside a box: into how many pieces gaps `gap` wide cut it."""
    counts = []
    for row in _printed_rows(image, box):
        inked = np.flatnonzero(row)
        gaps = _runs(~row[inked[0] : inked[-1] + 1]) if inked.size else []
        counts.append(1 + sum(g >= gap for g in gaps) if inked.size else 0)
    return counts


def _white_channels(image: np.ndarray, box: Box, settings: LayoutParameters,
                    scale: Scale) -> int:
    """Vertical white stripes through (nearly) every row of a block: a table's column gaps.
    The gaps between the words of justified text do not line up."""
    rows = _printed_rows(image, box)
    if len(rows) < settings.table_min_rows:
        return 0
    white_share = 1.0 - np.mean(np.stack(rows), axis=0)
    columns = np.arange(box.width)
    lefts = np.array([np.argmax(r) for r in rows])
    rights = np.array([len(r) - np.argmax(r[::-1]) for r in rows])
    inner = (columns > np.median(lefts)) & (columns < np.median(rights))
    channel = (white_share >= settings.channel_white_share) & inner
    wide = scale.lines(settings.channel_min_width_lines)
    return sum(run >= wide for run in _runs(channel))


def _is_table(run: list[Region], image: np.ndarray, settings: LayoutParameters,
              scale: Scale) -> bool:
    gap = scale.lines(settings.table_cell_gap_lines)
    counts = [c for r in run for c in _cells_of_rows(image, r.box, gap)]
    cut = sum(c >= settings.table_min_cells for c in counts)
    return len(counts) >= settings.table_min_rows and \
        cut >= settings.table_cut_rows_share * len(counts) and \
        _white_channels(image, union_all([r.box for r in run]), settings, scale) >= \
        settings.table_min_channels


def tables_without_rules(regions: list[Region], image: np.ndarray,
                         settings: LayoutParameters, scale: Scale) -> list[Region]:
    """A block of short rows, most of them cut into three or more columns by wide gaps, is a
    table printed without rules: it is kept as an image, not read as text. `image`: the
    page's ink (not 0), without its rules."""
    width = image.shape[1]

    def narrow(region: Region) -> bool:
        return region.kind is RegionKind.TEXT and \
            region.box.height <= scale.lines(settings.table_block_max_lines) and \
            region.box.width < width * settings.table_block_max_share

    def aligned(region: Region, run: list[Region]) -> bool:
        last = run[-1].box
        overlap = min(last.right, region.box.right) - max(last.left, region.box.left)
        return region.column == run[-1].column and \
            overlap >= settings.table_row_overlap_share * min(last.width, region.box.width) \
            and region.box.top - last.bottom < scale.lines(settings.table_row_gap_lines)

    result: list[Region] = []
    run: list[Region] = []

    def close_run() -> None:
        if run and _is_table(run, image, settings, scale):
            result.append(Region(RegionKind.IMAGE, union_all([r.box for r in run]),
                                 run[0].column, reason=TABLE_WITHOUT_RULES))
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
