"""`python -m bench.costs DOCUMENT`: the CPU seconds of a document's pages through ingest,
preprocess and layout, without OCR."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from bench.costs import main, page_work


def test_page_work_is_told_per_stage_and_page(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    for row in range(10):
        draw.rectangle((150, 200 + 60 * row, 1050, 230 + 60 * row), fill=0)
    path = tmp_path / "two-pages.tif"
    page.convert("1").save(path, save_all=True, append_images=[page.convert("1")],
                           dpi=(150, 150), compression="group4")
    cost = page_work(path, "default")
    assert list(cost) == ["ingest", "preprocess", "layout"]
    assert all(0.0 < seconds < 5.0 for seconds in cost.values())
    assert main([str(path)]) == 0
    assert "two-pages.tif" in capsys.readouterr().out
