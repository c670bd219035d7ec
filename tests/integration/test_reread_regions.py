"""A page read again in part: only the text region of a section in another language, with
that language's pack, the other region's lines kept as they were read (real Tesseract)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from ocr36.costs import REREAD
from ocr36.ingest import open_source
from ocr36.ocr.engine import DEFAULT_ENGINE
from ocr36.pages import PageTask, process_page, reread_page
from ocr36.profile import load_profile
from ocr36_synth.fonts import typeface

ENGLISH = ["1. A method for charging fees", "for the use of a vehicle, in", "which data are sent",
           "from a centre to the vehicle."]
GERMAN = ["1. Verfahren zur Abrechnung", "von Nutzungsgebühren für ein", "Fahrzeug, bei dem die",
          "Daten übertragen werden."]


def _two_columns(path: Path) -> Path:
    image = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(image)
    font = typeface("serif").font("regular", 42)
    for row, (english, german) in enumerate(zip(ENGLISH, GERMAN, strict=True)):
        draw.text((200, 300 + row * 60), english, font=font, fill=0)
        draw.text((1350, 300 + row * 60), german, font=font, fill=0)
    image.save(path, dpi=(300, 300))
    return path


def test_only_the_german_column_is_read_again(tmp_path: Path) -> None:
    profile = load_profile("default")
    page = process_page(PageTask(open_source(_two_columns(tmp_path / "p.png")), 1, profile))
    regions = {line.region for line in page.text.lines}
    german = next(line.region for line in page.text.lines if "Fahrzeug" in line.text)
    assert len(regions) == 2
    again = reread_page(page, ("deu",), profile, DEFAULT_ENGINE, [(german, ("deu",))])
    kept = [line for line in page.text.lines if line.region != german]
    assert [line for line in again.text.lines if line.region != german] == kept
    read = " ".join(line.text for line in again.text.lines if line.region == german)
    assert "Nutzungsgebühren für" in read and "übertragen" in read
    assert again.read_again_with == ("deu",)
    assert again.seconds[REREAD] > 0
