"""A rendered publication written as PDF both ways: image-only (each page one G4 image, as a
scanner writes it) and born-digital (the same words in the same fonts at the same places, as
text with Unicode maps; rules as filled rectangles; drawings as images)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import img2pdf
from fpdf import FPDF
from PIL import Image, ImageOps

from ocr36_synth.figures import draw_figure, figure_label, label_place
from ocr36_synth.fonts import Style, Typeface
from ocr36_synth.render import (
    A4_300DPI,
    LAYOUTS,
    RenderedDocument,
    _Builder,
    _FigureSlot,
    _Page,
    _plan,
    _Rule,
    _seed,
    _Text,
    render,
)
from ocr36_synth.source import PatentText

POINTS_PER_PIXEL = 72 / 300
_STYLES: dict[Style, str] = {"regular": "", "bold": "B", "italic": "I", "bold-italic": "BI"}


@dataclass(frozen=True)
class RenderedPdfs:
    document: RenderedDocument
    """The pages as images (for the TIFF) and the truth."""
    image_only: bytes
    born_digital: bytes


def write_tiff(document: RenderedDocument, path: Path) -> None:
    document.pages[0].save(path, save_all=True, append_images=list(document.pages[1:]),
                           compression="group4", dpi=(300, 300))


def image_only_pdf(document: RenderedDocument) -> bytes:
    """Each page one CCITT G4 image at 300 dpi, stored as the TIFF stores it."""
    pages = []
    for image in document.pages:
        buffer = io.BytesIO()
        image.save(buffer, format="TIFF", compression="group4", dpi=(300, 300))
        pages.append(buffer.getvalue())
    data: bytes = img2pdf.convert(pages)
    return data


def _figure_label(pdf: FPDF, op: _FigureSlot, face: Typeface) -> None:
    """The "FIG. n" label of an upright figure as text, where the image would have it."""
    middle_x, middle_y, size = label_place(op.box)
    ascent, descent = face.font("bold", size).getmetrics()
    label = figure_label(op.num)
    pdf.set_font("face", "B", size * POINTS_PER_PIXEL)
    width = pdf.get_string_width(label)
    baseline = middle_y + (ascent - descent) / 2
    pdf.text(middle_x * POINTS_PER_PIXEL - width / 2, baseline * POINTS_PER_PIXEL, label)


def _figure(pdf: FPDF, op: _FigureSlot, face: Typeface, patent: PatentText) -> None:
    """The drawing as an image; an upright figure's label as text, as a word processor
    writes a caption (a turned one's stays in the image)."""
    canvas = Image.new("L", A4_300DPI, 255)
    labelled = op.landscape or op.abstract
    draw_figure(canvas, op.box, op.num, _seed(patent.name, op.num), face, landscape=op.landscape,
                label=labelled)
    if not labelled:
        _figure_label(pdf, op, face)
    binary = canvas.point(lambda value: 255 if value >= 128 else 0).convert("1")
    box = ImageOps.invert(canvas).getbbox()
    if box is None:
        return
    crop = binary.crop(box)
    buffer = io.BytesIO()
    crop.save(buffer, format="PNG")
    pdf.image(buffer, x=box[0] * POINTS_PER_PIXEL, y=box[1] * POINTS_PER_PIXEL,
              w=crop.width * POINTS_PER_PIXEL, h=crop.height * POINTS_PER_PIXEL)


def _text(pdf: FPDF, op: _Text) -> None:
    pdf.set_font("face", _STYLES[op.style], op.size * POINTS_PER_PIXEL)
    width = pdf.get_string_width(op.text)
    x = op.x * POINTS_PER_PIXEL
    if op.anchor.startswith("r"):
        x -= width
    elif op.anchor.startswith("m"):
        x -= width / 2
    pdf.text(x, op.baseline * POINTS_PER_PIXEL, op.text)


def _page(pdf: FPDF, page: _Page, face: Typeface, patent: PatentText) -> None:
    pdf.add_page()
    for op in page.ops:
        if isinstance(op, _Text):
            _text(pdf, op)
        elif isinstance(op, _Rule):
            left, top, width, height = op.box
            pdf.rect(left * POINTS_PER_PIXEL, top * POINTS_PER_PIXEL, width * POINTS_PER_PIXEL,
                     height * POINTS_PER_PIXEL, style="F")
        else:
            _figure(pdf, op, face, patent)


def born_digital_pdf(patent: PatentText, layout: str, max_pages: int | None) -> bytes:
    """The publication as `render` lays it out, written as text in its fonts."""
    chosen = next(name for name in LAYOUTS if name == layout)
    content, _ = _plan(patent, chosen, max_pages)
    builder = _Builder(patent, chosen, None)
    result = builder.build(content)
    width, height = (side * POINTS_PER_PIXEL for side in A4_300DPI)
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for style, letters in _STYLES.items():
        pdf.add_font("face", letters, str(builder.face.path(style)))
    for page in result.pages:
        _page(pdf, page, builder.face, patent)
    return bytes(pdf.output())


def render_pdfs(patent: PatentText, layout: str, max_pages: int | None = None) -> RenderedPdfs:
    """The publication rendered, and written as an image-only and a born-digital PDF."""
    document = render(patent, layout, max_pages=max_pages)
    return RenderedPdfs(document, image_only_pdf(document),
                        born_digital_pdf(patent, layout, max_pages))
