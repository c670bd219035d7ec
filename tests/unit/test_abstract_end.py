"""Where the abstract ends: its figure's labels read as text are no part of it, the text
beside the figure and the short last line of a paragraph are."""

from __future__ import annotations

import numpy as np
from text_pages import paragraph_text

from ocr36.model import Box, Line, PackedBitmap, Word
from ocr36.profile import load_profile
from ocr36.structure.continued import figure_labels
from ocr36.structure.frontpage import read_front_page
from ocr36.structure.stream import Event, ImageEvent, LineEvent

_HEIGHT = 36


def _line(text: str, left: int, top: int, width: int = 930,
          height: int = _HEIGHT) -> LineEvent:
    box = Box(left, top, width, height)
    words = tuple(Word(part, box, 90.0) for part in text.split())
    return LineEvent(page=1, line=Line(words=words, box=box, region="r1"), region_lines=1,
                     gap_above=10)


def _figure(left: int, top: int, width: int, height: int) -> ImageEvent:
    crop = PackedBitmap.of(np.full((height, width), 255, dtype=np.uint8))
    return ImageEvent(1, Box(left, top, width, height), crop)


def _abstract_text(events: list[Event]) -> str:
    (paragraph,) = read_front_page(events, load_profile("default")).abstract
    return paragraph_text(paragraph).strip()


def test_the_labels_of_the_abstract_figure_are_no_part_of_the_abstract() -> None:
    """EP A: the abstract in two columns over its figure; labels in and beside the figure
    ("oo", "LS 16") read as lines of the abstract."""
    events: list[Event] = [
        _line("(54) INSULATING PANEL", 238, 1400, 1800),
        _line("(57) Insulating panel which comprises a core", 238, 1579),
        _line("implemented in silica fibre with metal sheets", 239, 1628),
        _line("bonded on both surfaces forming an assembly.", 237, 1677),
        _line("The sheets are scraped, a primer is applied, and", 1311, 1579),
        _line("glue is applied, finally allowing it to", 1312, 1628),
        _line("cure.", 1312, 1677, 79),
        _line("oo", 1845, 2048, 110, 72),
        _figure(578, 2112, 1075, 771),
        _line("LS 16", 1635, 2399, 115),
        _line("FIG. 1", 1145, 3152, 193),
    ]
    text = _abstract_text(events)
    assert text.startswith("Insulating panel")
    assert text.endswith("finally allowing it to cure.")
    assert "LS" not in text and "oo" not in text


def test_text_beside_the_figure_is_the_abstracts() -> None:
    """WO: the abstract beside its figure, its lines reaching into the figure's height, the
    last of them short; a label inside the figure goes."""
    lines = [_line("(57) Abstract: A clamp has two arms", 200, 2000, 1000)]
    lines += [_line(f"and a spring number {i} that holds them", 200, 2050 + 50 * i, 1000)
              for i in range(4)]
    lines += [_line("closed.", 200, 2250, 120), _line("12", 1900, 2150, 40)]
    figure = _figure(1300, 2000, 900, 500)
    assert figure_labels(lines, [figure]) == [lines[-1]]
    assert figure_labels(lines, []) == []
    assert "closed." in _abstract_text([*lines[:-1], figure, lines[-1]])
