"""PDF files made for the tests: a scanned PDF wrapping TIFF pages as stored, bad PDFs of
every kind ingest must refuse, and suspect PDFs it refuses or converts as the profile says."""

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
    _small_scan(path).close()
    add_javascript_and_attachment(path)


def add_javascript_and_attachment(path: Path) -> Path:
    """The PDF at `path` given a JavaScript open action and an embedded file."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(action)
        pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"never extracted")
        pdf.save(path)
    return path


def _action(kind: str, **entries: object) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name(kind), **entries)


def _link(pdf: pikepdf.Pdf, action: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """A link annotation over the page's top left corner that runs `action` when clicked."""
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 72, 72], A=action))


def with_javascript(path: Path) -> None:
    with _small_scan(path) as pdf:
        pdf.Root.OpenAction = _action("/JavaScript", JS=pikepdf.String("app.alert(1)"))
        pdf.save(path)


def with_page_javascript(path: Path) -> None:
    """JavaScript the page runs as it is shown (its /AA /O action)."""
    with _small_scan(path) as pdf:
        pdf.pages[0].obj.AA = pikepdf.Dictionary(
            O=_action("/JavaScript", JS=pikepdf.String("this.print()")))
        pdf.save(path)


def with_launch_link(path: Path) -> None:
    with _small_scan(path) as pdf:
        launch = _action("/Launch", F=pikepdf.String("calc.exe"))
        pdf.pages[0].obj.Annots = pikepdf.Array([_link(pdf, launch)])
        pdf.save(path)


def with_attachment(path: Path) -> None:
    with _small_scan(path) as pdf:
        pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"never extracted")
        pdf.save(path)


def with_file_on_page(path: Path) -> None:
    """A file attached to the page (a file-attachment annotation)."""
    with _small_scan(path) as pdf:
        spec = pikepdf.AttachedFileSpec(pdf, b"never extracted", filename="notes.txt")
        pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment,
            Rect=[0, 0, 24, 24], FS=spec.obj))])
        pdf.save(path)


def with_links_only(path: Path) -> None:
    """Nothing suspect: a web link and a link to the page, clicked, and an open action that
    only goes to page 1."""
    with _small_scan(path) as pdf:
        page = pdf.pages[0].obj
        web = _action("/URI", URI=pikepdf.String("https://www.wipo.int/"))
        inside = _action("/GoTo", D=pikepdf.Array([page, pikepdf.Name.Fit]))
        page.Annots = pikepdf.Array([_link(pdf, web), _link(pdf, inside)])
        pdf.Root.OpenAction = _action("/GoTo", D=pikepdf.Array([page, pikepdf.Name.Fit]))
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

SUSPECT: dict[str, tuple[Callable[[Path], None], str]] = {
    "xref.pdf": (broken_xref, "a broken cross-reference table that had to be rebuilt (qpdf: "
                              "xref syntax invalid, xref table at offset 128)"),
    "javascript.pdf": (with_javascript, "JavaScript (the document's open action)"),
    "page-javascript.pdf": (with_page_javascript, "JavaScript (page 1)"),
    "launch.pdf": (with_launch_link, "a launch action (page 1)"),
    "attachment.pdf": (with_attachment, "1 embedded file (the document; not extracted)"),
    "file-on-page.pdf": (with_file_on_page, "1 embedded file (page 1; not extracted)"),
}
"""Suspect PDFs, refused by default (the profile's [ingest] suspect_pdf = "refuse"), and what
the refusal names."""


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
