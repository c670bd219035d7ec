"""One small conversion per layout modelled on another office (`ocr36_synth.layouts`), with
the default profile: corpus text rendered in 3 pages, converted with real Tesseract, measured
against the truth. The bounds are what the conversion reaches today; the structure stage is
to do better on the front pages, the running heads and the drawings, not worse elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import corpus_or_skip
from schemas import check

from bench.structure_measures import office_measures
from ocr36.batch import ConvertOptions, convert
from ocr36.evaluate import evaluate
from ocr36.profile import load_profile
from ocr36.validate import validate_package
from ocr36_synth.layouts import render
from ocr36_synth.source import load_patent

pytestmark = pytest.mark.corpus


@dataclass(frozen=True)
class Case:
    source: str
    drawings: bool
    """With a drawing sheet (front page, text, sheet), or without (front, description,
    claims): three pages either way."""
    description_cer: float
    """Bound on the description's CER."""
    fields: tuple[str, ...]
    """Front-page fields read right (measured)."""
    abstract_cer: float = 1.0
    """Bound on the abstract's CER."""
    claims_cer: float = 0.01
    """Bound on each claim set's CER."""
    layout: str = ""
    """The layout, where the case's name is not."""
    read_again_with: tuple[str, ...] = ()
    """The packs the text pages are read again with (none for English text)."""


_EP = "epo/application/v1-4-A1.xml"
_US = "uspto/xmlApp2004/US20050004437A1.xml"
CASES = {
    "ep-a": Case(_EP, True, 0.01, ("doc_number", "kind", "publication_date",
                                   "application_number", "filing_date", "priorities", "ipc",
                                   "titles", "applicants", "inventors", "agents"), 0.01),
    "national": Case("uspto/xml2014/US08930553.xml", False, 0.01,
                     ("doc_number", "publication_date", "titles"), 0.01),
    # a German filing: its text, title and claims are German, told by their words, and
    # read again with the German pack (umlauts and all)
    "national-de": Case("epo/application/v1-2-A2.xml", False, 0.005,
                        ("doc_number", "publication_date", "titles"), 0.005, 0.005, "national",
                        ("deu",)),
    "wo": Case(_US, False, 0.01, ("doc_number", "kind", "publication_date",
                                  "application_number", "filing_date", "priorities", "ipc",
                                  "titles", "applicants", "inventors", "agents"), 0.01),
    "us": Case(_US, True, 0.01, ("doc_number", "kind", "publication_date",
                                 "application_number", "filing_date", "priorities", "ipc",
                                 "titles", "applicants", "inventors"), 0.01),
    "claims-plain": Case("epo/grant/v1-5-B1.xml", False, 0.01, ()),
}


def _rendered(case: Case, layout: str, folder: Path) -> tuple[Path, Path, int]:
    patent = load_patent(corpus_or_skip() / "xml" / case.source)
    if not case.drawings:
        patent = replace(patent, figures=())
    document = render(patent, case.layout or layout, max_pages=3)
    pages = list(document.pages)
    tif, truth = folder / f"{layout}.tif", folder / f"{layout}.truth.json"
    pages[0].save(tif, save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(300, 300))
    truth.write_text(json.dumps(document.truth), "utf-8")
    return tif, truth, len(pages)


@pytest.mark.parametrize("layout", sorted(CASES))
def test_layout_converts_with_the_default_profile(layout: str, tmp_path: Path) -> None:
    case = CASES[layout]
    tif, truth_file, pages = _rendered(case, layout, tmp_path)
    assert pages == 3
    result = convert(tif, tmp_path / "out", ConvertOptions(load_profile("default"), jobs=2))
    assert validate_package(result.package).valid
    manifest = json.loads((result.package / "manifest.json").read_text("utf-8"))
    check("manifest", manifest)
    assert {tuple(page.get("read_again_with", ())) for page in manifest["pages"]} == \
        {case.read_again_with}
    measured = evaluate(result.package, truth_file)
    truth = json.loads(truth_file.read_text("utf-8"))
    assert measured["cer"]["description"] < case.description_cer
    assert measured["cer"].get("abstract", 0.0) <= case.abstract_cer
    for lang, claims in truth["claims"].items():
        assert measured["counts"][f"claims:{lang}"]["found"] == len(claims)
        assert measured["cer"][f"claims:{lang}"] < case.claims_cer
    fields = measured["bibliographic"]["fields"]
    assert [name for name in case.fields if not fields.get(name)] == []
    office = office_measures(result.package, truth_file)
    assert office["sheets"] == len(truth["sheets"]) == int(case.drawings)
    if case.drawings:
        assert office["figures"] == office["sheets"]
