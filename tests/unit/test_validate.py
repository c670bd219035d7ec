"""Package validation: a good package passes, and each kind of damage is named."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from test_package import NAME, info
from test_st36 import sample_document

from ocr36.errors import FileAccess
from ocr36.model import Bibliographic
from ocr36.package import write_package
from ocr36.tiff import write_g4
from ocr36.validate import ValidationReport, validate_package


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return write_package(sample_document(), info(), tmp_path, NAME)


def edit_xml(folder: Path, change: str, to: str) -> None:
    path = folder / "DOC00001.xml"
    text = path.read_text(encoding="utf-8")
    assert change in text
    path.write_text(text.replace(change, to, 1), encoding="utf-8")


def only_problem_about(report: ValidationReport, *words: str) -> str:
    """The problems of the report (besides hash drift from the edit) must name all the words."""
    relevant = [p for p in report.problems if "sha256" not in p]
    assert relevant, report.problems
    assert all(all(word in problem for word in words) for problem in relevant), relevant
    return relevant[0]


def test_written_package_is_valid(package: Path) -> None:
    report = validate_package(package)
    assert report.valid, report.problems
    assert report.problems == () and report.warnings == ()
    assert report.target == package


def test_lone_xml_file_is_validated_with_its_images(package: Path) -> None:
    report = validate_package(package / "DOC00001.xml")
    assert report.valid, report.problems


def test_missing_image_file_is_named(package: Path) -> None:
    (package / "imgb0002.tif").unlink()
    report = validate_package(package)
    assert not report.valid
    assert any("imgb0002.tif" in p and "does not exist" in p for p in report.problems)
    assert any("manifest.json lists 'imgb0002.tif'" in p for p in report.problems)
    assert any("toc.xml lists 'imgb0002.tif'" in p for p in report.problems)


def test_toc_that_misses_a_file_is_named(package: Path) -> None:
    toc = package / "toc.xml"
    toc.write_text(
        toc.read_text(encoding="utf-8").replace('<ExtRef FileName="imgf0001.tif"/>\n', ""),
        encoding="utf-8",
    )
    report = validate_package(package)
    problem = only_problem_about(report, "toc.xml", "imgf0001.tif")
    assert "does not list" in problem


def test_broken_idref_is_named_with_its_line(package: Path) -> None:
    edit_xml(package, 'idref="c-de-0001"', 'idref="c-de-0007"')
    report = validate_package(package)
    problem = only_problem_about(report, "DOC00001.xml", "c-de-0007")
    assert "line " in problem


def test_wrong_image_size_is_named(package: Path) -> None:
    edit_xml(package, 'he="51" wi="108"', 'he="51" wi="120"')
    report = validate_package(package)
    problem = only_problem_about(report, "imgb0002.tif", "wi=120", "108 mm")
    assert "line 28" in problem


def test_size_within_a_millimetre_is_accepted(package: Path) -> None:
    edit_xml(package, 'he="51" wi="108"', 'he="52" wi="107"')
    report = validate_package(package)
    assert [p for p in report.problems if "sha256" not in p] == []


def test_image_in_the_wrong_format_is_named(package: Path) -> None:
    bitmap = np.full((600, 1276), 255, dtype=np.uint8)
    write_g4(bitmap, package / "imgb0002.tif", dpi=200)
    report = validate_package(package)
    assert any("imgb0002.tif" in p and "200x200 dpi" in p for p in report.problems)
    assert any("imgb0002.tif: sha256 differs" in p for p in report.problems)


def test_duplicate_id_is_named(package: Path) -> None:
    edit_xml(package, 'id="p0002"', 'id="p0001"')
    report = validate_package(package)
    assert any("'p0001' is used 2 times" in p for p in report.problems)


def test_manifest_without_keys_or_hashes_is_named(package: Path) -> None:
    manifest_path = package / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["created"]
    del manifest["files"]["imgaf001.tif"]
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    report = validate_package(package)
    assert set(report.problems) == {
        "manifest.json lacks the key 'created'",
        "manifest.json has no sha256 for 'imgaf001.tif'",
    }


def test_unknown_bibliographic_data_is_a_warning(tmp_path: Path) -> None:
    document = dataclasses.replace(sample_document(), bibliographic=Bibliographic(country="EP"))
    report = validate_package(write_package(document, info(), tmp_path, NAME))
    assert report.valid, report.problems
    assert len(report.warnings) == 4
    assert all("UNKNOWN" in warning for warning in report.warnings)


def test_malformed_xml_is_a_problem_not_a_crash(package: Path) -> None:
    (package / "DOC00001.xml").write_text("<ep-patent-document>", encoding="utf-8")
    report = validate_package(package / "DOC00001.xml")
    assert not report.valid
    assert "not well-formed" in report.problems[0]


def test_missing_target_is_a_file_access_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccess, match="does not exist"):
        validate_package(tmp_path / "nothing")


def test_black_is_zero_image_is_only_a_warning(package: Path) -> None:
    bitmap = np.full((600, 1276), 255, dtype=np.uint8)
    paper_is_one = Image.fromarray(bitmap >= 128)
    paper_is_one.save(
        package / "imgb0002.tif", compression="group4", dpi=(300, 300), tiffinfo={278: 600}
    )
    report = validate_package(package / "DOC00001.xml")
    assert report.valid, report.problems
    assert len(report.warnings) == 1
    assert "imgb0002.tif" in report.warnings[0] and "BlackIsZero" in report.warnings[0]
