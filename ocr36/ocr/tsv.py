"""Tesseract's word table (TSV: one row per block, paragraph, line and word) as lines of
words: the pytesseract adapter reads its results through it (the tesserocr adapter reads the
same words from Tesseract's result iterator, `ocr36.ocr.iterator`)."""

from __future__ import annotations

from ocr36.model import Box, Line, Word
from ocr36.ocr.engine import line_of

COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left",
           "top", "width", "height", "conf", "text")

Table = dict[str, list[object]]
"""Columns of the table by name, the shape pytesseract's image_to_data gives."""


def table_of(tsv: str) -> Table:
    """Tesseract's TSV text as columns; confidences as whole numbers, as the tesseract
    program's TSV gives them through pytesseract."""
    data: Table = {name: [] for name in COLUMNS}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < len(COLUMNS):
            cells += [""] * (len(COLUMNS) - len(cells))
        for name, cell in zip(COLUMNS, cells, strict=False):
            data[name].append(_whole(cell) if name == "conf" else cell)
    return data


def _whole(confidence: str) -> str:
    try:
        return str(int(float(confidence)))
    except ValueError:
        return "-1"


def lines_of(data: Table) -> tuple[Line, ...]:
    """The words of the table (empty and negative-confidence rows left out), grouped in the
    lines Tesseract found, in its order."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, raw_text in enumerate(data["text"]):
        text = str(raw_text).strip()
        confidence = float(str(data["conf"][i]))
        if not text or confidence < 0:
            continue
        box = Box(int(str(data["left"][i])), int(str(data["top"][i])),
                  int(str(data["width"][i])), int(str(data["height"][i])))
        key = (int(str(data["block_num"][i])), int(str(data["par_num"][i])),
               int(str(data["line_num"][i])))
        lines.setdefault(key, []).append(Word(text=text, box=box, confidence=confidence))
    return tuple(line_of(lines[key]) for key in sorted(lines))
