"""A batch killed at any moment and run again: every document once, nothing partial, earlier
packages untouched; a second batch on the same folder is refused."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_documents import (
    folder_digest,
    good_documents,
    journal_rows,
    leftovers,
    source_profile,
)

from ocr36.cli import main
from ocr36.errors import ExitCode
from ocr36.journal import LOCK_NAME
from ocr36.validate import validate_package

TIMEOUT_S = 240


def _start(in_dir: Path, out_dir: Path, profile: Path) -> subprocess.Popen[bytes]:
    """The batch in a process group of its own, so that it can be killed with its workers."""
    return subprocess.Popen(
        [sys.executable, "-m", "ocr36.cli", "batch", str(in_dir), "--out", str(out_dir),
         "--profile", str(profile), "-j", "2"],
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def _wait_for(condition: str, check: object, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        assert callable(check)
        try:
            if check():
                return
        except (OSError, sqlite3.Error):
            pass  # not created yet
        assert process.poll() is None, f"the batch ended before {condition}"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail(f"timed out waiting for {condition}")


def test_killed_batch_converts_every_document_exactly_once(tmp_path: Path) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    documents = good_documents(in_dir, 4)
    profile = source_profile(tmp_path)
    process = _start(in_dir, out_dir, profile)
    _wait_for("the first document is done",
              lambda: any(state == "done" for state, _, _ in journal_rows(out_dir).values()),
              process)
    os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, as a power cut would
    process.wait()
    done_before = {name: package for name, (state, _, package) in journal_rows(out_dir).items()
                   if state == "done"}
    assert 1 <= len(done_before) < len(documents)
    kept = {package: folder_digest(out_dir / package) for package in done_before.values()}

    assert main(["batch", str(in_dir), "--out", str(out_dir), "--profile", str(profile),
                 "-j", "2"]) == ExitCode.OK

    rows = journal_rows(out_dir)
    assert sorted(rows) == sorted(d.name for d in documents)
    assert all(state == "done" for state, _, _ in rows.values())
    for name in done_before:
        assert rows[name][1] == 1  # not converted a second time
    packages = sorted(p.name for p in out_dir.iterdir() if not p.name.startswith(".")
                      and p.is_dir())
    assert packages == sorted(d.stem for d in documents)
    assert leftovers(out_dir) == []
    for package, digest in kept.items():
        assert folder_digest(out_dir / package) == digest
    for package in packages:
        assert validate_package(out_dir / package).valid


def test_second_batch_on_the_same_folder_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    good_documents(in_dir, 2)
    profile = source_profile(tmp_path)
    process = _start(in_dir, out_dir, profile)
    _wait_for("the first batch holds the folder",
              lambda: (out_dir / LOCK_NAME).read_text().strip() == str(process.pid), process)
    capsys.readouterr()
    code = main(["batch", str(in_dir), "--out", str(out_dir), "--profile", str(profile)])
    message = capsys.readouterr().err
    assert code == ExitCode.FILE_ACCESS
    assert f"{out_dir}: another batch is already writing to this folder (process " \
           f"{process.pid})" in message
    assert process.wait(timeout=TIMEOUT_S) == ExitCode.OK
    assert sorted(state for state, _, _ in journal_rows(out_dir).values()) == ["done", "done"]
    assert main(["batch", str(in_dir), "--out", str(out_dir), "--profile", str(profile)]) == \
        ExitCode.OK
