"""A region marked as an image: a block whose text is no text (a formula, a table, a drawing
read as words) becomes an `img` where ST.36 allows one, in its paragraph or its claim, the
region cut from the page as the package writer cuts figures: a 1-bit CCITT Group 4 TIFF at
300 dpi, its size in millimetres on the `img`.

The region is the block's own (its lines on the page, from the review trace) or a rectangle
the operator drew on the page. The page is cut from the review's image of it, brought back to
the page's own pixels and made bilevel: the station has the review beside the package, not
the scan's working bitmap.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from lxml import etree
from PIL import Image

from ocr36.model import IllustrationKind
from ocr36.preprocess.resolution import WORKING_DPI
from ocr36.st36.elements import add_child, image_id
from ocr36.station.blocks import plain_text
from ocr36.station.documents import Package, review_file
from ocr36.station.view import DocumentView, PageView, Rect
from ocr36.tiff import INK_THRESHOLD, encode_g4, size_mm

IMAGE_FILE = re.compile(r"imgb(\d{4})\.tif")
"""The images in the text, as the package writer names them (imgb0001.tif ...)."""
SHOWN_FILE = re.compile(r"img[a-z]{1,2}\d{3,4}\.tif")
"""The images of a package a URL may name (imgb0001.tif, imgf0001.tif, imgaf001.tif)."""
WRAPPERS = {IllustrationKind.CHEMISTRY: ("chemistry", "chem"),
            IllustrationKind.MATHS: ("maths", "math"),
            IllustrationKind.TABLE: ("tables", "tabl")}
"""The element ST.36 wraps an image of each kind in, and its id's prefix (as the writer)."""
HOLDERS = ("p", "claim")
"""The blocks that may become an image: a paragraph (description or abstract) or a claim."""
MIN_SIDE = 8
"""The smallest region, in pixels of the page, that is taken for an image."""


class RegionRefused(ValueError):
    """A region that cannot be cut: no page of that number, outside the page, too small."""


@dataclass(frozen=True)
class Region:
    page: int
    box: Rect
    """left, top, width, height in pixels of the clean page (the trace's boxes)."""


@dataclass(frozen=True)
class Cut:
    file: str
    region: Region
    kind: IllustrationKind
    tiff: bytes

    def describe(self) -> str:
        left, top, width, height = self.region.box
        return (f"image {self.file} ({self.kind.value}), page {self.region.page}: "
                f"{width}x{height} px at {left},{top}")


def block_region(view: DocumentView, block_id: str) -> Region | None:
    """The block's lines on the first page it is on, as one region (None: not in the trace)."""
    trace = next((b.trace for b in view.blocks if b.block.id == block_id), "")
    if not trace:
        return None
    for page in view.pages:
        boxes = [box for owner, _, box in page.boxes if owner == trace]
        if boxes:
            left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
            right = max(b[0] + b[2] for b in boxes)
            bottom = max(b[1] + b[3] for b in boxes)
            return Region(page.number, (left, top, right - left, bottom - top))
    return None


def cut(package: Package, view: DocumentView, region: Region, file: str,
        kind: IllustrationKind) -> Cut:
    """The region cut from its page's image as a G4 TIFF named `file`."""
    page = next((p for p in view.pages if p.number == region.page), None)
    if page is None:
        raise RegionRefused(f"the document has no page {region.page} in its review")
    left, top, width, height = _inside(region.box, page)
    path = review_file(package, page.image)
    if path is None:
        raise RegionRefused(f"the image of page {region.page} is missing from the review")
    with Image.open(path) as image:
        gray = image.convert("L")
    scale = gray.width / page.width
    crop = gray.crop((round(left * scale), round(top * scale), round((left + width) * scale),
                      round((top + height) * scale)))
    crop = crop.resize((width, height), Image.Resampling.BICUBIC)
    bitmap = np.where(np.asarray(crop) < INK_THRESHOLD, 0, 255).astype(np.uint8)
    return Cut(file, Region(region.page, (left, top, width, height)), kind,
               encode_g4(bitmap, WORKING_DPI))


def _inside(box: Rect, page: PageView) -> Rect:
    left, top = max(0, box[0]), max(0, box[1])
    right, bottom = min(page.width, box[0] + box[2]), min(page.height, box[1] + box[3])
    if right - left < MIN_SIDE or bottom - top < MIN_SIDE:
        raise RegionRefused(f"the region {box} is not a region of page {page.number} "
                            f"({page.width}x{page.height} px) of at least {MIN_SIDE} px a side")
    return left, top, right - left, bottom - top


def next_image_file(tree: etree._ElementTree, package: Path) -> str:
    """The next free imgb name: after every one the draft refers to or the package holds."""
    taken = [img.get("file", "") for img in tree.getroot().iter("img")]
    taken += [p.name for p in package.iterdir()] if package.is_dir() else []
    numbers = [int(m.group(1)) for m in map(IMAGE_FILE.fullmatch, taken) if m]
    return f"imgb{max(numbers, default=0) + 1:04d}.tif"


def put_image(element: etree._Element, cut: Cut) -> str:
    """Replace the block's content by the image (in the claim's claim-text for a claim), the
    wrapper its kind asks for around it; the text removed."""
    if element.tag not in HOLDERS:
        raise RegionRefused("only a paragraph or a claim is marked as an image (a heading: "
                            "make it a paragraph first)")
    before = plain_text(element)
    for child in list(element):
        element.remove(child)
    element.text = None
    holder = etree.SubElement(element, "claim-text") if element.tag == "claim" else element
    taken = {str(e.get("id")) for e in element.getroottree().getroot().iter() if e.get("id")}
    wrapper = WRAPPERS.get(cut.kind)
    if wrapper is not None:
        tag, prefix = wrapper
        count = len(element.getroottree().getroot().findall(f".//{tag}")) + 1
        holder = add_child(holder, tag, id=_unique(f"{prefix}{count:04d}", taken),
                           num=f"{count:04d}")
    _, _, width, height = cut.region.box
    add_child(holder, "img", id=_unique(image_id(cut.file), taken), file=cut.file,
              he=str(size_mm(height, WORKING_DPI)), wi=str(size_mm(width, WORKING_DPI)),
              img_content=cut.kind.value, img_format="tif", inline="no")
    return before


def image_png(package: Package, name: str, pending: Mapping[str, bytes]) -> bytes | None:
    """An image of the draft (cut, not approved yet: in `pending`) or of the package as a PNG,
    which a browser shows (a TIFF it does not); None where `name` names none."""
    if not SHOWN_FILE.fullmatch(name):
        return None
    data = pending.get(name)
    if data is None:
        path = package.path / name
        if not path.is_file():
            return None
        data = path.read_bytes()
    buffer = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        image.convert("1").save(buffer, "PNG")
    return buffer.getvalue()


def _unique(candidate: str, taken: Iterable[str]) -> str:
    """The candidate id, or with a -2, -3 ... suffix where it is taken (as the writer's Ids)."""
    used = set(taken)
    found, suffix = candidate, 1
    while found in used:
        suffix += 1
        found = f"{candidate}-{suffix}"
    return found
