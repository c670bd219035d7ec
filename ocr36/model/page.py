"""A page through the page stages: as read from the source, preprocessed, laid out, read by
OCR, and what the structure stage reads of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ocr36.languages.scripts import join_words, joined_by_gaps
from ocr36.model.geometry import Bitmap, Box, PackedBitmap, shared_coordinate

# --- ingest -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: a multi-page TIFF or a folder of page images."""

    path: Path
    sha256: str
    page_files: tuple[Path, ...]
    """One entry per page; a multi-page TIFF repeats its own path."""
    frame_indexes: tuple[int, ...]
    """Frame of each page inside its file (0 for single-image files)."""
    stamps: tuple[tuple[str, int, int], ...] = ()
    """Each file's name, size and modification time (ns) when the source was opened: a file
    changed or removed while its pages are read is found by them."""

    @property
    def page_count(self) -> int:
        return len(self.page_files)


@dataclass(frozen=True, slots=True)
class SourcePage:
    """A page as read from the source: 8-bit gray, with the resolution it is taken at."""

    number: int
    image: Bitmap
    dpi: int
    dpi_from_file: bool
    """False when the file had no usable DPI and the profile's fallback was used."""
    text_layer: tuple[Line, ...] = ()
    """A born-digital page's words with their boxes, in this image's pixel frame (a PDF's
    trusted text layer; empty for images and for pages whose layer cannot be trusted)."""
    warnings: tuple[str, ...] = ()
    pictures: tuple[Box, ...] = ()
    """Where a born-digital page places images (drawings, scanned inserts), in this image's
    pixel frame: the ink inside them is judged by the layout, not by the text layer."""


# --- preprocess ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the layout decided a region: the rule that did, and the profile key governing it."""

    rule: str
    """A short name: within-header-band, numbers-on-line-grid, taller-than-lines ..."""
    key: str = ""
    """The profile key (layout.drop_running_header ...), or "" when none governs it."""


DAMAGED_PAGE_RULE = "damaged-page"
"""The rule of the one image region of a page whose image data is damaged, kept whole as an
image (the profile's ingest.damaged_page = "image")."""
KEPT_AS_IMAGE_NOTE = "it was not read and is kept as an image of the page as it decodes"
"""Ends the warning of such a page (after the file, the page and the decoder's complaint)."""


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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

WHOLE_CONFIDENCES = tuple(float(n) for n in range(101))
"""Tesseract gives whole confidences: a word come back from a worker holds one of these."""
SHARED_SPELLINGS = 1 << 14
"""At most this many word texts are held once for all the pages a process takes back (the
common words of a language: "the", "of", "claim" ...)."""
_spellings: dict[str, str] = {}


def _shared_text(text: str) -> str:
    held = _spellings.get(text)
    if held is not None:
        return held
    if len(_spellings) < SHARED_SPELLINGS:
        _spellings[text] = text
    return text


def _shared_confidence(confidence: float) -> float:
    if type(confidence) is float and 1.0 <= confidence <= 100.0 and confidence.is_integer():
        return WHOLE_CONFIDENCES[int(confidence)]
    return confidence


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: Box
    confidence: float
    """Tesseract's word confidence, 0 to 100."""
    bold: bool = False
    space_before: bool | None = None
    """Whether the engine read a space before the word (Tesseract's result iterator tells,
    its word table does not): None where it is not told, and the page's gaps decide."""


@dataclass(frozen=True, slots=True)
class Line:
    words: tuple[Word, ...]
    box: Box
    region: str
    """Id of the text region the line belongs to (Region.id)."""

    @property
    def text(self) -> str:
        """The words with a space between them, but none between characters of a script
        printed without spaces (Chinese, Japanese, Thai) unless the page shows one."""
        spaced = " ".join(w.text for w in self.words)
        if not joined_by_gaps(spaced):
            return spaced
        return join_words([(w.text, w.box.left, w.box.right, w.space_before)
                           for w in self.words], self.box.height)


WordRow = tuple[str, int, int, int, int, float, bool, bool | None]
"""A word as plain values: text, left, top, width, height, confidence, bold, space before."""
LineRow = tuple[str, int, int, int, int, tuple[WordRow, ...]]
"""A line as plain values: its region id, left, top, width, height, and its words."""


def _word_of(row: WordRow) -> Word:
    text, left, top, width, height, confidence, bold, space_before = row
    return Word(_shared_text(text),
                Box(shared_coordinate(left), shared_coordinate(top), shared_coordinate(width),
                    shared_coordinate(height)),
                _shared_confidence(confidence), bold, space_before)


def _line_of(row: LineRow) -> Line:
    region, left, top, width, height, words = row
    return Line(tuple(map(_word_of, words)),
                Box(shared_coordinate(left), shared_coordinate(top), shared_coordinate(width),
                    shared_coordinate(height)), region)


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    lines: tuple[Line, ...]
    """All text lines of the page in reading order."""

    def rows(self) -> tuple[LineRow, ...]:
        """The lines as plain values: how a page's text travels back from its worker (quick
        to pickle, and taken back as compact objects by `of_rows`)."""
        return tuple((line.region, line.box.left, line.box.top, line.box.width,
                      line.box.height,
                      tuple((w.text, w.box.left, w.box.top, w.box.width, w.box.height,
                             w.confidence, w.bold, w.space_before) for w in line.words))
                     for line in self.lines)

    @staticmethod
    def of_rows(number: int, rows: tuple[LineRow, ...]) -> PageText:
        """The text again from its rows, its page coordinates, whole confidences and common
        words objects that all pages share: a dense page's words held in a third of the
        memory their unpickled objects would take."""
        return PageText(number, tuple(map(_line_of, rows)))

    @property
    def mean_confidence(self) -> float:
        confidences = [w.confidence for line in self.lines for w in line.words]
        return float(sum(confidences) / len(confidences)) if confidences else 0.0


class TextSource(StrEnum):
    """Where a page's text came from."""

    OCR = "ocr"
    PDF = "pdf"
    """The text layer of a born-digital PDF."""


@dataclass(frozen=True, slots=True)
class PageResult:
    """Everything the page stages found on one page: what the structure stage reads."""

    number: int
    layout: PageLayout
    text: PageText
    crops: Mapping[str, PackedBitmap]
    """A 0/255 crop of each image region, by region id, packed."""
    packed_page: bytes
    """The whole clean page, 1 bit per pixel, compressed (PackedBitmap.data)."""
    skew: float
    rotation: int
    dpi: int
    warnings: tuple[str, ...] = ()
    text_source: TextSource = TextSource.OCR
    seconds: Mapping[str, float] = field(default_factory=dict)
    """CPU seconds the page took, by stage (see ocr36.costs), measured where it was read."""
    read_again_with: tuple[str, ...] = ()
    """The language packs its text was read again with (a text or a section in another
    language than the profile's main packs read); empty when it was read once."""

    @staticmethod
    def pack(bitmap: Bitmap) -> bytes:
        return PackedBitmap.of(bitmap).data

    def page_image(self) -> PackedBitmap:
        """The clean page, still packed."""
        return PackedBitmap(self.layout.height, self.layout.width, self.packed_page)

    def page_bitmap(self) -> Bitmap:
        """The clean page as 0/255 uint8 again."""
        return self.page_image().unpack()
