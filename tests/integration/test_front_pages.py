"""Front pages of other kinds, read by Tesseract: a European A publication (the number large
beside a bar code, IPC editions in superscript, the abstract in two columns above its figure)
and a national filing's plain abstract page, each before pages of a bundled sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from front_pages import (
    ABSTRACT,
    TRUTH,
    abstract_page,
    cover_sheet,
    ep_a_front_page,
    with_sample_pages,
)
from lxml import etree

from ocr36.cli import main
from ocr36.evaluate import cer


def _convert(tmp_path: Path, source: Path) -> Path:
    out = tmp_path / "out"
    assert main(["convert", str(source), "--out", str(out), "-j", "2"]) == 0
    (package,) = [p for p in out.iterdir() if p.is_dir() and not p.name.endswith(".review")]
    return package


def _abstract(root: etree._Element) -> str:
    return " ".join("".join(p.itertext()) for p in root.iterfind("abstract/p"))


@pytest.fixture(scope="module")
def ep_a_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ep-a")
    source = with_sample_pages(ep_a_front_page(), folder / "ep-a.tif", pages=(1, 2))
    return _convert(folder, source)


def test_ep_a_front_page_fields_where_printed(ep_a_package: Path) -> None:
    assert ep_a_package.name == "EP2345678A1"  # named after the large print, not the file
    root = etree.parse(str(ep_a_package / "DOC00001.xml")).getroot()
    bib = root.find("bibliographic-data")
    assert bib is not None
    publication = bib.find("publication-reference/document-id")
    assert publication is not None
    assert [publication.findtext(k) for k in ("country", "doc-number", "kind", "date")] == [
        TRUTH["country"], TRUTH["doc_number"], TRUTH["kind"], TRUTH["publication_date"]]
    application = bib.find("application-reference/document-id")
    assert application is not None
    assert application.findtext("doc-number") == TRUTH["application_number"]
    assert application.findtext("date") == TRUTH["filing_date"]
    assert [c.findtext("text") for c in bib.iterfind("classifications-ipcr/classification-ipcr")
            ] == list(TRUTH["ipc"])
    assert str(bib.findtext("invention-title")).lower() == str(TRUTH["title"]).lower()


def test_ep_a_abstract_read_across_both_columns_above_its_figure(ep_a_package: Path) -> None:
    root = etree.parse(str(ep_a_package / "DOC00001.xml")).getroot()
    assert cer(_abstract(root), ABSTRACT) <= 0.01
    assert root.find("abstract/p/img[@file='imgaf001.tif']") is not None
    assert (ep_a_package / "imgaf001.tif").is_file()


def test_an_abstract_page_without_inid_codes_is_the_front_page(tmp_path: Path) -> None:
    source = with_sample_pages(abstract_page(), tmp_path / "CA2345678.tif", pages=(1, 2))
    package = _convert(tmp_path, source)
    root = etree.parse(str(package / "DOC00001.xml")).getroot()
    assert cer(_abstract(root), ABSTRACT) <= 0.01
    description = " ".join("".join(p.itertext()) for p in root.iterfind("description/p"))
    assert "virtual creature on the display" not in description
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert manifest["pages"][0]["kind"] == "front"
    assert manifest["bookmarks"]["abstract"] == 1
    # nothing invented: no title, applicant or dates were printed, so none is written
    bib = root.find("bibliographic-data")
    assert bib is not None
    assert bib.find("publication-reference/document-id/date") is None
    assert bib.find("classifications-ipcr") is None


def test_a_cover_sheet_is_the_front_page_and_gives_no_text(tmp_path: Path) -> None:
    source = with_sample_pages(cover_sheet(), tmp_path / "cover.tif", pages=(1, 2))
    package = _convert(tmp_path, source)
    root = etree.parse(str(package / "DOC00001.xml")).getroot()
    description = " ".join("".join(p.itertext()) for p in root.iterfind("description/p"))
    assert "PATENT APPLICATION" not in description and "Filed by" not in description
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert manifest["pages"][0]["kind"] == "front"
    assert root.find("abstract") is None
