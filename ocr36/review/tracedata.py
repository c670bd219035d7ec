"""The trace (trace.json) as records: what the converter saw on each page and which boxes
each block was read from. Its JSON Schema: ocr36/schemas/trace.schema.json."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ocr36 import records
from ocr36.corrections.record import Correction
from ocr36.model import Box

TRACE_VERSION = 1
OMIT = {"omit": True}
"""Field metadata: left out of the JSON when None."""

BoxList = tuple[int, int, int, int]
"""[left, top, width, height] in pixels of the clean (upright, deskewed) page."""
PageBoxList = tuple[int, int, int, int, int]
"""[page, left, top, width, height]."""
WordEntry = tuple[str, int, int, int, int, float]
"""[text, left, top, width, height, confidence]."""


def box_of(box: Box) -> BoxList:
    return (box.left, box.top, box.width, box.height)


@dataclass(frozen=True)
class TraceRegion:
    """A region of the layout: a band dropped (with the reason), or text or an image in
    reading order (0: a search-report sheet)."""

    kind: str
    box: BoxList
    id: str | None = field(default=None, metadata=OMIT)
    """The region's id on its page ("r3"); None for a search-report sheet."""
    rule: str | None = field(default=None, metadata=OMIT)
    """The layout rule that decided the region, and the profile key that governs it."""
    key: str | None = field(default=None, metadata=OMIT)
    band: str | None = field(default=None, metadata=OMIT)
    reason: str | None = field(default=None, metadata=OMIT)
    order: int | None = field(default=None, metadata=OMIT)
    column: int | None = field(default=None, metadata=OMIT)
    file: str | None = field(default=None, metadata=OMIT)
    content: str | None = field(default=None, metadata=OMIT)


@dataclass(frozen=True)
class TraceLine:
    box: BoxList
    text: str
    block: str | None
    """The id of the block the line was read into (None: into none)."""
    region: str | None = field(default=None, metadata=OMIT)
    """The id of the text region the line was read in."""


@dataclass(frozen=True)
class TracePage:
    number: int
    kind: str
    width: int
    height: int
    dpi: int
    columns: int
    skew: float
    rotation: int
    mean_confidence: float
    warnings: tuple[str, ...]
    image: str
    image_width: int
    regions: tuple[TraceRegion, ...]
    lines: tuple[TraceLine, ...]
    words: tuple[WordEntry, ...]
    corrections: tuple[Correction, ...] = ()
    """The changes the correction rules made to the text read on this page."""


@dataclass(frozen=True)
class TraceBlock:
    """A paragraph, heading or claim, and the line boxes it was read from."""

    id: str
    kind: str
    section: str
    num: str
    text: str
    boxes: tuple[PageBoxList, ...]
    num_box: PageBoxList | None
    """The printed number's box, where the block starts with one."""


@dataclass(frozen=True)
class Trace:
    version: int
    package: str
    source: str
    profile: str
    profile_sha256: str
    low_confidence: float
    bookmarks: Mapping[str, int]
    warnings: tuple[str, ...]
    pages: tuple[TracePage, ...]
    blocks: tuple[TraceBlock, ...]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = records.to_json(self)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Trace:
        return records.from_json(cls, data)

    def dumps(self) -> str:
        """The trace as written: compact JSON."""
        return records.dumps(self, indent=None).rstrip("\n")
