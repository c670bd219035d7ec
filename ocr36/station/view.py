"""What the document view shows: the draft's blocks beside the pages of the review trace
(the overlays of the review pages: each block's line boxes, the words read with low
confidence), each block linked to its boxes."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ocr36.review.trace import TRACE_NAME
from ocr36.station.blocks import Block, blocks, parse
from ocr36.station.documents import Package
from ocr36.station.quality import LOW_CONFIDENCE

Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class PageView:
    number: int
    image: str
    width: int
    height: int
    boxes: tuple[tuple[str, str, Rect], ...]
    """(trace block id, kind, box) of each line of a block."""
    low: tuple[tuple[str, float, Rect], ...]
    """(text, confidence, box) of each uncertain word."""


@dataclass(frozen=True)
class BlockView:
    block: Block
    trace: str
    """The id of the trace block read into it ('' where none is known)."""
    uncertain: tuple[str, ...]
    """Its words read with low confidence, in reading order."""


@dataclass(frozen=True)
class DocumentView:
    pages: tuple[PageView, ...]
    blocks: tuple[BlockView, ...]
    has_trace: bool


def _trace(package: Package) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((package.review / TRACE_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data


def _link(found: Sequence[Block], trace_blocks: Sequence[Mapping[str, Any]]) -> list[str]:
    """The trace block of each block: paragraphs and claims by number, the abstract and the
    headings in order."""
    by_number = {(b["kind"], b["section"], b["num"].lstrip("0")): b["id"] for b in trace_blocks}
    headings = [b["id"] for b in trace_blocks if b["kind"] == "heading"]
    abstracts = [b["id"] for b in trace_blocks if b["kind"] == "abstract"]
    linked = []
    for block in found:
        if block.kind == "heading":
            linked.append(headings.pop(0) if headings else "")
        elif block.kind == "abstract":
            linked.append(abstracts.pop(0) if abstracts else "")
        else:
            key = (block.kind, block.section, block.label.lstrip("0"))
            linked.append(by_number.get(key, ""))
    return linked


def _inside(word: Sequence[Any], box: Sequence[int]) -> bool:
    x, y = word[1] + word[3] / 2, word[2] + word[4] / 2
    return bool(box[1] <= x <= box[1] + box[3] and box[2] <= y <= box[2] + box[4])


def document_view(package: Package, xml: bytes, image_url: str) -> DocumentView:
    """The view of a draft; `image_url` formats a page image's name into its URL."""
    found = blocks(parse(xml))
    trace = _trace(package)
    if trace is None:
        return DocumentView((), tuple(BlockView(b, "", ()) for b in found), False)
    threshold = float(trace.get("low_confidence", LOW_CONFIDENCE))
    kinds = {b["id"]: b["kind"] for b in trace["blocks"]}
    lines: dict[int, list[tuple[str, Sequence[int]]]] = defaultdict(list)
    for block in trace["blocks"]:
        for box in block["boxes"]:
            lines[box[0]].append((block["id"], box))
    uncertain: dict[str, list[str]] = defaultdict(list)
    pages = []
    for page in trace["pages"]:
        low = [w for w in page["words"] if w[5] < threshold]
        for word in low:
            owner = next((b for b, box in lines[page["number"]] if _inside(word, box)), None)
            if owner:
                uncertain[owner].append(word[0])
        pages.append(PageView(
            page["number"], image_url.format(page["image"]), page["width"], page["height"],
            tuple((b, kinds[b], (box[1], box[2], box[3], box[4]))
                  for b, box in lines[page["number"]]),
            tuple((w[0], w[5], (w[1], w[2], w[3], w[4])) for w in low)))
    linked = _link(found, trace["blocks"])
    views = tuple(BlockView(b, t, tuple(uncertain.get(t, ()))) for b, t in zip(found, linked,
                                                                              strict=True))
    return DocumentView(tuple(pages), views, True)
