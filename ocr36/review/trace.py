"""What the converter saw, recorded beside a package: `OUT/NAME.review/trace.json` + PNGs.

The package holds only what PATENTSCOPE loads. The review needs more: the regions of each
page, the bands that were dropped and why, every word with its confidence, and which box
each paragraph, heading and claim was read from. That is the trace, a JSON file:

    {"version": 1, "package": NAME, "source": PATH, "profile": NAME, "low_confidence": 60,
     "bookmarks": {section: page}, "warnings": [...],
     "pages": [{"number", "kind", "width", "height", "dpi", "skew", "rotation",
                "mean_confidence", "warnings", "image": "page-0001.png", "image_width",
                "corrections": [{"rule", "page", "before", "after"}],
                "regions": [{"order", "kind", "box", "band", "reason", "file", "content"}],
                "lines": [{"box", "text", "block"}],
                "words": [[text, left, top, width, height, confidence]]}],
     "blocks": [{"id", "kind", "section", "num", "text", "boxes": [[page, l, t, w, h]],
                 "num_box": [page, l, t, w, h] | null}]}

Boxes are [left, top, width, height] in pixels of the clean (upright, deskewed) page.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
from PIL import Image

from ocr36.errors import FileAccess
from ocr36.model import (
    Box,
    ClaimRef,
    Document,
    Heading,
    ImageRef,
    Inline,
    Line,
    PageBox,
    PageResult,
    Paragraph,
    Region,
    RegionKind,
    Text,
)
from ocr36.profile import Profile
from ocr36.review.tracedata import (
    TRACE_VERSION,
    PageBoxList,
    Trace,
    TraceBlock,
    TraceLine,
    TracePage,
    TraceRegion,
    box_of,
)
from ocr36.structure.body import claim_number

TRACE_NAME = "trace.json"
IMAGE_WIDTH = 1000
"""Width in pixels of the page images of the review (about 100 dpi for an A4 page)."""


def review_folder(package: Path) -> Path:
    """Where the review of a package lives: beside it, never inside it."""
    return package.parent / f"{package.name}.review"


def content_text(content: Sequence[Inline]) -> str:
    parts: list[str] = []
    for item in content:
        if isinstance(item, Text | ClaimRef):
            parts.append(item.text)
        elif isinstance(item, ImageRef):
            parts.append(f" [{item.file}] ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


BAND_TEXTS: dict[str, str] = {
    "within-header-band": "running header: it lies within the top {header_mm:g} mm "
                          "(layout.header_mm, {key})",
    "within-footer-band": "page number: it lies within the bottom {footer_mm:g} mm "
                          "(layout.footer_mm, {key})",
    "left-of-margin": "line numbers: left of the {left_margin_mm:g} mm margin "
                      "({key}, layout.drop_line_numbers)",
    "numbers-on-line-grid": "line numbers: small numbers on a grid of every fifth line, in "
                            "the margin or between the columns ({key})",
    "numbers-in-gutter": "line numbers: small numbers in the gutter between the columns "
                         "({key})",
    "right-of-margin": "margin: right of the {right_margin_mm:g} mm margin ({key})",
    "speck-beside-text": "margin: small marks beside the text, too small to be text ({key})",
    "straight-line": "rule: a printed line, not text ({key})",
    "thin-line": "rule: a printed line, not text ({key})",
}
"""Why a band was dropped, by the rule the layout decided it by; {key} is the profile key
that governed it, the others are the profile's layout values."""


def band_reason(region: Region, profile: Profile) -> str:
    """Why a band was dropped, naming the profile keys that decided it."""
    reason = region.reason
    text = BAND_TEXTS.get(reason.rule) if reason is not None else None
    if reason is None or text is None:
        return f"{region.band}: dropped by the layout"
    return text.format(key=reason.key, **asdict(profile.layout))


def _block_entries(document: Document) -> list[tuple[str, str, str, str, tuple[PageBox, ...]]]:
    """(kind, section, num, text, boxes) for every text block, in document order."""
    entries: list[tuple[str, str, str, str, tuple[PageBox, ...]]] = []
    for paragraph in document.abstract:
        entries.append(("abstract", "abstract", paragraph.num, content_text(paragraph.content),
                        paragraph.boxes))
    for block in document.description:
        if isinstance(block, Heading):
            entries.append(("heading", "description", "", block.text, block.boxes))
        elif isinstance(block, Paragraph):
            entries.append(("paragraph", "description", block.num,
                            content_text(block.content), block.boxes))
    for claim_set in document.claims:
        for claim in claim_set.claims:
            entries.append(("claim", f"claims:{claim_set.lang}", str(claim.num),
                            content_text(claim.content), claim.boxes))
    return entries


def _key(page: int, box: Box) -> PageBoxList:
    return (page, box.left, box.top, box.width, box.height)


def _num_box(kind: str, boxes: tuple[PageBox, ...], lines: dict[PageBoxList, Line],
             profile: Profile) -> PageBoxList | None:
    """The printed paragraph or claim number: the first word of the first line, if it is one."""
    if kind not in ("paragraph", "claim") or not boxes:
        return None
    first = boxes[0]
    line = lines.get(_key(first.page, first.box))
    if line is None or not line.words:
        return None
    word = line.words[0]
    start = " ".join(w.text for w in line.words[:2]) + " "
    found = profile.numbering.paragraph.match(start) if kind == "paragraph" \
        else claim_number(profile.numbering.claim, start)
    if found and found.end(1) <= len(word.text):
        return _key(first.page, word.box)
    return None


def build_trace(pages: Sequence[PageResult], document: Document, profile: Profile,
                package: str, source: Path) -> Trace:
    """The trace of a conversion (page images are written separately)."""
    lines_at = {_key(page.number, line.box): line for page in pages
                for line in page.text.lines}
    blocks, block_of_line = _blocks(document, lines_at, profile)
    return Trace(
        version=TRACE_VERSION, package=package, source=str(source.resolve()),
        profile=profile.name, profile_sha256=profile.sha256,
        low_confidence=profile.review.low_confidence, bookmarks=dict(document.bookmarks),
        warnings=tuple(document.warnings),
        pages=tuple(_page(page, document, profile, block_of_line) for page in pages),
        blocks=blocks)


def _blocks(document: Document, lines_at: dict[PageBoxList, Line], profile: Profile
            ) -> tuple[tuple[TraceBlock, ...], dict[PageBoxList, str]]:
    """Every text block, and the block each line box was read into."""
    blocks: list[TraceBlock] = []
    block_of_line: dict[PageBoxList, str] = {}
    for index, (kind, section, num, text, boxes) in enumerate(_block_entries(document), 1):
        block_id = f"b{index}"
        blocks.append(TraceBlock(
            id=block_id, kind=kind, section=section, num=num, text=text,
            boxes=tuple(_key(b.page, b.box) for b in boxes),
            num_box=_num_box(kind, boxes, lines_at, profile)))
        for box in boxes:
            block_of_line.setdefault(_key(box.page, box.box), block_id)
    return tuple(blocks), block_of_line


def _containing(document: Document, page: int, box: Box) -> tuple[str, str]:
    """The illustration cut around an image region (a drawing sheet's figure holds all the
    sheet's pictures): its file and kind, or empty."""
    x, y = box.left + box.width / 2, box.top + box.height / 2
    for item in document.illustrations:
        cut = item.box
        if item.page == page and cut.left <= x <= cut.left + cut.width and \
                cut.top <= y <= cut.top + cut.height:
            return item.file, item.kind.value
    return "", ""


def _regions(page: PageResult, document: Document, profile: Profile) -> list[TraceRegion]:
    """The page's regions in layout order (bands with why they were dropped), then its
    search-report sheet, if it is one."""
    files = {_key(i.page, i.box): (i.file, i.kind.value) for i in document.illustrations}
    regions: list[TraceRegion] = []
    order = 0
    for region in page.layout.regions:
        entry = TraceRegion(kind=region.kind.value, box=box_of(region.box),
                            id=region.id or None,
                            rule=region.reason.rule if region.reason else None,
                            key=region.reason.key if region.reason and region.reason.key
                            else None)
        if region.kind is RegionKind.BAND:
            entry = replace(entry, band=region.band,
                            reason=band_reason(region, profile))
        else:
            order += 1
            entry = replace(entry, order=order, column=region.column)
        if region.kind is RegionKind.IMAGE:
            file, content = files.get(_key(page.number, region.box)) or \
                _containing(document, page.number, region.box)
            entry = replace(entry, file=file, content=content)
        regions.append(entry)
    regions.extend(TraceRegion(kind="image", box=box_of(sheet.box), order=0, file=sheet.file,
                               content="search-report")
                   for sheet in document.search_report_pages if sheet.page == page.number)
    return regions


def _page(page: PageResult, document: Document, profile: Profile,
          block_of_line: dict[PageBoxList, str]) -> TracePage:
    report = next((p for p in document.pages if p.number == page.number), None)
    lines = page.text.lines
    return TracePage(
        number=page.number, kind=report.kind.value if report else "",
        width=page.layout.width, height=page.layout.height, dpi=page.dpi,
        columns=page.layout.columns, skew=round(page.skew, 2), rotation=page.rotation,
        mean_confidence=round(page.text.mean_confidence, 1), warnings=tuple(page.warnings),
        image=f"page-{page.number:04d}.png",
        image_width=min(IMAGE_WIDTH, page.layout.width),
        regions=tuple(_regions(page, document, profile)),
        lines=tuple(TraceLine(box=box_of(line.box), text=line.text,
                              block=block_of_line.get(_key(page.number, line.box)),
                              region=line.region or None)
                    for line in lines),
        words=tuple((w.text, *box_of(w.box), round(w.confidence, 1))
                    for line in lines for w in line.words),
        corrections=tuple(c for c in document.corrections if c.page == page.number))


def page_png(bitmap: np.ndarray, path: Path, width: int = IMAGE_WIDTH) -> None:
    """A downscaled gray PNG of a page (smoothed, so that small print stays readable)."""
    image = Image.fromarray(bitmap)
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)),
                             Image.Resampling.BOX)
    image = image.quantize(colors=16, dither=Image.Dither.NONE)
    image.save(path, optimize=True)


def write_trace(pages: Sequence[PageResult], document: Document, profile: Profile,
                package: Path, source: Path) -> Path:
    """Write the trace and the page images into the review folder beside `package`.

    The folder is built aside and renamed into place: an older review is replaced whole.
    """
    folder = review_folder(package)
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    partial.chmod(0o755)
    try:
        trace = build_trace(pages, document, profile, package.name, source)
        for page in pages:
            page_png(page.page_bitmap(), partial / f"page-{page.number:04d}.png")
        (partial / TRACE_NAME).write_text(trace.dumps(), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        partial.rename(folder)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise FileAccess(f"{folder}: the review cannot be written ({error.strerror})") \
            from error
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def read_trace(folder: Path) -> Trace:
    path = folder / TRACE_NAME
    try:
        return Trace.from_json(json.loads(path.read_text("utf-8")))
    except OSError as error:
        raise FileAccess(f"{path}: cannot be read ({error.strerror})") from error
    except (ValueError, KeyError, TypeError) as error:
        raise FileAccess(f"{path}: not a trace ({error!r})",
                         remedy="Convert the document again with --review.") from error
