"""PDF files made for the tests: a scanned PDF wrapping TIFF pages as stored, and bad PDFs of
every kind ingest must refuse or repair."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from pathlib import Path

import img2pdf
import pikepdf
from PIL import Image, ImageSequence


def scanned_pdf(tiff: Path, path: Path, pages: int | None = None) -> Path:
    """The TIFF's pages wrapped in a PDF, each G4 image stored as it is (no re-encoding)."""
    frames = []
    with Image.open(tiff) as image:
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if pages is not None and number > pages:
                break
            buffer = io.BytesIO()
            frame.save(buffer, format="TIFF", compression="group4", dpi=(300, 300))
            frames.append(buffer.getvalue())
    path.write_bytes(img2pdf.convert(frames))
    return path


def _small_scan(path: Path) -> pikepdf.Pdf:
    """A one-page scanned PDF: a 850 x 1100 white page with a black bar, at 100 dpi."""
    image = Image.new("1", (850, 1100), 1)
    image.paste(0, (100, 100, 700, 140))
    buffer = io.BytesIO()
    image.save(buffer, format="TIFF", compression="group4", dpi=(100, 100))
    path.write_bytes(img2pdf.convert(buffer.getvalue()))
    return pikepdf.open(path, allow_overwriting_input=True)


def password_protected(path: Path) -> None:
    with _small_scan(path) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="secret"))


def truncated(path: Path) -> None:
    _small_scan(path).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zero_pages(path: Path) -> None:
    with pikepdf.new() as pdf:
        pdf.save(path)


def giant_page(path: Path) -> None:
    with _small_scan(path) as pdf:
        pdf.pages[0].mediabox = pikepdf.Array([0, 0, 50_000, 50_000])
        pdf.save(path)


def html(path: Path) -> None:
    path.write_text("<!DOCTYPE html>\n<html><body>Not found</body></html>\n", "utf-8")


def decompression_bomb(path: Path) -> None:
    """A page whose 100 x 100 image stream inflates to 64 MB."""
    with pikepdf.new() as pdf:
        bomb = pikepdf.Stream(pdf, zlib.compress(b"\0" * (64 << 20), 9))
        bomb.Type, bomb.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        bomb.Width, bomb.Height, bomb.BitsPerComponent = 100, 100, 8
        bomb.ColorSpace, bomb.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=bomb)),
            Contents=pikepdf.Stream(pdf, b"q 612 0 0 792 0 0 cm /Im0 Do Q"))
        pdf.pages.append(pikepdf.Page(page))
        pdf.save(path)


def content_bomb(path: Path) -> None:
    """A page whose content stream inflates to 200 MB (blank drawing instructions)."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(squeezer.compress(chunk) for _ in range(200)) + squeezer.flush()
    with pikepdf.new() as pdf:
        contents = pikepdf.Stream(pdf, data)
        contents.Filter = pikepdf.Name.FlateDecode
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
                                  Contents=contents)
        pdf.pages.append(pikepdf.Page(page))
        pdf.save(path)


def broken_xref(path: Path) -> None:
    """A scanned PDF whose cross-reference table points at the wrong offsets."""
    _small_scan(path).close()
    data = path.read_bytes()
    start = data.rindex(b"startxref")
    path.write_bytes(data[:start] + b"startxref\n123\n%%EOF\n")


def with_javascript_and_attachment(path: Path) -> None:
    with _small_scan(path) as pdf:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(action)
        pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"never extracted")
        pdf.save(path)


REFUSED: dict[str, Callable[[Path], None]] = {
    "password.pdf": password_protected,
    "truncated.pdf": truncated,
    "zero-pages.pdf": zero_pages,
    "giant-page.pdf": giant_page,
    "html.pdf": html,
    "bomb.pdf": decompression_bomb,
    "content-bomb.pdf": content_bomb,
}
"""Bad PDFs that are refused (exit 2, nothing written)."""
