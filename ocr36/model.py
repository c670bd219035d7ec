"""The data that passes between stages: frozen dataclasses, one per thing in the domain.

Pixel coordinates are in the page's own frame after preprocessing (upright, deskewed), with
the origin at the top left. Page numbers are 1-based, as printed in bookmarks and manifests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ocr36.corrections.record import Correction

Bitmap = npt.NDArray[np.uint8]
"""A page or crop: 2-D uint8, 0 = ink (black), 255 = paper (white)."""


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def center_x(self) -> float:
        return self.left + self.width / 2

    @property
    def center_y(self) -> float:
        return self.top + self.height / 2

    def union(self, other: Box) -> Box:
        left, top = min(self.left, other.left), min(self.top, other.top)
        right, bottom = max(self.right, other.right), max(self.bottom, other.bottom)
        return Box(left, top, right - left, bottom - top)

    def as_list(self) -> list[int]:
        return [self.left, self.top, self.width, self.height]


# --- ingest -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One input document: a multi-page TIFF or a folder of page images."""

    path: Path
    sha256: str
    page_files: tuple[Path, ...]
    """One entry per page; a multi-page TIFF repeats its own path."""
    frame_indexes: tuple[int, ...]
    """Frame of each page inside its file (0 for single-image files)."""

    @property
    def page_count(self) -> int:
        return len(self.page_files)


@dataclass(frozen=True)
class SourcePage:
    """A page as read from the source: 8-bit gray, with the resolution it is taken at."""

    number: int
    image: Bitmap
    dpi: int
    dpi_from_file: bool
    """False when the file had no usable DPI and the profile's fallback was used."""


# --- preprocess ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanPage:
    """A page after preprocessing: binary (0/255), upright, deskewed, at 300 dpi."""

    number: int
    image: Bitmap
    gray: Bitmap
    """The upright, deskewed gray page before binarisation (for OCR and image crops)."""
    dpi: int
    skew: float
    """Degrees of rotation applied to deskew (counter-clockwise positive)."""
    rotation: int
    """Quarter turns applied to make the page upright: 0, 90, 180 or 270 degrees."""
    scale: float
    """Factor applied to reach the working resolution."""
    warnings: tuple[str, ...] = ()
    orientation_checked: bool = False
    """Whether Tesseract's orientation detection has looked at the page."""


# --- layout -------------------------------------------------------------------------------


class RegionKind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    BAND = "band"
    """Layout noise the profile drops: running header, page number, line numbers, margin."""


@dataclass(frozen=True)
class Reason:
    """Why the layout decided a region: the rule that did, and the profile key governing it."""

    rule: str
    """A short name: within-header-band, numbers-on-line-grid, taller-than-lines ..."""
    key: str = ""
    """The profile key (layout.drop_running_header ...), or "" when none governs it."""


@dataclass(frozen=True)
class Region:
    kind: RegionKind
    box: Box
    column: int = 0
    """0-based column for text regions (0 also for full-width regions)."""
    band: str = ""
    """For BAND regions: running-header, page-number, line-numbers, margin or rule."""
    id: str = ""
    """Stable on its page ("r1", "r2" ... in the order of PageLayout.regions)."""
    reason: Reason | None = None


@dataclass(frozen=True)
class PageLayout:
    number: int
    width: int
    height: int
    columns: int
    regions: tuple[Region, ...]
    """Text and image regions in reading order, followed by the dropped bands."""

    @property
    def text_regions(self) -> tuple[Region, ...]:
        return tuple(r for r in self.regions if r.kind is RegionKind.TEXT)

    @property
    def image_regions(self) -> tuple[Region, ...]:
        return tuple(r for r in self.regions if r.kind is RegionKind.IMAGE)

    def region(self, region_id: str) -> Region:
        """The region with this id (KeyError when the page has none)."""
        for region in self.regions:
            if region.id == region_id:
                return region
        raise KeyError(region_id)


# --- ocr ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    confidence: float
    """Tesseract's word confidence, 0 to 100."""
    bold: bool = False


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]
    box: Box
    region: str
    """Id of the text region the line belongs to (Region.id)."""

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class PageText:
    number: int
    lines: tuple[Line, ...]
    """All text lines of the page in reading order."""

    @property
    def mean_confidence(self) -> float:
        confidences = [w.confidence for line in self.lines for w in line.words]
        return float(sum(confidences) / len(confidences)) if confidences else 0.0


# --- structure ----------------------------------------------------------------------------


class PageKind(StrEnum):
    FRONT = "front"
    DESCRIPTION = "description"
    CLAIMS = "claims"
    DRAWINGS = "drawings"
    SEARCH_REPORT = "search-report"
    BLANK = "blank"


class IllustrationKind(StrEnum):
    """What a non-text region is; the value is ST.36's img-content."""

    CHEMISTRY = "chem"
    MATHS = "math"
    TABLE = "table"
    DRAWING = "drawing"


@dataclass(frozen=True)
class Illustration:
    """A region kept as an image: written as a 1-bit G4 TIFF and referenced from the XML."""

    file: str
    """Bare file name in the package, e.g. imgb0001.tif, imgf0001.tif, imgaf001.tif."""
    kind: IllustrationKind
    page: int
    box: Box
    image: Bitmap
    """The crop itself, 0/255, at `dpi`."""
    dpi: int = 300
    num: str = ""
    """Printed number or label (figure "1", formula "0001"); empty when none."""
    landscape: bool = False


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class PageMark:
    """Where a new page starts inside running text (written as <?page n="N"?>)."""

    page: int


@dataclass(frozen=True)
class ImageRef:
    """An illustration standing inside running text."""

    file: str


@dataclass(frozen=True)
class ClaimRef:
    """A reference to another claim ("claim 1"): text as printed, target claim numbers."""

    text: str
    targets: tuple[int, ...]


Inline = Text | PageMark | ImageRef | ClaimRef


@dataclass(frozen=True)
class PageBox:
    """Where a piece of the document was read: a box on a page (for the review pages)."""

    page: int
    box: Box


@dataclass(frozen=True)
class Heading:
    text: str
    page: int
    level: int = 1
    boxes: tuple[PageBox, ...] = ()
    """The lines it was read from."""


@dataclass(frozen=True)
class Paragraph:
    num: str
    """Printed number without brackets ("0001"); assigned in sequence when none was printed."""
    content: tuple[Inline, ...]
    boxes: tuple[PageBox, ...] = ()
    """The lines and images it was read from."""


Block = Heading | Paragraph


@dataclass(frozen=True)
class Claim:
    num: int
    content: tuple[Inline, ...]
    boxes: tuple[PageBox, ...] = ()
    """The lines and images it was read from."""


@dataclass(frozen=True)
class ClaimSet:
    lang: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Figure:
    num: str
    file: str
    """The Illustration file that holds the figure."""
    page: int


@dataclass(frozen=True)
class Party:
    name: str
    address: str = ""
    country: str = ""


@dataclass(frozen=True)
class Priority:
    country: str
    doc_number: str
    date: str
    """YYYYMMDD."""


@dataclass(frozen=True)
class Title:
    lang: str
    text: str


@dataclass(frozen=True)
class Bibliographic:
    """The front-page data (INID codes) in ST.36 terms; empty strings where unknown."""

    country: str
    doc_number: str = ""
    kind: str = ""
    publication_date: str = ""
    application_number: str = ""
    filing_date: str = ""
    priorities: tuple[Priority, ...] = ()
    ipc: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()
    applicants: tuple[Party, ...] = ()
    inventors: tuple[Party, ...] = ()
    assignees: tuple[Party, ...] = ()
    agents: tuple[Party, ...] = ()


@dataclass(frozen=True)
class PageReport:
    """What the manifest says of one page."""

    number: int
    kind: PageKind
    skew: float
    rotation: int
    mean_confidence: float
    dpi: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A patent publication as the structure stage understood it, ready for the writer."""

    office: str
    """ST.3 code of the publishing office, upper case (EP, US, PH ...)."""
    lang: str
    """ISO 639-1 language of the publication."""
    bibliographic: Bibliographic
    abstract: tuple[Paragraph, ...] = ()
    description: tuple[Block, ...] = ()
    claims: tuple[ClaimSet, ...] = ()
    figures: tuple[Figure, ...] = ()
    illustrations: tuple[Illustration, ...] = ()
    search_report_pages: tuple[Illustration, ...] = ()
    """Whole pages kept as doc-page images (srep0001.tif ...)."""
    bookmarks: dict[str, int] = field(default_factory=dict)
    """Section -> first page (1-based): abstract, description, claims, claims:de, drawings..."""
    pages: tuple[PageReport, ...] = ()
    warnings: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    """Every change the correction rules made to the text, in document order."""


@dataclass(frozen=True)
class PageResult:
    """Everything the page stages found on one page: what the structure stage reads."""

    number: int
    layout: PageLayout
    text: PageText
    crops: Mapping[str, Bitmap]
    """A 0/255 crop of each image region, by region id."""
    packed_page: bytes
    """The whole clean page, 1 bit per pixel (numpy packbits, 1 = ink)."""
    skew: float
    rotation: int
    dpi: int
    warnings: tuple[str, ...] = ()

    @staticmethod
    def pack(bitmap: Bitmap) -> bytes:
        return np.packbits(bitmap == 0).tobytes()

    def page_bitmap(self) -> Bitmap:
        """The clean page as 0/255 uint8 again."""
        count = self.layout.width * self.layout.height
        ink = np.unpackbits(np.frombuffer(self.packed_page, dtype=np.uint8), count=count)
        return np.where(ink.reshape(self.layout.height, self.layout.width) == 1, 0, 255).astype(
            np.uint8
        )
