"""Ingest: find a document's pages, check them, and read each page as 8-bit gray."""

from __future__ import annotations

import contextlib
import hashlib
import re
import struct
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from ocr36.decoder import decoder_errors
from ocr36.entries import PAGE_SUFFIXES, entry_error, page_entries
from ocr36.errors import BadInput, FileAccess
from ocr36.model import Source, SourcePage
from ocr36.pdfsource import PDF_SUFFIX, is_pdf, load_pdf_page, open_pdf
from ocr36.pdfsuspect import CONVERT, REFUSE

DOCUMENT_SUFFIXES = (*PAGE_SUFFIXES, PDF_SUFFIX)
"""What a batch takes as one document file: a page image, a multi-page TIFF or a PDF."""
MAX_SIDE_PX = 20_000
"""Larger pages are refused before decoding: 20,000 px is A0 at 600 dpi."""
MAX_PIXELS = 250_000_000
_PLAUSIBLE_DPI = range(100, 2401)
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, TypeError, IndexError, KeyError,
                  ZeroDivisionError, struct.error, MemoryError)
"""What Pillow raises on a damaged file, depending on where the damage is."""


def natural_key(path: Path) -> list[object]:
    """Sort key that puts page2 before page10."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def _sha256_files(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        if len(files) > 1:
            digest.update(file.name.encode("utf-8") + b"\0")
        try:
            with file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError as error:
            raise FileAccess(f"{file}: cannot be read: {error.strerror}") from error
    return digest.hexdigest()


def _open_image(file: Path) -> Image.Image:
    if not file.exists():
        raise FileAccess(f"{file}: no such file or folder")
    try:
        size = file.stat().st_size
    except OSError as error:
        raise FileAccess(f"{file}: cannot be read: {error.strerror}") from error
    if size == 0:
        raise BadInput(f"{file}: the file is empty (0 bytes)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(file)
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:
        raise BadInput(f"{file}: not a readable image ({error})") from error
    except PermissionError as error:
        raise FileAccess(f"{file}: cannot be read: {error.strerror}") from error
    except _DECODE_ERRORS as error:
        raise BadInput(f"{file}: not a readable image ({error})") from error


def _check_frame_size(image: Image.Image, file: Path, page: int) -> None:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise BadInput(f"{file}: page {page} has no pixels ({width} x {height})")
    if max(width, height) > MAX_SIDE_PX or width * height > MAX_PIXELS:
        raise BadInput(
            f"{file}: page {page} is {width} x {height} pixels, larger than a page can be "
            f"(at most {MAX_SIDE_PX} px a side)",
            remedy="Check the file: its header is damaged, or it is not a scanned page.",
        )


def _count_frames(file: Path, suspect_pdf: str) -> int:
    if is_pdf(file):
        return open_pdf(file, suspect_pdf)[0]
    image = _open_image(file)
    with image:
        try:
            frames = 0
            for frame in ImageSequence.Iterator(image):
                frames += 1
                _check_frame_size(frame, file, frames)
        except BadInput:
            raise
        except _DECODE_ERRORS as error:
            raise BadInput(f"{file}: page {frames + 1} cannot be read ({error})") from error
    if frames == 0:
        raise BadInput(f"{file}: the file holds no pages")
    return frames


def open_source(path: Path, suspect_pdf: str = REFUSE) -> Source:
    """Check an input (multi-page image file, or folder of page images) and list its pages;
    `suspect_pdf` (the profile's [ingest] suspect_pdf) says whether a suspect PDF is refused
    or converted (`ocr36.pdfsuspect`)."""
    problem = entry_error(path)
    if problem is not None:
        raise problem
    if path.is_dir():
        files = sorted(page_entries(path), key=natural_key)
        if not files:
            raise BadInput(
                f"{path}: the folder holds no page images ({', '.join(PAGE_SUFFIXES)})"
            )
    else:
        files = [path]
    stamps = tuple(_stamp(file) for file in files)  # before reading: a change while read shows
    page_files: list[Path] = []
    frame_indexes: list[int] = []
    for file in files:
        frames = _count_frames(file, suspect_pdf)
        page_files.extend([file] * frames)
        frame_indexes.extend(range(frames))
    return Source(
        path=path,
        sha256=_sha256_files(files),
        page_files=tuple(page_files),
        frame_indexes=tuple(frame_indexes),
        stamps=stamps,
    )


def _stamp(file: Path) -> tuple[str, int, int]:
    try:
        status = file.stat()
    except OSError as error:
        raise FileAccess(f"{file}: cannot be read: {error.strerror}") from error
    return str(file), status.st_size, status.st_mtime_ns


def changed_file(source: Source) -> Path | None:
    """The first file of `source` changed or removed since it was opened (None: none was)."""
    for name, size, mtime in source.stamps:
        try:
            status = Path(name).stat()
        except OSError:
            return Path(name)
        if (status.st_size, status.st_mtime_ns) != (size, mtime):
            return Path(name)
    return None


def _dpi_of(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    if not dpi:
        return None
    try:
        value = round(float(dpi[0]))
    except (TypeError, ValueError, IndexError):
        return None
    return value if value in _PLAUSIBLE_DPI else None


def _to_gray(image: Image.Image) -> np.ndarray:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        background.alpha_composite(image.convert("RGBA"))
        image = background
    if image.mode == "1":
        return np.asarray(image.convert("L"), dtype=np.uint8).copy()
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        array = np.asarray(image, dtype=np.float64)
        top = array.max() or 1.0
        return (array * (255.0 / top)).astype(np.uint8)
    return np.asarray(image.convert("L"), dtype=np.uint8).copy()


class DamagedPage(BadInput):
    """A page whose image data the decoder reports damaged: it decodes, partly garbage."""

    def __init__(self, file: Path, number: int, complaints: list[str]) -> None:
        self.file = file
        self.number = number
        self.complaint = complaints[0].strip()
        """The decoder's first complaint (libtiff's "Fax4Decode: Bad code word at ...")."""
        more = f" and {len(complaints) - 1} more" if len(complaints) > 1 else ""
        super().__init__(f"{file}: page {number} has damaged image data ({self.complaint}"
                         f"{more}); it is not read as the partly garbage page it decodes to",
                         remedy="Rescan the page, or re-export the file from the scanner's "
                                "original (or keep such pages as images: the profile's "
                                "[ingest] damaged_page = \"image\").")


def _decode(image: Image.Image, file: Path, number: int, keep_damaged: bool) -> None:
    """Decode the frame; one the decoder reports damaged data in raises DamagedPage, never
    read as the partly garbage page it returns (unless `keep_damaged`)."""
    if image.format != "TIFF":
        image.load()
        return
    with decoder_errors() as errors:
        image.load()
    if errors and not keep_damaged:
        raise DamagedPage(file, number, errors)


@contextlib.contextmanager
def open_frame(source: Source, number: int, keep_damaged: bool = False
               ) -> Iterator[Image.Image]:
    """Page `number` (1-based) of a source, checked and decoded; a page that cannot be read
    raises BadInput naming the file and the page (DamagedPage when the decoder reports damaged
    data, unless `keep_damaged`: the page is then given as it decodes)."""
    file = source.page_files[number - 1]
    if is_pdf(file):
        pdf_page = load_pdf_page(file, source.frame_indexes[number - 1], number)
        pdf_page.image.info["dpi"] = (pdf_page.dpi, pdf_page.dpi)
        yield pdf_page.image
        return
    with _open_image(file) as image:
        try:
            image.seek(source.frame_indexes[number - 1])
            _check_frame_size(image, file, number)
            _decode(image, file, number, keep_damaged)
        except BadInput:
            raise
        except _DECODE_ERRORS as error:
            raise BadInput(f"{file}: page {number} cannot be decoded ({error})") from error
        yield image


def load_page(source: Source, number: int, dpi_fallback: int,
              keep_damaged: bool = False) -> SourcePage:
    """Read page `number` (1-based) as 8-bit gray (see open_frame for `keep_damaged`)."""
    file = source.page_files[number - 1]
    if is_pdf(file):
        return _load_pdf_page(file, source.frame_indexes[number - 1], number)
    with open_frame(source, number, keep_damaged) as image:
        try:
            gray = _to_gray(image)
        except _DECODE_ERRORS as error:
            raise BadInput(f"{source.page_files[number - 1]}: page {number} cannot be decoded "
                           f"({error})") from error
        dpi = _dpi_of(image)
    return SourcePage(
        number=number,
        image=gray,
        dpi=dpi if dpi is not None else dpi_fallback,
        dpi_from_file=dpi is not None,
    )


def _load_pdf_page(file: Path, index: int, number: int) -> SourcePage:
    """A PDF page as 8-bit gray with its trusted text layer; the first page of a file carries
    the file's warnings (repaired, JavaScript or embedded files ignored: a file that opened
    as a source was not refused)."""
    page = load_pdf_page(file, index, number)
    warnings = open_pdf(file, CONVERT)[1] if index == 0 else ()
    try:
        gray = page.gray if page.gray is not None else _to_gray(page.image)
    except _DECODE_ERRORS as error:
        raise BadInput(f"{file}: page {number} cannot be decoded ({error})") from error
    return SourcePage(number=number, image=gray, dpi=page.dpi, dpi_from_file=True,
                      text_layer=page.lines if page.text_trusted else (),
                      warnings=page.warnings + warnings, pictures=page.pictures)
