"""Ingest of PDF files: a scanned page's image as stored, any other page rendered at 300 dpi,
and the text layer where the page has one.

pikepdf (qpdf) opens, checks and repairs the file and extracts page images without
resampling; pypdfium2 (PDFium) renders pages and reads their text. Nothing in a PDF is ever
run or extracted but its pages; a PDF that holds JavaScript or embedded files, or whose
cross-reference table had to be rebuilt, is refused or converted with a warning as the
profile says (`pdfsuspect`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from ocr36.errors import BadInput, FileAccess
from ocr36.model import Box, Line
from ocr36.pdfsuspect import REFUSE, document_findings, judged, page_findings
from ocr36.textlayer import read_text_layer

PDF_SUFFIX = ".pdf"
RENDER_DPI = 300
MAX_SIDE_PX = 20_000
MAX_PIXELS = 250_000_000
MAX_CONTENT_BYTES = 64 << 20
"""A page's drawing instructions inflate to at most this (a page of text takes some 50 kB,
a dense vector drawing a few MB)."""
_POINTS_PER_INCH = 72.0
_FIT = 0.02
"""How far (as a share of the page) a scanned image may miss the page's edges."""
_PAINTING = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI"})
"""Operators that put marks on a page other than by drawing an image or showing text."""
_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
_INVISIBLE = 3
"""Text render mode 3: text that is neither filled nor stroked (an OCR layer)."""


def is_pdf(path: Path) -> bool:
    return path.suffix.lower() == PDF_SUFFIX


@dataclass(frozen=True)
class PdfPage:
    """A page of a PDF as ingest reads it: the image, its resolution, and the text layer's
    lines in the image's pixel frame (empty when the page has none)."""

    image: Image.Image
    dpi: int
    gray: np.ndarray | None = None
    """A rendered page's pixels as 8-bit gray (the same as `image`'s)."""
    lines: tuple[Line, ...] = ()
    text_trusted: bool = False
    warnings: tuple[str, ...] = ()
    pictures: tuple[Box, ...] = ()
    """Where a rendered page places images, in the image's pixel frame."""


def _open(file: Path) -> pikepdf.Pdf:
    if not file.exists():
        raise FileAccess(f"{file}: no such file or folder")
    try:
        with file.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise FileAccess(f"{file}: cannot be read: {error.strerror}") from error
    if not head:
        raise BadInput(f"{file}: the file is empty (0 bytes)")
    if b"%PDF-" not in head:
        raise BadInput(f"{file}: not a PDF (it does not start with %PDF-; "
                       f"it starts with {head[:16]!r})")
    try:
        return pikepdf.open(file)
    except pikepdf.PasswordError as error:
        raise BadInput(f"{file}: the PDF is password-protected",
                       remedy="Export the document again without a password.") from error
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as error:
        raise BadInput(f"{file}: not a readable PDF ({error})") from error


def _page_size_px(page: pikepdf.Page) -> tuple[float, float]:
    box = [float(v) for v in page.mediabox]
    scale = RENDER_DPI / _POINTS_PER_INCH
    return abs(box[2] - box[0]) * scale, abs(box[3] - box[1]) * scale


def _check_page(file: Path, page: pikepdf.Page, number: int) -> None:
    try:
        width, height = _page_size_px(page)
    except (pikepdf.PdfError, ValueError, TypeError, IndexError) as error:
        raise BadInput(f"{file}: page {number} has no readable page size ({error})") from error
    if width < 1 or height < 1 or max(width, height) > MAX_SIDE_PX \
            or width * height > MAX_PIXELS:
        raise BadInput(
            f"{file}: page {number} is {width * 72 / RENDER_DPI:.0f} x "
            f"{height * 72 / RENDER_DPI:.0f} pt, not a page size (at most "
            f"{MAX_SIDE_PX} px a side at {RENDER_DPI} dpi)",
            remedy="Check the file: its page size is damaged, or it is not a scanned page.")


def open_pdf(file: Path, suspect_pdf: str = REFUSE) -> tuple[int, tuple[str, ...]]:
    """Check a PDF and count its pages. A suspect PDF (its cross-reference table rebuilt;
    JavaScript, actions or embedded files: `ocr36.pdfsuspect`) is refused, or with
    `suspect_pdf` = "convert" gives the warnings that name what was repaired or ignored."""
    with _open(file) as pdf:
        repairs = [str(w) for w in pdf.get_warnings()]  # what opening it took
        count = len(pdf.pages)
        if count == 0:
            raise BadInput(f"{file}: the PDF holds no pages")
        try:
            findings = document_findings(pdf)
            for number, page in enumerate(pdf.pages, start=1):
                _check_page(file, page, number)
                findings += page_findings(page, number)
        except (pikepdf.PdfError, ValueError, TypeError, KeyError, RuntimeError) as error:
            raise BadInput(f"{file}: not a readable PDF ({error})") from error
    return count, judged(file, repairs, findings, suspect_pdf)


def text_on_every_page(file: Path) -> bool:
    """Whether every page of a PDF shows text and hides none (as an OCR layer over a scan
    does): a forecast, at a few milliseconds a page, that its pages will be read from their
    text layer. False for a file PDFium cannot open (reading it will say why)."""
    try:
        document = pdfium.PdfDocument(file)
    except (pdfium.PdfiumError, OSError, ValueError):
        return False
    try:
        return len(document) > 0 and all(_shows_text(page) for page in document)
    except pdfium.PdfiumError:
        return False
    finally:
        document.close()


def _shows_text(page: pdfium.PdfPage) -> bool:
    modes = [pdfium_c.FPDFTextObj_GetTextRenderMode(text) for text
             in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,))]
    return bool(modes) and _INVISIBLE not in modes


def _placements(page: pikepdf.Page) -> list[tuple[str, pikepdf.Matrix]] | None:
    """Each image drawn on the page with its matrix; None when anything else marks it."""
    placed: list[tuple[str, pikepdf.Matrix]] = []
    stack: list[pikepdf.Matrix] = []
    ctm = pikepdf.Matrix()
    mode = 0
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            return None
        operands, name = instruction.operands, str(instruction.operator)
        if name in _PAINTING or (name in _SHOWING and mode != _INVISIBLE):
            return None
        if name == "Tr":
            mode = int(operands[0])
        elif name == "q":
            stack.append(ctm)
        elif name == "Q" and stack:
            ctm = stack.pop()
        elif name == "cm":
            ctm = pikepdf.Matrix(*[float(v) for v in operands]) @ ctm
        elif name == "Do":
            placed.append((str(operands[0]), ctm))
    return placed


def _inflates_beyond(stream: pikepdf.Stream, limit: int) -> bool:
    """Whether a Flate stream inflates to more than `limit` bytes, found by inflating no
    more than that."""
    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        filters = filters[0] if len(filters) else None
    if filters != pikepdf.Name.FlateDecode:
        return False
    inflater = zlib.decompressobj()
    inflater.decompress(stream.read_raw_bytes(), limit)
    return bool(inflater.unconsumed_tail)


def _bounded(file: Path, number: int, stream: pikepdf.Stream) -> None:
    """Refuse an image whose size, declared or decoded, is beyond a page's."""
    image = pikepdf.PdfImage(stream)
    width, height = image.width, image.height
    if max(width, height) > MAX_SIDE_PX or width * height > MAX_PIXELS:
        raise BadInput(f"{file}: page {number}: an image of {width} x {height} pixels, larger "
                       f"than a page can be (at most {MAX_SIDE_PX} px a side)")
    limit = (width * height * max(image.bits_per_component, 1) * 4) // 8 + 65536
    _refuse_bomb(file, number, stream, limit, "an image stream",
                 f"its {width} x {height} pixels")


def _refuse_bomb(file: Path, number: int, stream: pikepdf.Stream, limit: int, what: str,
                 bound: str) -> None:
    """Refuse a stream (`what`) that is damaged or inflates beyond `limit` bytes (`bound`)."""
    try:
        bomb = _inflates_beyond(stream, limit)
    except zlib.error as error:
        raise BadInput(f"{file}: page {number}: {what} is damaged ({error})") from error
    if bomb:
        raise BadInput(f"{file}: page {number}: {what} decodes to more than {bound} "
                       "(a decompression bomb); refused")


def _drawn_streams(page: pikepdf.Page) -> list[pikepdf.Stream]:
    """The page's content streams and those of the forms it draws."""
    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    forms = page.resources.get("/XObject", pikepdf.Dictionary())
    streams += [form for form in forms.values() if isinstance(form, pikepdf.Stream)
                and form.get("/Subtype") == pikepdf.Name.Form]
    return [stream for stream in streams if isinstance(stream, pikepdf.Stream)]


def _bounded_contents(file: Path, page: pikepdf.Page, number: int) -> None:
    """Refuse a page whose drawing instructions inflate beyond MAX_CONTENT_BYTES."""
    for stream in _drawn_streams(page):
        _refuse_bomb(file, number, stream, MAX_CONTENT_BYTES, "a content stream",
                     f"{MAX_CONTENT_BYTES >> 20} MB")


def _scanned_image(file: Path, page: pikepdf.Page, number: int) -> PdfPage | None:
    """The page's one full-page image as stored, at its own resolution, or None."""
    placed = _placements(page)
    images = {name: stream for name, stream in page.get_images().items()
              if isinstance(stream, pikepdf.Stream)}
    for stream in images.values():
        _bounded(file, number, stream)
    if placed is None or len(placed) != 1 or placed[0][0] not in images:
        return None
    name, matrix = placed[0]
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    width_pt, height_pt = x1 - x0, y1 - y0
    if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0 \
            or abs(matrix.a - width_pt) > _FIT * width_pt \
            or abs(matrix.d - height_pt) > _FIT * height_pt \
            or abs(matrix.e - x0) > _FIT * width_pt or abs(matrix.f - y0) > _FIT * height_pt \
            or int(page.obj.get("/Rotate", 0)) % 360:
        return None
    stored = pikepdf.PdfImage(images[name])
    dpi_x = stored.width / (matrix.a / _POINTS_PER_INCH)
    dpi_y = stored.height / (matrix.d / _POINTS_PER_INCH)
    if abs(dpi_x - dpi_y) > 0.02 * dpi_x:
        return None
    try:
        image = stored.as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, pikepdf.UnsupportedImageTypeError):
        return None  # a filter pikepdf cannot decode (JBIG2 without its decoder): rendered
    return PdfPage(image=image, dpi=round(dpi_x))


def _rendered(file: Path, index: int) -> PdfPage:
    """The page rendered at 300 dpi in gray, with its text layer in the same pixel frame."""
    document = pdfium.PdfDocument(file)
    try:
        page = document[index]
        bitmap = page.render(scale=RENDER_DPI / _POINTS_PER_INCH, grayscale=True,
                             may_draw_forms=False)
        image, gray = bitmap.to_pil(), bitmap.to_numpy().copy()
        layer = read_text_layer(page, RENDER_DPI / _POINTS_PER_INCH)
    finally:
        document.close()
    return PdfPage(image=image, dpi=RENDER_DPI, gray=gray, lines=layer.lines,
                   text_trusted=layer.trusted, pictures=layer.pictures)


def load_pdf_page(file: Path, index: int, number: int) -> PdfPage:
    """Page `index` (0-based; `number` is the page's number in the document, for messages)."""
    try:
        with _open(file) as pdf:
            page = pdf.pages[index]
            _check_page(file, page, number)
            _bounded_contents(file, page, number)
            scanned = _scanned_image(file, page, number)
        if scanned is not None:
            return scanned
        return _rendered(file, index)
    except BadInput:
        raise
    except (pikepdf.PdfError, pdfium.PdfiumError, OSError, ValueError, KeyError,
            IndexError, TypeError, zlib.error) as error:
        raise BadInput(f"{file}: page {number} cannot be read ({error})") from error
