"""Package writing: complete and valid or absent, deterministic, never clobbering by accident."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from lxml import etree
from test_st36 import sample_document

import ocr36.package
from ocr36 import paths
from ocr36.corrections.record import Correction
from ocr36.errors import FileAccess, InvalidOutput
from ocr36.model import Bibliographic, Bitmap, Document
from ocr36.package import MANIFEST_KEYS, PackageInfo, write_package
from ocr36.tiff import read_tiff_facts
from ocr36.validate import validate_package

NAME = "EP1599469B1"
EXPECTED_FILES = {
    "DOC00001.xml",
    "toc.xml",
    "manifest.json",
    "imgaf001.tif",
    "imgb0001.tif",
    "imgb0002.tif",
    "imgf0001.tif",
    "srep0001.tif",
}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def info(created: str = "2024-05-01T10:00:00+00:00") -> PackageInfo:
    return PackageInfo(
        source_path=Path("/data/scans/EP1599469B1.tif"),
        source_sha256="ab" * 32,
        profile_name="epo",
        profile_sha256="cd" * 32,
        versions={"ocr36": "1.0.0", "tesseract": "5.3.4"},
        created=created,
    )


def leftovers(out_dir: Path) -> list[str]:
    return sorted(p.name for p in out_dir.iterdir() if p.name.startswith("."))


def test_package_holds_every_file(tmp_path: Path) -> None:
    folder = write_package(sample_document(), info(), tmp_path, NAME)
    assert folder == tmp_path / NAME
    assert {p.name for p in folder.iterdir()} == EXPECTED_FILES
    assert leftovers(tmp_path) == []
    for tif in folder.glob("*.tif"):
        facts = read_tiff_facts(tif)
        assert (facts.bits, facts.compression, facts.dpi, facts.strips, facts.photometric) == (
            1,
            "group4",
            (300, 300),
            1,
            "WhiteIsZero",
        )
    root = etree.parse(str(folder / "DOC00001.xml"), PARSER).getroot()
    assert root.get("file") == "DOC00001.xml"
    referenced = {el.get("file") for el in root.iter("img", "doc-page")}
    assert referenced == {name for name in EXPECTED_FILES if name.endswith(".tif")}


def test_toc_lists_every_file_but_itself_in_epo_form(tmp_path: Path) -> None:
    folder = write_package(sample_document(), info(), tmp_path, NAME)
    toc_bytes = (folder / "toc.xml").read_bytes()
    assert b"<!DOCTYPE Application-body [" in toc_bytes
    # the internal subset is EPO's own: the toc is valid against it
    toc = etree.fromstring(toc_bytes, etree.XMLParser(dtd_validation=True, no_network=True))
    assert toc.tag == "Application-body"
    assert {key: toc.get(key) for key in ("id", "country", "kind", "appnum", "pubdate")} == {
        "id": "1599469",
        "country": "EP",
        "kind": "B1",
        "appnum": "04818324.8",
        "pubdate": "2006/06/07",
    }
    names = [ref.get("FileName") for ref in toc.iter("ExtRef")]
    assert names[0] == "DOC00001.xml"
    assert set(names) == EXPECTED_FILES - {"toc.xml"}
    assert len(names) == len(set(names))


def test_manifest_records_provenance_pages_and_hashes(tmp_path: Path) -> None:
    folder = write_package(sample_document(), info(), tmp_path, NAME)
    text = (folder / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(text)
    assert sorted(manifest) == sorted(MANIFEST_KEYS)
    assert text == json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert manifest["source"] == {"path": "/data/scans/EP1599469B1.tif", "sha256": "ab" * 32}
    assert manifest["profile"] == {"name": "epo", "sha256": "cd" * 32}
    assert manifest["page_count"] == 12
    assert manifest["bookmarks"]["claims"] == 5
    assert manifest["pages"][0] == {
        "number": 1,
        "kind": "front",
        "skew": 0.25,
        "rotation": 0,
        "mean_confidence": 91.3,
        "dpi": 300,
        "warnings": [],
        "text_source": "ocr",
    }
    assert manifest["warnings"] == ["page 10: blank page"]
    assert set(manifest["files"]) == EXPECTED_FILES - {"manifest.json"}
    for name, digest in manifest["files"].items():
        assert ocr36.package.sha256_of(folder / name) == digest


def test_manifest_records_each_correction_of_the_text(tmp_path: Path) -> None:
    corrections = (Correction("carbon-range", 5, "C,.4-Alkyl,", "C1-4-Alkyl,"),
                   Correction("bar-between-words", 6, "|", ""))
    document = dataclasses.replace(sample_document(), corrections=corrections)
    folder = write_package(document, info(), tmp_path, NAME)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["corrections"] == [
        {"rule": "carbon-range", "page": 5, "before": "C,.4-Alkyl,", "after": "C1-4-Alkyl,"},
        {"rule": "bar-between-words", "page": 6, "before": "|", "after": ""}]
    assert tuple(Correction.from_json(c) for c in manifest["corrections"]) == corrections
    assert validate_package(folder).valid


def test_second_write_is_byte_identical_but_for_created(tmp_path: Path) -> None:
    first = write_package(sample_document(), info(), tmp_path / "one", NAME)
    second = write_package(
        sample_document(), info("2025-01-01T00:00:00+00:00"), tmp_path / "two", NAME
    )
    for name in sorted(EXPECTED_FILES - {"manifest.json"}):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    one = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    two = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    assert one.pop("created") != two.pop("created")
    assert one == two


def test_existing_package_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = write_package(sample_document(), info(), tmp_path, NAME)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    changed = dataclasses.replace(sample_document(), lang="de")
    with pytest.raises(FileAccess, match=NAME) as raised:
        write_package(changed, info(), tmp_path, NAME)
    assert "--overwrite" in raised.value.remedy
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert leftovers(tmp_path) == []


def test_overwrite_swaps_the_package(tmp_path: Path) -> None:
    folder = write_package(sample_document(), info(), tmp_path, NAME)
    (folder / "stale.txt").write_text("from an older run")
    changed = dataclasses.replace(sample_document(), lang="de")
    write_package(changed, info(), tmp_path, NAME, overwrite=True)
    assert {p.name for p in folder.iterdir()} == EXPECTED_FILES
    root = etree.parse(str(folder / "DOC00001.xml"), PARSER).getroot()
    assert root.get("lang") == "de"
    assert leftovers(tmp_path) == []


def test_failure_midway_leaves_no_partial_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write_g4 = ocr36.package.write_g4
    written: list[str] = []

    def failing_write_g4(bitmap: Bitmap, path: Path, dpi: int = 300) -> None:
        if len(written) == 2:
            raise FileAccess(f"cannot write {path}: No space left on device")
        real_write_g4(bitmap, path, dpi)
        written.append(path.name)

    monkeypatch.setattr(ocr36.package, "write_g4", failing_write_g4)
    with pytest.raises(FileAccess, match="No space left"):
        write_package(sample_document(), info(), tmp_path, NAME)
    assert len(written) == 2
    assert list(tmp_path.iterdir()) == []


def test_failure_during_overwrite_keeps_the_old_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_package(sample_document(), info(), tmp_path, NAME)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def failing_write_g4(bitmap: Bitmap, path: Path, dpi: int = 300) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(ocr36.package, "write_g4", failing_write_g4)
    with pytest.raises(FileAccess, match="disk is full"):
        write_package(sample_document(), info(), tmp_path, NAME, overwrite=True)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert leftovers(tmp_path) == []


def test_image_that_is_not_2d_writes_nothing(tmp_path: Path) -> None:
    document = sample_document()
    bad = dataclasses.replace(document.illustrations[0], image=np.zeros(10, dtype=np.uint8))
    broken = dataclasses.replace(document, illustrations=(bad, *document.illustrations[1:]))
    with pytest.raises(InvalidOutput, match="2-D"):
        write_package(broken, info(), tmp_path, NAME)
    assert list(tmp_path.iterdir()) == []


def test_invalid_document_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    document: Document = dataclasses.replace(sample_document(), lang="english")
    with pytest.raises(InvalidOutput, match="does not conform"):
        write_package(document, info(), tmp_path / "out", NAME)
    assert not (tmp_path / "out").exists()


def test_unwritable_output_folder_is_a_file_access_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(FileAccess, match="file"):
        write_package(sample_document(), info(), blocker / "out", NAME)


def minimal_document() -> Document:
    """Only what OCR of a poor front page may leave: no bibliographic data, abstract or figures."""
    document = sample_document()
    return dataclasses.replace(
        document,
        bibliographic=Bibliographic(country="EP"),
        abstract=(),
        figures=(),
        illustrations=document.illustrations[:2],
        search_report_pages=(),
    )


@pytest.mark.parametrize("make_document", [sample_document, minimal_document])
def test_package_passes_the_independent_st36_checker(
    tmp_path: Path, make_document: Callable[[], Document]
) -> None:
    checker = Path(paths.project_root()).parent / "shared" / "tools" / "st36_validate.py"
    if not checker.is_file():
        pytest.skip(f"the independent checker {checker} is absent")
    folder = write_package(make_document(), info(), tmp_path, NAME)
    result = subprocess.run(
        [sys.executable, str(checker), "--quiet", str(folder / "DOC00001.xml")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["valid"] is True and summary["problems"] == []
