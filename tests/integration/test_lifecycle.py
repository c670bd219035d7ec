"""`convert` and `batch` are one lifecycle: the same failures, the same refusals, the same
pages whichever runner reads them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import wait
from pathlib import Path

import pytest
from batch_documents import (
    good_documents,
    journal_rows,
    source_profile,
    truncated_page_document,
)

from ocr36.batch.ledger import RunLedger, may_replace
from ocr36.batch.runners import LocalRunner, Runner, SerialRunner
from ocr36.batch.tasks import PackedPage, read_page_task
from ocr36.cli import main
from ocr36.errors import ExitCode, FileAccess
from ocr36.ingest import open_source
from ocr36.journal import Journal
from ocr36.pages import PageTask
from ocr36.paths import samples_dir
from ocr36.profile import load_profile

ONE_NAME_PROFILE = """extends = "default"
name = "one-name"
description = "every package named alike"
[output]
package_name = "one"
"""


def _one_name_profile(tmp: Path) -> Path:
    path = tmp / "one-name.toml"
    path.write_text(ONE_NAME_PROFILE, "utf-8")
    return path


def _errors(text: str) -> list[str]:
    return [line.removeprefix("ocr36: error: ") for line in text.splitlines()
            if line.startswith("ocr36: error: ")]


def test_name_clash_is_refused_alike_by_convert_and_batch(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_dir = tmp_path / "in"
    first, second = good_documents(in_dir, 2)
    profile = _one_name_profile(tmp_path)
    converted, batched = tmp_path / "convert", tmp_path / "batch"
    capsys.readouterr()
    assert main(["convert", str(first), str(second), "--out", str(converted), "--profile",
                 str(profile), "-j", "2"]) == ExitCode.BATCH_FAILURES
    told = _errors(capsys.readouterr().err)
    assert main(["batch", str(in_dir), "--out", str(batched), "--profile", str(profile),
                 "-j", "2"]) == ExitCode.BATCH_FAILURES
    expected = f"{second}: its package one was already written from {first.resolve()}"
    assert told[0] == expected
    manifest = json.loads((converted / "one" / "manifest.json").read_text("utf-8"))
    assert manifest["source"]["path"] == str(first.resolve())  # convert: the first input's
    # batch: the first document done keeps its package (documents finish in any order)
    manifest = json.loads((batched / "one" / "manifest.json").read_text("utf-8"))
    winner = Path(manifest["source"]["path"])
    loser = second if winner == first.resolve() else first
    summary = json.loads((batched / "batch-summary.json").read_text("utf-8"))
    assert [item["error"] for item in summary["failed"]] == [
        f"{loser}: its package one was already written from {winner}"]
    assert journal_rows(batched)[loser.name][0] == "failed"


def test_a_page_failure_keeps_its_exit_code_and_message_in_both(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A page that fails in a worker process: `convert` of that one input exits with the
    page's own error (2), of several with 7 and the others converted; `batch` records the
    same message."""
    in_dir = tmp_path / "in"
    (good,) = good_documents(in_dir, 1)
    broken = truncated_page_document(in_dir)
    profile = ["--profile", str(source_profile(tmp_path))]
    capsys.readouterr()
    assert main(["convert", str(broken), "--out", str(tmp_path / "alone"),
                 "-j", "2", *profile]) == ExitCode.BAD_INPUT
    alone = _errors(capsys.readouterr().err)
    assert main(["convert", str(good), str(broken), "--out", str(tmp_path / "both"),
                 "-j", "2", *profile]) == ExitCode.BATCH_FAILURES
    both = capsys.readouterr()
    assert [p.name for p in (tmp_path / "both").iterdir()] == ["doc1"]
    assert f"{good}: {tmp_path / 'both' / 'doc1'}" in both.out
    assert main(["batch", str(in_dir), "--out", str(tmp_path / "batch"),
                 "-j", "2", *profile]) == ExitCode.BATCH_FAILURES
    summary = json.loads((tmp_path / "batch" / "batch-summary.json").read_text("utf-8"))
    message = f"{broken / 'page2.png'}: page 2 cannot be decoded"
    assert alone[0].startswith(message)
    assert _errors(both.err)[0] == alone[0] == summary["failed"][0]["error"]
    assert "remedy: Check the file" in both.err


def _read(runner: Runner, task: PageTask) -> PackedPage:
    try:
        future = runner.submit(read_page_task, task)
        wait([future])
        outcome = future.result()
    finally:
        runner.close()
    assert isinstance(outcome, PackedPage)
    return outcome


def test_serial_and_pool_runners_read_a_page_alike() -> None:
    source = open_source(samples_dir() / "US20050004437A1.tif")
    task = PageTask(source, 2, load_profile("default"))
    serial = _read(SerialRunner(), task).unpack()
    pooled = _read(LocalRunner(1), task).unpack()
    assert serial.text == pooled.text and serial.text.lines
    assert serial.layout == pooled.layout
    assert (serial.skew, serial.rotation, serial.dpi) == (pooled.skew, pooled.rotation,
                                                          pooled.dpi)
    assert serial.packed_page == pooled.packed_page


def test_one_rule_for_the_package_folder(tmp_path: Path) -> None:
    """The journal (batch) and the ledger of a convert run answer alike."""
    (tmp_path / "taken").mkdir()
    journal = Journal(tmp_path)
    try:
        journal.start("a", "sha-a", "p", 1)
        journal.done("a", "mine")
        (tmp_path / "mine").mkdir()
        for ledger in (journal, RunLedger()):
            ledger.done("a", "mine")
            with pytest.raises(FileAccess, match="already written from a"):
                may_replace(ledger, "b", Path("b.tif"), tmp_path / "mine", overwrite=True)
            with pytest.raises(FileAccess, match="already exists"):
                may_replace(ledger, "b", Path("b.tif"), tmp_path / "taken", overwrite=False)
            assert may_replace(ledger, "b", Path("b.tif"), tmp_path / "taken", overwrite=True)
            assert not may_replace(ledger, "b", Path("b.tif"), tmp_path / "new",
                                   overwrite=False)
        # a document's own earlier package (its source or profile changed) is replaced
        assert may_replace(journal, "a", Path("a.tif"), tmp_path / "mine", overwrite=False)
    finally:
        journal.close()


def test_sigterm_stops_a_convert_like_ctrl_c(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "ocr36.cli", "convert", str(samples_dir() / "US20050004437A1.tif"),
         "--out", str(out), "-j", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    # the output folder is made just before SIGTERM is taken as Ctrl-C; its imports can
    # take many seconds on a busy machine, and a signal before then ends it as any process
    deadline = time.monotonic() + 120
    while not out.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    time.sleep(1)  # reading its first pages (8 pages take far longer)
    assert process.poll() is None
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == ExitCode.INTERRUPTED
    assert b"interrupted; nothing partial was left behind" in err
    assert not out.exists() or not any(out.iterdir())
