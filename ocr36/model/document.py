"""The document as the structure stage understood it: front page, text, claims, images."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ocr36.corrections.record import Correction
from ocr36.model.geometry import Bitmap, Box, PackedBitmap
from ocr36.model.page import TextSource

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


@dataclass(frozen=True, slots=True)
class Illustration:
    """A region kept as an image: written as a 1-bit G4 TIFF and referenced from the XML."""

    file: str
    """Bare file name in the package, e.g. imgb0001.tif, imgf0001.tif, imgaf001.tif."""
    kind: IllustrationKind
    page: int
    box: Box
    image: Bitmap | PackedBitmap
    """The crop itself, 0/255, at `dpi`: packed from the page stage on (see `pixels`)."""
    dpi: int = 300
    num: str = ""
    """Printed number or label (figure "1", formula "0001"); empty when none."""
    landscape: bool = False

    def pixels(self) -> Bitmap:
        """The image as 0/255 uint8 (unpacked now, when it is held packed)."""
        return self.image.unpack() if isinstance(self.image, PackedBitmap) else self.image


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class PageMark:
    """Where a new page starts inside running text (written as <?page n="N"?>)."""

    page: int


@dataclass(frozen=True, slots=True)
class ImageRef:
    """An illustration standing inside running text."""

    file: str


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A reference to another claim ("claim 1"): text as printed, target claim numbers."""

    text: str
    targets: tuple[int, ...]


Inline = Text | PageMark | ImageRef | ClaimRef


@dataclass(frozen=True, slots=True)
class PageBox:
    """Where a piece of the document was read: a box on a page (for the review pages)."""

    page: int
    box: Box


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    page: int
    level: int = 1
    boxes: tuple[PageBox, ...] = ()
    """The lines it was read from."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    num: str
    """Printed number without brackets ("0001"); assigned in sequence when none was printed."""
    content: tuple[Inline, ...]
    boxes: tuple[PageBox, ...] = ()
    """The lines and images it was read from."""


Block = Heading | Paragraph


@dataclass(frozen=True, slots=True)
class Claim:
    num: int
    content: tuple[Inline, ...]
    boxes: tuple[PageBox, ...] = ()
    """The lines and images it was read from."""


@dataclass(frozen=True, slots=True)
class ClaimSet:
    lang: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    num: str
    file: str
    """The Illustration file that holds the figure."""
    page: int


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    address: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class Priority:
    country: str
    doc_number: str
    date: str
    """YYYYMMDD."""


@dataclass(frozen=True, slots=True)
class Title:
    lang: str
    text: str


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class PageReport:
    """What the manifest says of one page."""

    number: int
    kind: PageKind
    skew: float
    rotation: int
    mean_confidence: float
    dpi: int
    warnings: tuple[str, ...] = ()
    text_source: TextSource = TextSource.OCR
    """Where the page's text came from: OCR, or a born-digital PDF's text layer."""
    read_again_with: tuple[str, ...] | None = field(default=None, metadata={"omit": True})
    """The language packs the page was read again with, where it was (absent otherwise)."""


@dataclass(frozen=True, slots=True)
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
    field_sources: dict[str, str] = field(default_factory=dict)
    """Bibliographic field -> where its value came from: front-page, running-head,
    description (a title printed over it), profile, metadata or file-name."""
