"""A batch's first worker starts before the first document is opened, when some document is
likely to need reading; a rerun with every document done starts none. The `ocr36 batch`
command starts its fork server as it begins, beside its own imports. Workers forked from
the fork server die with it, and the pool goes on with a new one."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import psutil
import pytest
from batch_documents import sample_page, write_document

from ocr36.batch.forkserver import uses_fork_server
from ocr36.batch.options import ConvertOptions
from ocr36.batch.run import _work_likely
from ocr36.batch.runners import LocalRunner
from ocr36.batch.timeline import SERVER_STARTING, STARTING, TIMELINE_VARIABLE
from ocr36.journal import Journal
from ocr36.profile import load_profile
from ocr36.watchdog import FORK_SERVER

OUTLIVES_S = 5.0


def test_local_runner_starts_its_first_worker_as_it_is_made() -> None:
    runner = LocalRunner(2)
    try:
        assert len(multiprocessing.active_children()) == 1  # before any page is handed out
        # the first task keeps the first worker busy, so the second task needs a second
        first, second = runner.submit(time.sleep, 1.0), runner.submit(abs, -4)
        assert (first.result(timeout=120), second.result(timeout=120)) == (None, 4)
        assert len(multiprocessing.active_children()) == 2  # the second, for the second task
    finally:
        runner.close()
    assert not multiprocessing.active_children()


def _servers() -> list[psutil.Process]:
    """This process's fork servers (alive or not yet waited for)."""
    return [child for child in psutil.Process().children()
            if FORK_SERVER in " ".join(child.cmdline())]


@pytest.mark.skipif(not uses_fork_server(), reason="workers are spawned here")
def test_workers_forked_from_the_server_die_with_it() -> None:
    runner = LocalRunner(2)
    try:
        first, second = runner.submit(time.sleep, 3.0), runner.submit(abs, -4)
        assert second.result(timeout=120) == 4
        [server] = _servers()
        assert server.ppid() == os.getpid()
        workers = server.children()
        assert len(workers) == 2
        server.kill()  # as the system does to a process out of memory
        gone, alive = psutil.wait_procs(workers, timeout=OUTLIVES_S)
        assert alive == [] and len(gone) == 2
        assert runner.submit(abs, -5).result(timeout=120) == 5  # a new pool, a new server
        assert first.exception(timeout=120) is not None  # its worker died: told, not lost
    finally:
        runner.close()
    assert not multiprocessing.active_children()
    assert _servers() == []  # stopped and waited for with the pool


def test_workers_start_early_only_for_documents_not_known_done(tmp_path: Path) -> None:
    options = ConvertOptions(load_profile("default"))
    documents = [tmp_path / "a.tif", tmp_path / "b.tif"]
    journal = Journal(tmp_path)
    try:
        assert _work_likely(journal, documents, options)  # never seen
        for path in documents:
            key = str(path.resolve())
            journal.start(key, "s", options.profile.sha256, 1)
            journal.writing(key, path.stem)
            journal.done(key, path.stem)
        assert not _work_likely(journal, documents, options)  # a rerun: all done
        journal.failed(str(documents[1].resolve()), "page 1: unreadable")
        assert not _work_likely(journal, documents, options)
        assert _work_likely(journal, documents, replace(options, retry_failed=True))
        other = replace(options, profile=load_profile("ep"))
        assert _work_likely(journal, documents, other)  # another profile: read again
    finally:
        journal.close()


@pytest.mark.skipif(not uses_fork_server(), reason="workers are spawned here")
def test_batch_starts_its_fork_server_beside_its_own_imports(tmp_path: Path) -> None:
    in_dir, out_dir, timeline = tmp_path / "in", tmp_path / "out", tmp_path / "timeline.jsonl"
    write_document(in_dir / "doc.tif", [sample_page()])
    done = subprocess.run(
        [sys.executable, "-m", "ocr36.cli", "batch", str(in_dir), "--out", str(out_dir),
         "-j", "1"], capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, TIMELINE_VARIABLE: str(timeline), "OMP_THREAD_LIMIT": "1"})
    assert done.returncode == 0, done.stderr
    spans = [json.loads(line) for line in timeline.read_text().splitlines()]
    [server] = [span for span in spans if span["what"] == SERVER_STARTING]
    [main] = [span for span in spans if span["what"] == STARTING
              and span["pid"] == server["parent"]]
    assert server["start"] < main["end"]  # started while the command still imported
    assert len(list(out_dir.glob("*/manifest.json"))) == 1
