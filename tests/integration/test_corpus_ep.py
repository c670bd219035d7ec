"""The real EPO publication EP 1 599 469 B1 (79 pages) through `ocr36 convert --profile ep`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import corpus_or_skip, epo_dtd_or_skip

from ocr36.cli import main
from ocr36.evaluate import evaluate
from ocr36.validate import validate_package
from ocr36_synth.scan import degrade_document

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def ep_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = corpus_or_skip()
    out = tmp_path_factory.mktemp("ep") / "out"
    code = main(["convert", str(corpus / "EP1599469B1" / "pages.tif"), "--profile", "ep",
                 "--out", str(out)])
    assert code == 0
    return out / "EP1599469B1"


def test_ep_package_passes_both_validators(ep_package: Path) -> None:
    report = validate_package(ep_package)
    assert report.valid, report.problems
    validator = corpus_or_skip().parent / "tools" / "st36_validate.py"
    if not validator.is_file():
        pytest.skip("the independent validator ../shared/tools/st36_validate.py is absent")
    result = subprocess.run([sys.executable, str(validator), str(ep_package / "DOC00001.xml")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:]


def test_ep_package_satisfies_epos_own_dtd(ep_package: Path) -> None:
    report = validate_package(ep_package, epo_dtd_or_skip())
    assert report.valid, report.problems


def test_ep_bookmarks_and_structure(ep_package: Path) -> None:
    corpus = corpus_or_skip()
    manifest = json.loads((ep_package / "manifest.json").read_text("utf-8"))
    expected = json.loads((corpus / "EP1599469B1" / "bookmarks.json").read_text("utf-8"))
    assert {k: manifest["bookmarks"][k] for k in expected} == expected
    assert manifest["page_count"] == 79
    result = evaluate(ep_package, corpus / "EP1599469B1" / "truth.xml")
    # The targets for this document; measured (README): description 0.80 %, claims en 0.04 /
    # de 0.08 / fr 0.17 %, 389 paragraph numbers, heading F1 0.969, 128 chemistry for 126.
    assert result["counts"]["paragraphs"]["numbers_recovered"] == 389
    assert result["counts"]["paragraphs"]["found"] == 389
    assert result["cer"]["description"] <= 0.009
    for lang in ("en", "de", "fr"):
        assert result["cer"][f"claims:{lang}"] <= 0.003
        assert result["counts"][f"claims:{lang}"] == {"truth": 40, "found": 40}
    assert result["heading_f1"] >= 0.95
    chemistry = result["counts"]["images"]["chem"]
    assert abs(chemistry["found"] - chemistry["truth"]) <= 0.1 * chemistry["truth"]
    assert result["bibliographic"]["right"] == result["bibliographic"]["of"]
    assert result["bookmarks"]["right"] == result["bookmarks"]["of"]


def test_german_claims_with_scan_defects(tmp_path: Path) -> None:
    """The front page and the six pages of German claims with the benchmark's `light` scan
    defects (seed 1599469 plus the page index): every claim found, CER within bounds (measured
    0.11 % on these pages; 0.22 % before words were mended by the document's own words and
    garbled ranges by its printed ones, 0.53 % with the bilevel page read as it is and text
    run together at page breaks, 0.60 % before misread words and cut subscripts were mended)."""
    corpus = corpus_or_skip()
    source = tmp_path / "EP1599469B1-claims-de.tif"
    degrade_document(corpus / "EP1599469B1" / "pages.tif", source, "light", 1599469,
                     pages=(0, *range(66, 72)))  # pages 1 and 67-72
    code = main(["convert", str(source), "--profile", "ep", "--out", str(tmp_path / "out")])
    assert code == 0
    package = next((tmp_path / "out").iterdir())
    result = evaluate(package, corpus / "EP1599469B1" / "truth.xml")
    assert result["counts"]["claims:de"] == {"truth": 40, "found": 40}
    assert result["cer"]["claims:de"] <= 0.0016
