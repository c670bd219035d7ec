"""Group 4 TIFF writing: the format EPO packages use, decoded back pixel for pixel."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from ocr36.errors import FileAccess, InvalidOutput
from ocr36.tiff import TiffFacts, encode_g4, read_tiff_facts, size_mm, write_g4


def page_like(height: int = 3508, width: int = 2480) -> np.ndarray:
    """An A4 page at 300 dpi with text-like ink bars and a frame."""
    image = np.full((height, width), 255, dtype=np.uint8)
    for row in range(300, height - 300, 60):
        image[row : row + 22, 250 : width - 250 - (row % 7) * 40] = 0
    image[100:104, :] = 0
    image[:, 100:104] = 0
    return image


def test_written_file_is_g4_300dpi_one_strip_white_is_zero(tmp_path: Path) -> None:
    path = tmp_path / "srep0001.tif"
    write_g4(page_like(), path)
    assert read_tiff_facts(path) == TiffFacts(
        width=2480,
        height=3508,
        bits=1,
        compression="group4",
        dpi=(300, 300),
        strips=1,
        photometric="WhiteIsZero",
        frames=1,
    )
    with Image.open(path) as image:
        tags = dict(image.tag_v2)
    assert tags[278] == 3508  # rows per strip = height
    assert tags[262] == 0  # WhiteIsZero
    assert 305 not in tags and 306 not in tags  # no software, no date-time


def test_pixels_survive_the_round_trip(tmp_path: Path) -> None:
    bitmap = page_like(900, 1277)
    path = tmp_path / "imgb0001.tif"
    write_g4(bitmap, path)
    with Image.open(path) as image:
        decoded = np.array(image.convert("L"))
    assert np.array_equal(decoded, bitmap)
    # a second, independent decoder (OpenCV's libtiff reader) sees the same ink
    assert np.array_equal(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE), bitmap)


def test_gray_values_are_thresholded_at_the_middle() -> None:
    bitmap = np.array([[0, 127, 128, 255]] * 8, dtype=np.uint8)
    data = encode_g4(bitmap)
    with Image.open(io.BytesIO(data)) as image:
        decoded = np.array(image.convert("L"))
    assert decoded[0].tolist() == [0, 0, 255, 255]


def test_output_is_byte_identical_for_the_same_bitmap(tmp_path: Path) -> None:
    first, second = tmp_path / "a.tif", tmp_path / "b.tif"
    write_g4(page_like(), first)
    write_g4(page_like(), second)
    assert first.read_bytes() == second.read_bytes()


def test_g4_compresses_a_page_well(tmp_path: Path) -> None:
    path = tmp_path / "page.tif"
    write_g4(page_like(), path)
    assert path.stat().st_size < 40_000  # raw 1-bit would be 1 087 480 bytes


@pytest.mark.parametrize(
    ("pixels", "dpi", "mm"),
    [(1276, 300, 108), (3508, 300, 297), (2480, 300, 210), (437, 300, 37), (1, 300, 1)],
)
def test_size_in_millimetres(pixels: int, dpi: int, mm: int) -> None:
    assert size_mm(pixels, dpi) == mm


def test_size_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        size_mm(0, 300)


def test_a_bitmap_that_is_not_2d_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidOutput, match="2-D"):
        write_g4(np.zeros((4, 4, 3), dtype=np.uint8), tmp_path / "x.tif")
    assert not (tmp_path / "x.tif").exists()


def test_unwritable_place_is_a_file_access_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccess, match="missing"):
        write_g4(page_like(20, 20), tmp_path / "missing" / "x.tif")


def test_reading_a_missing_file_is_a_file_access_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccess, match="does not exist"):
        read_tiff_facts(tmp_path / "nothing.tif")
