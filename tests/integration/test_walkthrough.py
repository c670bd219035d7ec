"""The trainer's walkthrough: one page of the scanned sample through every stage, in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from review_browser import chromium, console_errors, scan_with_review

from ocr36.review.walkthrough import SHOWN_PAGE, write_walkthrough


def test_walkthrough_shows_every_stage(tmp_path_factory: pytest.TempPathFactory,
                                       tmp_path: Path) -> None:
    package = scan_with_review(tmp_path_factory)
    index = write_walkthrough(package.parent, package)
    assert index == package.parent / "walkthrough" / "index.html"
    trace = json.loads((package.parent / "US20050004437A1.review" / "trace.json").read_text())
    page = trace["pages"][SHOWN_PAGE - 1]
    with Image.open(index.parent / "original.png") as original, \
            Image.open(index.parent / "clean.png") as clean:
        assert original.width == clean.width == 1000
    paragraphs = [b for b in trace["blocks"] if b["kind"] == "paragraph"
                  and any(box[0] == SHOWN_PAGE for box in b["boxes"])]
    with chromium(tmp_path / "chromium") as driver:
        driver.get(index.as_uri())
        assert console_errors(driver) == []
        titles = [e.text for e in driver.find_elements("css selector", ".stage h2")]
        assert titles == ["1. The page as scanned", "2. Preprocessed", "3. Layout",
                          "4. OCR: words and confidences", "5. Structure", "6. ST.36 XML"]
        assert f"{page['skew']:+.2f}°" in driver.find_element("id", "stage-2").text
        words = driver.find_elements("css selector", "#words svg .ov.word")
        assert len(words) == len(page["words"])
        bands = driver.find_elements("css selector", "#layout svg .ov.band")
        assert len(bands) == sum(1 for r in page["regions"] if r["kind"] == "band")
        entries = driver.find_elements("css selector", "#stage-5 .entry.paragraph")
        assert len(entries) == len(paragraphs)
        driver.execute_script("arguments[0].scrollIntoView()", entries[2])
        entries[2].click()
        block = entries[2].get_attribute("data-block")
        box = driver.find_element("css selector", f'#structure svg .ov[data-block="{block}"]')
        assert "sel" in box.get_attribute("class")
        xml = driver.find_element("css selector", "pre.xml").text
        for paragraph in paragraphs:
            assert f'<p id="p{paragraph["num"]}" num="{paragraph["num"]}">' in xml
        # the links to the package and its review resolve
        for link in driver.find_elements("css selector", "#stage-6 a"):
            href = link.get_attribute("href")
            assert href.startswith("file://") and Path(href[len("file://"):]).is_file()
        driver.save_screenshot(str(tmp_path / "walkthrough.png"))
        assert console_errors(driver) == []
