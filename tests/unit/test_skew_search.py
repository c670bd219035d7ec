"""The skew search that measures in full only the angles a rough look leaves in the running
finds the estimate of the search that measures every angle in full."""

from __future__ import annotations

import numpy as np
import pytest

from ocr36.ingest import load_page, open_source
from ocr36.paths import samples_dir
from ocr36.preprocess import binarize, deskew, estimate_level, quarter_turn, rotate

SAMPLE = samples_dir() / "US20050004437A1.tif"


@pytest.fixture(scope="module")
def text_page() -> np.ndarray:
    image: np.ndarray = load_page(open_source(SAMPLE), 2, 300).image
    return image


@pytest.mark.parametrize(("turn", "angle"), [(0, 0.0), (0, 1.3), (90, -2.2)])
def test_rough_look_finds_the_angle_of_the_full_search(
        text_page: np.ndarray, turn: int, angle: float, monkeypatch: pytest.MonkeyPatch) -> None:
    page = binarize(rotate(quarter_turn(text_page, turn), angle) if angle
                    else quarter_turn(text_page, turn), "otsu")
    found, sideways = estimate_level(page, 10.0)
    monkeypatch.setattr(deskew, "_ROUGH_POINTS", 10**9)  # every angle measured in full
    assert estimate_level(page, 10.0) == (found, sideways)
    assert sideways == (turn == 90)
    assert found.sure == bool(angle) and (not angle or abs(found.angle + angle) <= 0.1)
