"""The batch overview, from a summary of real conversions of the samples, in Chromium."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from review_browser import chromium, console_errors, scan_with_review

from ocr36.batch import ConvertOptions, convert
from ocr36.cli import main
from ocr36.errors import Ocr36Error
from ocr36.profile import load_profile


def _record(package: Path, seconds: float | None) -> dict[str, Any]:
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    pages = manifest["pages"]
    return {
        "source": manifest["source"]["path"], "package": str(package), "status": "ok",
        "pages": manifest["page_count"],
        "mean_confidence": round(sum(p["mean_confidence"] for p in pages) / len(pages), 1),
        "sections": list(manifest["bookmarks"]), "warnings": manifest["warnings"],
        "seconds": seconds, "error": None,
    }


def test_overview_of_a_batch(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
                             two_column_package: Path) -> None:
    scan = scan_with_review(tmp_path_factory)
    batch = tmp_path / "batch"
    batch.mkdir()
    broken = batch / "broken.tif"
    broken.write_bytes(b"II*\x00 not a TIFF at all")
    started = time.monotonic()
    with pytest.raises(Ocr36Error) as failure:
        convert(broken, batch / "out", ConvertOptions(load_profile("default")))
    failed = {"source": str(broken), "package": None, "status": "failed", "pages": 0,
              "mean_confidence": None, "sections": [], "warnings": [],
              "seconds": round(time.monotonic() - started, 2),
              "error": failure.value.message}
    summary = {"profile": "default", "documents": [
        _record(scan, 60.0), _record(two_column_package, None), failed]}
    (batch / "batch-summary.json").write_text(json.dumps(summary), encoding="utf-8")
    assert main(["overview", str(batch)]) == 0
    page = batch / "batch-summary.html"
    with chromium(tmp_path / "chromium") as driver:
        driver.get(page.as_uri())
        assert console_errors(driver) == []
        rows = driver.find_elements("css selector", "table.docs tbody tr")
        assert [r.find_elements("css selector", "td")[0].text for r in rows] == [
            "US20050004437A1-scan.tif", "US08930553B2-two-column.tif", "broken.tif"]
        assert "cannot" in rows[2].text or "not" in rows[2].text  # the error is shown
        # the review of the scanned sample is linked and exists
        link = rows[0].find_element("link text", "review")
        href = link.get_attribute("href")
        assert href.startswith("file://") and Path(href[len("file://"):]).is_file()
        # sort by pages (ascending): the failed document (0 pages) comes first
        driver.find_elements("css selector", "table.docs th")[3].click()
        first = driver.find_element("css selector", "table.docs tbody tr td").text
        assert first == "broken.tif"
        # filter by status
        driver.execute_script(
            "var s = document.getElementById('status-filter'); s.value = 'failed';"
            "s.dispatchEvent(new Event('change'));")
        visible = [r for r in driver.find_elements("css selector", "table.docs tbody tr")
                   if r.is_displayed()]
        assert len(visible) == 1 and "broken.tif" in visible[0].text
        driver.save_screenshot(str(tmp_path / "overview.png"))
        assert console_errors(driver) == []


def test_overview_without_summary(tmp_path: Path) -> None:
    assert main(["overview", str(tmp_path)]) == 5
    (tmp_path / "batch-summary.json").write_text("{]", encoding="utf-8")
    assert main(["overview", str(tmp_path)]) == 1
    assert not (tmp_path / "batch-summary.html").exists()
