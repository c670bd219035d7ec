"""End to end: the bundled samples through `ocr36 convert`, checked against their truth."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import convert_to, truth_of
from lxml import etree

from ocr36.cli import main
from ocr36.errors import ExitCode
from ocr36.evaluate import evaluate
from ocr36.paths import samples_dir
from ocr36.tiff import read_tiff_facts
from ocr36.validate import validate_package

SAMPLE = samples_dir() / "US20050004437A1.tif"


def _xml(package: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(str(package / "DOC00001.xml"), parser).getroot()


def test_sample_package_is_valid_and_complete(sample_package: Path) -> None:
    report = validate_package(sample_package)
    assert report.valid, report.problems
    root = _xml(sample_package)
    assert root.tag == "xx-patent-document"  # the default profile names no office
    referenced = {img.get("file") for img in root.iter("img")}
    assert referenced, "the sample has drawings and an abstract figure"
    for name in referenced:
        facts = read_tiff_facts(sample_package / str(name))
        assert facts.bits == 1 and facts.compression == "group4"
        assert facts.dpi == (300, 300) and facts.strips == 1
    listed = {e.get("FileName") for e in etree.parse(str(sample_package / "toc.xml")).iter(
        "ExtRef")}
    assert listed == {p.name for p in sample_package.iterdir()} - {"toc.xml"}


def test_sample_counts_and_text_match_the_truth(sample_package: Path) -> None:
    truth = truth_of("US20050004437A1")
    result = evaluate(sample_package, samples_dir() / "US20050004437A1.truth.json")
    paragraphs = result["counts"]["paragraphs"]
    assert paragraphs["found"] == paragraphs["truth"] == 30
    assert paragraphs["numbers_recovered"] == 30
    assert result["counts"]["claims:en"] == {"truth": 10, "found": 10}
    assert result["heading_f1"] == 1.0
    # measured 0.08 % (description) and 0.08 % (claims) on this page set
    assert result["cer"]["description"] < 0.005
    assert result["cer"]["claims:en"] < 0.005
    assert result["cer"]["abstract"] < 0.01
    assert result["bookmarks"]["right"] == result["bookmarks"]["of"] == len(truth["bookmarks"])
    assert result["bibliographic"]["right"] >= 10, result["bibliographic"]["fields"]


def test_manifest_records_pages_bookmarks_and_versions(sample_package: Path) -> None:
    manifest = json.loads((sample_package / "manifest.json").read_text("utf-8"))
    assert manifest["page_count"] == 8
    assert manifest["source"]["path"].endswith("US20050004437A1.tif")
    assert len(manifest["source"]["sha256"]) == 64
    assert manifest["profile"]["name"] == "default"
    assert manifest["bookmarks"]["description"] == 2
    assert manifest["bookmarks"]["claims"] == 3
    assert manifest["bookmarks"]["drawings"] == 5
    kinds = [page["kind"] for page in manifest["pages"]]
    assert kinds == ["front", "description", "description", "claims", "drawings", "drawings",
                     "drawings", "drawings"]
    assert all(page["mean_confidence"] > 85 for page in manifest["pages"]
               if page["kind"] in ("front", "description", "claims"))
    assert manifest["versions"]["tesseract"].startswith("5.")
    assert "traineddata:eng" in manifest["versions"]


def test_page_provenance_is_kept(sample_package: Path) -> None:
    root = _xml(sample_package)
    pages = [int(pi.get("n") or 0) for pi in root.iter(etree.ProcessingInstruction)
             if pi.target == "page"]
    assert pages and pages == sorted(pages)
    assert set(pages) <= set(range(2, 9))


def test_scanned_sample_is_read_as_well(live_scanned_package: Path) -> None:
    scanned_package = live_scanned_package
    result = evaluate(scanned_package, samples_dir() / "US20050004437A1-scan.truth.json")
    assert validate_package(scanned_package).valid
    assert result["counts"]["paragraphs"]["numbers_recovered"] == 30
    assert result["counts"]["claims:en"]["found"] == 10
    # measured 0.76 % and 1.15 %: skew, speckle and borders cost a little
    assert result["cer"]["description"] < 0.015
    assert result["cer"]["claims:en"] < 0.02
    manifest = json.loads((scanned_package / "manifest.json").read_text("utf-8"))
    assert any(abs(page["skew"]) > 0.3 for page in manifest["pages"])


def test_two_column_sample(live_two_column_package: Path) -> None:
    two_column_package = live_two_column_package
    result = evaluate(two_column_package, samples_dir() / "US08930553B2-two-column.truth.json")
    assert validate_package(two_column_package).valid
    paragraphs = result["counts"]["paragraphs"]
    assert paragraphs["numbers_recovered"] == paragraphs["truth"] == paragraphs["found"] == 37
    assert result["counts"]["claims:en"]["found"] == 8
    assert result["heading_f1"] == 1.0
    # measured 0.11 % and 0.10 %
    assert result["cer"]["description"] < 0.005
    assert result["cer"]["claims:en"] < 0.005


def test_same_input_gives_the_same_package(sample_package: Path, tmp_path: Path) -> None:
    """Converted through Tesseract, the sample gives the package its replayed recording
    gave: the replay serves what the engine reads."""
    code, out = convert_to(tmp_path, str(SAMPLE), "-j", "1")
    assert code == 0
    again = out / sample_package.name
    for file in sorted(sample_package.iterdir()):
        if file.name == "manifest.json":
            first = json.loads(file.read_text("utf-8"))
            second = json.loads((again / file.name).read_text("utf-8"))
            first.pop("created"), second.pop("created")
            first["source"].pop("path"), second["source"].pop("path")
            assert first == second
        else:
            assert file.read_bytes() == (again / file.name).read_bytes(), file.name


def test_metadata_wins_over_ocr(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    record.write_text(json.dumps({"country": "PH", "doc_number": "12345", "kind": "B1",
                                  "title": "A title from the register"}), "utf-8")
    one_page = tmp_path / "pages"
    one_page.mkdir()
    from PIL import Image

    with Image.open(SAMPLE) as image:
        for number in range(4):  # front page to the end of the claims
            image.seek(number)
            image.save(one_page / f"page{number + 1}.tif", compression="group4",
                       dpi=(300, 300))
    code, out = convert_to(tmp_path, str(one_page), "--metadata", str(record))
    assert code == 0
    root = _xml(out / "PH12345B1")
    assert root.get("country") == "PH" and root.get("doc-number") == "12345"
    assert root.findtext("bibliographic-data/invention-title") == "A title from the register"


def test_bad_metadata_is_refused_before_any_work(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    record.write_text(json.dumps({"colour": "blue"}), "utf-8")
    code, out = convert_to(tmp_path, str(SAMPLE), "--metadata", str(record))
    assert code == ExitCode.BAD_ARGUMENTS
    assert not out.exists() or not any(out.iterdir())


def test_existing_package_is_kept(sample_package: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(sample_package, out / sample_package.name)
    marker = out / sample_package.name / "DOC00001.xml"
    before = marker.read_bytes()
    code = main(["convert", str(SAMPLE), "--out", str(out), "-j", "2"])
    assert code == ExitCode.FILE_ACCESS
    assert marker.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [sample_package.name]


def test_two_inputs_with_one_package_name_do_not_replace_each_other(tmp_path: Path) -> None:
    copy = tmp_path / "copy.tif"
    shutil.copy(SAMPLE, copy)
    out = tmp_path / "out"
    code = main(["convert", str(SAMPLE), str(copy), "--out", str(out), "--overwrite"])
    assert code == ExitCode.BATCH_FAILURES
    manifest = json.loads((out / "US20050004437A1" / "manifest.json").read_text("utf-8"))
    assert manifest["source"]["path"].endswith("samples/US20050004437A1.tif")


def test_console_script_reports_versions() -> None:
    result = subprocess.run([sys.executable, "-m", "ocr36.cli", "--version"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("ocr36 ")
    assert "tesseract 5." in result.stdout
    assert "language pack eng" in result.stdout


@pytest.mark.parametrize("command", [["convert"], ["convert", "x.tif", "--jobs", "0"],
                                     ["frobnicate"]])
def test_bad_arguments_exit_1(command: list[str]) -> None:
    assert main(command) == ExitCode.BAD_ARGUMENTS
