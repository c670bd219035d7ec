"""PDF files made for the tests: a scanned PDF wrapping TIFF pages as stored, and bad PDFs of
every kind ingest must refuse or repair."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from pathlib import Path

import img2pdf
import pikepdf
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageSequence

from ocr36_synth.fonts import typeface


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


PARAGRAPH = ("The fastening device comprises a housing, a spring held in the housing and a "
             "lever that turns about a pin. When the lever is pressed, the spring is compressed "
             "and the clamp is released, so that the panel can be removed without tools. ")
CLAIMS = ("1. A fastening device comprising a housing, a spring and a lever.\n"
          "2. The fastening device of claim 1, wherein the lever turns about a pin.")
_PT = 72 / 300
"""Points per pixel at 300 dpi."""


def _text_picture(lines: int) -> Image.Image:
    """Lines of text as an image (a scanned insert), at 300 dpi."""
    font = typeface("sans").font("regular", 42)
    image = Image.new("1", (1900, 70 * lines + 20), 1)
    draw = ImageDraw.Draw(image)
    words = (PARAGRAPH * 3).split()
    for line in range(lines):
        draw.text((10, 10 + 70 * line), " ".join(words[line * 9 : line * 9 + 9]), font=font,
                  fill=0)
    return image


def _drawing() -> Image.Image:
    """A drawing with reference numerals drawn into it, at 300 dpi."""
    font = typeface("sans").font("regular", 48)
    image = Image.new("1", (1500, 1100), 1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((200, 150, 1100, 800), outline=0, width=6)
    draw.ellipse((450, 300, 850, 700), outline=0, width=6)
    draw.line((850, 500, 1300, 950), fill=0, width=6)
    for x, y, numeral in ((1150, 60, "10"), (1320, 960, "12"), (20, 1030, "14")):
        draw.text((x, y), numeral, font=font, fill=0)
    return image


def born_digital_sheets(path: Path, insert: bool = False) -> Path:
    """Two born-digital A4 pages: paragraphs of text, then a drawing sheet (the drawing an
    image with its numerals drawn in, its "FIG. 1" label text); the first page ends with two
    claims. With `insert` the text page
    also holds a paragraph as an image (a scanned insert) that its text layer lacks."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_display_mode("fullwidth")  # an open action that only says where to open
    face = typeface("sans")
    pdf.add_font("face", "", str(face.path("regular")))
    pdf.add_page()
    pdf.set_font("face", "", 11)
    pdf.set_xy(72, 90)
    pdf.multi_cell(450, 16, PARAGRAPH * 4)
    pdf.set_xy(72, 300)
    pdf.multi_cell(450, 16, PARAGRAPH * 3)
    if insert:
        picture = _text_picture(8)
        pdf.image(picture, x=72, y=480, w=picture.width * _PT, h=picture.height * _PT)
    pdf.set_xy(72, 650)
    pdf.multi_cell(450, 16, "What is claimed is:")
    pdf.set_xy(72, 680)
    pdf.multi_cell(450, 16, CLAIMS)
    pdf.add_page()
    drawing = _drawing()
    pdf.image(drawing, x=100, y=150, w=drawing.width * _PT, h=drawing.height * _PT)
    pdf.set_font("face", "", 20)
    pdf.text(260, 460, "FIG. 1")
    path.write_bytes(bytes(pdf.output()))
    return path
