"""Review pages: the trace beside a package, and the HTML in a real headless Chromium."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_or_skip
from PIL import Image
from review_browser import chromium, console_errors, scan_with_review

from ocr36.cli import main
from ocr36.review.page import merged_boxes, worth_a_look
from ocr36.review.tracedata import Trace, TracePage


def _trace(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "trace.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scanned sample converted with --review."""
    package = scan_with_review(tmp_path_factory)
    return package.parent / f"{package.name}.review"


def test_trace_records_blocks_boxes_and_bands(reviewed: Path) -> None:
    trace = _trace(reviewed)
    kinds = Counter(block["kind"] for block in trace["blocks"])
    assert (kinds["paragraph"], kinds["claim"], kinds["abstract"]) == (30, 10, 1)
    assert kinds["heading"] >= 3  # of 5: two are lost to the scan
    assert all(block["boxes"] for block in trace["blocks"])
    # every printed paragraph and claim number is found on its line
    assert sum(1 for b in trace["blocks"] if b["num_box"]) == 40
    assert [p["number"] for p in trace["pages"]] == list(range(1, 9))
    assert all(abs(p["skew"]) > 0.1 for p in trace["pages"][:4])  # the scan is turned
    for page in trace["pages"][1:]:  # the front page keeps its header and footer
        bands = Counter(r["band"] for r in page["regions"] if r["kind"] == "band")
        assert bands["running-header"] >= 1 and bands["page-number"] >= 1, page["number"]
        if page["kind"] in ("description", "claims"):
            assert bands["line-numbers"] == 11, page["number"]  # 5, 10 ... 55
    reasons = {r["reason"] for p in trace["pages"] for r in p["regions"] if r.get("band")}
    assert any("layout.header_mm" in reason for reason in reasons)
    images = [r for p in trace["pages"] for r in p["regions"] if r["kind"] == "image"]
    assert {"imgaf001.tif", "imgf0001.tif"} <= {r["file"] for r in images}
    assert trace["low_confidence"] == 60
    for page in trace["pages"]:
        with Image.open(reviewed / page["image"]) as image:
            assert image.width == 1000
            assert abs(image.height / image.width - page["height"] / page["width"]) < 0.01


def test_review_page_in_chromium(reviewed: Path, tmp_path: Path) -> None:
    trace = _trace(reviewed)
    index = reviewed / "index.html"
    assert index.is_file()
    html = index.read_text("utf-8")
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    paragraph = next(b for b in trace["blocks"] if b["kind"] == "paragraph" and b["num"] == "0012")
    band_count = sum(1 for p in trace["pages"] for r in p["regions"] if r["kind"] == "band")
    with chromium(tmp_path / "chromium") as driver:
        driver.get(index.as_uri())
        assert console_errors(driver) == []
        assert len(driver.find_elements("css selector", "section.page")) == 8
        assert len(driver.find_elements("css selector", "svg .ov.band")) == band_count
        # the layer switches: low-confidence words shown until switched off, bands hidden
        low = driver.find_elements("css selector", "svg .ov.low")
        assert low and low[0].value_of_css_property("display") != "none"
        for layer in ("bands", "low"):
            switch = driver.find_element("css selector", f'input[data-layer="{layer}"]')
            driver.execute_script("arguments[0].click()", switch)
        band = driver.find_elements("css selector", "svg .ov.band")[0]
        assert band.value_of_css_property("display") == "none"
        assert low[0].value_of_css_property("display") == "none"
        for layer in ("bands", "low"):
            switch = driver.find_element("css selector", f'input[data-layer="{layer}"]')
            driver.execute_script("arguments[0].click()", switch)
        drawn = {e.get_attribute("data-block")
                 for e in driver.find_elements("css selector", "svg .ov[data-block]")}
        assert drawn == {b["id"] for b in trace["blocks"]}
        claims = {e.get_attribute("data-block")
                  for e in driver.find_elements("css selector", ".entry.claim")}
        assert len(claims) == 10  # a claim that runs over a page is listed on both
        # click the paragraph's text: its boxes light up and the first is scrolled into view
        entry = driver.find_element("css selector", f'.entry[data-block="{paragraph["id"]}"]')
        driver.execute_script("arguments[0].scrollIntoView()", entry)
        entry.click()
        time.sleep(0.3)
        boxes = driver.find_elements("css selector", f'svg .ov[data-block="{paragraph["id"]}"]')
        assert boxes and all("sel" in b.get_attribute("class") for b in boxes)
        top = driver.execute_script("return arguments[0].getBoundingClientRect().top", boxes[0])
        assert 0 <= top <= driver.execute_script("return window.innerHeight")
        driver.save_screenshot(str(tmp_path / "review.png"))
        # click a dropped band: its reason is shown
        band = driver.find_elements("css selector", "#page-3 svg .ov.band")[0]
        driver.execute_script(
            "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", band)
        info = driver.find_element("css selector", "#page-3 .info").text
        assert info.startswith("dropped: ")
        # click a claim's box: its text is selected
        claim = next(b for b in trace["blocks"] if b["kind"] == "claim" and b["num"] == "3")
        box = driver.find_element("css selector", f'svg .ov.claim[data-block="{claim["id"]}"]')
        driver.execute_script(
            "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", box)
        selected = driver.find_elements("css selector", ".entry.sel")
        assert [e.get_attribute("data-block") for e in selected] == [claim["id"]]
        # the table of contents: "claims" goes to claim 1, lit up
        first_claim = next(b for b in trace["blocks"] if b["kind"] == "claim")
        driver.find_element("css selector", "ol.toc").find_element(
            "link text", "claims").click()
        lit = driver.find_elements("css selector", "svg .ov.sel")
        assert lit and {e.get_attribute("data-block") for e in lit} == {first_claim["id"]}
        assert console_errors(driver) == []
    assert (tmp_path / "review.png").stat().st_size > 10_000


def test_review_of_a_package_without_trace(two_column_package: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`ocr36 review` on a package converted without --review: the source is read again."""
    package = two_column_package
    before = sorted(p.name for p in package.iterdir())
    assert main(["review", str(package)]) == 0
    assert sorted(p.name for p in package.iterdir()) == before  # the package is left alone
    assert "trace.json is missing: converting" in capsys.readouterr().err
    folder = package.parent / "US08930553B2.review"
    trace = _trace(folder)
    assert Counter(b["kind"] for b in trace["blocks"])["claim"] == 8
    assert Counter(b["kind"] for b in trace["blocks"])["paragraph"] == 37
    assert sorted(p.name for p in folder.glob("page-*.png")) == [
        f"page-{n:04d}.png" for n in range(1, 7)]
    assert (folder / "index.html").is_file()
    assert any(p["columns"] == 2 for p in trace["pages"])


def test_each_page_lists_the_corrections_made_to_its_text(reviewed: Path) -> None:
    """The scanned sample's "Asimulation" (page 3) is mended, and said so: in the trace, on
    the review page and in the package's manifest."""
    trace = _trace(reviewed)
    assert {"rule": "run-together", "page": 3, "before": "Asimulation",
            "after": "A simulation"} in trace["pages"][2]["corrections"]
    assert all(c["page"] == page["number"] for page in trace["pages"]
               for c in page["corrections"])
    html = (reviewed / "index.html").read_text("utf-8")
    assert "run-together" in html and "<del>Asimulation</del>" in html
    package = reviewed.parent / reviewed.name.removesuffix(".review")
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert manifest["corrections"] == [c for page in trace["pages"]
                                       for c in page["corrections"]]


def test_review_of_a_folder_that_is_no_package(tmp_path: Path) -> None:
    assert main(["review", str(tmp_path)]) == 5
    assert not (tmp_path.parent / f"{tmp_path.name}.review").exists()


def test_merged_boxes_join_lines_of_one_column_only() -> None:
    lines = [[2, 100, 100, 800, 30], [2, 100, 140, 780, 30], [2, 1000, 100, 800, 30]]
    assert merged_boxes(lines) == [[2, 100, 100, 800, 70], [2, 1000, 100, 800, 30]]
    assert merged_boxes([[1, 0, 0, 10, 10], [2, 0, 12, 10, 10]]) == [
        [1, 0, 0, 10, 10], [2, 0, 12, 10, 10]]


def test_worth_a_look_puts_doubtful_pages_first() -> None:
    page = TracePage(number=1, kind="description", width=2480, height=3508, dpi=300,
                     columns=1, skew=0.0, rotation=0, mean_confidence=95.0, warnings=(),
                     image="page-0001.png", image_width=1000, regions=(), lines=(),
                     words=(("good", 0, 0, 1, 1, 95.0),) * 10)
    bad = replace(page, number=2, mean_confidence=50.0,
                  words=(("b4d", 0, 0, 1, 1, 20.0),) * 10)
    trace = Trace(version=1, package="P", source="P.tif", profile="default",
                  profile_sha256="", low_confidence=60, bookmarks={}, warnings=(),
                  pages=(page, bad), blocks=())
    ranked = worth_a_look(trace)
    assert [n for n, _ in ranked] == [2, 1]
    assert "10 word(s) below 60" in ranked[0][1]


@pytest.mark.corpus
def test_ep_gutter_numbers_are_dropped_with_their_reason(tmp_path: Path) -> None:
    """Two pages of EP1599469B1 with the ep profile: line numbers dropped, each with why."""
    corpus = corpus_or_skip()
    from ocr36.batch import ConvertOptions, read_pages
    from ocr36.ingest import open_source
    from ocr36.profile import load_profile
    from ocr36.review.trace import build_trace
    from ocr36.structure import build_document

    profile = load_profile("ep")
    source = corpus / "EP1599469B1" / "pages.tif"
    pages = read_pages(open_source(source), ConvertOptions(profile, jobs=2), [2, 3])
    trace = build_trace(pages, build_document(pages, profile), profile, "EP", source)
    for page in trace.pages:
        numbers = [r for r in page.regions if r.band == "line-numbers"]
        assert len(numbers) >= 5, page.number
        assert all("layout.drop_line_numbers" in (r.reason or "") for r in numbers)
        assert any(r.band == "running-header" for r in page.regions)
