"""The tesserocr engine (Tesseract in-process) through the real page stage."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr36.errors import MissingDependency
from ocr36.evaluate import cer
from ocr36.ingest import load_page, open_source
from ocr36.model import PageResult
from ocr36.ocr import get_engine
from ocr36.pages import PageTask, process_page
from ocr36.paths import samples_dir
from ocr36.profile import load_profile
from ocr36_synth.script_pages import style_font

pytest.importorskip("tesserocr")

SAMPLE = "US20050004437A1"
PAGE = 3


@pytest.fixture(scope="module")
def read() -> PageResult:
    source = open_source(samples_dir() / f"{SAMPLE}.tif")
    return process_page(PageTask(source, PAGE, load_profile("default"), "tesserocr"))


def test_sample_page_read_within_its_truth(read: PageResult) -> None:
    truth = json.loads((samples_dir() / f"{SAMPLE}.truth.json").read_text("utf-8"))
    entry = truth["pages"][PAGE - 1]
    # The running header, page number and margin line numbers are dropped by the layout:
    # the text read is compared whole with the page's body text.
    assert cer(" ".join(line.text for line in read.text.lines), entry["text"]) < 0.02
    confidences = [w.confidence for line in read.text.lines for w in line.words]
    assert len(confidences) > 300 and all(0 <= c <= 100 for c in confidences)
    assert read.text.mean_confidence > 85
    for line in read.text.lines:
        for word in line.words:
            assert 0 <= word.box.left < word.box.right <= read.layout.width
            assert 0 <= word.box.top < word.box.bottom <= read.layout.height


def test_bold_headings_are_marked(read: PageResult) -> None:
    bold = {w.text for line in read.text.lines for w in line.words if w.bold}
    assert {"BRIEF", "DESCRIPTION", "DRAWINGS", "Claims"} <= bold
    assert "simulation" not in bold


def test_orientation_and_languages() -> None:
    engine = get_engine("tesserocr")
    source = open_source(samples_dir() / f"{SAMPLE}.tif")
    page = load_page(source, PAGE, 300).image
    binary = np.where(page < 128, 0, 255).astype(np.uint8)
    turned = np.ascontiguousarray(np.rot90(binary))  # a quarter turn counter-clockwise
    found = engine.orientation(turned)
    assert found is not None and found.rotate == 90 and found.confidence > 3
    assert engine.orientation(np.full((600, 600), 255, dtype=np.uint8)) is None
    lines = engine.recognize(binary[2900:3200], ["eng", "deu"], 6)
    assert "simulation device" in " ".join(line.text for line in lines)
    assert engine.versions()["tesseract"].startswith("5.")



def test_same_words_boxes_and_confidences_as_the_tesseract_program() -> None:
    """Built against the same Tesseract, both adapters read a page exactly alike."""
    from ocr36.ocr.tesseract import tesseract_version

    in_process = get_engine("tesserocr")
    if not in_process.versions()["tesseract"].startswith(tesseract_version() + " "):
        pytest.skip("tesserocr brings another Tesseract than the tesseract program "
                    "(`make setup` builds it against Debian's)")
    page = load_page(open_source(samples_dir() / f"{SAMPLE}.tif"), PAGE, 300).image
    crop = np.where(page[300:1300] < 128, 0, 255).astype(np.uint8)
    words = [[(w.text, w.box, w.confidence) for line in engine.recognize(crop, ["eng"], 6)
              for w in line.words] for engine in (in_process, get_engine("pytesseract"))]
    assert len(words[0]) > 100
    assert words[0] == words[1]


def test_korean_words_spaced_as_printed_though_read_in_pieces() -> None:
    """Tesseract reads a Korean word in pieces of a syllable or two; the words come with
    whether a space was read before each, and the line is spaced as printed."""
    if "kor" not in get_engine("tesserocr").languages():
        pytest.skip("Tesseract pack kor not installed: make setup PROFILES=lang/ko")
    try:
        font = style_font("ko")
    except MissingDependency as missing:
        pytest.skip(f"{missing.message}: {missing.remedy}")
    printed = "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다."
    image = Image.new("L", (1900, 110), 255)
    ImageDraw.Draw(image).text((40, 30), printed, font=font, fill=0)
    binary = np.where(np.asarray(image) < 128, 0, 255).astype(np.uint8)
    (line,) = get_engine("tesserocr").recognize(binary, ["kor"], 7)
    assert len(line.words) > len(printed.split())  # in pieces
    assert {w.space_before for w in line.words[1:]} == {True, False}
    assert line.text == printed
