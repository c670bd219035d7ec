"""Layout of a page: text and images in reading order, columns, and the dropped bands, each
region with its id and the reason it was decided."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ocr36.layout.bands import (
    GUTTER_NUMBERS,
    LINE_GRID,
    RULE,
    SPECK,
    THIN_LINE,
    band_of,
    margin_numbers,
    margin_specks,
)
from ocr36.layout.borders import SCAN_BORDER, scan_borders
from ocr36.layout.columns import column_runs_on, zones
from ocr36.layout.geometry import Scale
from ocr36.layout.images import absorb_into_images, merge_images
from ocr36.layout.order import zone_regions
from ocr36.layout.rules import find_rules, is_thin_line, line_blobs, typical_line_height
from ocr36.layout.tables import RULED_TABLE, ruled_tables, tables_without_rules
from ocr36.model import Box, CleanPage, PageLayout, Reason, Region, RegionKind
from ocr36.profile import LayoutParameters


@dataclass
class _Sorting:
    """The page's blobs as they are sorted into bands, rules, images and text."""

    bands: list[Region] = field(default_factory=list)
    rules: list[Box] = field(default_factory=list)
    thin: list[Box] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)
    text: list[Box] = field(default_factory=list)
    tables: list[Box] = field(default_factory=list)

    def drop(self, boxes: list[Box], band: str, reason: Reason) -> None:
        self.bands.extend(Region(RegionKind.BAND, b, band=band, reason=reason) for b in boxes)


def _sort_blobs(page: CleanPage, settings: LayoutParameters, first_page: bool,
                scale: Scale) -> tuple[_Sorting, np.ndarray, Scale]:
    """Rules, bands by the profile's margins, drawn lines, images and text; the ink
    without the rules; the page's scale with its line height."""
    height, width = page.image.shape
    rules, ink = find_rules(page.image, settings, scale)
    blobs = line_blobs(ink, settings, scale)
    scale = replace(scale, line_height=typical_line_height(blobs, settings, scale))
    sorting = _Sorting(rules=rules)
    for box in blobs:
        band = band_of(box, Box(0, 0, width, height), settings, page.dpi, first_page)
        if band:
            sorting.drop([box], *band)
        elif is_thin_line(box, settings, scale):
            sorting.rules.append(box)
            sorting.thin.append(box)
        elif box.height > scale.lines(settings.min_image_lines):
            sorting.images.append(box)
        else:
            sorting.text.append(box)
    _drop_borders(sorting, Box(0, 0, width, height), settings, scale)
    return sorting, ink, scale


def _drop_borders(sorting: _Sorting, page: Box, settings: LayoutParameters,
                  scale: Scale) -> None:
    """A scanner's border strips and their remnants dropped, before they join anything."""
    borders, clinging = scan_borders(sorting.rules, [*sorting.images, *sorting.text], page,
                                     settings, scale)
    if not borders:
        return
    sorting.drop([*borders, *clinging], "margin", SCAN_BORDER)
    gone = {*borders, *clinging}
    sorting.rules = [b for b in sorting.rules if b not in gone]
    sorting.thin = [b for b in sorting.thin if b not in gone]
    sorting.images = [b for b in sorting.images if b not in gone]
    sorting.text = [b for b in sorting.text if b not in gone]


def _pictures(sorting: _Sorting, settings: LayoutParameters, first_page: bool,
              scale: Scale) -> None:
    """Tables of rules and drawings made whole, with their labels; line numbers and specks
    in the margins dropped."""
    if not first_page:  # the front page's fields may stand in boxes: they are read
        sorting.tables, sorting.rules = ruled_tables(sorting.rules, settings, scale)
        sorting.images.extend(sorting.tables)
    sorting.images, sorting.rules = merge_images(sorting.images, sorting.rules, settings, scale)
    for _ in range(2):  # reagents over an arrow join the scheme once the arrow has joined it
        sorting.text, sorting.images = absorb_into_images(sorting.text, sorting.images,
                                                          settings, scale)
        sorting.images, sorting.rules = merge_images(sorting.images, sorting.rules, settings,
                                                     scale)
    if settings.drop_line_numbers and not first_page:
        numbers = margin_numbers(sorting.text, settings, scale)
        sorting.drop(numbers, "line-numbers", LINE_GRID)
        sorting.text = [b for b in sorting.text if b not in numbers]
    specks = margin_specks(sorting.text, settings, scale)
    sorting.drop(specks, "margin", SPECK)
    sorting.text = [b for b in sorting.text if b not in specks]
    for rule in sorting.rules:
        reason = THIN_LINE if rule in sorting.thin else RULE
        sorting.drop([rule], "rule", reason)


def analyse(page: CleanPage, settings: LayoutParameters, first_page: bool = False) -> PageLayout:
    """Find the regions of a page: text and images in reading order, then the dropped bands."""
    height, width = page.image.shape
    sorting, ink, scale = _sort_blobs(page, settings, first_page, Scale(page.dpi))
    _pictures(sorting, settings, first_page, scale)
    body = [*sorting.text, *sorting.images]
    body_width = (max(b.right for b in body) - min(b.left for b in body)) if body else width
    cuts = zones(body, sorting.rules, body_width, settings, scale)
    if settings.columns in ("2", "auto"):
        cuts = column_runs_on(cuts, (sorting.text, sorting.images), Box(0, 0, width, height),
                              settings, scale)
    regions: list[Region] = []
    columns = 1
    for top, bottom in zip([0, *cuts], [*cuts, height], strict=True):
        zone = ([b for b in sorting.text if top <= b.center_y < bottom],
                [b for b in sorting.images if top <= b.center_y < bottom])
        zone_found, gutter, split = zone_regions(zone, width, settings, scale)
        if split is not None:
            columns = 2
        sorting.drop(gutter, "line-numbers", GUTTER_NUMBERS)
        regions.extend(zone_found)
    regions = tables_without_rules(regions, ink, settings, scale)
    bands = sorted(sorting.bands, key=lambda r: (r.band, r.box.top, r.box.left))
    found = [_with_table_reason(r, sorting.tables) for r in (*regions, *bands)]
    return PageLayout(number=page.number, width=width, height=height, columns=columns,
                      regions=tuple(replace(r, id=f"r{i}") for i, r in enumerate(found, 1)))


def _with_table_reason(region: Region, tables: list[Box]) -> Region:
    """An image that holds a table of rules was decided by that table."""
    if region.kind is RegionKind.IMAGE and region.reason is not RULED_TABLE and any(
            region.box.union(table) == region.box for table in tables):
        return replace(region, reason=RULED_TABLE)
    return region
