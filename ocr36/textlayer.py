"""A PDF page's text layer: words with their boxes and boldness, read by PDFium, in the pixel
frame of the page rendered at a given scale; and whether the layer can be trusted."""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ocr36.model import Bitmap, Box, Line, PageLayout, PageText, RegionKind, Word

_INVISIBLE = 3
"""Text render mode 3: neither filled nor stroked, as OCR programs write their layer."""
_BAD_CHARACTERS = 0.01
"""A layer with more characters than this share without a Unicode map is not trusted."""
_BOLD_WEIGHT = 600
_FONT_NAME_BYTES = 256
PDF_CONFIDENCE = 100.0
"""The confidence given to a word read from the text layer."""


@dataclass(frozen=True)
class TextLayer:
    lines: tuple[Line, ...]
    trusted: bool
    """Every character has a Unicode value and none is invisible (an OCR layer)."""
    pictures: tuple[Box, ...] = ()
    """Where the page places images, in pixels."""


class _Char(NamedTuple):
    """A character of the layer (a tuple: a page holds thousands)."""

    text: str
    box: tuple[float, float, float, float]
    """left, top, right, bottom in pixels."""
    bold: bool


def _is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage, index) >= _BOLD_WEIGHT:
        return True
    buffer = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    flags = ctypes.c_int(0)
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, _FONT_NAME_BYTES, ctypes.byref(flags))
    return b"bold" in buffer.value.lower()


_object_address = ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.CFUNCTYPE(
    ctypes.c_void_p, pdfium_c.FPDF_TEXTPAGE, ctypes.c_int))
"""FPDFText_GetTextObject giving the object's address as a number: a page's characters are
told apart by it, thousands of times."""


def _style(textpage: pdfium.PdfTextPage, index: int, address: int | None) -> tuple[bool, bool]:
    """Whether the text object of character `index` is invisible, and whether it is bold."""
    hidden = address is not None and pdfium_c.FPDFTextObj_GetTextRenderMode(
        ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT)) == _INVISIBLE
    return hidden, _is_bold(textpage, index)


def _unmapped(code: int) -> bool:
    return code in (0xFFFD, 0xFFFE) or 0xE000 <= code <= 0xF8FF


def _chars(page: pdfium.PdfPage, scale: float) -> tuple[list[_Char | None], bool]:
    """The page's characters in pixels (None between words and lines), and whether all are
    visible and mapped to Unicode. Four PDFium calls for each of a page's thousands of
    characters: the functions and the box's buffers are held in locals."""
    textpage = page.get_textpage()
    raw, top = textpage.raw, page.get_height()
    unicode_of, map_error = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_HasUnicodeMapError
    char_box, object_of = pdfium_c.FPDFText_GetCharBox, _object_address
    left, right, bottom, upper = (ctypes.c_double() for _ in range(4))
    box_of = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(upper))
    chars: list[_Char | None] = []
    unmapped = invisible = 0
    styles: dict[int | None, tuple[bool, bool]] = {}
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        code = unicode_of(raw, index)
        text = chr(code) if 0 < code < 0x110000 else ""
        if not text.strip():
            chars.append(None)
            continue
        if map_error(raw, index) == 1 or _unmapped(code):
            unmapped += 1
        key = object_of(raw, index)
        style = styles.get(key)
        if style is None:  # one text object: one font, one render mode
            style = styles[key] = _style(textpage, index, key)
        invisible += style[0]
        char_box(raw, index, *box_of)
        chars.append(_Char(text, (left.value * scale, (top - upper.value) * scale,
                                  right.value * scale, (top - bottom.value) * scale), style[1]))
    textpage.close()
    seen = len(chars) - chars.count(None)
    trusted = seen > 0 and invisible == 0 and unmapped <= _BAD_CHARACTERS * seen
    return chars, trusted


def _word(chars: list[_Char]) -> Word:
    lefts, tops, rights, bottoms = zip(*(c.box for c in chars), strict=True)
    left, top, right, bottom = min(lefts), min(tops), max(rights), max(bottoms)
    box = Box(int(left), int(top), max(round(right - left), 1), max(round(bottom - top), 1))
    bold = sum(c.bold for c in chars) * 2 > len(chars)
    return Word("".join(c.text for c in chars), box, PDF_CONFIDENCE, bold)


def _same_line(word: Word, line: list[Word]) -> bool:
    last = line[-1].box
    overlap = min(last.bottom, word.box.bottom) - max(last.top, word.box.top)
    return word.box.left >= last.left and overlap > 0.3 * min(last.height, word.box.height)


def _lines(words: list[Word]) -> tuple[Line, ...]:
    lines: list[list[Word]] = []
    for word in words:
        if lines and _same_line(word, lines[-1]):
            lines[-1].append(word)
        else:
            lines.append([word])
    result = []
    for line in lines:
        box = line[0].box
        for word in line[1:]:
            box = box.union(word.box)
        result.append(Line(words=tuple(line), box=box, region=""))
    return tuple(result)


def _pictures(page: pdfium.PdfPage, scale: float) -> tuple[Box, ...]:
    """The boxes of the images the page draws (inside forms too), in pixels."""
    top = page.get_height()
    boxes = []
    for picture in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        left, bottom, right, upper = picture.get_bounds()
        boxes.append(Box(int(left * scale), int((top - upper) * scale),
                         max(round((right - left) * scale), 1),
                         max(round((upper - bottom) * scale), 1)))
    return tuple(boxes)


def read_text_layer(page: pdfium.PdfPage, scale: float) -> TextLayer:
    """The page's words, grouped into lines, and the boxes of its images, in the frame of the
    page rendered at `scale` pixels per point."""
    chars, trusted = _chars(page, scale)
    words: list[Word] = []
    current: list[_Char] = []
    for char in [*chars, None]:
        if char is None or (current and char.box[0] < current[-1].box[0] - 1):
            if current:
                words.append(_word(current))
            current = [] if char is None else [char]
        else:
            current.append(char)
    return TextLayer(lines=_lines(words), trusted=trusted, pictures=_pictures(page, scale))


COVERED_INK = 0.9
"""A text layer is used when its words cover this share of the ink of the text regions;
below it the page has text the layer lacks (a scanned insert, a text drawn as curves)."""
_PAD = 6


def grown(box: Box, factor: float) -> Box:
    """A box moved into a frame `factor` times larger."""
    if factor == 1.0:
        return box
    return Box(round(box.left * factor), round(box.top * factor),
               max(round(box.width * factor), 1), max(round(box.height * factor), 1))


def scaled(lines: tuple[Line, ...], factor: float) -> tuple[Line, ...]:
    """Lines moved into a frame `factor` times larger."""
    if factor == 1.0:
        return lines
    return tuple(Line(words=tuple(replace(w, box=grown(w.box, factor)) for w in line.words),
                      box=grown(line.box, factor), region=line.region) for line in lines)


def _placed(words: list[Word], layout: PageLayout) -> list[str | None]:
    """The id of the text region each word belongs to (the nearest by its centre); None for
    a word on a dropped band or an image region (read there as OCR would not read it)."""
    x = np.array([w.box.center_x for w in words], dtype=float)
    y = np.array([w.box.center_y for w in words], dtype=float)
    dropped = np.zeros(len(words), dtype=bool)
    gaps, ids = [], []
    for region in layout.regions:
        b = region.box
        if region.kind is not RegionKind.TEXT:
            dropped |= (b.left <= x) & (x < b.right) & (b.top <= y) & (y < b.bottom)
            continue
        gaps.append(np.maximum.reduce([b.left - x, np.zeros_like(x), x - b.right])
                    + np.maximum.reduce([b.top - y, np.zeros_like(y), y - b.bottom]))
        ids.append(region.id)
    if not ids:
        return [None] * len(words)
    nearest = np.argmin(np.stack(gaps), axis=0)
    return [None if drop else ids[int(index)] for drop, index in zip(dropped, nearest,
                                                                     strict=True)]


PICTURE_INK = 0.5
"""A placed image whose ink the layout finds at least this share of in images and rules is a
picture (a drawing or a flowchart, with its labels); below it, the image holds text (a
scanned insert) that the layer must cover."""


def _area(box: Box) -> tuple[slice, slice]:
    """The rows and columns of a box, cut at the page's top and left edges."""
    return (slice(max(box.top, 0), max(box.bottom, 0)),
            slice(max(box.left, 0), max(box.right, 0)))


def _padded(box: Box) -> Box:
    """A box grown by _PAD on each side: rendering smooths an image's edges beyond it."""
    return Box(box.left - _PAD, box.top - _PAD, box.width + 2 * _PAD, box.height + 2 * _PAD)


def _mask(boxes: Iterable[Box], shape: tuple[int, ...]) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    for box in boxes:
        mask[_area(box)] = True
    return mask


def _text_ink(layout: PageLayout, image: Bitmap, pictures: tuple[Box, ...]) -> np.ndarray:
    """The ink the text layer must cover: that of the text regions, not of the bands the
    layout drops nor of the pictures the page places (their labels are part of them)."""
    ink: np.ndarray = image == 0
    text = _mask((r.box for r in layout.text_regions), image.shape)
    text &= ~_mask((r.box for r in layout.regions if r.kind is RegionKind.BAND), image.shape)
    drawn = _mask((r.box for r in layout.regions if r.kind is RegionKind.IMAGE
                   or r.band == "rule"), image.shape) & ink
    for picture in (_area(_padded(box)) for box in pictures):
        total = int(ink[picture].sum())
        if total and int(drawn[picture].sum()) >= PICTURE_INK * total:
            text[picture] = False
    found: np.ndarray = ink & text
    return found


def _covers_ink(lines: list[Line], layout: PageLayout, image: Bitmap,
                pictures: tuple[Box, ...]) -> bool:
    ink = _text_ink(layout, image, pictures)
    total = int(ink.sum())
    if total == 0:
        return True
    for line in lines:
        for word in line.words:
            b = word.box
            ink[max(b.top - _PAD, 0) : b.bottom + _PAD, max(b.left - _PAD, 0) : b.right + _PAD] \
                = False
    return int(ink.sum()) <= (1 - COVERED_INK) * total


def page_text(number: int, lines: tuple[Line, ...], layout: PageLayout, image: Bitmap,
              pictures: tuple[Box, ...] = ()) -> PageText | None:
    """The text layer's lines on the page's layout, in its reading order; None when the
    layer does not cover the page's text and the page must be read by OCR."""
    placed: list[Line] = []
    regions = iter(_placed([w for line in lines for w in line.words], layout))
    for line in lines:
        runs: list[tuple[str, list[Word]]] = []
        for word in line.words:
            region = next(regions)
            if region is None:
                continue
            if runs and runs[-1][0] == region:
                runs[-1][1].append(word)
            else:
                runs.append((region, [word]))
        for region, words in runs:
            box = words[0].box
            for word in words[1:]:
                box = box.union(word.box)
            placed.append(Line(words=tuple(words), box=box, region=region))
    if not _covers_ink(placed, layout, image, pictures):
        return None
    order = {region.id: rank for rank, region in enumerate(layout.text_regions)}
    placed.sort(key=lambda line: (order.get(line.region, 0), line.box.top))
    return PageText(number=number, lines=tuple(placed))
