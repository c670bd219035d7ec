"""A system that starts no worker process: the run stops with its own exit code and a remedy,
nothing partial is left, and the journal of a batch holds no document as failed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "US20050004437A1.tif"
RUN = "from ocr36.cli import main; sys.exit(main(sys.argv[1:]))"
NO_PROCESS = ("import errno, sys, multiprocessing.util as util\n"
              "def refuse(*args, **kwargs):\n"
              "    raise BlockingIOError(errno.EAGAIN, 'Resource temporarily unavailable')\n"
              "util.spawnv_passfds = refuse\n" + RUN)
"""`ocr36` on a system that starts no process: each start fails as fork(2) does at a process
limit or out of memory (a root account is not held to RLIMIT_NPROC, so it is injected)."""
DYING_WORKERS = ("import sys, multiprocessing\n"
                 "from multiprocessing import resource_tracker\n"
                 "resource_tracker.ensure_running()\n"
                 "multiprocessing.set_executable('/bin/false')\n" + RUN)
"""`ocr36` whose worker processes start and stop at once, before they can take a page."""


def _run(program: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", program, *args], capture_output=True,
                          text=True, check=False, timeout=120)


def test_convert_that_cannot_start_workers_exits_8_with_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _run(NO_PROCESS, "convert", str(SAMPLE), "--out", str(out), "-j", "2")
    assert done.returncode == 8, done.stderr
    assert "worker processes could not be started: Resource temporarily" in done.stderr
    assert "remedy: " in done.stderr and "-j 1" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("program", [NO_PROCESS, DYING_WORKERS], ids=["no-process", "dying"])
def test_batch_that_cannot_start_workers_fails_no_document(tmp_path: Path, program: str) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    done = _run(program, "batch", str(source), "--out", str(out), "-j", "2")
    assert done.returncode == 8, done.stderr
    assert "worker processes could not be started" in done.stderr
    assert "Traceback" not in done.stderr
    assert not [path for path in out.iterdir() if not path.name.startswith(".ocr36-")]
    with sqlite3.connect(out / ".ocr36-journal.sqlite") as journal:
        states = journal.execute("select state from documents").fetchall()
    assert ("failed",) not in states  # a rerun reads it: the fault was not the document's
