"""Tests of the synthetic publications: XML parsing, rendering, ground truth and scan defects."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from lxml import etree
from PIL import Image, ImageDraw, ImageSequence
from rapidfuzz.distance import Levenshtein

from ocr36.model import Party, Title
from ocr36.paths import samples_dir, shared_corpus
from ocr36_synth.layouts import ALL_LAYOUTS, OFFICE_LAYOUTS, fits
from ocr36_synth.layouts import render as render_layout
from ocr36_synth.render import A4_300DPI, LAYOUTS, RenderedDocument, render
from ocr36_synth.scan import PRESETS, Defects, degrade, degrade_document, degrade_preset
from ocr36_synth.source import (
    ClaimSetText,
    ClaimText,
    DescriptionBlock,
    PatentText,
    load_patent,
)

_WORDS = (
    "the device comprises a housing with a display and a controller that evaluates "
    "the readings and shows them to the user in a playful way"
)
SAMPLES = ("US20050004437A1", "US20050004437A1-scan", "US08930553B2-two-column")


def _corpus_xml() -> Path:
    corpus = shared_corpus()
    if corpus is None:
        pytest.skip("the development corpus ../shared/corpus is absent")
    return corpus / "xml"


def _corpus_files() -> list[Path]:
    """The EPO and USPTO files of the corpus: the formats `load_patent` reads (the corpus holds
    CNIPA and JPO files as well)."""
    xml = _corpus_xml()
    return sorted(path for office in ("epo", "uspto") for path in (xml / office).rglob("*.xml"))


def _cer(truth: str, ocr: str) -> float:
    return float(Levenshtein.normalized_distance(" ".join(truth.split()), " ".join(ocr.split())))


def _small_patent() -> PatentText:
    """A patent made up in the test, so that rendering can be tested without the corpus."""
    words = _WORDS.split()
    paragraphs = tuple(
        DescriptionBlock(
            "p", " ".join(words[(i * 3) % 10 :] + words[: (i * 3) % 10]) * 3, f"{i:04d}"
        )
        for i in range(1, 25)
    )
    return PatentText(
        office="EP",
        doc_number="1234567",
        kind="A1",
        lang="en",
        publication_date="20200102",
        application_number="19000001.2",
        filing_date="20190304",
        ipc=("G06F 3/01",),
        titles=(Title("en", "Display device"),),
        applicants=(Party("Example Ltd", "1 High Street\nLondon", "GB"),),
        inventors=(Party("Doe, Jane", "London", "GB"),),
        abstract=("A display device with a housing.",),
        description=(DescriptionBlock("heading", "BACKGROUND"), *paragraphs),
        claims=(ClaimSetText("en", tuple(ClaimText(n, "A device as claimed.") for n in (1, 2))),),
        figures=("1", "2", "3"),
    )


# --- parsing the corpus -------------------------------------------------------------------


def _expected_counts(path: Path) -> tuple[int, list[int], int]:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=True
    )
    root = etree.parse(str(path), parser).getroot()
    paragraphs = root.xpath(
        "count(description//p[not(ancestor::p) and not(ancestor::tables) and not(ancestor::table)])"
    )
    claims = [int(c.xpath("count(claim)")) for c in root.iter("claims")]
    titles = root.xpath("count(SDOBI/B500/B540/B542)") or root.xpath("count(//invention-title)")
    return int(paragraphs), claims, int(titles)


def test_parse_counts_match_the_xml() -> None:
    files = _corpus_files()
    assert len(files) >= 30
    for path in files:
        patent = load_patent(path)
        paragraphs, claims, titles = _expected_counts(path)
        assert len(patent.paragraphs) == paragraphs, path.name
        assert [len(s.claims) for s in patent.claims] == claims, path.name
        assert len(patent.titles) == titles, path.name
        assert len(patent.publication_date) == 8 and patent.doc_number, path.name


def test_parse_uspto_application_details() -> None:
    patent = load_patent(_corpus_xml() / "uspto/xmlApp2004/US20050004437A1.xml")
    assert patent.name == "US20050004437A1"
    assert patent.priorities[0].country == "CH" and patent.priorities[0].date == "20011026"
    assert patent.ipc == ("A61B 5/00",)
    assert patent.figures == ("1", "2a", "2b", "3")
    first = patent.claims[0].claims[0]
    assert first.num == 1 and first.text.startswith("A simulation device")
    assert first.text.split("\n")[1] == "a housing;"
    assert "FIG. 2a is a schematic" in patent.paragraphs[19].text


def test_parse_epo_german_grant() -> None:
    patent = load_patent(_corpus_xml() / "epo/grant/v1-5-1-B2.xml")
    assert (patent.lang, patent.kind, patent.doc_number) == ("de", "B2", "2716170")
    assert [s.lang for s in patent.claims] == ["de", "en", "fr"]
    assert patent.titles[0].lang == "de" and patent.ipc == ("A24C 5/20",)
    assert patent.assignees[0].name == "Hauni Maschinenbau GmbH"
    assert patent.assignees[0].country == "DE"
    assert patent.figures == ("1", "2", "3", "4", "5")


# --- rendering ----------------------------------------------------------------------------


def _check_document(document: RenderedDocument, patent: PatentText, max_pages: int) -> None:
    truth = document.truth
    assert 3 <= len(document.pages) <= max_pages
    assert len(truth["pages"]) == len(document.pages)
    for page in document.pages:
        assert page.size == A4_300DPI and page.mode == "1"
    pages = {p["number"]: p for p in truth["pages"]}
    assert pages[1]["kind"] == "front"
    for key, number in truth["bookmarks"].items():
        assert key.split(":")[0] in pages[number]["sections"], key
    drawings = truth["bookmarks"].get("drawings")
    if patent.figures:
        assert drawings is not None
        assert all(p["kind"] == "drawings" for n, p in pages.items() if n >= drawings)
        assert all(pages[f["page"]]["kind"] == "drawings" for f in truth["figures"])
    printed = [(b["type"], b["text"]) for b in truth["description"]]
    source = [(b.kind, b.text) for b in patent.description[: len(printed)]]
    assert printed[0][0] == "heading" or printed == source
    assert all(
        p["text"] in pages[p["page"]]["text"].replace("\n", " ") or p["type"] == "p"
        for p in truth["description"]
    )
    for claim_set in patent.claims[:1]:
        claims = truth["claims"][claim_set.lang]
        assert claims and [c["text"] for c in claims] == [
            c.text for c in claim_set.claims[: len(claims)]
        ]
    json.dumps(truth)


@pytest.mark.parametrize(
    ("layout", "source", "max_pages"),
    [
        ("ep", "uspto/xmlApp2004/US20050004437A1.xml", 5),
        ("two-column", "uspto/xml2014/US08930553.xml", 5),
        ("plain", "epo/grant/v1-5-1-B2.xml", 7),
    ],
)
def test_render_layouts(layout: str, source: str, max_pages: int) -> None:
    patent = load_patent(_corpus_xml() / source)
    document = render(patent, layout, max_pages=max_pages)
    _check_document(document, patent, max_pages)
    assert document.truth["layout"] == layout


def test_truncation_cuts_at_boundaries() -> None:
    patent = load_patent(_corpus_xml() / "epo/grant/v1-5-B1.xml")
    document = render(patent, "ep", max_pages=6)
    truth = document.truth
    assert truth["truncated"] and len(document.pages) <= 6
    kept = [b for b in truth["description"] if b["type"] == "p"]
    assert 0 < len(kept) < len(patent.paragraphs)
    assert [b["text"] for b in kept] == [p.text for p in patent.paragraphs[: len(kept)]]
    assert set(truth["claims"]) == {"en", "de", "fr"}


def test_render_without_corpus() -> None:
    patent = _small_patent()
    for layout in LAYOUTS:
        document = render(patent, layout)
        _check_document(document, patent, 20)
        assert [f["num"] for f in document.truth["figures"]] == ["1", "2", "3"]
        assert sum(f["landscape"] for f in document.truth["figures"]) == 1


def _blank_bands(page: Image.Image, bands: list[dict[str, Any]]) -> Image.Image:
    image = page.convert("L")
    draw = ImageDraw.Draw(image)
    for band in bands:
        left, top, width, height = band["box"]
        assert width > 0 and height > 0, band
        draw.rectangle([(left, top), (left + width - 1, top + height - 1)], fill=255)
    return image


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_description_page_ocrs_to_its_truth(tmp_path: Path) -> None:
    patent = load_patent(_corpus_xml() / "uspto/xml2014/US08930553.xml")
    document = render(patent, "ep", max_pages=4)
    entry = document.truth["pages"][1]
    assert entry["kind"] == "description"
    image = _blank_bands(document.pages[1], entry["bands"])
    assert np.asarray(image).min() == 0
    image.save(tmp_path / "page.png")
    ocr = subprocess.run(
        ["tesseract", str(tmp_path / "page.png"), "-", "--psm", "4"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    ).stdout
    assert _cer(entry["text"], ocr) < 0.03


def test_bands_are_outside_the_body() -> None:
    document = render(_small_patent(), "two-column")
    entry = document.truth["pages"][1]
    kinds = {band["band"] for band in entry["bands"]}
    assert kinds == {"running-header", "page-number", "line-numbers"}
    numbers = [b["text"] for b in entry["bands"] if b["band"] == "line-numbers"]
    assert numbers[:3] == ["5", "10", "15"]


# --- scan defects -------------------------------------------------------------------------


def _text_page() -> Image.Image:
    document = render(_small_patent(), "ep")
    return document.pages[1]


def _measured_skew(image: Image.Image) -> float:
    """Skew of the text lines by projection profiles: the angle that makes rows sharpest."""
    ink = np.asarray(image.convert("L").reduce(2)) < 128
    ys, xs = np.nonzero(ink)
    xs = xs - ink.shape[1] / 2
    ys = ys - ink.shape[0] / 2

    def sharpness(angle: float) -> float:
        theta = np.radians(angle)
        rows = ys * np.cos(theta) + xs * np.sin(theta)
        histogram = np.bincount((rows - rows.min()).astype(int))
        return float(np.sum(histogram.astype(np.float64) ** 2))

    best = max(np.arange(-6, 6.01, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.3, best + 0.31, 0.02), key=sharpness))


def test_degrade_is_seeded() -> None:
    page = _text_page()
    first, params = degrade(page, 7)
    again, _ = degrade(page, 7)
    other, _ = degrade(page, 8)
    assert first.mode == "1" and first.size == page.size
    assert np.array_equal(np.asarray(first), np.asarray(again))
    assert not np.array_equal(np.asarray(first), np.asarray(other))
    assert abs(params["skew"]) <= 5


def test_a_document_is_degraded_page_by_page_with_the_seed_plus_the_page_index(
        tmp_path: Path) -> None:
    """Taking some pages of a document gives each the scan it has in the whole document."""
    source = samples_dir() / "US20050004437A1.tif"
    target = tmp_path / "some.tif"
    degrade_document(source, target, "light", 40, pages=(0, 2))
    with Image.open(source) as original, Image.open(target) as scanned:
        frames = [frame.copy() for frame in ImageSequence.Iterator(scanned)]
        assert len(frames) == 2 and scanned.info["dpi"] == (300, 300)
        for frame, index in zip(frames, (0, 2), strict=True):
            original.seek(index)
            expected, _ = degrade_preset(original.convert("1"), 40 + index, "light")
            assert np.array_equal(np.asarray(frame), np.asarray(expected))


@pytest.mark.parametrize("skew", [-3.0, 1.2])
def test_degrade_applies_the_skew_asked(skew: float) -> None:
    page = _text_page()
    assert abs(_measured_skew(page)) < 0.1
    scanned, params = degrade(page, 1, Defects(skew=skew, border=False, speckle=0.0, noise=4.0))
    assert params["skew"] == skew
    assert abs(_measured_skew(scanned) - skew) < 0.3


def test_presets_and_options() -> None:
    page = _text_page()
    heavy, params = degrade_preset(page, 3, "heavy")
    assert heavy.size == (round(page.width * 2 / 3), round(page.height * 2 / 3))
    assert params["dpi"] == PRESETS["heavy"].dpi and params["border"]
    gray, _ = degrade(page, 3, Defects(rotation=90, gray=True, jpeg_quality=60))
    assert gray.mode == "L" and gray.size == (page.height, page.width)


# --- the committed samples (no corpus needed) ---------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_committed_samples(name: str) -> None:
    tiff, truth_path = samples_dir() / f"{name}.tif", samples_dir() / f"{name}.truth.json"
    assert tiff.is_file() and truth_path.is_file()
    truth = json.loads(truth_path.read_text("utf-8"))
    with Image.open(tiff) as image:
        assert image.n_frames == len(truth["pages"])
        for index in range(image.n_frames):
            image.seek(index)
            assert image.info.get("compression") == "group4"
            assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)
            assert image.mode == "1" and image.size == A4_300DPI
            image.load()
    assert truth["bookmarks"]["bibliographic-data"] == 1
    assert {
        "office",
        "doc_number",
        "kind",
        "lang",
        "layout",
        "bibliographic",
        "abstract",
        "description",
        "claims",
        "figures",
        "bookmarks",
        "pages",
    } <= set(truth)


# --- layouts modelled on other offices ------------------------------------------------------


def _office_render(layout: str) -> RenderedDocument:
    document = render_layout(_small_patent(), layout, max_pages=4)
    again = render_layout(_small_patent(), layout, max_pages=4)
    assert [p.tobytes() for p in document.pages] == [p.tobytes() for p in again.pages]
    assert document.truth == again.truth
    assert len(document.pages) == 4 and document.truth["layout"] == layout
    _check_document(document, _small_patent(), 4)
    truth = document.truth
    drawing_pages = [p["number"] for p in truth["pages"] if p["kind"] == "drawings"]
    assert [s["page"] for s in truth["sheets"]] == drawing_pages
    assert sorted(n for s in truth["sheets"] for n in s["figures"]) == sorted(
        f["num"] for f in truth["figures"])
    return document


def _page_text(document: RenderedDocument, number: int) -> str:
    return str(document.truth["pages"][number - 1]["text"])


def _heads(document: RenderedDocument, number: int) -> list[str]:
    return [b["text"] for b in document.truth["pages"][number - 1]["bands"]
            if b["band"] == "running-header"]


def test_layout_ep_a() -> None:
    document = _office_render("ep-a")
    truth, front = document.truth, _page_text(document, 1)
    assert truth["printed"] == {"publication_number": "EP 1 234 567 A1",
                                "ipc": ["G06F 3/01 (2006.01)"]}
    assert "(11) EP 1 234 567 A1" in front and "G06F 3/01 (2006.01)" in front
    assert front.index("(54) Display device") < front.index("(57) A display device")
    assert truth["abstract_figure"]["page"] == 1 and truth["front_page"] == "inid"
    bib = truth["bibliographic"]
    assert (bib["doc_number"], bib["kind"], bib["publication_date"]) == ("1234567", "A1",
                                                                         "20200102")
    assert bib["titles"] == [{"lang": "en", "text": "Display device"}] and bib["ipc"] == [
        "G06F 3/01"]
    assert all(truth["running_head"] in _heads(document, n) for n in (2, 3, 4))


def test_layout_national() -> None:
    document = _office_render("national")
    truth = document.truth
    assert truth["running_head"] == "EP 1234567 2020-01-02"
    assert all(_heads(document, n) == [truth["running_head"]] for n in (1, 2, 3, 4))
    front = _page_text(document, 1)
    assert front.split("\n")[0] == "ABSTRACT" and "(" not in front
    assert truth["front_page"] == "abstract-page"
    assert "Display device" in _page_text(document, 2).split("\n")[0]
    assert "\n[001] " in _page_text(document, 2)
    claims_page = _page_text(document, truth["bookmarks"]["claims"])
    assert claims_page.split("\n")[0] in ("CLAIMS", "What is claimed is:")
    bib = truth["bibliographic"]
    assert (bib["doc_number"], bib["publication_date"], bib["kind"], bib["ipc"]) == (
        "1234567", "20200102", "", [])


def test_layout_wo() -> None:
    document = _office_render("wo")
    truth, front = document.truth, _page_text(document, 1)
    assert truth["printed"]["publication_number"] == "WO 2020/234567 A1"
    bib = truth["bibliographic"]
    assert (bib["doc_number"], bib["kind"], bib["application_number"]) == (
        "2020234567", "A1", "PCT/EP2019/000012")
    assert "(10) International Publication Number WO 2020/234567 A1" in front
    assert "2 January 2020 (02.01.2020)" in front and "(57) A display device" in front
    assert truth["abstract_figure"]["page"] == 1
    sheet = truth["sheets"][0]["page"]
    assert _heads(document, sheet) == ["WO 2020/234567", "PCT/EP2019/000012"]
    assert [b["text"] for b in truth["pages"][sheet - 1]["bands"]
            if b["band"] == "page-number"] == ["1/1"]


def test_layout_us() -> None:
    document = _office_render("us")
    truth, front = document.truth, _page_text(document, 1)
    assert truth["printed"]["publication_date"] == "Jan. 2, 2020"
    assert "(12) Patent Application Publication" in front
    assert "(43) Pub. Date: Jan. 2, 2020" in front and "(22) Filed: Mar. 4, 2019" in front
    assert "(57) ABSTRACT" in front and truth["abstract_figure"]["page"] == 1
    assert truth["bibliographic"]["agents"] == []
    sheet = truth["sheets"][0]["page"]
    assert _heads(document, sheet) == ["Patent Application Publication", "Jan. 2, 2020",
                                       "Sheet 1 of 1", "EP 1 234 567 A1"]


def test_layout_claims_plain() -> None:
    document = _office_render("claims-plain")
    truth = document.truth
    page = truth["bookmarks"]["claims"]
    assert page == truth["claims"]["en"][0]["page"]
    assert _page_text(document, page).startswith("1. A device as claimed.")
    assert set(truth["claims"]) == {"en"}


def test_every_layout_has_a_builder() -> None:
    assert set(ALL_LAYOUTS) == {*LAYOUTS, *OFFICE_LAYOUTS}
    with pytest.raises(ValueError, match="unknown layout"):
        render_layout(_small_patent(), "jp")
    no_abstract = replace(_small_patent(), abstract=())
    assert fits(no_abstract, "national") and fits(no_abstract, "claims-plain") is None
    assert fits(replace(_small_patent(), kind="B1"), "ep-a") == "not a European A publication"


def test_each_office_layout_fits_eight_corpus_documents() -> None:
    patents = [load_patent(path) for path in _corpus_files()]
    for layout in OFFICE_LAYOUTS:
        fitting = [p.name for p in patents if fits(p, layout) is None]
        assert len(fitting) >= 8, (layout, fitting)
