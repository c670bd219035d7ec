"""PDF input: a scanned PDF converts as its TIFF does, a born-digital PDF is read from its text
layer, bad PDFs are refused with exit 2 and nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pikepdf
import pytest
from batch_documents import journal_rows, sample_page, source_profile, write_document
from conftest import corpus_or_skip
from pdf_inputs import (
    REFUSED,
    SUSPECT,
    add_javascript_and_attachment,
    born_digital_sheets,
    broken_xref,
    scanned_pdf,
    with_javascript_and_attachment,
    with_links_only,
)
from record_engine import PROFILE, recording_of

from ocr36.batch import ConvertOptions, convert
from ocr36.cli import main
from ocr36.errors import BadInput, ExitCode, ProfileError
from ocr36.evaluate import evaluate
from ocr36.ingest import load_page, open_source
from ocr36.model import TextSource
from ocr36.ocr.recorded import replay_spec
from ocr36.pages import PageTask, process_page
from ocr36.paths import samples_dir
from ocr36.pdfsource import open_pdf
from ocr36.pdfsuspect import CONVERT
from ocr36.profile import load_profile
from ocr36_synth.pdf import born_digital_pdf
from ocr36_synth.render import render
from ocr36_synth.source import load_patent

SAMPLE = "US20050004437A1"


def _pages_of(package: Path) -> list[tuple[int, str]]:
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    return [(page["number"], page["text_source"]) for page in manifest["pages"]]


def test_scanned_pdf_pages_are_the_tiff_pages_as_stored(tmp_path: Path) -> None:
    tiff = samples_dir() / f"{SAMPLE}.tif"
    pdf = open_source(scanned_pdf(tiff, tmp_path / "scan.pdf", pages=2))
    assert pdf.page_count == 2
    tif = open_source(tiff)
    for number in (1, 2):
        from_pdf, from_tiff = load_page(pdf, number, 150), load_page(tif, number, 150)
        assert from_pdf.dpi == from_tiff.dpi == 300 and from_pdf.dpi_from_file
        assert (from_pdf.image == from_tiff.image).all()
        assert from_pdf.text_layer == ()


def test_scanned_pdf_gives_the_package_of_its_tiff(sample_package: Path, tmp_path: Path) -> None:
    pdf = scanned_pdf(samples_dir() / f"{SAMPLE}.tif", tmp_path / f"{SAMPLE}.pdf")
    options = ConvertOptions(load_profile(PROFILE), engine=replay_spec(recording_of(SAMPLE)))
    package = convert(pdf, tmp_path / "out", options).package
    assert package.name == sample_package.name
    for file in sorted(sample_package.iterdir()):
        if file.suffix in (".xml", ".tif") and file.name != "toc.xml":
            assert (package / file.name).read_bytes() == file.read_bytes(), file.name
    assert {source for _, source in _pages_of(package)} == {"ocr"}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_pdf_exits_2_and_writes_nothing(name: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / name
    REFUSED[name](bad)
    out = tmp_path / "out"
    assert main(["convert", str(bad), "--out", str(out), "-j", "1"]) == ExitCode.BAD_INPUT
    error = capsys.readouterr().err
    assert name in error and "remedy:" in error
    assert not out.exists() or not any(out.iterdir())


def test_page_named_when_a_page_is_refused(tmp_path: Path) -> None:
    for name in ("giant-page.pdf", "bomb.pdf", "content-bomb.pdf"):
        REFUSED[name](tmp_path / name)
    with pytest.raises(Exception, match=r"giant-page.pdf: page 1 is 50000 x 50000 pt"):
        open_source(tmp_path / "giant-page.pdf")
    with pytest.raises(Exception, match=r"/bomb.pdf: page 1: an image stream .*decompression "
                                        r"bomb"):
        load_page(open_source(tmp_path / "bomb.pdf"), 1, 300)
    with pytest.raises(Exception, match=r"content-bomb.pdf: page 1: a content stream decodes "
                                        r"to more than 64 MB \(a decompression bomb\)"):
        load_page(open_source(tmp_path / "content-bomb.pdf"), 1, 300)


def test_broken_xref_is_repaired_and_said(tmp_path: Path) -> None:
    """With the profile's [ingest] suspect_pdf = "convert" (refused by default)."""
    path = tmp_path / "xref.pdf"
    broken_xref(path)
    page = load_page(open_source(path, CONVERT), 1, 300)
    assert page.image.shape == (1100, 850) and page.dpi == 100
    assert any("damaged and repaired" in warning for warning in page.warnings)


def test_javascript_and_embedded_files_are_ignored_with_a_warning(tmp_path: Path) -> None:
    """With the profile's [ingest] suspect_pdf = "convert" (refused by default)."""
    path = tmp_path / "active.pdf"
    with_javascript_and_attachment(path)
    before = sorted(tmp_path.iterdir())
    page = load_page(open_source(path, CONVERT), 1, 300)
    assert page.image.shape == (1100, 850)
    assert page.warnings == ("active.pdf: the PDF holds JavaScript or actions and embedded "
                             "files; ignored (never run nor extracted)",)
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize("name", sorted(SUSPECT))
def test_a_suspect_pdf_is_refused_by_default_and_converted_when_the_profile_says(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, finding = SUSPECT[name]
    suspect = tmp_path / name
    make(suspect)
    out = tmp_path / "out"
    assert main(["convert", str(suspect), "--out", str(out), "-j", "1"]) == ExitCode.BAD_INPUT
    error = capsys.readouterr().err
    assert f"{suspect}: a suspect PDF, refused: {finding}. Nothing in it was run" in error
    assert 'remedy: ' in error and '[ingest] suspect_pdf = "convert"' in error
    assert not out.exists() or not any(out.iterdir())
    before = sorted(tmp_path.iterdir())
    page = load_page(open_source(suspect, CONVERT), 1, 300)
    assert page.image.shape == (1100, 850) and len(page.warnings) == 1
    assert page.warnings[0].startswith(f"{name}: the PDF ")
    assert sorted(tmp_path.iterdir()) == before  # nothing extracted


def test_links_and_an_open_action_that_goes_to_a_page_are_not_suspect(tmp_path: Path) -> None:
    path = tmp_path / "links.pdf"
    with_links_only(path)
    assert open_pdf(path) == (1, ())


def _actions_pdf(path: Path, open_action: pikepdf.Dictionary, xfa: bool = False) -> Path:
    with_links_only(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.Root.OpenAction = open_action
        if xfa:
            pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[], XFA=pikepdf.Array())
        pdf.save(path)
    return path


def test_what_makes_a_pdf_suspect_is_named(tmp_path: Path) -> None:
    """A chained action, an open action that reaches outside by itself, an XFA form."""
    go = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([0, pikepdf.Name.Fit]),
                            Next=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="1"))
    chained = _actions_pdf(tmp_path / "chained.pdf", go)
    with pytest.raises(BadInput, match=r"refused: JavaScript \(the document's open action\)\."):
        open_pdf(chained)
    web = pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://example.com/")
    with pytest.raises(BadInput, match=r"refused: an action opening a web address \(the "
                                       r"document's open action\); an XFA form"):
        open_pdf(_actions_pdf(tmp_path / "web.pdf", web, xfa=True))
    assert open_pdf(chained, CONVERT) == (1, ("chained.pdf: the PDF holds JavaScript or "
                                              "actions; ignored (never run nor extracted)",))


def test_suspect_pdf_takes_refuse_or_convert(tmp_path: Path) -> None:
    profile = tmp_path / "maybe.toml"
    profile.write_text('extends = "default"\n[ingest]\nsuspect_pdf = "maybe"\n', "utf-8")
    with pytest.raises(ProfileError, match=r"key 'ingest.suspect_pdf' \(line 3\)"):
        load_profile(str(profile))
    assert load_profile("default").ingest.suspect_pdf == "refuse"
    keeping = tmp_path / "keeping.toml"
    keeping.write_text('extends = "default"\n[ingest]\ndamaged_page = "image"\n', "utf-8")
    made = tmp_path / "made.toml"
    assert main(["profiles", "new", "made", "--from", str(keeping), "--out", str(made)]) == 0
    ingest = tomllib.loads(made.read_text("utf-8"))["ingest"]
    assert ingest == {"damaged_page": "image", "suspect_pdf": "refuse"}


def test_a_suspect_pdf_fails_alone_in_a_batch_and_converts_with_a_warning_when_allowed(
        tmp_path: Path) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    page = write_document(tmp_path / "page.tif", [sample_page()])
    in_dir.mkdir()
    scanned_pdf(page, in_dir / "doc1.pdf")
    suspect = add_javascript_and_attachment(scanned_pdf(page, tmp_path / "doc2.pdf"))
    suspect.rename(in_dir / "doc2.pdf")
    profile = source_profile(tmp_path)
    assert main(["batch", str(in_dir), "--out", str(out), "--profile", str(profile),
                 "-j", "1"]) == ExitCode.BATCH_FAILURES
    summary = json.loads((out / "batch-summary.json").read_text("utf-8"))
    errors = {Path(item["source"]).name: item["error"] for item in summary["failed"]}
    assert errors == {"doc2.pdf": f"{in_dir / 'doc2.pdf'}: a suspect PDF, refused: JavaScript "
                                  "(the document's open action); 1 embedded file (the "
                                  "document; not extracted). Nothing in it was run or "
                                  "extracted"}
    assert [Path(item["package"]).name for item in summary["converted"]] == ["doc1"]
    assert {name: row[0] for name, row in journal_rows(out).items()} == {
        "doc1.pdf": "done", "doc2.pdf": "failed"}
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["doc1"]
    (in_dir / "doc1.pdf").unlink()  # done: the run again reads only the refused document
    allowing = tmp_path / "convert.toml"
    allowing.write_text(profile.read_text("utf-8") + '[ingest]\nsuspect_pdf = "convert"\n',
                        "utf-8")
    assert main(["batch", str(in_dir), "--out", str(out), "--profile", str(allowing),
                 "-j", "1"]) == 0
    assert journal_rows(out)["doc2.pdf"][0] == "done"
    manifest = json.loads((out / "doc2" / "manifest.json").read_text("utf-8"))
    assert ("doc2.pdf: the PDF holds JavaScript or actions and embedded files; ignored "
            "(never run nor extracted)") in manifest["pages"][0]["warnings"]
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["doc1", "doc2"]


def test_a_bad_pdf_fails_alone_in_a_batch_of_pdfs_and_tiffs(tmp_path: Path) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    page = write_document(tmp_path / "page.tif", [sample_page()])
    in_dir.mkdir()
    scanned_pdf(page, in_dir / "doc1.pdf")
    REFUSED["html.pdf"](in_dir / "html.pdf")
    profile = source_profile(tmp_path)
    assert main(["batch", str(in_dir), "--out", str(out), "--profile", str(profile),
                 "-j", "1"]) == ExitCode.BATCH_FAILURES
    summary = json.loads((out / "batch-summary.json").read_text("utf-8"))
    errors = {Path(item["source"]).name: item["error"] for item in summary["failed"]}
    assert list(errors) == ["html.pdf"]
    assert errors["html.pdf"].startswith(f"{in_dir / 'html.pdf'}: not a PDF")
    assert [Path(item["package"]).name for item in summary["converted"]] == ["doc1"]


@pytest.fixture(scope="module")
def born_digital(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A rendered corpus publication (3 pages) written as a born-digital PDF, and its truth."""
    source = corpus_or_skip() / "xml" / "uspto" / "xmlApp2004" / f"{SAMPLE}.xml"
    patent = load_patent(source)
    folder = tmp_path_factory.mktemp("born-digital")
    pdf = folder / f"{SAMPLE}.pdf"
    pdf.write_bytes(born_digital_pdf(patent, "ep", 3))
    truth = folder / f"{SAMPLE}.truth.json"
    truth.write_text(json.dumps(render(patent, "ep", max_pages=3).truth), "utf-8")
    return pdf, truth


def test_born_digital_pdf_is_read_from_its_text_layer(born_digital: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    pdf, truth = born_digital
    code = main(["convert", str(pdf), "--out", str(tmp_path / "out"), "-j", "2"])
    assert code == 0
    package = tmp_path / "out" / SAMPLE
    measured = evaluate(package, truth)
    assert measured["cer"]["description"] < 0.001
    assert measured["cer"]["claims:en"] < 0.001
    sources = dict(_pages_of(package))
    assert sources[1] == sources[2] == "pdf"


NO_WORKERS = ("import multiprocessing, sys; multiprocessing.set_executable('/bin/false'); "
              "from ocr36.cli import main; sys.exit(main(sys.argv[1:]))")
"""`ocr36` in a process that cannot start a worker: each one it starts exits at once."""


def test_a_short_born_digital_pdf_is_read_without_workers(born_digital: tuple[Path, Path],
                                                          tmp_path: Path) -> None:
    """Its pages come from its text layer at a fraction of a worker's start: they are read
    in the converting process, even with -j 2 (a pool here would fail every page)."""
    pdf, _ = born_digital
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", NO_WORKERS, "convert", str(pdf), "--out",
                           str(out), "-j", "2"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert {source for _, source in _pages_of(out / SAMPLE)} == {"pdf"}


def test_ocr_all_reads_a_born_digital_pdf_by_ocr(born_digital: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    pdf, _ = born_digital
    code = main(["convert", str(pdf), "--out", str(tmp_path / "out"), "-j", "2", "--ocr-all"])
    assert code == 0
    assert {source for _, source in _pages_of(tmp_path / "out" / SAMPLE)} == {"ocr"}


def test_a_drawing_sheet_is_read_from_its_layer_and_a_scanned_insert_by_ocr(
        tmp_path: Path) -> None:
    """The numerals drawn into a drawing are the picture's; a paragraph placed as an image
    is text the layer lacks."""
    profile = load_profile("default")
    sheets = open_source(born_digital_sheets(tmp_path / "drawing.pdf"))
    assert load_page(sheets, 1, 300).warnings == ()  # opened at page 1: no action
    drawing = process_page(PageTask(sheets, 2, profile))
    assert drawing.text_source is TextSource.PDF
    assert [line.text for line in drawing.text.lines] == ["FIG. 1"]
    assert len(drawing.layout.image_regions) == 1 and len(drawing.layout.text_regions) == 2
    inserted = open_source(born_digital_sheets(tmp_path / "insert.pdf", insert=True))
    page = process_page(PageTask(inserted, 1, profile))
    assert page.text_source is TextSource.OCR
    assert "the panel can be removed" in " ".join(line.text for line in page.text.lines)
