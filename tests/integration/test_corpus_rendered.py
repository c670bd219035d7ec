"""Rendered corpus documents in layouts the default profile was not tuned for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import corpus_or_skip

from ocr36.batch import ConvertOptions, convert
from ocr36.evaluate import evaluate
from ocr36.profile import load_profile
from ocr36.validate import validate_package
from ocr36_synth.render import render
from ocr36_synth.source import load_patent

pytestmark = pytest.mark.corpus


def _render(source: Path, layout: str, folder: Path) -> tuple[Path, Path]:
    document = render(load_patent(source), layout, max_pages=6)
    tif = folder / f"{source.stem}-{layout}.tif"
    document.pages[0].save(tif, save_all=True, append_images=list(document.pages[1:]),
                           compression="group4", dpi=(300, 300))
    truth = folder / f"{source.stem}-{layout}.truth.json"
    truth.write_text(json.dumps(document.truth), "utf-8")
    return tif, truth


def test_grant_in_plain_layout_with_claims_in_three_languages(tmp_path: Path) -> None:
    source = corpus_or_skip() / "xml" / "epo" / "grant" / "v1-2-B1.xml"
    tif, truth_file = _render(source, "plain", tmp_path)
    result = convert(tif, tmp_path / "out", ConvertOptions(load_profile("default"), jobs=2))
    assert validate_package(result.package).valid
    measured = evaluate(result.package, truth_file)
    truth = json.loads(truth_file.read_text("utf-8"))
    # "Patentansprüche" and "Revendications" open claim sets of their own
    assert sorted(c.lang for c in result.document.claims) == sorted(truth["claims"])
    assert measured["counts"]["claims:en"]["found"] == len(truth["claims"]["en"])
    for lang in ("de", "fr"):
        assert result.document.bookmarks[f"claims:{lang}"] == truth["bookmarks"][f"claims:{lang}"]
    assert measured["cer"]["description"] < 0.01


def test_abstract_printed_without_its_inid_code(tmp_path: Path) -> None:
    source = corpus_or_skip() / "xml" / "uspto" / "xml2014" / "US08926509.xml"
    tif, truth_file = _render(source, "plain", tmp_path)
    result = convert(tif, tmp_path / "out", ConvertOptions(load_profile("default"), jobs=2))
    measured = evaluate(result.package, truth_file)
    assert measured["cer"]["abstract"] < 0.02
    assert result.document.bookmarks["abstract"] == 1


def test_abstract_running_onto_the_second_page(tmp_path: Path) -> None:
    """The description opens with its heading on page 3; the line of abstract on page 2
    stays in the abstract, and the printed paragraph numbers ([001] ...) are all read."""
    source = corpus_or_skip() / "xml" / "uspto" / "xmlApp2004" / "US20050004974A1.xml"
    tif, truth_file = _render(source, "plain", tmp_path)
    result = convert(tif, tmp_path / "out", ConvertOptions(load_profile("default"), jobs=2))
    measured = evaluate(result.package, truth_file)
    truth = json.loads(truth_file.read_text("utf-8"))
    assert result.document.bookmarks["description"] == truth["bookmarks"]["description"]
    assert measured["cer"]["abstract"] < 0.01
    paragraphs = measured["counts"]["paragraphs"]
    assert paragraphs["numbers_recovered"] == paragraphs["truth"] == paragraphs["found"]


def test_german_claims_numbered_with_full_stop_and_bracket(tmp_path: Path) -> None:
    """A German application in two columns whose claims are printed "1.)", "2.)" ..."""
    source = corpus_or_skip() / "xml" / "epo" / "application" / "v1-1-A1.xml"
    tif, truth_file = _render(source, "two-column", tmp_path)
    result = convert(tif, tmp_path / "out", ConvertOptions(load_profile("default"), jobs=2))
    truth = json.loads(truth_file.read_text("utf-8"))
    measured = evaluate(result.package, truth_file)
    assert [c.lang for c in result.document.claims] == ["de"]
    assert measured["counts"]["claims:de"]["found"] == len(truth["claims"]["de"]) == 6
    assert measured["cer"]["claims:de"] < 0.04
