"""ocr36 batch: bad documents fail alone, reruns skip, redo and retry as the journal says."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from batch_documents import (
    folder_digest,
    good_documents,
    journal_rows,
    leftovers,
    not_an_image,
    sample_page,
    source_profile,
    truncated_page_document,
    write_document,
)
from schemas import check

from ocr36 import records
from ocr36.batch import SUMMARY_NAME
from ocr36.batch.summary import BatchSummary
from ocr36.cli import main
from ocr36.errors import ExitCode
from ocr36.journal import Entry, Journal
from ocr36.validate import validate_package


def _batch(in_dir: Path, out_dir: Path, profile: Path, *extra: str) -> int:
    return main(["batch", str(in_dir), "--out", str(out_dir), "--profile", str(profile),
                 "-j", "2", *extra])


def _summary(out_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out_dir / SUMMARY_NAME).read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, int]:
    """Two good documents, a file that is not an image, a folder with a truncated page."""
    tmp = tmp_path_factory.mktemp("batch")
    in_dir = tmp / "in"
    good_documents(in_dir, 2)
    not_an_image(in_dir)
    truncated_page_document(in_dir)
    profile = source_profile(tmp)
    out_dir = tmp / "out"
    records = tmp / "records.csv"
    records.write_text("source,title\ndoc1.tif,Blood sugar simulator\n", "utf-8")
    return in_dir, out_dir, profile, _batch(in_dir, out_dir, profile, "--metadata",
                                            str(records), "--review")


def test_bad_documents_fail_alone(first_run: tuple[Path, Path, Path, int]) -> None:
    in_dir, out_dir, _profile, code = first_run
    assert code == ExitCode.BATCH_FAILURES
    summary = _summary(out_dir)
    assert summary["counts"] == {"converted": 2, "skipped": 0, "failed": 2, "review": 2}
    assert sorted(Path(item["package"]).name for item in summary["review"]) == ["doc1", "doc2"]
    assert summary["documents"] == 4 and summary["pages"] == 2
    assert summary["pages_per_second"] > 0
    errors = {Path(item["source"]).name: item["error"] for item in summary["failed"]}
    assert errors["notes.tif"].startswith(f"{in_dir / 'notes.tif'}: not a readable image")
    assert errors["scan9"].startswith(
        f"{in_dir / 'scan9' / 'page2.png'}: page 2 cannot be decoded (image file is truncated")
    assert sorted(Path(item["package"]).name for item in summary["converted"]) == \
        ["doc1", "doc2"]
    for name in ("doc1", "doc2"):
        assert validate_package(out_dir / name).valid
    assert sorted(p.name for p in out_dir.iterdir() if not p.name.startswith(".")) == \
        ["batch-summary.html", "batch-summary.json", "doc1", "doc1.review", "doc2",
         "doc2.review"]
    assert leftovers(out_dir) == []
    rows = journal_rows(out_dir)
    assert rows["doc1.tif"] == ("done", 1, "doc1")
    assert rows["notes.tif"][:2] == ("failed", 1)
    assert rows["scan9"][:2] == ("failed", 1)


def test_summary_and_journal_match_their_schemas(
        first_run: tuple[Path, Path, Path, int]) -> None:
    _in_dir, out_dir, _profile, _code = first_run
    data = _summary(out_dir)
    check("batch-summary", data)
    assert records.to_json(BatchSummary.from_json(data)) == data
    journal = Journal(out_dir)
    try:
        entries = journal.entries()
    finally:
        journal.close()
    assert len(entries) == 4
    for entry in entries:
        check("journal-entry", entry.to_json())
        assert Entry.from_json(entry.to_json()) == entry


def test_metadata_records_go_to_their_documents(
        first_run: tuple[Path, Path, Path, int]) -> None:
    out_dir = first_run[1]
    assert "Blood sugar simulator" in (out_dir / "doc1" / "DOC00001.xml").read_text("utf-8")
    assert "Blood sugar simulator" not in (out_dir / "doc2" / "DOC00001.xml").read_text("utf-8")


def test_review_pages_and_overview_beside_the_packages(
        first_run: tuple[Path, Path, Path, int]) -> None:
    from lxml import html

    out_dir = first_run[1]
    for name in ("doc1", "doc2"):
        assert (out_dir / f"{name}.review" / "index.html").is_file()
        assert not (out_dir / name / f"{name}.review").exists()  # never inside the package
    page = html.parse(str(out_dir / "batch-summary.html"))
    rows = page.xpath("//table[@class='docs']/tbody/tr")
    statuses = sorted(row.get("data-status") for row in rows)
    assert statuses == ["converted", "converted", "failed", "failed"]
    links = [a.get("href") for a in page.xpath("//table[@class='docs']//a")]
    assert sorted(links) == ["doc1.review/index.html", "doc2.review/index.html"]


def test_rerun_skips_done_and_failed_then_retries_failed(
        first_run: tuple[Path, Path, Path, int], capsys: pytest.CaptureFixture[str]) -> None:
    in_dir, out_dir, profile, _code = first_run
    before = {name: folder_digest(out_dir / name) for name in ("doc1", "doc2")}
    capsys.readouterr()
    assert _batch(in_dir, out_dir, profile) == ExitCode.BATCH_FAILURES
    printed = capsys.readouterr()
    assert "0 converted, 4 skipped (2 done before, 2 failed before), 0 failed" in printed.out
    assert "--retry-failed" in printed.err
    assert {k: v[:2] for k, v in journal_rows(out_dir).items()} == {
        "doc1.tif": ("done", 1), "doc2.tif": ("done", 1), "notes.tif": ("failed", 1),
        "scan9": ("failed", 1)}
    assert _batch(in_dir, out_dir, profile, "--retry-failed") == ExitCode.BATCH_FAILURES
    summary = _summary(out_dir)
    assert summary["counts"]["failed"] == 2 and summary["counts"]["skipped"] == 2
    assert {k: v[:2] for k, v in journal_rows(out_dir).items()} == {
        "doc1.tif": ("done", 1), "doc2.tif": ("done", 1), "notes.tif": ("failed", 2),
        "scan9": ("failed", 2)}
    assert {name: folder_digest(out_dir / name) for name in ("doc1", "doc2")} == before


def test_changed_source_or_profile_is_redone_and_replaces_the_package(tmp_path: Path) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    (document,) = good_documents(in_dir, 1)
    profile = source_profile(tmp_path)
    assert _batch(in_dir, out_dir, profile) == ExitCode.OK
    first = json.loads((out_dir / "doc1" / "manifest.json").read_text("utf-8"))

    # A changed source that cannot be read: the old package stays as it was.
    kept = folder_digest(out_dir / "doc1")
    saved = document.read_bytes()
    document.write_bytes(saved[:200])
    assert _batch(in_dir, out_dir, profile) == ExitCode.BATCH_FAILURES
    assert folder_digest(out_dir / "doc1") == kept

    # A changed source that can: converted again, the package replaced whole.
    page = sample_page()
    page.paste(0, (100, 3300, 140, 3340))  # a speck in the bottom margin
    write_document(document, [page])
    assert _batch(in_dir, out_dir, profile) == ExitCode.OK
    second = json.loads((out_dir / "doc1" / "manifest.json").read_text("utf-8"))
    assert second["source"]["sha256"] != first["source"]["sha256"]
    assert _summary(out_dir)["counts"]["converted"] == 1

    # A changed profile: converted again.
    profile.write_text(profile.read_text("utf-8").replace(
        "packages named after their source file", "another description"), "utf-8")
    assert _batch(in_dir, out_dir, profile) == ExitCode.OK
    third = json.loads((out_dir / "doc1" / "manifest.json").read_text("utf-8"))
    assert third["profile"]["sha256"] != second["profile"]["sha256"]
    assert journal_rows(out_dir)["doc1.tif"] == ("done", 4, "doc1")
    assert leftovers(out_dir) == []
    assert validate_package(out_dir / "doc1").valid


def test_input_folder_must_exist(tmp_path: Path) -> None:
    profile = source_profile(tmp_path)
    assert _batch(tmp_path / "absent", tmp_path / "out", profile) == ExitCode.FILE_ACCESS


def test_pool_goes_on_after_a_worker_dies() -> None:
    """A worker that dies (here it exits at once, as one killed for memory would) fails the
    page it had; the next pages get new workers."""
    from concurrent.futures import wait
    from concurrent.futures.process import BrokenProcessPool

    from ocr36.batch.runners import LocalRunner

    runner = LocalRunner(1)
    try:
        crashed = runner.submit(os._exit, 3)
        wait([crashed])
        with pytest.raises(BrokenProcessPool):
            crashed.result()
        after = runner.submit(abs, -2)
        wait([after])
        assert after.result() == 2
    finally:
        runner.close()
