"""Each page stage on real pages: ingest, preprocess (OpenCV + Tesseract OSD), layout, OCR."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr36.ingest import load_page, natural_key, open_source
from ocr36.layout import analyse
from ocr36.model import Box, CleanPage, Line, PageLayout, Region, RegionKind, SourcePage, Word
from ocr36.ocr import get_engine
from ocr36.paths import samples_dir
from ocr36.preprocess import (
    binarize,
    estimate_skew,
    preprocess,
    quarter_turn,
    remove_dark_borders,
    remove_specks,
    rotate,
)
from ocr36.profile import load_profile
from ocr36.recognize import _insert_words, read_page
from ocr36.structure.body import classify_image
from ocr36_synth.fonts import typeface
from ocr36_synth.scan import PRESETS, degrade

SAMPLE = samples_dir() / "US20050004437A1.tif"
TWO_COLUMN = samples_dir() / "US08930553B2-two-column.tif"


@pytest.fixture(scope="module")
def text_page() -> SourcePage:
    return load_page(open_source(SAMPLE), 2, 300)


def test_ingest_multipage_tiff() -> None:
    source = open_source(SAMPLE)
    assert source.page_count == 8
    assert len(source.sha256) == 64
    page = load_page(source, 3, 300)
    assert page.image.dtype == np.uint8 and page.image.shape == (3508, 2480)
    assert page.dpi == 300 and page.dpi_from_file


def test_ingest_folder_in_natural_order_with_dpi_fallback(tmp_path: Path) -> None:
    for name, dpi in (("page10.png", None), ("page2.png", (72, 72)), ("page1.png", (0, 0))):
        image = Image.new("L", (200, 300), 255)
        image.save(tmp_path / name, **({"dpi": dpi} if dpi else {}))
    source = open_source(tmp_path)
    assert [p.name for p in source.page_files] == ["page1.png", "page2.png", "page10.png"]
    for number in (1, 2, 3):
        page = load_page(source, number, 400)
        assert page.dpi == 400 and not page.dpi_from_file
    assert sorted([Path("b10"), Path("b9"), Path("a")], key=natural_key) == \
        [Path("a"), Path("b9"), Path("b10")]


@pytest.mark.parametrize("angle", [-4.0, -1.3, 2.2, 5.0])
def test_deskew_finds_the_angle(text_page: SourcePage, angle: float) -> None:
    skewed = rotate(text_page.image, angle)
    estimate = estimate_skew(binarize(skewed, "otsu"), 10.0)
    assert estimate.sure
    assert abs(estimate.angle + angle) <= 0.1


def test_deskew_leaves_a_level_page_alone(text_page: SourcePage) -> None:
    estimate = estimate_skew(binarize(text_page.image, "otsu"), 10.0)
    assert abs(estimate.angle) < 0.05 or not estimate.sure


def test_preprocess_turns_an_upside_down_page(text_page: SourcePage) -> None:
    settings = load_profile("default").preprocess
    upside_down = SourcePage(2, quarter_turn(text_page.image, 180), 300, True)
    clean = preprocess(upside_down, settings, get_engine())
    assert clean.rotation == 180
    assert np.mean(clean.image == binarize(text_page.image, "otsu")) > 0.99


def test_preprocess_keeps_an_upright_page_as_it_is(text_page: SourcePage) -> None:
    clean = preprocess(text_page, load_profile("default").preprocess, get_engine())
    assert clean.rotation == 0 and clean.skew == 0.0


def _nearly_empty(page: SourcePage) -> np.ndarray:
    """The page cut down to its running header and first lines: too little for OSD."""
    image = page.image.copy()
    image[420:, :] = 255
    return image


@pytest.mark.parametrize("turned", [90, 180, 270])
def test_a_nearly_empty_page_is_turned_upright_by_reading(text_page: SourcePage,
                                                          turned: int) -> None:
    settings = load_profile("default").preprocess
    image = _nearly_empty(text_page)
    osd = get_engine().orientation(quarter_turn(image, turned))
    assert osd is None or osd.confidence < settings.orientation_min_confidence  # OSD cannot tell
    clean = preprocess(SourcePage(2, quarter_turn(image, turned), 300, True), settings,
                       get_engine())
    assert (turned + clean.rotation) % 360 == 0
    assert np.mean(clean.image == binarize(image, "otsu")) > 0.99


def test_upright_drawings_and_nearly_empty_pages_are_not_turned(text_page: SourcePage) -> None:
    settings = load_profile("default").preprocess
    pages = [SourcePage(2, _nearly_empty(text_page), 300, True)]
    pages += [load_page(open_source(SAMPLE), number, 300) for number in (5, 6, 7, 8)]
    for page in pages:
        assert preprocess(page, settings, get_engine()).rotation == 0, page.number


def test_dark_borders_are_removed(text_page: SourcePage) -> None:
    bordered = text_page.image.copy()
    bordered[:, :120] = 0
    bordered[-90:, :] = 20
    cleaned = remove_dark_borders(bordered)
    assert cleaned[:, :120].min() == 255 and cleaned[-90:, :].min() == 255
    assert np.array_equal(cleaned[200:-200, 200:-200], bordered[200:-200, 200:-200])


def test_specks_go_but_dots_stay() -> None:
    page = np.full((400, 400), 255, np.uint8)
    page[100:103, 100:102] = 0          # a lone speck
    page[200:240, 200:206] = 0          # the stem of an i ...
    page[190:195, 200:205] = 0          # ... and its dot, close above
    cleaned = remove_specks(page, 8)
    assert cleaned[100:103, 100:102].min() == 255
    assert cleaned[190:195, 200:205].max() == 0


def test_layout_drops_header_page_number_and_line_numbers() -> None:
    truth = json.loads((samples_dir() / "US20050004437A1.truth.json").read_text("utf-8"))
    profile = load_profile("default")
    page = load_page(open_source(SAMPLE), 2, 300)
    layout = analyse(preprocess(page, profile.preprocess, get_engine()), profile.layout)
    bands = [r for r in layout.regions if r.kind is RegionKind.BAND]
    found = {(r.band, r.box.center_y // 40) for r in bands}
    for band in truth["pages"][1]["bands"]:
        _left, top, _width, height = band["box"]
        assert (band["band"], (top + height / 2) // 40) in found, band


def test_two_column_reading_order() -> None:
    profile = load_profile("default")
    page = load_page(open_source(TWO_COLUMN), 3, 300)
    clean = preprocess(page, profile.preprocess, get_engine())
    layout = analyse(clean, profile.layout)
    assert layout.columns == 2
    text = read_page(clean, layout, get_engine(), ["eng"], psm=profile.ocr.psm_text)
    assert {line.region for line in text.lines} <= {r.id for r in layout.text_regions}
    middle = layout.width / 2
    sides = [line.box.center_x > middle for line in text.lines]
    assert sides == sorted(sides), "all of the left column comes before the right one"
    assert not any(line.text.strip().isdigit() for line in text.lines)


def test_drawing_page_keeps_figures_as_images() -> None:
    profile = load_profile("default")
    page = load_page(open_source(SAMPLE), 5, 300)
    layout = analyse(preprocess(page, profile.preprocess, get_engine()), profile.layout)
    assert len(layout.image_regions) == 1
    assert layout.image_regions[0].box.height > 1000


def test_column_running_on_below_an_empty_stretch_is_read_before_the_next() -> None:
    """A left column that goes on (a "Claims" heading, claim 1) below the foot of a shorter
    right column is read whole before the right column."""
    image = np.full((3508, 2480), 255, dtype=np.uint8)
    rows = [(225, top) for top in range(330, 2800, 56)] + \
        [(1300, top) for top in range(330, 2130, 56)] + \
        [(225, top) for top in range(2960, 3270, 56)]
    for left, top in rows:
        for word in range(6):  # words of a printed line: bars with spaces between them
            x = left + word * 158
            image[top : top + 30, x : x + 140] = 0
    clean = CleanPage(number=4, image=image, gray=image, dpi=300, skew=0.0, rotation=0,
                      scale=1.0)
    layout = analyse(clean, load_profile("default").layout)
    text = [r for r in layout.regions if r.kind is RegionKind.TEXT]
    assert layout.columns == 2
    assert [r.column for r in text] == sorted(r.column for r in text)
    assert max(r.box.bottom for r in text if r.column == 0) > 3200


def _page_with_ruled_table() -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A4 at 300 dpi: a paragraph, a table ruled both ways with thin (2 px) rules, and another
    paragraph; the table's box (left, top, right, bottom)."""
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font = typeface("serif").font("regular", 42)
    words = "the compound of formula wherein each variable has the same meaning as above"
    for row in range(8):
        draw.text((280, 300 + row * 56), words, font=font, fill=0)
        draw.text((280, 2700 + row * 56), words, font=font, fill=0)
    left, top, columns, pitch = 950, 900, (0, 370, 510, 630), 71
    names = ["ALANINE", "ARGININE", "GLYCINE", "LEUCINE", "LYSINE", "PROLINE", "SERINE",
             "VALINE", "TYROSINE", "CYSTEINE", "HISTIDINE", "THREONINE"]
    bottom = top + pitch * len(names)
    for index, name in enumerate(names):
        y = top + index * pitch
        draw.rectangle((left, y, left + columns[-1], y + 1), fill=0)
        for x, text in zip(columns, (name, name[:3], name[0]), strict=False):
            draw.text((left + x + 20, y + 16), text, font=font, fill=0)
    draw.rectangle((left, bottom, left + columns[-1], bottom + 1), fill=0)
    for x in columns:
        draw.rectangle((left + x, top, left + x + 1, bottom + 1), fill=0)
    return page.convert("1"), (left, top, left + columns[-1], bottom)


@pytest.mark.parametrize("skew", [0.0, 1.4, -0.8])
def test_a_ruled_table_is_one_table_image_on_a_skewed_scan(skew: float) -> None:
    """Levelled again, a scanned table's thin rules step between pixel rows and break: they are
    still found, the table is kept whole as a table image, and the text around it is read."""
    page, (left, top, right, bottom) = _page_with_ruled_table()
    if skew:  # the light defects (noise, specks, blur, borders), with this skew
        page, _ = degrade(page, 7, dataclasses.replace(PRESETS["light"], skew=skew))
    profile = load_profile("default")
    clean = preprocess(SourcePage(3, np.asarray(page.convert("L")), 300, True),
                       profile.preprocess, get_engine())
    layout = analyse(clean, profile.layout)
    images = layout.image_regions
    assert len(images) == 1
    box = images[0].box
    assert abs(box.left - left) < 20 and abs(box.right - right) < 20
    assert abs(box.top - top) < 30 and abs(box.bottom - bottom) < 30
    crop = clean.image[box.top : box.bottom, box.left : box.right]
    assert classify_image(crop) == "table"
    text = [r.box for r in layout.regions if r.kind is RegionKind.TEXT]
    assert all(b.bottom < top or b.top > bottom for b in text)
    assert len([b for b in text if b.height > 400]) == 2  # the paragraphs (and specks)


def test_ink_inside_a_right_to_left_line_is_no_lost_line_start() -> None:
    """Words read on their own go before the line they start: to its left, or to its right
    where its words run right to left (Arabic: the first word is the rightmost)."""
    def line(*words: tuple[str, int]) -> Line:
        placed = tuple(Word(text, Box(left, 100, 60, 30), 90.0) for text, left in words)
        return Line(placed, Box(min(w.box.left for w in placed), 100, 1000, 30), "r1")

    layout = PageLayout(1, 2480, 3508, 1, (Region(RegionKind.TEXT, Box(0, 0, 2000, 400),
                                                  id="r1"),))
    piece = (Word("ل", Box(700, 100, 14, 30), 60.0),)
    right_to_left = [line(("(12)", 1900), ("لا", 1800), ("شرفه", 400))]
    assert _insert_words(list(right_to_left), piece, piece[0].box, layout) == right_to_left
    number = (Word("(12)", Box(1980, 100, 60, 30), 90.0),)
    started = _insert_words([line(("لا", 1800), ("شرفه", 400))], number, number[0].box, layout)
    assert [w.text for w in started[0].words] == ["(12)", "لا", "شرفه"]
    number = (Word("7.", Box(200, 100, 40, 30), 90.0),)
    started = _insert_words([line(("The", 300), ("device", 400))], number, number[0].box, layout)
    assert [w.text for w in started[0].words] == ["7.", "The", "device"]
    inside = (Word("i", Box(380, 100, 10, 30), 60.0),)
    kept = [line(("The", 300), ("device", 400))]
    assert _insert_words(list(kept), inside, inside[0].box, layout) == kept
