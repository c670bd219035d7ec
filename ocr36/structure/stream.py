"""The document as one stream of events in reading order: text lines and image regions."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ocr36.model import DAMAGED_PAGE_RULE, Box, Line, PackedBitmap, PageResult, RegionKind


@dataclass(frozen=True)
class LineEvent:
    page: int
    line: Line
    region_lines: int
    """How many lines the line's region holds (1 for an isolated line such as a heading)."""
    gap_above: int
    """Pixels between this line and the previous one on the page (0 at the top of the page)."""

    @functools.cached_property
    def text(self) -> str:
        """The line's text, joined once: the sections and the body ask for it many times."""
        return self.line.text

    @property
    def bold(self) -> bool:
        words = self.line.words
        return bool(words) and sum(w.bold for w in words) * 2 > len(words)


@dataclass(frozen=True)
class ImageEvent:
    page: int
    box: Box
    crop: PackedBitmap
    whole_page: bool = False
    """A page kept whole as an image (its image data is damaged): never classified."""


Event = LineEvent | ImageEvent


def page_events(page: PageResult) -> Iterator[Event]:
    """A page's lines and images, interleaved in the layout's reading order."""
    lines_by_region: dict[str, list[Line]] = {}
    for line in page.text.lines:
        lines_by_region.setdefault(line.region, []).append(line)
    previous_bottom: int | None = None
    for region in page.layout.regions:
        if region.kind is RegionKind.IMAGE:
            kept = region.reason is not None and region.reason.rule == DAMAGED_PAGE_RULE
            yield ImageEvent(page.number, region.box, page.crops[region.id], kept)
            previous_bottom = region.box.bottom
        elif region.kind is RegionKind.TEXT:
            lines = lines_by_region.get(region.id, [])
            for line in lines:
                gap = 0 if previous_bottom is None else max(line.box.top - previous_bottom, 0)
                yield LineEvent(page.number, line, len(lines), gap)
                previous_bottom = line.box.bottom


def document_events(pages: Sequence[PageResult]) -> list[Event]:
    return [event for page in pages for event in page_events(page)]
