"""A batch's first worker starts before the first document is opened, when some document is
likely to need reading; a rerun with every document done starts none."""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import replace
from pathlib import Path

from ocr36.batch.options import ConvertOptions
from ocr36.batch.run import _work_likely
from ocr36.batch.runners import LocalRunner
from ocr36.journal import Journal
from ocr36.profile import load_profile


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
