"""Front pages drawn for the tests: a European A publication's (bibliographic data in two
columns, the publication number large at the top right beside a bar code, IPC editions in
superscript, the abstract (57) in two columns above its figure) and a national filing's plain
abstract page. Each is put before the pages of a bundled sample, whose description and claims
follow."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw

from ocr36.paths import samples_dir
from ocr36_synth.figures import draw_figure
from ocr36_synth.fonts import Typeface, typeface

A4 = (2480, 3508)
LEFT, MIDDLE, RIGHT = 180, 1290, 2300
SIZE = 38
PITCH = 50

ABSTRACT = (
    "A simulation device for the playful evaluation and display of blood sugar levels has a "
    "housing with a display and a memory for measured values. The values are evaluated by a "
    "processor, which shows the result as the mood of a virtual creature on the display. A "
    "well kept level makes the creature grow and play, while values outside the range chosen "
    "by the physician make it tired or ill. The device reminds its user of the next "
    "measurement and keeps a diary of the values, which can be read by a computer through an "
    "interface. Children learn in this way to keep their blood sugar in the range asked of "
    "them, and their parents and physicians can follow the course of the values."
)
TRUTH = {
    "country": "EP", "doc_number": "2345678", "kind": "A1", "publication_date": "20110720",
    "application_number": "10196543.2", "filing_date": "20101222",
    "ipc": ("A61B 5/00", "G06F 19/00"),
    "title": "Simulation device for playful evaluation and display of blood sugar levels",
}


class _Painter:
    def __init__(self) -> None:
        self.image = Image.new("L", A4, 255)
        self.draw = ImageDraw.Draw(self.image)
        self.face: Typeface = typeface("sans")

    def text(self, x: float, y: int, text: str, size: int = SIZE, style: str = "regular",
             anchor: str = "ls") -> None:
        font = self.face.font("bold" if style == "bold" else "regular", size)
        self.draw.text((x, y), text, font=font, fill=0, anchor=anchor)

    def wrapped(self, x: int, y: int, width: int, text: str, style: str = "regular") -> int:
        """Lines of `text` within `width` from baseline y; returns the next baseline."""
        line = ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if self.face.width(trial, "bold" if style == "bold" else "regular", SIZE) > width:
                self.text(x, y, line, style=style)
                y, line = y + PITCH, word
            else:
                line = trial
        if line:
            self.text(x, y, line, style=style)
            y += PITCH
        return y

    def field(self, x: int, y: int, code: str, lines: list[str]) -> int:
        self.text(x, y, code)
        for line in lines:
            self.text(x + 115, y, line, style="bold" if line is not lines[0] else "regular")
            y += PITCH
        return y + PITCH // 2


def ep_a_front_page() -> Image.Image:
    """The front page of a European patent application (A1), as EPO prints it."""
    page = _Painter()
    page.text(LEFT, 250, "(19)")
    page.text(LEFT + 230, 250, "European Patent Office", 42, "bold")
    rng = random.Random(2345678)
    x = 1500
    while x < RIGHT:  # the bar code
        width = rng.choice((4, 8, 12))
        page.draw.rectangle([(x, 180), (x + width, 330)], fill=0)
        x += width + rng.choice((6, 10))
    page.text(1500, 470, "(11)", 40)
    page.text(RIGHT, 470, "EP 2 345 678 A1", 80, "bold", anchor="rs")
    page.draw.rectangle([(LEFT, 505), (RIGHT, 510)], fill=0)
    page.text(LEFT, 620, "(12)", 40)
    page.text((LEFT + RIGHT) / 2, 620, "EUROPEAN PATENT APPLICATION", 56, "bold", anchor="ms")
    y = page.field(LEFT, 760, "(43)", ["Date of publication:", "20.07.2011 Bulletin 2011/29"])
    y = page.field(LEFT, y, "(21)", ["Application number: 10196543.2"])
    y_left = page.field(LEFT, y, "(22)", ["Date of filing: 22.12.2010"])
    y = 760
    page.text(MIDDLE, y, "(51)")
    page.text(MIDDLE + 115, y, "Int Cl.:")
    for symbol in TRUTH["ipc"]:
        y += PITCH
        page.text(MIDDLE + 115, y, symbol, style="bold")
        page.text(MIDDLE + 115 + page.face.width(symbol, "bold", SIZE) + 14, y - 14,
                  "(2006.01)", 26)
    y_right = y + PITCH + PITCH // 2
    y = max(y_left, y_right)
    y_left = page.field(LEFT, y, "(30)", ["Priority: 23.12.2009 CH 1974/09"])
    y_left = page.field(LEFT, y_left, "(71)", ["Applicant:", "Kaufmann, Heiner",
                                               "3000 Bern (CH)"])
    y_right = page.field(MIDDLE, y, "(72)", ["Inventor:", "Vering, Thomas",
                                             "3047 Bremgarten (CH)"])
    y_right = page.field(MIDDLE, y_right, "(74)", ["Representative:", "Weber, Anna",
                                                   "80331 Muenchen (DE)"])
    y = max(y_left, y_right) + 20
    page.draw.rectangle([(LEFT, y - 40), (RIGHT, y - 37)], fill=0)
    page.text(LEFT, y + 20, "(54)")
    y = page.wrapped(LEFT + 115, y + 20, RIGHT - LEFT - 115, TRUTH["title"].upper(), "bold")
    page.draw.rectangle([(LEFT, y), (RIGHT, y + 3)], fill=0)
    _two_column_abstract(page, y + 110)
    return page.image.point(lambda value: 255 if value >= 128 else 0).convert("1")


def _two_column_abstract(page: _Painter, top: int) -> None:
    """(57) and the abstract's text in two columns, its figure under them."""
    words = ABSTRACT.split()
    width = MIDDLE - LEFT - 80 - 115
    page.text(LEFT, top, "(57)")
    lines: list[str] = []
    line = ""
    for word in words:
        trial = f"{line} {word}".strip()
        if page.face.width(trial, "regular", SIZE) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    half = (len(lines) + 1) // 2
    for index, text in enumerate(lines):
        column = LEFT + 115 if index < half else MIDDLE
        page.text(column, top + (index % half) * PITCH, text)
    figure_top = top + half * PITCH + 80
    draw_figure(page.image, (LEFT + 500, figure_top, 1300, 1000), "1", 7, page.face)


def abstract_page() -> Image.Image:
    """A national filing's first page: a running head, then only ABSTRACT and its text."""
    page = _Painter()
    page.text(LEFT, 200, "CA 02345678 2016-08-12", 34)
    page.text((LEFT + RIGHT) / 2, 420, "ABSTRACT", 44, "bold", anchor="ms")
    page.wrapped(LEFT, 560, RIGHT - LEFT, ABSTRACT)
    return page.image.point(lambda value: 255 if value >= 128 else 0).convert("1")


def cover_sheet() -> Image.Image:
    """A filing's cover sheet: what it is, its title and who filed it; no INID codes."""
    page = _Painter()
    page.text((LEFT + RIGHT) / 2, 700, "PATENT APPLICATION", 56, "bold", anchor="ms")
    y = page.wrapped(LEFT + 200, 1000, RIGHT - LEFT - 400, str(TRUTH["title"]).upper(), "bold")
    page.text(LEFT + 200, y + 200, "Filed by: Kaufmann, Heiner and Vering, Thomas")
    page.text(LEFT + 200, y + 260, "Bern, Switzerland")
    return page.image.point(lambda value: 255 if value >= 128 else 0).convert("1")


def with_sample_pages(front: Image.Image, out: Path, sample: str = "US20050004437A1",
                      pages: tuple[int, ...] = (1, 2, 3, 4, 5)) -> Path:
    """`front` followed by pages of a bundled sample (0-based, after its own front page),
    written as one G4 TIFF."""
    with Image.open(samples_dir() / f"{sample}.tif") as source:
        rest = []
        for index in pages:
            source.seek(index)
            rest.append(source.convert("1").copy())
    front.save(out, save_all=True, append_images=rest, compression="group4", dpi=(300, 300))
    return out
