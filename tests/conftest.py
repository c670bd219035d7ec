"""Shared fixtures: the bundled samples converted once per session, and the corpus.

The samples are converted with the engine's results replayed from tests/data/recorded/ (no
Tesseract, seconds), for the tests of what a package holds; the `live_` fixtures convert
with Tesseract itself, for the tests of how well it reads. Record again with
tests/record_engine.py when a conversion asks the engine something new."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from record_engine import replay

from ocr36 import package
from ocr36.cli import main
from ocr36.paths import project_root, samples_dir, shared_corpus
from ocr36.schema import validate_tree

EPO_DTD = project_root().parent / "shared" / "reference" / "dtd" / "epo" / \
    "ep-patent-document-v1-5.dtd"
"""EPO's own DTD (not shipped with ocr36: it is EPO's file)."""


def corpus_or_skip() -> Path:
    corpus = shared_corpus()
    if corpus is None:
        pytest.skip("the development corpus ../shared/corpus is absent (a user's clone)")
    return corpus


def epo_dtd_or_skip() -> Path:
    if not EPO_DTD.is_file():
        pytest.skip("EPO's DTD ../shared/reference/dtd/epo/ is absent (a user's clone)")
    return EPO_DTD


@pytest.fixture(autouse=True)
def ep_output_satisfies_epos_dtd(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every ep-patent-document a test writes as a package is also checked against EPO's
    own DTD, where ../shared holds it: one that fails it is not written (exit 4), so the
    test that wrote it fails. Returns the documents checked."""
    checked: list[str] = []
    if not EPO_DTD.is_file():
        return checked

    def validate_also_against_epos_dtd(tree: etree._ElementTree,
                                       dtd: Path | None = None) -> None:
        if tree.getroot().tag == "ep-patent-document":
            validate_tree(tree, dtd or EPO_DTD)
            checked.append(str(tree.getroot().get("doc-number", "")))
        else:
            validate_tree(tree, dtd)

    monkeypatch.setattr(package, "validate_tree", validate_also_against_epos_dtd)
    return checked


def truth_of(sample: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((samples_dir() / f"{sample}.truth.json").read_text("utf-8"))
    return data


def convert_to(tmp: Path, *args: str) -> tuple[int, Path]:
    out = tmp / "out"
    code = main(["convert", *args, "--out", str(out)])
    return code, out


def _converted(factory: pytest.TempPathFactory, sample: str, package: str) -> Path:
    code, out = convert_to(factory.mktemp(sample), str(samples_dir() / f"{sample}.tif"))
    assert code == 0
    return out / package


def replayed(factory: pytest.TempPathFactory, sample: str) -> Path:
    return replay(sample, factory.mktemp(f"{sample}-replayed") / "out")


@pytest.fixture(scope="session")
def sample_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """samples/US20050004437A1.tif converted with the default profile (replayed)."""
    return replayed(tmp_path_factory, "US20050004437A1")


@pytest.fixture(scope="session")
def two_column_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-column sample, replayed."""
    return replayed(tmp_path_factory, "US08930553B2-two-column")


@pytest.fixture(scope="session")
def live_scanned_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scanned sample converted through Tesseract."""
    return _converted(tmp_path_factory, "US20050004437A1-scan", "US20050004437A1")


@pytest.fixture(scope="session")
def live_two_column_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-column sample converted through Tesseract."""
    return _converted(tmp_path_factory, "US08930553B2-two-column", "US08930553B2")


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A language pack file of its own, with the cache in a folder of the test's own."""
    monkeypatch.setenv("OCR36_CACHE", str(tmp_path / "cache"))
    traineddata = tmp_path / "xyz.traineddata"
    traineddata.write_bytes(b"model")
    return traineddata
