"""Runs killed from outside: no process of the run outlives it by more than 5 s, SIGTERM
leaves nothing partial (exit 130), the next run removes what a SIGKILL left, and a worker
killed while it reads a page costs a second reading of the page, not the document."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import psutil
import pytest
from batch_documents import journal_rows, leftovers, sample_page, write_document

from ocr36.batch.document import DocumentJob
from ocr36.batch.lifecycle import source_key
from ocr36.batch.options import ConvertOptions
from ocr36.batch.progress import NoProgress
from ocr36.batch.scheduler import WORKER_STOPS_PER_PAGE, Scheduler
from ocr36.cli import main
from ocr36.errors import ExitCode
from ocr36.ingest import open_source
from ocr36.profile import load_profile
from ocr36.validate import validate_package
from ocr36.watchdog import FORK_SERVER

OUTLIVES_S = 5.0
STARTUP_S = 120.0
READING_S = 1.0
"""Time the workers are given to start reading pages before the kill."""


def _document(in_dir: Path, pages: int = 3) -> Path:
    return write_document(in_dir / "doc.tif", [sample_page()] * pages)


def _command(command: str, in_dir: Path, out_dir: Path, jobs: int) -> list[str]:
    source = str(in_dir / "doc.tif") if command == "convert" else str(in_dir)
    return [sys.executable, "-m", "ocr36.cli", command, source, "--out", str(out_dir),
            "-j", str(jobs), "-v"]


def _start(arguments: list[str]) -> subprocess.Popen[bytes]:
    """In a session of its own, so that whatever is left can be cleaned up after the test."""
    return subprocess.Popen(arguments, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def _workers(process: subprocess.Popen[bytes], count: int) -> list[psutil.Process]:
    """The pool workers of the run once `count` of them are up (and have had READING_S to
    start on their pages)."""
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before its workers started"
        workers = [child for child in psutil.Process(process.pid).children(recursive=True)
                   if _is_worker(child, process.pid)]
        if len(workers) >= count:
            time.sleep(READING_S)
            return workers
        time.sleep(0.05)
    pytest.fail("the workers did not start")


def _is_worker(child: psutil.Process, run: int) -> bool:
    """A pool worker: spawned, or forked from the fork server (which the run started)."""
    line = " ".join(_cmdline(child))
    with contextlib.suppress(psutil.Error):
        return "spawn_main" in line or (FORK_SERVER in line and child.ppid() != run)
    return False


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _end(process: subprocess.Popen[bytes]) -> None:
    """Whatever the test left running (nothing, when it passed)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
@pytest.mark.parametrize("command", ["convert", "batch"])
def test_no_process_of_a_run_outlives_it(command: str, signum: int, tmp_path: Path) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    _document(in_dir)
    process = _start(_command(command, in_dir, out_dir, jobs=2))
    try:
        _workers(process, 2)
        tree = psutil.Process(process.pid).children(recursive=True)
        os.kill(process.pid, signum)  # the parent only: its workers must follow by themselves
        deadline = time.monotonic() + OUTLIVES_S
        while any(_alive(child) for child in tree) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = [(child.pid, _cmdline(child)) for child in tree if _alive(child)]
        assert survivors == []
        code = process.wait(timeout=OUTLIVES_S)
    finally:
        _end(process)
    if signum == signal.SIGTERM:
        assert code == ExitCode.INTERRUPTED
        assert not out_dir.exists() or leftovers(out_dir) == []
        assert not out_dir.exists() or not any(p.is_dir() for p in out_dir.iterdir())


def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    """A run killed while it wrote a package leaves its temporary folder; the next run into
    the folder removes it, but never one of a run still alive there."""
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    _document(in_dir, pages=1)
    stale = out_dir / ".doc.partial-0badf00d"
    stale.mkdir(parents=True)
    (stale / "DOC00001.xml").write_text("<half", "utf-8")

    alive = os.open(out_dir, os.O_RDONLY)
    try:
        fcntl.flock(alive, fcntl.LOCK_SH)  # as a run still writing into the folder holds it
        assert main(["convert", str(in_dir / "doc.tif"), "--out", str(out_dir), "-j", "1"]) == \
            ExitCode.OK
        assert leftovers(out_dir) == [stale.name]
    finally:
        os.close(alive)

    for command in ("convert", "batch"):
        out = tmp_path / f"{command}-out"
        leftover = out / stale.name
        leftover.mkdir(parents=True)
        source = in_dir / "doc.tif" if command == "convert" else in_dir
        assert main([command, str(source), "--out", str(out), "-j", "1"]) == ExitCode.OK
        assert leftovers(out) == []


@pytest.mark.parametrize("command", ["convert", "batch"])
def test_a_worker_killed_while_reading_costs_a_second_reading(
        command: str, tmp_path: Path) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    _document(in_dir)
    process = _start(_command(command, in_dir, out_dir, jobs=2))
    try:
        worker = _workers(process, 2)[0]
        worker.send_signal(signal.SIGKILL)  # as the system does to a worker out of memory
        assert process.wait(timeout=STARTUP_S) == ExitCode.OK
        assert process.stderr is not None
        told = process.stderr.read().decode()
    finally:
        _end(process)
    assert re.search(r"doc\.tif: page \d: a worker stopped \(BrokenProcessPool\); read again",
                     told), told
    packages = [p for p in out_dir.iterdir() if p.is_dir()]
    assert len(packages) == 1 and validate_package(packages[0]).valid
    if command == "batch":
        assert [state for state, _, _ in journal_rows(out_dir).values()] == ["done"]


class _WorkersDie:
    """A runner whose workers die on every task: the fault no real page produces on demand."""

    slots = 2

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, function: Any, argument: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("a process in the pool was terminated"))
        return future

    def close(self, cancel: bool = False) -> None:
        pass


def test_a_page_that_stops_workers_again_and_again_fails_its_document(tmp_path: Path) -> None:
    path = _document(tmp_path, pages=1)
    job = DocumentJob(path=path, key=source_key(path), source=open_source(path), record={})
    runner = _WorkersDie()
    Scheduler(iter([job]), ConvertOptions(profile=load_profile("default")),
              lambda _pages: runner, NoProgress(), lambda _job: None).run()
    error = job.error()
    assert error is not None
    assert runner.submitted == WORKER_STOPS_PER_PAGE
    assert error.message.startswith(f"{path}: page 1 stopped a worker 3 times (the last: "
                                    "BrokenProcessPool: a process in the pool was terminated)")
    assert error.exit_code == ExitCode.BAD_INPUT
