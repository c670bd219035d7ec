"""ocr36 batch --scheduler: the same page tasks on a real Dask cluster, the same packages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_documents import (
    folder_digest,
    good_documents,
    journal_rows,
    source_profile,
    truncated_page_document,
)
from distributed import LocalCluster
from pdf_inputs import add_javascript_and_attachment, born_digital_sheets

from ocr36.cli import main
from ocr36.errors import ExitCode


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes of one thread each, on the loopback interface."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local


def _manifest_without_time(package: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((package / "manifest.json").read_text("utf-8"))
    del manifest["created"]
    return manifest


def test_cluster_batch_writes_the_packages_a_local_batch_writes(
        tmp_path: Path, cluster: LocalCluster) -> None:
    in_dir = tmp_path / "in"
    good_documents(in_dir, 2)
    broken = truncated_page_document(in_dir)
    profile = source_profile(tmp_path)
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["batch", str(in_dir), "--out", str(local), "--profile", str(profile),
                 "-j", "2"]) == ExitCode.BATCH_FAILURES
    assert main(["batch", str(in_dir), "--out", str(remote), "--profile", str(profile),
                 "--scheduler", cluster.scheduler_address]) == ExitCode.BATCH_FAILURES
    assert {k: v[0] for k, v in journal_rows(remote).items()} == \
        {"doc1.tif": "done", "doc2.tif": "done", "scan9": "failed"}
    summary = json.loads((remote / "batch-summary.json").read_text("utf-8"))
    assert summary["failed"][0]["error"].startswith(
        f"{broken / 'page2.png'}: page 2 cannot be decoded (image file is truncated")
    local_summary = json.loads((local / "batch-summary.json").read_text("utf-8"))
    assert local_summary["failed"][0]["error"] == summary["failed"][0]["error"]
    for name in ("doc1", "doc2"):
        digests = folder_digest(local / name), folder_digest(remote / name)
        assert sorted(digests[0]) == sorted(digests[1])
        for file in digests[0]:
            if file != "manifest.json":
                assert digests[0][file] == digests[1][file], f"{name}/{file}"
        assert _manifest_without_time(local / name) == _manifest_without_time(remote / name)


def test_cluster_batch_reads_a_born_digital_pdf_from_its_text_layer(
        tmp_path: Path, cluster: LocalCluster) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    born_digital_sheets(in_dir / "doc1.pdf")
    assert main(["batch", str(in_dir), "--out", str(out), "--profile",
                 str(source_profile(tmp_path)), "--scheduler", cluster.scheduler_address]) == 0
    manifest = _manifest_without_time(out / "doc1")
    assert [page["text_source"] for page in manifest["pages"]] == ["pdf", "pdf"]
    assert "wherein the lever turns about a pin" in (out / "doc1" / "DOC00001.xml").read_text(
        "utf-8")


def test_cluster_batch_refuses_a_suspect_pdf_alone(tmp_path: Path,
                                                  cluster: LocalCluster) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    born_digital_sheets(in_dir / "doc1.pdf")
    add_javascript_and_attachment(born_digital_sheets(in_dir / "doc2.pdf"))
    assert main(["batch", str(in_dir), "--out", str(out), "--profile",
                 str(source_profile(tmp_path)), "--scheduler", cluster.scheduler_address]
                ) == ExitCode.BATCH_FAILURES
    assert {k: v[0] for k, v in journal_rows(out).items()} == \
        {"doc1.pdf": "done", "doc2.pdf": "failed"}
    summary = json.loads((out / "batch-summary.json").read_text("utf-8"))
    assert summary["failed"][0]["error"].startswith(
        f"{in_dir / 'doc2.pdf'}: a suspect PDF, refused: JavaScript (the document's open "
        "action); 1 embedded file")
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["doc1"]


def test_scheduler_that_cannot_be_reached_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_dir = tmp_path / "in"
    good_documents(in_dir, 1)
    code = main(["batch", str(in_dir), "--out", str(tmp_path / "out"),
                 "--scheduler", "tcp://127.0.0.1:9"])
    assert code == ExitCode.FILE_ACCESS
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in capsys.readouterr().err
