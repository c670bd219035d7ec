"""Preprocessing on simulated scans: deskew, orientation, specks, holes, resolution, gray."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr36.evaluate import cer
from ocr36.ingest import _to_gray, load_page, open_source
from ocr36.model import SourcePage
from ocr36.ocr import get_engine
from ocr36.pages import PageTask, process_page
from ocr36.pagetext import read_page_text
from ocr36.paths import samples_dir
from ocr36.preprocess import (
    binarize,
    is_bilevel,
    preprocess,
    quarter_turn,
    remove_punch_holes,
    remove_specks,
    text_height,
)
from ocr36.preprocess.deskew import _ink_points, _turned_points
from ocr36.profile import load_profile
from ocr36_synth.fonts import typeface
from ocr36_synth.scan import Defects, degrade, degrade_preset

SAMPLE = samples_dir() / "US20050004437A1.tif"


def _sample_page(number: int) -> Image.Image:
    with Image.open(SAMPLE) as image:
        image.seek(number - 1)
        page = image.convert("1")
    page.info["dpi"] = (300, 300)
    return page


def _source(image: Image.Image, dpi: int | None = None) -> SourcePage:
    tagged = image.info.get("dpi", (300, 300))[0]
    return SourcePage(1, _to_gray(image), dpi or round(tagged), True)


@pytest.fixture(scope="module")
def text_image() -> Image.Image:
    return _sample_page(2)


@pytest.fixture(scope="module")
def settings():  # type: ignore[no-untyped-def]
    return load_profile("default").preprocess


@pytest.mark.parametrize(("skew", "seed"), [(-4.7, 1), (-0.6, 2), (1.9, 3), (4.9, 4)])
def test_skewed_scan_is_levelled(text_image: Image.Image, settings, skew: float,  # type: ignore[no-untyped-def]
                                 seed: int) -> None:
    scanned, applied = degrade(text_image, seed, Defects(skew=skew, noise=10.0, speckle=0.0003))
    clean = preprocess(_source(scanned), settings, get_engine())
    assert clean.rotation == 0
    assert abs(applied["skew"] + clean.skew) <= 0.1


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_turned_scan_is_set_upright(text_image: Image.Image, settings,  # type: ignore[no-untyped-def]
                                    rotation: int) -> None:
    defects = Defects(skew=1.2, rotation=rotation, noise=8.0)
    scanned, applied = degrade(text_image, rotation, defects)
    clean = preprocess(_source(scanned), settings, get_engine())
    assert clean.rotation == rotation
    assert abs(applied["skew"] + clean.skew) <= 0.1
    assert clean.image.shape == (3508, 2480)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_page_stage_reads_a_turned_page_upright(text_image: Image.Image, tmp_path: Path,
                                                rotation: int) -> None:
    """As a conversion reads a page: orientation is checked where the text reads poorly, so
    a turned page is found, turned and read; an upright one is read once."""
    scanned, _ = degrade(text_image, rotation + 7, Defects(skew=0.8, rotation=rotation, noise=8.0))
    path = tmp_path / "page.png"
    scanned.save(path, dpi=(300, 300))
    page = process_page(PageTask(open_source(path), 1, load_profile("default")))
    assert page.rotation == rotation
    assert sum(len(line.words) for line in page.text.lines) > 300
    assert page.text.mean_confidence > 85


def test_drawing_page_is_not_turned_and_is_levelled(settings) -> None:  # type: ignore[no-untyped-def]
    scanned, applied = degrade(_sample_page(5), 9, Defects(skew=-2.4, noise=8.0))
    clean = preprocess(_source(scanned), settings, get_engine())
    assert clean.rotation == 0
    assert abs(applied["skew"] + clean.skew) <= 0.1


def test_nearly_empty_page_is_levelled(text_image: Image.Image, settings) -> None:  # type: ignore[no-untyped-def]
    page = text_image.convert("L")
    ImageDraw.Draw(page).rectangle((0, 560, page.width, 3300), fill=255)
    scanned, applied = degrade(page.convert("1"), 5, Defects(skew=3.3, noise=8.0))
    clean = preprocess(_source(scanned), settings, get_engine())
    assert clean.rotation == 0
    assert abs(applied["skew"] + clean.skew) <= 0.1


def _printed(text: str, size: int = 44) -> np.ndarray:
    image = Image.new("L", (1600, 200), 255)
    ImageDraw.Draw(image).text((40, 60), text, fill=0,
                               font=typeface("serif").font("regular", size))
    return np.where(np.asarray(image) < 128, 0, 255).astype(np.uint8)


def _components(binary: np.ndarray) -> int:
    count, _ = cv2.connectedComponents((binary == 0).astype(np.uint8), connectivity=8)
    return int(count) - 1


def test_specks_go_but_i_dots_and_decimal_points_stay() -> None:
    printed = _printed("pi is 3.14159; i.e. a fine line, mini item.")
    speckled = printed.copy()
    rng = np.random.default_rng(4)
    spots = [(int(y), int(x)) for y, x in zip(rng.integers(5, 40, 12), rng.integers(5, 1590, 12),
                                              strict=True)]
    for y, x in spots:
        speckled[y : y + 2, x : x + 2] = 0
    cleaned = remove_specks(speckled, 4)
    assert _components(cleaned) == _components(printed)
    assert np.array_equal(cleaned, printed)


def test_punch_holes_go_and_text_stays(text_image: Image.Image) -> None:
    scanned, applied = degrade(text_image, 3, Defects(skew=0.0, holes=3, noise=0.0, speckle=0.0,
                                                       border=False))
    binary = binarize(_to_gray(scanned), "auto")
    cleaned = remove_punch_holes(binary)
    for hole in applied["holes"]:
        x, y, r = hole["x"], hole["y"], hole["radius"]
        assert binary[y - r // 2 : y + r // 2, x - r // 2 : x + r // 2].max() == 0
        assert cleaned[y - r - 4 : y + r + 4, x - r - 4 : x + r + 4].min() == 255
    body = np.s_[400:3200, 300:2300]
    assert np.array_equal(cleaned[body], binary[body])


def test_a_200_dpi_scan_is_brought_to_300_dpi(text_image: Image.Image, settings) -> None:  # type: ignore[no-untyped-def]
    scanned, _ = degrade(text_image, 6, Defects(skew=0.4, dpi=200, noise=8.0))
    assert scanned.size == (1653, 2339)
    clean = preprocess(_source(scanned), settings, get_engine())
    assert clean.scale == pytest.approx(1.5)
    assert abs(clean.image.shape[0] - 3508) <= 2
    assert not clean.warnings


def test_a_wrong_resolution_tag_is_told_by_the_print(text_image: Image.Image, settings) -> None:  # type: ignore[no-untyped-def]
    scanned, applied = degrade_preset(text_image, 7, "wrong-dpi")
    assert applied["dpi"] == 400 and scanned.info["dpi"] == (200, 200)
    source = _source(scanned)
    assert source.dpi == 200
    clean = preprocess(source, settings, get_engine())
    found = text_height(clean.image)
    assert found is not None and 19 <= found <= 25
    assert abs(clean.image.shape[0] - 3508) <= 60
    assert any("400 dpi" in warning or "taken to be" in warning for warning in clean.warnings)


def test_clean_page_is_left_as_it_is(text_image: Image.Image, settings) -> None:  # type: ignore[no-untyped-def]
    clean = preprocess(_source(text_image), settings, get_engine())
    assert (clean.rotation, clean.skew, clean.scale, clean.warnings) == (0, 0.0, 1.0, ())
    assert np.mean(clean.image == np.asarray(_to_gray(text_image))) > 0.999


def test_uneven_gray_scan_is_binarised_and_read(tmp_path: Path) -> None:
    truth = json.loads((samples_dir() / "US20050004437A1.truth.json").read_text("utf-8"))
    scanned, applied = degrade_preset(_sample_page(2), 11, "gray")
    assert scanned.mode == "L" and applied["uneven"] > 0
    path = tmp_path / "gray.png"
    scanned.save(path, dpi=(300, 300))
    gray = load_page(open_source(path), 1, 300).image
    body = np.s_[400:3200, 300:2200]
    printed = np.mean(np.asarray(_to_gray(_sample_page(2)))[body] == 0)
    # About as much ink as was printed: no shade, no show-through from the other side.
    assert abs(np.mean(binarize(gray, "auto")[body] == 0) - printed) < 0.25 * printed
    text, clean = read_page_text(path, load_profile("default"))
    assert clean.rotation == 0
    assert cer(text, truth["pages"][1]["text"]) < 0.02


def test_a_page_of_two_values_is_bilevel_and_one_of_three_is_not() -> None:
    page = np.full((30, 40), 255, np.uint8)
    assert is_bilevel(page)  # blank paper
    page[5:9, 5:30] = 0
    assert is_bilevel(page)
    page[20, 20] = 254  # two neighbouring values and a third
    assert not is_bilevel(page)
    page[20, 20] = 128
    assert not is_bilevel(page)
    assert is_bilevel(np.array([[7, 8], [8, 7]], np.uint8))


def test_skew_points_of_the_turned_page_are_found_without_turning_it() -> None:
    half = np.full((24, 18), 255, np.uint8)
    half[np.random.default_rng(3).random(half.shape) < 0.2] = 0
    ys, xs = np.nonzero(half < 128)
    turned = quarter_turn(half, 90)
    expected = _ink_points(turned, 10_000)
    found = _turned_points(ys, xs, half.shape[0])
    assert sorted(zip(*expected, strict=True)) == sorted(zip(*found, strict=True))
